"""/api/docs/ renders Swagger UI from the app's own files, under the site's CSP, and passes axe."""

from tests.browser.test_accessibility import assert_no_wcag_violations
from tests.browser.test_pages_in_browser import csp_violations  # noqa: F401  (a fixture)


def test_api_docs_render_under_the_csp_and_pass_axe(site_url, page, csp_violations):  # noqa: F811
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    response = page.goto(site_url + "/api/docs/")
    assert response.status == 200
    page.wait_for_selector("#swagger-ui .opblock", timeout=15_000)
    assert page.locator("#swagger-ui .opblock").count() >= 40
    assert csp_violations == []
    assert all(url.startswith(site_url) for url in requested)
    assert_no_wcag_violations(page)
