"""Collections, organisations and sources through the API: readable, and saying their status."""

import pytest

from guidance.models import CollectionStatus
from tests.api.conftest import api_client_for
from tests.factories import make_collection, make_organisation, make_source

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("status", [CollectionStatus.OPEN, CollectionStatus.PUBLISHED])
def test_every_reader_reads_a_collection_open_or_published(api, italian_expert, editor, status):
    make_collection(year=2025, status=status)
    for client in (api, api_client_for(italian_expert), api_client_for(editor)):
        response = client.get("/api/v1/collections/2025/")
        assert response.status_code == 200
        assert response.json()["year"] == 2025


def test_token_holders_see_which_organisations_and_sources_are_drafts(italian_expert, italy):
    draft = make_organisation(country=italy, name="Draft agency", status="draft")
    source = make_source(country=italy, title="Draft source", status="draft")
    client = api_client_for(italian_expert)
    assert client.get(f"/api/v1/organisations/{draft.pk}/").json()["status"] == "draft"
    assert client.get(f"/api/v1/sources/{source.pk}/").json()["status"] == "draft"
