"""Every model is usable in the admin, and an expert's admin holds only their countries."""

import pytest
from django.apps import apps
from django.contrib import admin

from guidance.models import GuidanceSystem, Release, ReleaseFile
from tests.conftest import client_for
from tests.factories import (
    make_entry,
    make_indicator,
    make_indicator_value,
    make_organisation,
    make_policy,
    make_source,
    make_system,
)

pytestmark = pytest.mark.django_db


def record_form(country, collection, version=None, **fields):
    """POST data for the record form, with empty entry and indicator inlines.

    `version` is the record's version when the page was opened (None on the add page).
    """
    return {
        "country": country.pk,
        "collection": collection.pk,
        "seen_version": "" if version is None else version,
        "entries-TOTAL_FORMS": "0",
        "entries-INITIAL_FORMS": "0",
        "indicator_values-TOTAL_FORMS": "0",
        "indicator_values-INITIAL_FORMS": "0",
        **fields,
    }


GUIDANCE_ADMINS = [model for model in admin.site._registry if model._meta.app_label == "guidance"]
# Written by closing a collection (guidance/rules/closing.py), never added in a form.
WRITTEN_ONCE = {Release, ReleaseFile}


@pytest.mark.parametrize("model", GUIDANCE_ADMINS, ids=lambda model: model.__name__)
def test_the_editor_can_list_search_and_add_every_model(editor, italian_record, model):
    client = client_for(editor)
    base = f"/admin/guidance/{model._meta.model_name}/"
    assert client.get(base).status_code == 200
    assert client.get(base, {"q": "Italy"}).status_code == 200
    assert client.get(base + "add/").status_code == (403 if model in WRITTEN_ONCE else 200)


def test_every_guidance_model_is_registered():
    missing = [
        model.__name__
        for model in apps.get_app_config("guidance").get_models()
        if not model.__name__.startswith("Historical") and model not in admin.site._registry
    ]
    assert missing == []


def test_a_record_page_shows_entries_in_section_order_and_indicator_values(
    editor, italian_record, sections
):
    for section in reversed(sections):
        make_entry(system=italian_record, section=section, body=f"Body of {section.title}")
    make_indicator_value(system=italian_record, indicator=make_indicator(name="Legal right"))
    response = client_for(editor).get(f"/admin/guidance/guidancesystem/{italian_record.pk}/change/")
    html = response.content.decode()
    assert response.status_code == 200
    assert (
        html.index("Body of Section 1")
        < html.index("Body of Section 2")
        < html.index("Body of Section 3")
    )
    assert "Legal right" in html


def test_the_german_expert_sees_only_german_records(german_expert, italian_record, german_record):
    response = client_for(german_expert).get("/admin/guidance/guidancesystem/")
    records = list(response.context["cl"].result_list)
    assert records == [german_record]


def test_the_german_expert_cannot_open_an_italian_record(german_expert, italian_record):
    response = client_for(german_expert).get(
        f"/admin/guidance/guidancesystem/{italian_record.pk}/change/"
    )
    assert response.status_code == 403
    assert "You can edit only Germany&#x27;s country records." in response.content.decode()


def test_the_german_expert_cannot_post_to_an_italian_policy(german_expert, italy):
    policy = make_policy(country=italy, title="Italian law")
    response = client_for(german_expert).post(
        f"/admin/guidance/policy/{policy.pk}/change/",
        {
            "title": "Hijacked",
            "country": italy.pk,
            "instrument_type": policy.instrument_type_id,
            "status": "draft",
        },
    )
    assert response.status_code == 403
    policy.refresh_from_db()
    assert policy.title == "Italian law"


def test_the_italian_expert_cannot_create_a_record_for_germany(
    italian_expert, germany, collection_2023
):
    response = client_for(italian_expert).post(
        "/admin/guidance/guidancesystem/add/",
        record_form(germany, collection_2023),
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not GuidanceSystem.objects.filter(country=germany).exists()


def test_the_italian_expert_edits_an_italian_draft_citing_a_shared_source(
    italian_expert, italian_record, sections
):
    GuidanceSystem.objects.filter(pk=italian_record.pk).update(status="draft")
    italian_record.refresh_from_db()
    source = make_source(title="A European source")  # sources are shared between countries
    form = record_form(
        italian_record.country,
        italian_record.collection,
        italian_record.version,
        summary="A revised summary.",
    )
    form.update(
        {
            "entries-TOTAL_FORMS": "1",
            "entries-0-section": sections[0].pk,
            "entries-0-completeness": "partial",
            "entries-0-body": "New section text.",
            "entries-0-sources": [source.pk],
        }
    )
    url = f"/admin/guidance/guidancesystem/{italian_record.pk}/change/"
    response = client_for(italian_expert).post(url, form)
    assert response.status_code == 302, response.content.decode()[:3000]
    italian_record.refresh_from_db()
    assert italian_record.summary == "A revised summary."
    assert italian_record.status == "draft"
    assert italian_record.updated_by == italian_expert
    assert list(italian_record.entries.get().sources.all()) == [source]


def test_experts_cannot_change_sections_or_countries(italian_expert, italy):
    client = client_for(italian_expert)
    assert client.get("/admin/guidance/section/add/").status_code == 403
    assert client.get(f"/admin/guidance/country/{italy.pk}/change/").status_code == 200  # view only
    response = client.post(f"/admin/guidance/country/{italy.pk}/change/", {"name": "Renamed"})
    assert response.status_code == 403


def test_the_italian_expert_cannot_attach_an_entry_to_a_german_record(
    italian_expert, german_record, sections
):
    response = client_for(italian_expert).post(
        "/admin/guidance/sectionentry/add/",
        {
            "system": german_record.pk,
            "section": sections[0].pk,
            "completeness": "partial",
            "body": "Sneaky.",
        },
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not german_record.entries.exists()


def test_the_italian_expert_cannot_name_a_german_organisation_as_responsible(
    italian_expert, italy, germany
):
    policy = make_policy(country=italy, title="Italian law", status="draft")
    german_agency = make_organisation(country=germany, name="German agency")
    response = client_for(italian_expert).post(
        f"/admin/guidance/policy/{policy.pk}/change/",
        {
            "title": "Italian law",
            "country": italy.pk,
            "instrument_type": policy.instrument_type_id,
            "status": "published",
            "responsible_organisations": [german_agency.pk],
            "stages-TOTAL_FORMS": "0",
            "stages-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not policy.responsible_organisations.exists()


def test_the_status_cannot_be_set_through_the_form(italian_expert, italy, collection_2023):
    draft = make_system(country=italy, collection=collection_2023, status="draft")
    response = client_for(italian_expert).post(
        f"/admin/guidance/guidancesystem/{draft.pk}/change/",
        record_form(italy, collection_2023, draft.version, status="published"),
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == "draft"
    assert draft.published_at is None


def test_an_expert_is_told_how_to_change_a_published_record(italian_expert, italian_record):
    html = (
        client_for(italian_expert)
        .get(f"/admin/guidance/guidancesystem/{italian_record.pk}/change/")
        .content.decode()
    )
    assert "To change it, press “Change in a revision”" in html
    assert "/revise/" in html and 'name="_save"' not in html
