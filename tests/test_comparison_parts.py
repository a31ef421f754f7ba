"""The cached parts of /compare/ and /sections/<slug>/: the section cells
(guidance/views/entry_parts.py), the compare grid's rows made of them
(guidance/views/grid_parts.py) and the compare form (guidance/views/compare.py).

Both pages name each cell's part by its entry's key columns and load an entry in full only
when its part is missing. So with the parts cached, a reader must still see every change at
once: an entry changed through a published revision, a newly published record, a source
added, an indicator's answer, a section's heading, a country's name, a new collection; and
the public must never see a draft, even when an expert's request cached its part.
"""

import pytest

from guidance.models import PublicationStatus
from guidance.rules import revisions, workflow
from tests.conftest import client_for, use_cache
from tests.factories import (
    make_collection,
    make_entry,
    make_indicator,
    make_indicator_value,
    make_section,
    make_source,
    make_system,
)

pytestmark = pytest.mark.django_db

COMPARE = "/compare/?countries=IT,DE&sections=s1"
SECTION = "/sections/s1/"


@pytest.fixture(params=["redis", "locmem"])
def parts_cache(request, settings):
    """The shared cache on for parts, the page cache off: every request assembles its page."""
    use_cache(settings, request.param)
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture
def grid(italian_record, german_record, sections):
    """Italy and Germany with a published text each under section 1 (Italy's entry), and
    Italy's answer to an indicator."""
    free = make_indicator(name="Free of charge")
    make_indicator_value(system=italian_record, indicator=free, note="For everyone.")
    make_entry(system=german_record, section=sections[0], body="German text.")
    return make_entry(system=italian_record, section=sections[0], body="Italian *text*.")


def text_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_the_grid_from_cached_parts_is_the_grid_rendered_whole(
    parts_cache, grid, anonymous, django_assert_num_queries
):
    # Parts cold: the choices (collection years, countries, sections, indicators), records,
    # the entries' key columns, indicator values, then the 2 entries in full. Parts warm
    # (the choices of this content generation and the grid's rows read from the cache):
    # records, the entries' key columns, indicator values.
    with django_assert_num_queries(8):
        cold = anonymous.get(COMPARE).content
    with django_assert_num_queries(3):
        warm = anonymous.get(COMPARE).content
    assert warm == cold
    assert b"<p>Italian <em>text</em>.</p>" in warm
    assert b"<p>German text.</p>" in warm
    assert b"Free of charge" in warm


def test_the_section_page_from_cached_parts_is_the_page_rendered_whole(
    parts_cache, grid, anonymous, django_assert_num_queries
):
    grid.sources.set([make_source(title="Italian source")])
    # Parts cold: section, collection years, countries, related indicators, records, the
    # entries' key columns with their sources' stamp, the 2 entries in full, their sources.
    # Parts warm: the first 6.
    with django_assert_num_queries(8):
        cold = anonymous.get(SECTION).content
    with django_assert_num_queries(6):
        warm = anonymous.get(SECTION).content
    assert warm == cold
    assert b"<p>Italian <em>text</em>.</p>" in warm
    assert b"Italian source" in warm


def test_an_entry_saved_in_place_shows_at_once(parts_cache, grid, anonymous):
    for url in (COMPARE, SECTION):
        assert "Italian <em>text</em>." in text_of(anonymous, url)
    grid.body = "Corrected *text*."
    grid.save()
    for url in (COMPARE, SECTION):
        html = text_of(anonymous, url)
        assert "Corrected <em>text</em>." in html and "Italian <em>text</em>." not in html, url


def test_an_entry_changed_through_a_published_revision_shows_at_once(
    parts_cache, grid, italian_record, italian_expert, editor, anonymous
):
    for url in (COMPARE, SECTION):
        assert "Italian <em>text</em>." in text_of(anonymous, url)
    revision = revisions.start(italian_record, italian_expert)
    revised = revision.entries.get(section=grid.section)
    revised.body = "Revised *text*."
    revised.save()
    for url in (COMPARE, SECTION):
        html = text_of(anonymous, url)
        assert "Italian <em>text</em>." in html and "Revised" not in html, url

    workflow.publish(revision, editor)
    for url in (COMPARE, SECTION):
        html = text_of(anonymous, url)
        assert "Revised <em>text</em>." in html, url
        assert "Italian <em>text</em>." not in html, url


def test_a_newly_published_record_shows_at_once(
    parts_cache, grid, italy, italian_record, italian_expert, editor, anonymous
):
    draft = make_system(
        country=italy,
        collection=make_collection(year=2024),
        based_on=italian_record,
        status=PublicationStatus.DRAFT,
    )
    make_entry(system=draft, section=grid.section, body="Italian *2024* text.")
    # Section 2 is not written: its cell names the record alone, and its draft status too.
    pages = [f"{COMPARE},s2&collection=2024", f"{SECTION}?collection=2024"]
    for url in pages:
        assert "Italian <em>2024</em> text." in text_of(client_for(italian_expert), url)
        html = text_of(anonymous, url)
        assert "Italian <em>text</em>." in html and "2024</em>" not in html, url

    workflow.publish(draft, editor)
    for url in pages:
        html = text_of(anonymous, url)
        assert "Italian <em>2024</em> text." in html, url
        assert "Record 2024" in html, url
        assert "Italian <em>text</em>." not in html and "not public" not in html, url


def test_an_experts_draft_and_revision_never_reach_the_public(
    parts_cache, grid, italy, italian_record, italian_expert, anonymous
):
    draft = make_system(
        country=italy,
        collection=make_collection(year=2024),
        based_on=italian_record,
        status=PublicationStatus.DRAFT,
    )
    make_entry(system=draft, section=grid.section, body="SECRET draft text.")
    revision = revisions.start(italian_record, italian_expert)
    revised = revision.entries.get(section=grid.section)
    revised.body = "SECRET revised text."
    revised.save()
    pages = [COMPARE, SECTION, f"{COMPARE}&collection=2024", f"{SECTION}?collection=2024"]
    expert = client_for(italian_expert)
    assert "SECRET draft text." in text_of(expert, pages[2])
    assert "SECRET draft text." in text_of(expert, pages[3])
    for url in pages[:2]:
        text_of(expert, url)

    for url in pages:
        html = text_of(anonymous, url)
        assert "SECRET" not in html and "not public" not in html, url
        assert "Italian <em>text</em>." in html, url


def test_a_source_added_to_an_entry_shows_on_the_section_page(parts_cache, grid, anonymous):
    grid.sources.set([make_source(title="First source")])
    assert "First source" in text_of(anonymous, SECTION)

    grid.sources.add(make_source(title="Second source"))
    html = text_of(anonymous, SECTION)
    assert "First source" in html and "Second source" in html


def test_the_grid_follows_its_indicator_answers(parts_cache, grid, italian_record, anonymous):
    assert "For everyone." in text_of(anonymous, COMPARE)
    value = italian_record.indicator_values.get()
    value.note = "For adults only."
    value.save()
    html = text_of(anonymous, COMPARE)
    assert "For adults only." in html and "For everyone." not in html


def test_the_grid_follows_its_section_headings(parts_cache, grid, anonymous):
    assert "1. Section 1</th>" in text_of(anonymous, COMPARE)
    section = grid.section
    section.title = "Access"
    section.save()
    html = text_of(anonymous, COMPARE)
    assert "1. Access</th>" in html and "Section 1</th>" not in html


def test_the_form_follows_the_countries_it_offers(parts_cache, grid, italy, anonymous):
    assert 'value="IT" checked> Italy</label>' in text_of(anonymous, COMPARE)
    italy.name = "Italia"
    italy.save()
    assert 'value="IT" checked> Italia</label>' in text_of(anonymous, COMPARE)


def test_the_form_follows_the_collections_it_offers(parts_cache, grid, anonymous):
    assert '<option value="2020"' not in text_of(anonymous, COMPARE)
    make_collection(year=2020)
    html = text_of(anonymous, COMPARE)
    assert '<option value="2020">' in html and '<option value="2023" selected>' in html


def test_the_form_keeps_each_comparisons_choices(parts_cache, grid, anonymous):
    text_of(anonymous, COMPARE)
    html = text_of(anonymous, "/compare/?countries=DE,IT&sections=s2")
    assert 'value="DE" checked> Germany</label>' in html
    assert 'name="sections" value="s2" checked>' in html
    assert 'name="sections" value="s1">' in html


def test_a_new_section_can_be_compared_at_once(parts_cache, grid, anonymous):
    text_of(anonymous, COMPARE)
    make_section(number=9, slug="s9", title="Section 9")
    html = text_of(anonymous, "/compare/?countries=IT,DE&sections=s9")
    assert "9. Section 9</th>" in html
