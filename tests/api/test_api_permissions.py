"""Who may read and write what through the API: the same answers as the admin.

Actors: anonymous, the Italian expert, the German expert, an editor (each with a token).
Actions: read a draft, read published, write own country's, write another country's
(published, so that it is visible), publish. Each cell checks the status code and that
the write took effect exactly when allowed.
"""

import pytest

from guidance.models import Policy, PublicationStatus
from tests.api.conftest import api_client_for
from tests.factories import make_policy

# With the shared cache on (locmem and Redis), as in production: a cache must not change
# any answer of the matrix.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("real_cache")]

ACTORS = ["anonymous", "italian_expert", "german_expert", "editor"]

# EXPECTED[action][actor] = status code
EXPECTED = {
    "read_draft": {"anonymous": 404, "italian_expert": 200, "german_expert": 404, "editor": 200},
    "read_published": {
        "anonymous": 200,
        "italian_expert": 200,
        "german_expert": 200,
        "editor": 200,
    },
    "write_own": {"anonymous": 401, "italian_expert": 200, "german_expert": 200, "editor": 200},
    "write_others": {"anonymous": 401, "italian_expert": 403, "german_expert": 403, "editor": 200},
    "publish": {"anonymous": 401, "italian_expert": 403, "german_expert": 404, "editor": 200},
}
OWN = {
    "anonymous": "it_draft",
    "italian_expert": "it_draft",
    "german_expert": "de_draft",
    "editor": "it_draft",
}
OTHERS = {
    "anonymous": "de_pub",
    "italian_expert": "de_pub",
    "german_expert": "it_pub",
    "editor": "de_pub",
}


@pytest.fixture
def policies(italy, germany):
    return {
        "it_draft": make_policy(country=italy, title="IT draft", status=PublicationStatus.DRAFT),
        "it_pub": make_policy(country=italy, title="IT published"),
        "de_draft": make_policy(country=germany, title="DE draft", status=PublicationStatus.DRAFT),
        "de_pub": make_policy(country=germany, title="DE published"),
    }


@pytest.fixture
def actor(request, italian_expert, german_expert, editor):
    users = {"anonymous": None, "italian_expert": italian_expert, "german_expert": german_expert}
    users["editor"] = editor
    return request.param, api_client_for(users[request.param])


def patch_title(client, policy):
    return client.patch(
        f"/api/v1/policies/{policy.pk}/",
        {"title": "Changed through the API", "version": policy.version},
        format="json",
    )


@pytest.mark.parametrize("actor", ACTORS, indirect=True)
def test_read_draft(actor, policies):
    name, client = actor
    response = client.get(f"/api/v1/policies/{policies['it_draft'].pk}/")
    assert response.status_code == EXPECTED["read_draft"][name]


@pytest.mark.parametrize("actor", ACTORS, indirect=True)
def test_read_published(actor, policies):
    name, client = actor
    response = client.get(f"/api/v1/policies/{policies['it_pub'].pk}/")
    assert response.status_code == EXPECTED["read_published"][name]


@pytest.mark.parametrize("actor", ACTORS, indirect=True)
def test_write_own(actor, policies):
    name, client = actor
    policy = policies[OWN[name]]
    response = patch_title(client, policy)
    assert response.status_code == EXPECTED["write_own"][name]
    changed = Policy.objects.get(pk=policy.pk).title == "Changed through the API"
    assert changed == (response.status_code == 200)


@pytest.mark.parametrize("actor", ACTORS, indirect=True)
def test_write_others(actor, policies):
    name, client = actor
    policy = policies[OTHERS[name]]
    response = patch_title(client, policy)
    assert response.status_code == EXPECTED["write_others"][name]
    changed = Policy.objects.get(pk=policy.pk).title == "Changed through the API"
    assert changed == (response.status_code == 200)


@pytest.mark.parametrize("actor", ACTORS, indirect=True)
def test_publish(actor, policies):
    name, client = actor
    policy = policies["it_draft"]
    response = client.post(f"/api/v1/policies/{policy.pk}/publish/")
    assert response.status_code == EXPECTED["publish"][name]
    published = Policy.objects.get(pk=policy.pk).status == PublicationStatus.PUBLISHED
    assert published == (response.status_code == 200)


def test_lists_show_drafts_only_to_their_country(policies, italian_expert):
    anonymous = api_client_for(None).get("/api/v1/policies/").json()
    italian = api_client_for(italian_expert).get("/api/v1/policies/").json()
    assert {row["title"] for row in anonymous["results"]} == {"IT published", "DE published"}
    assert {row["title"] for row in italian["results"]} == {
        "IT draft",
        "IT published",
        "DE published",
    }


def test_expert_edit_of_published_policy_is_refused_and_says_how(policies, italian_expert):
    policy = policies["it_pub"]
    response = patch_title(api_client_for(italian_expert), policy)
    assert response.status_code == 403
    assert "revision" in response.json()["detail"]
    kept = Policy.objects.get(pk=policy.pk)
    assert (kept.status, kept.title) == (PublicationStatus.PUBLISHED, policy.title)


def test_expert_may_not_move_a_policy_to_another_country(policies, italian_expert, germany):
    policy = policies["it_draft"]
    response = api_client_for(italian_expert).patch(
        f"/api/v1/policies/{policy.pk}/", {"country": "DE", "version": 1}, format="json"
    )
    assert response.status_code == 403
    assert Policy.objects.get(pk=policy.pk).country.code == "IT"
