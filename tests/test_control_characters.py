"""A control character in a path or a parameter is a 404 or a 400 on every URL family, never
a 500 (PostgreSQL refuses NUL in any text it is sent; run this file on it too)."""

import pytest
from django.test import Client

from tests.factories import (
    make_entry,
    make_indicator,
    make_initiative,
    make_organisation,
    make_policy,
)

pytestmark = pytest.mark.django_db

# Each address with %00 in one path segment; {policy} and the like are filled in per test.
PATHS = [
    "/",
    "/countries/IT/",
    "/countries/IT/2023/",
    "/countries/IT/2023/sections/s1/",
    "/countries/IT/2023/changes/",
    "/countries/IT/2023/changes/s1/",
    "/countries/IT/2023/cite.bib",
    "/countries/IT/2023/sections/s1/cite.ris",
    "/countries/IT/similar/",
    "/compare/",
    "/compare/print/",
    "/compare/comparison.csv",
    "/sections/",
    "/sections/s1/",
    "/coverage/",
    "/indicators/",
    "/indicators/{indicator}/",
    "/organisations/",
    "/organisations/{organisation}/",
    "/policies/",
    "/policies/policies.csv",
    "/policies/{policy}/",
    "/initiatives/",
    "/initiatives/initiatives.csv",
    "/initiatives/{initiative}/",
    "/search/",
    "/downloads/",
    "/downloads/README.txt",
    "/downloads/inventory.json",
    "/downloads/inventory-policies.csv",
    "/feeds/updates/",
    "/feeds/countries/IT/",
    "/feeds/sections/s1/",
    "/sitemap.xml",
    "/sitemap-policies.xml",
    "/robots.txt",
    "/about/",
    "/admin/login/",
    "/api/v1/",
    "/api/v1/policies/",
    "/api/v1/policies/{policy}/",
    "/api/v1/countries/IT/",
    "/api/v1/countries/IT/systems/2023/",
    "/api/v1/countries/IT/systems/2023/changes/",
    "/api/v1/countries/IT/systems/2023/sections/s1/",
    "/api/v1/sections/s1/",
    "/api/v1/indicators/{indicator}/",
    "/api/v1/vocabularies/sectors/",
    "/api/v1/comparison/",
    "/api/schema/",
]
# Parameters these pages read, each given a NUL.
READ_PARAMETERS = [
    "/search/?q=%00",
    "/search/?q=guidance&country=I%00T",
    "/policies/?search=%00",
    "/policies/?country=%00",
    "/initiatives/?search=guid%00ance",
    "/organisations/?search=%00",
    "/compare/?countries=IT,D%00E",
    "/compare/comparison.csv?countries=IT,DE&sections=s%001",
    "/sections/s1/?collection=20%0023",
    "/coverage/?collection=%00",
    "/indicators/?group=%00",
    "/countries/IT/similar/?indicators=%00",
    "/?indicator=%00",
    "/admin/login/?next=/admin/%00",
    "/sitemap-policies.xml?p=%00",
    "/api/v1/policies/?search=%00",
    "/api/v1/policies/?country=%00",
    "/api/v1/systems/?search=%00",
    "/api/v1/countries/IT/systems/2023/?fields=country%00",
    "/api/v1/comparison/?countries=IT%00",
]


@pytest.fixture
def inventory(italy, germany, italian_record, sections):
    make_entry(system=italian_record, section=sections[0], body="Guidance in schools.")
    return {
        "policy": make_policy(country=italy).pk,
        "initiative": make_initiative(country=italy).pk,
        "organisation": make_organisation(country=italy).pk,
        "indicator": make_indicator(slug="strategy").slug,
    }


def reader():
    return Client(raise_request_exception=False)


def with_nul_in_last_segment(path):
    """`path` with %00 inside its last non-empty segment (`/countries/I%00T/`)."""
    head, _, tail = path.rstrip("/").rpartition("/")
    middle = len(tail) // 2
    return f"{head}/{tail[:middle]}%00{tail[middle:]}" + ("/" if path.endswith("/") else "")


@pytest.mark.parametrize("path", PATHS)
def test_a_nul_in_the_path_is_not_found(inventory, path):
    response = reader().get(with_nul_in_last_segment(path.format(**inventory)))
    assert response.status_code == 404


@pytest.mark.parametrize("path", PATHS)
def test_a_nul_in_any_parameter_is_a_400(inventory, path):
    response = reader().get(path.format(**inventory) + "?anything=%00")
    assert response.status_code == 400


@pytest.mark.parametrize("url", READ_PARAMETERS)
def test_a_nul_in_a_parameter_a_page_reads_is_a_400_naming_it(inventory, url):
    response = reader().get(url)
    assert response.status_code == 400
    name = url.split("?")[1].split("&")[-1].split("=")[0]
    if url.startswith("/api/"):
        assert list(response.json()) == [name]
    else:
        assert f"<code>{name}</code>" in response.content.decode()


@pytest.mark.parametrize(
    "value", ["%01", "%08", "%0A", "%0D", "%1B", "%1F", "%7F", "%C2%80", "%C2%85", "%C2%9F"]
)
def test_every_other_control_character_is_refused_too(inventory, value):
    assert reader().get(f"/search/?q=guid{value}ance").status_code == 400
    assert reader().get(f"/countries/I{value}T/").status_code == 404


def test_a_tab_is_white_space_and_other_letters_are_words(inventory):
    assert reader().get("/search/?q=guidance%09schools").status_code == 200
    assert reader().get("/search/?q=%C3%85sa%E2%80%A6").status_code == 200


def test_the_400_page_names_the_parameter_and_keeps_the_security_headers(inventory):
    response = reader().get("/policies/?search=guid%00ance")
    html = response.content.decode()
    assert "<h1>Bad request</h1>" in html
    assert "<code>search</code>: Remove the control character U+0000" in html
    assert response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"


def test_a_control_character_in_a_parameter_name_is_written_out(inventory):
    html = reader().get("/policies/?sea%1Brch=x").content.decode()
    assert "<code>sea\\x1brch</code>" in html


def test_the_api_answers_in_json(inventory):
    refused = reader().get("/api/v1/policies/?search=%00")
    assert refused["Content-Type"] == "application/json"
    assert refused.json() == {
        "search": ["Remove the control character U+0000: no value here holds one."]
    }
    missing = reader().get("/api/v1/countries/I%00T/")
    assert missing["Content-Type"] == "application/json"
    assert missing.json() == {"detail": "Not found."}


@pytest.fixture
def without_the_middleware(settings):
    settings.MIDDLEWARE = [name for name in settings.MIDDLEWARE if "ControlCharacter" not in name]


@pytest.mark.parametrize(
    "url",
    [
        "/countries/I%00T/",
        "/countries/I%00T/2023/",
        "/countries/I%00T/2023/sections/s1/",
        "/countries/I%00T/similar/",
        "/feeds/countries/I%00T/",
    ],
)
def test_a_country_code_naming_nothing_never_reaches_the_database(
    inventory, without_the_middleware, url
):
    assert reader().get(url).status_code == 404


def test_the_search_refuses_a_control_character_on_its_own(inventory, without_the_middleware):
    response = reader().get("/search/?q=guid%00ance")
    assert response.status_code == 400
    assert "<code>q</code>: Search for words, without control characters." in (
        response.content.decode()
    )
