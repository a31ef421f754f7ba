"""/compare/: any countries side by side, the state in the URL, never a blank cell or a 500."""

import csv
import io

import pytest

from guidance.models import Completeness, CountryGroup, PublicationStatus
from tests.conftest import client_for
from tests.factories import (
    make_collection,
    make_country,
    make_entry,
    make_indicator,
    make_indicator_value,
    make_section,
    make_system,
)

pytestmark = pytest.mark.django_db

CODES = [f"A{letter}" for letter in "ABCDEFGHIJKLMNOPQRST"]


def make_inventory(country_count, section_count, year=2023):
    """Countries with a published record each, every section written, two indicators answered."""
    collection = make_collection(year=year)
    sections = [
        make_section(number=100 + n, slug=f"topic-{n}", title=f"Topic {n}")
        for n in range(section_count)
    ]
    indicators = [make_indicator(name=f"Question {n}") for n in range(2)]
    countries = []
    for code in CODES[:country_count]:
        country = make_country(code=code, name=f"Land {code}")
        record = make_system(country=country, collection=collection)
        for section in sections:
            make_entry(system=record, section=section, body=f"{code} on {section.title}.")
        for indicator in indicators:
            make_indicator_value(system=record, indicator=indicator)
        countries.append(country)
    return countries, sections


def grid_url(countries, sections, year=2023):
    codes = ",".join(country.code for country in countries)
    slugs = ",".join(section.slug for section in sections)
    return f"/compare/?countries={codes}&sections={slugs}&collection={year}"


@pytest.mark.parametrize(("country_count", "section_count"), [(2, 5), (20, 21)])
def test_the_grid_takes_the_same_queries_whatever_its_size(
    anonymous, country_count, section_count, django_assert_num_queries
):
    countries, sections = make_inventory(country_count, section_count)
    # countries, sections, indicators, collection years, records, the entries' key columns,
    # indicator values, then the entries in full for their parts (no cache here: every part
    # is missing; tests/test_comparison_parts.py pins the page from cached parts)
    with django_assert_num_queries(8):
        response = anonymous.get(grid_url(countries, sections))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<td>") == country_count * (section_count + 2)
    assert f"{countries[-1].code} on Topic {section_count - 1}." in html


def test_every_cell_names_its_year_and_an_unwritten_section_says_not_reported(
    anonymous, italy, germany, sections
):
    older = make_collection(year=2020)
    newer = make_collection(year=2023)
    italian = make_system(country=italy, collection=newer)
    make_entry(system=italian, section=sections[0], body="Italian access text.")
    german = make_system(country=germany, collection=older)
    make_entry(system=german, section=sections[0], body="German 2020 access text.")
    make_entry(system=german, section=sections[1], body="", completeness=Completeness.EMPTY)

    html = anonymous.get(
        "/compare/?countries=IT,DE&sections=s1,s2&collection=2023"
    ).content.decode()
    assert "Italian access text." in html
    assert "German 2020 access text." in html
    assert "Record 2023" in html
    assert "Record 2020" in html
    assert html.count("Not reported") == 2  # Italy and Germany under section 2


def test_a_country_without_any_record_is_labelled_not_blank(
    anonymous, italy, italian_record, sections
):
    make_country(code="FI", name="Finland")
    html = anonymous.get("/compare/?countries=IT,FI&sections=s1").content.decode()
    assert "No record in this collection or before." in html


def test_groups_bring_in_their_members(anonymous, italian_record, germany, sections):
    make_country(code="TR", name="Türkiye", group=CountryGroup.CANDIDATE)
    make_country(code="UA", name="Ukraine", group=CountryGroup.CANDIDATE)
    html = anonymous.get("/compare/?groups=candidate&countries=IT").content.decode()
    assert ">Türkiye</a></th>" in html
    assert ">Ukraine</a></th>" in html
    assert ">Italy</a></th>" in html
    assert ">Germany</a></th>" not in html


def test_repeated_parameters_from_the_form_redirect_to_a_shareable_url(anonymous, db):
    response = anonymous.get("/compare/?countries=IT&countries=DE&sections=a&sections=b")
    assert response.status_code == 302
    assert response["Location"] == "/compare/?countries=IT,DE&sections=a,b"


def test_the_form_without_a_choice_is_a_plain_page(anonymous, italy, sections):
    response = anonymous.get("/compare/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="countries" value="IT"' in html
    assert 'name="groups" value="eu"' in html
    assert 'name="sections" value="s1"' in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("countries=IT,ZZ", "Unknown country code: ZZ."),
        ("countries=IT,DE&sections=nonsense", "Unknown section: nonsense."),
        ("countries=IT,DE&collection=99999", "“99999” is not a collection year."),
        ("countries=IT,DE&collection=abc", "“abc” is not a collection year."),
        ("countries=IT,DE&collection=1999", "There is no collection 1999."),
        ("countries=" + ",".join(["IT"] * 500), "Too many countries: 500 given, at most 100."),
        ("countries=IT,DE&sections=" + ",".join(["x"] * 500), "Too many sections: 500 given"),
    ],
)
def test_bad_parameters_get_a_clear_message_and_a_400(
    anonymous, italian_record, germany, sections, query, message
):
    response = anonymous.get(f"/compare/?{query}")
    assert response.status_code == 400
    assert message in response.content.decode()


def test_one_country_is_a_start_not_an_error(anonymous, italian_record, germany):
    response = anonymous.get("/compare/?countries=IT&collection=2023")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Choose at least two countries to compare." in html
    assert 'value="IT" checked' in html


def test_the_public_never_sees_a_draft_even_with_a_crafted_year(
    anonymous, italy, germany, sections
):
    draft_year = make_collection(year=2025)
    draft = make_system(country=italy, collection=draft_year, status=PublicationStatus.DRAFT)
    make_entry(system=draft, section=sections[0], body="Unreviewed Italian text.")
    make_system(country=germany, collection=draft_year)
    html = anonymous.get("/compare/?countries=IT,DE&collection=2025").content.decode()
    assert "Unreviewed Italian text." not in html
    assert "No record in this collection or before." in html


def test_a_german_expert_does_not_see_the_italian_draft(german_expert, italy, germany, sections):
    collection = make_collection(year=2025)
    draft = make_system(country=italy, collection=collection, status=PublicationStatus.DRAFT)
    make_entry(system=draft, section=sections[0], body="Unreviewed Italian text.")
    german_draft = make_system(
        country=germany, collection=collection, status=PublicationStatus.DRAFT
    )
    make_entry(system=german_draft, section=sections[0], body="German draft text.")
    html = (
        client_for(german_expert).get("/compare/?countries=IT,DE&collection=2025").content.decode()
    )
    assert "Unreviewed Italian text." not in html
    assert "German draft text." in html
    assert "Draft: not public" in html


def test_the_comparison_downloads_as_csv(anonymous, italy, germany, italian_record, sections):
    make_entry(system=italian_record, section=sections[0], body="Italian text.")
    response = anonymous.get("/compare/comparison.csv?countries=IT,DE&sections=s1")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["Row", "Country", "Record year", "Status", "Text"]
    assert ["Section 1", "Italy", "2023", "Complete", "Italian text."] in rows
    assert ["Section 1", "Germany", "", "not reported", ""] in rows


def test_a_bad_csv_request_is_a_400_with_the_reason(anonymous, db):
    response = anonymous.get("/compare/comparison.csv?countries=ZZ")
    assert response.status_code == 400
    assert "Unknown country code: ZZ." in response.content.decode()


def test_the_printable_version_has_the_grid_but_not_the_form(
    anonymous, italian_record, germany, sections
):
    html = anonymous.get("/compare/print/?countries=IT,DE&sections=s1").content.decode()
    assert 'class="grid"' in html
    assert 'class="compare-form"' not in html
