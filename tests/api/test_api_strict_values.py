"""Whole numbers are ASCII digits, pages outside the list are 404s, and `fields` is honoured
by every endpoint that takes it: the changes, the workflow moves and writes included."""

import pytest

from guidance.models import Policy, PublicationStatus
from tests.api.conftest import api_client_for
from tests.factories import make_policy

pytestmark = pytest.mark.django_db

ARABIC_2020 = "%D9%A2%D9%A0%D9%A2%D9%A0"  # ٢٠٢٠, which int() reads as 2020
ARABIC_2023 = "%D9%A2%D9%A0%D9%A2%D9%A3"


@pytest.mark.parametrize(
    "url, parameter",
    [
        ("/api/v1/policies/?page=%D9%A1", "page"),
        ("/api/v1/policies/?page=abc", "page"),
        ("/api/v1/policies/?page=1.0", "page"),
        ("/api/v1/policies/?page=%2B1", "page"),
        ("/api/v1/policies/?page=last", "page"),
        ("/api/v1/policies/?page_size=%D9%A3", "page_size"),
        ("/api/v1/policies/?page_size=%203", "page_size"),
        (f"/api/v1/policies/?stage_year={ARABIC_2020}", "stage_year"),
        (f"/api/v1/policies/?start_year_min={ARABIC_2020}", "start_year_min"),
        ("/api/v1/policies/?start_year_min=2e3", "start_year_min"),
        ("/api/v1/policies/?start_year_min=2020.0", "start_year_min"),
        ("/api/v1/policies/?end_year_max=2_020", "end_year_max"),
        (f"/api/v1/initiatives/?end_year_min={ARABIC_2020}", "end_year_min"),
        (f"/api/v1/sources/?year_min={ARABIC_2020}", "year_min"),
        (f"/api/v1/systems/?collection={ARABIC_2023}", "collection"),
        ("/api/v1/systems/?collection=2023.0", "collection"),
        (f"/api/v1/comparison/?countries=IT&collection={ARABIC_2023}", "collection"),
    ],
)
def test_a_whole_number_is_written_in_ascii_digits(api, inventory, url, parameter):
    response = api.get(url)
    assert response.status_code == 400
    assert list(response.json()) == [parameter]


def test_the_same_numbers_in_ascii_digits_are_read(api, inventory):
    assert api.get("/api/v1/policies/?start_year_min=2014&page=1&page_size=3").status_code == 200
    assert api.get("/api/v1/systems/?collection=2023").status_code == 200
    assert api.get("/api/v1/comparison/?countries=IT&collection=2023").status_code == 200


@pytest.mark.parametrize("page", ["0", "-1", "2", "99999999999999999999999"])
def test_a_page_outside_the_list_is_not_found(api, inventory, page):
    assert api.get(f"/api/v1/policies/?page={page}").status_code == 404


def test_the_changes_keep_only_the_fields_asked_for(api, inventory):
    body = api.get("/api/v1/countries/IT/systems/2023/changes/?fields=based_on,sections").json()
    assert list(body) == ["based_on", "sections"]
    assert body["sections"][0]["section"] == "access"
    refused = api.get("/api/v1/countries/IT/systems/2023/changes/?fields=based_on,secret")
    assert refused.status_code == 400
    assert list(refused.json()) == ["fields"]


def test_a_record_with_no_base_keeps_only_the_fields_asked_for(api, inventory):
    body = api.get("/api/v1/countries/DE/systems/2020/changes/?fields=country").json()
    assert body == {"country": "DE"}


def test_the_changes_as_csv_have_the_changes_columns(api, inventory):
    url = "/api/v1/countries/IT/systems/2023/changes/?format=csv&fields=based_on,policies_added"
    lines = api.get(url).content.decode().splitlines()
    assert lines == ["based_on,policies_added", "2020,"]


@pytest.fixture
def draft(italy):
    return make_policy(country=italy, title="Linee guida", status=PublicationStatus.DRAFT)


def test_a_workflow_move_answers_the_fields_asked_for(draft, italian_expert):
    response = api_client_for(italian_expert).post(
        f"/api/v1/policies/{draft.pk}/submit/?fields=status"
    )
    assert response.status_code == 200
    assert response.json() == {"status": "in_review"}


def test_a_workflow_move_with_an_unknown_field_changes_nothing(draft, italian_expert):
    response = api_client_for(italian_expert).post(
        f"/api/v1/policies/{draft.pk}/submit/?fields=secret"
    )
    assert response.status_code == 400
    assert list(response.json()) == ["fields"]
    assert Policy.objects.get(pk=draft.pk).status == PublicationStatus.DRAFT


def test_a_change_writes_its_whole_body_and_answers_the_fields_asked_for(draft, italian_expert):
    response = api_client_for(italian_expert).patch(
        f"/api/v1/policies/{draft.pk}/?fields=title,version",
        {"summary": "Written through fields.", "version": draft.version},
        format="json",
    )
    assert response.status_code == 200
    assert response.json() == {"title": "Linee guida", "version": draft.version + 1}
    assert Policy.objects.get(pk=draft.pk).summary == "Written through fields."


def test_a_creation_answers_the_fields_asked_for(italian_expert, italy):
    make_policy(country=italy)  # brings the instrument type "strategy"
    response = api_client_for(italian_expert).post(
        "/api/v1/policies/?fields=id",
        {"country": "IT", "title": "Nuova legge", "instrument_type": "strategy"},
        format="json",
    )
    assert response.status_code == 201
    assert list(response.json()) == ["id"]
    assert Policy.objects.get(pk=response.json()["id"]).title == "Nuova legge"
