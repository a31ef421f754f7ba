"""load_demo loads the shipped inventory idempotently and refuses a malformed file whole."""

import os
import re
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count, Q

from guidance.models import (
    Country,
    CountryGroup,
    GuidanceSystem,
    Initiative,
    Policy,
    PublicationStatus,
    SectionEntry,
    Source,
)
from guidance.rules import opening

pytestmark = pytest.mark.django_db
FIXTURES = Path(settings.BASE_DIR) / "fixtures"
DOMAIN_README = Path(settings.BASE_DIR).parent / "shared" / "domain" / "README.md"


def row_counts():
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_app_config("guidance").get_models()
    }


@pytest.fixture(scope="module")
def demo_inventory(django_db_setup, django_db_blocker):
    """The shipped inventory, loaded once for this module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo(demo_inventory, db):
    """Each test runs in a savepoint inside the module's transaction."""


def test_a_second_load_changes_nothing_and_adds_no_history(demo):
    counts = row_counts()
    stamps = list(GuidanceSystem.objects.order_by("pk").values_list("updated_at", "published_at"))
    call_command("load_demo", stdout=StringIO())
    assert row_counts() == counts
    assert (
        list(GuidanceSystem.objects.order_by("pk").values_list("updated_at", "published_at"))
        == stamps
    )


def test_ten_countries_have_a_published_record_with_policies_initiatives_and_sources(demo):
    complete = [
        country.code
        for country in Country.objects.filter(
            systems__status=PublicationStatus.PUBLISHED
        ).distinct()
        if Policy.objects.published().filter(country=country).count() >= 2
        and Initiative.objects.published().filter(country=country).count() >= 2
        and SectionEntry.objects.filter(system__country=country).exclude(body="").count() >= 3
    ]
    assert len(complete) >= 10, complete


def test_at_least_three_countries_have_records_in_two_collections(demo):
    histories = Country.objects.annotate(records=Count("systems")).filter(records__gte=2)
    assert histories.count() >= 3
    for record in GuidanceSystem.objects.filter(country__in=histories).order_by("collection__year")[
        1:
    ]:
        if record.based_on:
            assert record.based_on.collection.year < record.collection.year


def test_every_written_statement_cites_a_source(demo):
    unsourced_entries = (
        SectionEntry.objects.exclude(body="").annotate(n=Count("sources")).filter(n=0)
    )
    assert list(unsourced_entries) == []
    assert not Policy.objects.annotate(n=Count("sources")).filter(n=0).exists()
    assert not Initiative.objects.annotate(n=Count("sources")).filter(n=0).exists()


def test_demo_records_are_never_attributed_to_a_person(demo):
    assert set(GuidanceSystem.objects.values_list("contributors", flat=True)) == {
        settings.DEMO_INVENTORY_AUTHOR
    }


def test_italy_includes_anpal_and_the_citizenship_income(demo):
    italy = Country.objects.get(code="IT")
    titles = " ".join(Policy.objects.filter(country=italy).values_list("title", flat=True)).lower()
    organisations = " ".join(italy.organisations.values_list("acronym", flat=True))
    assert "ANPAL" in organisations
    assert "citizenship income" in titles
    assert Initiative.objects.filter(country=italy, title__icontains="navigator").exists()


def test_every_source_url_comes_from_the_domain_facts(demo):
    if not DOMAIN_README.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{DOMAIN_README} is missing in CI")
        pytest.skip("the shared domain file is not beside this checkout")
    known = set(re.findall(r"https?://[^\s)]+", DOMAIN_README.read_text()))
    unknown = [url for url in Source.objects.values_list("url", flat=True) if url not in known]
    assert unknown == []


def test_published_demo_content_has_a_publication_date(demo):
    for model in (GuidanceSystem, Policy, Initiative):
        assert not model.objects.filter(
            Q(status=PublicationStatus.PUBLISHED) & Q(published_at=None)
        ).exists()


def test_a_loaded_initiative_has_its_relations_in_history(demo):
    initiative = Initiative.objects.filter(sources__isnull=False).first()
    created, *later = reversed(initiative.history.all())
    assert created.history_type == "+"
    assert len(later) <= 1, "relations are recorded in one history row, not one per relation"
    newest = initiative.history.first()
    assert set(newest.sources.values_list("source_id", flat=True)) == set(
        initiative.sources.values_list("pk", flat=True)
    )


def test_opening_a_collection_over_the_demo_inventory_copies_every_latest_record(demo):
    latest = opening.latest_published_records(2027)
    expected_entries = sum(record.entries.count() for record in latest)
    expected_values = sum(record.indicator_values.count() for record in latest)

    opened = opening.open_collection(2027)

    assert (
        opened.records
        == len(latest)
        == Country.objects.filter(systems__isnull=False).distinct().count()
    )
    assert (opened.entries, opened.indicator_values) == (expected_entries, expected_values)
    italy = GuidanceSystem.objects.get(country__code="IT", collection__year=2027)
    assert italy.based_on.collection.year == 2023
    assert italy.status == PublicationStatus.DRAFT


def test_the_demo_covers_25_countries_the_candidates_and_kosovo(demo, anonymous):
    """Issue 16: the scope is covered, every record has at least five written sections."""
    published = GuidanceSystem.objects.live().filter(status=PublicationStatus.PUBLISHED)
    covered = set(published.values_list("country__code", flat=True))
    candidates = set(
        Country.objects.filter(group=CountryGroup.CANDIDATE).values_list("code", flat=True)
    )
    assert len(covered) >= 25
    assert len(candidates & covered) >= 8
    assert "XK" in covered
    assert published.filter(country__code="TR", collection__year=2021).exists()
    written = published.annotate(
        sections=Count("entries", filter=~Q(entries__body=""))
    ).values_list("country__code", "collection__year", "sections")
    assert [(code, year) for code, year, sections in written if sections < 5] == []
    coverage = anonymous.get("/coverage/?collection=2025")
    assert coverage.status_code == 200
    assert len([row for row in coverage.context["table"].rows if row.record]) >= 25
