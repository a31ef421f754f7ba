"""Writes validate like the admin, keep history and never overwrite a newer version."""

import pytest

from guidance.models import GuidanceSystem, Policy, PublicationStatus, SectionEntry
from tests.api.conftest import api_client_for
from tests.factories import make_policy

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(italy):
    return make_policy(country=italy, title="Linee guida", status=PublicationStatus.DRAFT)


def test_stale_write_is_refused_and_nothing_is_overwritten(draft, italian_expert, editor):
    first = api_client_for(editor).patch(
        f"/api/v1/policies/{draft.pk}/", {"title": "Editor's title", "version": 1}, format="json"
    )
    assert first.status_code == 200
    assert first.json()["version"] == 2
    stale = api_client_for(italian_expert).patch(
        f"/api/v1/policies/{draft.pk}/", {"summary": "Expert's text", "version": 1}, format="json"
    )
    assert stale.status_code == 409
    assert stale.json()["current_version"] == 2
    assert "title" in stale.json()["changed_fields"]
    draft.refresh_from_db()
    assert (draft.title, draft.summary) == ("Editor's title", "")


def test_a_change_needs_the_version_it_started_from(draft, italian_expert):
    response = api_client_for(italian_expert).patch(
        f"/api/v1/policies/{draft.pk}/", {"title": "No version"}, format="json"
    )
    assert response.status_code == 400
    assert list(response.json()) == ["version"]


def test_writes_validate_like_the_admin(draft, italian_expert):
    response = api_client_for(italian_expert).patch(
        f"/api/v1/policies/{draft.pk}/",
        {"start_year": 2020, "end_year": 2010, "version": 1},
        format="json",
    )
    assert response.status_code == 400
    assert "end year cannot be before the start year" in str(response.json())
    assert Policy.objects.get(pk=draft.pk).start_year is None


def test_create_makes_a_draft_with_history(italian_expert, italy, groups):
    from guidance.models import InstrumentType

    InstrumentType.objects.create(code="legislation", name="Legislation")
    response = api_client_for(italian_expert).post(
        "/api/v1/policies/",
        {"country": "IT", "title": "Nuova legge", "instrument_type": "legislation"},
        format="json",
    )
    assert response.status_code == 201
    policy = Policy.objects.get(pk=response.json()["id"])
    assert policy.status == PublicationStatus.DRAFT
    assert policy.history.first().history_user == italian_expert


def test_create_for_another_country_is_refused(italian_expert, germany, groups):
    from guidance.models import InstrumentType

    InstrumentType.objects.create(code="legislation", name="Legislation")
    response = api_client_for(italian_expert).post(
        "/api/v1/policies/",
        {"country": "DE", "title": "Gesetz", "instrument_type": "legislation"},
        format="json",
    )
    assert response.status_code == 403
    assert not Policy.objects.exists()


def test_update_keeps_history_with_its_author(draft, italian_expert):
    api_client_for(italian_expert).patch(
        f"/api/v1/policies/{draft.pk}/", {"title": "Linee guida 2024", "version": 1}, format="json"
    )
    latest = Policy.objects.get(pk=draft.pk).history.first()
    assert (latest.title, latest.history_user) == ("Linee guida 2024", italian_expert)


def test_an_experts_section_write_to_a_published_record_is_refused(inventory, italian_expert):
    url = "/api/v1/countries/IT/systems/2023/sections/access/"
    response = api_client_for(italian_expert).patch(
        url, {"body": "New text.", "version": 1}, format="json"
    )
    assert response.status_code == 403
    assert "revision" in response.json()["detail"]
    inventory["it2023"].refresh_from_db()
    assert inventory["it2023"].status == PublicationStatus.PUBLISHED
    entry = SectionEntry.objects.get(system=inventory["it2023"], section=inventory["access"])
    assert entry.body != "New text."


def test_an_experts_section_write_to_a_record_in_review_is_refused(inventory, italian_expert):
    GuidanceSystem.objects.filter(pk=inventory["it2023"].pk).update(
        status=PublicationStatus.IN_REVIEW
    )
    url = "/api/v1/countries/IT/systems/2023/sections/access/"
    refused = api_client_for(italian_expert).patch(
        url, {"body": "While in review.", "version": 1}, format="json"
    )
    assert refused.status_code == 403


def test_stale_section_entry_write_is_refused(inventory, editor):
    client = api_client_for(editor)
    url = "/api/v1/countries/IT/systems/2023/sections/access/"
    assert client.patch(url, {"body": "New text.", "version": 1}, format="json").status_code == 200
    stale = client.patch(url, {"body": "Older text.", "version": 1}, format="json")
    assert stale.status_code == 409
    entry = SectionEntry.objects.get(system=inventory["it2023"], section=inventory["access"])
    assert entry.body == "New text."


def test_german_expert_cannot_write_an_italian_entry(inventory, german_expert):
    url = "/api/v1/countries/IT/systems/2023/sections/access/"
    response = api_client_for(german_expert).patch(
        url, {"body": "Nein.", "version": 1}, format="json"
    )
    assert response.status_code == 403


def test_record_submit_and_publish(inventory, italian_expert, editor):
    record = inventory["it2023"]
    record.status = PublicationStatus.DRAFT
    record.save()
    url = "/api/v1/countries/IT/systems/2023/"
    assert api_client_for(italian_expert).post(f"{url}submit/").json() == {"status": "in_review"}
    assert api_client_for(italian_expert).post(f"{url}publish/").status_code == 403
    assert api_client_for(editor).post(f"{url}publish/").json() == {"status": "published"}


def test_submitting_twice_is_a_conflict(draft, italian_expert):
    client = api_client_for(italian_expert)
    assert client.post(f"/api/v1/policies/{draft.pk}/submit/").status_code == 200
    assert client.post(f"/api/v1/policies/{draft.pk}/submit/").status_code == 403


def test_record_summary_write(inventory, editor):
    response = api_client_for(editor).patch(
        "/api/v1/countries/IT/systems/2023/", {"summary": "Revised.", "version": 1}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["summary"] == "Revised."
    assert response.json()["status"] == PublicationStatus.PUBLISHED


def test_a_number_is_not_taken_for_text(draft, italian_expert):
    """The schema says string; DRF alone would store 64 as "64" (found by schemathesis)."""
    response = api_client_for(italian_expert).patch(
        f"/api/v1/policies/{draft.pk}/", {"summary": -64, "version": 1}, format="json"
    )
    assert response.status_code == 400
    assert list(response.json()) == ["summary"]
    assert Policy.objects.get(pk=draft.pk).summary == ""
