"""Every read endpoint, records as of a collection, comparison, changes, CSV and sparse fields."""

import csv
import io

import pytest

from tests.factories import make_initiative, make_organisation, make_source

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/",
        "/api/v1/countries/",
        "/api/v1/countries/IT/",
        "/api/v1/collections/",
        "/api/v1/collections/2023/",
        "/api/v1/sections/",
        "/api/v1/sections/access/",
        "/api/v1/indicators/",
        "/api/v1/indicators/strategy/",
        "/api/v1/systems/",
        "/api/v1/countries/IT/systems/2023/",
        "/api/v1/countries/IT/systems/2023/changes/",
        "/api/v1/countries/IT/systems/2023/sections/access/",
        "/api/v1/policies/",
        "/api/v1/initiatives/",
        "/api/v1/organisations/",
        "/api/v1/sources/",
        "/api/v1/comparison/?countries=IT",
        "/api/v1/vocabularies/target-groups/",
        "/api/v1/vocabularies/sectors/",
        "/api/v1/vocabularies/delivery-modes/",
        "/api/v1/vocabularies/organisation-types/",
        "/api/v1/vocabularies/instrument-types/",
        "/api/v1/vocabularies/initiative-types/",
    ],
)
def test_every_endpoint_answers_json(api, inventory, url):
    response = api.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"


def test_detail_endpoints_of_content_by_id(api, italy):
    organisation = make_organisation(country=italy)
    source = make_source(country=italy)
    initiative = make_initiative(country=italy, title="Orientamento portal")
    assert api.get(f"/api/v1/organisations/{organisation.pk}/").json()["country"] == "IT"
    assert api.get(f"/api/v1/sources/{source.pk}/").json()["link"] == source.url
    body = api.get(f"/api/v1/initiatives/{initiative.pk}/").json()
    assert body["title"] == "Orientamento portal"
    assert body["initiative_type"] == "service"


def test_records_default_to_each_countrys_latest_in_the_latest_collection(api, inventory):
    rows = api.get("/api/v1/systems/").json()["results"]
    assert {(row["country"], row["collection"]) for row in rows} == {("IT", 2023), ("DE", 2020)}


def test_records_as_of_an_earlier_collection(api, inventory):
    rows = api.get("/api/v1/systems/?collection=2020").json()["results"]
    assert {(row["country"], row["collection"]) for row in rows} == {("IT", 2020), ("DE", 2020)}


def test_record_by_natural_identifiers_with_its_entries_and_values(api, inventory):
    body = api.get("/api/v1/countries/IT/systems/2023/").json()
    assert body["based_on"] == 2020
    assert body["entries"][0]["section"] == "access"
    assert body["indicator_values"][0] == {
        **body["indicator_values"][0],
        "indicator": "strategy",
        "answer": "yes",
        "since_year": 2014,
    }
    assert api.get("/api/v1/countries/DE/systems/2023/").status_code == 404


def test_comparison_gives_each_cell_its_year_and_marks_not_reported(api, inventory):
    body = api.get("/api/v1/comparison/?countries=DE,IT&sections=access&indicators=strategy").json()
    assert body["collection"] == 2023
    assert body["countries"] == ["DE", "IT"]
    german, italian = body["sections"][0]["cells"]
    assert (german["collection"], german["reported"]) == (2020, True)
    assert italian["body"] == "Guidance in schools and for adults."
    german_value, italian_value = body["indicators"][0]["cells"]
    assert german_value == {"country": "DE", "collection": 2020, "reported": False}
    assert italian_value["answer"] == "yes"


def test_comparison_refuses_bad_and_unknown_parameters(api, inventory):
    response = api.get("/api/v1/comparison/?countries=XX&sectons=access")
    assert response.status_code == 400
    assert set(response.json()) == {"countries", "sectons"}
    assert api.get("/api/v1/comparison/").json()["non_field_errors"]


def test_changes_against_the_record_it_was_based_on(api, inventory):
    body = api.get("/api/v1/countries/IT/systems/2023/changes/").json()
    assert body["based_on"] == 2020
    section = body["sections"][0]
    assert section["kind"] == "changed"
    assert {"kind": "inserted", "text": "schools and for adults."} in section["pieces"]
    assert body["indicators"] == [
        {
            "indicator": "strategy",
            "before": None,
            "after": {"answer": "yes", "since_year": 2014, "until_year": None, "note": ""},
        }
    ]


def test_csv_by_format_parameter_and_by_accept(api, inventory):
    by_param = api.get("/api/v1/policies/?format=csv")
    by_accept = api.get("/api/v1/policies/", HTTP_ACCEPT="text/csv")
    for response in (by_param, by_accept):
        assert response.status_code == 200
        assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(by_accept.content.decode("utf-8"))))
    assert rows[0][:4] == ["id", "url", "country", "title"]
    assert [row[3] for row in rows[1:]] == ["Italian published policy"]


def test_csv_joins_lists_in_one_cell_and_skips_nested_entries(api, inventory):
    text = api.get("/api/v1/systems/?format=csv&fields=country,collection,entries").content
    rows = list(csv.reader(io.StringIO(text.decode("utf-8"))))
    assert rows[0] == ["country", "collection"]
    assert sorted(rows[1:]) == [["DE", "2020"], ["IT", "2023"]]


def test_errors_stay_json_when_csv_was_asked_for(api, inventory):
    response = api.get("/api/v1/policies/?format=csv&country=XX")
    assert response.status_code == 400
    assert response.json() == {"country": [response.json()["country"][0]]}
    assert "XX" in response.json()["country"][0]


def test_sparse_fieldsets(api, inventory):
    rows = api.get("/api/v1/policies/?fields=title,country").json()["results"]
    assert rows == [{"country": "IT", "title": "Italian published policy"}]
    response = api.get("/api/v1/policies/?fields=title,secret")
    assert response.status_code == 400
    assert "secret" in response.json()["fields"][0]


@pytest.mark.parametrize(
    "query, parameter",
    [
        ("countrry=IT", "countrry"),
        ("country=XX", "country"),
        ("country_group=mars", "country_group"),
        ("section=nowhere", "section"),
        ("target_group=nobody", "target_group"),
        ("sector=nowhere", "sector"),
        ("instrument_type=wish", "instrument_type"),
        ("stage=dream", "stage"),
        ("stage_year=year", "stage_year"),
        ("start_year_min=x", "start_year_min"),
        ("start_year_max=100000", "start_year_max"),
        ("end_year_min=-1", "end_year_min"),
        ("end_year_max=1.5e400", "end_year_max"),
        ("updated_since=soon", "updated_since"),
        ("ordering=secret", "ordering"),
        ("page_size=0", "page_size"),
        ("page_size=100000", "page_size"),
    ],
)
def test_policy_filters_refuse_bad_values_naming_the_parameter(api, inventory, query, parameter):
    response = api.get(f"/api/v1/policies/?{query}")
    assert response.status_code == 400
    assert list(response.json()) == [parameter]


@pytest.mark.parametrize(
    "url, parameter",
    [
        ("/api/v1/initiatives/?good_practice=perhaps", "good_practice"),
        ("/api/v1/initiatives/?initiative_type=wish", "initiative_type"),
        ("/api/v1/systems/?collection=1999", "collection"),
        ("/api/v1/systems/?collection=abc", "collection"),
        ("/api/v1/countries/?group=mars", "group"),
        ("/api/v1/countries/IT/?country=IT", "country"),
        ("/api/v1/sources/?year_min=x", "year_min"),
        ("/api/v1/organisations/?type=nothing", "type"),
    ],
)
def test_other_filters_refuse_bad_values(api, inventory, url, parameter):
    response = api.get(url)
    assert response.status_code == 400
    assert list(response.json()) == [parameter]


def test_policy_filters_select_rows(api, inventory):
    def titles(query):
        return [row["title"] for row in api.get(f"/api/v1/policies/?{query}").json()["results"]]

    assert titles("country=IT,DE") == ["Italian published policy"]
    assert titles("country=DE") == []
    assert titles("start_year_min=2014&start_year_max=2014") == ["Italian published policy"]
    assert titles("search=published") == ["Italian published policy"]
    assert titles("search=nothing-like-this") == []


def test_pagination_counts_and_links(api, inventory, italy):
    for n in range(3):
        make_initiative(country=italy, title=f"Initiative {n}")
    body = api.get("/api/v1/initiatives/?page_size=2").json()
    assert body["count"] == 3
    assert len(body["results"]) == 2
    assert body["next"].endswith("page=2&page_size=2")
    assert body["previous"] is None
    assert api.get("/api/v1/initiatives/?page_size=2&page=9").status_code == 404
