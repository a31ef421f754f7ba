"""The site in another language, in a real browser: /fr/ pages say lang="fr", link every
language's version of themselves, switch language on the same page, pass axe and fit 320 px."""

import pytest

from tests.browser.test_accessibility import assert_no_wcag_violations
from tests.browser.test_pages_in_browser import SCREENSHOTS
from tests.browser.test_reflow import NARROW, page_width

FRENCH_PAGES = {
    "home": "/fr/",
    "profile": "/fr/countries/IT/",
    "compare": "/fr/compare/?countries=IT,DE,FR",
    "policies": "/fr/policies/",
}
LANGUAGES = ["en", "fr", "de", "it", "es", "pl"]


@pytest.mark.parametrize("path", FRENCH_PAGES.values(), ids=list(FRENCH_PAGES))
def test_a_french_page_says_so_links_its_alternates_and_passes_axe(site_url, page, path):
    response = page.goto(site_url + path)
    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == "fr"
    alternates = {
        link.get_attribute("hreflang"): link.get_attribute("href")
        for link in page.locator("head link[rel=alternate][hreflang]").all()
    }
    assert sorted(alternates) == sorted([*LANGUAGES, "x-default"])
    unprefixed = path.removeprefix("/fr")
    assert alternates["en"] == alternates["x-default"] == site_url + unprefixed
    assert alternates["de"] == site_url + "/de" + unprefixed
    assert_no_wcag_violations(page)


@pytest.mark.parametrize("path", FRENCH_PAGES.values(), ids=list(FRENCH_PAGES))
def test_a_french_page_fits_a_320_pixel_screen(site_url, page, path):
    page.set_viewport_size(NARROW)
    page.goto(site_url + path)
    scroll_width, width = page_width(page)
    assert scroll_width <= width, f"{path} is {scroll_width} px wide on a {width} px screen"


def test_the_switcher_keeps_the_page_from_one_language_to_another(site_url, page):
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(site_url + "/countries/IT/")
    switcher = page.get_by_role("navigation", name="Language")
    assert switcher.get_by_role("link", name="English").get_attribute("aria-current") == "true"
    switcher.get_by_role("link", name="Français").click()
    page.wait_for_url(site_url + "/fr/countries/IT/")
    assert page.locator("html").get_attribute("lang") == "fr"
    french = page.locator("nav.language-switcher a[hreflang=fr]")
    assert french.get_attribute("aria-current") == "true"
    assert french.get_attribute("lang") == "fr"
    page.locator("nav.language-switcher a[hreflang=en]").click()
    page.wait_for_url(site_url + "/countries/IT/")
    assert page.locator("html").get_attribute("lang") == "en"


def test_on_a_narrow_screen_the_switcher_folds_with_the_menu(site_url, page):
    page.set_viewport_size(NARROW)
    page.goto(site_url + "/policies/")
    german = page.locator("nav.language-switcher a[hreflang=de]")
    assert not german.is_visible()
    page.get_by_role("button", name="Menu").click()
    german.click()
    page.wait_for_url(site_url + "/de/policies/")
    assert page.locator("html").get_attribute("lang") == "de"


@pytest.mark.parametrize("width", [390, 1366])
def test_the_french_home_page_screenshots(site_url, page, width):
    """Written to var/screenshots/home-fr-<width>.png for review (issue 19)."""
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site_url + "/fr/")
    scroll_width, client_width = page_width(page)
    assert scroll_width <= client_width
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"home-fr-{width}.png"
    page.screenshot(path=path, full_page=True)
    assert path.stat().st_size > 10_000
