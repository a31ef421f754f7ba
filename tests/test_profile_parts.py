"""A cold profile names its parts from key columns only (guidance/views/profile.py).

Its sections and cards are keyed on narrow queries (a row's pk, version, status and
updated_at, and stamps of the rows it links to), so everything a part shows must be in
those stamps: editing a source, an organisation, a stage or a vocabulary name shows on
the next page, with the real cache on and the page cache off.
"""

import pytest
from django.test import Client

from guidance.models import InstrumentType, PublicationStatus
from tests.conftest import client_for, use_cache
from tests.factories import (
    make_entry,
    make_indicator,
    make_indicator_value,
    make_initiative,
    make_organisation,
    make_policy,
    make_source,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def parts_cache(settings):
    use_cache(settings, "redis")
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture
def policy(parts_cache, italian_record, sections, italy):
    make_entry(system=italian_record, section=sections[0], body="Section text.")
    policy = make_policy(country=italy, title="Staged policy", summary="Policy summary.")
    policy.stages.create(year=2019, stage="design")
    policy.sources.set([make_source(title="Old source title")])
    policy.responsible_organisations.set([make_organisation(country=italy, name="Old ministry")])
    return policy


def page():
    return Client().get("/countries/IT/").content.decode()


def test_a_source_title_change_shows(policy):
    assert "Old source title" in page()
    source = policy.sources.get()
    source.title = "New source title"
    source.save()
    html = page()
    assert "New source title" in html and "Old source title" not in html


def test_an_entry_source_change_shows(policy, italian_record):
    entry = italian_record.entries.get()
    source = make_source(title="Entry source one")
    entry.sources.set([source])
    assert "Entry source one" in page()
    source.title = "Entry source two"
    source.save()
    html = page()
    assert "Entry source two" in html and "Entry source one" not in html


def test_an_organisation_name_change_shows(policy):
    assert "Old ministry" in page()
    organisation = policy.responsible_organisations.get()
    organisation.name = "New ministry"
    organisation.save()
    html = page()
    assert "Responsible: New ministry" in html and "Old ministry" not in html


def test_a_stage_year_change_shows(policy):
    assert '<span class="year">2019</span>' in page()
    stage = policy.stages.get()
    stage.year = 2021
    stage.save()
    html = page()
    assert '<span class="year">2021</span>' in html and '<span class="year">2019</span>' not in html


def test_a_linked_row_added_or_removed_shows(policy, italy):
    policy.stages.create(year=2022, stage="implementation")
    assert '<span class="year">2022</span>' in page()
    policy.sources.clear()
    assert "Old source title" not in page()


def test_a_vocabulary_name_change_shows(policy, italy):
    initiative = make_initiative(country=italy, title="An initiative")
    mode = initiative.delivery_modes.model.objects.create(code="online", name="Online")
    initiative.delivery_modes.set([mode])
    html = page()
    assert "Strategy" in html and "Delivery: online" in html
    InstrumentType.objects.filter(code="strategy").update(name="National strategy")
    mode.name = "Remote"
    mode.save()
    initiative.initiative_type.name = "Helpline"
    initiative.initiative_type.save()
    html = page()
    assert "National strategy" in html
    assert "Delivery: remote" in html and "Delivery: online" not in html
    assert '<p class="item-meta">Helpline' in html


def test_parts_cold_and_warm_give_the_same_page(policy, italy, django_assert_num_queries):
    initiative = make_initiative(country=italy, title="An initiative")
    initiative.providers.set([make_organisation(country=italy, name="Provider")])
    # Key columns: country, records, entries, sections, policies, initiatives,
    # subdivisions, indicator values, organisations. Parts cold adds the entry with its
    # sources (2), the policy with stages, sources, organisations (4), the initiative
    # with sources, providers, delivery modes (4), the policy timeline's stage years (1).
    with django_assert_num_queries(20):
        cold = page()
    with django_assert_num_queries(9):
        warm = page()
    assert warm == cold
    assert "Provider" in warm and "Section text." in warm


def test_a_draft_never_reaches_the_public_through_a_part(policy, italy, italian_expert):
    draft = make_policy(
        country=italy, title="Draft card", summary="SECRET text.", status=PublicationStatus.DRAFT
    )
    assert "SECRET text." in client_for(italian_expert).get("/countries/IT/").content.decode()
    assert "SECRET" not in page()
    draft.status = PublicationStatus.PUBLISHED
    draft.save()
    html = page()
    assert "SECRET text." in html and "not public" not in html


def test_the_indicators_table_follows_its_values_indicators_and_sources(policy, italian_record):
    indicator = make_indicator(name="Old indicator name")
    value = make_indicator_value(system=italian_record, indicator=indicator, note="Old note")
    source = make_source(title="Value source one")
    value.sources.set([source])
    html = page()
    assert "Old indicator name" in html and "Old note" in html and "Value source one" in html

    indicator.name = "New indicator name"
    indicator.save()
    source.title = "Value source two"
    source.save()
    html = page()
    assert "New indicator name" in html and "Old indicator name" not in html
    assert "Value source two" in html and "Value source one" not in html

    value.note = "New note"
    value.save()
    html = page()
    assert "New note" in html and "Old note" not in html
