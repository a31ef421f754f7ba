"""A profile's body is cached whole, keyed on its parts and on all else it shows
(guidance/views/profile.py), with the real cache on and the page cache off.

A warm body is one read; every change a reader could see on the page, made through the
workflow as editors and experts make it, shows on the next request; and the body cached
for one reader is never another's.
"""

from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client

from guidance.models import Collection, OrganisationType, Policy, PublicationStatus
from guidance.rules import workflow
from guidance.views import profile
from guidance.views.fragments import FragmentBatch, row
from tests.conftest import client_for, use_cache
from tests.factories import (
    make_country,
    make_entry,
    make_organisation,
    make_policy,
    make_source,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["redis", "locmem"])
def parts_cache(request, settings):
    use_cache(settings, request.param)
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture
def entry(parts_cache, italian_record, sections, italy):
    entry = make_entry(system=italian_record, section=sections[0], body="The published wording.")
    entry.sources.set([make_source(title="Old entry source")])
    make_policy(country=italy, title="Published policy")
    make_organisation(country=italy, name="Old agency")
    return entry


def page(client=None):
    return (client or Client()).get("/countries/IT/").content.decode()


def test_a_warm_body_reads_no_parts(entry, monkeypatch):
    cold = page()

    def refuse(batch):
        raise AssertionError("a warm body read its parts")

    monkeypatch.setattr(FragmentBatch, "read", refuse)
    assert page() == cold


def test_an_edited_and_published_section_shows(entry, italian_record, italian_expert, editor):
    assert "The published wording." in page()
    revision = workflow.start_revision(italian_record, italian_expert)
    revised = revision.entries.get()
    revised.body = "The revised wording."
    revised.save()
    assert "The revised wording." not in page()

    workflow.publish(revision, editor)
    html = page()
    assert "The revised wording." in html and "The published wording." not in html


def test_a_newly_published_policy_shows(entry, italy, editor):
    assert "New strategy" not in page()
    policy = make_policy(country=italy, title="New strategy", status=PublicationStatus.DRAFT)
    assert "New strategy" not in page()
    workflow.publish(policy, editor)
    assert "New strategy" in page()


def test_a_newly_linked_organisation_and_source_show(entry, italy):
    policy = make_policy(country=italy, title="Linked policy")
    page()
    policy.responsible_organisations.add(make_organisation(country=italy, name="New ministry"))
    entry.sources.add(make_source(title="New entry source"))
    html = page()
    assert "Responsible: New ministry" in html and "New entry source" in html


def test_a_changed_organisation_or_its_type_shows_in_the_list(entry):
    assert "Old agency" in page()
    organisation = entry.system.country.organisations.get(name="Old agency")
    organisation.name = "New agency"
    organisation.save()
    html = page()
    assert "New agency" in html and "Old agency" not in html

    OrganisationType.objects.filter(pk=organisation.type_id).update(name="Public agency")
    assert "New agency</a> – Public agency" in page()


def test_a_changed_source_shows(entry):
    assert "Old entry source" in page()
    source = entry.sources.get()
    source.title = "New entry source"
    source.save()
    html = page()
    assert "New entry source" in html and "Old entry source" not in html


def test_a_changed_record_summary_shows(entry, italian_record):
    page()
    italian_record.summary = "A *new* summary."
    italian_record.save()
    assert "A <em>new</em> summary." in page()


def test_a_changed_collection_period_shows(entry, italian_record):
    assert "reference period 2019–2022" not in page()
    Collection.objects.filter(pk=italian_record.collection_id).update(
        reference_start=2019, reference_end=2022
    )
    assert "reference period 2019–2022" in page()


def test_a_renamed_country_shows(parts_cache, germany):
    page_of("DE")
    germany.name = "Bundesrepublik Deutschland"
    germany.save()
    assert "<h1>Bundesrepublik Deutschland" in page_of("DE")


def test_a_new_subdivision_shows(entry, italy):
    assert "Records are also kept for:" not in page()
    make_country(code="IT-XX", name="A region", parent=italy)
    html = page()
    assert "Records are also kept for:" in html and ">A region</a>" in html


def test_the_citation_is_dated_the_day_it_is_read(entry, monkeypatch):
    assert f"(accessed {date.today().isoformat()})" in page()
    monkeypatch.setattr(profile.timezone, "localdate", lambda: date(2031, 2, 3))
    assert "(accessed 2031-02-03)" in page()


def test_an_experts_draft_view_never_reaches_anyone_else(
    entry, italy, italian_expert, german_expert
):
    make_policy(country=italy, title="Draft card", summary="SECRET text.", status="draft")
    expert = client_for(italian_expert)
    for _ in range(2):  # cold, then from the cached body
        response = expert.get("/countries/IT/")
        assert "SECRET text." in response.content.decode()
        assert "no-store" in response["Cache-Control"]

    assert "SECRET" not in page()
    assert "SECRET" not in page(client_for(german_expert))


def test_draft_rows_linked_to_published_ones_are_shown_to_their_experts_only(
    entry, italy, italian_expert, german_expert
):
    """A published card and section list only the sources and organisations their reader
    may read, though the expert's parts were cached first."""
    draft_source = make_source(title="Draft source SECRET", country=italy, status="draft")
    draft_agency = make_organisation(country=italy, name="Draft agency SECRET", status="draft")
    policy = make_policy(country=italy, title="Published card")
    policy.sources.add(draft_source)
    policy.responsible_organisations.add(draft_agency)
    entry.sources.add(draft_source)
    expert_page = page(client_for(italian_expert))
    assert expert_page.count("Draft source SECRET") == 2  # the card and the section
    assert "Draft agency SECRET" in expert_page

    for html in (page(), page(client_for(german_expert))):
        assert "Published card" in html and "The published wording." in html
        assert "SECRET" not in html


def test_a_body_from_the_cache_keeps_the_footnote_of_the_page(parts_cache, sections):
    make_country(code="XK", name="Kosovo")
    assert page_of("XK").count('id="footnote-xk"') == 1
    assert page_of("XK").count('id="footnote-xk"') == 1


def page_of(code):
    return Client().get(f"/countries/{code}/").content.decode()


def test_a_body_showing_a_row_saved_meanwhile_is_not_stored(parts_cache, italy):
    """The card shows a newer state than its key names, so neither it nor the body
    around it (any template will do) is stored: the next request loads the row again."""
    stub = make_policy(country=italy, title="Before")
    loads = []

    def load(pks):
        loads.append(pks)
        policy = Policy.objects.get(pk=stub.pk)
        policy.title = "Saved between the key query and the load"
        policy.save()
        return {policy.pk: policy}

    def assemble():
        batch = FragmentBatch(AnonymousUser())
        card = batch.add_loaded(
            "guidance/fragments/policy_card.html",
            stub,
            (row(stub),),
            load,
            lambda policy: {"policy": policy, "country": italy},
        )
        return batch.assemble("guidance/fragments/profile_contents.html", {"card": card}, ())

    assemble()
    assemble()
    assert len(loads) == 2
