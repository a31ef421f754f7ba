"""/indicators/: the matrix with each value's year, note and sources; one indicator's map."""

import re

import pytest

from guidance.models import CountryGroup, IndicatorAnswer, PublicationStatus
from tests.factories import (
    make_collection,
    make_country,
    make_indicator,
    make_indicator_value,
    make_source,
    make_system,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def strategy(italian_record):
    strategy = make_indicator(slug="national-strategy", name="National strategy")
    value = make_indicator_value(
        system=italian_record,
        indicator=strategy,
        answer=IndicatorAnswer.PARTIAL,
        since_year=2011,
        note="Only for schools.",
    )
    value.sources.add(make_source(title="The Italian guidelines"))
    return strategy


def test_the_matrix_shows_answer_year_note_and_source(anonymous, strategy, germany):
    response = anonymous.get("/indicators/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<summary>Partly" in html
    assert "since 2011" in html
    assert "2023 record" in html
    assert "Only for schools." in html
    assert "The Italian guidelines" in html
    assert 'href="/indicators/national-strategy/"' in html
    assert "no answer" in html  # Germany


def test_the_matrix_reads_each_countrys_latest_record_as_the_map_does(
    anonymous, strategy, italy, germany, collection_2023
):
    collection_2020 = make_collection(year=2020)
    dropped = make_indicator_value(
        system=make_system(country=italy, collection=collection_2020),
        indicator=make_indicator(slug="forum", name="Forum"),
        note="Answered in 2020, dropped in 2023.",
    )
    make_indicator_value(
        system=make_system(country=germany, collection=collection_2020),
        indicator=strategy,
        answer=IndicatorAnswer.NO,
        note="The German answer of 2020.",
    )
    html = anonymous.get("/indicators/").content.decode()
    assert "The German answer of 2020." in html
    assert "2020 record" in html
    assert "Only for schools." in html  # Italy's 2023 answer
    assert dropped.note not in html
    map_html = anonymous.get("/indicators/national-strategy/").content.decode()
    assert re.search(r'<th scope="row">Germany</th><td>No</td>', map_html)


def test_the_matrix_filters_by_country_group(anonymous, strategy):
    make_country(code="NO", name="Norway", group=CountryGroup.EEA_EFTA)
    html = anonymous.get("/indicators/?group=eea_efta").content.decode()
    assert "Norway" in html
    assert "Italy" not in html


def test_a_bad_group_is_a_friendly_message(anonymous, strategy):
    response = anonymous.get("/indicators/?group=mars")
    assert response.status_code == 400
    assert "“mars” is not a country group" in response.content.decode()


def test_a_draft_answer_stays_out_of_the_matrix(anonymous, strategy, italian_record):
    italian_record.status = PublicationStatus.DRAFT
    italian_record.save()
    html = anonymous.get("/indicators/").content.decode()
    assert "Only for schools." not in html


def test_the_indicator_map_colours_the_answer(anonymous, strategy):
    html = anonymous.get("/indicators/national-strategy/").content.decode()
    assert 'id="map-IT" class="country band-mid"' in html
    assert re.search(r'<th scope="row">Italy</th><td>Partly</td>', html)


def test_an_unknown_indicator_is_a_404(anonymous, db):
    assert anonymous.get("/indicators/nothing/").status_code == 404


@pytest.mark.parametrize("extra", [0, 4])
def test_the_indicator_pages_query_counts_do_not_grow(
    anonymous, strategy, collection_2023, extra, django_assert_num_queries
):
    for n in range(extra):
        country = make_country(code=f"Q{chr(65 + n)}", name=f"Country {n}")
        record = make_system(country=country, collection=collection_2023)
        value = make_indicator_value(system=record, indicator=strategy)
        value.sources.add(make_source())
        make_indicator_value(system=record, indicator=make_indicator())
    # countries, indicators, collections, values with their records, their sources
    with django_assert_num_queries(5):
        anonymous.get("/indicators/")
    # the indicator, countries, collections, records as of the year, the indicator's values,
    # and (since the chart of answers per collection) the published records with their answer
    with django_assert_num_queries(6):
        anonymous.get("/indicators/national-strategy/")
