"""/policies/ and /initiatives/: the API's rows for the same query, facets, CSV, detail pages."""

import csv
import io
import re

import pytest
from rest_framework.test import APIClient

from guidance.models import (
    CountryGroup,
    PolicyStage,
    PolicyStageYear,
    PublicationStatus,
    Sector,
    TargetGroup,
)
from guidance.views.browse import PAGE_SIZE
from tests.conftest import client_for
from tests.factories import make_country, make_initiative, make_policy, make_section

pytestmark = pytest.mark.django_db


@pytest.fixture
def shelf(italy, germany):
    """Policies and initiatives differing in every filtered property."""
    france = make_country(code="FR", name="France", group=CountryGroup.EU)
    adults = TargetGroup.objects.create(code="adult-learners", name="Adult learners")
    pupils = TargetGroup.objects.create(code="pupils", name="Pupils")
    schools = Sector.objects.create(code="school", name="School education")
    access = make_section(number=1, slug="access", title="Access")
    lifelong = make_policy(
        country=italy, title="Lifelong guidance strategy", summary="Career guidance for adults."
    )
    lifelong.target_groups.add(adults)
    lifelong.sections.add(access)
    PolicyStageYear.objects.create(policy=lifelong, year=2019, stage=PolicyStage.APPROVED)
    PolicyStageYear.objects.create(policy=lifelong, year=2021, stage=PolicyStage.IMPLEMENTATION)
    school = make_policy(country=germany, title="School career education", start_year=2016)
    school.target_groups.add(pupils)
    school.sectors.add(schools)
    PolicyStageYear.objects.create(policy=school, year=2016, stage=PolicyStage.PILOT)
    make_policy(country=france, title="French law on vocational training", start_year=2018)
    make_policy(country=italy, title="Italian draft", status=PublicationStatus.DRAFT)
    centres = make_initiative(country=italy, title="Career centres", is_good_practice=True)
    centres.related_policies.add(lifelong)
    centres.target_groups.add(adults)
    make_initiative(country=germany, title="Online portal", start_year=2020)
    return {"lifelong": lifelong, "school": school, "centres": centres}


def page_ids(response, kind):
    return set(map(int, re.findall(rf'href="/{kind}/(\d+)/"', response.content.decode())))


def api_ids(kind, query):
    response = APIClient().get(f"/api/v1/{kind}/?{query}&page_size=500")
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


@pytest.mark.parametrize(
    "query",
    [
        "country=IT",
        "country=IT,DE",
        "country=IT&country=FR",
        "country_group=eu",
        "target_group=adult-learners",
        "target_group=pupils,adult-learners",
        "sector=school",
        "section=access",
        "instrument_type=strategy",
        "stage=implementation",
        "stage=approved&stage_year=2019",
        "stage=implementation&stage_year=2019",
        "start_year_min=2017",
        "start_year_max=2017",
        "search=guidance",
        "target_group=adult-learners&stage=implementation&start_year_min=2000",
        "ordering=-title",
    ],
)
def test_each_policy_filter_lists_the_rows_the_api_returns(anonymous, shelf, query):
    response = anonymous.get(f"/policies/?{query}")
    assert response.status_code == 200
    assert page_ids(response, "policies") == api_ids("policies", query)


@pytest.mark.parametrize(
    "query",
    ["country=DE", "good_practice=true", "good_practice=false", "target_group=adult-learners"],
)
def test_each_initiative_filter_lists_the_rows_the_api_returns(anonymous, shelf, query):
    response = anonymous.get(f"/initiatives/?{query}")
    assert response.status_code == 200
    assert page_ids(response, "initiatives") == api_ids("initiatives", query)


@pytest.mark.parametrize(
    ("query", "named"),
    [
        ("country=XX", "country"),
        ("stage=nonsense", "stage"),
        ("start_year_min=abc", "start_year_min"),
        ("start_year_min=99999", "start_year_min"),
        ("target_grup=pupils", "target_grup"),
        ("good_practice=maybe", "good_practice"),
        ("ordering=password", "ordering"),
    ],
)
def test_a_bad_filter_is_a_message_on_the_page_not_an_error(anonymous, shelf, query, named):
    url = "/initiatives/" if "good_practice" in query else "/policies/"
    response = anonymous.get(f"{url}?{query}")
    assert response.status_code == 400
    body = response.content.decode()
    assert "This filter cannot be applied" in body
    assert f"<code>{named}</code>" in body


def test_empty_form_fields_are_dropped_from_the_shared_url(anonymous, shelf):
    response = anonymous.get("/policies/?search=&country=IT&start_year_min=")
    assert response.status_code == 302
    assert response["Location"] == "/policies/?country=IT"


def test_facets_count_the_matching_rows(anonymous, shelf):
    body = anonymous.get("/policies/?country=IT,DE").content.decode()
    assert re.search(r'value="adult-learners"[^>]*> Adult learners <span class="count">\(1\)', body)
    assert re.search(r'value="IT" checked> Italy <span class="count">\(1\)', body)
    # The country facet is counted without its own filter: ticking France would add 1.
    assert re.search(r'value="FR"> France <span class="count">\(1\)', body)


def test_search_marks_the_words_found(anonymous, shelf):
    body = anonymous.get("/policies/?search=guidance").content.decode()
    assert "Lifelong <mark>guidance</mark> strategy" in body


def test_drafts_stay_out_of_every_door_for_the_public(anonymous, italian_expert, shelf):
    draft = shelf["lifelong"].__class__.objects.get(title="Italian draft")
    assert draft.pk not in page_ids(anonymous.get("/policies/"), "policies")
    assert "Italian draft" not in anonymous.get("/policies/policies.csv").getvalue().decode()
    assert anonymous.get(f"/policies/{draft.pk}/").status_code == 404
    expert = client_for(italian_expert)
    assert draft.pk in page_ids(expert.get("/policies/"), "policies")
    assert expert.get(f"/policies/{draft.pk}/").status_code == 200


@pytest.fixture
def many_policies(italy):
    return [make_policy(country=italy, title=f"Policy {n:02}") for n in range(PAGE_SIZE + 7)]


def test_the_csv_holds_every_row_of_the_filter_not_one_page(anonymous, many_policies, germany):
    make_policy(country=germany, title="Not in the filter")
    response = anonymous.get("/policies/policies.csv?country=IT&ordering=title")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="policies.csv"'
    rows = list(csv.DictReader(io.StringIO(response.getvalue().decode("utf-8-sig"))))
    assert [row["title"] for row in rows] == [policy.title for policy in many_policies]
    assert {int(row["id"]) for row in rows} == api_ids("policies", "country=IT")
    assert set(rows[0]) >= {"id", "country", "title", "instrument_type", "stages"}


def test_a_bad_csv_filter_is_a_400_page_naming_the_parameter(anonymous, shelf):
    response = anonymous.get("/policies/policies.csv?country=XX")
    assert response.status_code == 400
    assert "<code>country</code>: Select a valid choice." in response.content.decode()


def test_pages_of_results_link_to_each_other(anonymous, many_policies):
    first = anonymous.get("/policies/?country=IT").content.decode()
    assert len(page_ids(anonymous.get("/policies/?country=IT"), "policies")) == PAGE_SIZE
    assert 'href="?country=IT&amp;page=2" rel="next"' in first
    assert '<nav aria-label="Pages of results" class="pagination">' in first
    assert '<li aria-current="page">Page 1 of 2</li>' in first
    second = anonymous.get("/policies/?country=IT&page=2")
    assert len(page_ids(second, "policies")) == 7


@pytest.mark.parametrize("count", [3, 30])
def test_the_browse_page_takes_the_same_queries_for_any_number_of_rows(
    anonymous, italy, count, django_assert_num_queries
):
    for n in range(count):
        make_policy(country=italy, title=f"Policy {n}")
    with django_assert_num_queries(10):  # country lookup, count, page, 7 facets
        assert anonymous.get("/policies/?country=IT").status_code == 200


@pytest.mark.parametrize("count", [3, 30])
def test_the_csv_takes_the_same_queries_for_any_number_of_rows(
    anonymous, italy, count, django_assert_num_queries
):
    for n in range(count):
        policy = make_policy(country=italy, title=f"Policy {n}")
        PolicyStageYear.objects.create(policy=policy, year=2020, stage=PolicyStage.PILOT)
    with django_assert_num_queries(8):  # country lookup, ids, one batch with its prefetches
        assert len(anonymous.get("/policies/policies.csv").getvalue().splitlines()) == count + 1


def test_a_policy_page_shows_its_stage_year_by_year(anonymous, shelf):
    body = anonymous.get(f"/policies/{shelf['lifelong'].pk}/").content.decode()
    years = re.findall(r'<th scope="row">(\d{4})</th><td>([^<]+)', body)
    assert years == [
        ("2019", "Approved/Agreed"),
        ("2020", "Approved/Agreed "),
        ("2021", "Implementation"),
    ]
    assert "(carried over)" in body
    assert f'href="/initiatives/{shelf["centres"].pk}/"' in body


def test_an_initiative_page_links_its_policies(anonymous, shelf):
    body = anonymous.get(f"/initiatives/{shelf['centres'].pk}/").content.decode()
    assert "Good practice" in body
    assert f'href="/policies/{shelf["lifelong"].pk}/"' in body
