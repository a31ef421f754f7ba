"""Organisations and sources go through review like the rest, and their forms carry a version.

An expert's change to a published organisation or source is kept as a proposed change (a
revision) while the public keeps reading the published one; an editor publishes it onto
the published row. New ones start as drafts and are published with the content citing
them. Every form here is the page the server rendered, posted back with a change.
"""

import csv
import io

import pytest

from guidance.models import Organisation, PublicationStatus, Source
from tests.conftest import _staff_user, client_for
from tests.factories import (
    make_entry,
    make_organisation,
    make_policy,
    make_source,
)
from tests.rendered_forms import post_rendered, press, rendered_form
from tests.sitemaps import sitemap_text

pytestmark = pytest.mark.django_db

OLD_NAME = "National Agency for Active Labour Policies"
NEW_NAME = "Italian Employment Office"
OLD_TITLE = "Guidelines for lifelong guidance"
NEW_TITLE = "Revised national guidance framework"


def change_url(obj):
    return f"/admin/guidance/{obj._meta.model_name}/{obj.pk}/change/"


def form_id(obj):
    return f"{obj._meta.model_name}_form"


def propose(client, obj, **changes):
    """Open the admin page of `obj` and save it with `changes`, as the page was rendered."""
    return post_rendered(client, change_url(obj), form_id(obj), changes)


def text(response):
    if response.streaming:
        return b"".join(response.streaming_content).decode("utf-8-sig")
    return response.content.decode()


def csv_column(response, column):
    return [row[column] for row in csv.DictReader(io.StringIO(text(response)))]


@pytest.fixture
def anpal(italy):
    return make_organisation(country=italy, name=OLD_NAME, acronym="ANPAL")


@pytest.fixture
def guidelines(italy):
    return make_source(country=italy, title=OLD_TITLE, url="https://example.org/guidelines")


@pytest.fixture
def cited_guidelines(guidelines, italian_record, sections):
    make_entry(system=italian_record, section=sections[0]).sources.add(guidelines)
    return guidelines


@pytest.fixture
def second_italian_expert(groups, italy):
    _, experts = groups
    user = _staff_user("second-expert-it", experts)
    italy.experts.add(user)
    return user


def public_organisation_names(anonymous, organisation):
    """The organisation's name wherever an anonymous reader can find it."""
    page = text(anonymous.get(f"/organisations/{organisation.pk}/"))
    return {
        "page": OLD_NAME in page and NEW_NAME not in page,
        "api": anonymous.get(f"/api/v1/organisations/{organisation.pk}/").json()["name"],
        "api list": [
            row["name"] for row in anonymous.get("/api/v1/organisations/").json()["results"]
        ],
        "register": NEW_NAME in text(anonymous.get("/organisations/")),
        "downloads": csv_column(anonymous.get("/downloads/inventory-organisations.csv"), "name"),
        "search": NEW_NAME in text(anonymous.get("/search/?q=Employment")),
    }


def test_an_experts_new_name_stays_private_until_an_editor_publishes_it(
    italian_expert, editor, anonymous, anpal
):
    expert = client_for(italian_expert)
    response = propose(expert, anpal, name=NEW_NAME)

    revision = Organisation.objects.get(revision_of=anpal)
    assert response.status_code == 302
    assert response.url == change_url(revision)
    assert revision.name == NEW_NAME
    assert revision.status == PublicationStatus.IN_REVIEW
    assert "The public keeps seeing the published version" in text(expert.get(response.url))
    anpal.refresh_from_db()
    assert anpal.name == OLD_NAME
    assert public_organisation_names(anonymous, anpal) == {
        "page": True,
        "api": OLD_NAME,
        "api list": [OLD_NAME],
        "register": False,
        "downloads": [OLD_NAME],
        "search": False,
    }

    response = press(client_for(editor), change_url(revision), "Publish this change")

    assert response.url == change_url(anpal)
    assert not Organisation.objects.filter(revision_of__isnull=False).exists()
    anpal.refresh_from_db()
    assert anpal.name == NEW_NAME
    assert anpal.acronym == "ANPAL"
    assert anpal.status == PublicationStatus.PUBLISHED
    assert anpal.reviewed_by == editor
    assert anonymous.get(f"/api/v1/organisations/{anpal.pk}/").json()["name"] == NEW_NAME
    assert csv_column(anonymous.get("/downloads/inventory-organisations.csv"), "name") == [NEW_NAME]
    assert NEW_NAME in text(anonymous.get("/search/?q=Employment"))
    latest = anpal.history.first()
    assert latest.name == NEW_NAME
    assert latest.history_user == italian_expert
    assert "expert-it" in latest.history_change_reason
    assert "editor" in latest.history_change_reason
    history = text(client_for(editor).get(f"/admin/guidance/organisation/{anpal.pk}/history/"))
    assert NEW_NAME in history


def test_an_experts_new_title_for_a_cited_source_stays_private_until_published(
    italian_expert, editor, anonymous, cited_guidelines
):
    expert = client_for(italian_expert)
    response = propose(expert, cited_guidelines, title=NEW_TITLE)

    revision = Source.objects.get(revision_of=cited_guidelines)
    assert response.url == change_url(revision)
    assert revision.title == NEW_TITLE
    assert revision.url == cited_guidelines.url
    profile = text(anonymous.get("/countries/IT/"))
    assert OLD_TITLE in profile and NEW_TITLE not in profile
    assert anonymous.get(f"/api/v1/sources/{cited_guidelines.pk}/").json()["title"] == OLD_TITLE
    titles = [row["title"] for row in anonymous.get("/api/v1/sources/").json()["results"]]
    assert titles == [OLD_TITLE]
    assert csv_column(anonymous.get("/downloads/inventory-sources.csv"), "title") == [OLD_TITLE]

    response = press(client_for(editor), change_url(revision), "Publish this change")

    assert response.url == change_url(cited_guidelines)
    assert not Source.objects.filter(revision_of__isnull=False).exists()
    profile = text(anonymous.get("/countries/IT/"))
    assert NEW_TITLE in profile and OLD_TITLE not in profile
    assert anonymous.get(f"/api/v1/sources/{cited_guidelines.pk}/").json()["title"] == NEW_TITLE
    assert cited_guidelines.history.first().history_user == italian_expert


def test_the_published_page_links_to_the_open_revision_and_sends_the_expert_there(
    italian_expert, editor, anpal
):
    expert = client_for(italian_expert)
    before = text(expert.get(change_url(anpal)))
    assert "the public keeps seeing this version meanwhile" in before
    propose(expert, anpal, name=NEW_NAME)
    revision = Organisation.objects.get(revision_of=anpal)

    response = expert.get(change_url(anpal))
    assert response.status_code == 302
    assert response.url == change_url(revision)
    editor_page = text(client_for(editor).get(change_url(anpal)))
    assert "A proposed change to this organisation is waiting for review" in editor_page
    assert f'href="{change_url(revision)}"' in editor_page


def test_a_revision_in_review_is_frozen_for_the_expert(italian_expert, anpal):
    expert = client_for(italian_expert)
    propose(expert, anpal, name=NEW_NAME)
    revision = Organisation.objects.get(revision_of=anpal)

    page = text(expert.get(change_url(revision)))
    assert 'id="organisation_form"' in page and 'name="_save"' not in page
    response = expert.post(change_url(revision), {"name": "Something else"})
    assert response.status_code == 403
    revision.refresh_from_db()
    assert revision.name == NEW_NAME


def test_a_returned_revision_is_edited_resubmitted_and_published(italian_expert, editor, anpal):
    expert, reviewer = client_for(italian_expert), client_for(editor)
    propose(expert, anpal, name=NEW_NAME)
    revision = Organisation.objects.get(revision_of=anpal)

    reviewer.post(
        f"/admin/guidance/organisation/{revision.pk}/return/",
        {"comment": "Use the official English name."},
    )
    assert "Use the official English name." in text(expert.get(change_url(revision)))
    propose(expert, revision, name="Italian Public Employment Office")
    press(expert, change_url(revision), "Submit for review")
    press(reviewer, change_url(revision), "Publish this change")

    anpal.refresh_from_db()
    assert anpal.name == "Italian Public Employment Office"
    assert not Organisation.objects.filter(pk=revision.pk).exists()


def test_an_experts_revert_of_a_published_organisation_is_a_proposed_change(
    italian_expert, editor, anpal
):
    propose(client_for(editor), anpal, name=NEW_NAME)
    first = anpal.history.order_by("history_date").first()
    expert = client_for(italian_expert)

    response = post_rendered(
        expert,
        f"{change_url(anpal).replace('change/', 'history/')}{first.history_id}/",
        "historicalorganisation_form",
    )

    revision = Organisation.objects.get(revision_of=anpal)
    assert response.url == change_url(revision)
    assert revision.name == OLD_NAME
    anpal.refresh_from_db()
    assert anpal.name == NEW_NAME


def test_a_published_organisation_is_never_returned_to_draft(editor, anonymous, anpal):
    reviewer = client_for(editor)
    assert "Return to draft" not in text(reviewer.get(change_url(anpal)))

    reviewer.post(f"/admin/guidance/organisation/{anpal.pk}/return/", {"comment": "Withdraw."})

    anpal.refresh_from_db()
    assert anpal.status == PublicationStatus.PUBLISHED
    assert anonymous.get(f"/organisations/{anpal.pk}/").status_code == 200


def test_an_editors_change_to_a_published_organisation_applies_directly(editor, anonymous, anpal):
    response = propose(client_for(editor), anpal, name=NEW_NAME)

    assert response.status_code == 302
    assert not Organisation.objects.filter(revision_of__isnull=False).exists()
    anpal.refresh_from_db()
    assert anpal.name == NEW_NAME
    assert anpal.status == PublicationStatus.PUBLISHED
    assert anonymous.get(f"/api/v1/organisations/{anpal.pk}/").json()["name"] == NEW_NAME


def test_a_proposal_taking_a_name_already_used_is_a_form_error(italian_expert, italy, anpal):
    make_organisation(country=italy, name=NEW_NAME)

    response = propose(client_for(italian_expert), anpal, name=NEW_NAME)

    assert response.status_code == 200
    assert "This country already has an organisation of this name." in text(response)
    assert not Organisation.objects.filter(revision_of__isnull=False).exists()


def test_publishing_a_revision_whose_name_was_taken_meanwhile_is_refused(
    italian_expert, editor, italy, anpal
):
    propose(client_for(italian_expert), anpal, name=NEW_NAME)
    revision = Organisation.objects.get(revision_of=anpal)
    make_organisation(country=italy, name=NEW_NAME)

    reviewer = client_for(editor)
    response = press(reviewer, change_url(revision), "Publish this change")

    assert response.url == change_url(revision)
    assert "This country already has an organisation of this name." in text(
        reviewer.get(response.url)
    )
    anpal.refresh_from_db()
    assert anpal.name == OLD_NAME


# -- new organisations and sources ------------------------------------------------------


def test_a_new_organisation_by_an_expert_is_a_draft_until_the_policy_naming_it_is_published(
    italian_expert, editor, anonymous, italy, anpal
):
    expert = client_for(italian_expert)
    response = post_rendered(
        expert,
        "/admin/guidance/organisation/add/",
        "organisation_form",
        {"country": str(italy.pk), "type": str(anpal.type_id), "name": NEW_NAME},
    )
    assert response.status_code == 302
    new = Organisation.objects.get(name=NEW_NAME)
    assert new.status == PublicationStatus.DRAFT
    assert anonymous.get(f"/organisations/{new.pk}/").status_code == 404
    assert anonymous.get(f"/api/v1/organisations/{new.pk}/").status_code == 404
    assert NEW_NAME not in text(anonymous.get("/organisations/"))
    assert NEW_NAME not in text(anonymous.get("/countries/IT/"))
    assert "Draft: not public" in text(expert.get(f"/organisations/{new.pk}/"))
    assert '<span class="status-draft">Draft</span>' in text(expert.get("/organisations/"))
    assert '<span class="status-draft">Draft</span>' in text(expert.get("/countries/IT/"))

    policy = make_policy(country=italy, status=PublicationStatus.IN_REVIEW)
    policy.responsible_organisations.add(new)
    press(client_for(editor), change_url(policy), "Publish")

    new.refresh_from_db()
    assert new.status == PublicationStatus.PUBLISHED
    assert new.reviewed_by == editor
    assert anonymous.get(f"/organisations/{new.pk}/").status_code == 200


def test_a_new_source_by_an_expert_is_published_with_the_record_citing_it(
    italian_expert, editor, anonymous, italy, italian_record, sections
):
    expert = client_for(italian_expert)
    post_rendered(
        expert,
        "/admin/guidance/source/add/",
        "source_form",
        {"country": str(italy.pk), "title": NEW_TITLE, "url": "https://example.org/new"},
    )
    new = Source.objects.get(title=NEW_TITLE)
    assert new.status == PublicationStatus.DRAFT
    assert anonymous.get(f"/api/v1/sources/{new.pk}/").status_code == 404
    italian_record.status = PublicationStatus.IN_REVIEW
    italian_record.save()
    make_entry(system=italian_record, section=sections[0]).sources.add(new)

    press(client_for(editor), change_url(italian_record), "Publish")

    new.refresh_from_db()
    assert new.status == PublicationStatus.PUBLISHED
    assert NEW_TITLE in text(anonymous.get("/countries/IT/"))
    assert anonymous.get(f"/api/v1/sources/{new.pk}/").status_code == 200


def test_an_editor_citing_a_draft_source_in_published_content_publishes_it(
    editor, anonymous, italy
):
    draft = make_source(country=italy, title=NEW_TITLE, status=PublicationStatus.DRAFT)
    policy = make_policy(country=italy)

    post_rendered(
        client_for(editor), change_url(policy), "policy_form", {"sources": [str(draft.pk)]}
    )

    draft.refresh_from_db()
    assert list(policy.sources.all()) == [draft]
    assert draft.status == PublicationStatus.PUBLISHED
    assert NEW_TITLE in text(anonymous.get(f"/policies/{policy.pk}/"))


# -- no lost updates ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fixture", "first", "second"),
    [
        ("anpal", {"acronym": "ANPAL-IT"}, {"name": NEW_NAME}),
        ("guidelines", {"publisher": "Ministry of Labour"}, {"title": NEW_TITLE}),
    ],
)
def test_a_save_from_a_page_opened_before_anothers_save_is_refused(
    request, editor, italian_expert, fixture, first, second
):
    obj = request.getfixturevalue(fixture)
    editor_client, expert_client = client_for(editor), client_for(italian_expert)
    expert_form = rendered_form(expert_client.get(change_url(obj)), form_id=form_id(obj))
    assert "seen_version" in dict(expert_form.fields)
    assert propose(editor_client, obj, **first).status_code == 302

    response = expert_client.post(change_url(obj), expert_form.data(second, "_save"))

    assert response.status_code == 200
    assert "editor saved a newer version" in text(response)
    obj.refresh_from_db()
    for name, value in first.items():
        assert getattr(obj, name) == value
    for name in second:
        assert getattr(obj, name) != second[name]
    assert not type(obj).objects.filter(revision_of__isnull=False).exists()


def test_a_second_proposal_from_a_page_opened_before_the_first_is_a_form_error(
    italian_expert, second_italian_expert, anpal
):
    second = client_for(second_italian_expert)
    stale = rendered_form(second.get(change_url(anpal)), form_id="organisation_form")
    propose(client_for(italian_expert), anpal, name=NEW_NAME)

    response = second.post(change_url(anpal), stale.data({"acronym": "AN"}, "_save"))

    assert response.status_code == 200
    assert "already waiting for review" in text(response)
    assert Organisation.objects.filter(revision_of=anpal).get().name == NEW_NAME


# -- who sees what ------------------------------------------------------------------------


@pytest.fixture
def italian_revisions(italian_expert, anpal, guidelines):
    expert = client_for(italian_expert)
    propose(expert, anpal, name=NEW_NAME)
    propose(expert, guidelines, title=NEW_TITLE)
    return Organisation.objects.get(revision_of=anpal), Source.objects.get(revision_of=guidelines)


def test_the_german_expert_can_neither_see_nor_change_italys_revisions(
    german_expert, italian_revisions
):
    german = client_for(german_expert)
    for revision in italian_revisions:
        assert german.get(change_url(revision)).status_code == 403
        german.post(change_url(revision), {"name": "Hijacked", "title": "Hijacked"})
        revision.refresh_from_db()
        assert "Hijacked" not in str(revision)
    assert NEW_TITLE not in text(german.get("/admin/guidance/source/"))
    assert NEW_NAME not in text(german.get("/admin/guidance/organisation/"))


def test_revisions_are_never_offered_as_choices(editor, italian_revisions, italy):
    autocomplete = client_for(editor).get(
        "/admin/autocomplete/",
        {"app_label": "guidance", "model_name": "policy", "field_name": "sources", "term": ""},
    )
    assert [row["text"] for row in autocomplete.json()["results"]] == [OLD_TITLE]
    autocomplete = client_for(editor).get(
        "/admin/autocomplete/",
        {
            "app_label": "guidance",
            "model_name": "policy",
            "field_name": "responsible_organisations",
            "term": "",
        },
    )
    assert [row["text"] for row in autocomplete.json()["results"]] == [f"{OLD_NAME} (ANPAL)"]


def test_the_german_expert_is_not_offered_italian_draft_sources(german_expert, italy):
    make_source(country=italy, title="Italian draft", status=PublicationStatus.DRAFT)
    autocomplete = client_for(german_expert).get(
        "/admin/autocomplete/",
        {"app_label": "guidance", "model_name": "policy", "field_name": "sources", "term": ""},
    )
    assert autocomplete.json()["results"] == []


def test_the_expert_reading_the_site_sees_the_published_organisation_not_its_revision(
    italian_expert, italian_revisions, anpal, guidelines
):
    expert = client_for(italian_expert)
    assert [row["id"] for row in expert.get("/api/v1/organisations/").json()["results"]] == [
        anpal.pk
    ]
    assert [row["id"] for row in expert.get("/api/v1/sources/").json()["results"]] == [
        guidelines.pk
    ]
    assert NEW_NAME not in text(expert.get("/organisations/"))
    assert NEW_NAME not in text(expert.get("/countries/IT/"))


def test_anonymous_readers_never_see_a_revision_or_a_draft(
    anonymous, italy, italian_revisions, anpal, guidelines
):
    draft_org = make_organisation(country=italy, name="Draft body", status=PublicationStatus.DRAFT)
    draft_source = make_source(country=italy, title="Draft paper", status=PublicationStatus.DRAFT)
    hidden_orgs = [draft_org, italian_revisions[0]]
    hidden_sources = [draft_source, italian_revisions[1]]

    assert [row["id"] for row in anonymous.get("/api/v1/organisations/").json()["results"]] == [
        anpal.pk
    ]
    assert [row["id"] for row in anonymous.get("/api/v1/sources/").json()["results"]] == [
        guidelines.pk
    ]
    for obj in hidden_orgs:
        assert anonymous.get(f"/api/v1/organisations/{obj.pk}/").status_code == 404
        assert anonymous.get(f"/organisations/{obj.pk}/").status_code == 404
    for obj in hidden_sources:
        assert anonymous.get(f"/api/v1/sources/{obj.pk}/").status_code == 404
    register = text(anonymous.get("/organisations/"))
    assert "Draft body" not in register and NEW_NAME not in register
    assert csv_column(anonymous.get("/downloads/inventory-organisations.csv"), "id") == [
        str(anpal.pk)
    ]
    assert csv_column(anonymous.get("/downloads/inventory-sources.csv"), "id") == [
        str(guidelines.pk)
    ]
    downloads = text(anonymous.get("/downloads/inventory.json"))
    assert "Draft body" not in downloads and NEW_NAME not in downloads
    assert "Draft paper" not in downloads and NEW_TITLE not in downloads
    assert f"/organisations/{draft_org.pk}/" not in text(anonymous.get("/search/?q=Draft+body"))
    assert NEW_NAME not in text(anonymous.get("/search/?q=Employment"))
    sitemap = sitemap_text(anonymous)
    assert f"/organisations/{anpal.pk}/" in sitemap
    for obj in hidden_orgs:
        assert f"/organisations/{obj.pk}/" not in sitemap
