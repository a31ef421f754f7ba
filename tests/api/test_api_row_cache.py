"""API list rows read from the cache (guidance/api/row_cache.py), with the real caches on.

A row's JSON is cached under what it shows, so a list from the cache is the list
serialised anew, any save shows at once, and what one reader may see (a draft source)
never reaches another through the cache.
"""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from guidance.api.views import PolicyViewSet
from guidance.models import PolicyStage, PolicyStageYear, PublicationStatus, Source, TargetGroup
from tests.api.conftest import api_client_for
from tests.factories import make_initiative, make_organisation, make_policy, make_source

pytestmark = pytest.mark.django_db

URL = "/api/v1/policies/?country=IT"
DRAFT = PublicationStatus.DRAFT


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
    # The country codes, the page's stubs; cold, also the rows in full and their sections,
    # target groups, sectors, sources, organisations and stages.
    assert (len(cold), len(warm)) == (9, 2)
    assert again.content == first.content
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


def shown(client, url=URL):
    """The list's rows by title."""
    return {row["title"]: row for row in client.get(url).json()["results"]}


def displays(row, field):
    return [item["display"] for item in row[field]]


def test_a_renamed_organisation_shows_at_once(policies, api, italy):
    ministry = make_organisation(country=italy, name="Ministry of Labour")
    policies[0].responsible_organisations.add(ministry)
    assert displays(shown(api)["Policy 0"], "responsible_organisations") == ["Ministry of Labour"]
    ministry.name = "Ministry of Work"
    ministry.save()
    assert displays(shown(api)["Policy 0"], "responsible_organisations") == ["Ministry of Work"]


def test_a_new_link_shows_at_once(policies, api, italy):
    api.get(URL)
    policies[2].sources.add(make_source(title="New report"))
    policies[2].responsible_organisations.add(make_organisation(country=italy, name="Agency"))
    PolicyStageYear.objects.create(policy=policies[2], year=2021, stage=PolicyStage.PILOT)
    policies[2].target_groups.add(TargetGroup.objects.create(code="adults", name="Adults"))
    row = shown(api)["Policy 2"]
    assert displays(row, "sources") == ["New report"]
    assert displays(row, "responsible_organisations") == ["Agency"]
    assert row["stages"] == [{"year": 2021, "stage": "pilot"}]
    assert row["target_groups"] == ["adults"]


def test_a_removed_link_and_a_renamed_term_show_at_once(policies, api):
    adults = TargetGroup.objects.create(code="adults", name="Adults")
    policies[1].target_groups.add(adults)
    assert shown(api)["Policy 1"]["target_groups"] == ["adults"]
    adults.code = "grown-ups"
    adults.save()
    assert shown(api)["Policy 1"]["target_groups"] == ["grown-ups"]
    policies[0].sources.clear()
    assert shown(api)["Policy 0"]["sources"] == []


def test_a_rows_own_edit_shows_at_once(policies, api):
    api.get(URL)
    policy = policies[1]
    policy.summary = "A new summary."
    policy.save()
    assert shown(api)["Policy 1"]["summary"] == "A new summary."


def test_a_draft_organisation_reaches_its_expert_but_never_the_public(
    policies, api, italian_expert, italy
):
    policies[0].responsible_organisations.add(
        make_organisation(country=italy, name="SECRET draft agency", status=DRAFT)
    )
    expert = api_client_for(italian_expert)
    for _ in range(2):  # each reader cold, then from the cache, in turns
        assert "SECRET draft agency" not in api.get(URL).content.decode()
        assert "SECRET draft agency" in expert.get(URL).content.decode()


def test_a_german_expert_never_sees_an_italian_draft_through_the_cache(
    policies, italian_expert, german_expert, italy
):
    policies[0].sources.add(make_source(title="SECRET draft source", status=DRAFT, country=italy))
    assert "SECRET draft source" in api_client_for(italian_expert).get(URL).content.decode()
    assert "SECRET draft source" not in api_client_for(german_expert).get(URL).content.decode()


def test_an_expert_who_loses_a_country_loses_its_drafts(policies, italian_expert, italy):
    policies[0].sources.add(make_source(title="SECRET draft source", status=DRAFT, country=italy))
    expert = api_client_for(italian_expert)
    assert "SECRET draft source" in expert.get(URL).content.decode()
    italy.experts.remove(italian_expert)
    assert "SECRET draft source" not in expert.get(URL).content.decode()


def test_a_published_draft_reaches_the_public_at_once(policies, api, italy):
    report = make_source(title="Coming report", status=DRAFT, country=italy)
    policies[0].sources.add(report)
    assert displays(shown(api)["Policy 0"], "sources") == ["Public report"]
    report.status = PublicationStatus.PUBLISHED
    report.save()
    assert displays(shown(api)["Policy 0"], "sources") == ["Coming report", "Public report"]


def test_an_initiatives_related_policy_and_provider_show_as_they_are_now(
    real_cache, settings, api, italy
):
    settings.PAGE_CACHE_SECONDS = 0
    initiative = make_initiative(country=italy, title="Guidance portal")
    policy = make_policy(country=italy, title="Lifelong guidance strategy")
    draft = make_policy(country=italy, title="SECRET draft policy", status=DRAFT)
    provider = make_organisation(country=italy, name="Employment agency")
    initiative.related_policies.add(policy, draft)
    initiative.providers.add(provider)
    url = "/api/v1/initiatives/?country=IT"
    row = shown(api, url)["Guidance portal"]
    assert displays(row, "related_policies") == ["Lifelong guidance strategy"]
    policy.title = "National guidance strategy"
    policy.save()
    provider.name = "Public employment service"
    provider.save()
    row = shown(api, url)["Guidance portal"]
    assert displays(row, "related_policies") == ["National guidance strategy"]
    assert displays(row, "providers") == ["Public employment service"]
    assert "SECRET" not in api.get(url).content.decode()


def test_a_row_changed_between_the_two_reads_is_shown_but_not_kept(policies, api, monkeypatch):
    """The stubs name the row's links as they were; a link added before the row is loaded in
    full shows, but is not stored under the key of the links before it."""
    late = make_source(title="Late report")
    load_rows = PolicyViewSet.load_rows

    def link_then_load(view, pks):
        policies[1].sources.add(late)
        return load_rows(view, pks)

    monkeypatch.setattr(PolicyViewSet, "load_rows", link_then_load)
    assert displays(shown(api)["Policy 1"], "sources") == ["Late report"]
    monkeypatch.setattr(PolicyViewSet, "load_rows", load_rows)
    policies[1].sources.remove(late)
    assert displays(shown(api)["Policy 1"], "sources") == []


def test_the_key_names_what_visibility_reads_of_a_linked_row_even_without_a_save(
    policies, api, italian_expert, germany
):
    """Status and country decide who sees a linked row: a bulk update, which bumps no
    version, still changes the key (guidance/api/row_stamps.py)."""
    expert = api_client_for(italian_expert)
    report = policies[0].sources.get()
    assert "Public report" in api.get(URL).content.decode()
    Source.objects.filter(pk=report.pk).update(status=DRAFT)
    assert "Public report" not in api.get(URL).content.decode()
    assert "Public report" not in expert.get(URL).content.decode()  # a source of no country
    Source.objects.filter(pk=report.pk).update(country=policies[0].country)
    assert "Public report" in expert.get(URL).content.decode()
    Source.objects.filter(pk=report.pk).update(country=germany)
    assert "Public report" not in expert.get(URL).content.decode()


def test_a_page_partly_from_the_cache_keeps_its_order_and_reads_as_a_cold_one(policies, api):
    before = api.get(URL).json()["results"]
    policies[1].summary = "Changed."
    policies[1].save()
    partly_cached = api.get(URL).json()["results"]
    assert [row["id"] for row in partly_cached] == [row["id"] for row in before]
    assert [row["summary"] for row in partly_cached] == ["Text 0.", "Changed.", "Text 2."]
    cache.clear()
    assert api.get(URL).json()["results"] == partly_cached
