"""What a cache in front of the app is told: anonymous public answers briefly, nothing else.

Anonymous pages and API answers say `public, max-age=0, s-maxage, stale-while-revalidate` from
FRONT_CACHE_MAX_AGE / FRONT_CACHE_STALE_SECONDS, vary on Cookie and Authorization, and
carry an ETag so the front cache revalidates with a 304. Signed-in, draft-reading, error,
admin and POST answers never say public.
"""

import pytest

from guidance.models import PublicationStatus
from tests.conftest import client_for, use_cache
from tests.factories import make_entry, make_policy

pytestmark = pytest.mark.django_db

PUBLIC = "public, max-age=0, s-maxage=30, stale-while-revalidate=30"


@pytest.fixture(autouse=True)
def redis_cache(settings):
    use_cache(settings, "redis")
    yield
    use_cache(settings, None)


@pytest.fixture
def profile(italian_record, sections):
    make_entry(system=italian_record, section=sections[0], body="The published wording.")
    return italian_record


def vary(response):
    return {part.strip() for part in response["Vary"].split(",")}


@pytest.mark.parametrize("url", ["/countries/IT/", "/api/v1/policies/"])
def test_anonymous_answers_are_public_briefly_with_a_validator(anonymous, profile, url):
    miss = anonymous.get(url)
    hit = anonymous.get(url)
    assert (miss["X-Cache"], hit["X-Cache"]) == ("miss", "hit")
    for response in (miss, hit):
        assert response["Cache-Control"] == PUBLIC
        assert {"Cookie", "Authorization"} <= vary(response)
        assert response["ETag"] == miss["ETag"]


def test_a_front_cache_revalidates_a_page_with_a_304_miss_or_hit(anonymous, profile):
    etag = anonymous.get("/countries/IT/")["ETag"]
    assert anonymous.get("/countries/IT/", HTTP_IF_NONE_MATCH=etag).status_code == 304
    anonymous.get("/countries/IT/")  # a stored answer now: the 304 comes from the cache
    not_modified = anonymous.get("/countries/IT/", HTTP_IF_NONE_MATCH=etag)
    assert not_modified.status_code == 304
    assert not_modified["Cache-Control"] == PUBLIC


def test_the_window_comes_from_the_settings(anonymous, profile, settings):
    settings.FRONT_CACHE_MAX_AGE = 5
    settings.FRONT_CACHE_STALE_SECONDS = 55
    assert anonymous.get("/countries/IT/")["Cache-Control"] == (
        "public, max-age=0, s-maxage=5, stale-while-revalidate=55"
    )


def test_the_page_cache_off_still_tells_the_front_cache(anonymous, profile, settings):
    settings.PAGE_CACHE_SECONDS = 0
    response = anonymous.get("/countries/IT/")
    assert "X-Cache" not in response
    assert response["Cache-Control"] == PUBLIC


def test_signed_in_and_draft_reading_answers_stay_private(editor, italian_expert, italy, profile):
    make_policy(country=italy, title="Draft policy", status=PublicationStatus.DRAFT)
    draft_page = client_for(editor).get("/countries/IT/")
    assert "Draft policy" in draft_page.content.decode()
    assert {"private", "no-store"} <= set(draft_page["Cache-Control"].replace(" ", "").split(","))
    signed_in = client_for(italian_expert).get("/api/v1/policies/")
    assert "private" in signed_in["Cache-Control"]
    assert "public" not in signed_in["Cache-Control"]


def test_errors_admin_and_posts_are_not_public(anonymous, profile):
    answers = [
        anonymous.get("/countries/ZZ/"),
        anonymous.get("/admin/login/"),
        anonymous.post("/countries/IT/"),
        anonymous.get("/api/v1/policies/?country=XX"),
    ]
    for response in answers:
        assert "public" not in response.get("Cache-Control", ""), response.request["PATH_INFO"]
        assert "private" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
