"""Pages meet WCAG 2.1 AA as far as axe-core can tell, in a real browser."""

import pytest
from axe_playwright_python.sync_playwright import Axe

WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}

PAGES = {
    "home": "/",
    "countries": "/countries/",
    "country profile": "/countries/IT/",
    "policies": "/policies/",
    "initiatives": "/initiatives/",
    "older collection": "/countries/IT/2020/",
    "sub-national entity": "/countries/BE-FL/",
    "country without a record": "/countries/SE/",
    "coverage heatmap": "/coverage/",
    "coverage of an older collection": "/coverage/?collection=2020",
    "indicator with its chart": "/indicators/national-strategy/",
    "a country's coverage chart": "/countries/IT/coverage/",
    "indicator map": "/indicators/vouchers-accounts/",
    "policy map": "/policies/map/?instrument_type=voucher-quasi-market&stage=implementation",
    "policy timeline": "/policies/timeline/",
    "policy timeline of vouchers": "/policies/timeline/?instrument_type=voucher-quasi-market",
    "downloads with the demo's releases": "/downloads/",
    "not found": "/countries/ZZ/",
    "admin login": "/admin/login/",
    "home in French": "/fr/",
    "profile in German": "/de/countries/IT/",
    "admin login in Polish": "/pl/admin/login/",
}


# Axe waits until no finite CSS transition or animation runs: a colour read mid-transition (the
# admin's links fade to their dark-mode colour) is neither scheme's, and failed axe once.
RUNNING_TRANSITIONS = """() => document.getAnimations().every(
    (animation) => animation.playState !== "running"
        || animation.effect.getComputedTiming().iterations === Infinity)"""


def assert_no_wcag_violations(page):
    page.wait_for_function(RUNNING_TRANSITIONS, timeout=5000)
    results = Axe().run(page, options=WCAG_21_AA)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("path", PAGES.values(), ids=list(PAGES))
def test_page_has_no_wcag_violations(site_url, page, path):
    response = page.goto(site_url + path)
    assert response.status == (404 if path == "/countries/ZZ/" else 200)
    assert_no_wcag_violations(page)


def test_the_coverage_heatmap_fits_a_1366_pixel_screen(site_url, page):
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(site_url + "/coverage/")
    assert page.locator("table.coverage-heatmap thead th").count() == 23  # country, 21, total
    fits = page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )
    assert fits
    table = page.locator("table.coverage-heatmap").bounding_box()
    assert table["x"] >= 0 and table["x"] + table["width"] <= 1366


ADMIN_PAGES = {
    "admin index": "/admin/",
    "record list": "/admin/guidance/guidancesystem/",
    "new record": "/admin/guidance/guidancesystem/add/",
    "new policy": "/admin/guidance/policy/add/",
    "new initiative": "/admin/guidance/initiative/add/",
    "new section entry": "/admin/guidance/sectionentry/add/",
    "releases": "/admin/guidance/release/",
}


@pytest.mark.parametrize("path", ADMIN_PAGES.values(), ids=list(ADMIN_PAGES))
def test_admin_page_has_no_wcag_violations(editor_page, site_url, path):
    response = editor_page.goto(site_url + path)
    assert response.status == 200
    assert_no_wcag_violations(editor_page)


def test_the_close_collection_confirmation_and_a_release_pass_axe(editor_page, site_url):
    """The demo's collections are all closed: the page lists them as left as they are."""
    editor_page.goto(site_url + "/admin/guidance/collection/")
    editor_page.locator("input[name=_selected_action]").first.check()
    editor_page.select_option("select[name=action]", "close_and_release")
    editor_page.get_by_role("button", name="Go", exact=True).click()
    editor_page.wait_for_load_state()
    assert editor_page.get_by_role("heading", name="Already closed, left as they are").is_visible()
    assert_no_wcag_violations(editor_page)
    editor_page.goto(site_url + "/admin/guidance/release/")
    editor_page.get_by_role("link", name="2025.1").click()
    editor_page.wait_for_url("**/change/**")
    assert editor_page.locator("text=SHA256SUMS").count() >= 1
    assert_no_wcag_violations(editor_page)


def test_the_experts_workspace_has_no_wcag_violations(italian_expert_page, site_url):
    response = italian_expert_page.goto(site_url + "/admin/")
    assert response.status == 200
    assert italian_expert_page.get_by_role("heading", name="Returned to you").is_visible()
    assert_no_wcag_violations(italian_expert_page)


def test_a_record_with_entries_and_indicators_and_its_history_pass_axe(editor_page, site_url):
    editor_page.goto(site_url + "/admin/guidance/guidancesystem/?q=Italy")
    editor_page.get_by_role("link", name="Italy", exact=True).first.click()  # newest first
    editor_page.wait_for_url("**/change/**")
    editor_page.wait_for_load_state()
    assert editor_page.title().startswith("Italy (2023)")
    assert editor_page.locator(".inline-related").count() > 5  # entries and indicator values
    assert_no_wcag_violations(editor_page)
    editor_page.get_by_role("link", name="History").click()
    editor_page.wait_for_url("**/history/**")
    assert_no_wcag_violations(editor_page)


def test_the_skip_link_moves_focus_to_the_content(site_url, page):
    page.goto(site_url + "/countries/IT/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_the_sources_of_a_section_open_from_the_keyboard(site_url, page):
    page.goto(site_url + "/countries/IT/")
    summary = page.locator("#section-introduction details.sources summary")
    summary.focus()
    page.keyboard.press("Enter")
    assert page.locator("#section-introduction details.sources").get_attribute("open") is not None
    assert page.locator("#section-introduction details.sources a").first.is_visible()
