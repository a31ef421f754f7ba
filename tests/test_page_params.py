"""The pages hold their query strings to the API's rules: an unknown parameter, a value that
names nothing, a single-valued parameter given twice or a page number that is not a whole
number is a 400 naming the parameter; a page outside the list is a 404. Blank values, which
the pages' own forms send for "any", stay allowed."""

import re

import pytest

from guidance.models import CountryGroup
from guidance.views.browse import PAGE_SIZE
from tests.factories import (
    make_country,
    make_entry,
    make_indicator,
    make_indicator_value,
    make_initiative,
    make_organisation,
    make_policy,
)

pytestmark = pytest.mark.django_db

ARABIC_2023 = "%D9%A2%D9%A0%D9%A2%D9%A3"
PAGES_WITH_PARAMETERS = [
    "/",
    "/compare/",
    "/compare/print/",
    "/sections/s1/",
    "/coverage/",
    "/indicators/",
    "/countries/IT/similar/",
    "/organisations/",
    "/policies/",
    "/initiatives/",
    "/search/",
]


@pytest.fixture
def inventory(italy, germany, italian_record, german_record, sections):
    make_entry(system=italian_record, section=sections[0], body="Guidance in schools.")
    strategy = make_indicator(slug="strategy", name="Strategy")
    make_indicator_value(system=italian_record, indicator=strategy)
    make_organisation(country=italy, name="ANPAL")
    make_initiative(country=italy, title="Career centres")
    return [make_policy(country=italy, title=f"Policy {n:02}") for n in range(PAGE_SIZE + 2)]


def named(response, parameter):
    """The page is a 400 whose message names `parameter`."""
    assert response.status_code == 400
    return f"<code>{parameter}</code>:" in response.content.decode()


@pytest.mark.parametrize("path", PAGES_WITH_PARAMETERS)
def test_an_unknown_parameter_is_a_400_naming_it(anonymous, inventory, path):
    assert named(anonymous.get(f"{path}?colour=red"), "colour")


@pytest.mark.parametrize(
    "url, parameter",
    [
        ("/?indicator=strategy&indicator=strategy", "indicator"),
        ("/indicators/?group=eu&group=candidate", "group"),
        ("/coverage/?collection=2023&collection=2023", "collection"),
        ("/sections/s1/?collection=2023&collection=2023", "collection"),
        ("/search/?q=guidance&q=schools", "q"),
        ("/policies/?country=IT&page=1&page=2", "page"),
        ("/organisations/?page=1&page=2", "page"),
    ],
)
def test_a_single_valued_parameter_given_twice_is_a_400(anonymous, inventory, url, parameter):
    assert named(anonymous.get(url), parameter)


@pytest.mark.parametrize(
    "url, parameter",
    [
        ("/?indicator=nothing", "indicator"),
        ("/indicators/?group=mars", "group"),
        ("/countries/IT/similar/?indicators=strategy,nothing", "indicators"),
        ("/sections/s1/?collection=1999", "collection"),
        (f"/sections/s1/?collection={ARABIC_2023}", "collection"),
        (f"/coverage/?collection={ARABIC_2023}", "collection"),
        ("/coverage/?collection=%2B2023", "collection"),
        ("/search/?q=guidance&type=people", "type"),
        ("/search/?q=guidance&country=ZZ", "country"),
        (f"/policies/?start_year_min={ARABIC_2023}", "start_year_min"),
        ("/policies/?stage_year=2020.0", "stage_year"),
        ("/compare/?countries=IT,DE&groups=martians", "groups"),
        ("/compare/?countries=IT,DE&groups=eu,candidates_", "groups"),
        (f"/compare/?countries=IT,DE&collection={ARABIC_2023}", "collection"),
        ("/compare/print/?countries=IT,DE&groups=martians", "groups"),
    ],
)
def test_a_value_that_names_nothing_is_a_400_naming_the_parameter(
    anonymous, inventory, url, parameter
):
    assert named(anonymous.get(url), parameter)


def test_the_comparison_says_which_groups_exist(anonymous, inventory):
    html = anonymous.get("/compare/?countries=IT,DE&groups=candidats").content.decode()
    assert (
        "<code>groups</code>: Unknown group: candidats. "
        "Choose from eu, eea_efta, candidate, potential_candidate, other."
    ) in html


def test_the_comparison_csv_names_the_parameter_too(anonymous, inventory):
    response = anonymous.get("/compare/comparison.csv?countries=IT,DE&groups=martians&colour=red")
    assert response.status_code == 400
    lines = response.content.decode().splitlines()
    assert lines == [
        "colour: Unknown parameter “colour”.",
        "groups: Unknown group: martians. Choose from eu, eea_efta, candidate, "
        "potential_candidate, other.",
    ]


def test_repeated_parameters_with_an_unknown_one_are_refused_not_redirected(anonymous, inventory):
    response = anonymous.get("/compare/?countries=IT&countries=DE&colour=red")
    assert named(response, "colour")


def test_a_group_brings_its_members_and_keeps_the_grid(anonymous, inventory):
    make_country(code="TR", name="Türkiye", group=CountryGroup.CANDIDATE)
    response = anonymous.get("/compare/?countries=IT&groups=candidate")
    assert response.status_code == 200
    assert ">Türkiye</a></th>" in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/?indicator=",
        "/indicators/?group=",
        "/sections/s1/?collection=",
        "/search/?q=guidance&country=&type=",
        "/organisations/?type=&country=&search=&page=",
        "/countries/IT/similar/?indicators=",
    ],
)
def test_the_blank_values_a_form_sends_mean_any(anonymous, inventory, url):
    assert anonymous.get(url).status_code == 200


@pytest.mark.parametrize("path", ["/policies/", "/organisations/"])
@pytest.mark.parametrize("page", ["abc", "%D9%A2", "1.0", "%2B2", "last"])
def test_a_page_number_that_is_not_a_whole_number_is_a_400(anonymous, inventory, path, page):
    assert named(anonymous.get(f"{path}?page={page}"), "page")


@pytest.mark.parametrize("page", ["0", "-1", "3", "9999", "99999999999999999999999"])
def test_a_page_outside_the_list_is_not_found(anonymous, inventory, page):
    response = anonymous.get(f"/policies/?country=IT&page={page}")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_the_pages_own_links_lead_to_pages_that_exist(anonymous, inventory):
    first = anonymous.get("/policies/?country=IT").content.decode()
    (link,) = re.findall(r'href="\?([^"]*)" rel="next"', first)
    second = anonymous.get("/policies/?" + link.replace("&amp;", "&"))
    assert second.status_code == 200
    (back,) = re.findall(r'href="\?([^"]*)" rel="prev"', second.content.decode())
    assert anonymous.get("/policies/?" + back.replace("&amp;", "&")).status_code == 200


@pytest.mark.parametrize(
    "url, parameter",
    [
        ("/policies/policies.csv?page=2", "page"),
        ("/policies/policies.csv?fields=title", "fields"),
        ("/initiatives/initiatives.csv?good_practice=perhaps", "good_practice"),
        ("/downloads/inventory-policies.csv?fields=bogus", "fields"),
        ("/downloads/inventory-policies.csv?fields=title", "fields"),
        ("/downloads/inventory.json?fields=title", "fields"),
    ],
)
def test_a_download_with_a_parameter_it_does_not_take_is_the_400_page(
    anonymous, inventory, url, parameter
):
    response = anonymous.get(url)
    assert named(response, parameter)
    assert "<h1>Bad request</h1>" in response.content.decode()
