"""History and refused saves people can read: who, when, why, and each changed field in full
as a word diff, related rows by name, a record with its sections, a copy called a copy."""

import re

import pytest

from guidance.models import GuidanceSystem, PublicationStatus
from guidance.rules import opening
from tests.conftest import _staff_user, client_for
from tests.factories import make_collection, make_entry, make_source, make_system
from tests.rendered_forms import post_rendered, press, rendered_form

pytestmark = pytest.mark.django_db

ADMIN = "/admin/guidance"
LONG_TEXT = (
    "People of every age find guidance in one place: schools, universities, public "
    "employment services and adult learning centres share one referral network, and "
    "counsellors in each region meet every term to agree how clients move between them. "
    "The network publishes its directory online and updates it every spring."
)


def history_table(client, url):
    response = client.get(url.replace("/change/", "/history/"))
    assert response.status_code == 200
    html = response.content.decode()
    return re.search(r'<table class="readable-history">.*?</table>', html, re.S).group(0)


def entry_url(entry):
    return f"{ADMIN}/sectionentry/{entry.pk}/change/"


def record_url(record):
    return f"{ADMIN}/guidancesystem/{record.pk}/change/"


@pytest.fixture
def italian_draft(italy):
    return make_system(
        country=italy, collection=make_collection(year=2024), status=PublicationStatus.DRAFT
    )


@pytest.fixture
def long_entry(italian_draft, sections):
    return make_entry(system=italian_draft, section=sections[0], body=LONG_TEXT)


@pytest.fixture
def second_expert(groups, italy):
    _, experts = groups
    user = _staff_user("second-expert-it", experts)
    italy.experts.add(user)
    return user


def test_a_long_text_change_shows_in_full_with_the_words_marked(italian_expert, long_entry):
    client = client_for(italian_expert)
    new_text = LONG_TEXT.replace("every spring", "every autumn")
    response = post_rendered(client, entry_url(long_entry), "sectionentry_form", {"body": new_text})
    assert response.status_code == 302

    table = history_table(client, entry_url(long_entry))

    assert "People of every age find guidance in one place" in table
    assert "updates it every" in table
    assert re.search(r"<del>.*spring.*</del>", table)
    assert re.search(r"<ins>.*autumn.*</ins>", table)
    assert "chars]" not in table
    assert "expert-it" in table


def test_a_change_without_a_reason_says_edited_never_none(italian_expert, long_entry):
    client = client_for(italian_expert)
    post_rendered(client, entry_url(long_entry), "sectionentry_form", {"body": "Shorter."})

    table = history_table(client, entry_url(long_entry))

    assert "Edited" in table
    assert "None" not in table


def test_publishing_names_the_editor_who_published(editor, italian_draft):
    italian_draft.status = PublicationStatus.IN_REVIEW
    italian_draft.save()
    client = client_for(editor)
    assert press(client, record_url(italian_draft), "Publish").status_code == 302

    table = history_table(client, record_url(italian_draft))

    published_row = re.search(r"<tr>(?:(?!<tr>).)*?Published</td>.*?</tr>", table, re.S).group(0)
    assert ">editor<" in published_row
    assert re.search(r"<dt>Published by</dt><dd>.*nobody.*<ins>.*editor.*</ins>", published_row)
    assert "Deleted user" not in table


def test_a_records_history_lists_its_section_entries_changes(italian_expert, long_entry):
    record = long_entry.system
    client = client_for(italian_expert)
    response = post_rendered(
        client,
        record_url(record),
        "guidancesystem_form",
        {"entries-0-body": LONG_TEXT + " A new paragraph."},
    )
    assert response.status_code == 302

    table = history_table(client, record_url(record))

    assert "Section entry: 1. Section 1" in table
    assert re.search(r"<ins>.*A new paragraph\..*</ins>", table)


def test_a_copied_entry_says_it_was_copied_and_its_sources_are_not_reported_added(
    editor, italian_expert, italian_record, sections
):
    entry = make_entry(system=italian_record, section=sections[0], body="Regions run PES points.")
    entry.sources.add(make_source(title="Euroguidance"))
    opening.open_collection(2025, user=editor)
    copy = GuidanceSystem.objects.get(collection__year=2025).entries.get()
    client = client_for(italian_expert)
    response = post_rendered(
        client, entry_url(copy), "sectionentry_form", {"body": "Regions and cities run PES."}
    )
    assert response.status_code == 302

    table = history_table(client, entry_url(copy))

    assert opening.CHANGE_REASON in table
    assert "<dt>Text</dt>" in table
    assert "Sources" not in table
    assert "Euroguidance" not in table


def test_the_second_saver_sees_the_first_change_in_full_and_keeps_their_own_text(
    italian_expert, second_expert, long_entry
):
    first, second = client_for(italian_expert), client_for(second_expert)
    first_form = rendered_form(first.get(entry_url(long_entry)), form_id="sectionentry_form")
    second_form = rendered_form(second.get(entry_url(long_entry)), form_id="sectionentry_form")
    first_text = LONG_TEXT.replace("every spring", "every autumn")
    second_text = LONG_TEXT + " Second expert's addition."

    assert first.post(entry_url(long_entry), first_form.data({"body": first_text}, "_save"))
    response = second.post(entry_url(long_entry), second_form.data({"body": second_text}, "_save"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "expert-it saved a newer version" in html
    assert "People of every age find guidance in one place" in html
    assert re.search(r"<strong>Text</strong>: <p class=\"diff\">.*<del>.*spring.*</del>", html)
    assert re.search(r"<ins>.*autumn.*</ins>", html)
    kept = rendered_form(response, form_id="sectionentry_form").data()
    assert kept["body"] == [second_text]
    long_entry.refresh_from_db()
    assert long_entry.body == first_text


def test_user_written_text_in_a_change_is_escaped(italian_expert, long_entry):
    client = client_for(italian_expert)
    post_rendered(
        client, entry_url(long_entry), "sectionentry_form", {"body": "<script>alert(1)</script>"}
    )

    table = history_table(client, entry_url(long_entry))

    assert "<script>" not in table
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in table


def test_a_records_history_page_costs_the_same_with_more_changes(
    django_assert_num_queries, italian_expert, italian_draft, sections
):
    client = client_for(italian_expert)
    for section in sections:
        entry = make_entry(system=italian_draft, section=section, body="First.")
        entry.sources.add(make_source())
        post_rendered(client, entry_url(entry), "sectionentry_form", {"body": "Second."})
    # 16, whatever the number of versions: session, user, the editors group, the section
    # count, the record, permissions (2), its country and the expert's countries (read
    # once, remembered for the request: the revert link and the title ask again); the
    # versions of the record, of its entries and of its values; the entries' sources,
    # the sections' and sources' names, and the record's collection for its name.
    with django_assert_num_queries(16):
        client.get(record_url(italian_draft).replace("/change/", "/history/"))
