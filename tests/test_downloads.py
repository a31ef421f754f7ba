"""/downloads/: every published row in a CSV per entity and one JSON file, nothing else."""

import csv
import io
import json

import pytest
from rest_framework.test import APIClient

from guidance.models import PublicationStatus
from guidance.reading.downloads import DATASETS
from tests.conftest import client_for
from tests.factories import make_entry, make_initiative, make_policy, make_system

pytestmark = pytest.mark.django_db


@pytest.fixture
def published_and_not(italy, germany, italian_record, collection_2023, sections):
    make_entry(system=italian_record, section=sections[0], body="=HYPERLINK(evil) first")
    draft_record = make_system(
        country=germany, collection=collection_2023, status=PublicationStatus.DRAFT
    )
    make_entry(system=draft_record, section=sections[0], body="Unreviewed German text.")
    make_policy(country=italy, title="Published policy")
    make_policy(country=italy, title="Draft policy", status=PublicationStatus.DRAFT)
    make_initiative(country=germany, title="Published initiative")


def rows_of(response):
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:])))


def test_the_page_lists_every_file(anonymous):
    body = anonymous.get("/downloads/").content.decode()
    for dataset in DATASETS:
        assert f"/downloads/inventory-{dataset.name}.csv" in body
    assert "/downloads/inventory.json" in body and "/downloads/README.txt" in body


@pytest.mark.parametrize("dataset", DATASETS, ids=[dataset.name for dataset in DATASETS])
def test_each_csv_has_its_documented_columns(anonymous, published_and_not, dataset):
    response = anonymous.get(f"/downloads/inventory-{dataset.name}.csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert next(csv.reader(io.StringIO(text))) == dataset.columns
    assert ", ".join(dataset.columns) in anonymous.get("/downloads/README.txt").content.decode()


def test_policies_are_the_published_ones_with_the_api_values(anonymous, published_and_not):
    rows = rows_of(anonymous.get("/downloads/inventory-policies.csv"))
    assert [row["title"] for row in rows] == ["Published policy"]
    api_row = APIClient().get("/api/v1/policies/").json()["results"][0]
    assert rows[0]["id"] == str(api_row["id"]) and rows[0]["country"] == api_row["country"]


def test_section_texts_come_from_published_records_only_and_are_spreadsheet_safe(
    anonymous, published_and_not, editor
):
    rows = rows_of(anonymous.get("/downloads/inventory-section-texts.csv"))
    assert [(row["country"], row["collection"]) for row in rows] == [("IT", "2023")]
    assert rows[0]["body"] == "'=HYPERLINK(evil) first"
    signed_in = rows_of(client_for(editor).get("/downloads/inventory-section-texts.csv"))
    assert len(signed_in) == 1  # the public files, whoever asks


def test_the_json_file_holds_every_dataset(anonymous, published_and_not):
    response = anonymous.get("/downloads/inventory.json")
    data = json.loads(b"".join(response.streaming_content))
    assert set(data) == {"about"} | {dataset.name for dataset in DATASETS}
    assert [policy["title"] for policy in data["policies"]] == ["Published policy"]
    assert data["policies"][0]["stages"] == []
    assert len(data["section-texts"]) == 1


def test_an_unknown_file_is_not_found(anonymous):
    assert anonymous.get("/downloads/inventory-passwords.csv").status_code == 404


@pytest.mark.parametrize("count", [2, 20])
def test_the_policies_file_takes_the_same_queries_for_any_number_of_rows(
    anonymous, italy, count, django_assert_num_queries
):
    for n in range(count):
        make_policy(country=italy, title=f"Policy {n}")
    with django_assert_num_queries(8):
        assert len(rows_of(anonymous.get("/downloads/inventory-policies.csv"))) == count
