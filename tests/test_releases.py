"""Frozen releases: closing a collection writes the inventory as of it, once, for good.

The story: Italy, Germany and France have records; collection 2023 is open, 2021 closed
long ago, 2025 already started. An editor closes 2023: its release holds each country's
latest published record of 2023 or before (Germany's from 2021, not Italy's of 2025) and
the policies of its reference period. Whatever happens afterwards, the files stay as
they were written, byte for byte, and anyone can check them against SHA256SUMS.
"""

import csv
import hashlib
import io
import json
import subprocess
import zipfile

import pytest
from django.db import DatabaseError, connection, transaction
from rest_framework.test import APIClient

from guidance.models import (
    Collection,
    CollectionStatus,
    FrozenError,
    Policy,
    PublicationStatus,
    Release,
    ReleaseFile,
)
from guidance.reading.downloads import DATASETS
from guidance.rules.closing import CollectionNotOpen, close_collection
from tests.conftest import client_for
from tests.factories import (
    make_collection,
    make_country,
    make_entry,
    make_policy,
    make_system,
)
from tests.rendered_forms import rendered_form

pytestmark = pytest.mark.django_db

FILE_NAMES = [
    "README.txt",
    "inventory.json",
    *(f"inventory-{dataset.name}.csv" for dataset in DATASETS),
    "CITATION.cff",
    "CITATION.txt",
    "SHA256SUMS",
]


@pytest.fixture
def inventory(italy, germany, sections):
    """Three countries, a closed 2021, an open 2023 to close and an open 2025 after it."""
    france = make_country(code="FR", name="France")
    old = make_collection(year=2021, status=CollectionStatus.PUBLISHED)
    current = make_collection(year=2023, reference_start=2022, reference_end=2023)
    later = make_collection(year=2025)
    make_system(country=italy, collection=old, summary="Italy as of 2021.")
    italy_2023 = make_system(country=italy, collection=current, summary="Italy as of 2023.")
    make_entry(system=italy_2023, section=sections[0], body="Regional PES points.")
    make_system(country=germany, collection=old, summary="Germany as of 2021.")
    make_system(country=france, collection=current, summary="France as of 2023.")
    make_system(country=italy, collection=later, summary="Italy as of 2025.")
    make_policy(country=italy, title="Guidance law", start_year=2019)
    make_policy(country=germany, title="Ended long ago", start_year=2000, end_year=2010)
    make_policy(country=france, title="Starts later", start_year=2025)
    make_policy(country=france, title="Draft policy", status=PublicationStatus.DRAFT)
    return current


@pytest.fixture
def release(inventory, editor):
    return close_collection(inventory, editor)


def files_of(release):
    return {file.name: file for file in ReleaseFile.objects.filter(release=release)}


def text(release, name):
    return bytes(files_of(release)[name].content).decode("utf-8")


def snapshot(release):
    return [
        (file.name, file.size, file.sha256, bytes(file.content))
        for file in ReleaseFile.objects.filter(release=release).order_by("position")
    ]


# Closing


def test_closing_publishes_the_collection_and_writes_every_file(release, inventory, editor):
    inventory.refresh_from_db()
    assert inventory.status == CollectionStatus.PUBLISHED
    assert inventory.published_on is not None
    assert (release.version, release.collection, release.created_by) == (
        "2023.1",
        inventory,
        editor,
    )
    names = list(release.files.order_by("position").values_list("name", flat=True))
    assert names == FILE_NAMES
    for file in release.files.all():
        content = bytes(file.content)
        assert file.size == len(content) > 0
        assert file.sha256 == hashlib.sha256(content).hexdigest()


def test_the_checksums_verify_with_sha256sum(release, tmp_path):
    for file in release.files.all():
        (tmp_path / file.name).write_bytes(bytes(file.content))
    result = subprocess.run(
        ["sha256sum", "-c", "SHA256SUMS"], cwd=tmp_path, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count(": OK") == len(FILE_NAMES) - 1
    (tmp_path / "inventory.json").write_bytes(b"{}")
    tampered = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=tmp_path, capture_output=True)
    assert tampered.returncode != 0


def test_the_release_holds_the_inventory_as_of_its_collection(release):
    data = json.loads(text(release, "inventory.json"))
    records = {(row["country"], row["collection"]) for row in data["records"]}
    assert records == {("DE", 2021), ("FR", 2023), ("IT", 2023)}  # not IT/2025, not IT/2021
    assert [row["summary"] for row in data["records"] if row["country"] == "IT"] == [
        "Italy as of 2023."
    ]
    assert [(row["country"], row["body"]) for row in data["section-texts"]] == [
        ("IT", "Regional PES points.")
    ]
    assert [policy["title"] for policy in data["policies"]] == ["Guidance law"]
    assert [row["year"] for row in data["collections"]] == [2021, 2023]
    assert len(data["countries"]) == 3
    assert data["about"]["version"] == "2023.1"
    assert data["about"]["collection"] == 2023
    assert data["about"]["reference_period"] == "2022\u20132023"


def test_each_csv_has_the_live_columns_and_the_same_rows_as_the_json(release):
    data = json.loads(text(release, "inventory.json"))
    for dataset in DATASETS:
        content = text(release, f"inventory-{dataset.name}.csv")
        assert content.startswith("\ufeff")
        rows = list(csv.reader(io.StringIO(content[1:])))
        assert rows[0] == dataset.columns
        assert len(rows) - 1 == len(data[dataset.name]), dataset.name


def test_readme_and_citation_name_the_release(release):
    readme = text(release, "README.txt")
    assert "Release 2023.1 of Collection 2023" in readme
    assert "Reference period: 2022\u20132023" in readme
    assert f"Released: {release.created_at:%Y-%m-%d}" in readme
    assert "inventory-policies.csv" in readme  # the downloads README follows
    cff = text(release, "CITATION.cff")
    assert 'version: "2023.1"' in cff
    assert f'date-released: "{release.created_at:%Y-%m-%d}"' in cff
    assert 'license: "CC-BY-4.0"' in cff
    assert "/downloads/#release-2023.1" in cff
    citation = text(release, "CITATION.txt")
    assert "Version 2023.1" in citation and "CC BY 4.0" in citation


# Never changes


def test_later_edits_reclosing_and_direct_updates_leave_every_file_unchanged(
    release, inventory, editor, italy
):
    before = snapshot(release)
    record = italy.systems.get(collection=inventory)
    record.summary = "Rewritten after the release."
    record.save()
    policy = Policy.objects.get(title="Guidance law")
    policy.title = "Renamed law"
    policy.save()
    make_system(country=make_country(code="PL", name="Poland"), collection=inventory)
    with pytest.raises(CollectionNotOpen):
        close_collection(inventory, editor)
    with pytest.raises(FrozenError):
        Release.objects.filter(pk=release.pk).update(version="2023.2")
    with pytest.raises(FrozenError):
        ReleaseFile.objects.filter(release=release).update(content=b"forged")
    file = release.files.get(name="inventory.json")
    file.content = b"forged"
    with pytest.raises(FrozenError):
        file.save()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE guidance_releasefile SET content = %s", [b"forged"])
    assert snapshot(release) == before
    assert Release.objects.get().version == "2023.1"


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE guidance_release SET version = '2023.9'",
        "DELETE FROM guidance_release",
        "UPDATE guidance_releasefile SET sha256 = repeat('0', 64)",
        "DELETE FROM guidance_releasefile",
    ],
)
def test_the_database_refuses_to_change_or_delete_a_release(release, statement):
    if connection.vendor == "sqlite":
        statement = statement.replace("repeat('0', 64)", "'" + "0" * 64 + "'")
    before = snapshot(release)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement)
    assert snapshot(release) == before


def test_a_release_and_its_files_refuse_save_and_delete(release):
    with pytest.raises(FrozenError):
        release.save()
    with pytest.raises(FrozenError):
        release.delete()
    with pytest.raises(FrozenError):
        release.files.first().delete()
    with pytest.raises(FrozenError):
        ReleaseFile.objects.all().delete()


# Who closes


def test_an_editor_closes_from_the_admin_after_confirming(inventory, editor):
    client = client_for(editor)
    changelist = "/admin/guidance/collection/"
    form = rendered_form(client.get(changelist), form_id="changelist-form")
    choice = {"action": "close_and_release", "_selected_action": [str(inventory.pk)]}
    confirmation = client.post(changelist, form.data(choice, button="index"))
    assert confirmation.status_code == 200
    assert "release 2023.1" in confirmation.content.decode()
    assert not Release.objects.exists()  # nothing happens before the confirmation
    confirm = rendered_form(confirmation, form_id="close-collection")
    answer = client.post(changelist, confirm.data(button="Yes, close and publish the release"))
    assert answer.status_code == 302
    release = Release.objects.get()
    assert (release.collection, release.created_by) == (inventory, editor)
    assert Collection.objects.get(pk=inventory.pk).status == CollectionStatus.PUBLISHED


def test_the_status_is_read_only_in_the_collection_form(inventory, editor):
    page = client_for(editor).get(f"/admin/guidance/collection/{inventory.pk}/change/")
    assert page.status_code == 200
    form = rendered_form(page, form_id="collection_form")
    assert "status" not in dict(form.fields)


def test_an_expert_is_not_offered_the_close_action_and_cannot_post_it(inventory, italian_expert):
    client = client_for(italian_expert)
    page = client.get("/admin/guidance/collection/")
    assert page.status_code == 200
    assert "close_and_release" not in page.content.decode()
    choice = {"action": "close_and_release", "_selected_action": [str(inventory.pk)]}
    client.post("/admin/guidance/collection/", {**choice, "close_confirmed": "yes"})
    assert not Release.objects.exists()
    assert Collection.objects.get(pk=inventory.pk).status == CollectionStatus.OPEN
    with pytest.raises(PermissionError):
        close_collection(inventory, italian_expert)


def test_anonymous_readers_cannot_close(inventory, anonymous):
    answer = anonymous.post(
        "/admin/guidance/collection/",
        {"action": "close_and_release", "_selected_action": [str(inventory.pk)]},
    )
    assert answer.status_code == 302 and "/login/" in answer["Location"]
    assert not Release.objects.exists()


@pytest.mark.parametrize("who", ["editor", "italian_expert", None])
@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_the_api_answers_reads_only_to_everyone(release, request, who, method):
    client = APIClient()
    if who is not None:
        client.force_authenticate(request.getfixturevalue(who))
    for path in (
        "/api/v1/releases/",
        "/api/v1/releases/2023.1/",
        "/api/v1/releases/2023.1/files/README.txt/",
    ):
        # Anonymous writes are refused before the method: "sign in" (401), as everywhere.
        assert getattr(client, method)(path).status_code == (405 if who else 401), path
    assert Release.objects.get().files.count() == len(FILE_NAMES)
    assert Collection.objects.filter(status=CollectionStatus.OPEN).count() == 1  # 2025


def test_the_release_admin_is_read_only(release, editor):
    client = client_for(editor)
    page = client.get(f"/admin/guidance/release/{release.pk}/change/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="_save"' not in html
    assert release.files.get(name="SHA256SUMS").sha256 in html
    assert client.post(f"/admin/guidance/release/{release.pk}/delete/").status_code == 403


# Reading


@pytest.fixture
def three_releases(italy, editor):
    for year in (2019, 2020, 2021):
        make_system(country=italy, collection=make_collection(year=year))
    return [close_collection(c, editor) for c in Collection.objects.order_by("year")]


def test_downloads_lists_every_release_with_its_checksums(
    three_releases, anonymous, django_assert_num_queries
):
    # The releases with their collections; their files, without the bytes.
    with django_assert_num_queries(2):
        page = anonymous.get("/downloads/")
    html = page.content.decode()
    for release in three_releases:
        assert f'id="release-{release.version}"' in html
        for file in release.files.all():
            assert file.sha256 in html
            assert f"/downloads/releases/{release.version}/{file.name}" in html
    assert html.index("release-2021.1") < html.index("release-2019.1")


def test_a_release_file_is_served_with_its_checksum_as_etag(release, anonymous):
    file = release.files.get(name="inventory.json")
    answer = anonymous.get("/downloads/releases/2023.1/inventory.json")
    assert answer.status_code == 200
    assert answer.content == bytes(file.content)
    assert answer["Content-Type"] == "application/json; charset=utf-8"
    assert answer["ETag"] == f'"{file.sha256}"'
    assert "immutable" in answer["Cache-Control"] and "max-age=31536000" in answer["Cache-Control"]
    again = anonymous.get(
        "/downloads/releases/2023.1/inventory.json", HTTP_IF_NONE_MATCH=answer["ETag"]
    )
    assert again.status_code == 304
    readme = anonymous.get("/downloads/releases/2023.1/README.txt")
    assert readme["Content-Type"] == "text/plain; charset=utf-8"
    csv_file = anonymous.get("/downloads/releases/2023.1/inventory-records.csv")
    assert csv_file["Content-Type"] == "text/csv; charset=utf-8"
    assert anonymous.head("/downloads/releases/2023.1/SHA256SUMS").status_code == 200
    assert anonymous.post("/downloads/releases/2023.1/SHA256SUMS").status_code == 405


@pytest.mark.parametrize(
    "path",
    [
        "/downloads/releases/2099.1/README.txt",
        "/downloads/releases/2023.1/passwords.txt",
        "/downloads/releases/nonsense/README.txt",
        "/api/v1/releases/2099.1/",
        "/api/v1/releases/nonsense/",
        "/api/v1/releases/2023.1/files/passwords.txt/",
    ],
)
def test_an_unknown_release_or_file_is_not_found(release, anonymous, path):
    assert anonymous.get(path).status_code == 404


def test_a_parameter_on_a_release_file_is_a_bad_request(release, anonymous):
    assert anonymous.get("/downloads/releases/2023.1/README.txt?x=1").status_code == 400


def test_the_api_lists_releases_with_their_files(three_releases, django_assert_num_queries):
    client = APIClient()
    # The page's count; the releases with their collections; their files, without the bytes.
    with django_assert_num_queries(3):
        body = client.get("/api/v1/releases/").json()
    results = body["results"] if isinstance(body, dict) else body
    assert [row["version"] for row in results] == ["2021.1", "2020.1", "2019.1"]
    sums = {f["name"]: f["sha256"] for f in results[0]["files"]}
    assert sums == {f.name: f.sha256 for f in three_releases[2].files.all()}


def test_the_api_serves_a_release_and_its_files(release):
    client = APIClient()
    detail = client.get("/api/v1/releases/2023.1/").json()
    assert (detail["version"], detail["collection"], detail["reference_period"]) == (
        "2023.1",
        2023,
        "2022\u20132023",
    )
    files = {f["name"]: f for f in detail["files"]}
    assert list(files) == FILE_NAMES
    checksums_file = files["SHA256SUMS"]
    assert checksums_file["download_url"].endswith("/downloads/releases/2023.1/SHA256SUMS")
    answer = client.get(checksums_file["url"])
    assert answer.status_code == 200
    assert answer.content == bytes(release.files.get(name="SHA256SUMS").content)
    assert answer["ETag"] == f'"{checksums_file["sha256"]}"'
    assert "immutable" in answer["Cache-Control"]


def test_the_schema_describes_the_release_paths():
    schema = APIClient().get("/api/schema/?format=json").json()
    assert set(schema["paths"]["/api/v1/releases/"]) == {"get"}
    assert set(schema["paths"]["/api/v1/releases/{version}/files/{name}/"]) == {"get"}


def test_closing_refreshes_the_cached_downloads_page(inventory, editor, anonymous, real_cache):
    before = anonymous.get("/downloads/")
    assert anonymous.get("/downloads/")["X-Cache"] == "hit"
    assert "release-2023.1" not in before.content.decode()
    close_collection(inventory, editor)
    after = anonymous.get("/downloads/")
    assert after["X-Cache"] == "miss"
    assert 'id="release-2023.1"' in after.content.decode()


def test_a_release_file_is_not_kept_in_the_page_cache(release, anonymous, real_cache):
    first = anonymous.get("/downloads/releases/2023.1/SHA256SUMS")
    second = anonymous.get("/downloads/releases/2023.1/SHA256SUMS")
    assert "X-Cache" not in first and "X-Cache" not in second
    assert second["Cache-Control"] == "public, max-age=31536000, immutable"


def test_the_whole_release_downloads_as_one_zip_the_same_each_time(release, anonymous):
    answer = anonymous.get("/downloads/releases/2023.1.zip")
    assert answer.status_code == 200
    assert answer["Content-Type"] == "application/zip"
    assert "immutable" in answer["Cache-Control"]
    assert answer["ETag"] == f'"{hashlib.sha256(answer.content).hexdigest()}"'
    archive = zipfile.ZipFile(io.BytesIO(answer.content))
    folder = "lifelong-guidance-inventory-2023.1/"
    assert archive.namelist() == [folder + name for name in FILE_NAMES]
    for file in release.files.all():
        assert archive.read(folder + file.name) == bytes(file.content)
    assert anonymous.get("/downloads/releases/2023.1.zip").content == answer.content
    assert 'href="/downloads/releases/2023.1.zip"' in anonymous.get("/downloads/").content.decode()
    assert anonymous.get("/downloads/releases/2099.1.zip").status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/releases/?colour=red",
        "/api/v1/releases/2023.1/?colour=red",
        "/api/v1/releases/2023.1/files/README.txt/?colour=red",
        "/api/v1/releases/?fields=nonsense",
    ],
)
def test_an_unknown_api_parameter_is_a_bad_request_naming_it(release, path):
    answer = APIClient().get(path)
    assert answer.status_code == 400
    assert set(answer.json()) <= {"colour", "fields"}


def test_the_api_keeps_only_the_fields_asked_for(release):
    body = APIClient().get("/api/v1/releases/2023.1/?fields=version,files").json()
    assert list(body) == ["version", "files"]
