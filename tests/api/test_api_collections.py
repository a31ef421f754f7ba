"""Collections are structure: open or closed, every reader may read them."""

import pytest

from guidance.models import CollectionStatus
from tests.api.conftest import api_client_for
from tests.factories import make_collection

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("status", [CollectionStatus.OPEN, CollectionStatus.PUBLISHED])
def test_every_reader_reads_a_collection_open_or_published(api, italian_expert, editor, status):
    make_collection(year=2025, status=status)
    for client in (api, api_client_for(italian_expert), api_client_for(editor)):
        response = client.get("/api/v1/collections/2025/")
        assert response.status_code == 200
        assert response.json()["year"] == 2025
