"""The site says it holds demo content at every door, and stops saying so when it does not.

One setting, INVENTORY_DEMO_CONTENT, turns the banner, the X-Inventory-Demo header, the
notices in downloads, feeds and citations, and the OpenAPI line on and off together.
"""

import csv
import io
import json
from xml.etree import ElementTree

import bibtexparser
import pytest
from rest_framework.test import APIClient

from guidance.reading import demo
from tests.factories import make_entry, make_policy

pytestmark = pytest.mark.django_db

NOTICE = str(demo.NOTICE)
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(params=[True, False], ids=["demo", "real"])
def demo_on(request, settings):
    settings.INVENTORY_DEMO_CONTENT = request.param
    return request.param


@pytest.fixture
def published(italy, italian_record, sections):
    make_entry(system=italian_record, section=sections[0], body="Italian text.")
    make_policy(country=italy, title="Published policy")
    return italian_record


def test_every_page_opens_with_the_banner_while_the_content_is_a_demo(
    anonymous, published, demo_on
):
    for path in ("/", "/countries/IT/2023/", "/policies/", "/licence/", "/no-such-page/"):
        response = anonymous.get(path)
        html = response.content.decode()
        banner = '<section class="demo-banner" aria-labelledby="demo-banner-heading">'
        assert (banner in html) is demo_on, path
        if demo_on:
            assert html.index(banner) < html.index('<header class="site-header">'), path
            assert "not a Cedefop record" in html
        assert (response.get(demo.HEADER) == "true") is demo_on, path


def test_every_api_answer_carries_the_header(published, demo_on):
    client = APIClient()
    for path in ("/api/v1/countries/", "/api/v1/policies/", "/api/v1/no-such-thing/"):
        response = client.get(path)
        assert (response.get(demo.HEADER) == "true") is demo_on, path
    assert response.status_code == 404


def test_the_openapi_description_says_so_and_names_the_licence(demo_on):
    schema = APIClient().get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    info = json.loads(schema.content)["info"]
    assert ("**Demo content.**" in info["description"]) is demo_on
    assert "CC BY 4.0" in info["description"]
    assert info["license"]["url"] == "https://creativecommons.org/licenses/by/4.0/"


def test_each_csv_row_ends_with_the_notice(anonymous, published, demo_on):
    response = anonymous.get("/downloads/inventory-policies.csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    header, *rows = list(csv.reader(io.StringIO(text)))
    assert ("demo_notice" in header) is demo_on
    assert rows and all((row[-1] == NOTICE) is demo_on for row in rows)
    assert (response.get(demo.HEADER) == "true") is demo_on


def test_the_json_download_says_so_once_and_names_the_licences(anonymous, published, demo_on):
    response = anonymous.get("/downloads/inventory.json")
    data = json.loads(b"".join(response.streaming_content))
    about = data["about"]
    assert about["demo_content"] is demo_on
    assert (about.get("demo_notice") == NOTICE) is demo_on
    assert about["content_licence"]["name"] == "CC BY 4.0"
    assert about["code_licence"]["name"] == "EUPL-1.2"
    assert all("demo_notice" not in row for row in data["policies"])


def test_the_downloads_readme_says_so_and_names_the_licence(anonymous, demo_on):
    text = anonymous.get("/downloads/README.txt").content.decode()
    assert ("DEMONSTRATION CONTENT" in text) is demo_on
    assert "CC BY 4.0" in text
    assert "has not been chosen" not in text


def test_the_feeds_say_so_in_their_subtitle_and_each_entry(anonymous, published, demo_on):
    for path in ("/feeds/updates/", "/feeds/countries/IT/"):
        feed = ElementTree.fromstring(anonymous.get(path).content)
        assert (NOTICE in feed.findtext(f"{ATOM}subtitle")) is demo_on
        assert "CC BY 4.0" in feed.findtext(f"{ATOM}rights")
        summaries = [entry.findtext(f"{ATOM}summary") for entry in feed.iter(f"{ATOM}entry")]
        assert summaries and all((NOTICE in summary) is demo_on for summary in summaries)


def test_every_citation_format_says_so_and_names_the_licence(anonymous, published, demo_on):
    (entry,) = bibtexparser.parse_string(
        anonymous.get("/countries/IT/2023/cite.bib").content.decode()
    ).entries
    assert ("addendum" in entry and NOTICE in entry["addendum"]) is demo_on
    assert "CC BY 4.0" in entry["license"]
    ris = anonymous.get("/countries/IT/2023/cite.ris").content.decode().splitlines()
    assert (f"N1  - {NOTICE}" in ris) is demo_on
    assert any(line.startswith("N1  - Licence: CC BY 4.0") for line in ris)
    (item,) = json.loads(anonymous.get("/countries/IT/2023/sections/s1/cite.json").content)
    assert (item.get("note") == NOTICE) is demo_on
    assert item["license"].startswith("CC BY 4.0")
    html = anonymous.get("/countries/IT/2023/").content.decode()
    assert "Licence: CC BY 4.0." in html
