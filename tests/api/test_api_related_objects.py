"""Related organisations, sources and policies read as brief objects, are written by id,
show by name in CSV, and never show what the reader may not see (guidance/api/brief.py)."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from guidance.models import InstrumentType, PublicationStatus
from tests.api.conftest import api_client_for
from tests.factories import (
    make_initiative,
    make_organisation,
    make_policy,
    make_source,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def agency(italy):
    return make_organisation(country=italy, name="Agenzia Nazionale")


@pytest.fixture
def ministry(italy):
    return make_organisation(country=italy, name="Ministero del Lavoro")


@pytest.fixture
def report(italy):
    return make_source(country=italy, title="Rapporto 2022", url="https://example.org/rapporto")


@pytest.fixture
def strategy(italy, agency, ministry, report):
    policy = make_policy(country=italy, title="Strategia nazionale")
    policy.responsible_organisations.add(agency, ministry)
    policy.sources.add(report)
    return policy


def csv_rows(response):
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))


def test_a_policy_shows_its_organisations_and_sources_in_brief(api, strategy, agency, report):
    policy = api.get(f"/api/v1/policies/{strategy.pk}/").json()
    organisations = {item["display"]: item for item in policy["responsible_organisations"]}
    assert set(organisations) == {"Agenzia Nazionale", "Ministero del Lavoro"}
    assert organisations["Agenzia Nazionale"] == {
        "id": agency.pk,
        "url": f"http://testserver/api/v1/organisations/{agency.pk}/",
        "display": "Agenzia Nazionale",
    }
    assert policy["sources"] == [
        {
            "id": report.pk,
            "url": f"http://testserver/api/v1/sources/{report.pk}/",
            "display": "Rapporto 2022",
            "link": "https://example.org/rapporto",
        }
    ]


def test_every_brief_url_answers_with_the_object_it_names(api, strategy):
    policy = api.get(f"/api/v1/policies/{strategy.pk}/").json()
    for item in policy["responsible_organisations"] + policy["sources"]:
        answer = api.get(item["url"])
        assert answer.status_code == 200
        assert answer.json()["id"] == item["id"]


def test_an_initiative_shows_providers_sources_and_policies_in_brief(
    api, italy, strategy, agency, report
):
    initiative = make_initiative(country=italy, title="Rete dei centri")
    initiative.providers.add(agency)
    initiative.sources.add(report)
    initiative.related_policies.add(strategy)
    shown = api.get(f"/api/v1/initiatives/{initiative.pk}/").json()
    assert [item["display"] for item in shown["providers"]] == ["Agenzia Nazionale"]
    assert [item["display"] for item in shown["sources"]] == ["Rapporto 2022"]
    assert shown["related_policies"] == [
        {
            "id": strategy.pk,
            "url": f"http://testserver/api/v1/policies/{strategy.pk}/",
            "display": "Strategia nazionale",
        }
    ]
    assert api.get(shown["related_policies"][0]["url"]).status_code == 200


def test_a_records_texts_and_answers_show_their_sources_in_brief(api, inventory, report):
    record = inventory["it2023"]
    record.entries.get().sources.add(report)
    record.indicator_values.get().sources.add(report)
    shown = api.get("/api/v1/countries/IT/systems/2023/").json()
    expected = [
        {
            "id": report.pk,
            "url": f"http://testserver/api/v1/sources/{report.pk}/",
            "display": "Rapporto 2022",
            "link": "https://example.org/rapporto",
        }
    ]
    assert shown["entries"][0]["sources"] == expected
    assert shown["indicator_values"][0]["sources"] == expected
    entry = api.get("/api/v1/countries/IT/systems/2023/sections/access/").json()
    assert entry["sources"] == expected


def test_csv_shows_names_not_ids(api, strategy):
    rows = csv_rows(api.get("/api/v1/policies/?format=csv"))
    assert rows[0]["responsible_organisations"] == "Agenzia Nazionale; Ministero del Lavoro"
    assert rows[0]["sources"] == "Rapporto 2022"


def test_a_name_that_starts_like_a_formula_is_defused_in_csv(api, italy, strategy):
    strategy.responsible_organisations.set(
        [make_organisation(country=italy, name='=HYPERLINK("https://evil.example","x")')]
    )
    rows = csv_rows(api.get("/api/v1/policies/?format=csv&fields=responsible_organisations"))
    assert rows[0]["responsible_organisations"] == '\'=HYPERLINK("https://evil.example","x")'


def test_the_public_download_and_the_browse_csv_show_names(client, strategy, report):
    for path in ("/downloads/inventory-policies.csv", "/policies/policies.csv"):
        response = client.get(path)
        assert response.status_code == 200, path
        text = b"".join(response.streaming_content).decode("utf-8")
        row = next(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
        assert row["responsible_organisations"] == "Agenzia Nazionale; Ministero del Lavoro"
        assert row["sources"] == "Rapporto 2022"


def test_a_draft_organisation_is_not_shown_to_the_public(
    api, italy, strategy, italian_expert, german_expert
):
    draft = make_organisation(
        country=italy, name="Ufficio in bozza", status=PublicationStatus.DRAFT
    )
    strategy.responsible_organisations.add(draft)
    public = api.get(f"/api/v1/policies/{strategy.pk}/")
    assert "Ufficio in bozza" not in public.content.decode()
    assert draft.pk not in [item["id"] for item in public.json()["responsible_organisations"]]
    assert "Ufficio in bozza" not in api.get("/api/v1/policies/?format=csv").content.decode()
    german = api_client_for(german_expert).get(f"/api/v1/policies/{strategy.pk}/")
    assert "Ufficio in bozza" not in german.content.decode()
    italian = api_client_for(italian_expert).get(f"/api/v1/policies/{strategy.pk}/").json()
    assert "Ufficio in bozza" in [item["display"] for item in italian["responsible_organisations"]]


def test_a_draft_source_is_not_shown_in_a_public_record(api, inventory, italy):
    draft = make_source(country=italy, title="Bozza interna", status=PublicationStatus.DRAFT)
    inventory["it2023"].entries.get().sources.add(draft)
    shown = api.get("/api/v1/countries/IT/systems/2023/").content.decode()
    assert "Bozza interna" not in shown


@pytest.fixture
def draft_policy(italy):
    return make_policy(country=italy, title="Linee guida", status=PublicationStatus.DRAFT)


def test_a_write_by_ids_is_read_back_in_brief(draft_policy, agency, report, italian_expert):
    response = api_client_for(italian_expert).patch(
        f"/api/v1/policies/{draft_policy.pk}/",
        {"responsible_organisations": [agency.pk], "sources": [report.pk], "version": 1},
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert [item["display"] for item in response.json()["responsible_organisations"]] == [
        "Agenzia Nazionale"
    ]
    assert response.json()["sources"][0]["id"] == report.pk
    assert list(draft_policy.responsible_organisations.all()) == [agency]


def test_a_write_may_send_back_the_brief_objects_it_read(
    draft_policy, agency, ministry, italian_expert
):
    client = api_client_for(italian_expert)
    draft_policy.responsible_organisations.add(agency)
    shown = client.get(f"/api/v1/policies/{draft_policy.pk}/").json()
    sent = shown["responsible_organisations"] + [{"id": ministry.pk}]
    response = client.patch(
        f"/api/v1/policies/{draft_policy.pk}/",
        {"responsible_organisations": sent, "version": shown["version"]},
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert set(draft_policy.responsible_organisations.all()) == {agency, ministry}


def test_a_new_policy_takes_organisation_ids(italian_expert, italy, agency):
    InstrumentType.objects.get_or_create(code="strategy", defaults={"name": "Strategy"})
    response = api_client_for(italian_expert).post(
        "/api/v1/policies/",
        {
            "country": "IT",
            "title": "Nuova legge",
            "instrument_type": "strategy",
            "responsible_organisations": [agency.pk],
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["responsible_organisations"][0]["display"] == "Agenzia Nazionale"


def test_an_organisation_the_writer_cannot_see_is_refused(draft_policy, germany, italian_expert):
    hidden = make_organisation(country=germany, name="Entwurf", status=PublicationStatus.DRAFT)
    response = api_client_for(italian_expert).patch(
        f"/api/v1/policies/{draft_policy.pk}/",
        {"responsible_organisations": [hidden.pk], "version": 1},
        format="json",
    )
    assert response.status_code == 400
    assert "responsible_organisations" in response.json()
    assert not draft_policy.responsible_organisations.exists()


@pytest.mark.parametrize("sent", [True, "x", [1]])
def test_an_id_that_is_not_a_number_is_refused(draft_policy, agency, italian_expert, sent):
    response = api_client_for(italian_expert).patch(
        f"/api/v1/policies/{draft_policy.pk}/",
        {"responsible_organisations": [sent], "version": 1},
        format="json",
    )
    assert response.status_code == 400


def test_the_schema_reads_brief_objects_and_writes_ids(api, agency):
    schemas = api.get("/api/schema/?format=json").json()["components"]["schemas"]
    read = schemas["Policy"]["properties"]["responsible_organisations"]["items"]
    assert read["type"] == "object"
    assert set(read["required"]) == {"id", "url", "display"}
    source = schemas["Policy"]["properties"]["sources"]["items"]
    assert "link" in source["properties"]
    written = schemas["PolicyRequest"]["properties"]["responsible_organisations"]["items"]
    ids = schemas[written["allOf"][0]["$ref"].rsplit("/", 1)[1]]
    assert ids["type"] == "integer"
    assert agency.pk in ids["enum"]


def test_past_the_limit_the_schema_says_integer_without_listing_every_id(
    api, agency, italy, monkeypatch
):
    make_organisation(country=italy)
    monkeypatch.setattr("guidance.api.schema.ID_ENUM_LIMIT", 1)
    schemas = api.get("/api/schema/?format=json").json()["components"]["schemas"]
    written = schemas["PolicyRequest"]["properties"]["responsible_organisations"]["items"]
    assert written["type"] == "integer" and "enum" not in written


def policies_list_queries(api, italy, count):
    for n in range(count):
        policy = make_policy(country=italy, title=f"Policy {n}")
        policy.responsible_organisations.add(make_organisation(country=italy))
        policy.sources.add(make_source(country=italy))
    with CaptureQueriesContext(connection) as queries:
        assert len(api.get("/api/v1/policies/").json()["results"]) >= count
    return len(queries)


def test_the_policy_list_takes_as_many_queries_for_three_rows_as_for_eight(api, italy):
    few = policies_list_queries(api, italy, 3)
    many = policies_list_queries(api, italy, 5)
    assert few == many


def test_organisation_ids_are_listed_without_a_naming_warning(api, agency, capsys):
    """providers and responsible_organisations list the same ids under their own names."""
    schemas = api.get("/api/schema/?format=json").json()["components"]["schemas"]
    assert "Warning" not in capsys.readouterr().err
    providers = schemas["InitiativeRequest"]["properties"]["providers"]["items"]
    assert providers["allOf"][0]["$ref"].endswith("/ProvidersEnum")
