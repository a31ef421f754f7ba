"""An expert and an editor at work in the admin, in a real browser."""

import re

from tests.browser.test_accessibility import assert_no_wcag_violations


def test_the_demo_italian_expert_sees_only_italy_and_previews_a_section(
    site_url, italian_expert_page
):
    page = italian_expert_page
    page.goto(site_url + "/admin/guidance/guidancesystem/")
    countries = page.locator(
        "#result_list tbody td.field-country, #result_list tbody th.field-country"
    )
    assert countries.count() >= 2
    assert set(countries.all_inner_texts()) == {"Italy"}

    page.get_by_role("link", name="Italy", exact=True).first.click()
    page.wait_for_url("**/change/**")
    assert "sections complete" in page.locator(".field-progress").inner_text()
    # The newest record is published: the expert writes in a revision of it.
    page.get_by_role("button", name="Change in a revision").click()
    page.locator(".messagelist .success").wait_for()
    textarea = page.locator("textarea[name='entries-0-body']")
    textarea.fill("A **new** sentence <script>alert(1)</script>.")
    field = page.locator(".markdown-field", has=textarea)
    field.get_by_role("button", name="Preview").click()
    preview = field.locator(".markdown-preview")
    preview.locator("strong").wait_for()
    assert preview.locator("strong").inner_text() == "new"
    assert preview.locator("script").count() == 0
    assert_no_wcag_violations(page)


def test_the_italian_expert_is_refused_a_german_record(site_url, italian_expert_page):
    page = italian_expert_page
    page.goto(site_url + "/admin/guidance/guidancesystem/?q=Germany")
    assert (
        page.locator("#result_list").count() == 0
        or "Germany" not in page.locator("#result_list").inner_text()
    )


def test_the_workflow_pages_pass_axe(site_url, editor_page):
    page = editor_page
    page.goto(site_url + "/admin/guidance/collection/")
    page.get_by_role("link", name="Open the next collection").click()
    page.wait_for_url("**/collection/open/")
    assert_no_wcag_violations(page)

    page.goto(site_url + "/admin/guidance/guidancesystem/?q=Germany")
    page.get_by_role("link", name="Germany", exact=True).first.click()
    page.wait_for_url("**/change/**")
    assert_no_wcag_violations(page)
    page.get_by_role("button", name="Change in a revision").click()
    page.get_by_role("button", name="Submit for review").click()
    page.locator(".messagelist .success").wait_for()
    page.get_by_role("link", name=re.compile("Return to draft")).click()
    page.wait_for_url("**/return/")
    assert page.get_by_label("Comment for the author").is_visible()
    assert_no_wcag_violations(page)


def test_pages_load_their_own_styles_and_scripts(site_url, page):
    """Every asset comes from the app itself and loads (no CDN, nothing missing)."""
    failed = []
    page.on("response", lambda r: r.status >= 400 and failed.append(f"{r.status} {r.url}"))
    for path in ("/", "/countries/IT/", "/admin/login/"):
        page.goto(site_url + path)
        page.wait_for_load_state("load")
    assert failed == []
    assert page.evaluate("getComputedStyle(document.body).fontFamily") != ""
