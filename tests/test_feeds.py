"""Atom feeds of published updates, the sitemap, robots.txt and the favicon's address."""

import feedparser
import pytest

from guidance.models import Policy, PublicationStatus
from tests.factories import (
    make_entry,
    make_indicator,
    make_initiative,
    make_organisation,
    make_policy,
)
from tests.sitemaps import sitemap_entries

pytestmark = pytest.mark.django_db


@pytest.fixture
def updates(italy, germany, italian_record, german_record, sections):
    access = sections[0]
    make_entry(system=italian_record, section=access, body="Guidance in every school.")
    policy = make_policy(country=italy, title="Italian guidance strategy")
    policy.sections.add(access)
    make_policy(country=italy, title="Italian draft plan", status=PublicationStatus.DRAFT)
    make_initiative(country=germany, title="German career portal")
    return {"access": access, "policy": policy}


def parsed(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    return feed


def test_the_site_feed_is_valid_atom_with_published_updates_only(anonymous, updates):
    feed = parsed(anonymous.get("/feeds/updates/"))
    titles = [entry.title for entry in feed.entries]
    assert "Italian guidance strategy (Italy)" in titles
    assert "German career portal (Germany)" in titles
    assert any(title.startswith("Italy: record of the 2023 collection") for title in titles)
    assert not any("draft" in title for title in titles)
    for entry in feed.entries:
        assert entry.id and entry.link.startswith("http://testserver/") and entry.updated
    updated = [entry.updated_parsed for entry in feed.entries]
    assert updated == sorted(updated, reverse=True)


def test_the_country_feed_holds_that_country_only(anonymous, updates):
    feed = parsed(anonymous.get("/feeds/countries/it/"))
    assert feed.entries
    assert all("Germany" not in entry.title for entry in feed.entries)
    assert "Italy" in feed.feed.title


def test_the_section_feed_holds_its_texts_and_items(anonymous, updates):
    feed = parsed(anonymous.get(f"/feeds/sections/{updates['access'].slug}/"))
    links = {entry.link for entry in feed.entries}
    assert f"http://testserver/countries/IT/2023/sections/{updates['access'].slug}/" in links
    assert f"http://testserver/policies/{updates['policy'].pk}/" in links
    assert "German career portal (Germany)" not in [entry.title for entry in feed.entries]


@pytest.mark.parametrize("path", ["/feeds/countries/ZZ/", "/feeds/sections/no-such-section/"])
def test_an_unknown_feed_is_not_found(anonymous, path):
    assert anonymous.get(path).status_code == 404


@pytest.mark.parametrize("extra", [2, 20])
def test_the_site_feed_takes_the_same_queries_for_any_amount_of_content(
    anonymous, italy, updates, extra, django_assert_num_queries
):
    for n in range(extra):
        make_policy(country=italy, title=f"Extra policy {n}")
    with django_assert_num_queries(3):
        anonymous.get("/feeds/updates/")


def test_the_sitemap_lists_published_pages_only(anonymous, updates):
    locations = set(sitemap_entries(anonymous))
    assert "http://testserver/countries/IT/2023/" in locations
    assert f"http://testserver/policies/{updates['policy'].pk}/" in locations
    assert "http://testserver/policies/" in locations
    assert "http://testserver/indicators/" in locations
    assert "http://testserver/organisations/" in locations
    drafts = Policy.objects.exclude(status=PublicationStatus.PUBLISHED).values_list("pk", flat=True)
    assert not {f"http://testserver/policies/{pk}/" for pk in drafts} & locations


def test_the_sitemap_lists_indicator_maps_and_organisations(anonymous, italy):
    indicator = make_indicator(slug="national-strategy")
    organisation = make_organisation(country=italy)
    locations = set(sitemap_entries(anonymous))
    assert f"http://testserver/indicators/{indicator.slug}/" in locations
    assert f"http://testserver/organisations/{organisation.pk}/" in locations


def test_robots_keeps_crawlers_out_of_the_admin_and_points_to_the_sitemap(anonymous):
    body = anonymous.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


def test_favicon_ico_leads_to_the_sites_icon(anonymous):
    response = anonymous.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith(".svg") and "/static/img/favicon" in response["Location"]
