"""Anonymous pages come from the cache until content changes; signed-in users never do."""

import pytest
from django.core.cache import cache
from django.http import HttpResponse
from django.urls import path

from guidance.caching import GENERATION_KEY, bump_generation, content_generation
from guidance.models import Policy, PublicationStatus
from tests.conftest import client_for, use_cache
from tests.factories import make_entry, make_policy

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings):
    """A per-process cache: some tests below look inside it."""
    use_cache(settings, "locmem")
    yield
    cache.clear()


@pytest.fixture
def profile(italy, italian_record, sections):
    make_entry(system=italian_record, section=sections[0], body="The first wording.")
    return italian_record


def test_second_anonymous_request_is_served_from_the_cache(
    anonymous, profile, django_assert_num_queries
):
    first = anonymous.get("/countries/IT/")
    assert first["X-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = anonymous.get("/countries/IT/")
    assert second["X-Cache"] == "hit"
    assert second.content == first.content
    # The middleware above the cache still runs on a hit.
    assert "Content-Security-Policy" in second
    assert second["X-Frame-Options"] == "DENY"


def test_query_strings_are_cached_apart(anonymous, profile):
    assert anonymous.get("/countries/IT/?print=1")["X-Cache"] == "miss"
    assert anonymous.get("/countries/IT/?print=2")["X-Cache"] == "miss"
    assert anonymous.get("/countries/IT/?print=1")["X-Cache"] == "hit"


def test_the_api_is_cached_apart_by_accept_header_as_its_vary_says(anonymous, profile):
    json = anonymous.get("/api/v1/policies/", HTTP_ACCEPT="application/json")
    assert "Accept" in json["Vary"]
    csv = anonymous.get("/api/v1/policies/", HTTP_ACCEPT="text/csv")
    assert csv["X-Cache"] == "miss"
    assert csv["Content-Type"].startswith("text/csv")
    hit = anonymous.get("/api/v1/policies/", HTTP_ACCEPT="application/json")
    assert hit["X-Cache"] == "hit"
    assert hit["Content-Type"] == "application/json"


def test_stored_entries_honour_vary_cookie(anonymous, profile):
    """Another reader's cookies make another entry, as the page's Vary: Cookie says."""
    first = anonymous.get("/countries/IT/")
    assert "Cookie" in first["Vary"]
    assert anonymous.get("/countries/IT/")["X-Cache"] == "hit"
    anonymous.cookies["django_language"] = "en"
    assert anonymous.get("/countries/IT/")["X-Cache"] == "miss"


def test_credentials_of_any_scheme_bypass_the_cache_both_ways(anonymous, profile):
    anonymous.get("/countries/IT/")
    for header in ("Token not-a-real-token", "Basic ZWRpdG9yOnB3", "Bearer x"):
        response = anonymous.get("/countries/IT/", HTTP_AUTHORIZATION=header)
        assert "X-Cache" not in response, header
        assert "private" in response["Cache-Control"], header
    anonymous.cookies["sessionid"] = "no-such-session"
    assert "X-Cache" not in anonymous.get("/countries/IT/")


def careless_view(request):
    """A view that forgets permissions.visible: it shows every policy to everyone."""
    return HttpResponse(", ".join(policy.title for policy in Policy.objects.all()))


urlpatterns = [path("careless/", careless_view)]


def test_an_answer_built_from_a_draft_is_never_stored(anonymous, italy, profile, settings):
    """Defence in depth: were a view to show a draft to anyone, the answer stays unshared."""
    settings.ROOT_URLCONF = __name__
    make_policy(country=italy, title="Published")
    assert anonymous.get("/careless/")["X-Cache"] == "miss"
    assert anonymous.get("/careless/")["X-Cache"] == "hit"
    make_policy(country=italy, title="Draft", status=PublicationStatus.DRAFT)
    # A draft leaves the public generation alone; a publish elsewhere moves it.
    assert anonymous.get("/careless/")["X-Cache"] == "hit"
    bump_generation()
    response = anonymous.get("/careless/")
    assert "Draft" in response.content.decode()
    assert "X-Cache" not in response
    assert "no-store" in response["Cache-Control"]
    assert "X-Cache" not in anonymous.get("/careless/")


def test_an_edit_invalidates_the_cached_page(anonymous, profile):
    assert "The first wording." in anonymous.get("/countries/IT/").content.decode()
    entry = profile.entries.get()
    entry.body = "The second wording."
    entry.save()
    response = anonymous.get("/countries/IT/")
    assert response["X-Cache"] == "miss"
    assert "The second wording." in response.content.decode()


def test_publishing_invalidates_the_cached_page(anonymous, italy, profile):
    policy = make_policy(country=italy, title="A policy in review", status="in_review")
    assert "A policy in review" not in anonymous.get("/countries/IT/").content.decode()
    policy.status = PublicationStatus.PUBLISHED
    policy.save()
    assert "A policy in review" in anonymous.get("/countries/IT/").content.decode()


def test_a_change_of_relations_invalidates(anonymous, italy, profile, sections):
    policy = make_policy(country=italy, title="Policy under a section")
    anonymous.get(f"/sections/{sections[1].slug}/")
    before = content_generation()
    policy.sections.add(sections[1])
    assert content_generation() > before


def test_deleting_invalidates(anonymous, italy, profile):
    policy = make_policy(country=italy, title="A policy to delete")
    assert "A policy to delete" in anonymous.get("/countries/IT/").content.decode()
    policy.delete()
    assert "A policy to delete" not in anonymous.get("/countries/IT/").content.decode()


def test_signed_in_users_are_never_cached(editor, profile, django_assert_max_num_queries):
    client = client_for(editor)
    client.get("/countries/IT/")
    response = client.get("/countries/IT/")
    assert "X-Cache" not in response
    assert not [key for key in cache._cache if ":page:" in key]


def test_drafts_seen_by_an_editor_never_reach_anonymous_readers(anonymous, editor, italy, profile):
    make_policy(country=italy, title="Draft policy", status=PublicationStatus.DRAFT)
    assert "Draft policy" in client_for(editor).get("/countries/IT/").content.decode()
    response = anonymous.get("/countries/IT/")
    assert response["X-Cache"] == "miss"
    assert "Draft policy" not in response.content.decode()


def test_admin_and_errors_are_not_cached(anonymous, profile):
    assert anonymous.get("/countries/ZZ/").status_code == 404
    assert "X-Cache" not in anonymous.get("/countries/ZZ/")
    assert "X-Cache" not in anonymous.get("/admin/login/")


def test_turned_off_with_zero_seconds(anonymous, profile, settings):
    settings.PAGE_CACHE_SECONDS = 0
    anonymous.get("/countries/IT/")
    assert "X-Cache" not in anonymous.get("/countries/IT/")


def test_a_lost_generation_restarts_above_every_earlier_one(profile):
    before = content_generation()
    cache.delete(GENERATION_KEY)
    assert content_generation() > before


def test_api_answers_from_the_cache_keep_their_validators_and_304(anonymous, profile):
    """A hit is the same representation: ETag, Last-Modified, Cache-Control, and 304s."""
    make_policy(country=profile.country, title="Cached policy", start_year=2014)
    first = anonymous.get("/api/v1/policies/")
    assert first["X-Cache"] == "miss"
    hit = anonymous.get("/api/v1/policies/")
    assert hit["X-Cache"] == "hit"
    for header in ("ETag", "Last-Modified", "Cache-Control", "Content-Type"):
        assert hit[header] == first[header], header
    assert anonymous.get("/api/v1/policies/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    by_date = anonymous.get("/api/v1/policies/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert by_date.status_code == 304
