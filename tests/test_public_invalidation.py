"""Only what the public can see invalidates what the public is served.

Italy has a published 2023 record and a 2024 record in draft. With the real Redis cache
on, Italy's expert writes all day (a draft section, a change of the published record, a
reply to a comment) and Italy's public page stays a cache hit; the editor publishes and
the next anonymous reader gets the new text (guidance/rules/public_changes.py).
"""

import re
from html import unescape

import pytest

from guidance.caching import content_generation
from guidance.models import PublicationStatus, ReviewComment
from guidance.rules import workflow
from tests.conftest import client_for, use_cache
from tests.factories import (
    make_collection,
    make_entry,
    make_policy,
    make_section,
    make_system,
)
from tests.rendered_forms import post_rendered

pytestmark = pytest.mark.django_db

ADMIN = "/admin/guidance"
PAGE = "/countries/IT/"


@pytest.fixture(autouse=True)
def redis_cache(settings):
    use_cache(settings, "redis")
    yield
    use_cache(settings, None)


@pytest.fixture
def published_entry(italian_record, sections):
    return make_entry(system=italian_record, section=sections[0], body="The published wording.")


@pytest.fixture
def draft_entry(italy, sections, published_entry):
    draft = make_system(
        country=italy, collection=make_collection(year=2024), status=PublicationStatus.DRAFT
    )
    return make_entry(system=draft, section=sections[0], body="The draft wording.")


def entry_url(entry):
    return f"{ADMIN}/sectionentry/{entry.pk}/change/"


def cached_page(anonymous):
    """Italy's page, rendered once and now served from the cache."""
    anonymous.get(PAGE)
    hit = anonymous.get(PAGE)
    assert hit["X-Cache"] == "hit"
    return hit


def test_an_experts_draft_section_saved_through_the_admin_leaves_the_page_a_hit(
    anonymous, italian_expert, draft_entry
):
    cached_page(anonymous)
    response = post_rendered(
        client_for(italian_expert),
        entry_url(draft_entry),
        "sectionentry_form",
        {"body": "A new draft wording."},
    )
    assert response.status_code == 302
    draft_entry.refresh_from_db()
    assert draft_entry.body == "A new draft wording."
    page = anonymous.get(PAGE)
    assert page["X-Cache"] == "hit"
    assert "A new draft wording." not in page.content.decode()


def test_a_revision_of_the_published_record_leaves_the_page_a_hit_until_published(
    anonymous, italian_expert, editor, italian_record, published_entry
):
    revision = workflow.start_revision(italian_record, italian_expert)
    revised_entry = revision.entries.get()
    cached_page(anonymous)
    response = post_rendered(
        client_for(italian_expert),
        entry_url(revised_entry),
        "sectionentry_form",
        {"body": "The revised wording."},
    )
    assert response.status_code == 302
    assert anonymous.get(PAGE)["X-Cache"] == "hit"

    response = client_for(editor).post(f"{ADMIN}/guidancesystem/{revision.pk}/publish/")
    assert response.status_code == 302
    page = anonymous.get(PAGE)
    assert page["X-Cache"] == "miss"
    assert "The revised wording." in page.content.decode()
    assert "The published wording." not in page.content.decode()


def test_a_review_comment_leaves_the_page_a_hit(anonymous, editor, published_entry):
    cached_page(anonymous)
    client = client_for(editor)
    record_page = client.get(f"{ADMIN}/guidancesystem/{published_entry.system_id}/change/")
    comment_url = re.search(r'<a href="([^"]+)">Comment</a>', record_page.content.decode())
    response = post_rendered(
        client, unescape(comment_url.group(1)), "reviewcomment_form", {"body": "Cite it."}
    )
    assert response.status_code == 302
    assert ReviewComment.objects.filter(body="Cite it.").exists()
    assert anonymous.get(PAGE)["X-Cache"] == "hit"


def test_publishing_a_record_makes_the_page_a_miss_with_the_new_text(
    anonymous, editor, draft_entry
):
    before = cached_page(anonymous)
    assert "The draft wording." not in before.content.decode()
    response = client_for(editor).post(f"{ADMIN}/guidancesystem/{draft_entry.system_id}/publish/")
    assert response.status_code == 302
    page = anonymous.get(PAGE)
    assert page["X-Cache"] == "miss"
    assert "The draft wording." in page.content.decode()


def test_the_draft_an_expert_viewed_never_reaches_the_anonymous_reader(
    anonymous, italian_expert, draft_entry
):
    expert = client_for(italian_expert)
    assert "The draft wording." in expert.get(entry_url(draft_entry)).content.decode()
    for url in (PAGE, "/countries/IT/2024/"):
        expert.get(url)
    page = anonymous.get(PAGE)
    assert page["X-Cache"] == "miss"
    assert "The draft wording." not in page.content.decode()
    assert anonymous.get("/countries/IT/2024/").status_code == 404


def generation_moves(write):
    before = content_generation()
    write()
    return content_generation() != before


def test_unpublishing_and_deleting_published_content_invalidate(italy):
    policy = make_policy(country=italy, title="Published policy")
    policy.status = PublicationStatus.DRAFT
    assert generation_moves(policy.save)
    assert generation_moves(make_policy(country=italy, title="Another").delete)


def test_drafts_come_and_go_without_invalidating(italy, italian_record, sections):
    policy = make_policy(country=italy, title="Draft policy", status=PublicationStatus.DRAFT)
    assert not generation_moves(lambda: policy.sections.add(sections[0]))
    policy.title = "Draft policy, renamed"
    assert not generation_moves(policy.save)
    assert not generation_moves(policy.delete)


def test_a_row_built_in_memory_with_a_published_rows_id_asks_the_database(italy):
    """Not loaded, so its status says nothing about the stored row's: unpublishing counts."""
    policy = make_policy(country=italy, title="Published policy")
    copy = type(policy)(**{f.attname: getattr(policy, f.attname) for f in policy._meta.fields})
    copy._state.adding = False
    copy.status = PublicationStatus.DRAFT
    assert generation_moves(copy.save)


def test_an_instance_loaded_before_a_publish_elsewhere_cannot_hide_an_unpublish(italy):
    policy = make_policy(country=italy, title="Draft policy", status=PublicationStatus.DRAFT)
    stale = type(policy).objects.get(pk=policy.pk)
    policy.status = PublicationStatus.PUBLISHED
    policy.save()
    stale.title = "Saved from a stale copy, as a draft"
    assert generation_moves(stale.save)


def test_structure_invalidates(sections):
    section = make_section()
    section.title = "Renamed section"
    assert generation_moves(section.save)
