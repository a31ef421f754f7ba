"""The home map in real Chromium: picking an indicator changes map and legend; axe passes."""

import re

import pytest

from tests.browser.test_accessibility import assert_no_wcag_violations
from tests.browser.test_pages_in_browser import SCREENSHOTS

MAP_PAGES = {
    "home-map": "/",
    "home-map-indicator": "/?indicator=coordination-body",
    "home-map-bad-indicator": "/?indicator=nope",
}


@pytest.mark.parametrize("path", MAP_PAGES.values(), ids=list(MAP_PAGES))
def test_home_map_passes_axe_and_is_captured(site_url, page, path):
    page.goto(site_url + path)
    page.wait_for_load_state("load")
    assert page.locator("svg.europe-map path.country").count() == 41
    assert_no_wcag_violations(page)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    name = next(key for key, value in MAP_PAGES.items() if value == path)
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)


def test_picking_an_indicator_changes_the_legend(site_url, page):
    page.goto(site_url + "/")
    legend = page.locator(".map-legend")
    assert "every section written" in legend.inner_text()
    page.get_by_label("Colour the map by").select_option("coordination-body")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url("**/?indicator=coordination-body")
    text = legend.inner_text()
    assert "every section written" not in text
    assert "Partly" in text and "Yes" in text
    assert page.get_by_role("heading", level=2).first.inner_text().startswith("Map: ")
    fill = page.locator("#map-IT").evaluate("shape => getComputedStyle(shape).fill")
    assert fill != "rgb(217, 217, 217)"  # a band colour, not the grey of shapes out of scope


def test_a_country_on_the_map_is_a_link_by_pointer_and_by_keyboard(site_url, page):
    page.goto(site_url + "/")
    italy = page.get_by_role("link", name=re.compile(r"^Italy: "))
    italy.click()
    page.wait_for_url("**/countries/IT/")

    page.goto(site_url + "/")
    germany = page.get_by_role("link", name=re.compile(r"^Germany: "))
    germany.focus()
    stroke = page.locator("#map-DE").evaluate("shape => getComputedStyle(shape).strokeWidth")
    assert stroke == "2.5px"  # the focused country is outlined
    page.keyboard.press("Enter")
    page.wait_for_url("**/countries/DE/")
