"""Draft → in review → published, and back to draft with a comment, as experts and editors do it."""

import pytest

from guidance.rules import workflow
from tests.conftest import client_for
from tests.factories import make_entry, make_system

pytestmark = pytest.mark.django_db

BASE = "/admin/guidance/guidancesystem/"


@pytest.fixture
def italian_draft(italy, collection_2023):
    return make_system(country=italy, collection=collection_2023, status="draft")


def test_an_italian_record_goes_from_draft_to_review_to_published(
    italian_expert, editor, italian_draft, anonymous
):
    client_for(italian_expert).post(f"{BASE}{italian_draft.pk}/submit/")
    italian_draft.refresh_from_db()
    assert italian_draft.status == "in_review"
    assert anonymous.get("/countries/IT/2023/").status_code == 404

    client_for(editor).post(f"{BASE}{italian_draft.pk}/publish/")
    italian_draft.refresh_from_db()
    assert italian_draft.status == "published"
    assert italian_draft.reviewed_by == editor
    assert italian_draft.published_at is not None
    assert anonymous.get("/countries/IT/2023/").status_code == 200


def test_the_editor_returns_a_record_with_a_comment_the_expert_then_reads(
    italian_expert, editor, italian_draft
):
    workflow.submit(italian_draft, italian_expert)
    page = client_for(editor).get(f"{BASE}{italian_draft.pk}/return/")
    assert "Comment for the author" in page.content.decode()
    client_for(editor).post(
        f"{BASE}{italian_draft.pk}/return/", {"comment": "Please add sources to section 3."}
    )
    italian_draft.refresh_from_db()
    assert italian_draft.status == "draft"
    html = client_for(italian_expert).get(f"{BASE}{italian_draft.pk}/change/").content.decode()
    assert "Please add sources to section 3." in html


def test_returning_without_a_comment_is_refused_with_a_form_error(
    editor, italian_expert, italian_draft
):
    workflow.submit(italian_draft, italian_expert)
    response = client_for(editor).post(f"{BASE}{italian_draft.pk}/return/", {"comment": " "})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    italian_draft.refresh_from_db()
    assert italian_draft.status == "in_review"


def test_a_record_in_review_is_read_only_for_its_expert(italian_expert, italian_draft):
    workflow.submit(italian_draft, italian_expert)
    client = client_for(italian_expert)
    page = client.get(f"{BASE}{italian_draft.pk}/change/").content.decode()
    assert "waiting for an editor" in page
    response = client.post(
        f"{BASE}{italian_draft.pk}/change/",
        {"summary": "Slipped in after submission.", "seen_version": italian_draft.version + 1},
    )
    assert response.status_code == 403
    italian_draft.refresh_from_db()
    assert italian_draft.summary != "Slipped in after submission."


@pytest.mark.parametrize(
    ("move", "status", "actor"),
    [
        ("submit", "in_review", "italian_expert"),
        ("submit", "published", "italian_expert"),
        ("publish", "draft", "italian_expert"),
        ("publish", "published", "editor"),
        ("return_to_draft", "draft", "editor"),
        ("return_to_draft", "in_review", "italian_expert"),
    ],
)
def test_moves_that_are_refused(request, italy, collection_2023, move, status, actor):
    record = make_system(country=italy, collection=collection_2023, status=status)
    user = request.getfixturevalue(actor)
    args = ("A comment.",) if move == "return_to_draft" else ()
    with pytest.raises(workflow.TransitionRefused):
        getattr(workflow, move)(record, user, *args)
    record.refresh_from_db()
    assert record.status == status


def test_each_move_is_in_the_history_with_who_made_it(italian_expert, editor, italian_draft):
    workflow.submit(italian_draft, italian_expert)
    workflow.publish(italian_draft, editor)
    newest, previous = italian_draft.history.all()[:2]
    assert (newest.history_change_reason, newest.history_user) == ("Published", editor)
    assert (previous.history_change_reason, previous.history_user) == (
        "Submitted for review",
        italian_expert,
    )


def test_list_actions_submit_and_publish_several_records(editor, italy, germany, collection_2023):
    drafts = [
        make_system(country=country, collection=collection_2023, status="draft")
        for country in (italy, germany)
    ]
    client = client_for(editor)
    ids = [record.pk for record in drafts]
    client.post(BASE, {"action": "submit_selected", "_selected_action": ids, "index": 0})
    client.post(BASE, {"action": "publish_selected", "_selected_action": ids, "index": 0})
    assert {record.status for record in type(drafts[0]).objects.all()} == {"published"}


def test_the_return_action_asks_for_one_comment_for_all_selected(
    editor, italian_expert, italian_draft
):
    workflow.submit(italian_draft, italian_expert)
    client = client_for(editor)
    form = {"action": "return_selected_to_draft", "_selected_action": [italian_draft.pk]}
    page = client.post(BASE, {**form, "index": 0})
    assert "Comment for the author" in page.content.decode()
    client.post(BASE, {**form, "apply": "1", "comment": "Too short."})
    italian_draft.refresh_from_db()
    assert (italian_draft.status, italian_draft.review_comment) == ("draft", "Too short.")


def test_experts_are_not_offered_the_publish_action(italian_expert, italian_draft):
    client = client_for(italian_expert)
    actions = client.get(BASE).context["action_form"].fields["action"].choices
    assert "publish_selected" not in [value for value, _ in actions]
    client.post(BASE, {"action": "publish_selected", "_selected_action": [italian_draft.pk]})
    italian_draft.refresh_from_db()
    assert italian_draft.status == "draft"


def test_an_experts_edit_of_an_entry_of_a_published_record_is_refused(
    italian_expert, italian_record, sections
):
    entry = make_entry(system=italian_record, section=sections[0], body="Reviewed text.")
    response = client_for(italian_expert).post(
        f"/admin/guidance/sectionentry/{entry.pk}/change/",
        {
            "system": italian_record.pk,
            "section": sections[0].pk,
            "body": "Unreviewed text.",
            "completeness": "complete",
            "seen_version": entry.version,
        },
    )
    assert response.status_code == 403
    entry.refresh_from_db()
    italian_record.refresh_from_db()
    assert (entry.body, italian_record.status) == ("Reviewed text.", "published")
