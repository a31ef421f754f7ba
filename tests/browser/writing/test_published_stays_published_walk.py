"""Published stays published, walked in Chromium: publish → the expert changes it in a
revision → the public still reads the old text at its permalink, citation and API →
an editor publishes → the public reads the new text."""

import json

import pytest

from tests.browser.writing.conftest import screenshot
from tests.factories import make_entry, make_source

pytestmark = pytest.mark.django_db(transaction=True)

OLD = "Career guidance is offered in every region."
NEW = "Career guidance is now also offered online in every region."


def public_state(reader, base_url):
    """What an anonymous reader gets: the profile's text, and the citation and API status."""
    reader.goto(f"{base_url}/countries/IT/2023/")
    profile = reader.locator("main").inner_text()
    citation = reader.request.get(f"{base_url}/countries/IT/2023/cite.bib")
    api = reader.request.get(f"{base_url}/api/v1/countries/IT/systems/2023/")
    return {
        "profile": profile,
        "citation": citation.status,
        "api": api.status,
        "api_text": json.dumps(api.json()) if api.ok else "",
    }


def assert_public_reads(state, text, not_text):
    assert (state["citation"], state["api"]) == (200, 200)
    assert text in state["profile"] and not_text not in state["profile"]
    assert text in state["api_text"] and not_text not in state["api_text"]


def test_the_public_reads_the_published_text_until_the_revision_is_published(
    window, live_server, italian_record, sections, italian_expert, editor
):
    entry = make_entry(system=italian_record, section=sections[0], body=OLD)
    entry.sources.add(make_source(title="National guidance law", country=italian_record.country))
    reader = window()
    assert_public_reads(public_state(reader, live_server.url), OLD, NEW)

    expert = window(italian_expert, live_server.url)
    expert.goto(f"{live_server.url}/admin/guidance/guidancesystem/{italian_record.pk}/change/")
    screenshot(expert, "walk-1-expert-opens-published-record")
    expert.get_by_role("button", name="Change in a revision").click()
    expert.locator(".messagelist .success").wait_for()
    expert.locator("textarea", has_text=OLD).fill(NEW)
    expert.get_by_role("button", name="Save and continue editing").click()
    expert.locator(".messagelist .success").wait_for()
    expert.get_by_role("button", name="Submit for review").click()
    expert.locator(".messagelist .success").wait_for()
    screenshot(expert, "walk-2-expert-submitted-revision")

    assert_public_reads(public_state(reader, live_server.url), OLD, NEW)
    screenshot(reader, "walk-3-public-still-reads-published-text")

    desk = window(editor, live_server.url)
    desk.goto(expert.url)
    desk.get_by_role("button", name="Publish this change").click()
    desk.locator(".messagelist .success").wait_for()
    screenshot(desk, "walk-4-editor-published-revision")

    assert_public_reads(public_state(reader, live_server.url), NEW, OLD)
    screenshot(reader, "walk-5-public-reads-new-text")
