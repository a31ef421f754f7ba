"""Home page map: coloured by coverage or by one indicator, legend and table in text,
drafts never shown, bad parameters a message, query count constant as data grows."""

import pytest

from guidance.models import IndicatorAnswer, PublicationStatus
from tests.factories import (
    make_country,
    make_entry,
    make_indicator,
    make_indicator_value,
    make_system,
)

HOME_QUERIES = 7  # countries, latest updates, indicators, years, sections, records, entries
INDICATOR_QUERIES = 6  # no sections; countries, updates, indicators, years, records, values


@pytest.fixture
def forum(db):
    return make_indicator(slug="national-forum", name="National guidance forum")


def _grow(collection, sections, forum, count):
    """`count` more countries, each with a published record, every section and an answer."""
    for n in range(count):
        country = make_country(code=f"Q{chr(65 + n)}", name=f"Extra {n}")
        record = make_system(country=country, collection=collection)
        for section in sections:
            make_entry(system=record, section=section)
        make_indicator_value(system=record, indicator=forum)


def test_coverage_map_bands_each_country(anonymous, italy, germany, italian_record, sections):
    make_entry(system=italian_record, section=sections[0])
    make_entry(system=italian_record, section=sections[1])
    html = anonymous.get("/").content.decode()
    assert 'id="map-IT" class="country band-mid"' in html
    assert 'id="map-DE" class="country band-none"' in html
    assert "<title>Italy: half or more of the sections written</title>" in html
    assert '<td>half or more of the sections written</td><td class="num">2/3</td>' in html
    assert 'class="country band-out"' in html  # in the SVG, not in the database


def test_indicator_map_changes_the_legend(anonymous, italy, germany, italian_record, forum):
    make_indicator_value(system=italian_record, indicator=forum, answer=IndicatorAnswer.PARTIAL)
    response = anonymous.get("/", {"indicator": "national-forum"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Map: National guidance forum" in html
    assert 'id="map-IT" class="country band-mid"' in html
    assert "</span> Partly</li>" in html
    assert "every section written" not in html
    assert '<option value="national-forum" selected>' in html


def test_draft_record_is_not_on_the_map(anonymous, italy, collection_2023, sections, forum):
    draft = make_system(country=italy, collection=collection_2023, status=PublicationStatus.DRAFT)
    make_entry(system=draft, section=sections[0], body="Draft body")
    make_indicator_value(system=draft, indicator=forum)
    assert 'id="map-IT" class="country band-none"' in anonymous.get("/").content.decode()
    html = anonymous.get("/", {"indicator": "national-forum"}).content.decode()
    assert 'id="map-IT" class="country band-none"' in html
    assert "Latest published updates" in html
    assert "Nothing published yet." in html


def test_latest_updates_link_to_published_sections(anonymous, italian_record, sections):
    make_entry(system=italian_record, section=sections[2])
    html = anonymous.get("/").content.decode()
    assert 'href="/countries/IT/2023/sections/s3/">Italy: Section 3</a>' in html


@pytest.mark.parametrize("value", ["nope", "<script>", "x" * 500])
def test_unknown_indicator_is_a_message_not_an_error(anonymous, italy, value):
    response = anonymous.get("/", {"indicator": value})
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is no indicator" in html
    assert "<script>" not in html.split("<main", 1)[-1]


@pytest.mark.parametrize("extra", [0, 6])
def test_home_query_count_is_constant(
    anonymous, italian_record, sections, forum, extra, django_assert_num_queries
):
    _grow(italian_record.collection, sections, forum, extra)
    with django_assert_num_queries(HOME_QUERIES):
        assert anonymous.get("/").status_code == 200
    with django_assert_num_queries(INDICATOR_QUERIES):
        assert anonymous.get("/", {"indicator": "national-forum"}).status_code == 200
