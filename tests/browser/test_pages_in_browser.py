"""A researcher's way through the pages in real Chromium, keyboard use, axe on every new
page (with a full-page screenshot under var/screenshots/), and the admin under the CSP."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from tests.browser.test_accessibility import assert_no_wcag_violations

SCREENSHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"

PAGES = {
    "countries": ("/countries/", 200),
    "profile": ("/countries/IT/", 200),
    "compare": ("/compare/?countries=IT,DE,FI&sections=access,quality&collection=2023", 200),
    "compare-form": ("/compare/", 200),
    "compare-error": ("/compare/?countries=IT,ZZ&collection=abc", 400),
    "compare-print": ("/compare/print/?countries=IT,DE,FI&sections=introduction", 200),
    "section": ("/sections/introduction/?collection=2023", 200),
    "section-index": ("/sections/", 200),
    "changes": ("/countries/DE/2025/changes/", 200),
    "section-changes": ("/countries/IT/2023/changes/introduction/", 200),
    "record-section": ("/countries/IT/2023/sections/introduction/", 200),
    "coverage": ("/coverage/?collection=2023", 200),
    "about": ("/about/", 200),
    "accessibility": ("/accessibility/", 200),
    "how-to-cite": ("/how-to-cite/", 200),
    "licence": ("/licence/", 200),
    "not-found": ("/countries/ZZ/", 404),
    "bad-request": ("/policies/?search=guid%00ance", 400),
    "section-error": ("/sections/introduction/?collection=1999", 400),
    "home-error": ("/?indicator=nothing&colour=red", 400),
}


@pytest.fixture
def csp_violations(page):
    """Content-Security-Policy violations the browser reports while the test runs."""
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return violations


@pytest.mark.parametrize(("path", "status"), PAGES.values(), ids=list(PAGES))
def test_page_passes_axe_and_is_captured(site_url, page, csp_violations, path, status):
    response = page.goto(site_url + path)
    assert response.status == status
    page.wait_for_load_state("load")
    assert csp_violations == []  # checked before axe, which injects styles of its own
    assert_no_wcag_violations(page)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    name = next(key for key, value in PAGES.items() if value[0] == path)
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)


def test_the_500_page_passes_axe(site_url, page):
    """The server never errs on purpose, so the 500 page is served to the browser by hand,
    on the site's origin so that its stylesheet loads."""
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    page.route(
        site_url + "/server-error/",
        lambda route: route.fulfill(status=500, body=html, content_type="text/html"),
    )
    assert page.goto(site_url + "/server-error/").status == 500
    assert_no_wcag_violations(page)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "server-error.png", full_page=True)


def test_a_researcher_compares_italy_with_germany_and_finland(site_url, page):
    page.goto(site_url + "/")
    page.get_by_role("link", name="Italy", exact=True).click()
    page.wait_for_url("**/countries/IT/")
    page.get_by_role("link", name="Compare with other countries").click()
    page.wait_for_url("**/compare/**")
    for name in ("Germany", "Finland"):
        page.get_by_role("checkbox", name=name, exact=True).check()
    page.get_by_role("checkbox", name="1. Introduction").check()
    page.get_by_role("checkbox", name="4. Access to guidance").check()
    page.get_by_role("button", name="Compare").click()
    # Italy came chosen from its profile and stays first; the others follow as listed
    page.wait_for_url(re.compile(r".*countries=IT,FI,DE.*"))
    headers = page.locator("table.grid thead th").all_inner_texts()
    assert headers == ["Section", "Italy", "Finland", "Germany"]
    assert page.locator("table.grid tbody tr[id^=row-]").count() == 2

    page.get_by_role("checkbox", name="4. Access to guidance").uncheck()
    page.get_by_role("checkbox", name="5. Quality assurance").check()
    page.get_by_role("button", name="Compare").click()
    page.wait_for_url(re.compile(r".*sections=introduction,quality.*"))
    shared_url = page.url
    rows = page.locator("table.grid tbody th[scope=row]").all_inner_texts()
    grid = page.locator("table.grid").inner_text()

    other = page.context.new_page()
    other.goto(shared_url)
    assert other.locator("table.grid tbody th[scope=row]").all_inner_texts() == rows
    assert other.locator("table.grid").inner_text() == grid
    assert "Not reported" in grid or "No record" in grid


def test_the_compare_form_works_from_the_keyboard_alone(site_url, page):
    page.goto(site_url + "/compare/")
    focused = []
    for _ in range(200):
        page.keyboard.press("Tab")
        label = page.evaluate(
            "document.activeElement.labels && document.activeElement.labels[0]"
            " ? document.activeElement.labels[0].textContent.trim() : document.activeElement.textContent"
        )
        focused.append(label)
        if label in ("Italy", "Germany", "1. Introduction"):
            page.keyboard.press("Space")
        if label == "Compare" and page.evaluate("document.activeElement.tagName") == "BUTTON":
            page.keyboard.press("Enter")
            break
    page.wait_for_url(re.compile(r".*countries=(DE,IT|IT,DE).*"))
    assert page.locator("table.grid thead th").count() == 3
    assert page.locator("table.grid tbody tr[id^=row-]").count() == 1


ADMIN_PAGES = [
    "/admin/",
    "/admin/guidance/guidancesystem/",
    "/admin/guidance/guidancesystem/add/",
    "/admin/guidance/policy/add/",
    "/admin/guidance/initiative/add/",
]


def test_the_admin_runs_under_the_csp_without_violations(editor_page, site_url):
    violations = []
    editor_page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    for path in ADMIN_PAGES:
        assert editor_page.goto(site_url + path).status == 200
    editor_page.goto(site_url + "/admin/guidance/policy/add/")
    editor_page.locator(".select2-selection").first.click()  # select2 asks the server
    editor_page.wait_for_selector(".select2-results__option")
    editor_page.keyboard.press("Escape")
    editor_page.goto(site_url + "/admin/guidance/guidancesystem/?q=Italy")
    editor_page.get_by_role("link", name="Italy", exact=True).first.click()
    editor_page.wait_for_url("**/change/**")
    assert editor_page.locator(".select2-container").count() > 5
    editor_page.get_by_role("link", name="History").click()
    editor_page.wait_for_url("**/history/**")
    assert violations == []
