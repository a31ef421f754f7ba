"""The charts: an indicator's answers across countries per collection, and a country's
section coverage over its collections; each with its table and the CSV of its numbers."""

import csv
import io
import re

import pytest

from guidance.models import CollectionStatus, Completeness, IndicatorAnswer, PublicationStatus
from guidance.reading.charts import BarRow, Series, stacked_bars
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
from tests.sitemaps import sitemap_text

pytestmark = pytest.mark.django_db

YES, PARTLY, NO = IndicatorAnswer.YES, IndicatorAnswer.PARTIAL, IndicatorAnswer.NO
STRATEGY = "/indicators/national-strategy/"
STRATEGY_CSV = "/indicators/national-strategy/distribution.csv"


@pytest.fixture
def collections(db):
    return {
        year: make_collection(year=year, status=CollectionStatus.PUBLISHED) for year in (2020, 2023)
    }


@pytest.fixture
def strategy(db):
    return make_indicator(slug="national-strategy", name="National strategy")


@pytest.fixture
def answers(italy, germany, collections, strategy):
    """Four countries over two collections.

    Italy: yes in 2020, partly in 2023. Germany: no in 2020, no 2023 record (its 2020
    answer holds as of 2023). France: no 2020 record, yes in 2023. Spain: a 2023 record
    that does not answer.
    """
    france = make_country(code="FR", name="France")
    spain = make_country(code="ES", name="Spain")
    c2020, c2023 = collections[2020], collections[2023]
    for country, collection, answer in [
        (italy, c2020, YES),
        (italy, c2023, PARTLY),
        (germany, c2020, NO),
        (france, c2023, YES),
    ]:
        record = make_system(country=country, collection=collection)
        make_indicator_value(system=record, indicator=strategy, answer=answer)
    make_system(country=spain, collection=c2023)
    return strategy


def table_counts(html, caption_id="answers-table-caption"):
    """{year: [counts]} read from the chart's table on the page."""
    table = html[html.index(caption_id) :]
    table = table[: table.index("</table>")]
    return {
        int(year): [int(n) for n in re.findall(r"<td>(\d+)</td>", cells)]
        for year, cells in re.findall(
            r'<th scope="row">(?:<a [^>]*>)?(\d{4})(?:</a>)?</th>(.*?)</tr>', table
        )
    }


def chart_counts(html):
    """{year: [counts]} read from the chart's own text alternative (its <desc>)."""
    desc = re.search(r'<desc id="answers-chart-desc">(.*?)</desc>', html)[1]
    return {
        int(year): [int(n) for n in re.findall(r" (\d+)(?:,|$)", counts)]
        for year, counts in re.findall(r"(\d{4}): (.*?)\.", desc)
    }


def csv_rows(response):
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


# The indicator page's chart


def test_each_collection_counts_every_country_by_its_answer_as_of_then(anonymous, answers):
    html = anonymous.get(STRATEGY).content.decode()
    # Yes, Partly, No, No answer
    expected = {2020: [1, 0, 1, 2], 2023: [1, 1, 1, 1]}
    assert table_counts(html) == expected
    assert chart_counts(html) == expected
    assert 'role="img" aria-labelledby="answers-chart-title"' in html
    assert "Answers to “National strategy” by collection, as a bar chart" in html


def test_the_chart_draws_one_bar_per_collection_with_its_counts(anonymous, answers):
    html = anonymous.get(STRATEGY).content.decode()
    start = html.index('<svg class="bar-chart"')
    svg = html[start : html.index("</svg>", start)]
    assert re.findall(r'class="chart-bar-label"[^>]*>(\d{4})<', svg) == ["2020", "2023"]
    # 2023: one yes, one partly, one no, one without answer: four segments of one width
    bar_2023 = svg[svg.index(">2023<") :]
    widths = re.findall(r'class="chart-segment[^"]*"[^>]*width="([\d.]+)"', bar_2023)
    assert len(widths) == 4 and len(set(widths)) == 1
    assert 'fill="url(#answers-chart-partial)"' in bar_2023


def test_the_csv_holds_the_charts_numbers_and_the_countries_counted(anonymous, answers):
    html = anonymous.get(STRATEGY).content.decode()
    assert f'href="{STRATEGY_CSV}"' in html
    rows = csv_rows(anonymous.get(STRATEGY_CSV))
    assert rows[0] == ["Collection", "Answer", "Count", "Countries"]
    from_csv = {}
    for year, _answer, count, _countries in rows[1:]:
        from_csv.setdefault(int(year), []).append(int(count))
    assert from_csv == chart_counts(html)
    assert ["2023", "Partly", "1", "Italy"] in rows
    assert ["2020", "No answer", "2", "France; Spain"] in rows
    assert ["2023", "No", "1", "Germany"] in rows


def test_the_page_names_who_changed_their_answer_with_a_link(anonymous, answers):
    html = anonymous.get(STRATEGY).content.decode()
    changed = re.search(r'<p class="chart-changes">(.*?)</p>', html, re.S)[1]
    assert '<a href="/countries/IT/2023/">Italy</a>' in changed
    assert "Yes in 2020, Partly in 2023" in changed
    assert "Germany" not in changed  # answered once
    assert "France" not in changed


def test_no_change_is_said_in_words(anonymous, italy, collections, strategy):
    for collection in collections.values():
        record = make_system(country=italy, collection=collection)
        make_indicator_value(system=record, indicator=strategy, answer=YES)
    html = anonymous.get(STRATEGY).content.decode()
    assert "No country's answer differs between its two latest published records" in html


@pytest.mark.parametrize("reader", ["anonymous", "editor", "german_expert"])
def test_a_draft_answer_is_never_counted(request, reader, answers, germany, collections):
    draft = make_system(
        country=germany, collection=collections[2023], status=PublicationStatus.DRAFT
    )
    make_indicator_value(system=draft, indicator=answers, answer=YES)
    client = request.getfixturevalue(reader)
    client = client if reader == "anonymous" else client_for(client)
    html = client.get(STRATEGY).content.decode()
    assert chart_counts(html)[2023] == [1, 1, 1, 1]  # Germany still "no", from 2020
    assert "Germany" not in re.search(r'class="chart-changes">(.*?)</p>', html, re.S)[1]
    rows = csv_rows(client.get(STRATEGY_CSV))
    assert ["2023", "Yes", "1", "France"] in rows


def test_an_editor_reading_first_leaves_nothing_for_the_public(
    real_cache, answers, germany, collections, editor, anonymous
):
    draft = make_system(
        country=germany, collection=collections[2023], status=PublicationStatus.DRAFT
    )
    make_indicator_value(system=draft, indicator=answers, answer=YES)
    editor_client = client_for(editor)
    editor_client.get(STRATEGY)
    editor_client.get(STRATEGY_CSV)
    first, again = anonymous.get(STRATEGY), anonymous.get(STRATEGY)
    assert again["X-Cache"] == "hit"
    for response in (first, again):
        html = response.content.decode()
        assert chart_counts(html)[2023] == [1, 1, 1, 1]
        assert 'id="map-DE" class="country band-low"' in html  # the 2020 "no" on the map
    assert ["2023", "Yes", "1", "France"] in csv_rows(anonymous.get(STRATEGY_CSV))


def test_an_unknown_indicator_is_the_not_found_page(anonymous, db):
    for path in ("/indicators/nothing/", "/indicators/nothing/distribution.csv"):
        response = anonymous.get(path)
        assert response.status_code == 404
        assert "Page not found" in response.content.decode()


@pytest.mark.parametrize("extra", [0, 4])
def test_the_indicator_pages_query_counts_do_not_grow(
    anonymous, answers, collections, extra, django_assert_num_queries
):
    for n in range(extra):
        country = make_country(code=f"Q{chr(65 + n)}", name=f"Country {n}")
        for collection in collections.values():
            record = make_system(country=country, collection=collection)
            make_indicator_value(system=record, indicator=answers, answer=NO)
    # the indicator, countries, collections, the chart's records with their answers; the
    # map's records as of the year and the indicator's values (the map reads collections
    # no more: the view passes the year it read)
    with django_assert_num_queries(6):
        response = anonymous.get(STRATEGY)
    assert sum(chart_counts(response.content.decode())[2023]) == 4 + extra
    # the indicator, countries, collections, the records with their answers
    with django_assert_num_queries(4):
        anonymous.get(STRATEGY_CSV)


# A country's section coverage


@pytest.fixture
def italian_coverage(italy, collections):
    """Italy: 2020 with 1 complete and 1 partial of 3 sections; 2023 with 3 complete."""
    sections = [make_section(number=n, slug=f"s{n}", title=f"Section {n}") for n in (1, 2, 3)]
    old = make_system(country=italy, collection=collections[2020])
    make_entry(system=old, section=sections[0])
    make_entry(system=old, section=sections[1], completeness=Completeness.PARTIAL)
    make_entry(system=old, section=sections[2], body="", completeness=Completeness.EMPTY)
    new = make_system(country=italy, collection=collections[2023])
    for section in sections:
        make_entry(system=new, section=section)
    return sections


def test_a_country_page_charts_its_sections_per_collection(anonymous, italian_coverage):
    html = anonymous.get("/countries/IT/coverage/").content.decode()
    # Complete, Partial, Not written
    assert table_counts(html, "coverage-table-caption") == {2020: [1, 1, 1], 2023: [3, 0, 0]}
    assert "records (of 3), per collection" in html
    assert 'role="img" aria-labelledby="coverage-chart-title"' in html
    desc = re.search(r'<desc id="coverage-chart-desc">(.*?)</desc>', html)[1]
    assert desc == (
        "2020: Complete 1, Partial 1, Not written 1. 2023: Complete 3, Partial 0, Not written 0."
    )
    assert '<a href="/countries/IT/2020/">2020</a>' in html


def test_the_profile_links_to_the_coverage_chart(anonymous, italian_coverage):
    html = anonymous.get("/countries/IT/").content.decode()
    assert 'href="/countries/IT/coverage/"' in html


def test_the_coverage_csv_holds_the_charts_numbers(anonymous, italian_coverage):
    rows = csv_rows(anonymous.get("/countries/IT/coverage/coverage.csv"))
    assert rows == [
        ["Country code", "Country", "Collection", "Complete", "Partial", "Not written", "Sections"],
        ["IT", "Italy", "2020", "1", "1", "1", "3"],
        ["IT", "Italy", "2023", "3", "0", "0", "3"],
    ]


@pytest.mark.parametrize("reader", ["anonymous", "italian_expert"])
def test_a_draft_record_has_no_bar(request, reader, italy, italian_coverage):
    draft = make_system(
        country=italy,
        collection=make_collection(year=2025, status=CollectionStatus.PUBLISHED),
        status=PublicationStatus.DRAFT,
    )
    make_entry(system=draft, section=italian_coverage[0])
    client = request.getfixturevalue(reader)
    client = client if reader == "anonymous" else client_for(client)
    html = client.get("/countries/IT/coverage/").content.decode()
    assert set(table_counts(html, "coverage-table-caption")) == {2020, 2023}
    assert ">2025<" not in html
    rows = csv_rows(client.get("/countries/IT/coverage/coverage.csv"))
    assert [row[2] for row in rows[1:]] == ["2020", "2023"]


def test_a_country_without_a_published_record_says_so(anonymous, germany):
    html = anonymous.get("/countries/DE/coverage/").content.decode()
    assert "Germany has no published record yet." in html
    assert "<svg" not in html.split("<main", 1)[1].split("</main>", 1)[0]


@pytest.mark.parametrize(
    "path", ["/countries/ZZ/coverage/", "/countries/%00/coverage/coverage.csv"]
)
def test_an_unknown_country_is_the_not_found_page(anonymous, db, path):
    response = anonymous.get(path)
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


@pytest.mark.parametrize("extra", [0, 3])
def test_the_coverage_page_query_counts_do_not_grow(
    anonymous, italy, italian_coverage, extra, django_assert_num_queries
):
    for year in range(2024, 2024 + extra):
        record = make_system(
            country=italy, collection=make_collection(year=year, status=CollectionStatus.PUBLISHED)
        )
        make_entry(system=record, section=italian_coverage[0])
    # the country, the number of sections, the records with their entries counted
    with django_assert_num_queries(3):
        html = anonymous.get("/countries/IT/coverage/").content.decode()
    assert len(table_counts(html, "coverage-table-caption")) == 2 + extra
    with django_assert_num_queries(3):
        anonymous.get("/countries/IT/coverage/coverage.csv")


# The geometry


def test_bars_share_one_scale_and_their_segments_add_up():
    series = [Series("a", "A"), Series("b", "B")]
    chart = stacked_bars(series, [BarRow("x", (1, 1)), BarRow("y", (3, 1))])
    short, long = chart.bars
    assert long.segments[0].width == 3 * short.segments[0].width
    assert sum(s.width for s in long.segments) == pytest.approx(chart.width - 44 - 4)
    assert short.segments[1].x == pytest.approx(short.segments[0].x + short.segments[0].width)
    assert chart.height == 4 + 28 + 12 + 28 + 4


def test_a_scale_can_be_wider_than_any_bar():
    chart = stacked_bars([Series("a", "A")], [BarRow("x", (5,))], scale_to=10)
    assert chart.bars[0].segments[0].width == pytest.approx((400 - 44 - 4) / 2)


def test_a_count_too_wide_for_its_segment_is_left_to_the_table():
    chart = stacked_bars([Series("a", "A"), Series("b", "B")], [BarRow("x", (1, 99))], scale_to=100)
    small, large = chart.bars[0].segments
    assert not small.labelled
    assert large.labelled


def test_counts_must_match_the_series():
    with pytest.raises(ValueError):
        stacked_bars([Series("a", "A")], [BarRow("x", (1, 2))])


def test_the_sitemap_lists_the_coverage_of_countries_with_a_published_record(
    anonymous, italian_coverage, germany, collections
):
    make_system(country=germany, collection=collections[2023], status=PublicationStatus.DRAFT)
    sitemap = sitemap_text(anonymous)
    assert "<loc>http://testserver/countries/IT/coverage/</loc>" in sitemap
    assert "/countries/DE/coverage/" not in sitemap
