"""Every content model keeps who changed what and when."""

import pytest
from django.apps import apps

from guidance.models import PublicationStatus, SectionEntry
from tests.conftest import client_for
from tests.factories import make_entry, make_policy, make_source, make_system

pytestmark = pytest.mark.django_db

CONTENT_MODELS = [
    "Country",
    "Collection",
    "Section",
    "GuidanceSystem",
    "SectionEntry",
    "Indicator",
    "IndicatorValue",
    "Policy",
    "PolicyStageYear",
    "Initiative",
    "Organisation",
    "Source",
    "TargetGroup",
    "Sector",
    "DeliveryMode",
    "OrganisationType",
    "InstrumentType",
    "InitiativeType",
]


@pytest.mark.parametrize("name", CONTENT_MODELS)
def test_every_content_model_has_history(name):
    model = apps.get_model("guidance", name)
    assert hasattr(model, "history"), f"{name} keeps no history"


def test_a_change_records_who_changed_which_field(italy, collection_2023, sections, italian_expert):
    draft = make_system(country=italy, collection=collection_2023, status=PublicationStatus.DRAFT)
    entry = make_entry(system=draft, section=sections[0], body="Old text.")
    client = client_for(italian_expert)
    response = client.post(
        f"/admin/guidance/sectionentry/{entry.pk}/change/",
        {
            "system": draft.pk,
            "section": sections[0].pk,
            "body": "New text.",
            "completeness": "partial",
            "seen_version": entry.version,
        },
    )
    assert response.status_code == 302, response.content[:2000]
    newest, previous = entry.history.all()[:2]
    assert newest.history_user == italian_expert
    changes = {
        change.field: (change.old, change.new) for change in newest.diff_against(previous).changes
    }
    assert changes["body"] == ("Old text.", "New text.")
    assert changes["completeness"] == ("complete", "partial")


def test_adding_a_source_is_recorded(italy):
    policy = make_policy(country=italy)
    policy.sources.add(make_source(title="Law text"))
    newest, previous = policy.history.all()[:2]
    assert "sources" in newest.diff_against(previous).changed_fields


def test_a_deleted_entry_can_be_found_in_history(italian_record, sections):
    entry = make_entry(system=italian_record, section=sections[0], body="Kept in history.")
    pk = entry.pk
    entry.delete()
    assert SectionEntry.history.filter(id=pk, history_type="-").get().body == "Kept in history."
