"""What changed between any two collections of a country: `?from=&to=`, old | new."""

import pytest

from guidance.models import PublicationStatus
from tests.conftest import client_for, use_cache
from tests.factories import (
    make_collection,
    make_entry,
    make_initiative,
    make_policy,
    make_section,
    make_system,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def italian_records(italy):
    """Italy in 2017, 2020 and 2023 (published) and 2025 (a draft); no record in 2024."""
    access = make_section(number=1, slug="access", title="Access")
    years = {year: make_collection(year=year) for year in (2017, 2020, 2023, 2024, 2025)}
    bodies = {
        2017: "Schools offer **guidance**. Centres are run by regions.",
        2020: "Schools offer **guidance**. Centres are run by the state.",
        2023: "Schools offer **guidance**. Centres are run by the state.\n\nAdults can call a line.",
    }
    records = {}
    for year, body in bodies.items():
        records[year] = make_system(
            country=italy, collection=years[year], based_on=records.get(year - 3)
        )
        make_entry(system=records[year], section=access, body=body)
    draft = make_system(
        country=italy,
        collection=years[2025],
        based_on=records[2023],
        status=PublicationStatus.DRAFT,
    )
    make_entry(system=draft, section=access, body="DRAFT-ONLY text of the next record.")
    make_policy(country=italy, title="Regional guidance law", start_year=2010, end_year=2018)
    make_policy(country=italy, title="Guidance strategy", start_year=2021)
    make_initiative(country=italy, title="Adult helpline", start_year=2022)
    return records


def page(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.content.decode()[:2000]
    return response.content.decode()


def test_a_country_page_compares_its_newest_record_with_the_one_before_by_default(
    anonymous, italian_records
):
    html = page(anonymous, "/countries/IT/changes/")
    assert "What changed in Italy, 2020 to 2023" in html
    assert '<h4 class="diff-heading">2020 (old)</h4>' in html
    assert '<h4 class="diff-heading">2023 (new)</h4>' in html
    assert "Adults can call a line." in html
    assert "DRAFT-ONLY" not in html


def test_from_and_to_choose_any_two_collections(anonymous, italian_records):
    html = page(anonymous, "/countries/IT/changes/?from=2017&to=2023")
    assert "What changed in Italy, 2017 to 2023" in html
    assert '<del><span class="visually-hidden">[removed: </span>regions' in html
    assert '<ins><span class="visually-hidden">[added: </span>the state' in html
    assert "<strong>guidance</strong>" in html and "**" not in html
    assert '<option value="2017" selected>' in html
    assert '<option value="2023" selected>' in html


def test_a_year_stands_for_the_record_as_of_that_collection(anonymous, italian_records):
    html = page(anonymous, "/countries/IT/changes/?from=2020&to=2024")
    assert "What changed in Italy, 2020 to 2023" in html
    assert "As of 2024, the latest record is the 2023 record." in html


def test_the_form_gets_the_country_page_with_two_selects(anonymous, italian_records):
    html = page(anonymous, "/countries/IT/2023/changes/")
    assert '<form method="get" action="/countries/IT/changes/"' in html
    assert '<select name="from" id="id_from">' in html
    assert '<select name="to" id="id_to">' in html
    assert "latest record in that year or before" in html


def test_a_record_page_compares_with_its_base_or_with_the_year_asked(anonymous, italian_records):
    assert "Italy, 2020 to 2023" in page(anonymous, "/countries/IT/2023/changes/")
    html = page(anonymous, "/countries/IT/2023/changes/?from=2017")
    assert "Italy, 2017 to 2023" in html
    assert "regions" in html


def test_added_and_ended_policies_and_initiatives_link_to_their_pages(anonymous, italian_records):
    html = page(anonymous, "/countries/IT/changes/?from=2017&to=2023")
    assert "Policy added: <a href=" in html and "Guidance strategy</a>" in html
    assert "Policy ended: <a href=" in html and "Regional guidance law</a>" in html
    assert "Initiative added: <a href=" in html and "Adult helpline</a>" in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("?from=abc", "Give a whole number"),
        ("?from=1999", "There is no collection 1999."),
        ("?to=20235", "There is no collection 20235."),
        ("?from=2023&to=2020", "Choose a “from” year before 2020."),
        ("?from=2020&to=2020", "Choose a “from” year before 2020."),
        ("?from=2017&to=2017&colour=red", "Unknown parameter “colour”."),
        ("?from=2017&from=2020", "Give this parameter once."),
    ],
)
def test_bad_years_are_a_friendly_400_beside_the_form(anonymous, italian_records, query, message):
    html = page(anonymous, f"/countries/IT/changes/{query}", status=400)
    assert message in html
    assert '<select name="from"' in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("?from=2023", "Choose a “from” year before 2023."),
        ("?to=2020", "Unknown parameter “to”."),
        ("?from=x", "Give a whole number"),
    ],
)
def test_a_record_page_refuses_bad_years_too(anonymous, italian_records, query, message):
    assert message in page(anonymous, f"/countries/IT/2023/changes/{query}", status=400)


def test_a_year_before_the_first_record_has_nothing_as_of_it(anonymous, italian_records, italy):
    make_collection(year=2010)
    html = page(anonymous, "/countries/IT/changes/?from=2010", status=400)
    assert "There is no record in 2010 or before." in html


def test_two_years_that_stand_for_one_record_have_nothing_to_compare(anonymous, italian_records):
    html = page(anonymous, "/countries/IT/changes/?from=2023&to=2024")
    assert "Both years stand for the same record, the 2023 record" in html
    assert "diff-columns" not in html


def test_a_country_with_one_record_has_nothing_to_compare(anonymous, germany, german_record):
    html = page(anonymous, "/countries/DE/changes/")
    assert "What changed: Germany" in html
    assert "was not based on an earlier published record" in html


@pytest.mark.parametrize("cache", ["locmem", "redis"])
def test_drafts_stay_hidden_from_the_public_after_an_expert_saw_them(
    settings, cache, italian_records, italian_expert, anonymous
):
    use_cache(settings, cache)
    seen = page(client_for(italian_expert), "/countries/IT/changes/")
    assert "What changed in Italy, 2023 to 2025" in seen
    assert "DRAFT-ONLY" in seen
    for url in ("/countries/IT/changes/", "/countries/IT/changes/?from=2023&to=2025"):
        html = anonymous.get(url).content.decode()
        assert "DRAFT-ONLY" not in html
    assert "Italy, 2020 to 2023" in page(anonymous, "/countries/IT/changes/")
    assert "Italy, 2020 to 2023" in page(anonymous, "/countries/IT/changes/")  # from the cache


def test_the_country_page_query_count_is_fixed(
    anonymous, italian_records, django_assert_num_queries
):
    # country, the country's visible records, the two collection years asked, the record
    # as of each (GuidanceSystem.objects.as_of), sections, entries, indicators, indicator
    # values, policies added or ended, initiatives added or ended
    with django_assert_num_queries(12):
        page(anonymous, "/countries/IT/changes/?from=2017&to=2023")
