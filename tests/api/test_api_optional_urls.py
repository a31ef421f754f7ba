"""An optional web address left empty reads as null, as the schema says; writes take null or ""."""

import pytest
from openapi_spec_validator import validate

from guidance.models import InstrumentType, Policy
from tests.api.conftest import api_client_for
from tests.factories import make_initiative, make_organisation, make_policy, make_source

pytestmark = pytest.mark.django_db


def test_an_organisation_without_a_website_reads_null_in_list_and_detail(api, italy):
    bare = make_organisation(country=italy, name="Bare agency")
    make_organisation(country=italy, name="Agency online", url="https://agency.example.org/")
    rows = api.get("/api/v1/organisations/?ordering=name").json()["results"]
    assert {row["name"]: row["website"] for row in rows} == {
        "Agency online": "https://agency.example.org/",
        "Bare agency": None,
    }
    assert api.get(f"/api/v1/organisations/{bare.pk}/").json()["website"] is None


def test_sources_policies_and_initiatives_without_a_link_read_null(api, italy):
    source = make_source(country=italy, url="")
    policy = make_policy(country=italy)
    initiative = make_initiative(country=italy)
    assert api.get(f"/api/v1/sources/{source.pk}/").json()["link"] is None
    assert api.get(f"/api/v1/policies/{policy.pk}/").json()["link"] is None
    assert api.get(f"/api/v1/initiatives/{initiative.pk}/").json()["link"] is None
    assert api.get("/api/v1/sources/").json()["results"][0]["link"] is None


def test_csv_leaves_an_empty_link_empty(api, italy):
    make_policy(country=italy, title="Unlinked")
    text = api.get("/api/v1/policies/?format=csv&fields=title,link").content.decode()
    assert text.splitlines() == ["title,link", "Unlinked,"]


def test_the_schema_says_optional_web_addresses_may_be_null(api, italy):
    schema = api.get("/api/schema/?format=json").json()
    validate(schema)
    components = schema["components"]["schemas"]
    shown = [
        components["Organisation"]["properties"]["website"],
        components["Source"]["properties"]["link"],
        components["Policy"]["properties"]["link"],
        components["Initiative"]["properties"]["link"],
    ]
    for field in shown:
        assert (field["type"], field["format"], field["nullable"]) == ("string", "uri", True)
    for name in ("PolicyRequest", "PatchedInitiativeRequest"):
        written = components[name]["properties"]["link"]
        assert written["nullable"] is True
        assert {"type": "string", "maxLength": 0} in written["oneOf"]


@pytest.mark.parametrize("link", [None, ""])
def test_a_write_without_a_link_stores_empty_and_reads_null(italian_expert, italy, link):
    InstrumentType.objects.create(code="legislation", name="Legislation")
    response = api_client_for(italian_expert).post(
        "/api/v1/policies/",
        {"country": "IT", "title": "Legge", "instrument_type": "legislation", "link": link},
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["link"] is None
    assert Policy.objects.get(title="Legge").url == ""


def test_a_link_can_be_set_and_cleared_with_null(italian_expert, italy):
    policy = make_policy(country=italy, status="draft")
    client = api_client_for(italian_expert)
    url = f"/api/v1/policies/{policy.pk}/"
    set_link = client.patch(url, {"link": "https://gov.example.it/legge", "version": 1}, "json")
    assert set_link.json()["link"] == "https://gov.example.it/legge"
    cleared = client.patch(url, {"link": None, "version": 2}, format="json")
    assert cleared.status_code == 200, cleared.json()
    assert cleared.json()["link"] is None
    policy.refresh_from_db()
    assert policy.url == ""
