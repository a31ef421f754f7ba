"""/sections/ and /coverage/: one section across every country, and the completeness grid."""

import pytest

from guidance.models import Completeness, PublicationStatus
from tests.conftest import client_for
from tests.factories import (
    make_collection,
    make_country,
    make_entry,
    make_section,
    make_source,
    make_system,
)

pytestmark = pytest.mark.django_db


def make_countries_with_access_text(count, collection, section):
    for n in range(count):
        country = make_country(code=f"B{chr(65 + n)}", name=f"Land {n}")
        record = make_system(country=country, collection=collection)
        entry = make_entry(system=record, section=section, body=f"Access in land {n}.")
        entry.sources.add(make_source(title=f"Source of land {n}"))


def test_the_section_index_lists_every_section(anonymous, sections):
    html = anonymous.get("/sections/").content.decode()
    assert '<a href="/sections/s2/">Section 2</a>' in html


@pytest.mark.parametrize("count", [3, 12])
def test_one_section_across_countries_in_fixed_queries(
    anonymous, collection_2023, count, django_assert_num_queries
):
    section = make_section(slug="access", title="Access to guidance")
    make_countries_with_access_text(count, collection_2023, section)
    make_country(code="ZA", name="Silent land")
    # section, collection years, countries, related indicators, records, the entries' key
    # columns with a stamp of their sources, then the entries in full for their parts and
    # their sources (no cache here; tests/test_comparison_parts.py pins the page from cached parts)
    with django_assert_num_queries(8):
        response = anonymous.get("/sections/access/?collection=2023")
    assert response.status_code == 200
    html = response.content.decode()
    assert f"Access in land {count - 1}." in html
    assert f"Source of land {count - 1}" in html
    assert "Record 2023" in html
    assert "last updated" in html
    assert "Silent land</a>: no record in this collection or before" in html


def test_an_empty_entry_is_listed_as_not_reported(anonymous, italy, italian_record, sections):
    make_entry(system=italian_record, section=sections[0], body="", completeness=Completeness.EMPTY)
    html = anonymous.get("/sections/s1/").content.decode()
    assert "Italy</a>: not reported in its 2023 record" in html


def test_an_unknown_section_is_a_404(anonymous, db):
    assert anonymous.get("/sections/nonsense/").status_code == 404


@pytest.mark.parametrize("year", ["abc", "99999", "1999"])
def test_a_bad_year_says_so_and_shows_the_default(anonymous, italian_record, sections, year):
    response = anonymous.get(f"/sections/s1/?collection={year}")
    assert response.status_code == 400
    assert "Showing the 2023 collection instead." in response.content.decode()


def test_drafts_stay_hidden_on_the_section_page(anonymous, german_expert, italy, sections):
    collection = make_collection(year=2023)
    draft = make_system(country=italy, collection=collection, status=PublicationStatus.IN_REVIEW)
    make_entry(system=draft, section=sections[0], body="Italian text in review.")
    assert "Italian text in review." not in anonymous.get("/sections/s1/").content.decode()
    german_view = client_for(german_expert).get("/sections/s1/").content.decode()
    assert "Italian text in review." not in german_view


@pytest.mark.parametrize("count", [2, 20])
def test_coverage_takes_the_same_queries_for_any_number_of_countries(
    anonymous, collection_2023, count, django_assert_num_queries
):
    section = make_section(slug="access", title="Access to guidance")
    make_countries_with_access_text(count, collection_2023, section)
    with django_assert_num_queries(5):  # as below
        response = anonymous.get("/coverage/")
    assert response.content.decode().count('href="/countries/B') == 2 * count


def test_coverage_names_completeness_and_age_in_every_cell(
    anonymous, italy, italian_record, sections, django_assert_num_queries
):
    make_entry(system=italian_record, section=sections[0], completeness=Completeness.COMPLETE)
    make_entry(system=italian_record, section=sections[1], completeness=Completeness.PARTIAL)
    # collection years, countries, sections, records, entries
    with django_assert_num_queries(5):
        response = anonymous.get("/coverage/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<td class="complete age-fresh"><a href="/countries/IT/2023/sections/s1/">' in html
    assert '<td class="partial age-fresh"><a href="/countries/IT/2023/sections/s2/">' in html
    assert "Complete; last reviewed in" in html
    assert "reviewed within a year" in html
    assert '<span class="visually-hidden">Not written</span></td>' in html


def test_coverage_with_a_crafted_year_never_shows_drafts(anonymous, italy, sections):
    collection = make_collection(year=2025)
    draft = make_system(country=italy, collection=collection, status=PublicationStatus.DRAFT)
    make_entry(system=draft, section=sections[0])
    html = anonymous.get("/coverage/?collection=2025").content.decode()
    assert "/countries/IT/2025/" not in html


@pytest.mark.parametrize("year", ["abc", "99999", "-1", "2023x"])
def test_coverage_with_a_bad_year_says_so(anonymous, italian_record, sections, year):
    response = anonymous.get(f"/coverage/?collection={year}")
    assert response.status_code == 400
    assert "Showing the 2023 collection instead." in response.content.decode()
