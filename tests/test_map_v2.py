"""Map v2 (issue 18 item 3): every entity in scope is on the map, as a shape, a small
state's symbol or an inset tile, each a link coloured by its band; and the policy map
colours countries by a browse page's filter, published policies only."""

import re

import pytest

from guidance.data.loading import read_yaml
from guidance.models import Country, IndicatorAnswer, InstrumentType, PolicyStage, PolicyStageYear
from guidance.models import PublicationStatus as Status
from guidance.reading.home_map import drawn_codes
from tests.conftest import client_for, use_cache
from tests.factories import (
    make_collection,
    make_country,
    make_indicator,
    make_indicator_value,
    make_policy,
    make_system,
)
from tests.test_europe_map import ROOT

pytestmark = pytest.mark.django_db

VOUCHER_FILTER = {"instrument_type": "voucher-scheme", "stage": "implementation"}
POLICY_MAP_QUERIES = 3  # instrument type checked (and named), matching counts, countries


@pytest.fixture
def scope(db):
    """Every country in scope, as fixtures/countries.yaml lists them (BE-FL part of BE)."""
    countries = read_yaml(ROOT / "fixtures" / "countries.yaml")["countries"]
    made = {}
    for entry in countries:
        made[entry["code"]] = make_country(
            code=entry["code"],
            name=entry["name"],
            group=entry["group"],
            iso_country=entry.get("state", entry["code"]),
            parent=made.get(entry.get("parent")),
        )
    return made


@pytest.fixture
def vouchers(db):
    return make_indicator(slug="vouchers-accounts", name="Guidance vouchers or individual accounts")


def _linked(html, code):
    """Whether `code` is a link on the map: its shape inside a link, or an inset tile."""
    href = f'href="/countries/{code}/"'
    shape = re.search(rf'<a {href} class="map-link"[^>]*><path id="map-{code}" ', html)
    tile = re.search(rf'<a {href} class="inset-link" id="inset-{code}">', html)
    return bool(shape or tile)


@pytest.mark.parametrize("path", ["/", "/indicators/vouchers-accounts/", "/policies/map/"])
def test_every_country_in_scope_is_a_link_on_the_map(anonymous, scope, vouchers, path):
    html = anonymous.get(path).content.decode()
    missing = [code for code in scope if not _linked(html, code)]
    assert missing == []
    assert len(scope) == 42


def test_a_country_added_without_an_outline_gets_an_inset_of_its_own(anonymous, scope):
    make_country(code="QZ", name="Nowhere Land")
    html = anonymous.get("/").content.decode()
    assert "Not drawn on the map" in html
    assert _linked(html, "QZ")


def test_flanders_yes_to_vouchers_shows_in_belgiums_inset(anonymous, scope, vouchers):
    collection = make_collection(year=2023)
    flanders = make_system(country=scope["BE-FL"], collection=collection)
    make_indicator_value(system=flanders, indicator=vouchers, answer=IndicatorAnswer.YES)
    html = anonymous.get("/indicators/vouchers-accounts/").content.decode()
    assert "Parts of Belgium with their own record" in html
    assert "Schematic, not to scale" in html
    tile = html.split('id="inset-BE-FL">', 1)[1].split("</a>", 1)[0]
    assert '<span class="inset-symbol band-full"></span>' in tile
    assert 'Belgium (Flanders):</span> <span class="inset-band">Yes</span></span>' in tile
    assert 'id="map-BE" class="country band-none"' in html  # Belgium's own: no answer


def test_a_draft_answer_for_flanders_stays_grey(anonymous, scope, vouchers):
    collection = make_collection(year=2023)
    draft = make_system(country=scope["BE-FL"], collection=collection, status=Status.DRAFT)
    make_indicator_value(system=draft, indicator=vouchers, answer=IndicatorAnswer.YES)
    html = anonymous.get("/indicators/vouchers-accounts/").content.decode()
    tile = html.split('id="inset-BE-FL">', 1)[1].split("</a>", 1)[0]
    assert "band-none" in tile and "band-full" not in tile


def test_small_states_have_a_symbol_on_the_map_and_a_tile_in_the_inset(anonymous, scope):
    _shapes, symbols = drawn_codes()
    assert symbols >= {"LI", "LU", "MT"}
    assert symbols <= {"LI", "LU", "MT", "CY"}
    html = anonymous.get("/").content.decode()
    small = html.split("Small states</h3>", 1)[1]
    for code in symbols:
        link = re.search(
            rf'<a href="/countries/{code}/" class="map-link"[^>]*>.*?</a>', html, re.DOTALL
        )[0]
        assert '<circle class="symbol band-none" ' in link
        assert f'id="inset-{code}"' in small


@pytest.mark.parametrize("extra", [0, 4])
def test_insets_add_no_query_to_the_indicator_map(
    anonymous, scope, vouchers, extra, django_assert_num_queries
):
    collection = make_collection(year=2023)
    parts = [scope["BE-FL"]]
    for n in range(extra):
        parts.append(make_country(code=f"BE-Q{n}", name=f"Belgium part {n}", parent=scope["BE"]))
    for part in parts:
        record = make_system(country=part, collection=collection)
        make_indicator_value(system=record, indicator=vouchers)
    # indicator, countries, collection years, records, answers, and the chart's published
    # records with their answer
    with django_assert_num_queries(6):
        html = anonymous.get("/indicators/vouchers-accounts/").content.decode()
    assert html.count('class="inset-link"') == 1 + extra + len(drawn_codes()[1])
    assert html.count('<span class="inset-symbol band-full"></span>') == 1 + extra


# The policy map ------------------------------------------------------------------------


@pytest.fixture
def voucher_policies(italy, germany):
    """Italy: two voucher schemes in implementation; Germany: one only piloted; France: a
    draft one in implementation."""
    france = make_country(code="FR", name="France")
    voucher = InstrumentType.objects.create(code="voucher-scheme", name="Voucher scheme")
    made = {
        "it-1": make_policy(country=italy, instrument_type=voucher, title="Italian voucher 1"),
        "it-2": make_policy(country=italy, instrument_type=voucher, title="Italian voucher 2"),
        "de": make_policy(country=germany, instrument_type=voucher, title="German pilot"),
        "fr": make_policy(
            country=france, instrument_type=voucher, title="French draft", status=Status.DRAFT
        ),
        "it-other": make_policy(country=italy, title="Italian strategy"),
    }
    stages = {"it-1": "implementation", "it-2": "implementation", "de": "pilot"}
    stages |= {"fr": "implementation", "it-other": "implementation"}
    for key, stage in stages.items():
        PolicyStageYear.objects.create(policy=made[key], year=2022, stage=PolicyStage(stage))
    return made


def test_policy_map_colours_countries_with_a_matching_published_policy(anonymous, voucher_policies):
    response = anonymous.get("/policies/map/", VOUCHER_FILTER)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="map-IT" class="country band-full"' in html
    assert 'id="map-DE" class="country band-none"' in html
    assert 'id="map-FR" class="country band-none"' in html  # its only match is a draft
    assert "<title>Italy: at least one matching published policy</title>" in html
    assert (
        '<td>at least one matching published policy</td><td class="num"><a href="/policies/'
        '?instrument_type=voucher-scheme&amp;stage=implementation&amp;country=IT">2 policies</a>'
    ) in html
    assert '<td>no matching published policy</td><td class="num">0 policies</td>' in html
    assert "<dt>Instrument type</dt><dd>Voucher scheme</dd>" in html
    assert "<dt>Stage (in any year)</dt><dd>Implementation</dd>" in html
    assert "1 country or entity has at least one published policy in this selection." in html


def test_the_linked_list_shows_the_policies_counted(anonymous, voucher_policies):
    html = anonymous.get("/policies/map/", VOUCHER_FILTER).content.decode()
    link = re.search(r'<a href="(/policies/\?[^"]*country=IT)">2 policies</a>', html)[1]
    listed = anonymous.get(link.replace("&amp;", "&")).content.decode()
    assert "Italian voucher 1" in listed and "Italian voucher 2" in listed
    assert "Italian strategy" not in listed and "German pilot" not in listed


def test_a_country_filter_narrows_the_map_to_it(anonymous, voucher_policies):
    html = anonymous.get("/policies/map/", {"country": "DE"}).content.decode()
    assert 'id="map-DE" class="country band-full"' in html
    assert 'id="map-IT" class="country band-none"' in html


def test_the_browse_page_links_its_selection_to_the_map(anonymous, voucher_policies):
    html = anonymous.get("/policies/", VOUCHER_FILTER).content.decode()
    assert (
        '<a href="/policies/map/?instrument_type=voucher-scheme&amp;stage=implementation">'
        "This selection on a map</a>"
    ) in html
    assert "This selection on a map" not in anonymous.get("/initiatives/").content.decode()


@pytest.mark.parametrize(
    "query, name",
    [
        ("stage=nonsense", "stage"),
        ("instrument_type=no-such-type", "instrument_type"),
        ("colour=blue", "colour"),
        ("page=2", "page"),
        ("start_year_min=abc", "start_year_min"),
    ],
)
def test_a_bad_filter_is_the_friendly_400_page(anonymous, voucher_policies, query, name):
    response = anonymous.get(f"/policies/map/?{query}")
    assert response.status_code == 400
    assert f"<code>{name}</code>" in response.content.decode()


@pytest.mark.parametrize("extra", [0, 5])
def test_policy_map_query_count_is_constant(
    anonymous, voucher_policies, extra, django_assert_num_queries
):
    voucher = InstrumentType.objects.get(code="voucher-scheme")
    for n in range(extra):
        country = make_country(code=f"Q{chr(65 + n)}", name=f"Extra {n}")
        policy = make_policy(country=country, instrument_type=voucher)
        PolicyStageYear.objects.create(policy=policy, year=2022, stage=PolicyStage.IMPLEMENTATION)
    with django_assert_num_queries(POLICY_MAP_QUERIES):
        html = anonymous.get("/policies/map/", VOUCHER_FILTER).content.decode()
    assert html.count("band-full") >= 1 + extra


@pytest.mark.parametrize("cache_name", ["locmem", "redis"])
def test_anonymous_never_sees_a_draft_match_after_an_editor(
    settings, cache_name, voucher_policies, editor, italian_expert
):
    use_cache(settings, cache_name)
    france = Country.objects.get(code="FR")
    france.experts.add(italian_expert)
    query = {"country": "FR"}
    for reader in (client_for(editor), client_for(italian_expert)):
        html = reader.get("/policies/map/", query).content.decode()
        assert 'id="map-FR" class="country band-none"' in html  # published only, for all
    from django.test import Client

    for _ in range(2):  # a miss that stores, then a hit
        html = Client().get("/policies/map/", query).content.decode()
        assert 'id="map-FR" class="country band-none"' in html
        assert "0 countries or entities have" in html
    voucher_policies["fr"].status = Status.PUBLISHED
    voucher_policies["fr"].save()
    html = Client().get("/policies/map/", query).content.decode()
    assert 'id="map-FR" class="country band-full"' in html  # a publish reaches the cache
    use_cache(settings, None)


def test_the_home_map_says_how_to_colour_it_by_policies(anonymous, italy):
    html = anonymous.get("/").content.decode()
    assert 'choose one on the <a href="/policies/">policies page</a>' in html
