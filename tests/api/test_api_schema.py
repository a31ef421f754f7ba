"""The OpenAPI 3 schema is valid and describes every filter, enum and error answer."""

import pytest
from openapi_spec_validator import validate

from guidance.query.grid_query import MAX_CODES

pytestmark = pytest.mark.django_db


@pytest.fixture
def schema(api, inventory):
    response = api.get("/api/schema/?format=json")
    assert response.status_code == 200
    return response.json()


def test_schema_is_valid_openapi_3(schema):
    validate(schema)
    assert schema["openapi"].startswith("3.")


def test_every_policy_filter_is_described(schema):
    parameters = {
        parameter["name"]: parameter
        for parameter in schema["paths"]["/api/v1/policies/"]["get"]["parameters"]
    }
    expected = {
        "country",
        "country_group",
        "section",
        "target_group",
        "sector",
        "instrument_type",
        "stage",
        "stage_year",
        "start_year_min",
        "start_year_max",
        "end_year_min",
        "end_year_max",
        "updated_since",
        "search",
        "ordering",
        "page",
        "page_size",
        "format",
    }
    assert expected <= set(parameters)
    assert parameters["country"]["schema"]["items"]["enum"] == ["DE", "IT"]
    assert "implementation" in parameters["stage"]["schema"]["items"]["enum"]
    assert parameters["page_size"]["schema"]["maximum"] == 500


def test_error_answers_are_described(schema):
    read = schema["paths"]["/api/v1/policies/"]["get"]["responses"]
    write = schema["paths"]["/api/v1/policies/{id}/"]["patch"]["responses"]
    assert {"200", "400", "404", "429"} <= set(read)
    assert {"200", "400", "401", "403", "404", "409", "429"} <= set(write)


def test_reads_need_no_token_and_writes_do(schema):
    assert {} in schema["paths"]["/api/v1/policies/"]["get"]["security"]
    assert {} not in schema["paths"]["/api/v1/policies/"]["post"]["security"]


def test_docs_page_is_served_by_the_app_without_inline_script_or_style(api):
    response = api.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>" not in html and "<style>" not in html
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert "//cdn" not in html
    script = api.get("/api/docs/?script=")
    assert script.status_code == 200


def test_the_description_keeps_a_changelog_of_v1(schema):
    description = schema["info"]["description"]
    changelog = description[description.index("## Changelog") :]
    limit = f"at most {MAX_CODES} country codes"
    for change in ("`null`", "No policy 123.", "?format=csv", limit):
        assert change in changelog
