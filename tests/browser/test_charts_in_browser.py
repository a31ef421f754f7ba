"""The charts in Chromium on the demo inventory: an indicator's answers per collection
(national strategy: answers in 2020, 2021, 2023 and 2025) and Italy's section coverage
(records of 2020 and 2023), on a phone and a laptop, in light and dark mode."""

import pytest

from tests.browser.test_accessibility import assert_no_wcag_violations
from tests.browser.test_pages_in_browser import SCREENSHOTS
from tests.browser.test_reflow import NARROW, page_width

CHARTS = {
    "indicator-chart": ("/indicators/national-strategy/", "#answers-chart-title"),
    "country-coverage-chart": ("/countries/IT/coverage/", "#coverage-chart-title"),
}
WIDTHS = [390, 1366]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", sorted(CHARTS))
def test_a_chart_fits_the_screen_passes_axe_and_is_captured(site_url, page, name, width):
    path, title = CHARTS[name]
    page.set_viewport_size({"width": width, "height": 900})
    assert page.goto(site_url + path).status == 200
    chart = page.get_by_role("img", name=page.locator(title).text_content())
    assert chart.is_visible()
    box = chart.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width
    assert box["height"] > 60
    assert page.locator("svg.bar-chart .chart-count").count() >= 3  # counts in the bars
    assert page.locator(".chart-legend li").count() >= 3
    assert page.locator("table.chart-table tbody tr").count() >= 2
    scroll_width, client_width = page_width(page)
    assert scroll_width <= client_width
    assert_no_wcag_violations(page)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    shot = SCREENSHOTS / f"{name}-{width}.png"
    page.screenshot(path=shot, full_page=True)
    assert shot.stat().st_size > 10_000


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_a_chart_page_fits_a_320_pixel_screen(site_url, page, name):
    page.set_viewport_size(NARROW)
    page.goto(site_url + CHARTS[name][0])
    scroll_width, width = page_width(page)
    assert scroll_width <= width, f"{name} is {scroll_width} px wide on a {width} px screen"


def test_the_answers_chart_has_a_bar_per_collection_and_the_csv_link(site_url, page):
    page.goto(site_url + CHARTS["indicator-chart"][0])
    labels = page.locator("svg.bar-chart .chart-bar-label").all_text_contents()
    assert labels == ["2020", "2021", "2023", "2025"]
    link = page.get_by_role(
        "link", name="Download these numbers as CSV (with the countries counted)"
    )
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == "national-strategy-distribution.csv"
    changed = page.locator(".chart-changes")
    assert (
        changed.get_by_role("link", name="Croatia").get_attribute("href") == "/countries/HR/2023/"
    )


def test_the_profile_links_to_its_coverage_chart(site_url, page):
    page.goto(site_url + "/countries/IT/")
    page.get_by_role("link", name="Section coverage of Italy over collections, as a chart").click()
    page.wait_for_url("**/countries/IT/coverage/")
    assert page.get_by_role("heading", level=1).text_content().startswith("Section coverage")


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_a_chart_changes_colour_in_dark_mode_and_passes_axe(site_url, page, name):
    page.goto(site_url + CHARTS[name][0])
    fill = "getComputedStyle(document.querySelector('svg.bar-chart pattern rect')).fill"
    light = page.evaluate(fill)
    page.emulate_media(color_scheme="dark")
    page.goto(site_url + CHARTS[name][0])
    dark = page.evaluate(fill)
    assert light == "rgb(8, 81, 156)" and dark == "rgb(156, 195, 255)"
    label = "getComputedStyle(document.querySelector('.chart-bar-label')).fill"
    assert page.evaluate(label) == "rgb(230, 230, 230)"
    assert_no_wcag_violations(page)
