"""The changes between two collections in the API: `from`/`to`, HTML per side, brief objects."""

import pytest

from guidance.models import PublicationStatus
from tests.api.conftest import api_client_for
from tests.factories import make_collection, make_entry, make_initiative, make_policy, make_system

pytestmark = pytest.mark.django_db


@pytest.fixture
def later(italy, inventory):
    """Italy 2025, a draft based on 2023; a policy and an initiative started since 2020."""
    draft = make_system(
        country=italy,
        collection=make_collection(year=2025),
        based_on=inventory["it2023"],
        status=PublicationStatus.DRAFT,
    )
    make_entry(system=draft, section=inventory["access"], body="DRAFT-ONLY next text.")
    policy = make_policy(country=italy, title="Guidance strategy", start_year=2022)
    initiative = make_initiative(country=italy, title="Adult helpline", start_year=2021)
    return {"policy": policy, "initiative": initiative}


def test_a_country_compares_its_newest_record_with_the_one_before(api, later):
    body = api.get("/api/v1/countries/IT/changes/").json()
    assert (body["based_on"], body["collection"]) == (2020, 2023)
    assert (body["from_year"], body["to_year"]) == (2020, 2023)
    section = body["sections"][0]
    assert section["old_html"] == "<p>Guidance in schools.</p>"
    assert section["new_html"] == (
        '<p>Guidance in schools <ins><span class="visually-hidden">[added: </span>and for '
        'adults<span class="visually-hidden">]</span></ins>.</p>'
    )
    assert (section["words_added"], section["words_removed"]) == (3, 0)
    assert "DRAFT-ONLY" not in str(body)


def test_added_policies_and_initiatives_are_brief_objects(api, later):
    body = api.get("/api/v1/countries/IT/changes/?from=2020&to=2023").json()
    policy, initiative = later["policy"], later["initiative"]
    assert body["policies_added"] == [
        {
            "id": policy.pk,
            "url": f"http://testserver/api/v1/policies/{policy.pk}/",
            "display": "Guidance strategy",
        }
    ]
    assert body["initiatives_added"] == [
        {
            "id": initiative.pk,
            "url": f"http://testserver/api/v1/initiatives/{initiative.pk}/",
            "display": "Adult helpline",
        }
    ]


def test_a_record_compares_with_the_year_asked(api, later, italian_expert):
    body = api.get("/api/v1/countries/IT/systems/2023/changes/?from=2020").json()
    assert body["based_on"] == 2020
    expert = api_client_for(italian_expert)
    body = expert.get("/api/v1/countries/IT/systems/2025/changes/?from=2020").json()
    assert (body["based_on"], body["collection"]) == (2020, 2025)
    assert "DRAFT-ONLY" in body["sections"][0]["new_html"]


@pytest.mark.parametrize(
    ("query", "errors"),
    [
        ("?from=abc", {"from": ["Give a whole number, in the digits 0 to 9."]}),
        ("?from=1999", {"from": ["There is no collection 1999."]}),
        ("?from=", {"from": ["Give a value, or leave the parameter out."]}),
        ("?to=2020&from=2023", {"non_field_errors": ["Choose a “from” year before 2020."]}),
        ("?colour=red", {"colour": ["Unknown parameter “colour”."]}),
    ],
)
def test_bad_years_are_400s_naming_the_parameter(api, later, query, errors):
    response = api.get(f"/api/v1/countries/IT/changes/{query}")
    assert response.status_code == 400
    body = response.json()
    for name, messages in errors.items():
        assert body[name] == messages


def test_a_record_takes_from_but_not_to(api, later):
    response = api.get("/api/v1/countries/IT/systems/2023/changes/?to=2020")
    assert response.status_code == 400
    assert set(response.json()) == {"to"}
    response = api.get("/api/v1/countries/IT/systems/2023/changes/?from=2023")
    assert response.json() == {"non_field_errors": ["Choose a “from” year before 2023."]}


def test_the_country_list_still_refuses_from_and_to(api, later):
    response = api.get("/api/v1/countries/?from=2020")
    assert response.status_code == 400
    assert set(response.json()) == {"from"}


def test_the_routes_and_their_years_are_in_the_schema(api, later):
    schema = api.get("/api/schema/?format=json").json()
    country = schema["paths"]["/api/v1/countries/{code}/changes/"]["get"]
    record = schema["paths"]["/api/v1/countries/{code}/systems/{year}/changes/"]["get"]
    names = {parameter["name"]: parameter for parameter in country["parameters"]}
    assert names["from"]["schema"] == {"type": "integer", "enum": [2020, 2023, 2025]}
    assert "to" in names
    assert "to" not in {parameter["name"] for parameter in record["parameters"]}


def test_the_country_changes_query_count_is_fixed(api, later, django_assert_num_queries):
    # country, the country's visible records, the two collection years asked, the record
    # as of each (GuidanceSystem.objects.as_of), sections, entries, indicators, indicator
    # values, policies added or ended, initiatives added or ended
    with django_assert_num_queries(12):
        response = api.get("/api/v1/countries/IT/changes/?from=2020&to=2023")
    assert response.status_code == 200
