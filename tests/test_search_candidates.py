"""/search/ ranks a bounded candidate set of each kind: the newest matches a reader may see.

A word found in most rows is ranked among the newest CANDIDATES of each kind and the page
says "or more"; a selective word has every match ranked and counted exactly. The cap is
lowered here so that a handful of rows crosses it.
"""

import re

import pytest

from guidance.models import PublicationStatus
from guidance.reading import site_search
from tests.conftest import client_for
from tests.factories import make_policy

pytestmark = pytest.mark.django_db


@pytest.fixture
def cap_of_three(monkeypatch):
    monkeypatch.setattr(site_search, "CANDIDATES", 3)


def titles(response):
    assert response.status_code == 200
    return re.findall(r'class="hit-title"><a href="[^"]+">([^<]+)</a>', response.content.decode())


def status(response):
    return re.search(r'role="status">(.*?)</p>', response.content.decode(), re.S).group(1)


def test_a_common_word_is_ranked_among_the_newest_matches_and_says_or_more(
    anonymous, italy, cap_of_three
):
    make_policy(country=italy, title="Old guidance plan")
    make_policy(country=italy, title="Schools", summary="Guidance in schools.")
    make_policy(country=italy, title="Guidance and guidance centres", summary="Guidance.")
    make_policy(country=italy, title="Adults", summary="Guidance for adults.")
    response = anonymous.get("/search/?q=guidance&type=policy")
    # ranked by weight (title first), then equal ranks in a stable order: oldest first
    assert titles(response) == ["Guidance and guidance centres", "Schools", "Adults"]
    assert status(response).startswith("3 or more results for “guidance”: the best 3 among")


def test_a_selective_word_has_every_match_ranked_and_counted(anonymous, italy, cap_of_three):
    make_policy(country=italy, title="Apprenticeship fairs", summary="Guidance.")
    make_policy(country=italy, title="Guidance", summary="Fairs for apprenticeship seekers.")
    for n in range(5):
        make_policy(country=italy, title=f"Guidance plan {n}")
    response = anonymous.get("/search/?q=apprenticeship")
    assert titles(response) == ["Apprenticeship fairs", "Guidance"]
    assert status(response) == "2 results for “apprenticeship”."


def test_drafts_take_no_place_among_the_candidates(
    anonymous, editor, italy, cap_of_three, real_cache
):
    """Newer drafts would fill the cap if candidates were drawn before the published filter;
    the editor asks first, so that a cached answer would reach the anonymous reader."""
    make_policy(country=italy, title="Published guidance one")
    make_policy(country=italy, title="Published guidance two")
    for n in range(4):
        make_policy(country=italy, title=f"Draft guidance {n}", status=PublicationStatus.DRAFT)
    for client in (client_for(editor), anonymous):
        response = client.get("/search/?q=guidance")
        assert sorted(titles(response)) == ["Published guidance one", "Published guidance two"]
        assert status(response) == "2 results for “guidance”."


def test_below_the_page_the_count_stays_exact(anonymous, italy, monkeypatch):
    monkeypatch.setattr(site_search, "PER_KIND", 2)
    for n in range(4):
        make_policy(country=italy, title=f"Guidance plan {n}")
    response = anonymous.get("/search/?q=guidance")
    assert len(titles(response)) == 2
    assert status(response) == "4 results for “guidance”. The best 2 are shown."


def test_a_capped_search_takes_the_same_queries(
    anonymous, italy, cap_of_three, django_assert_num_queries
):
    for n in range(6):
        make_policy(country=italy, title=f"Guidance plan {n}")
    with django_assert_num_queries(5):  # countries, then one query per kind
        assert len(titles(anonymous.get("/search/?q=guidance"))) == 3


@pytest.mark.parametrize(
    "query, message",
    [
        ("q=guid%01ance", "control character"),
        ("q=" + "guidance+" * 30, "at most 200 characters"),
    ],
)
def test_bad_words_get_the_friendly_page(anonymous, query, message):
    response = anonymous.get(f"/search/?{query}")
    assert response.status_code == 400
    body = response.content.decode()
    assert "This search cannot be run" in body or message in body
    assert message in body


def test_no_words_show_the_form_without_a_search(anonymous, italy):
    make_policy(country=italy, title="Guidance plan")
    response = anonymous.get("/search/?q=+")
    assert response.status_code == 200
    assert 'role="status"' not in response.content.decode()


def test_a_row_titled_exactly_as_searched_comes_first_however_old(anonymous, italy, cap_of_three):
    """The reader who types a policy's name wants that policy, even when newer rows that
    merely mention the words fill the candidate set."""
    make_policy(country=italy, title="Career guidance", summary="The oldest of all.")
    for n in range(5):
        make_policy(country=italy, title=f"Plan {n}", summary="Career guidance in schools.")
    response = anonymous.get("/search/?q=CAREER+guidance&type=policy")
    # then the newest three, equal in rank, oldest first
    assert titles(response) == ["Career guidance", "Plan 2", "Plan 3", "Plan 4"]
    assert status(response).startswith("4 or more results")


def test_a_draft_titled_exactly_as_searched_stays_hidden(
    anonymous, editor, italy, cap_of_three, real_cache
):
    """The exact-title candidates come from the published rows too: the editor searches
    first, so that a cached answer would reach the anonymous reader."""
    make_policy(country=italy, title="Career guidance", status=PublicationStatus.DRAFT)
    for n in range(4):
        make_policy(country=italy, title=f"Plan {n}", summary="Career guidance in schools.")
    for client in (client_for(editor), anonymous):
        response = client.get("/search/?q=career+guidance&type=policy")
        assert "Career guidance" not in titles(response)
        assert titles(response) == ["Plan 1", "Plan 2", "Plan 3"]
