"""The admin home is a workspace: an expert's countries and an editor's campaign, not a model list.

The story: collection 2025 is open with a deadline three days ago. Italy's record is a
draft with one section written and one partial; an editor returned an Italian policy
with a comment and changed the Italian record; an Italian initiative waits in review.
Germany's record waits in review and a German policy came back with its own comment.
Austria's record is published; France has no record yet.
"""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from guidance.models import (
    Completeness,
    Initiative,
    Policy,
    PublicationStatus,
    ReviewComment,
    SectionEntry,
)
from guidance.rules import workflow
from tests.conftest import client_for
from tests.factories import (
    make_collection,
    make_country,
    make_entry,
    make_initiative,
    make_organisation,
    make_policy,
    make_section,
    make_system,
)

pytestmark = pytest.mark.django_db

ITALIAN_COMMENT = "Please cite the 2021 decree in the summary."
GERMAN_COMMENT = "Germany: the Länder programmes are missing."


@pytest.fixture
def open_2025(db):
    return make_collection(year=2025, deadline=timezone.localdate() - timedelta(days=3))


@pytest.fixture
def story(editor, italian_expert, german_expert, italy, germany, open_2025):
    sections = [make_section(title=f"Heading {n}") for n in range(3)]
    austria = make_country(code="AT", name="Austria")
    make_country(code="FR", name="France")

    italian = make_system(country=italy, collection=open_2025, status=PublicationStatus.DRAFT)
    make_entry(system=italian, section=sections[0], completeness=Completeness.COMPLETE)
    make_entry(system=italian, section=sections[1], completeness=Completeness.PARTIAL)
    italian._history_user = editor
    italian.summary = "The editor corrected the summary."
    italian.save()

    policy = make_policy(
        country=italy, title="Italian guidance decree", status=PublicationStatus.IN_REVIEW
    )
    workflow.return_to_draft(policy, editor, ITALIAN_COMMENT)
    initiative = make_initiative(
        country=italy, title="Italian career portal", status=PublicationStatus.DRAFT
    )
    workflow.submit(initiative, italian_expert)
    own = make_initiative(country=italy, title="Expert's own initiative")
    Initiative.history.filter(id=own.pk).update(history_user=italian_expert)

    german = make_system(country=germany, collection=open_2025, status=PublicationStatus.DRAFT)
    workflow.submit(german, german_expert)
    german_policy = make_policy(
        country=germany, title="German guidance act", status=PublicationStatus.IN_REVIEW
    )
    workflow.return_to_draft(german_policy, editor, GERMAN_COMMENT)
    make_policy(country=germany, title="German draft strategy", status=PublicationStatus.DRAFT)

    make_system(country=austria, collection=open_2025)
    return {"italian": italian, "policy": policy, "initiative": initiative, "german": german}


def section_html(html, heading_id):
    """The HTML of the workspace section whose heading has this id."""
    match = re.search(rf'<section[^>]*aria-labelledby="{heading_id}".*?</section>', html, re.S)
    assert match, f"no section {heading_id}"
    return match.group(0)


def row_names(html):
    return re.findall(r'<th scope="row">(?:<a href="[^"]*">)?([^<]+)', html)


def get_home(user, query=""):
    response = client_for(user).get("/admin/" + query)
    assert response.status_code == 200
    return response, response.content.decode()


# The national expert


def test_the_italian_expert_sees_italys_record_with_its_progress(italian_expert, story):
    _, html = get_home(italian_expert)
    records = section_html(html, "campaign-2025")
    assert row_names(records) == ["Italy"]
    assert f'href="/admin/guidance/guidancesystem/{story["italian"].pk}/change/"' in records
    assert "1 complete, 1 partial, 1 not started (of 3)" in records
    assert "Draft" in records


def test_the_italian_expert_sees_the_deadline_and_that_it_passed(italian_expert, open_2025, story):
    _, html = get_home(italian_expert)
    records = section_html(html, "campaign-2025")
    assert open_2025.deadline.isoformat() in records
    assert "(passed)" in records
    assert "(overdue)" in records


def test_the_italian_expert_reads_the_editors_comment_on_what_was_returned(italian_expert, story):
    _, html = get_home(italian_expert)
    returned = section_html(html, "returned-heading")
    assert "Italian guidance decree" in returned
    assert ITALIAN_COMMENT in returned
    assert f'href="/admin/guidance/policy/{story["policy"].pk}/change/"' in returned


def test_the_italian_expert_sees_what_waits_in_review(italian_expert, story):
    _, html = get_home(italian_expert)
    in_review = section_html(html, "in-review-heading")
    assert row_names(in_review) == ["Italian career portal (IT)"]
    assert "0 days" in in_review


def test_the_italian_expert_sees_recent_edits_by_others_but_not_their_own(
    italian_expert, editor, story
):
    _, html = get_home(italian_expert)
    edits = section_html(html, "recent-edits-heading")
    assert "editor" in edits
    assert "Changed country record" in edits
    assert f'href="/admin/guidance/guidancesystem/{story["italian"].pk}/change/"' in edits
    assert "Returned to draft" in edits
    assert "Expert&#x27;s own initiative" not in edits
    assert "Expert's own initiative" not in edits


def test_the_italian_expert_never_sees_germanys_drafts_or_comments(italian_expert, story):
    _, html = get_home(italian_expert)
    assert "Germany" not in html
    assert GERMAN_COMMENT not in html
    assert "German guidance act" not in html
    assert "German draft strategy" not in html


def test_recent_edits_list_newest_first(italian_expert, editor, story):
    policy = Policy.objects.get(pk=story["policy"].pk)
    policy.title = "Renamed by the editor just now"
    policy._history_user = editor
    policy.save()
    response, _ = get_home(italian_expert)
    edits = response.context["recent_edits"]
    assert edits[0].label == "Renamed by the editor just now"
    assert [edit.when for edit in edits] == sorted((edit.when for edit in edits), reverse=True)


# The editor


def test_the_editor_sees_a_row_for_every_country_with_its_status(editor, story):
    _, html = get_home(editor)
    campaign = section_html(html, "campaign-2025")
    assert row_names(campaign) == ["Austria", "France", "Germany", "Italy"]
    assert "No record yet" in campaign
    assert "In review" in campaign
    assert "Published" in campaign
    assert "1 complete, 1 partial, 1 not started (of 3)" in campaign


def test_the_editor_sorts_the_campaign_by_a_column(editor, story):
    _, html = get_home(editor, "?o=-country")
    assert row_names(section_html(html, "campaign-2025")) == [
        "Italy",
        "Germany",
        "France",
        "Austria",
    ]
    _, html = get_home(editor, "?o=status")
    assert row_names(section_html(html, "campaign-2025")) == [
        "France",
        "Italy",
        "Germany",
        "Austria",
    ]
    _, html = get_home(editor, "?o=-progress")
    assert row_names(section_html(html, "campaign-2025"))[0] == "Italy"


def test_the_sorted_column_says_so_and_its_link_sorts_the_other_way(editor, story):
    _, html = get_home(editor, "?o=status")
    header = re.search(r'<th scope="col" aria-sort="ascending">\s*<a href="([^"]+)">', html)
    assert header.group(1) == "?o=-status"
    assert "(ascending)" in html
    assert html.count("aria-sort=") == 1


@pytest.mark.parametrize("order", ["bogus", "-", "country;drop", "o" * 500])
def test_an_unknown_sort_order_is_a_message_not_an_error(editor, story, order):
    _, html = get_home(editor, f"?o={order}")
    campaign = section_html(html, "campaign-2025")
    assert "is not a column to sort by" in campaign
    assert row_names(campaign) == ["Austria", "France", "Germany", "Italy"]


def test_the_editors_review_queue_lists_everything_in_review_oldest_first(editor, story):
    germany_record = story["german"]
    history = Initiative.history.filter(id=story["initiative"].pk)
    history.exclude(status=PublicationStatus.IN_REVIEW).update(
        history_date=timezone.now() - timedelta(days=9)
    )
    history.filter(status=PublicationStatus.IN_REVIEW).update(
        history_date=timezone.now() - timedelta(days=5)
    )
    response, html = get_home(editor)
    queue = section_html(html, "queue-heading")
    assert row_names(queue)[:2] == ["Italian career portal (IT)", str(germany_record)]
    assert "5 days" in queue
    items = response.context["review_queue"]
    assert [item.obj for item in items] == [story["initiative"], germany_record]


def test_a_proposed_change_to_an_organisation_waits_in_the_queue(editor, italian_expert, italy):
    organisation = make_organisation(country=italy, name="ANPAL")
    revision = make_organisation(
        country=italy,
        name="ANPAL (renamed)",
        revision_of=organisation,
        status=PublicationStatus.IN_REVIEW,
    )
    response, html = get_home(editor)
    queue = section_html(html, "queue-heading")
    assert "ANPAL (renamed)" in queue
    assert "Proposed change: organisation" in queue
    assert [item.obj for item in response.context["review_queue"]] == [revision]


def test_overdue_countries_are_those_past_the_deadline_not_in_review_or_published(editor, story):
    _, html = get_home(editor)
    overdue = section_html(html, "overdue-heading")
    assert row_names(overdue) == ["France", "Italy"]


def test_no_country_is_overdue_before_the_deadline(editor, open_2025, story):
    open_2025.deadline = timezone.localdate() + timedelta(days=1)
    open_2025.save()
    _, html = get_home(editor)
    assert row_names(section_html(html, "overdue-heading")) == []
    assert "No country is past a deadline." in html


def test_open_review_threads_are_counted_for_whoever_may_read_them(
    editor, italian_expert, german_expert, story
):
    _, html = get_home(editor)
    assert 'id="unresolved-comments"' not in html
    entry = SectionEntry.objects.filter(system__country__code="IT").first()
    for text in ("Cite the decree.", "Add the 2024 figures."):
        ReviewComment.objects.create(entry=entry, author=editor, body=text)

    assert "2 unresolved review comments." in get_home(editor)[1]
    assert "2 unresolved review comments." in get_home(italian_expert)[1]
    assert 'id="unresolved-comments"' not in get_home(german_expert)[1]


def test_the_collection_form_has_the_deadline(editor):
    html = client_for(editor).get("/admin/guidance/collection/add/").content.decode()
    assert 'name="deadline"' in html


# Models grouped by use


def group_names(apps):
    return [str(app["name"]) for app in apps]


def test_the_expert_sees_content_only_on_the_home_page_and_in_the_sidebar(italian_expert, story):
    response, _ = get_home(italian_expert)
    assert group_names(response.context["app_list"]) == ["Content"]
    models = [model["object_name"] for model in response.context["app_list"][0]["models"]]
    assert models[:4] == ["GuidanceSystem", "SectionEntry", "IndicatorValue", "Policy"]
    page = client_for(italian_expert).get("/admin/guidance/policy/")
    assert group_names(page.context["available_apps"]) == ["Content"]
    sidebar = re.search(r'<nav[^>]*id="nav-sidebar".*?</nav>', page.content.decode(), re.S)
    assert "/admin/guidance/policy/" in sidebar.group(0)
    assert "/admin/guidance/country/" not in sidebar.group(0)
    assert "/admin/guidance/section/" not in sidebar.group(0)


def test_the_editor_sees_content_and_structure(editor, story):
    response, html = get_home(editor)
    apps = response.context["app_list"]
    assert group_names(apps) == ["Content", "Structure"]
    structure = [model["object_name"] for model in apps[1]["models"]]
    assert structure[:4] == ["Country", "Collection", "Release", "Section"]
    assert "Policy" not in structure
    assert 'href="/admin/guidance/country/"' in section_html(html, "models-heading")


def test_the_guidance_app_page_is_grouped_too(italian_expert):
    response = client_for(italian_expert).get("/admin/guidance/")
    assert response.status_code == 200
    assert group_names(response.context["app_list"]) == ["Content"]


# Queries


def add_countries(n, collection, start):
    """`n` more countries, each with a record in review, entries and a returned policy."""
    section = make_section()
    countries = []
    for i in range(start, start + n):
        code = "Q" + "ABCDEFGHIJKLMNOP"[i]
        country = make_country(code=code, iso_country="IT", name=f"Country {code}")
        record = make_system(country=country, collection=collection, status="in_review")
        make_entry(system=record, section=section)
        make_policy(country=country, status="draft", review_comment="Fix it.")
        make_initiative(country=country, status="in_review")
        countries.append(country)
    return countries


def count_home_queries(user):
    client = client_for(user)
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/admin/").status_code == 200
    return len(queries)


# Session, user, the editor check; the workspace: open collections, the number of sections,
# the countries, the records with their progress and submission time, then what is in
# review (one query per reviewed model: records, policies, initiatives, organisations,
# sources); then the user's and group permissions (the app list) and the sidebar's
# "Recent actions"; and the count of open review threads. The expert's page also asks whether they have countries, reads
# returned and in-review content in the same five queries, and reads the history of
# records, section entries, indicator values, policies and initiatives (five).
EDITOR_QUERIES = 16
EXPERT_QUERIES = 22


def test_the_editors_home_runs_a_fixed_number_of_queries(editor, open_2025):
    add_countries(3, open_2025, 0)
    with_three = count_home_queries(editor)
    add_countries(3, open_2025, 3)
    assert count_home_queries(editor) == with_three
    assert with_three == EDITOR_QUERIES


def test_the_experts_home_runs_a_fixed_number_of_queries(italian_expert, editor, open_2025):
    def assign(countries):
        for country in countries:
            country.experts.add(italian_expert)
            record = country.systems.get()
            record._history_user = editor
            record.save()

    assign(add_countries(3, open_2025, 0))
    with_three = count_home_queries(italian_expert)
    assign(add_countries(3, open_2025, 3))
    assert count_home_queries(italian_expert) == with_three
    assert with_three == EXPERT_QUERIES
