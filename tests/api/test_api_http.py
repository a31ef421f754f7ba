"""HTTP caching (ETag, Last-Modified, 304, Cache-Control) and throttling (429, Retry-After)."""

import pytest
from django.core.cache import cache
from django.utils.http import http_date

from tests.api.conftest import api_client_for

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/api/v1/policies/", "/api/v1/countries/IT/systems/2023/"])
def test_conditional_get_answers_304(api, inventory, url):
    first = api.get(url)
    assert first.status_code == 200
    assert first["ETag"]
    again = api.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    by_date = api.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert by_date.status_code == 304


def test_a_change_changes_the_etag(api, inventory, editor):
    url = "/api/v1/countries/IT/systems/2023/"
    before = api.get(url)
    api_client_for(editor).patch(url, {"summary": "Revised.", "version": 1}, format="json")
    after = api.get(url, HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200
    assert after["ETag"] != before["ETag"]


def test_last_modified_is_the_newest_row_shown(api, inventory):
    response = api.get("/api/v1/countries/IT/systems/2023/")
    assert response["Last-Modified"] == http_date(inventory["it2023"].updated_at.timestamp())


def test_anonymous_responses_are_public_and_token_ones_private(api, inventory, italian_expert):
    public = api.get("/api/v1/policies/")
    assert public["Cache-Control"] == "public, max-age=0, s-maxage=30, stale-while-revalidate=30"
    private = api_client_for(italian_expert).get("/api/v1/policies/")
    assert "private" in private["Cache-Control"]
    for response in (public, private):
        assert {"Accept", "Authorization", "Cookie"} <= {
            part.strip() for part in response["Vary"].split(",")
        }


def test_errors_are_not_cached(api, inventory):
    response = api.get("/api/v1/policies/?country=XX")
    assert response.status_code == 400
    assert not response.has_header("ETag")
    assert "public" not in response.get("Cache-Control", "")


@pytest.fixture
def low_limits(settings):
    """Counters need a real cache (the suite's is a dummy) and no page cache in front."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "throttle",
        }
    }
    settings.PAGE_CACHE_SECONDS = 0
    settings.API_THROTTLE_ANON = "2/minute"
    settings.API_THROTTLE_USER = "3/minute"
    cache.clear()
    yield
    cache.clear()


def test_anonymous_clients_are_throttled_with_retry_after(api, inventory, low_limits):
    assert [api.get("/api/v1/countries/").status_code for _ in range(2)] == [200, 200]
    refused = api.get("/api/v1/countries/")
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 60


def test_token_clients_have_their_own_limit(inventory, italian_expert, low_limits):
    client = api_client_for(italian_expert)
    codes = [client.get("/api/v1/countries/").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
