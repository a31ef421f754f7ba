"""Pre-rendered parts of pages (guidance/views/fragments.py), with the real cache on.

A part is cached per version of the rows it shows, so a save shows at once, a reader
whose page is assembled from parts gets the same HTML and the same queries as one whose
page was rendered whole, and an anonymous reader never gets a draft's text through a
part that an expert's request cached.
"""

import pytest
from django.test import Client

from guidance.models import PublicationStatus, SectionEntry
from tests.conftest import client_for, use_cache
from tests.factories import make_collection, make_entry, make_policy, make_source, make_system

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["redis", "locmem"])
def parts_cache(request, settings):
    """The shared cache on for parts, the page cache off: every request assembles its page."""
    use_cache(settings, request.param)
    settings.PAGE_CACHE_SECONDS = 0
    return request.param


@pytest.fixture
def profile(italian_record, sections, italy):
    entry = make_entry(system=italian_record, section=sections[0], body="Published *text*.")
    make_entry(system=italian_record, section=sections[1], body="Second section.")
    for n in range(3):
        make_policy(country=italy, title=f"Policy {n}", summary=f"Summary {n}.")
    return entry


def test_a_page_from_cached_parts_is_the_page_rendered_whole(
    parts_cache, profile, anonymous, django_assert_num_queries
):
    # Parts cold: the key columns of every row (9 queries, tests/test_pages.py pins the
    # rest), then the 2 entries in full with their sources (2) and the 3 policies with
    # their stages, sources and organisations (4). Parts warm: the key columns only.
    with django_assert_num_queries(15):
        cold = anonymous.get("/countries/IT/").content
    with django_assert_num_queries(9):
        warm = anonymous.get("/countries/IT/").content
    assert warm == cold
    assert b"<p>Published <em>text</em>.</p>" in warm


def test_a_part_is_read_from_the_cache_until_its_row_is_saved(parts_cache, profile, anonymous):
    anonymous.get("/countries/IT/")
    SectionEntry.objects.filter(pk=profile.pk).update(body="Unsaved.", body_html="<p>Unsaved.</p>")
    assert "Published <em>text</em>" in anonymous.get("/countries/IT/").content.decode()

    profile.refresh_from_db()
    profile.body = "Saved *again*."
    profile.save()
    html = anonymous.get("/countries/IT/").content.decode()
    assert "Saved <em>again</em>." in html
    assert "Published <em>text</em>" not in html


def test_the_compare_cell_follows_the_entry_it_shows(parts_cache, profile, germany, anonymous):
    german = make_system(country=germany, collection=profile.system.collection)
    make_entry(system=german, section=profile.section, body="German text.")
    url = f"/compare/?countries=IT,DE&sections={profile.section.slug}"
    assert "Published <em>text</em>" in anonymous.get(url).content.decode()

    profile.body = "Changed *text*."
    profile.save()
    html = anonymous.get(url).content.decode()
    assert "Changed <em>text</em>" in html and "Published <em>text</em>" not in html


def test_an_expert_reading_drafts_first_leaves_no_draft_text_for_the_public(
    parts_cache, profile, italy, germany, italian_expert, anonymous
):
    draft_policy = make_policy(
        country=italy,
        title="Draft policy",
        summary="SECRET draft summary.",
        status=PublicationStatus.DRAFT,
    )
    draft_record = make_system(
        country=italy,
        collection=make_collection(year=2024),
        based_on=profile.system,
        status=PublicationStatus.DRAFT,
    )
    make_entry(system=draft_record, section=profile.section, body="SECRET draft section.")
    expert = client_for(italian_expert)
    pages = [
        "/countries/IT/",
        "/countries/IT/2023/",
        f"/compare/?countries=IT,DE&sections={profile.section.slug}&collection=2024",
    ]
    assert "SECRET draft summary." in expert.get("/countries/IT/").content.decode()
    assert "SECRET draft section." in expert.get("/countries/IT/2024/").content.decode()
    expert.get(pages[2])

    for url in pages:
        html = anonymous.get(url).content.decode()
        assert "SECRET" not in html, url
    assert "Published <em>text</em>" in anonymous.get("/countries/IT/").content.decode()
    assert anonymous.get("/countries/IT/2024/").status_code == 404

    draft_policy.status = PublicationStatus.PUBLISHED
    draft_policy.save()
    html = Client().get("/countries/IT/").content.decode()
    assert "SECRET draft summary." in html  # published now, and without its draft badge
    assert "not public" not in html


def test_the_section_page_follows_the_entry_and_its_sources(parts_cache, profile, anonymous):
    url = f"/sections/{profile.section.slug}/"
    source = make_source(title="First title")
    profile.sources.set([source])
    profile.save()
    assert "First title" in anonymous.get(url).content.decode()

    source.title = "Second title"
    source.save()
    html = anonymous.get(url).content.decode()
    assert "Second title" in html and "First title" not in html
