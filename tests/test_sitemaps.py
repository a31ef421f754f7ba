"""The sitemap index and its sections: a file per section, split into pages a crawler may
read whole (the protocol's 50,000 URLs a file), published content only, cached like a page."""

import xml.etree.ElementTree as ET
from datetime import datetime

import pytest
from django.test import Client

from guidance.models import Policy, PublicationStatus
from guidance.reading.sitemaps import MAX_URLS_PER_FILE, SITEMAPS, URLS_PER_ENTRY, PolicySitemap
from tests.factories import (
    make_collection,
    make_indicator,
    make_initiative,
    make_organisation,
    make_policy,
    make_section,
    make_system,
)
from tests.sitemaps import SITEMAP, XHTML, sitemap_entries, sitemap_files

pytestmark = pytest.mark.django_db


@pytest.fixture
def inventory(italy, germany, italian_record, german_record):
    """Three of everything each section lists, and a draft of each kind that must stay out."""
    for country in (italy, germany, italy):
        make_policy(country=country)
        make_initiative(country=country)
        make_organisation(country=country)
        make_indicator()
        make_section()
    make_system(country=italy, collection=make_collection(year=2024))
    draft = {"status": PublicationStatus.DRAFT}
    return {
        "policies": make_policy(country=italy, **draft),
        "initiatives": make_initiative(country=italy, **draft),
        "organisations": make_organisation(country=italy, **draft),
    }


def urls_in(response):
    assert response.status_code == 200
    tree = ET.fromstring(response.content)
    return [url.find(f"{SITEMAP}loc").text for url in tree.iter(f"{SITEMAP}url")]


def test_the_index_names_one_file_per_section(anonymous, inventory):
    assert sitemap_files(anonymous) == [f"/sitemap-{section}.xml" for section in SITEMAPS]


def test_the_index_dates_a_section_by_its_latest_published_row_not_a_draft(
    anonymous, inventory, italy
):
    published = make_policy(country=italy, title="Latest published")
    make_policy(country=italy, title="Later draft", status=PublicationStatus.DRAFT)
    tree = ET.fromstring(anonymous.get("/sitemap.xml").content)
    lastmods = {
        node.find(f"{SITEMAP}loc").text: node.find(f"{SITEMAP}lastmod")
        for node in tree.iter(f"{SITEMAP}sitemap")
    }
    policies = lastmods["http://testserver/sitemap-policies.xml"]
    assert datetime.fromisoformat(policies.text) == published.updated_at
    assert lastmods["http://testserver/sitemap-pages.xml"] is None


def test_no_draft_is_in_any_file(anonymous, inventory):
    locations = set(sitemap_entries(anonymous))
    for kind, draft in inventory.items():
        assert not any(location.endswith(f"/{kind}/{draft.pk}/") for location in locations)
    assert "http://testserver/pl/policies/" in locations


@pytest.mark.parametrize("limit", [12, 7], ids=["whole-pages", "a-page-split"])
def test_a_section_longer_than_the_limit_is_split_into_pages(
    anonymous, inventory, monkeypatch, limit
):
    """Three published policies in six languages are 18 entries: two or three files."""
    monkeypatch.setattr(PolicySitemap, "limit", limit)
    files = [path for path in sitemap_files(anonymous) if "policies" in path]
    pages = -(-18 // limit)
    assert files == ["/sitemap-policies.xml"] + [
        f"/sitemap-policies.xml?p={page}" for page in range(2, pages + 1)
    ]
    per_file = [urls_in(anonymous.get(path)) for path in files]
    assert [len(urls) for urls in per_file] == [limit] * (pages - 1) + [18 - limit * (pages - 1)]
    every = [url for urls in per_file for url in urls]
    assert len(set(every)) == 18
    published = Policy.objects.exclude(pk=inventory["policies"].pk)
    assert {url.removeprefix("http://testserver/pl") for url in every if "/pl/" in url} == {
        f"/policies/{pk}/" for pk in published.values_list("pk", flat=True)
    }


@pytest.mark.parametrize(
    "path",
    [
        "/sitemap-policies.xml?p=999",
        "/sitemap-policies.xml?p=2",
        "/sitemap-policies.xml?p=0",
        "/sitemap-policies.xml?p=two",
        "/sitemap-pages.xml?p=999",
        "/sitemap-drafts.xml",
    ],
)
def test_a_page_or_section_that_does_not_exist_is_not_found(inventory, path):
    assert Client(raise_request_exception=False).get(path).status_code == 404


def test_each_file_holds_no_more_urls_than_the_protocol_allows(anonymous, inventory):
    """The limit counts entries; each entry names URLS_PER_ENTRY URLs, alternates included."""
    assert PolicySitemap.limit * URLS_PER_ENTRY <= MAX_URLS_PER_FILE
    tree = ET.fromstring(anonymous.get("/sitemap-policies.xml").content)
    for url in tree.iter(f"{SITEMAP}url"):
        assert 1 + len(url.findall(f"{XHTML}link")) == URLS_PER_ENTRY


def test_the_index_and_a_section_page_take_a_fixed_number_of_queries(
    anonymous, inventory, monkeypatch, django_assert_num_queries
):
    # Per section, COUNT its rows (pages: none, a list); records, policies, initiatives
    # and organisations: MAX(updated_at) too.
    with django_assert_num_queries(12):
        assert anonymous.get("/sitemap.xml").status_code == 200
    # COUNT the published policies; SELECT the page's policies, and no others.
    monkeypatch.setattr(PolicySitemap, "limit", 12)
    with django_assert_num_queries(2) as queries:
        assert len(urls_in(anonymous.get("/sitemap-policies.xml?p=2"))) == 6
    assert "LIMIT 1 OFFSET 2" in queries.captured_queries[-1]["sql"]


def test_the_cached_section_shows_a_publish_at_once_and_never_a_draft(real_cache, inventory, italy):
    assert Client().get("/sitemap-policies.xml")["X-Cache"] == "miss"
    draft = make_policy(country=italy, status=PublicationStatus.DRAFT)
    response = Client().get("/sitemap-policies.xml")
    assert response["X-Cache"] == "hit"
    assert f"/policies/{draft.pk}/" not in response.content.decode()
    draft.status = PublicationStatus.PUBLISHED
    draft.save()
    response = Client().get("/sitemap-policies.xml")
    assert response["X-Cache"] == "miss"
    assert f"http://testserver/policies/{draft.pk}/" in urls_in(response)
    assert Client().get("/sitemap.xml")["X-Cache"] == "miss"
