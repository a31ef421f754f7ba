"""Every admin change page an expert or an editor uses saves, as Chromium renders it.

The country-record page once rendered no version for the record and its inlines, so
every save was refused ("This form is missing the version it was opened at") while
tests that posted hand-built dicts passed. Here a real browser opens each page, types
into a text field, presses "Save", and the database is read back.

These tests write, on pytest-django's `live_server` (see conftest.py here).
"""

from collections.abc import Callable
from dataclasses import dataclass

import pytest

from guidance.models import IndicatorValue, PublicationStatus, ReviewComment
from tests.browser.conftest import sign_in
from tests.browser.test_accessibility import assert_no_wcag_violations
from tests.browser.writing.conftest import CAST, screenshot
from tests.factories import (
    make_collection,
    make_entry,
    make_indicator,
    make_indicator_value,
    make_initiative,
    make_organisation,
    make_policy,
    make_source,
    make_system,
)

pytestmark = pytest.mark.django_db(transaction=True)

DRAFT = PublicationStatus.DRAFT
ACTORS = CAST


@dataclass
class Edit:
    """A change page, the text typed into its fields, and the same fields as saved."""

    url: str
    typed: dict[str, str]
    saved: Callable[[], dict[str, str]]


def change_url(obj):
    return f"/admin/guidance/{obj._meta.model_name}/{obj.pk}/change/"


def draft_record(italy, sections):
    record = make_system(country=italy, collection=make_collection(year=2025), status=DRAFT)
    make_entry(system=record, section=sections[0], body="The first text.")
    make_entry(system=record, section=sections[1], body="The second text.")
    make_indicator_value(system=record, indicator=make_indicator(), note="A note.")
    return record


def edit_record(italy, sections):
    """The record page itself: a section entry's body and an indicator's note, inline."""
    record = draft_record(italy, sections)
    entry = record.entries.get(section=sections[0])

    def saved():
        entry.refresh_from_db()
        note = IndicatorValue.objects.get(system=record).note
        return {"entries-0-body": entry.body, "indicator_values-0-note": note}

    typed = {"entries-0-body": "A revised first text.", "indicator_values-0-note": "A new note."}
    return Edit(change_url(record), typed, saved)


def write_unwritten_section(italy, sections):
    """The record page's empty box for a section the record has no entry for yet."""
    record = draft_record(italy, sections)

    def saved():
        return {"entries-2-body": record.entries.get(section=sections[2]).body}

    return Edit(change_url(record), {"entries-2-body": "Typed into an empty box."}, saved)


def edit_field(obj, field, text):
    """`obj`'s own page, with `text` typed into `field`."""

    def saved():
        obj.refresh_from_db()
        return {field: getattr(obj, field)}

    return Edit(change_url(obj), {field: text}, saved)


def edit_published_as_revision(obj, field, text):
    """An expert's change to a published organisation or source: a revision holds it."""
    published = getattr(obj, field)

    def saved():
        obj.refresh_from_db()
        assert getattr(obj, field) == published, "the published row changed"
        revision = type(obj).objects.get(revision_of=obj)
        assert revision.status == PublicationStatus.IN_REVIEW
        return {field: getattr(revision, field)}

    return Edit(change_url(obj), {field: text}, saved)


PAGES = {
    "record": edit_record,
    "record, unwritten section": write_unwritten_section,
    "section entry": lambda italy, sections: edit_field(
        make_entry(system=draft_record(italy, sections), section=sections[2]), "body", "Typed."
    ),
    "indicator value": lambda italy, sections: edit_field(
        IndicatorValue.objects.get(system=draft_record(italy, sections)), "note", "Typed note."
    ),
    "policy": lambda italy, _: edit_field(
        make_policy(country=italy, status=DRAFT), "summary", "A typed summary."
    ),
    "initiative": lambda italy, _: edit_field(
        make_initiative(country=italy, status=DRAFT), "summary", "A typed summary."
    ),
    "organisation": lambda italy, _: edit_field(
        make_organisation(country=italy, status=DRAFT), "name", "Typed Agency"
    ),
    "source": lambda italy, _: edit_field(
        make_source(country=italy, status=DRAFT), "title", "A typed title"
    ),
    "collection": lambda italy, _: edit_field(
        make_collection(year=2027), "title", "The typed collection"
    ),
    "published organisation": lambda italy, _: edit_published_as_revision(
        make_organisation(country=italy), "name", "Proposed Agency"
    ),
    "published source": lambda italy, _: edit_published_as_revision(
        make_source(country=italy), "title", "A proposed title"
    ),
}

EXPERT_ONLY = {"published organisation", "published source"}
EDITOR_ONLY = {"collection"}  # experts may not change collections
CASES = [
    (name, actor)
    for name in PAGES
    for actor in ACTORS
    if not (name in EXPERT_ONLY and actor == "editor")
    and not (name in EDITOR_ONLY and actor == "expert")
]


@pytest.fixture
def signed_in(request, live_server, page):
    """Sign `actor` of the cast in to the live server's admin; returns the page."""

    def as_actor(actor):
        user = request.getfixturevalue(ACTORS[actor])
        return sign_in(page, live_server.url, user.get_username(), "pw")

    return as_actor


@pytest.mark.parametrize(("name", "actor"), CASES, ids=[f"{n}-{a}" for n, a in CASES])
def test_the_page_saves_what_was_typed(signed_in, live_server, italy, sections, name, actor):
    edit = PAGES[name](italy, sections)
    page = signed_in(actor)
    page.goto(live_server.url + edit.url)
    for field, text in edit.typed.items():
        page.locator(f"[name='{field}']").fill(text)
    answer = page.locator(".messagelist, .errornote")
    assert answer.count() == 0
    page.get_by_role("button", name="Save", exact=True).click()
    answer.first.wait_for()

    errors = page.locator(".errornote, .errorlist")
    assert errors.count() == 0, errors.all_inner_texts()
    assert page.locator(".messagelist .success").count() == 1
    assert edit.saved() == edit.typed
    if name == "record":
        page.goto(live_server.url + edit.url)
        screenshot(page, f"admin-record-saved-{actor}")


def test_the_record_page_passes_axe_for_the_expert(signed_in, live_server, italy, sections):
    page = signed_in("expert")
    page.goto(live_server.url + change_url(draft_record(italy, sections)))
    assert_no_wcag_violations(page)


def test_the_expert_replies_to_a_comment_and_resolves_it_and_each_page_passes_axe(
    signed_in, live_server, editor, italy, sections
):
    record = draft_record(italy, sections)
    entry = record.entries.get(section=sections[0])
    thread = ReviewComment.objects.create(author=editor, entry=entry, body="Cite the decree.")
    page = signed_in("expert")
    page.goto(live_server.url + change_url(record))
    assert_no_wcag_violations(page)

    page.get_by_role("link", name="Reply", exact=True).click()
    assert_no_wcag_violations(page)
    page.locator("[name='body']").fill("Cited it.")
    page.get_by_role("button", name="Save", exact=True).click()
    page.locator(".messagelist .success").wait_for()
    assert ReviewComment.objects.filter(reply_to=thread, entry=entry, body="Cited it.").exists()

    page.get_by_role("link", name="Mark resolved", exact=True).click()
    assert_no_wcag_violations(page)
    page.get_by_role("button", name="Mark resolved", exact=True).click()
    page.locator(".messagelist .success").wait_for()
    thread.refresh_from_db()
    assert thread.is_resolved


def test_the_editor_comments_on_a_policy_and_each_page_passes_axe(signed_in, live_server, italy):
    policy = make_policy(country=italy, status=DRAFT)
    page = signed_in("editor")
    page.goto(live_server.url + change_url(policy))
    page.get_by_role("link", name="Comment", exact=True).click()
    assert_no_wcag_violations(page)
    page.locator("[name='body']").fill("Which year was it adopted?")
    page.get_by_role("button", name="Save", exact=True).click()
    page.locator(".messagelist .success").wait_for()
    assert_no_wcag_violations(page)  # the policy page, with its thread
    thread = ReviewComment.objects.get(policy=policy)
    page.goto(live_server.url + change_url(thread))
    assert_no_wcag_violations(page)
    page.goto(live_server.url + "/admin/guidance/reviewcomment/")
    assert_no_wcag_violations(page)


def test_the_source_picker_offers_the_records_country_first(
    signed_in, live_server, italy, germany, sections
):
    """select2 keeps the picker's ?country= when it adds the search term (jQuery merges)."""
    make_source(title="A German report", country=germany)
    make_source(title="B Italian law", country=italy)
    page = signed_in("expert")
    page.goto(live_server.url + change_url(draft_record(italy, sections)))
    box = page.locator(".field-sources", has=page.locator("[name='entries-0-sources']"))
    box.locator(".select2-selection").click()
    options = page.locator(".select2-results__option:not(.loading-results)")
    options.filter(has_text="A German report").wait_for()  # after "Searching…"
    assert options.all_inner_texts()[:2] == ["B Italian law — Italy", "A German report — Germany"]
