"""Policy timelines in real Chromium: across countries and on a profile, narrow and wide.

The demo inventory's Italian, Flemish and Finnish policies carry sourced stage years
(fixtures/demo/it.yaml, be-fl.yaml, fi.yaml), so their timelines have rows to scroll.
"""

import re

import pytest

from tests.browser.test_accessibility import assert_no_wcag_violations
from tests.browser.test_pages_in_browser import SCREENSHOTS
from tests.browser.test_reflow import NARROW, page_width

TIMELINE = "/policies/timeline/?country=IT,BE-FL,FI"


def fits(page):
    scroll_width, width = page_width(page)
    return scroll_width <= width


@pytest.mark.parametrize("width", [390, 1366])
def test_the_timeline_passes_axe_fits_and_is_captured(site_url, page, width):
    page.set_viewport_size({"width": width, "height": 900})
    response = page.goto(site_url + TIMELINE)
    assert response.status == 200
    table = page.get_by_role("region", name="Stages of the selected policies by country")
    assert table.is_visible()
    groups = page.locator(".timeline-group-name").all_inner_texts()
    assert groups == sorted(groups) and len(groups) == 3
    assert page.locator("table.policy-timeline tbody th[scope=row]").count() >= 10
    assert fits(page)
    assert_no_wcag_violations(page)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"timeline-{width}.png"
    page.screenshot(path=path, full_page=True)
    assert path.stat().st_size > 10_000


def test_at_320_pixels_the_years_scroll_in_their_region_under_a_fixed_policy_column(site_url, page):
    page.set_viewport_size(NARROW)
    page.goto(site_url + TIMELINE)
    assert fits(page)
    region = page.get_by_role("region", name="Stages of the selected policies by country")
    assert region.evaluate("el => el.scrollWidth > el.clientWidth")
    name = page.locator("table.policy-timeline tbody th[scope=row]").first
    left = name.bounding_box()["x"]
    region.focus()
    region.evaluate("el => { el.style.scrollBehavior = 'auto'; el.scrollLeft = 400; }")
    assert region.evaluate("el => el.scrollLeft") > 0
    assert abs(name.bounding_box()["x"] - left) < 1  # sticky: the policy stays in view
    assert fits(page)


def test_dark_mode_timeline_passes_axe(site_url, page):
    page.emulate_media(color_scheme="dark")
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(site_url + TIMELINE)
    assert_no_wcag_violations(page)


def test_every_stage_cell_is_named_without_colour(site_url, page):
    page.goto(site_url + TIMELINE)
    cells = page.locator("table.policy-timeline td.stage:not(.stage-none)")
    assert cells.count() > 10
    legend = dict(item.split(" ", 1) for item in page.locator(".stage-legend li").all_inner_texts())
    first = cells.first
    abbreviation = first.locator("[aria-hidden=true]").inner_text()
    assert legend[abbreviation] == first.locator(".visually-hidden").inner_text()
    assert re.match(r"\d{4}: ", first.get_attribute("title"))


@pytest.mark.parametrize("width", [390, 1366])
def test_a_country_profile_shows_its_timeline(site_url, page, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site_url + "/countries/IT/")
    region = page.get_by_role("region", name="Stages of Italy's published policies")
    assert region.is_visible()
    assert region.locator("tbody th[scope=row] a").count() >= 5
    assert fits(page)
    assert_no_wcag_violations(page)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"profile-timeline-{width}.png"
    page.locator(".country-timeline").screenshot(path=path)
    assert path.stat().st_size > 5_000
    region.locator("tbody th[scope=row] a").first.click()
    page.wait_for_url(re.compile(r"/policies/\d+/$"))


def test_the_list_and_the_timeline_link_to_each_other_with_the_same_query(site_url, page):
    page.goto(site_url + "/policies/?country=IT&stage=implementation")
    page.get_by_role("link", name="This selection as a timeline").click()
    page.wait_for_url("**/policies/timeline/?country=IT&stage=implementation")
    charted = page.locator("table.policy-timeline tbody th[scope=row]").count()
    summary = page.locator(".browse-summary").inner_text()
    assert int(re.match(r"(\d+)", summary).group(1)) == charted > 0
    page.get_by_role("link", name=re.compile("This selection as a list")).click()
    page.wait_for_url("**/policies/?country=IT&stage=implementation")
