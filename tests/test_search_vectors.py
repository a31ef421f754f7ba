"""Stored search vectors on PostgreSQL: a trigger keeps them on every write, a GIN index serves them."""

import pytest
from django.contrib.postgres.search import SearchQuery
from django.db import connection

from guidance.models import Organisation, Policy, SectionEntry
from guidance.query.search import search_content
from guidance.reading.site_search import search
from tests.factories import make_entry, make_organisation, make_policy

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="SQLite searches the text fields themselves"
    ),
]


def found(model, words):
    return set(model.objects.filter(search_vector=SearchQuery(words, config="english")))


def test_a_saved_policy_is_found_by_title_original_title_and_summary(italy):
    policy = make_policy(
        country=italy,
        title="Apprenticeship reform",
        original_title="Riforma dell'apprendistato",
        summary="Counsellors in every school.",
    )
    for words in ("apprenticeship", "apprendistato", "counsellor"):
        assert found(Policy, words) == {policy}, words


def test_an_update_that_bypasses_save_still_renews_the_vector(italy):
    policy = make_policy(country=italy, title="Apprenticeship reform")
    Policy.objects.filter(pk=policy.pk).update(title="Career portal")
    assert found(Policy, "apprenticeship") == set()
    assert found(Policy, "portal") == {policy}


def test_bulk_created_entries_and_organisations_are_searchable(italy, italian_record, sections):
    SectionEntry.objects.bulk_create(
        [
            SectionEntry(
                system=italian_record,
                section=sections[0],
                body="Regional **centres** advise adults.",
            )
        ]
    )
    make_organisation(country=italy, name="National guidance forum", acronym="NGF")
    assert len(found(SectionEntry, "centre")) == 1
    assert {o.acronym for o in found(Organisation, "NGF")} == {"NGF"}


def test_a_title_weighs_more_than_the_summary(italy):
    make_policy(country=italy, title="Other plan", summary="A plan for apprenticeship fairs.")
    make_policy(country=italy, title="Apprenticeship fairs", summary="Fairs.")
    hits = [hit.title for hit in search("apprenticeship fairs", kinds=["policy"]).hits]
    assert hits == ["Apprenticeship fairs", "Other plan"]


@pytest.mark.parametrize(
    ("model", "fields", "index"),
    [
        (Policy, ("title",), "guidance_policy_search"),
        (SectionEntry, ("body",), "guidance_sectionentry_search"),
        (Organisation, ("name",), "guidance_organisation_search"),
    ],
)
def test_the_search_filter_can_use_the_gin_index(
    italy, italian_record, sections, model, fields, index
):
    """With sequential and plain index scans ruled out, only the GIN index can serve `@@`."""
    make_policy(country=italy)
    make_entry(system=italian_record, section=sections[0])
    make_organisation(country=italy)
    matching = search_content(model.objects.order_by(), fields, "guidance").values("pk")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        plan = matching.explain()
    assert f"Bitmap Index Scan on {index}" in plan
