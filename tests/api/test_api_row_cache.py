"""API list rows read from the cache (guidance/api/row_cache.py), with the real caches on.

A row's JSON is cached under what it shows, so a list from the cache is the list
serialised anew, any save shows at once, and what one reader may see (a draft source)
never reaches another through the cache.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from guidance.models import PublicationStatus
from tests.api.conftest import api_client_for
from tests.factories import make_policy, make_source

pytestmark = pytest.mark.django_db

URL = "/api/v1/policies/?country=IT"


@pytest.fixture
def policies(real_cache, settings, italy):
    """Three Italian policies, one citing a source; the page cache off, the row cache on."""
    settings.PAGE_CACHE_SECONDS = 0
    report = make_source(title="Public report")
    rows = [make_policy(country=italy, title=f"Policy {n}", summary=f"Text {n}.") for n in range(3)]
    rows[0].sources.add(report)
    return rows


def titles(response):
    return [row["title"] for row in response.json()["results"]]


def test_a_list_from_the_cache_is_the_list_serialised_anew(policies, api):
    with CaptureQueriesContext(connection) as cold:
        first = api.get(URL)
    with CaptureQueriesContext(connection) as warm:
        again = api.get(URL)
    assert len(warm) == len(cold)  # the same queries (pinned in test_api_list_queries.py)
    assert again.json() == first.json()
    assert sorted(titles(again)) == ["Policy 0", "Policy 1", "Policy 2"]


def test_a_save_and_a_changed_source_show_at_once(policies, api, editor):
    api.get(URL)
    policy = policies[0]
    response = api_client_for(editor).patch(
        f"/api/v1/policies/{policy.pk}/",
        {"title": "Renamed policy", "version": policy.version},
        format="json",
    )
    assert response.status_code == 200, response.content
    assert "Renamed policy" in titles(api.get(URL))

    source = policy.sources.get()
    source.title = "Renamed report"
    source.save()
    shown = {row["title"]: row for row in api.get(URL).json()["results"]}
    assert [item["display"] for item in shown["Renamed policy"]["sources"]] == ["Renamed report"]


def test_a_draft_source_an_expert_saw_stays_out_of_the_public_list(
    policies, api, italian_expert, italy
):
    policies[1].sources.add(
        make_source(title="SECRET draft source", status=PublicationStatus.DRAFT, country=italy)
    )
    expert = api_client_for(italian_expert)
    assert "SECRET draft source" in expert.get(URL).content.decode()
    assert "SECRET draft source" not in api.get(URL).content.decode()


def test_fields_asked_for_are_part_of_the_key(policies, api):
    api.get(URL)
    brief = api.get(f"{URL}&fields=id,title").json()["results"]
    assert all(set(row) == {"id", "title"} for row in brief)
    full = api.get(URL).json()["results"]
    assert "summary" in full[0]
