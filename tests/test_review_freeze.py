"""Content in review is frozen with everything under it, through every door.

An editor publishes exactly what they read: an expert can neither add a section entry
or an indicator value to a record in review, nor a stage year to a policy in review,
nor move a part into one, nor delete one, by the admin's own pages, its list actions or
the API.
"""

import pytest

from guidance.models import IndicatorValue, PolicyStageYear, PublicationStatus, SectionEntry
from tests.api.conftest import api_client_for
from tests.conftest import client_for
from tests.factories import (
    make_collection,
    make_entry,
    make_indicator,
    make_policy,
    make_system,
)
from tests.rendered_forms import post_rendered, rendered_form

pytestmark = pytest.mark.django_db

IN_REVIEW = PublicationStatus.IN_REVIEW


@pytest.fixture
def in_review(italy, sections):
    record = make_system(country=italy, collection=make_collection(year=2023), status=IN_REVIEW)
    make_entry(system=record, section=sections[0], body="Text the editor is reading.")
    policy = make_policy(country=italy, title="Policy in review", status=IN_REVIEW)
    PolicyStageYear.objects.create(policy=policy, year=2020, stage="pilot")
    return {"record": record, "policy": policy}


@pytest.fixture
def draft_record(italy, sections):
    record = make_system(
        country=italy, collection=make_collection(year=2021), status=PublicationStatus.DRAFT
    )
    make_entry(system=record, section=sections[1], body="A draft's text.")
    return record


def _statuses(in_review):
    return {key: type(obj).objects.get(pk=obj.pk).status for key, obj in in_review.items()}


def _add(client, model, **values):
    return post_rendered(
        client,
        f"/admin/guidance/{model}/add/",
        f"{model}_form",
        {k: str(v) for k, v in values.items()},
    )


def test_an_expert_cannot_add_a_section_entry_to_a_record_in_review(
    italian_expert, in_review, sections
):
    before = SectionEntry.objects.count()
    response = _add(
        client_for(italian_expert),
        "sectionentry",
        system=in_review["record"].pk,
        section=sections[2].pk,
        body="Text the editor never saw.",
        completeness="complete",
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert SectionEntry.objects.count() == before
    assert _statuses(in_review)["record"] == IN_REVIEW


def test_an_expert_cannot_add_an_indicator_value_to_a_record_in_review(italian_expert, in_review):
    indicator = make_indicator(slug="strategy")
    response = _add(
        client_for(italian_expert),
        "indicatorvalue",
        system=in_review["record"].pk,
        indicator=indicator.pk,
        answer="yes",
    )
    assert "Select a valid choice" in response.content.decode()
    assert not IndicatorValue.objects.exists()


def test_an_expert_cannot_add_a_stage_year_to_a_policy_in_review(italian_expert, in_review):
    response = _add(
        client_for(italian_expert),
        "policystageyear",
        policy=in_review["policy"].pk,
        year=2024,
        stage="implementation",
    )
    assert "Select a valid choice" in response.content.decode()
    assert PolicyStageYear.objects.filter(policy=in_review["policy"]).count() == 1


def test_an_expert_cannot_move_a_part_into_a_record_in_review(
    italian_expert, in_review, draft_record
):
    entry = draft_record.entries.get()
    response = post_rendered(
        client_for(italian_expert),
        f"/admin/guidance/sectionentry/{entry.pk}/change/",
        "sectionentry_form",
        {"system": str(in_review["record"].pk)},
    )
    assert "Select a valid choice" in response.content.decode()
    entry.refresh_from_db()
    assert entry.system_id == draft_record.pk


def test_an_expert_can_still_add_to_their_draft(italian_expert, draft_record, sections):
    """The refusal above is about review, not about adding parts at all."""
    response = _add(
        client_for(italian_expert),
        "sectionentry",
        system=draft_record.pk,
        section=sections[2].pk,
        body="A new section.",
        completeness="partial",
    )
    assert response.status_code == 302
    assert draft_record.entries.filter(section=sections[2]).exists()


def test_an_editor_may_still_correct_content_in_review(editor, in_review, sections):
    response = _add(
        client_for(editor),
        "sectionentry",
        system=in_review["record"].pk,
        section=sections[2].pk,
        body="An editor's correction.",
        completeness="complete",
    )
    assert response.status_code == 302
    assert _statuses(in_review)["record"] == IN_REVIEW


def test_the_parent_autocomplete_offers_experts_no_content_in_review(
    italian_expert, editor, in_review, draft_record
):
    def offered(user):
        response = client_for(user).get(
            "/admin/autocomplete/",
            {"app_label": "guidance", "model_name": "sectionentry", "field_name": "system"},
        )
        return {int(item["id"]) for item in response.json()["results"]}

    assert offered(italian_expert) == {draft_record.pk}
    assert offered(editor) == {draft_record.pk, in_review["record"].pk}


def test_list_actions_cannot_delete_parts_of_content_in_review(italian_expert, in_review):
    client = client_for(italian_expert)
    entry = in_review["record"].entries.get()
    url = "/admin/guidance/sectionentry/"
    form = rendered_form(client.get(url), form_id="changelist-form")
    chosen = {"action": "delete_selected", "_selected_action": str(entry.pk)}
    confirmation = client.post(url, form.data(chosen, button="index"))
    assert "Yes, I’m sure" not in confirmation.content.decode()
    client.post(url, {**chosen, "post": "yes"})
    assert SectionEntry.objects.filter(pk=entry.pk).exists()


def test_the_api_refuses_experts_changes_under_content_in_review(italian_expert, in_review):
    api = api_client_for(italian_expert)
    record = in_review["record"]
    entry = record.entries.get()
    section_url = f"/api/v1/countries/IT/systems/2023/sections/{entry.section.slug}/"
    patched = api.patch(
        section_url, {"body": "Sneaked in.", "version": entry.version}, format="json"
    )
    assert patched.status_code == 403
    policy = in_review["policy"]
    stages = [{"year": 2020, "stage": "pilot"}, {"year": 2024, "stage": "implementation"}]
    patched = api.patch(
        f"/api/v1/policies/{policy.pk}/",
        {"stages": stages, "version": policy.version},
        format="json",
    )
    assert patched.status_code == 403
    entry.refresh_from_db()
    assert entry.body == "Text the editor is reading."
    assert PolicyStageYear.objects.filter(policy=policy).count() == 1
    assert _statuses(in_review) == {"record": IN_REVIEW, "policy": IN_REVIEW}
