"""Who may do what to which record, through the real admin views (including crafted POSTs).

Actors: anonymous, the Italian expert, the German expert, an editor.
Objects: an Italian draft, an Italian published record, a German draft.
Actions: list, view, add, change, delete, submit, publish, revert.
Each cell asks whether the action took effect, and checks that nothing answered 500.
"""

import pytest
from django.test import Client

from guidance.models import GuidanceSystem
from tests.conftest import client_for
from tests.factories import make_collection, make_policy, make_system

# With the shared cache on (locmem and Redis), as in production: a cache must not change
# any answer of the matrix.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("real_cache")]

ACTORS = ["anonymous", "italian_expert", "german_expert", "editor"]
OBJECTS = ["italian_draft", "italian_published", "german_draft"]
T, F = True, False

# ALLOWED[action][actor] = (italian_draft, italian_published, german_draft)
ALLOWED = {
    "list": {
        "anonymous": (F, F, F),
        "italian_expert": (T, T, F),
        "german_expert": (F, F, T),
        "editor": (T, T, T),
    },
    "view": {
        "anonymous": (F, F, F),
        "italian_expert": (T, T, F),
        "german_expert": (F, F, T),
        "editor": (T, T, T),
    },
    "add": {
        "anonymous": (F, F, F),
        "italian_expert": (T, T, F),
        "german_expert": (F, F, T),
        "editor": (T, T, T),
    },
    "change": {
        "anonymous": (F, F, F),
        "italian_expert": (T, F, F),
        "german_expert": (F, F, T),
        "editor": (T, T, T),
    },
    "delete": {
        "anonymous": (F, F, F),
        "italian_expert": (F, F, F),
        "german_expert": (F, F, F),
        "editor": (T, T, T),
    },
    "submit": {
        "anonymous": (F, F, F),
        "italian_expert": (T, F, F),
        "german_expert": (F, F, T),
        "editor": (T, F, T),
    },
    "publish": {
        "anonymous": (F, F, F),
        "italian_expert": (F, F, F),
        "german_expert": (F, F, F),
        "editor": (T, F, T),
    },
    "revert": {
        "anonymous": (F, F, F),
        "italian_expert": (T, F, F),
        "german_expert": (F, F, T),
        "editor": (T, T, T),
    },
    "revise": {
        "anonymous": (F, F, F),
        "italian_expert": (F, T, F),
        "german_expert": (F, F, F),
        "editor": (F, T, F),
    },
}

BASE = "/admin/guidance/guidancesystem/"


@pytest.fixture
def records(italy, germany):
    """Three records, each saved twice so that it has an earlier version to revert to."""
    collection_2023 = make_collection(year=2023)
    made = {
        "italian_draft": make_system(country=italy, collection=collection_2023, status="draft"),
        "italian_published": make_system(country=italy, collection=make_collection(year=2021)),
        "german_draft": make_system(country=germany, collection=collection_2023, status="draft"),
    }
    for record in made.values():
        record.summary = "Second summary."
        record.save()
    return made


def form_for(record, **fields):
    return {
        "country": record.country_id,
        "collection": record.collection_id,
        "summary": record.summary,
        "seen_version": record.version,
        "entries-TOTAL_FORMS": "0",
        "entries-INITIAL_FORMS": "0",
        "indicator_values-TOTAL_FORMS": "0",
        "indicator_values-INITIAL_FORMS": "0",
        **fields,
    }


def do_list(client, record):
    response = client.get(BASE)
    assert response.status_code in (200, 302)
    return response.status_code == 200 and record in response.context["cl"].result_list


def do_view(client, record):
    response = client.get(f"{BASE}{record.pk}/change/")
    assert response.status_code in (200, 302, 403)
    return response.status_code == 200 and response.context["original"] == record


def do_add(client, record):
    new_collection = make_collection(year=2025)
    client.post(f"{BASE}add/", form_for(record, collection=new_collection.pk, seen_version=""))
    return GuidanceSystem.objects.filter(country=record.country, collection=new_collection).exists()


def do_change(client, record):
    response = client.post(f"{BASE}{record.pk}/change/", form_for(record, summary="Changed."))
    assert response.status_code in (200, 302, 403)
    record.refresh_from_db()
    return record.summary == "Changed."


def do_delete(client, record):
    response = client.post(f"{BASE}{record.pk}/delete/", {"post": "yes"})
    assert response.status_code in (200, 302, 403)
    return not GuidanceSystem.objects.filter(pk=record.pk).exists()


def do_submit(client, record):
    response = client.post(f"{BASE}{record.pk}/submit/")
    assert response.status_code in (302, 403, 404)
    record.refresh_from_db()
    return record.status == "in_review"


def do_publish(client, record):
    was_published_at = record.published_at
    response = client.post(f"{BASE}{record.pk}/publish/")
    assert response.status_code in (302, 403, 404)
    record.refresh_from_db()
    return record.status == "published" and record.published_at != was_published_at


def do_revert(client, record):
    first = record.history.order_by("history_date").first()
    response = client.post(
        f"{BASE}{record.pk}/history/{first.history_id}/",
        form_for(record, summary=first.summary),
    )
    assert response.status_code in (200, 302, 403, 404)
    record.refresh_from_db()
    return record.summary == first.summary


def do_revise(client, record):
    response = client.post(f"{BASE}{record.pk}/revise/")
    assert response.status_code in (302, 403, 404)
    return GuidanceSystem.objects.filter(revision_of=record).exists()


ACTIONS = {
    "list": do_list,
    "view": do_view,
    "add": do_add,
    "change": do_change,
    "delete": do_delete,
    "submit": do_submit,
    "publish": do_publish,
    "revert": do_revert,
    "revise": do_revise,
}


def client_named(request, actor):
    if actor == "anonymous":
        return Client()
    return client_for(request.getfixturevalue(actor))


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("target", OBJECTS)
@pytest.mark.parametrize("actor", ACTORS)
def test_permission_matrix(request, records, actor, target, action):
    expected = ALLOWED[action][actor][OBJECTS.index(target)]
    took_effect = ACTIONS[action](client_named(request, actor), records[target])
    assert took_effect is expected


def test_an_experts_post_to_a_published_record_leaves_it_published_and_unchanged(
    italian_expert, records
):
    record = records["italian_published"]
    response = client_for(italian_expert).post(
        f"{BASE}{record.pk}/change/", form_for(record, summary="Unreviewed text.")
    )
    assert response.status_code == 403
    record.refresh_from_db()
    assert (record.summary, record.status) == ("Second summary.", "published")


def test_reverting_never_brings_back_an_old_status(editor, records):
    """Reverting restores text, never status: a draft's old published version stays a draft,
    and an editor's revert of published content keeps it published."""
    draft, published = records["italian_draft"], records["italian_published"]
    draft.history.filter(history_id=draft.history.earliest().history_id).update(status="published")
    for record in (draft, published):
        first = record.history.order_by("history_date").first()
        client_for(editor).post(
            f"{BASE}{record.pk}/history/{first.history_id}/", form_for(record, summary="Old.")
        )
    draft.refresh_from_db()
    published.refresh_from_db()
    assert (draft.summary, draft.status) == ("Old.", "draft")
    assert (published.summary, published.status) == ("Old.", "published")


@pytest.mark.parametrize(
    "path",
    [
        "/admin/guidance/section/add/",
        "/admin/guidance/indicator/add/",
        "/admin/guidance/targetgroup/add/",
        "/admin/guidance/collection/add/",
        "/admin/guidance/country/add/",
        "/admin/auth/user/",
        "/admin/auth/user/add/",
        "/admin/auth/group/",
    ],
)
def test_experts_cannot_edit_structure_vocabularies_or_users(italian_expert, path):
    assert client_for(italian_expert).get(path).status_code == 403


def test_autocomplete_offers_an_expert_only_their_countries_policies(
    italian_expert, italy, germany
):
    make_policy(country=italy, title="Italian policy")
    make_policy(country=germany, title="German policy")
    response = client_for(italian_expert).get(
        "/admin/autocomplete/",
        {
            "app_label": "guidance",
            "model_name": "initiative",
            "field_name": "related_policies",
            "term": "policy",
        },
    )
    assert [item["text"] for item in response.json()["results"]] == ["Italian policy (IT)"]
