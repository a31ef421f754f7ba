"""Every page carries the security headers; the policy allows no inline script."""

import pytest

pytestmark = pytest.mark.django_db

PAGES = ["/", "/compare/", "/sections/", "/coverage/", "/about/", "/countries/ZZ/", "/admin/login/"]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_sends_the_security_headers(anonymous, path):
    response = anonymous.get(path)
    policy = response["Content-Security-Policy"]
    directives = {}
    for part in policy.split(";"):
        name, _, value = part.strip().partition(" ")
        directives[name] = value
    assert directives["script-src"] == "'self'"
    assert directives["style-src"].startswith("'self' 'unsafe-hashes' 'sha256-")
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert "unsafe-inline" not in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_no_page_template_has_an_inline_script_or_style(anonymous, italian_record, sections):
    for path in ["/", "/countries/IT/", "/compare/?countries=IT,DE", "/coverage/", "/sections/s1/"]:
        html = anonymous.get(path).content.decode()
        assert "<script>" not in html
        assert "style=" not in html
        assert "<style" not in html
