"""Opening a collection copies each country's latest published record into a new draft."""

import pytest
from django.core.management import CommandError, call_command

from guidance.models import Collection, GuidanceSystem, PublicationStatus, SectionEntry
from guidance.rules import copying, opening
from tests.factories import (
    make_collection,
    make_entry,
    make_indicator,
    make_indicator_value,
    make_source,
    make_system,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def italian_record_with_content(italian_record, sections):
    source = make_source(title="Euroguidance")
    entry = make_entry(
        system=italian_record, section=sections[0], body="Regions run the PES points."
    )
    entry.sources.add(source)
    make_entry(system=italian_record, section=sections[1], body="", completeness="empty")
    value = make_indicator_value(
        system=italian_record, indicator=make_indicator(), since_year=2012, note="By agreement."
    )
    value.sources.add(source)
    return italian_record


def test_it_copies_entries_values_and_sources_into_a_draft(
    italian_record_with_content, german_record
):
    opened = opening.open_collection(2025)

    assert (opened.records, opened.entries, opened.indicator_values) == (2, 2, 1)
    draft = GuidanceSystem.objects.get(country__code="IT", collection__year=2025)
    assert draft.status == PublicationStatus.DRAFT
    assert draft.based_on == italian_record_with_content
    assert draft.summary == italian_record_with_content.summary
    copied = draft.entries.get(section__number=1)
    assert copied.body == "Regions run the PES points."
    assert [s.title for s in copied.sources.all()] == ["Euroguidance"]
    value = draft.indicator_values.get()
    assert (value.since_year, value.note, value.sources.count()) == (2012, "By agreement.", 1)


def test_it_leaves_the_old_record_untouched(italian_record_with_content):
    before = list(SectionEntry.objects.filter(system=italian_record_with_content).values())
    opening.open_collection(2025)
    italian_record_with_content.refresh_from_db()
    assert italian_record_with_content.status == PublicationStatus.PUBLISHED
    assert list(SectionEntry.objects.filter(system=italian_record_with_content).values()) == before


def test_it_copies_the_latest_published_record_not_a_newer_draft(italy, italian_record):
    make_system(
        country=italy, collection=make_collection(year=2024), status=PublicationStatus.DRAFT
    )
    opening.open_collection(2025)
    assert (
        GuidanceSystem.objects.get(country=italy, collection__year=2025).based_on == italian_record
    )


def test_it_records_the_copy_in_history(italian_record_with_content, editor):
    opening.open_collection(2025, user=editor)
    draft = GuidanceSystem.objects.get(collection__year=2025)
    first = draft.history.get()
    assert (first.history_change_reason, first.history_user) == (opening.CHANGE_REASON, editor)
    entry = draft.entries.get(section__number=1)
    assert entry.history.get().history_user == editor


def test_opening_the_same_year_twice_is_refused(italian_record):
    opening.open_collection(2025)
    with pytest.raises(opening.CollectionAlreadyOpen, match="already exists"):
        opening.open_collection(2025)
    assert GuidanceSystem.objects.filter(collection__year=2025).count() == 1


def test_a_year_before_the_latest_collection_is_refused(italian_record):
    with pytest.raises(opening.CollectionAlreadyOpen, match="after the latest one"):
        opening.open_collection(2021)


def test_a_failure_midway_rolls_everything_back(
    italian_record_with_content, german_record, monkeypatch
):
    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(copying, "copy_many_to_many", fail)  # after records and entries
    with pytest.raises(RuntimeError):
        opening.open_collection(2025)
    assert not Collection.objects.filter(year=2025).exists()
    assert GuidanceSystem.objects.count() == 2
    assert SectionEntry.objects.count() == 2


def test_the_command_reports_what_it_opened_and_refuses_a_second_run(
    italian_record_with_content, capsys
):
    call_command("open_collection", "2025")
    assert "1 draft records, 2 section entries, 1 indicator values" in capsys.readouterr().out
    with pytest.raises(CommandError, match="already exists"):
        call_command("open_collection", "2025")
