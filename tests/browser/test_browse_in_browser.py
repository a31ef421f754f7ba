"""A researcher filters the demo policies, downloads them and opens one, in real Chromium."""

import csv
import io
import re
from pathlib import Path

import pytest

from tests.browser.test_accessibility import assert_no_wcag_violations
from tests.browser.test_pages_in_browser import SCREENSHOTS

PAGES = {
    "policies": "/policies/",
    "policies-filtered": "/policies/?target_group=employed-adults&stage=implementation",
    "policies-search": "/policies/?search=guidance",
    "policies-error": "/policies/?stage=nonsense",
    "initiatives": "/initiatives/?good_practice=true",
    "downloads": "/downloads/",
    "search": "/search/?q=career+guidance",
    "search-nothing": "/search/?q=Itali",
    "indicators": "/indicators/",
    "indicators-candidates": "/indicators/?group=candidate",
    "indicator-map": "/indicators/coordination-body/",
    "similar": "/countries/IT/similar/",
    "organisations": "/organisations/?country=IT",
}


@pytest.mark.parametrize("path", PAGES.values(), ids=list(PAGES))
def test_browse_page_passes_axe_and_is_captured(site_url, page, path):
    response = page.goto(site_url + path)
    assert response.status == (400 if "nonsense" in path else 200)
    assert_no_wcag_violations(page)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    name = next(key for key, value in PAGES.items() if value == path)
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)


def test_a_researcher_filters_policies_downloads_them_and_opens_one(site_url, page):
    page.goto(site_url + "/policies/")
    filters = page.locator("form.browse-filters")
    filters.get_by_role("checkbox", name=re.compile("^Employed adults")).check()
    filters.get_by_role("checkbox", name=re.compile("^Implementation")).check()
    filters.get_by_role("button", name="Apply filters").click()
    page.wait_for_url(re.compile(r"target_group=employed-adults.*stage=implementation"))
    summary = page.locator(".browse-summary").inner_text()
    shown = int(re.match(r"(\d+) results?", summary).group(1))
    assert shown > 0

    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile("as CSV")).click()
    content = Path(download_info.value.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(content)))
    assert len(rows) == shown
    titles = page.locator(".browse-results h3 a").all_inner_texts()
    assert set(titles) <= {row["title"] for row in rows}

    page.locator(".browse-results h3 a").first.click()
    page.wait_for_url(re.compile(r"/policies/\d+/$"))
    assert page.locator("h1").inner_text() == titles[0]
    assert page.get_by_role("heading", name="Stage, year by year").is_visible()
    assert_no_wcag_violations(page)
    page.screenshot(path=SCREENSHOTS / "policy-detail.png", full_page=True)


def test_an_initiative_page_passes_axe(site_url, page):
    page.goto(site_url + "/initiatives/")
    page.locator(".browse-results h3 a").first.click()
    page.wait_for_url(re.compile(r"/initiatives/\d+/$"))
    assert_no_wcag_violations(page)
    page.screenshot(path=SCREENSHOTS / "initiative-detail.png", full_page=True)


def test_an_organisation_page_passes_axe(site_url, page):
    page.goto(site_url + "/organisations/?country=IT")
    page.locator("main table a, main li a").filter(has_text="ANPAL").first.click()
    page.wait_for_url(re.compile(r"/organisations/\d+/$"))
    assert_no_wcag_violations(page)
    page.screenshot(path=SCREENSHOTS / "organisation-detail.png", full_page=True)
