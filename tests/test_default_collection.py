"""One rule decides which collection readers see by default, on every page and in the API."""

import pytest

from guidance.models import Collection, CollectionStatus, PublicationStatus
from tests.api.conftest import api_client_for
from tests.factories import make_collection, make_system


def test_the_default_is_the_latest_published_collection(db):
    make_collection(year=2020, status=CollectionStatus.PUBLISHED)
    make_collection(year=2023, status=CollectionStatus.PUBLISHED)
    make_collection(year=2025)
    assert Collection.objects.years_and_default() == ([2025, 2023, 2020], 2023)
    assert Collection.objects.latest_published_year() == 2023


def test_before_anything_is_published_the_default_is_the_newest_collection(db):
    make_collection(year=2020)
    make_collection(year=2023)
    assert Collection.objects.default_year() == 2023


def test_without_collections_there_is_no_default(db):
    assert Collection.objects.years_and_default() == ([], None)


@pytest.fixture
def only_an_open_collection(italy, germany):
    collection = make_collection(year=2025)
    make_system(country=germany, collection=collection, status=PublicationStatus.DRAFT)
    return make_system(country=italy, collection=collection, status=PublicationStatus.DRAFT)


def test_an_editor_sees_the_same_default_records_on_the_pages_and_in_the_api(
    client, editor, only_an_open_collection
):
    """The API used to show nothing by default while the pages showed the open collection."""
    client.force_login(editor)
    page = client.get("/compare/?countries=IT,DE")
    assert page.status_code == 200
    assert page.context["comparison"].records[only_an_open_collection.country_id] == (
        only_an_open_collection
    )

    answer = api_client_for(editor).get("/api/v1/systems/")
    assert answer.status_code == 200
    assert [row["collection"] for row in answer.json()["results"]] == [2025, 2025]


def test_the_public_sees_nothing_of_an_open_collection_on_either(client, only_an_open_collection):
    assert client.get("/compare/?countries=IT,DE").context["comparison"].records == {}
    assert api_client_for().get("/api/v1/systems/").json()["results"] == []
