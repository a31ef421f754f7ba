"""Published stays published: a change to a published record, policy or initiative is
written in a revision while every public address keeps answering with the published text,
and publishing the revision replaces that text at once.

Every form here is the one the server rendered (tests/rendered_forms.py), and every
public address is read by an anonymous reader with the real cache on.
"""

import pytest
from django.test import Client

from guidance.models import (
    GuidanceSystem,
    Initiative,
    Policy,
    PolicyStageYear,
    PublicationStatus,
    ReviewComment,
    SectionEntry,
)
from tests.api.conftest import api_client_for
from tests.conftest import client_for
from tests.factories import (
    make_entry,
    make_indicator,
    make_indicator_value,
    make_initiative,
    make_policy,
    make_source,
)
from tests.rendered_forms import press, rendered_form

pytestmark = pytest.mark.django_db

OLD = "Guidance is offered in every region."
NEW = "Guidance is now offered online in every region."


@pytest.fixture(autouse=True)
def cache_on(real_cache):
    return real_cache


@pytest.fixture
def published(italian_record, sections):
    """Italy's published 2023 record: two written sections, an indicator, cited sources."""
    kept_source, dropped_source = make_source(title="Kept law"), make_source(title="Old plan")
    access = make_entry(system=italian_record, section=sections[0], body=OLD)
    access.sources.set([kept_source, dropped_source])
    make_entry(system=italian_record, section=sections[1], body="Text to be removed.")
    make_indicator_value(system=italian_record, indicator=make_indicator(slug="strategy"))
    return italian_record


def change_page(obj):
    return f"/admin/guidance/{obj._meta.model_name}/{obj.pk}/change/"


def public_answers(record, section_slug="s1"):
    """What an anonymous reader gets at the record's public addresses, by address."""
    base = f"/countries/{record.country.code}/{record.collection.year}/"
    api = f"/api/v1/countries/{record.country.code}/systems/{record.collection.year}/"
    urls = [
        base,
        f"{base}sections/{section_slug}/",
        f"{base}cite.bib",
        api,
        f"{api}sections/{section_slug}/",
        "/downloads/inventory.json",
    ]
    reader = Client()
    return {url: reader.get(url) for url in urls}


def assert_public_text(record, present, absent):
    for url, response in public_answers(record).items():
        assert response.status_code == 200, url
        if url.endswith("cite.bib"):
            continue
        body = b"".join(response) if response.streaming else response.content
        assert present in body.decode(), url
        assert absent not in body.decode(), url


def start_revision(client, record):
    response = press(client, change_page(record), "Change in a revision")
    assert response.status_code == 302, response.content.decode()[:2000]
    return (
        GuidanceSystem.objects.get(revision_of=record)
        if isinstance(record, GuidanceSystem)
        else type(record).objects.get(revision_of=record)
    )


def edit_revision_entries(client, revision, body):
    """Rewrite one section of the revision and drop one of its sources, as rendered."""
    form = rendered_form(client.get(change_page(revision)), form_id="guidancesystem_form")
    prefix = entry_prefix(form, OLD)
    kept_source = revision.entries.get(body=OLD).sources.get(title="Kept law")
    changes = {
        f"{prefix}-body": body,
        f"{prefix}-sources": [str(kept_source.pk)],
        "summary": "A revised summary.",
    }
    response = client.post(change_page(revision), form.data(changes, "_save"))
    assert response.status_code == 302, response.content.decode()[:3000]


def remove_section(client, revision, body):
    """Delete the section holding `body` from the revision, ticking its rendered box."""
    form = rendered_form(client.get(change_page(revision)), form_id="guidancesystem_form")
    changes = {f"{entry_prefix(form, body)}-DELETE": "on"}
    response = client.post(change_page(revision), form.data(changes, "_save"))
    assert response.status_code == 302, response.content.decode()[:3000]


def entry_prefix(form, body):
    return next(name.removesuffix("-body") for name, value in form.fields if value == body)


def test_a_revision_is_written_reviewed_and_published_while_the_public_reads_the_old_text(
    published, italian_expert, editor
):
    entry_ids = set(published.entries.values_list("pk", flat=True))
    expert = client_for(italian_expert)
    assert_public_text(published, OLD, NEW)

    revision = start_revision(expert, published)
    assert revision.status == PublicationStatus.DRAFT
    assert revision.entries.count() == 2 and revision.indicator_values.count() == 1
    assert revision.entries.get(body=OLD).sources.count() == 2
    edit_revision_entries(expert, revision, NEW)
    assert_public_text(published, OLD, NEW)

    assert press(expert, change_page(revision), "Submit for review").status_code == 302
    remove_section(client_for(editor), revision, "Text to be removed.")
    assert_public_text(published, OLD, NEW)

    response = press(client_for(editor), change_page(revision), "Publish this change")
    assert response.status_code == 302
    assert response.url == change_page(published)
    assert_public_text(published, NEW, OLD)

    published.refresh_from_db()
    assert published.status == PublicationStatus.PUBLISHED
    assert published.summary == "A revised summary."
    assert not GuidanceSystem.objects.filter(revision_of=published).exists()
    access = published.entries.get()
    assert access.pk in entry_ids  # changed in place: same row, continuous history
    assert [s.title for s in access.sources.all()] == ["Kept law"]
    assert published.indicator_values.count() == 1
    newest = access.history.first()
    assert newest.history_user == italian_expert
    assert "reviewed by editor" in newest.history_change_reason


def test_returning_a_revision_to_draft_leaves_the_published_record_public(
    published, italian_expert, editor
):
    expert = client_for(italian_expert)
    revision = start_revision(expert, published)
    edit_revision_entries(expert, revision, NEW)
    press(expert, change_page(revision), "Submit for review")

    return_page = client_for(editor).get(f"{change_page(revision).removesuffix('change/')}return/")
    form = rendered_form(return_page, button="Return to draft")
    client_for(editor).post(
        form.action or return_page.request["PATH_INFO"],
        form.data({"comment": "Cite the new law."}, "Return to draft"),
    )

    revision.refresh_from_db()
    published.refresh_from_db()
    assert (revision.status, revision.review_comment) == ("draft", "Cite the new law.")
    assert published.status == PublicationStatus.PUBLISHED
    assert_public_text(published, OLD, NEW)


def test_the_expert_is_sent_to_the_open_revision_and_never_gets_two(published, italian_expert):
    expert = client_for(italian_expert)
    revision = start_revision(expert, published)

    response = expert.get(change_page(published))
    assert response.status_code == 302 and response.url == change_page(revision)
    again = expert.post(f"/admin/guidance/guidancesystem/{published.pk}/revise/")
    assert again.url == change_page(revision)
    assert GuidanceSystem.objects.filter(revision_of=published).count() == 1


def test_a_revision_is_never_read_outside_the_admin(published, italian_expert):
    expert = client_for(italian_expert)
    revision = start_revision(expert, published)
    SectionEntry.objects.filter(system=revision).update(body=NEW)

    for client in (expert, api_client_for(italian_expert)):
        listed = client.get("/api/v1/systems/?country=IT&collection=2023")
        assert listed.status_code == 200
        assert listed.json()["count"] == 1
        assert NEW not in client.get("/api/v1/countries/IT/systems/2023/").content.decode()
        assert NEW not in client.get("/countries/IT/2023/").content.decode()


def test_a_revision_starts_with_the_copied_sources_in_its_first_version(published, italian_expert):
    """The revision's history says it was copied, not that the expert added its sources."""
    revision = start_revision(client_for(italian_expert), published)
    entry = revision.entries.get(body=OLD)
    [first] = entry.history.all()
    assert {row.source_id for row in first.sources.all()} == set(
        entry.sources.values_list("pk", flat=True)
    )


def test_an_editor_may_still_correct_the_published_record_directly(published, editor):
    page = client_for(editor).get(change_page(published))
    form = rendered_form(page, form_id="guidancesystem_form")
    response = client_for(editor).post(
        change_page(published), form.data({"summary": "An editor's correction."}, "_save")
    )
    assert response.status_code == 302
    published.refresh_from_db()
    assert (published.summary, published.status) == ("An editor's correction.", "published")


def test_a_policy_revision_keeps_the_policy_public_until_published(italy, italian_expert, editor):
    policy = make_policy(country=italy, title="National guidance strategy", summary=OLD)
    PolicyStageYear.objects.create(policy=policy, year=2021, stage="design")
    expert = client_for(italian_expert)

    revision = start_revision(expert, policy)
    form = rendered_form(expert.get(change_page(revision)), form_id="policy_form")
    stage = next(name for name, value in form.fields if value == "design")
    response = expert.post(
        change_page(revision),
        form.data({"summary": NEW, stage: "approved"}, "_save"),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    press(expert, change_page(revision), "Submit for review")

    public = Client().get(f"/policies/{policy.pk}/").content.decode()
    assert OLD in public and NEW not in public
    assert Client().get("/api/v1/policies/").json()["count"] == 1

    press(client_for(editor), change_page(revision), "Publish this change")
    policy.refresh_from_db()
    assert (policy.summary, policy.status) == (NEW, "published")
    assert list(policy.stages.values_list("year", "stage")) == [(2021, "approved")]
    assert not Policy.objects.filter(revision_of__isnull=False).exists()
    assert NEW in Client().get(f"/policies/{policy.pk}/").content.decode()


def test_an_initiative_revision_is_published_over_the_initiative(italy, italian_expert, editor):
    initiative = make_initiative(country=italy, title="Regional centres", summary=OLD)
    expert = client_for(italian_expert)
    revision = start_revision(expert, initiative)
    form = rendered_form(expert.get(change_page(revision)), form_id="initiative_form")
    expert.post(change_page(revision), form.data({"summary": NEW}, "_save"))
    press(expert, change_page(revision), "Submit for review")
    assert OLD in Client().get(f"/initiatives/{initiative.pk}/").content.decode()

    press(client_for(editor), change_page(revision), "Publish this change")
    initiative.refresh_from_db()
    assert initiative.summary == NEW
    assert Initiative.objects.count() == 1


def test_the_editors_workspace_lists_the_revision_as_a_proposed_change(
    published, italian_expert, editor
):
    expert = client_for(italian_expert)
    revision = start_revision(expert, published)
    press(expert, change_page(revision), "Submit for review")

    home = client_for(editor).get("/admin/").content.decode()
    assert "proposed change: country record" in home.lower()
    assert f'href="{change_page(revision)}"' in home


def test_review_threads_on_a_revision_follow_it_onto_the_published_record(
    published, italian_expert, editor
):
    expert = client_for(italian_expert)
    revision = start_revision(expert, published)
    press(expert, change_page(revision), "Submit for review")
    thread = ReviewComment.objects.create(
        entry=revision.entries.get(body=OLD), author=editor, body="Name the law."
    )

    press(client_for(editor), change_page(revision), "Publish this change")

    thread.refresh_from_db()
    assert thread.entry == published.entries.get(body=OLD)


def test_only_a_revision_says_what_it_is_a_change_of(published, italian_expert, editor):
    revision = start_revision(client_for(italian_expert), published)
    published_page = client_for(editor).get(change_page(published)).content.decode()
    revision_page = client_for(editor).get(change_page(revision)).content.decode()
    assert "Proposed change of" not in published_page
    assert "Proposed change of" in revision_page
    assert "Save and add another" not in revision_page
