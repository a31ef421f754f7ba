"""The database itself refuses bad data, even when no form stands in the way."""

import pytest
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from guidance.models import (
    Completeness,
    GuidanceSystem,
    IndicatorAnswer,
    Policy,
    PublicationStatus,
)
from tests.factories import (
    make_collection,
    make_country,
    make_entry,
    make_indicator,
    make_indicator_value,
    make_policy,
    make_source,
    make_system,
)

pytestmark = pytest.mark.django_db


def refused(create):
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


def test_a_country_has_one_record_per_collection(italy, collection_2023, italian_record):
    refused(lambda: make_system(country=italy, collection=collection_2023))


def test_a_record_has_one_entry_per_section(italian_record, sections):
    make_entry(system=italian_record, section=sections[0])
    refused(lambda: make_entry(system=italian_record, section=sections[0]))


def test_a_record_answers_each_indicator_once(italian_record):
    indicator = make_indicator()
    make_indicator_value(system=italian_record, indicator=indicator)
    refused(lambda: make_indicator_value(system=italian_record, indicator=indicator))


def test_collection_and_source_years_must_be_plausible():
    refused(lambda: make_collection(year=1850))
    refused(lambda: make_collection(year=2150))
    refused(lambda: make_source(year=1066))


def test_policy_years_are_in_range_and_ordered(italy):
    refused(lambda: make_policy(country=italy, start_year=3000))
    refused(lambda: make_policy(country=italy, start_year=2020, end_year=2019))
    assert make_policy(country=italy, start_year=2019, end_year=2019).pk


def test_policy_has_one_stage_per_year_from_the_seven(italy):
    policy = make_policy(country=italy)
    policy.stages.create(year=2020, stage="pilot")
    refused(lambda: policy.stages.create(year=2020, stage="implementation"))
    refused(lambda: policy.stages.create(year=2021, stage="abandoned"))
    refused(lambda: policy.stages.create(year=1800, stage="pilot"))


def test_indicator_since_year_and_answer_are_checked(italian_record):
    refused(
        lambda: make_indicator_value(
            system=italian_record, indicator=make_indicator(), since_year=1700
        )
    )
    refused(
        lambda: make_indicator_value(
            system=italian_record, indicator=make_indicator(), answer="maybe"
        )
    )
    assert make_indicator_value(
        system=italian_record,
        indicator=make_indicator(),
        answer=IndicatorAnswer.PARTIAL,
        since_year=2012,
    ).pk


def test_a_section_marked_written_needs_text(italian_record, sections):
    refused(
        lambda: make_entry(
            system=italian_record, section=sections[0], body="", completeness=Completeness.PARTIAL
        )
    )
    assert make_entry(
        system=italian_record, section=sections[1], body="", completeness=Completeness.EMPTY
    ).pk


def test_publishing_records_the_publication_time(italy, collection_2023):
    record = make_system(country=italy, collection=collection_2023, status=PublicationStatus.DRAFT)
    assert record.published_at is None
    record.status = PublicationStatus.PUBLISHED
    record.save()
    assert record.published_at is not None


def test_published_content_without_a_date_is_refused_by_the_database(italian_record, italy):
    policy = make_policy(country=italy)
    refused(lambda: GuidanceSystem.objects.filter(pk=italian_record.pk).update(published_at=None))
    refused(lambda: Policy.objects.filter(pk=policy.pk).update(published_at=None))


def test_country_codes_follow_iso_or_subnational_form():
    refused(lambda: make_country(code="italy", iso_country="IT"))
    refused(lambda: make_country(code="it", iso_country="IT"))
    assert make_country(code="BE-FL", iso_country="BE", name="Belgium (Flanders)").pk


def test_a_record_cannot_be_based_on_itself(italian_record):
    italian_record.based_on_id = italian_record.pk
    refused(italian_record.save)


def test_source_urls_are_unique_but_may_be_empty():
    make_source(url="https://example.org/a")
    refused(lambda: make_source(url="https://example.org/a"))
    make_source(url="")
    assert make_source(url="").pk


def test_a_country_with_a_record_cannot_be_deleted(italy, italian_record):
    with pytest.raises(ProtectedError):
        italy.delete()


def test_a_section_with_entries_cannot_be_deleted(italian_record, sections):
    make_entry(system=italian_record, section=sections[0])
    with pytest.raises(ProtectedError):
        sections[0].delete()
    sections[1].delete()


def test_a_collection_with_records_cannot_be_deleted(collection_2023, italian_record):
    with pytest.raises(ProtectedError):
        collection_2023.delete()


def test_an_indicator_with_values_cannot_be_deleted(italian_record):
    indicator = make_indicator()
    make_indicator_value(system=italian_record, indicator=indicator)
    with pytest.raises(ProtectedError):
        indicator.delete()


def test_a_record_that_others_are_based_on_cannot_be_deleted(italy, italian_record):
    later = make_system(
        country=italy, collection=make_collection(year=2025), based_on=italian_record
    )
    with pytest.raises(ProtectedError):
        italian_record.delete()
    assert later.pk


def test_a_country_with_subdivisions_cannot_be_deleted():
    belgium = make_country(code="BE", name="Belgium")
    make_country(code="BE-FL", iso_country="BE", name="Belgium (Flanders)", parent=belgium)
    with pytest.raises(ProtectedError):
        belgium.delete()


def test_a_subnational_entity_keeps_its_state(db):
    belgium = make_country(code="BE", name="Belgium")
    flanders = make_country(
        code="BE-FL", iso_country="BE", name="Belgium (Flanders)", parent=belgium
    )
    flanders.refresh_from_db()
    assert flanders.is_subnational
    assert flanders.iso_country.name == "Belgium"
    assert not belgium.is_subnational
