"""Map v2 in real Chromium on the demo inventory: the insets are links a keyboard reaches
with a visible focus, Flanders's "Yes" to vouchers is coloured, the legend sits beside the
map on a wide screen and below it on a narrow one, and the policy map passes axe."""

import pytest

from tests.browser.test_accessibility import assert_no_wcag_violations
from tests.browser.test_reflow import NARROW, page_width

VOUCHER_MAP = "/indicators/vouchers-accounts/"
POLICY_MAP = "/policies/map/?instrument_type=voucher-quasi-market&stage=implementation"
WIDE = {"width": 1366, "height": 900}
GREY = ("rgb(242, 242, 242)", "rgb(217, 217, 217)")  # band-none, band-out


def _tab_to(page, element_id, limit=150):
    """Press Tab from the top of the page until `element_id` has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == element_id:
            return True
    return False


@pytest.mark.parametrize("element_id", ["inset-BE-FL", "inset-LI", "inset-MT"])
def test_tab_reaches_an_inset_link_and_shows_where_it_is(site_url, page, element_id):
    page.set_viewport_size(WIDE)
    page.goto(site_url + VOUCHER_MAP)
    assert _tab_to(page, element_id)
    outline = page.evaluate(
        "(s => [s.outlineStyle, parseFloat(s.outlineWidth)])"
        "(getComputedStyle(document.activeElement))"
    )
    assert outline[0] != "none" and outline[1] >= 2
    code = element_id.removeprefix("inset-")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/countries/{code}/")


def test_flanders_yes_to_vouchers_is_coloured(site_url, page):
    page.set_viewport_size(WIDE)
    page.goto(site_url + VOUCHER_MAP)
    tile = page.locator("#inset-BE-FL")
    assert tile.inner_text().replace("\n", " ").endswith("Yes")
    colour = tile.locator(".inset-symbol").evaluate("s => getComputedStyle(s).backgroundColor")
    assert colour not in GREY
    assert page.get_by_role("link", name="Belgium (Flanders): Yes").is_visible()


def test_a_small_state_has_a_circle_in_its_link_on_the_map(site_url, page):
    page.goto(site_url + VOUCHER_MAP)
    link = page.get_by_role("link", name="Liechtenstein: no answer")
    assert link.locator("circle.symbol").count() == 1
    box = link.locator("circle.symbol").bounding_box()
    assert box["width"] >= 8  # visible, where the outline itself is a pixel or two


def test_the_legend_is_beside_the_map_when_wide_and_below_it_when_narrow(site_url, page):
    page.set_viewport_size(WIDE)
    page.goto(site_url + VOUCHER_MAP)
    frame = page.locator(".map-frame").bounding_box()
    legend = page.locator(".map-legend").bounding_box()
    assert legend["x"] >= frame["x"] + frame["width"]
    assert legend["y"] < frame["y"] + frame["height"]
    page.set_viewport_size(NARROW)
    frame = page.locator(".map-frame").bounding_box()
    legend = page.locator(".map-legend").bounding_box()
    assert legend["y"] >= frame["y"] + frame["height"]
    scroll_width, width = page_width(page)
    assert scroll_width <= width


@pytest.mark.parametrize("viewport", [NARROW, WIDE], ids=["320", "1366"])
@pytest.mark.parametrize("path", [VOUCHER_MAP, POLICY_MAP], ids=["indicator", "policies"])
def test_the_maps_pass_axe_and_fit_the_screen(site_url, page, path, viewport):
    page.set_viewport_size(viewport)
    response = page.goto(site_url + path)
    assert response.status == 200
    scroll_width, width = page_width(page)
    assert scroll_width <= width
    assert_no_wcag_violations(page)


def test_the_policy_map_colours_by_the_browse_selection(site_url, page):
    page.set_viewport_size(WIDE)
    page.goto(site_url + "/policies/?instrument_type=voucher-quasi-market&stage=implementation")
    page.get_by_role("link", name="This selection on a map").click()
    page.wait_for_url("**" + POLICY_MAP)
    fill = page.locator("#map-IT").evaluate("s => getComputedStyle(s).fill")
    assert fill not in GREY
    assert page.locator("#map-DE.band-none").count() == 1
    flanders = page.locator("#inset-BE-FL .inset-symbol")
    assert flanders.evaluate("s => getComputedStyle(s).backgroundColor") not in GREY
    table = page.get_by_role("region", name="Matching published policies, by country")
    table.get_by_role("link", name="2 policies").click()
    page.wait_for_url("**country=BE-FL")
    assert page.locator("main .item").count() == 2


def test_a_bad_policy_filter_is_the_friendly_page(site_url, page):
    response = page.goto(site_url + "/policies/map/?stage=nonsense")
    assert response.status == 400
    assert "stage" in page.locator("main").inner_text()
    assert_no_wcag_violations(page)
