"""No CSV the project writes lets a spreadsheet run a cell: text that starts like a formula is
planted in published content, and every CSV on offer is fetched and read back.

The API's CSV endpoints are found in its URL conf (every GET route whose view renders CSV),
so a new endpoint is checked without anyone adding it here.
"""

import ast
import csv
import io
from pathlib import Path

import pytest
from django.contrib import admin
from django.urls import URLPattern, URLResolver, reverse
from rest_framework.test import APIClient

from guidance import urls as site_urls
from guidance.api import urls as api_urls
from guidance.models import (
    CollectionStatus,
    DeliveryMode,
    InstrumentType,
    PolicyStage,
    PolicyStageYear,
    ReleaseFile,
    ReviewComment,
    SectionEntry,
    Sector,
    TargetGroup,
)
from guidance.reading.csv_export import defuse_formula
from guidance.reading.downloads import DATASETS
from guidance.rules.closing import ensure_release
from tests.conftest import client_for
from tests.factories import (
    make_entry,
    make_indicator,
    make_indicator_value,
    make_initiative,
    make_organisation,
    make_policy,
    make_section,
    make_source,
)

pytestmark = pytest.mark.django_db

HYPERLINK = '=HYPERLINK("http://evil.example","x")'
PAYLOADS = (HYPERLINK, "+1+1", "-2+3", "@SUM(A1)", "\t=1")
RUNS_AS_FORMULA = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture
def planted(italy, germany, collection_2023, italian_record, german_record):
    """Published content of two countries with a formula-like text in every kind of row."""
    collection_2023.status = CollectionStatus.PUBLISHED
    collection_2023.title = "-2+3"
    collection_2023.save()
    italian_record.contributors = "+1+1"
    italian_record.reference_period = "@SUM(A1)"
    italian_record.summary = "-2+3"
    italian_record.save()
    section = make_section(number=1, slug="access", title=HYPERLINK)
    source = make_source(title="@SUM(A1)", publisher="+1+1", country=italy)
    entry = make_entry(system=italian_record, section=section, body="\t=1")
    entry.sources.add(source)
    make_entry(system=german_record, section=section, body=HYPERLINK)
    indicator = make_indicator(slug="strategy", name="-2+3", question="+1+1", section=section)
    make_indicator_value(system=italian_record, indicator=indicator, note="@SUM(A1)")
    organisation = make_organisation(name="-2+3", acronym="@SUM(A1)", country=italy)
    instrument = InstrumentType.objects.create(code="law", name="+1+1")
    policy = make_policy(
        country=italy,
        title=HYPERLINK,
        summary="+1+1",
        original_title="\t=1",
        instrument_type=instrument,
    )
    policy.sources.add(source)
    policy.target_groups.add(TargetGroup.objects.create(code="adults", name=HYPERLINK))
    policy.sectors.add(Sector.objects.create(code="school", name="-2+3"))
    policy.responsible_organisations.add(organisation)
    PolicyStageYear.objects.create(policy=policy, year=2020, stage=PolicyStage.PILOT)
    initiative = make_initiative(country=germany, title="-2+3", summary="@SUM(A1)")
    initiative.providers.add(organisation)
    initiative.delivery_modes.add(DeliveryMode.objects.create(code="online", name="\t=1"))
    ReviewComment.objects.create(entry=entry, body="@SUM(A1)")  # exported from the admin only
    ensure_release(collection_2023)  # its CSVs are written from all of the above


def csv_rows(response):
    assert response.status_code == 200, response
    assert response["Content-Type"].startswith("text/csv")
    body = response.getvalue().decode("utf-8-sig")
    return list(csv.reader(io.StringIO(body)))


def routes(patterns, namespace):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from routes(pattern.url_patterns, namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}:{pattern.name}", pattern


def offers_csv(view_class):
    return any(renderer.format == "csv" for renderer in getattr(view_class, "renderer_classes", ()))


def api_csv_routes():
    """Every GET route of the API whose view renders CSV (format-suffix copies left out)."""
    for name, pattern in routes(api_urls.urlpatterns, "guidance-api"):
        callback = pattern.callback
        parameters = set(pattern.pattern.regex.groupindex)
        gets = "get" in getattr(callback, "actions", {"get": None})
        if gets and "format" not in parameters and offers_csv(getattr(callback, "cls", None)):
            yield name, callback.cls, parameters


def api_arguments(view_class, parameters):
    """URL arguments naming every object the route can show: by its lookup, or by record."""
    if not parameters:
        return [{}]
    lookup = getattr(view_class, "lookup_url_kwarg", None) or view_class.lookup_field
    if parameters == {lookup}:
        values = view_class.queryset.model.objects.values_list(view_class.lookup_field, flat=True)
        return [{lookup: value} for value in values]
    assert parameters <= {"code", "year", "slug"}, f"no arguments known for {parameters}"
    entries = SectionEntry.objects.select_related("system__country", "system__collection")
    by_entry = [
        {
            "code": entry.system.country.code,
            "year": entry.system.collection.year,
            "slug": entry.section.slug,
        }
        for entry in entries
    ]
    return [{name: known[name] for name in parameters} for known in by_entry]


# Routes that answer only when asked something.
API_CSV_QUERIES = {
    "guidance-api:comparison": {
        "countries": "IT,DE",
        "sections": "access",
        "indicators": "strategy",
    }
}


def api_csvs():
    """(url, rows) of every CSV the API serves to an anonymous reader, by Accept and ?format=.

    Each route must serve at least one; those naming drafts are a 404 and left out."""
    api = APIClient()
    found = {}
    for name, view_class, parameters in api_csv_routes():
        served = 0
        for arguments in api_arguments(view_class, parameters):
            url = reverse(name, kwargs=arguments)
            query = API_CSV_QUERIES.get(name, {})
            by_accept = api.get(url, query, HTTP_ACCEPT="text/csv")
            if by_accept.status_code == 404:
                continue
            found[url] = csv_rows(by_accept)
            found[url + "?format=csv"] = csv_rows(api.get(url, {**query, "format": "csv"}))
            served += 1
        assert served, f"{name} served no CSV"
    return found


SITE_CSV_QUERIES = {
    "guidance:compare-csv": [({}, "?countries=IT,DE")],
    "guidance:coverage-csv": [({}, "")],
    "guidance:country-coverage-csv": [({"code": "IT"}, "")],
    "guidance:indicator-distribution-csv": [({"slug": "strategy"}, "")],
    "guidance:policies-csv": [({}, "")],
    "guidance:policy-timeline-csv": [({}, "")],
    "guidance:initiatives-csv": [({}, "")],
    "guidance:downloads-csv": [({"name": dataset.name}, "") for dataset in DATASETS],
}


def site_csv_routes():
    return {
        name
        for name, pattern in routes(site_urls.urlpatterns, "guidance")
        if str(pattern.pattern).endswith(".csv")
    }


def site_csvs(client):
    found = {}
    for name, requests in SITE_CSV_QUERIES.items():
        for arguments, query in requests:
            url = reverse(name, kwargs=arguments) + query
            found[url] = csv_rows(client.get(url))
    return found


def admin_csvs(editor):
    client = client_for(editor)
    found = {}
    for model in admin.site._registry:
        if model._meta.app_label != "guidance":
            continue
        url = f"/admin/guidance/{model._meta.model_name}/"
        selected = list(model.objects.values_list("pk", flat=True))
        response = client.post(
            url, {"action": "export_as_csv", "_selected_action": selected, "index": 0}
        )
        found[f"{url} export"] = csv_rows(response)
    return found


def formula_cells(found):
    return [
        (where, cell)
        for where, rows in found.items()
        for row in rows
        for cell in row
        if cell.startswith(RUNS_AS_FORMULA) or cell.lstrip().startswith(RUNS_AS_FORMULA)
    ]


def defused_payloads_seen(found):
    cells = {cell for rows in found.values() for row in rows for cell in row}
    return {payload for payload in PAYLOADS if "'" + payload in cells}


def test_every_csv_route_of_the_site_is_checked():
    assert site_csv_routes() == set(SITE_CSV_QUERIES)


def test_the_api_offers_csv_lists_and_details():
    names = {name for name, _, _ in api_csv_routes()}
    assert {"guidance-api:policy-list", "guidance-api:policy-detail"} <= names
    assert {"guidance-api:system-by-year", "guidance-api:sectionentry-detail"} <= names


def test_no_api_csv_has_a_cell_a_spreadsheet_would_run(planted):
    found = api_csvs()
    assert len(found) > 40
    assert formula_cells(found) == []
    assert defused_payloads_seen(found) == set(PAYLOADS)


def test_no_page_csv_or_download_has_a_cell_a_spreadsheet_would_run(planted, anonymous):
    found = site_csvs(anonymous)
    assert formula_cells(found) == []
    assert defused_payloads_seen(found) == set(PAYLOADS)


def test_no_csv_of_a_release_has_a_cell_a_spreadsheet_would_run(planted):
    found = {
        file.name: list(csv.reader(io.StringIO(bytes(file.content).decode("utf-8-sig"))))
        for file in ReleaseFile.objects.filter(name__endswith=".csv")
    }
    assert len(found) == len(DATASETS)
    assert formula_cells(found) == []
    assert defused_payloads_seen(found) == set(PAYLOADS)


def test_the_comparison_csv_keeps_the_text_readable_behind_the_apostrophe(planted, anonymous):
    rows = csv_rows(anonymous.get("/compare/comparison.csv?countries=IT,DE"))
    assert ["'" + HYPERLINK, "Italy", "2023", "Complete", "'\t=1"] in rows
    assert ["'-2+3", "Italy", "2023", "Yes", "'@SUM(A1)"] in rows


def test_no_admin_export_has_a_cell_a_spreadsheet_would_run(planted, editor):
    found = admin_csvs(editor)
    assert formula_cells(found) == []
    assert defused_payloads_seen(found) == set(PAYLOADS)


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        (HYPERLINK, "'" + HYPERLINK),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("\tplain", "'\tplain"),
        ("  =1", "'  =1"),
        ("\n=1", "'\n=1"),
        ('\uff1dHYPERLINK("http://evil.example")', '\'\uff1dHYPERLINK("http://evil.example")'),
        ("\uff0b1+1", "'\uff0b1+1"),
        ("\uff0d2+3", "'\uff0d2+3"),
        ("\uff20SUM(A1)", "'\uff20SUM(A1)"),
        ("\u3000\uff1d1", "'\u3000\uff1d1"),
        ("Plain text - with a dash", "Plain text - with a dash"),
        ("", ""),
        (None, None),
        (2023, 2023),
        (-5, -5),
        (-2.5, -2.5),
    ],
)
def test_a_cell_is_defused_when_it_starts_like_a_formula_and_is_text(cell, written):
    assert defuse_formula(cell) == written


def test_a_full_width_formula_in_a_policy_is_defused_in_every_csv(planted, anonymous, italy):
    make_policy(country=italy, title="\uff1dSUM(A1)")
    found = site_csvs(anonymous) | api_csvs()
    cells = {cell for rows in found.values() for row in rows for cell in row}
    assert "\uff1dSUM(A1)" not in cells
    assert "'\uff1dSUM(A1)" in cells


SOURCE = Path(__file__).resolve().parent.parent
ONE_HOME = SOURCE / "guidance" / "reading" / "csv_export.py"
WRITERS = {"writer", "DictWriter"}


def writes_csv(node):
    if isinstance(node, ast.Attribute) and node.attr in WRITERS:
        return isinstance(node.value, ast.Name) and node.value.id == "csv"
    if isinstance(node, ast.ImportFrom) and node.module == "csv":
        return any(alias.name in WRITERS for alias in node.names)
    return False


def modules_writing_csv():
    """Every module of the project, but guidance/reading/csv_export.py, that makes a csv writer."""
    for package in ("guidance", "inventory", "scripts", "bench"):
        for path in sorted((SOURCE / package).rglob("*.py")):
            tree = ast.parse(path.read_text(), str(path))
            if path != ONE_HOME and any(writes_csv(node) for node in ast.walk(tree)):
                yield str(path.relative_to(SOURCE))


def test_no_module_but_csv_export_writes_csv_itself():
    """A writer of its own would bypass the formula guard: write through guidance/reading/csv_export.py."""
    assert list(modules_writing_csv()) == []
    assert any(writes_csv(node) for node in ast.walk(ast.parse(ONE_HOME.read_text())))
