"""No public page scrolls sideways on a 320 px screen (WCAG 2.1 1.4.10 Reflow), and none
asks for a file it does not get.

Long addresses wrap, selects fit their box, and a wide table or comparison grid scrolls
inside its own region (a focusable, named region), never the page.
"""

import pytest

from tests.browser.test_accessibility import assert_no_wcag_violations
from tests.browser.test_pages_in_browser import SCREENSHOTS

NARROW = {"width": 320, "height": 640}

PAGES = [
    "/",
    "/countries/",
    "/countries/IT/",
    "/countries/IT/2020/",
    "/countries/BE-FL/",
    "/countries/SE/",
    "/countries/IT/2023/sections/introduction/",
    "/countries/IT/changes/",
    "/countries/IT/similar/",
    "/compare/",
    "/compare/?countries=IT,DE,FR",
    "/compare/print/?countries=IT,DE,FR",
    "/compare/report.pdf?countries=IT",
    "/sections/",
    "/sections/introduction/",
    "/coverage/",
    "/indicators/",
    "/indicators/national-strategy/",
    "/countries/IT/coverage/",
    "/organisations/",
    "/policies/",
    "/policies/map/?instrument_type=voucher-quasi-market&stage=implementation",
    "/indicators/vouchers-accounts/",
    "/policies/timeline/",
    "/policies/timeline/?instrument_type=voucher-quasi-market&country=IT,BE-FL",
    "/initiatives/",
    "/search/?q=guidance",
    "/downloads/",
    "/about/",
    "/accessibility/",
    "/how-to-cite/",
    "/licence/",
    "/countries/ZZ/",
    "/admin/login/",
    "/fr/",
    "/fr/countries/IT/",
    "/pl/admin/login/",
]

# The first item linked from each list, reached as a reader would: by following the link.
DETAIL_FROM = {
    "policy": ("/policies/", "main .item h2 a, main .item h3 a"),
    "initiative": ("/initiatives/", "main .item h2 a, main .item h3 a"),
    "organisation": ("/organisations/", "table.organisations tbody a"),
    "indicator map": ("/indicators/", "table.indicator-matrix thead a"),
}


def page_width(page):
    return page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )


@pytest.mark.parametrize("path", PAGES)
def test_a_page_fits_a_320_pixel_screen(site_url, page, path):
    page.set_viewport_size(NARROW)
    page.goto(site_url + path)
    scroll_width, width = page_width(page)
    assert scroll_width <= width, f"{path} is {scroll_width} px wide on a {width} px screen"


@pytest.mark.parametrize("kind", sorted(DETAIL_FROM))
def test_a_detail_page_fits_a_320_pixel_screen(site_url, page, kind):
    page.set_viewport_size(NARROW)
    list_path, link = DETAIL_FROM[kind]
    page.goto(site_url + list_path)
    page.locator(link).first.click()
    page.wait_for_load_state()
    assert page.url != site_url + list_path
    scroll_width, width = page_width(page)
    assert scroll_width <= width, f"{page.url} is {scroll_width} px wide on a {width} px screen"


def test_a_wide_table_scrolls_in_its_own_named_region(site_url, page):
    page.set_viewport_size(NARROW)
    page.goto(site_url + "/countries/IT/")
    region = page.get_by_role("region", name="Comparable indicators for Italy")
    assert region.evaluate("el => el.scrollWidth > el.clientWidth")
    region.focus()
    page.keyboard.press("ArrowRight")  # a keyboard user scrolls it (smoothly: wait for it)
    region.evaluate_handle(
        "el => new Promise(done => { const t = setInterval(() => el.scrollLeft > 0 && "
        "(clearInterval(t), done()), 20); setTimeout(() => { clearInterval(t); done(); }, 3000); })"
    )
    assert region.evaluate("el => el.scrollLeft") > 0


@pytest.mark.parametrize("path", ["/", "/countries/IT/", "/organisations/", "/downloads/"])
def test_the_narrow_layout_with_its_scrolling_tables_passes_axe(site_url, page, path):
    page.set_viewport_size(NARROW)
    page.goto(site_url + path)
    assert page.locator(".table-scroll").count() >= 1
    assert_no_wcag_violations(page)


def test_a_page_asks_for_nothing_it_does_not_get(site_url, page):
    """The favicon, declared and at /favicon.ico, was the only 404 a browser saw."""
    failed = []
    page.on("response", lambda r: r.status >= 400 and failed.append((r.status, r.url)))
    page.goto(site_url + "/countries/IT/")
    page.wait_for_load_state("networkidle")
    icon = page.locator("link[rel=icon]").get_attribute("href")
    assert page.request.get(site_url + icon).headers["content-type"].startswith("image/svg+xml")
    assert page.request.get(site_url + "/favicon.ico").ok  # redirected to the icon
    assert failed == []


def test_on_a_narrow_screen_the_menu_folds_behind_a_button(site_url, page):
    page.set_viewport_size(NARROW)
    page.goto(site_url + "/about/")
    menu = page.get_by_role("navigation", name="Main")
    button = page.get_by_role("button", name="Menu")
    assert button.get_attribute("aria-expanded") == "false"
    assert not menu.get_by_role("link", name="Compare").is_visible()

    button.focus()
    page.keyboard.press("Enter")
    assert button.get_attribute("aria-expanded") == "true"
    menu.get_by_role("link", name="Compare").click()
    page.wait_for_url("**/compare/")


def test_on_a_wide_screen_the_menu_is_open_and_the_button_gone(site_url, page):
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(site_url + "/about/")
    assert (
        page.get_by_role("navigation", name="Main").get_by_role("link", name="Compare").is_visible()
    )
    assert page.get_by_role("button", name="Menu").count() == 0


def test_the_header_search_box_searches_from_any_page(site_url, page):
    page.set_viewport_size(NARROW)
    page.goto(site_url + "/countries/IT/")
    page.get_by_role("searchbox", name="Search the inventory").fill("career guidance")
    page.get_by_role("search", name="Site search").get_by_role("button", name="Search").click()
    page.wait_for_url("**/search/?q=career+guidance")
    assert page.get_by_role("heading", level=1).is_visible()
    assert_no_wcag_violations(page)


def test_on_a_narrow_screen_the_browse_filters_fold_behind_a_button(site_url, page):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site_url + "/policies/")
    words = page.get_by_label("Words")
    assert not words.is_visible()
    assert page.get_by_role("heading", name="Results").is_visible()

    page.get_by_role("button", name="Filters").click()
    words.fill("guidance")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**/policies/?search=guidance*")
    assert page.locator("main .item").count() >= 1
    assert_no_wcag_violations(page)


SCREENSHOT_PAGES = {
    "home": "/",
    "countries": "/countries/",
    "profile": "/countries/IT/",
    "compare": "/compare/?countries=IT,DE,FI&sections=access,quality",
    "policies": "/policies/",
    "indicator-map": "/indicators/vouchers-accounts/",
    "policy-map": "/policies/map/?instrument_type=voucher-quasi-market&stage=implementation",
}


@pytest.mark.parametrize("width", [390, 1366])
@pytest.mark.parametrize("name", sorted(SCREENSHOT_PAGES))
def test_screenshots_at_phone_and_laptop_widths(site_url, page, name, width):
    """Written to var/screenshots/<page>-<width>.png for review (issue 18)."""
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site_url + SCREENSHOT_PAGES[name])
    scroll_width, client_width = page_width(page)
    assert scroll_width <= client_width
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}-{width}.png"
    page.screenshot(path=path, full_page=True)
    assert path.stat().st_size > 10_000


@pytest.mark.parametrize("width", [390, 1366])
def test_screenshots_of_a_policy_page(site_url, page, width):
    """Written to var/screenshots/policy-<width>.png: the first policy the list links to."""
    page.set_viewport_size({"width": width, "height": 900})
    list_path, link = DETAIL_FROM["policy"]
    page.goto(site_url + list_path)
    page.locator(link).first.click()
    page.wait_for_url("**/policies/*/")
    scroll_width, client_width = page_width(page)
    assert scroll_width <= client_width
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"policy-{width}.png"
    page.screenshot(path=path, full_page=True)
    assert path.stat().st_size > 10_000


def test_a_section_a_record_does_not_report_takes_one_line(site_url, page):
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(site_url + "/countries/IT/")
    unreported = page.locator(".section-entry.unreported")
    assert unreported.count() >= 1
    first = unreported.first
    assert "Not reported for this collection." in first.inner_text()
    assert first.get_by_role("heading", level=3).is_visible()  # still in the outline
    assert first.bounding_box()["height"] < 40
    written = page.locator(".section-entry:not(.unreported)").first
    assert written.bounding_box()["height"] > 60


DARK_PAGES = [
    "/",
    "/countries/",
    "/countries/IT/",
    "/policies/",
    "/compare/?countries=IT,DE,FI&sections=access,quality",
    "/coverage/",
    "/indicators/",
    "/policies/?search=guidance",
    "/policies/timeline/",
    "/search/?q=career+guidance",
    "/countries/DE/2025/changes/",
    "/downloads/",
    "/policies/?search=guid%00ance",
    "/organisations/",
    "/sections/introduction/",
    "/countries/IT/2023/sections/introduction/",
    "/compare/",
    "/?indicator=coordination-body",
    "/indicators/national-strategy/",
    "/countries/IT/coverage/",
    "/policies/map/?instrument_type=voucher-quasi-market&stage=implementation",
    "/countries/ZZ/",
]


@pytest.mark.parametrize("path", DARK_PAGES)
def test_dark_mode_follows_the_system_and_passes_axe(site_url, page, path):
    page.emulate_media(color_scheme="dark")
    page.goto(site_url + path)
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(20, 22, 26)"
    assert_no_wcag_violations(page)


def test_the_releases_on_downloads_fit_a_320_pixel_screen_and_pass_axe(site_url, page):
    """The demo's closed collections each have a release; 64-digit checksums must wrap."""
    page.set_viewport_size(NARROW)
    page.goto(site_url + "/downloads/")
    releases = page.locator("section.release")
    assert releases.count() >= 1
    assert releases.first.locator("code.checksum").count() == 16
    scroll_width, width = page_width(page)
    assert scroll_width <= width, f"/downloads/ is {scroll_width} px wide on a {width} px screen"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "downloads-releases-320.png", full_page=True)
    assert_no_wcag_violations(page)
