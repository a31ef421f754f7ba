"""Policy timelines: a country's on its profile, and /policies/timeline/ across countries.

Both show published policies only, as rows of years coloured and lettered by stage
(guidance/reading/policy_timeline.py); the cross-country page reads the browse page's
query string through the same FilterSet, and writes the same rows as CSV.
"""

import csv
import io
import re

import pytest
from django.test import Client
from rest_framework.test import APIClient

from guidance.models import CountryGroup, InstrumentType, PolicyStage, PublicationStatus
from guidance.reading import policy_timeline
from guidance.views import timeline as timeline_view
from tests.conftest import client_for, use_cache
from tests.factories import make_country, make_policy

pytestmark = pytest.mark.django_db


def staged(country, title, stages, **kwargs):
    policy = make_policy(country=country, title=title, **kwargs)
    for year, stage in stages.items():
        policy.stages.create(year=year, stage=stage)
    return policy


@pytest.fixture
def voucher():
    return InstrumentType.objects.create(code="voucher-quasi-market", name="Voucher")


@pytest.fixture
def timeline_shelf(italy, germany, voucher):
    """Three published Italian policies, one German, one without stages, and hidden rows."""
    france = make_country(code="FR", name="France", group=CountryGroup.EU)
    policies = {
        "guidance": staged(
            italy, "Guidance agreement", {2012: PolicyStage.APPROVED, 2014: PolicyStage.PILOT}
        ),
        "voucher": staged(
            italy,
            "Re-employment voucher",
            {2015: PolicyStage.APPROVED, 2017: PolicyStage.PILOT, 2019: "implementation"},
            instrument_type=voucher,
            start_year=2015,
        ),
        "income": staged(
            italy, "Citizenship income", {2019: "implementation", 2023: "discontinued"}
        ),
        "german": staged(
            germany, "German career vouchers", {2016: PolicyStage.DESIGN}, instrument_type=voucher
        ),
        "unstaged": make_policy(country=france, title="French law without stages"),
    }
    draft = staged(
        italy,
        "SECRET draft strategy",
        {2030: PolicyStage.COMPLETED},
        status=PublicationStatus.DRAFT,
    )
    revision = make_policy(
        country=italy,
        title="SECRET revision of the voucher",
        status=PublicationStatus.DRAFT,
        revision_of=policies["voucher"],
    )
    revision.stages.create(year=2031, stage=PolicyStage.COMPLETED)
    policies["draft"] = draft
    return policies


def timeline_table(html):
    """The timeline's table, from its caption to its end."""
    match = re.search(r'<table class="policy-timeline".*?</table>', html, re.S)
    assert match, "no timeline table on the page"
    return match.group(0)


def row_titles(table):
    return re.findall(r'<th scope="row" class="timeline-policy"><a href="[^"]+">([^<]+)</a>', table)


# The shape


def test_rows_span_the_years_of_every_stage_and_leave_unrecorded_years_empty(timeline_shelf):
    italian = [timeline_shelf[name] for name in ("guidance", "voucher", "income")]
    shaped = policy_timeline.of_policies(
        type(italian[0])
        .objects.filter(pk__in=[p.pk for p in italian])
        .order_by("title")
        .prefetch_related("stages")
    )
    assert shaped.years == tuple(range(2012, 2024))
    assert [row.policy.title for row in shaped.rows] == [
        "Citizenship income",
        "Guidance agreement",
        "Re-employment voucher",
    ]
    voucher = shaped.rows[2]
    assert len(voucher.cells) == 12
    by_year = {cell.year: cell.stage for cell in voucher.cells}
    assert by_year[2015].code == "approved" and by_year[2015].abbreviation == "Ap"
    assert by_year[2016] is None  # not carried forward: nothing was recorded for 2016
    assert by_year[2019].label == "Implementation"
    assert by_year[2019].css_class == "stage-implementation"
    assert [stage.code for stage in shaped.legend] == list(PolicyStage.values)


def test_a_policy_without_stages_is_listed_apart_and_an_empty_set_charts_nothing(
    timeline_shelf,
):
    unstaged, german = timeline_shelf["unstaged"], timeline_shelf["german"]
    shaped = policy_timeline.build([(unstaged, []), (german, german.stages.all())])
    assert shaped.years == (2016,)
    assert [row.policy for row in shaped.rows] == [german]
    assert shaped.without_stages == (unstaged,)
    empty = policy_timeline.build([(unstaged, [])])
    assert not empty and empty.years == ()


def test_the_seven_abbreviations_are_distinct():
    abbreviations = [str(stage.abbreviation) for stage in policy_timeline.STAGES.values()]
    assert len(set(abbreviations)) == len(PolicyStage.values) == 7


# The country profile


def test_the_profile_charts_the_published_policies_linked_with_names_readable_without_colour(
    anonymous, timeline_shelf, italian_record
):
    html = anonymous.get("/countries/IT/").content.decode()
    table = timeline_table(html)
    assert row_titles(table) == [
        "Citizenship income",
        "Guidance agreement",
        "Re-employment voucher",
    ]
    assert f'href="/policies/{timeline_shelf["voucher"].pk}/"' in table
    assert "<caption" in table and "Stages of Italy's published policies" in table
    assert '<th scope="col" class="timeline-year">2012</th>' in table
    assert '<th scope="col" class="timeline-year">2023</th>' in table
    assert (
        '<td class="stage stage-pilot" title="2017: Pilot"><span aria-hidden="true">Pi</span>'
        '<span class="visually-hidden">Pilot</span></td>'
    ) in table
    assert '<td class="stage stage-none"></td>' in table
    assert 'role="region" aria-labelledby="country-timeline-caption" tabindex="0"' in html
    assert "German career vouchers" not in table
    assert 'href="/policies/timeline/?country=IT"' in html


def test_no_timeline_when_no_listed_policy_has_a_stage(anonymous, italy, italian_record):
    make_policy(country=italy, title="Unstaged strategy")
    html = anonymous.get("/countries/IT/").content.decode()
    assert "Unstaged strategy" in html
    assert "policy-timeline" not in html


@pytest.mark.parametrize("first_reader", ["italian_expert", "editor"])
def test_drafts_never_reach_the_public_timeline_after_a_privileged_read(
    real_cache, timeline_shelf, italian_record, first_reader, request
):
    privileged = client_for(request.getfixturevalue(first_reader))
    for path in ("/countries/IT/", "/policies/timeline/", "/policies/timeline/?country=IT"):
        own = privileged.get(path).content.decode()
        assert "SECRET" not in timeline_table(own)  # the timeline is the public's, for anyone
        assert "2030" not in timeline_table(own) and "2031" not in timeline_table(own)
        public = Client().get(path).content.decode()
        assert "SECRET" not in public
        assert "2030" not in timeline_table(public) and "2031" not in timeline_table(public)
    # The expert still sees the draft as a card on the profile, below the timeline.
    assert "SECRET draft strategy" in privileged.get("/countries/IT/").content.decode()


def test_a_saved_stage_shows_on_the_next_profile_with_the_parts_cached(
    settings, timeline_shelf, italian_record
):
    use_cache(settings, "redis")
    settings.PAGE_CACHE_SECONDS = 0
    assert "stage-completed" not in timeline_table(Client().get("/countries/IT/").content.decode())
    timeline_shelf["income"].stages.create(year=2024, stage=PolicyStage.COMPLETED)
    table = timeline_table(Client().get("/countries/IT/").content.decode())
    assert '<td class="stage stage-completed" title="2024: Completed">' in table
    assert '<th scope="col" class="timeline-year">2024</th>' in table


def test_the_profile_timeline_is_one_part_read_warm_without_a_query(
    settings, timeline_shelf, italian_record, django_assert_num_queries
):
    use_cache(settings, "redis")
    settings.PAGE_CACHE_SECONDS = 0
    # Cold: the key columns (9, tests/test_pages.py), the policies in full with their
    # stages, sources and organisations (4), and the timeline's stage years of the listed
    # published policies (1). Warm, the key columns only (9), as with no timeline
    # (tests/test_fragments.py).
    with django_assert_num_queries(14):
        cold = Client().get("/countries/IT/").content
    with django_assert_num_queries(9):
        warm = Client().get("/countries/IT/").content
    assert warm == cold


# The cross-country page


def test_the_timeline_groups_the_filtered_policies_by_country(anonymous, timeline_shelf):
    response = anonymous.get("/policies/timeline/?instrument_type=voucher-quasi-market")
    assert response.status_code == 200
    html = response.content.decode()
    table = timeline_table(html)
    groups = re.findall(r'<span class="timeline-group-name">([^<]+)</span>', table)
    assert groups == ["Germany", "Italy"]
    assert row_titles(table) == ["German career vouchers", "Re-employment voucher"]
    assert '<th scope="rowgroup" colspan="6">' in table  # the policy column and 2015-2019
    assert "2 published policies with a recorded stage match this filter" in html
    assert 'href="/policies/?instrument_type=voucher-quasi-market"' in html
    assert (
        'href="/policies/timeline/policy-timeline.csv?instrument_type=voucher-quasi-market"' in html
    )


def test_the_browse_page_links_to_its_selection_as_a_timeline(anonymous, timeline_shelf):
    html = anonymous.get("/policies/?country=IT&stage=pilot").content.decode()
    assert (
        'href="/policies/timeline/?country=IT&amp;stage=pilot">This selection as a timeline' in html
    )
    assert "as a timeline" not in anonymous.get("/initiatives/").content.decode()


def linked_ids(html):
    return set(map(int, re.findall(r'href="/policies/(\d+)/"', html)))


@pytest.mark.parametrize(
    "query",
    [
        "",
        "country=IT",
        "country=IT,DE",
        "instrument_type=voucher-quasi-market",
        "stage=pilot",
        "stage=implementation&stage_year=2019",
        "start_year_min=2015",
        "search=voucher",
        "country_group=eu&ordering=-title",
    ],
)
def test_the_timeline_charts_the_browse_pages_published_rows_with_stages(
    anonymous, timeline_shelf, query
):
    charted = linked_ids(
        timeline_table(anonymous.get(f"/policies/timeline/?{query}").content.decode())
    )
    listed = linked_ids(anonymous.get(f"/policies/?{query}").content.decode())
    api = {
        row["id"]
        for row in APIClient().get(f"/api/v1/policies/?{query}&page_size=500").json()["results"]
    }
    with_stages = {p.pk for p in timeline_shelf.values() if p.stages.exists() and p.is_published}
    assert charted == listed & with_stages == api & with_stages
    assert charted  # every query above matches at least one charted policy


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("stage=nonsense", "stage"),
        ("instrument=voucher", "instrument"),
        ("country=ZZ", "country"),
        ("stage_year=year", "stage_year"),
        ("page=first", "page"),
        ("ordering=x&ordering=y", "ordering"),
    ],
)
def test_a_bad_parameter_is_a_friendly_400_naming_it(anonymous, timeline_shelf, query, name):
    response = anonymous.get(f"/policies/timeline/?{query}")
    assert response.status_code == 400
    html = response.content.decode()
    assert "This filter cannot be applied" in html
    assert f"<code>{name}</code>" in html
    assert '<table class="policy-timeline"' not in html
    csv_response = anonymous.get(f"/policies/timeline/policy-timeline.csv?{query}")
    if name != "page":
        assert csv_response.status_code == 400
        assert f"<code>{name}</code>" in csv_response.content.decode()


def test_a_page_past_the_last_is_not_found_and_blank_fields_are_dropped(anonymous, timeline_shelf):
    assert anonymous.get("/policies/timeline/?page=9").status_code == 404
    response = anonymous.get("/policies/timeline/?country=IT&search=")
    assert response.status_code == 302
    assert response["Location"] == "/policies/timeline/?country=IT"


def test_a_long_selection_is_paged_and_says_what_is_shown(anonymous, italy, monkeypatch):
    monkeypatch.setattr(timeline_view, "PAGE_SIZE", 2)
    for n in range(5):
        staged(italy, f"Policy {n}", {2020 + n: PolicyStage.PILOT})
    html = anonymous.get("/policies/timeline/?page=2").content.decode()
    assert "5 published policies with a recorded stage match this filter" in html
    assert "shown here: 3 to 4, grouped by country" in html
    assert row_titles(timeline_table(html)) == ["Policy 2", "Policy 3"]
    assert 'href="?page=3" rel="next"' in html and 'href="?page=1" rel="prev"' in html
    assert '<nav aria-label="Pages of the timeline" class="pagination">' in html
    assert '<li aria-current="page">Page 2 of 3</li>' in html


def csv_rows(response):
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_the_csv_holds_every_stage_year_of_the_selection(anonymous, timeline_shelf, monkeypatch):
    monkeypatch.setattr(timeline_view, "PAGE_SIZE", 1)  # the CSV is not one page
    response = anonymous.get("/policies/timeline/policy-timeline.csv?country=IT,DE")
    assert response.status_code == 200
    assert 'filename="policy-timeline.csv"' in response["Content-Disposition"]
    rows = csv_rows(response)
    voucher = timeline_shelf["voucher"].pk
    assert rows[0] == [
        "policy_id",
        "policy",
        "country",
        "country_name",
        "year",
        "stage",
        "stage_name",
    ]
    assert rows[1:] == [
        [str(timeline_shelf["german"].pk), "German career vouchers", "DE", "Germany", "2016", "design", "Design"],
        [str(timeline_shelf["income"].pk), "Citizenship income", "IT", "Italy", "2019", "implementation", "Implementation"],
        [str(timeline_shelf["income"].pk), "Citizenship income", "IT", "Italy", "2023", "discontinued", "Discontinued"],
        [str(timeline_shelf["guidance"].pk), "Guidance agreement", "IT", "Italy", "2012", "approved", "Approved/Agreed"],
        [str(timeline_shelf["guidance"].pk), "Guidance agreement", "IT", "Italy", "2014", "pilot", "Pilot"],
        [str(voucher), "Re-employment voucher", "IT", "Italy", "2015", "approved", "Approved/Agreed"],
        [str(voucher), "Re-employment voucher", "IT", "Italy", "2017", "pilot", "Pilot"],
        [str(voucher), "Re-employment voucher", "IT", "Italy", "2019", "implementation", "Implementation"],
    ]  # fmt: skip


def test_the_csv_defuses_a_title_that_reads_as_a_formula(anonymous, italy):
    staged(italy, '=HYPERLINK("https://evil.example","x")', {2020: PolicyStage.PILOT})
    rows = csv_rows(anonymous.get("/policies/timeline/policy-timeline.csv"))
    assert rows[1][1] == '\'=HYPERLINK("https://evil.example","x")'


@pytest.fixture(params=[3, 12])
def many_staged(request, italy, germany):
    france = make_country(code="FR", name="France", group=CountryGroup.EU)
    for n in range(request.param):
        staged(
            (italy, germany, france)[n % 3],
            f"Staged policy {n:02}",
            {2010 + n: PolicyStage.DESIGN, 2012 + n: PolicyStage.IMPLEMENTATION},
        )
    return request.param


def test_the_page_and_the_csv_take_the_same_queries_for_any_number_of_rows(
    anonymous, many_staged, django_assert_num_queries
):
    # The countries named (1), the count (1), the page of policies with their countries
    # (1) and their stage years (1).
    with django_assert_num_queries(4):
        html = anonymous.get("/policies/timeline/?country=IT,DE,FR").content.decode()
    assert len(row_titles(timeline_table(html))) == many_staged
    # The countries named (1), the stage years with their policies' titles and countries.
    with django_assert_num_queries(2):
        rows = csv_rows(anonymous.get("/policies/timeline/policy-timeline.csv?country=IT,DE,FR"))
    assert len(rows) == 1 + 2 * many_staged
