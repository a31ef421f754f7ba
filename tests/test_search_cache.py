"""/search/ keeps its hits in the shared cache under the public content generation: a
cold page (the page cache off, as in `make bench`'s cold mode) repeats no ranked query,
and a publish or an unpublish is seen by the next search, by every reader."""

import re

import pytest

from guidance.models import CountryGroup, PublicationStatus
from tests.conftest import client_for
from tests.factories import make_country, make_policy

pytestmark = pytest.mark.django_db


@pytest.fixture
def hits_cache(real_cache, settings):
    """The shared cache on and the page cache off: each request reaches the view."""
    settings.PAGE_CACHE_SECONDS = 0
    return real_cache


def titles(response):
    assert response.status_code == 200
    return re.findall(r'class="hit-title"><a href="[^"]+">([^<]+)</a>', response.content.decode())


def test_a_repeated_search_takes_no_ranked_query(
    anonymous, italy, hits_cache, django_assert_num_queries
):
    for n in range(3):
        make_policy(country=italy, title=f"Guidance plan {n}", summary="Guidance for adults.")
    first = titles(anonymous.get("/search/?q=guidance"))
    with django_assert_num_queries(1):  # countries; the hits come from the cache
        again = anonymous.get("/search/?q=guidance")
    assert titles(again) == first and len(first) == 3
    assert "<mark>Guidance</mark> for adults." in again.content.decode()


def test_other_filters_are_another_search(anonymous, italy, germany, hits_cache):
    make_policy(country=italy, title="Italian guidance")
    make_policy(country=germany, title="German guidance")
    assert len(titles(anonymous.get("/search/?q=guidance"))) == 2
    assert titles(anonymous.get("/search/?q=guidance&country=DE")) == ["German guidance"]
    assert titles(anonymous.get("/search/?q=guidance&type=initiative")) == []


def test_a_publish_is_found_by_the_next_search(anonymous, editor, italy, hits_cache):
    make_policy(country=italy, title="Guidance plan")
    draft = make_policy(country=italy, title="Guidance draft", status=PublicationStatus.DRAFT)
    for client in (client_for(editor), anonymous):
        assert titles(client.get("/search/?q=guidance")) == ["Guidance plan"]
    draft.status = PublicationStatus.PUBLISHED
    draft.save()
    assert sorted(titles(anonymous.get("/search/?q=guidance"))) == [
        "Guidance draft",
        "Guidance plan",
    ]


def test_an_unpublished_policy_leaves_the_next_search(anonymous, italy, hits_cache):
    make_policy(country=italy, title="Guidance plan")
    withdrawn = make_policy(country=italy, title="Guidance withdrawn")
    assert len(titles(anonymous.get("/search/?q=guidance"))) == 2
    withdrawn.status = PublicationStatus.DRAFT
    withdrawn.save()
    assert titles(anonymous.get("/search/?q=guidance")) == ["Guidance plan"]


def test_the_cached_country_choices_keep_kosovos_footnote(anonymous, italy, hits_cache):
    make_country(code="XK", name="Kosovo", group=CountryGroup.POTENTIAL_CANDIDATE)
    for _ in range(2):  # the second page takes its country choices from the cache
        html = anonymous.get("/search/?q=guidance&country=IT").content.decode()
        assert 'value="XK">Kosovo*</option>' in html
        assert 'value="IT" selected>' in html
        assert 'id="footnote-xk"' in html


def test_a_new_country_is_a_new_choice(anonymous, italy, hits_cache):
    assert 'value="DE"' not in anonymous.get("/search/").content.decode()
    make_country(code="DE", name="Germany")
    assert 'value="DE">Germany</option>' in anonymous.get("/search/").content.decode()
