"""A profile's table of contents in a real browser: a sticky column beside the text on a
laptop, a closed <details> above it on a phone, every link a keyboard stop, axe-clean in
light and dark mode."""

import pytest

from tests.browser.test_accessibility import assert_no_wcag_violations

LAPTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}
PROFILE = "/countries/IT/"


def test_on_a_laptop_the_contents_stay_in_view_beside_the_text(site_url, page):
    page.set_viewport_size(LAPTOP)
    page.goto(site_url + PROFILE)
    toc = page.locator("details.toc")
    link = toc.get_by_role("link", name="Policies", exact=True)
    assert link.is_visible(), "the contents are folded on a wide screen"
    text = page.locator(".profile-text").bounding_box()
    assert toc.bounding_box()["x"] + toc.bounding_box()["width"] <= text["x"]  # beside it

    page.evaluate("window.scrollTo(0, document.body.scrollHeight / 2)")
    page.wait_for_function("window.scrollY > 1000")
    box = toc.bounding_box()  # relative to the viewport
    assert 0 <= box["y"] < LAPTOP["height"] / 2, f"the contents scrolled away: {box}"
    assert link.is_visible()

    link.click()
    page.wait_for_url("**#policies")
    heading = page.locator("#policies").bounding_box()
    assert 8 <= heading["y"] < 100, f"the heading is not just below the top: {heading}"


def test_on_a_laptop_each_link_of_the_contents_is_a_keyboard_stop(site_url, page):
    page.set_viewport_size(LAPTOP)
    page.goto(site_url + PROFILE)
    links = page.locator("details.toc a")
    hrefs = links.evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert len(hrefs) > 8 and all(href.startswith("#") for href in hrefs)
    links.first.focus()
    reached = [page.evaluate("document.activeElement.getAttribute('href')")]
    for _ in hrefs[1:]:
        page.keyboard.press("Tab")
        reached.append(page.evaluate("document.activeElement.getAttribute('href')"))
    assert reached == hrefs
    for href in hrefs:
        assert page.locator(href).count() == 1, f"{href} leads nowhere"


def test_on_a_phone_the_contents_are_folded_above_the_text(site_url, page):
    page.set_viewport_size(PHONE)
    page.goto(site_url + PROFILE)
    toc = page.locator("details.toc")
    summary = toc.locator("summary")
    assert summary.is_visible() and toc.get_attribute("open") is None
    assert not toc.get_by_role("link", name="Policies", exact=True).is_visible()
    summary_box, text = summary.bounding_box(), page.locator(".profile-text").bounding_box()
    assert summary_box["y"] < text["y"]  # above the text, not beside it

    summary.focus()
    page.keyboard.press("Enter")
    assert toc.get_attribute("open") is not None
    link = toc.get_by_role("link", name="Initiatives", exact=True)
    assert link.is_visible()
    link.click()
    page.wait_for_url("**#initiatives")
    width = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
    assert width[0] <= width[1]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", [LAPTOP, PHONE], ids=["laptop", "phone"])
def test_the_contents_pass_axe(site_url, page, scheme, viewport):
    page.emulate_media(color_scheme=scheme)
    page.set_viewport_size(viewport)
    page.goto(site_url + PROFILE)
    page.locator("details.toc").evaluate("toc => toc.open = true")
    assert_no_wcag_violations(page)


def test_in_print_the_contents_go_and_every_text_stays(site_url, page):
    page.set_viewport_size(LAPTOP)
    page.goto(site_url + PROFILE)
    page.emulate_media(media="print")
    assert not page.locator("details.toc").is_visible()
    assert page.locator(".profile-layout").evaluate("el => getComputedStyle(el).display") == "block"
    hidden = page.locator(".section-entry, #policies ~ article, #initiatives ~ article, .summary")
    assert hidden.count() > 20
    assert hidden.evaluate_all("els => els.filter(el => !el.checkVisibility()).length") == 0
    card = page.locator("#policies ~ article").first
    assert card.evaluate("el => getComputedStyle(el).borderTopStyle") == "none"  # a plain block
