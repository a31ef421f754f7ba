"""No lost edits: of two people editing the same thing from the same version, the second
is refused, told what the first changed, and the first edit survives untouched."""

import re
import threading

import pytest
from django.db import connection

from guidance.models import PublicationStatus
from guidance.rules import concurrency
from tests.conftest import _staff_user, client_for
from tests.factories import make_collection, make_entry, make_system

pytestmark = pytest.mark.django_db

BASE = "/admin/guidance/guidancesystem/"


@pytest.fixture
def second_editor(groups):
    editors, _ = groups
    return _staff_user("second-editor", editors)


@pytest.fixture
def italian_record(italy, collection_2023):
    """A draft, which its expert changes in place (a published record goes through a revision)."""
    return make_system(country=italy, collection=collection_2023, status=PublicationStatus.DRAFT)


@pytest.fixture
def italian_entries(italian_record, sections):
    return [
        make_entry(system=italian_record, section=section, body=f"Original {section.title}.")
        for section in sections[:2]
    ]


def page_form(record, entries, **changes):
    """The record page's form as a browser would post it, at the versions it was opened at."""
    form = {
        "country": record.country_id,
        "collection": record.collection_id,
        "summary": record.summary,
        "seen_version": record.version,
        "entries-TOTAL_FORMS": str(len(entries)),
        "entries-INITIAL_FORMS": str(len(entries)),
        "indicator_values-TOTAL_FORMS": "0",
        "indicator_values-INITIAL_FORMS": "0",
    }
    for i, entry in enumerate(entries):
        form |= {
            f"entries-{i}-id": entry.pk,
            f"entries-{i}-system": record.pk,
            f"entries-{i}-section": entry.section_id,
            f"entries-{i}-completeness": entry.completeness,
            f"entries-{i}-body": entry.body,
            f"entries-{i}-seen_version": entry.version,
        }
    return form | changes


def test_the_second_save_of_the_same_summary_is_refused_and_the_first_survives(
    editor, italian_expert, italian_record, italian_entries
):
    url = f"{BASE}{italian_record.pk}/change/"
    first = page_form(italian_record, italian_entries, summary="The expert's summary.")
    second = page_form(italian_record, italian_entries, summary="The editor's summary.")

    assert client_for(italian_expert).post(url, first).status_code == 302
    response = client_for(editor).post(url, second)

    assert response.status_code == 200
    html = response.content.decode()
    assert "expert-it saved a newer version" in html
    assert re.search(r"<ins>.*expert&#x27;s.*</ins>", html)  # what the other person wrote
    italian_record.refresh_from_db()
    assert italian_record.summary == "The expert's summary."


def test_the_second_save_of_the_same_section_is_refused_and_shows_the_change(
    editor, second_editor, italian_record, italian_entries
):
    url = f"{BASE}{italian_record.pk}/change/"
    first = page_form(italian_record, italian_entries, **{"entries-0-body": "First writer."})
    second = page_form(italian_record, italian_entries, **{"entries-0-body": "Second writer."})

    assert client_for(editor).post(url, first).status_code == 302
    response = client_for(second_editor).post(url, second)

    assert response.status_code == 200
    assert re.search(r"<ins>.*First.*</ins>.*<ins>.*writer\..*</ins>", response.content.decode())
    italian_entries[0].refresh_from_db()
    assert italian_entries[0].body == "First writer."


def test_two_people_editing_different_sections_of_one_record_both_succeed(
    editor, second_editor, italian_record, italian_entries
):
    url = f"{BASE}{italian_record.pk}/change/"
    first = page_form(italian_record, italian_entries, **{"entries-0-body": "Section one, new."})
    second = page_form(italian_record, italian_entries, **{"entries-1-body": "Section two, new."})

    assert client_for(editor).post(url, first).status_code == 302
    assert client_for(second_editor).post(url, second).status_code == 302

    bodies = sorted(entry.body for entry in italian_record.entries.all())
    assert bodies == ["Section one, new.", "Section two, new."]


def test_a_form_without_its_version_is_refused(editor, italian_record, italian_entries):
    form = page_form(italian_record, italian_entries, summary="No version.")
    del form["seen_version"]
    response = client_for(editor).post(f"{BASE}{italian_record.pk}/change/", form)
    assert response.status_code == 200
    assert "reload the page" in response.content.decode()


def test_check_current_names_the_changed_fields_and_who_changed_them(
    italian_record, italian_expert
):
    seen = italian_record.version
    italian_record.summary = "Newer."
    italian_record._history_user = italian_expert
    italian_record.save()
    with pytest.raises(concurrency.EditConflict) as refused:
        concurrency.check_current(italian_record, seen)
    conflict = refused.value
    assert [change.field for change in conflict.changes] == ["summary"]
    assert conflict.changes[0].after == "Newer."
    assert conflict.changed_by == ["expert-it"]
    assert conflict.current_version == seen + 1


def test_check_current_passes_at_the_stored_version(italian_record):
    concurrency.check_current(italian_record, italian_record.version)


def test_a_section_saved_from_a_page_opened_before_a_summary_change_keeps_that_change(
    editor, second_editor, italian_record, italian_entries
):
    url = f"{BASE}{italian_record.pk}/change/"
    first = page_form(italian_record, italian_entries, summary="The first summary change.")
    second = page_form(italian_record, italian_entries, **{"entries-1-body": "Only section two."})

    assert client_for(editor).post(url, first).status_code == 302
    assert client_for(second_editor).post(url, second).status_code == 302

    italian_record.refresh_from_db()
    assert italian_record.summary == "The first summary change."
    assert italian_record.entries.get(section=italian_entries[1].section).body == (
        "Only section two."
    )


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs row locks: runs on PostgreSQL (CI)"
)
def test_two_saves_at_the_same_moment_one_wins_and_nothing_is_lost(groups, italy):
    """Two editors press save at once on the same record, from the same version.

    The row lock makes the second wait for the first to commit; its version check then
    fails. Without the lock both would pass the check and the second would overwrite.
    """
    editors, _ = groups
    record = make_system(country=italy, collection=make_collection(year=2023))
    clients = [client_for(_staff_user(f"editor-{n}", editors)) for n in range(2)]
    url = f"{BASE}{record.pk}/change/"
    forms = [page_form(record, [], summary=f"Summary by editor {n}.") for n in range(2)]
    start = threading.Barrier(2)
    statuses = [None, None]

    def save(n):
        try:
            start.wait()
            statuses[n] = clients[n].post(url, forms[n]).status_code
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(n,)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(statuses) == [200, 302]  # one saved, one refused with the form shown again
    winner = statuses.index(302)
    record.refresh_from_db()
    assert record.summary == f"Summary by editor {winner}."
    assert record.version == 2
