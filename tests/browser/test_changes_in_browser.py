"""What changed, in real Chromium: old | new side by side on a wide screen, stacked on a
phone, and no WCAG 2.1 AA violation axe-core can find at either width."""

import pytest

from tests.browser.test_accessibility import assert_no_wcag_violations

PAGES = {
    "country": "/countries/IT/changes/?from=2020&to=2023",
    "default": "/countries/DE/changes/",
    "record": "/countries/IT/2023/changes/",
}


def first_changed_columns(page):
    """The bounding boxes of the old and the new side of the first changed section."""
    sides = page.locator(".diff-columns").first.locator(".diff-side")
    assert sides.count() == 2
    return sides.nth(0).bounding_box(), sides.nth(1).bounding_box()


@pytest.mark.parametrize("path", PAGES.values(), ids=list(PAGES))
def test_old_and_new_sit_side_by_side_on_a_wide_screen(site_url, page, path):
    page.set_viewport_size({"width": 1366, "height": 900})
    assert page.goto(site_url + path).status == 200
    old, new = first_changed_columns(page)
    assert old["y"] == new["y"]
    assert old["x"] + old["width"] <= new["x"]
    headings = page.locator(".diff-columns").first.locator(".diff-heading").all_inner_texts()
    assert [text.split()[1] for text in headings] == ["(old)", "(new)"]
    fits = page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )
    assert fits
    assert_no_wcag_violations(page)


@pytest.mark.parametrize("path", PAGES.values(), ids=list(PAGES))
def test_old_and_new_are_stacked_on_a_narrow_screen(site_url, page, path):
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.goto(site_url + path).status == 200
    old, new = first_changed_columns(page)
    assert old["x"] == new["x"]
    assert new["y"] >= old["y"] + old["height"]
    fits = page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )
    assert fits
    assert_no_wcag_violations(page)


def test_the_form_compares_two_other_years(site_url, page):
    page.goto(site_url + "/countries/IT/changes/")
    page.get_by_label("From", exact=True).select_option("2020")
    page.get_by_label("To", exact=True).select_option("2023")
    page.get_by_role("button", name="Compare").click()
    page.wait_for_url("**/countries/IT/changes/?from=2020&to=2023")
    assert page.get_by_role("heading", level=1).inner_text().endswith("2020 to 2023")


def test_a_bad_year_is_a_400_that_passes_axe(site_url, page):
    response = page.goto(site_url + "/countries/IT/changes/?from=2023&to=2020")
    assert response.status == 400
    assert page.get_by_role("alert").is_visible()
    assert_no_wcag_violations(page)
