"""Issue 15: what a reader sees on the public pages, read as a reader reads them."""

import re

import pytest
from django.core.cache import cache

from guidance.models import CountryGroup, PublicationStatus
from tests.conftest import client_for, use_cache
from tests.factories import (
    make_collection,
    make_country,
    make_entry,
    make_initiative,
    make_organisation,
    make_policy,
    make_section,
    make_system,
)
from tests.rendered_forms import rendered_form
from tests.sitemaps import sitemap_text

pytestmark = pytest.mark.django_db


def headers(html):
    """The countries heading the comparison grid's columns, in order."""
    return re.findall(r'<th scope="col"><a href="/countries/[A-Z-]+/">([^<]+)</a></th>', html)


# 1. The link to the record a record is based on


def test_a_record_links_to_the_record_it_is_based_on(anonymous, italy):
    earlier = make_system(country=italy, collection=make_collection(year=2020))
    make_system(country=italy, collection=make_collection(year=2023), based_on=earlier)
    html = anonymous.get("/countries/IT/2023/").content.decode()
    assert 'Based on the <a href="/countries/IT/2020/">2020 record</a>' in html
    assert anonymous.get("/countries/IT/2020/").status_code == 200


def test_a_subnational_profile_links_to_its_country(anonymous):
    belgium = make_country(code="BE", name="Belgium")
    make_country(code="BE-FL", iso_country="BE", name="Belgium (Flanders)", parent=belgium)
    html = anonymous.get("/countries/BE-FL/").content.decode()
    assert 'Part of <a href="/countries/BE/">Belgium</a>' in html


# 2. An organisation is mentioned by the records of its own state only


@pytest.fixture
def ministries(italy, germany, collection_2023):
    section = make_section(number=1, slug="actors", title="Actors")
    for country in (italy, germany):
        record = make_system(country=country, collection=collection_2023)
        make_entry(system=record, section=section, body="The Ministry of Education leads.")
    return {
        country.code: make_organisation(country=country, name="Ministry of Education")
        for country in (italy, germany)
    }


def test_an_organisation_is_not_mentioned_by_another_countrys_record(anonymous, ministries):
    html = anonymous.get(f"/organisations/{ministries['IT'].pk}/").content.decode()
    assert 'href="/countries/IT/2023/"' in html
    assert 'href="/countries/DE/2023/"' not in html


def test_a_subnational_record_mentions_its_states_organisation(anonymous, collection_2023):
    belgium = make_country(code="BE", name="Belgium")
    flanders = make_country(
        code="BE-FL", iso_country="BE", name="Belgium (Flanders)", parent=belgium
    )
    record = make_system(country=flanders, collection=collection_2023)
    section = make_section(number=1, slug="actors", title="Actors")
    make_entry(system=record, section=section, body="The Federal Public Service helps.")
    service = make_organisation(country=belgium, name="Federal Public Service")
    html = anonymous.get(f"/organisations/{service.pk}/").content.decode()
    assert 'href="/countries/BE-FL/2023/"' in html


# 3. A record of a collection lists what existed in its reference period


@pytest.fixture
def italian_timeline(italy):
    for year in (2020, 2023):
        make_system(country=italy, collection=make_collection(year=year))
    make_policy(country=italy, title="Old law", start_year=2010, end_year=2015)
    make_policy(country=italy, title="Lasting strategy", start_year=2015)
    make_policy(country=italy, title="Undated plan")
    make_policy(country=italy, title="Strategy of 2024", start_year=2024)
    make_policy(country=italy, title="Reform ended 2021", start_year=2018, end_year=2021)
    make_initiative(country=italy, title="Portal of 2022", start_year=2022)
    make_initiative(country=italy, title="Old centres", start_year=2000, end_year=2012)


def test_a_2020_record_lists_only_what_existed_then(anonymous, italian_timeline):
    html = anonymous.get("/countries/IT/2020/").content.decode()
    for title in ("Lasting strategy", "Undated plan", "Reform ended 2021"):
        assert f"<h3>{title}</h3>" in html, title
    for title in ("Strategy of 2024", "Portal of 2022", "Old law", "Old centres"):
        assert f"<h3>{title}</h3>" not in html, title


def test_a_2023_record_drops_what_ended_before_its_period(anonymous, italian_timeline):
    html = anonymous.get("/countries/IT/2023/").content.decode()
    for title in ("Lasting strategy", "Reform ended 2021", "Portal of 2022"):
        assert f"<h3>{title}</h3>" in html, title
    for title in ("Strategy of 2024", "Old law"):
        assert f"<h3>{title}</h3>" not in html, title


def test_the_latest_profile_also_lists_what_started_since(anonymous, italian_timeline):
    html = anonymous.get("/countries/IT/").content.decode()
    for title in ("Lasting strategy", "Strategy of 2024", "Portal of 2022", "Undated plan"):
        assert f"<h3>{title}</h3>" in html, title
    assert "<h3>Old law</h3>" not in html


# 5. The comparison keeps the order of the URL, and so does its form


def test_the_comparison_keeps_the_order_of_the_url(anonymous, italian_record, germany):
    """Italy before Germany, as asked: not by name (Germany, Italy), not by code."""
    make_country(code="AT", name="Austria")
    page = anonymous.get("/compare/?countries=IT,DE")
    assert headers(page.content.decode()) == ["Italy", "Germany"]

    form = rendered_form(page, button="Compare")
    response = anonymous.get(form.action, form.data())
    assert response.status_code == 302
    assert response["Location"].startswith("/compare/?countries=IT,DE&")
    assert headers(anonymous.get(response["Location"]).content.decode()) == ["Italy", "Germany"]


def test_a_country_added_in_the_form_comes_after_the_chosen_ones(
    anonymous, italian_record, germany
):
    make_country(code="AT", name="Austria")
    page = anonymous.get("/compare/?countries=IT,DE")
    form = rendered_form(page, button="Compare")
    chosen = form.data()["countries"]
    response = anonymous.get(form.action, form.data({"countries": [*chosen, "AT"]}))
    assert response["Location"].startswith("/compare/?countries=IT,DE,AT")


# 6. One vocabulary of country groups


@pytest.fixture
def candidates(italian_record, germany):
    make_country(code="TR", name="Türkiye", group=CountryGroup.CANDIDATE)
    make_country(code="NO", name="Norway", group=CountryGroup.EEA_EFTA)


def test_compare_takes_the_groups_of_the_indicators_page_and_the_api(anonymous, candidates):
    response = anonymous.get("/compare/?countries=IT&groups=candidate,eea_efta")
    assert response.status_code == 200
    assert headers(response.content.decode()) == [
        "Italy",
        "Norway",
        "Türkiye",
    ]  # chosen, then members by name


def test_the_compare_form_offers_the_groups_by_their_one_name(anonymous, candidates):
    form = rendered_form(anonymous.get("/compare/?countries=IT"), button="Compare")
    html = anonymous.get("/compare/").content.decode()
    assert 'name="groups" value="candidate"' in html
    assert 'name="groups" value="eea_efta"' in html
    response = anonymous.get(form.action, form.data({"groups": "candidate"}))
    assert response.status_code == 200
    assert "Türkiye" in headers(response.content.decode())


def test_an_unknown_group_is_a_400_naming_the_parameter(anonymous, candidates):
    response = anonymous.get("/compare/?countries=IT,DE&groups=martians")
    assert response.status_code == 400
    html = response.content.decode()
    assert "<code>groups</code>: Unknown group: martians." in html
    assert "eu, eea_efta, candidate, potential_candidate" in html


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("groups=candidates", "groups=candidate"),
        ("groups=eea-efta,potential-candidates", "groups=eea_efta,potential_candidate"),
    ],
)
def test_links_with_the_old_group_names_move_permanently(anonymous, candidates, old, new):
    response = anonymous.get(f"/compare/?countries=IT&{old}&collection=2023")
    assert response.status_code == 301
    assert response["Location"] == f"/compare/?countries=IT&{new}&collection=2023"
    response = anonymous.get(f"/compare/print/?countries=IT&{old}")
    assert response.status_code == 301
    assert response["Location"] == f"/compare/print/?countries=IT&{new}"


def test_the_indicators_page_and_the_api_use_the_same_group_names(anonymous, candidates):
    assert anonymous.get("/indicators/?group=candidate").status_code == 200
    api = anonymous.get("/api/v1/countries/?group=candidate").json()
    rows = api["results"] if isinstance(api, dict) else api
    assert [row["code"] for row in rows] == ["TR"]


def test_a_group_whose_countries_are_all_chosen_leaves_no_empty_list(anonymous, candidates):
    html = anonymous.get("/compare/?countries=TR,IT").content.decode()
    assert "<legend>Candidate countries</legend>" not in html
    assert "<legend>EEA and EFTA countries</legend>" in html


# 4. A countries index behind the "Countries" link


@pytest.fixture
def scope(italy, germany, collection_2023):
    make_system(country=italy, collection=make_collection(year=2020))
    make_system(country=italy, collection=collection_2023)
    make_system(country=germany, collection=collection_2023, status=PublicationStatus.DRAFT)
    make_country(code="NO", name="Norway", group=CountryGroup.EEA_EFTA)
    make_country(code="TR", name="Türkiye", group=CountryGroup.CANDIDATE)
    make_country(code="XK", name="Kosovo", group=CountryGroup.POTENTIAL_CANDIDATE)


def test_the_countries_index_lists_every_country_by_group(
    anonymous, scope, django_assert_num_queries
):
    # the countries, each annotated with its latest published record's year
    with django_assert_num_queries(1):
        response = anonymous.get("/countries/")
    assert response.status_code == 200
    html = response.content.decode()
    headings = re.findall(r"<h2 [^>]*>([^<]+)</h2>", html)
    assert headings == [
        "EU member states",
        "EEA and EFTA countries",
        "Candidate countries",
        "Potential candidates",
    ]
    assert country_card(html, "IT") == "Italy 2 records, latest 2023"
    assert country_card(html, "DE") == "Germany no record yet"
    assert '<a href="/countries/XK/">Kosovo</a>' in html


def country_card(html, code):
    """The text of a country's card on the index (templates/guidance/includes/country_card.html)."""
    card = re.search(
        rf'<li class="card country-card"><a href="/countries/{code}/">.*?</li>', html, re.S
    )
    return " ".join(re.sub(r"<[^>]+>", " ", card.group()).split())


def test_the_nav_leads_to_the_index(anonymous, scope):
    html = anonymous.get("/countries/").content.decode()
    assert '<a href="/countries/" aria-current="page">Countries</a>' in html
    assert '<a href="/countries/">Countries</a>' in anonymous.get("/compare/").content.decode()


def test_an_expert_sees_no_draft_year_on_the_index(german_expert, scope):
    html = client_for(german_expert).get("/countries/").content.decode()
    assert country_card(html, "DE") == "Germany no record yet"


def test_the_index_is_in_the_sitemap_and_cached(
    anonymous, scope, settings, django_assert_num_queries
):
    assert "/countries/</loc>" in sitemap_text(anonymous)
    use_cache(settings, "locmem")
    cache.clear()
    anonymous.get("/countries/")
    with django_assert_num_queries(0):
        assert anonymous.get("/countries/").status_code == 200
    cache.clear()
