"""Review comments: an editor comments on Italy's section, Italy's expert replies and resolves.

Every form is posted as the server rendered it (tests/rendered_forms.py). Comments are
never public, and Germany's expert neither reads nor answers Italy's.
"""

import re
from html import unescape

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from guidance.caching import content_generation
from guidance.models import PublicationStatus, ReviewComment
from guidance.rules.comments import move_threads, unresolved_count, unresolved_for
from tests.conftest import client_for, use_cache
from tests.factories import make_collection, make_entry, make_policy, make_system
from tests.rendered_forms import post_rendered, press, rendered_form

pytestmark = pytest.mark.django_db

REMARK = "Please cite the 2022 decree for the helpline figures."
ANSWER = "Added the decree as a source; the figures are from its annex."


@pytest.fixture
def entry(italian_record, sections):
    return make_entry(system=italian_record, section=sections[0], body="Italy's access text.")


@pytest.fixture
def german_entry(german_record, sections):
    return make_entry(system=german_record, section=sections[0], body="Germany's access text.")


def record_page(record):
    return f"/admin/guidance/guidancesystem/{record.pk}/change/"


def entry_box(entry):
    """Where a comment on `entry` leads: its box on the record page."""
    return f"{record_page(entry.system)}#entries-box-{entry.section.number}"


def link(response, label, near=None):
    """The href of the link labelled `label` (in the threads shown after `near`, if given)."""
    html = response.content.decode()
    if near is not None:
        html = html[html.index(near) :]
    found = re.search(rf'<a href="([^"]+)">{re.escape(label)}</a>', html)
    assert found, f"No link {label!r} on the page"
    return unescape(found.group(1))


def comment(author, target, body=REMARK, **kwargs):
    return ReviewComment.objects.create(author=author, body=body, **{**target, **kwargs})


def editor_comments_on(client, page, body=REMARK):
    """From `page`, follow "Comment" and post the add form as rendered, with `body`."""
    add_page = link(client.get(page), "Comment")
    return post_rendered(client, add_page, "reviewcomment_form", {"body": body})


def test_an_editor_comments_on_an_italian_section_from_the_record_page(editor, entry):
    client = client_for(editor)
    response = editor_comments_on(client, record_page(entry.system))
    assert response.status_code == 302, response.content.decode()[:3000]
    assert response["Location"] == entry_box(entry)
    saved = ReviewComment.objects.get()
    assert (saved.entry, saved.author, saved.body) == (entry, editor, REMARK)
    assert saved.policy is None and saved.initiative is None and not saved.is_resolved


def test_the_italian_expert_reads_replies_and_resolves_on_the_record_page(
    editor, italian_expert, entry
):
    thread = comment(editor, {"entry": entry})
    client = client_for(italian_expert)
    page = client.get(record_page(entry.system))
    assert REMARK in page.content.decode()
    assert "Comment</a>" not in page.content.decode()  # experts answer, editors open threads

    response = post_rendered(client, link(page, "Reply"), "reviewcomment_form", {"body": ANSWER})
    assert response.status_code == 302, response.content.decode()[:3000]
    reply = ReviewComment.objects.get(reply_to=thread)
    assert (reply.entry, reply.author, reply.body) == (entry, italian_expert, ANSWER)
    assert ANSWER in client.get(record_page(entry.system)).content.decode()

    assert unresolved_count(italian_expert) == unresolved_count(editor) == 1
    resolve_page = link(client.get(record_page(entry.system)), "Mark resolved")
    response = press(client, resolve_page, "Mark resolved")
    assert response.status_code == 302
    thread.refresh_from_db()
    assert thread.resolved_by == italian_expert and thread.is_resolved
    assert unresolved_count(italian_expert) == unresolved_count(editor) == 0
    assert "Mark resolved</a>" not in client.get(record_page(entry.system)).content.decode()


def test_the_italian_expert_may_reply_while_the_record_is_in_review(editor, italian_expert, entry):
    """Content in review is frozen for experts; comments are not edits of it."""
    entry.system.status = PublicationStatus.IN_REVIEW
    entry.system.save()
    comment(editor, {"entry": entry})
    client = client_for(italian_expert)
    page = client.get(record_page(entry.system))
    assert 'name="seen_version"' not in page.content.decode()  # the record itself is read-only
    response = post_rendered(client, link(page, "Reply"), "reviewcomment_form", {"body": ANSWER})
    assert response.status_code == 302, response.content.decode()[:3000]
    assert ReviewComment.objects.filter(body=ANSWER, entry=entry).exists()


def test_the_comment_page_has_a_mark_resolved_button(editor, italian_expert, entry):
    thread = comment(editor, {"entry": entry})
    response = press(
        client_for(italian_expert),
        f"/admin/guidance/reviewcomment/{thread.pk}/change/",
        "Mark resolved",
    )
    assert response.status_code == 302
    thread.refresh_from_db()
    assert thread.resolved_by == italian_expert


def test_the_list_action_resolves_the_selected_threads(editor, entry, sections):
    first = comment(editor, {"entry": entry})
    second = comment(editor, {"entry": entry}, body="Another remark.")
    client = client_for(editor)
    form = rendered_form(client.get("/admin/guidance/reviewcomment/"), form_id="changelist-form")
    data = form.data(
        {"action": "resolve_selected", "_selected_action": [str(first.pk), str(second.pk)]},
        button="index",
    )
    assert client.post("/admin/guidance/reviewcomment/", data).status_code == 302
    assert unresolved_count(editor) == 0


def test_the_list_filters_open_and_resolved_threads(editor, entry):
    open_thread = comment(editor, {"entry": entry})
    comment(editor, {"entry": entry}, body=ANSWER, reply_to=open_thread)
    resolved = comment(editor, {"entry": entry}, body="Done already.")
    resolved.resolve(editor)
    client = client_for(editor)
    for state, expected in (("open", [open_thread]), ("resolved", [resolved])):
        listed = client.get("/admin/guidance/reviewcomment/", {"state": state})
        assert list(listed.context["cl"].result_list) == expected, state


def test_an_editor_comments_on_a_policy_and_the_expert_reads_it_there(
    editor, italian_expert, italy
):
    policy = make_policy(country=italy, title="Guidance act")
    page = f"/admin/guidance/policy/{policy.pk}/change/"
    response = editor_comments_on(client_for(editor), page)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert ReviewComment.objects.get().policy == policy
    assert REMARK in client_for(italian_expert).get(page).content.decode()


def test_the_german_expert_neither_lists_nor_opens_italys_comments(
    editor, german_expert, entry, german_entry
):
    italian = comment(editor, {"entry": entry})
    german = comment(editor, {"entry": german_entry}, body="A German remark.")
    client = client_for(german_expert)

    listed = client.get("/admin/guidance/reviewcomment/")
    assert list(listed.context["cl"].result_list) == [german]
    assert REMARK not in listed.content.decode()
    for url in (
        f"/admin/guidance/reviewcomment/{italian.pk}/change/",
        f"/admin/guidance/reviewcomment/{italian.pk}/resolve/",
        f"/admin/guidance/reviewcomment/{italian.pk}/history/",
    ):
        response = client.get(url)
        assert response.status_code == 403, url
        assert REMARK not in response.content.decode()
    assert client.post(f"/admin/guidance/reviewcomment/{italian.pk}/resolve/").status_code == 403
    italian.refresh_from_db()
    assert not italian.is_resolved
    assert [thread.pk for thread in unresolved_for(german_expert)] == [german.pk]


def test_the_german_expert_cannot_reply_in_an_italian_thread(editor, german_expert, entry):
    italian = comment(editor, {"entry": entry})
    client = client_for(german_expert)
    add_page = f"/admin/guidance/reviewcomment/add/?reply_to={italian.pk}"
    response = post_rendered(
        client, add_page, "reviewcomment_form", {"body": ANSWER, "reply_to": str(italian.pk)}
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not ReviewComment.objects.filter(body=ANSWER).exists()


def test_an_expert_cannot_open_a_thread(italian_expert, entry):
    client = client_for(italian_expert)
    add_page = f"/admin/guidance/reviewcomment/add/?entry={entry.pk}"
    response = post_rendered(client, add_page, "reviewcomment_form", {"body": REMARK})
    assert response.status_code == 200
    assert "This field is required" in response.content.decode()
    assert not ReviewComment.objects.exists()


def test_an_editors_comment_must_be_about_something(editor, entry):
    response = post_rendered(
        client_for(editor),
        "/admin/guidance/reviewcomment/add/",
        "reviewcomment_form",
        {"body": REMARK},
    )
    assert response.status_code == 200
    assert "A comment is about exactly one section entry, policy or initiative." in (
        response.content.decode()
    )
    assert not ReviewComment.objects.exists()


def test_resolving_twice_says_so_and_keeps_the_first_mark(editor, italian_expert, entry):
    thread = comment(editor, {"entry": entry})
    resolve_page = f"/admin/guidance/reviewcomment/{thread.pk}/resolve/"
    form = rendered_form(client_for(italian_expert).get(resolve_page), button="Mark resolved")
    press(client_for(editor), resolve_page, "Mark resolved")
    late = client_for(italian_expert).post(resolve_page, form.data(button="Mark resolved"))
    assert late.status_code == 302 and late["Location"] == entry_box(entry)
    thread.refresh_from_db()
    assert thread.resolved_by == editor


def test_an_editor_deletes_a_commented_draft_policy_with_its_comments(editor, italy):
    policy = make_policy(country=italy, status=PublicationStatus.DRAFT)
    comment(editor, {"policy": policy})
    delete_page = f"/admin/guidance/policy/{policy.pk}/delete/"
    response = press(client_for(editor), delete_page, "Yes, I’m sure")
    assert response.status_code == 302, response.content.decode()[:3000]
    assert not ReviewComment.objects.exists()


def test_a_reply_cannot_name_another_text_than_its_thread(editor, entry, sections):
    other = make_entry(system=entry.system, section=sections[1], body="Another section.")
    thread = comment(editor, {"entry": entry})
    client = client_for(editor)
    response = post_rendered(
        client,
        f"/admin/guidance/reviewcomment/add/?reply_to={thread.pk}&entry={other.pk}",
        "reviewcomment_form",
        {"body": ANSWER},
    )
    assert response.status_code == 200
    assert "A reply is about the same text as the comment it answers." in unescape(
        response.content.decode()
    )
    assert not thread.replies.exists()


PUBLIC_PAGES = [
    "/countries/IT/",
    "/countries/IT/2023/",
    "/countries/IT/2023/sections/s1/",
    "/sections/s1/",
    "/search/?q=decree",
    "/downloads/inventory.json",
    "/sitemap.xml",
    "/sitemap-records.xml",
    "/api/v1/countries/IT/systems/2023/",
    "/api/v1/countries/IT/systems/2023/sections/s1/",
]


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_no_public_page_or_api_shows_a_comment(editor, entry, url):
    """The published record's text is there (so the page is the right one); the comment is not."""
    assert entry.system.status == PublicationStatus.PUBLISHED
    thread = comment(editor, {"entry": entry})
    comment(None, {"entry": entry}, body=ANSWER, reply_to=thread)
    for client in (Client(), client_for(editor)):
        response = client.get(url)
        assert response.status_code == 200, url
        body = b"".join(response) if response.streaming else response.content
        text = body.decode()
        assert REMARK not in text and ANSWER not in text
        if "sitemap" not in url and "search" not in url:
            assert "access text" in text, url


def test_anonymous_is_sent_to_sign_in_for_comments(anonymous, editor, entry):
    thread = comment(editor, {"entry": entry})
    for url in (
        "/admin/guidance/reviewcomment/",
        f"/admin/guidance/reviewcomment/{thread.pk}/change/",
    ):
        response = anonymous.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"]
    assert anonymous.post(f"/admin/guidance/reviewcomment/{thread.pk}/resolve/").status_code == 302
    thread.refresh_from_db()
    assert not thread.is_resolved


def test_unresolved_threads_are_counted_per_reader(
    editor, italian_expert, german_expert, entry, german_entry, italy
):
    comment(editor, {"entry": entry})
    comment(editor, {"policy": make_policy(country=italy)})
    comment(editor, {"entry": german_entry})
    resolved = comment(editor, {"entry": entry})
    resolved.resolve(editor)
    comment(italian_expert, {"entry": entry}, reply_to=resolved)  # replies are not threads
    assert unresolved_count(editor) == 3
    assert unresolved_count(italian_expert) == 2
    assert unresolved_count(german_expert) == 1
    assert unresolved_count(AnonymousUser()) == 0


def test_the_check_constraint_refuses_a_comment_on_two_targets(editor, entry, italy):
    policy = make_policy(country=italy)
    two = ReviewComment(author=editor, body=REMARK, entry=entry, policy=policy)
    with pytest.raises(ValidationError, match="exactly one section entry, policy or initiative"):
        two.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        two.save()
    with pytest.raises(IntegrityError), transaction.atomic():
        ReviewComment.objects.create(author=editor, body=REMARK)


def test_a_reply_is_never_resolved_on_its_own(editor, entry):
    thread = comment(editor, {"entry": entry})
    with pytest.raises(IntegrityError), transaction.atomic():
        comment(editor, {"entry": entry}, reply_to=thread, resolved_at=thread.created_at)


def test_comments_keep_their_history(editor, italian_expert, entry):
    client = client_for(editor)
    editor_comments_on(client, record_page(entry.system))
    thread = ReviewComment.objects.get()
    press(
        client_for(italian_expert),
        link(client.get(record_page(entry.system)), "Mark resolved"),
        "Mark resolved",
    )
    history = list(thread.history.order_by("history_date"))
    assert [row.history_type for row in history] == ["+", "~"]
    assert history[0].history_user == editor and history[0].resolved_at is None
    assert history[1].history_user == italian_expert and history[1].resolved_by == italian_expert
    history_page = client.get(f"/admin/guidance/reviewcomment/{thread.pk}/history/")
    assert history_page.status_code == 200


def test_the_comment_body_is_shown_escaped(editor, italian_expert, entry):
    comment(editor, {"entry": entry}, body='<script src="/x.js"></script> & <b>bold</b>')
    html = client_for(italian_expert).get(record_page(entry.system)).content.decode()
    assert '<script src="/x.js">' not in html
    assert (
        "&lt;script src=&quot;/x.js&quot;&gt;&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in html
    )


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_record_page_reads_threads_in_a_fixed_number_of_queries(
    editor, italian_expert, entry, sections
):
    """Two queries for every thread of the record (threads with authors, replies with
    authors), however many entries, threads and replies there are."""
    entries = [entry, *(make_entry(system=entry.system, section=s) for s in sections[1:])]
    client = client_for(italian_expert)
    first = comment(editor, {"entry": entries[0]})
    comment(italian_expert, {"entry": entries[0]}, reply_to=first)
    with_one = count_queries(client, record_page(entry.system))
    for item in entries:
        for _ in range(2):
            thread = comment(editor, {"entry": item})
            comment(italian_expert, {"entry": item}, reply_to=thread)
            comment(editor, {"entry": item}, reply_to=thread)
    assert count_queries(client, record_page(entry.system)) == with_one


def give_address(*users):
    for user in users:
        user.email = f"{user.username}@example.org"
        user.save()


def test_an_editors_comment_tells_the_countrys_experts_and_a_reply_the_thread(
    editor, italian_expert, german_expert, entry, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://inventory.example.org"
    give_address(editor, italian_expert, german_expert)
    with django_capture_on_commit_callbacks(execute=True):
        editor_comments_on(client_for(editor), record_page(entry.system))
    assert [message.to for message in mail.outbox] == [["expert-it@example.org"]]
    assert REMARK in mail.outbox[0].body
    assert f"https://inventory.example.org{entry_box(entry)}" in mail.outbox[0].body

    mail.outbox.clear()
    client = client_for(italian_expert)
    reply_page = link(client.get(record_page(entry.system)), "Reply")
    with django_capture_on_commit_callbacks(execute=True):
        post_rendered(client, reply_page, "reviewcomment_form", {"body": ANSWER})
    assert [message.to for message in mail.outbox] == [["editor@example.org"]]
    assert ANSWER in mail.outbox[0].body


def test_writing_a_comment_keeps_the_public_pages_cached(editor, entry, settings):
    """No public page shows comments, so they do not invalidate the shared cache."""
    use_cache(settings, "locmem")
    before = content_generation()
    thread = comment(editor, {"entry": entry})
    comment(editor, {"entry": entry}, reply_to=thread)
    thread.resolve(editor)
    assert content_generation() == before
    entry.body = "Italy's revised access text."
    entry.save()
    assert content_generation() > before


def test_threads_move_with_their_section_to_another_record(editor, italy, entry, sections):
    """What publishing a revision onto its published row needs before deleting it."""
    source = entry.system
    target = make_system(country=italy, collection=make_collection(year=2025))
    kept = make_entry(system=target, section=sections[0], body="The kept text.")
    only_in_source = make_entry(system=source, section=sections[1], body="Dropped section.")
    thread = comment(editor, {"entry": entry})
    reply = comment(editor, {"entry": entry}, body=ANSWER, reply_to=thread)
    left = comment(editor, {"entry": only_in_source}, body="On a section the target lacks.")

    assert move_threads(source, target, reason="Published a change") == 2
    for moved in (thread, reply):
        moved.refresh_from_db()
        assert moved.entry == kept
    left.refresh_from_db()
    assert left.entry == only_in_source
    assert thread.history.latest().history_change_reason == "Published a change"


def test_threads_move_to_another_policy(editor, italy):
    source, target = make_policy(country=italy), make_policy(country=italy)
    thread = comment(editor, {"policy": source})
    assert move_threads(source, target) == 1
    thread.refresh_from_db()
    assert thread.policy == target
    source.delete()
    assert ReviewComment.objects.filter(policy=target).count() == 1
