"""/coverage/ as a heatmap: state and review age per cell, totals, names, and its CSV."""

import csv
import io
import re
from datetime import UTC, datetime
from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import call_command

from guidance.models import Completeness, GuidanceSystem, PublicationStatus
from tests.conftest import client_for, use_cache
from tests.factories import make_collection, make_country, make_entry, make_section, make_system

pytestmark = pytest.mark.django_db

COMPLETE, PARTIAL, EMPTY = Completeness.COMPLETE, Completeness.PARTIAL, Completeness.EMPTY


def published_in(year):
    return datetime(year, 6, 1, tzinfo=UTC)


def cells_of(html, country_name):
    """The class and the screen-reader text of each section cell in a country's row."""
    row = re.search(rf'<tr>\s*<th scope="row"><a [^>]*>{country_name}</a>.*?</tr>', html, re.S)
    assert row, country_name
    cells = re.findall(
        r'<td class="([^"]*)">.*?<span class="visually-hidden">([^<]*)</span>', row.group(0)
    )
    return [(css, text) for css, text in cells if css != "total"]


def row_total(html, country_name):
    row = re.search(rf'<tr>\s*<th scope="row"><a [^>]*>{country_name}</a>.*?</tr>', html, re.S)
    return re.search(r'<td class="total">(\d+)<', row.group(0)).group(1)


def footer_totals(html):
    footer = re.search(r"<tfoot>.*?</tfoot>", html, re.S).group(0)
    return re.findall(r'<td class="total">(\d+)</td>', footer)


def csv_rows(client, query=""):
    response = client.get(f"/coverage/coverage.csv{query}")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.fixture
def three_countries(sections):
    """Italy written in 2023, Germany still on its 2020 text, France with no record."""
    collection_2020 = make_collection(year=2020)
    collection_2023 = make_collection(year=2023)
    italy = make_country(code="IT", name="Italy")
    germany = make_country(code="DE", name="Germany")
    make_country(code="FR", name="France")
    italian = make_system(
        country=italy, collection=collection_2023, published_at=published_in(2023)
    )
    make_entry(system=italian, section=sections[0], completeness=COMPLETE)
    make_entry(system=italian, section=sections[1], completeness=PARTIAL)
    make_entry(system=italian, section=sections[2], completeness=EMPTY)
    # Published in 2020; every row was reloaded today, so updated_at is now.
    german = make_system(
        country=germany, collection=collection_2020, published_at=published_in(2020)
    )
    make_entry(system=german, section=sections[0], completeness=COMPLETE)
    return collection_2023


def test_freshness_comes_from_publication_not_from_a_reload(anonymous, three_countries):
    html = anonymous.get("/coverage/?collection=2023").content.decode()
    german = cells_of(html, "Germany")
    assert german[0][0] == "complete age-ageing"
    assert "last reviewed in 2020" in german[0][1]
    assert "two to three years" in german[0][1]
    assert 'class="age">3y<' in html
    italian = cells_of(html, "Italy")
    assert italian[0][0] == "complete age-fresh"
    assert italian[1][0] == "partial age-fresh"
    assert "within a year" in italian[0][1]


@pytest.mark.parametrize(
    ("published", "shown", "band"),
    [(2022, 2024, "ageing"), (2022, 2026, "old"), (2022, 2023, "fresh"), (2022, 2022, "fresh")],
)
def test_the_age_runs_from_the_review_to_the_collection_shown(
    anonymous, sections, published, shown, band
):
    for year in {published, shown} - {2021}:
        make_collection(year=year)
    spain = make_country(code="ES", name="Spain")
    record = make_system(
        country=spain, collection=make_collection(year=2021), published_at=published_in(published)
    )
    make_entry(system=record, section=sections[0])
    html = anonymous.get(f"/coverage/?collection={shown}").content.decode()
    assert cells_of(html, "Spain")[0][0] == f"complete age-{band}"


def test_totals_count_written_sections_per_country_and_countries_per_section(
    anonymous, three_countries
):
    html = anonymous.get("/coverage/?collection=2023").content.decode()
    assert row_total(html, "Italy") == "2"  # complete and partial; empty is not written
    assert row_total(html, "Germany") == "1"
    assert row_total(html, "France") == "0"
    assert footer_totals(html) == ["2", "1", "0", "3"]
    assert '<th scope="row">Countries with text (of 3)</th>' in html
    assert '<th scope="col">Written of 3</th>' in html


def test_full_section_names_are_there_for_screen_readers_and_in_the_key(anonymous, italy):
    make_section(number=4, slug="access", title="Access to guidance")
    make_section(number=10, slug="ict", title="ICT in guidance")
    make_section(number=14, slug="higher", title="Guidance in higher education")
    html = anonymous.get("/coverage/").content.decode()
    assert (
        '<th scope="col"><span aria-hidden="true"><span class="number">4</span> Acce</span>'
        '<span class="visually-hidden">4. Access to guidance</span></th>'
    ) in html
    assert "<dt>4 Acce</dt><dd>Access to guidance</dd>" in html
    assert "<dt>10 ICT</dt><dd>ICT in guidance</dd>" in html
    assert "<dt>14 High</dt><dd>Guidance in higher education</dd>" in html


def test_every_colour_has_its_words(anonymous, three_countries):
    html = anonymous.get("/coverage/?collection=2023").content.decode()
    assert [text for _css, text in cells_of(html, "France")] == ["No record"] * 3
    assert cells_of(html, "Italy")[2] == ("empty", "Not written")
    for words in ["Complete", "Partial", "Not written", "No record", "Reviewed within a year"]:
        assert f"</span> {words}</li>" in html


def test_the_csv_says_what_the_page_says(anonymous, three_countries):
    html = anonymous.get("/coverage/?collection=2023").content.decode()
    header, *rows = csv_rows(anonymous, "?collection=2023")
    assert header == [
        "Country code",
        "Country",
        "Record year",
        "Reviewed in",
        "Review age (years)",
        "1. Section 1",
        "2. Section 2",
        "3. Section 3",
        "Sections written",
        "Sections",
    ]
    assert [row[1] for row in rows] == ["France", "Germany", "Italy"]
    for row in rows:
        page_states = [text.split(";")[0].lower() for _css, text in cells_of(html, row[1])]
        assert row[5:8] == page_states
        assert row[8] == row_total(html, row[1])
    assert rows[1][:5] == ["DE", "Germany", "2020", "2020", "3"]
    assert rows[2][5:] == ["complete", "partial", "not written", "2", "3"]


def test_the_csv_defuses_formulas(anonymous, collection_2023):
    country = make_country(code="XF", name='=HYPERLINK("https://evil.example")')
    make_section(number=1, slug="s1", title="@SUM(A1:A2)")
    make_system(country=country, collection=collection_2023)
    header, row = csv_rows(anonymous)
    assert header[5] == "1. @SUM(A1:A2)"  # starts with a digit: no formula
    assert row[1] == '\'=HYPERLINK("https://evil.example")'


def test_drafts_are_never_counted_for_anonymous_readers(
    anonymous, editor, sections, three_countries
):
    draft = make_system(
        country=make_country(code="AT", name="Austria"),
        collection=three_countries,
        status=PublicationStatus.DRAFT,
    )
    for section in sections:
        make_entry(system=draft, section=section, completeness=COMPLETE)
    html = anonymous.get("/coverage/?collection=2023").content.decode()
    assert row_total(html, "Austria") == "0"
    assert footer_totals(html) == ["2", "1", "0", "3"]
    assert [row for row in csv_rows(anonymous, "?collection=2023") if row[0] == "AT"] == [
        ["AT", "Austria", "", "", "", "no record", "no record", "no record", "0", "3"]
    ]
    editors_html = client_for(editor).get("/coverage/?collection=2023").content.decode()
    assert row_total(editors_html, "Austria") == "3"
    # A draft has no publication: its age runs from its collection year.
    assert "last reviewed in 2023" in cells_of(editors_html, "Austria")[0][1]


@pytest.mark.parametrize(
    "query",
    ["?collection=abc", "?collection=2023&collection=2023", "?colour=red", "?collection=%00"],
)
@pytest.mark.parametrize("path", ["/coverage/", "/coverage/coverage.csv"])
def test_bad_parameters_are_a_400_not_a_500(anonymous, three_countries, path, query):
    response = anonymous.get(path + query)
    assert response.status_code == 400


def test_the_page_and_the_csv_take_the_same_queries_for_any_number_of_countries(
    anonymous, three_countries, django_assert_num_queries
):
    # collection years, countries, sections, records, entries
    with django_assert_num_queries(5):
        anonymous.get("/coverage/?collection=2023")
    with django_assert_num_queries(5):
        anonymous.get("/coverage/coverage.csv?collection=2023")


def test_anonymous_readers_get_the_page_and_csv_from_the_cache_and_editors_never(
    anonymous, editor, three_countries, settings
):
    use_cache(settings, "locmem")
    try:
        for path in ["/coverage/?collection=2023", "/coverage/coverage.csv?collection=2023"]:
            assert anonymous.get(path)["X-Cache"] == "miss"
            assert anonymous.get(path)["X-Cache"] == "hit"
            response = client_for(editor).get(path)
            assert "X-Cache" not in response
            assert "private" in response["Cache-Control"]
    finally:
        cache.clear()


def test_the_demo_inventory_dates_its_records_by_collection_not_by_load(anonymous):
    call_command("load_demo", stdout=StringIO())
    newest = {}
    for country, year in GuidanceSystem.objects.live().values_list("country", "collection__year"):
        newest[country] = max(year, newest.get(country, year))
    not_updated = sorted((year, country) for country, year in newest.items() if year <= 2021)
    assert not_updated, "the demo keeps a country whose newest record is of 2021 or before"
    year, country = not_updated[0]
    record = GuidanceSystem.objects.select_related("country").get(
        country=country, collection__year=year
    )
    assert record.published_at.year == year  # four years or more before 2025
    html = anonymous.get("/coverage/?collection=2025").content.decode()
    assert cells_of(html, re.escape(record.country.name))[0][0].endswith("age-old")
