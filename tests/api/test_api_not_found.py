"""Every 404 names what was asked for in the API's words, never a model's class name."""

import pytest

from guidance.models import Policy
from tests.api.conftest import api_client_for

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url, detail",
    [
        ("/api/v1/countries/XX/", "No country XX."),
        ("/api/v1/collections/1999/", "No collection 1999."),
        ("/api/v1/sections/nowhere/", "No section nowhere."),
        ("/api/v1/indicators/nothing/", "No indicator nothing."),
        ("/api/v1/vocabularies/target-groups/nobody/", "No target group nobody."),
        ("/api/v1/vocabularies/sectors/nowhere/", "No sector nowhere."),
        ("/api/v1/vocabularies/delivery-modes/pigeon/", "No delivery mode pigeon."),
        ("/api/v1/vocabularies/organisation-types/club/", "No organisation type club."),
        ("/api/v1/vocabularies/instrument-types/wish/", "No policy instrument type wish."),
        ("/api/v1/vocabularies/initiative-types/dream/", "No initiative type dream."),
        ("/api/v1/systems/999999/", "No country record 999999."),
        ("/api/v1/countries/DE/systems/2023/", "No country record DE/2023."),
        ("/api/v1/countries/DE/systems/2023/changes/", "No country record DE/2023."),
        (
            "/api/v1/countries/IT/systems/2023/sections/nowhere/",
            "No section entry IT/2023/nowhere.",
        ),
        ("/api/v1/policies/999999/", "No policy 999999."),
        ("/api/v1/policies/abc/", "No policy abc."),
        ("/api/v1/initiatives/999999/", "No initiative 999999."),
        ("/api/v1/organisations/999999/", "No organisation 999999."),
        ("/api/v1/sources/999999/", "No source 999999."),
    ],
)
def test_a_missing_object_is_named_in_the_apis_words(api, inventory, url, detail):
    response = api.get(url)
    assert response.status_code == 404
    assert response.json() == {"detail": detail}


def test_a_draft_hidden_from_a_reader_reads_like_a_missing_one(api, inventory):
    draft = Policy.objects.get(title="German draft policy")
    response = api.get(f"/api/v1/policies/{draft.pk}/")
    assert response.status_code == 404
    assert response.json() == {"detail": f"No policy {draft.pk}."}


@pytest.mark.parametrize(
    "method, url, detail",
    [
        ("patch", "/api/v1/policies/999999/", "No policy 999999."),
        ("post", "/api/v1/initiatives/999999/submit/", "No initiative 999999."),
        ("post", "/api/v1/countries/DE/systems/2023/publish/", "No country record DE/2023."),
        ("patch", "/api/v1/countries/DE/systems/2020/sections/nowhere/", None),
    ],
)
def test_writes_to_a_missing_object_are_named_too(inventory, editor, method, url, detail):
    response = getattr(api_client_for(editor), method)(url, {"version": 1}, format="json")
    assert response.status_code == 404
    assert "matches the given query" not in response.json()["detail"]
    if detail:
        assert response.json() == {"detail": detail}
