"""Publishing a revision loses no edit made meanwhile (guidance/rules/merging.py).

While Italy's expert writes a change to the published record, the editor may still correct
the published record directly. Publishing the change keeps both: what only the change
changed is published, what only the editor corrected stays. Where both changed the same
field, or the same section, differently, the publish is refused and names it, and nothing
is saved until the two are reconciled.

Every form here is the one the server rendered (tests/rendered_forms.py).
"""

import pytest

from guidance.models import GuidanceSystem, Organisation, Policy, PolicyStageYear
from tests.api.conftest import api_client_for
from tests.conftest import client_for
from tests.factories import make_entry, make_organisation, make_policy, make_source
from tests.rendered_forms import post_rendered, press, rendered_form

pytestmark = pytest.mark.django_db

SUMMARY = "Guidance is a shared duty of the regions."
ACCESS = "Every adult may ask a public centre for guidance."
CAREERS = "Schools offer career lessons from age twelve."


@pytest.fixture
def published(italian_record, sections):
    """Italy's published 2023 record: a summary and two written sections, one citing a law."""
    italian_record.summary = SUMMARY
    italian_record.save()
    access = make_entry(system=italian_record, section=sections[0], body=ACCESS)
    access.sources.set([make_source(title="Guidance law")])
    make_entry(system=italian_record, section=sections[1], body=CAREERS)
    return italian_record


def change_page(obj):
    return f"/admin/guidance/{obj._meta.model_name}/{obj.pk}/change/"


def start_revision(client, content):
    response = press(client, change_page(content), "Change in a revision")
    assert response.status_code == 302, response.content.decode()[:2000]
    return type(content).objects.get(revision_of=content)


def save(client, obj, changes):
    """Save `obj`'s admin page as rendered, with `changes` to fields or to sections by text.

    A key naming a section's current text (e.g. ACCESS) stands for that section's text
    field; ("sources", ACCESS) for its sources.
    """
    form_id = f"{obj._meta.model_name}_form"
    form = rendered_form(client.get(change_page(obj)), form_id=form_id)
    posted = {}
    for name, value in changes.items():
        if isinstance(name, tuple):
            posted[f"{entry_prefix(form, name[1])}-{name[0]}"] = value
        elif any(field_value == name for _, field_value in form.fields):
            posted[f"{entry_prefix(form, name)}-body"] = value
        else:
            posted[name] = value
    response = client.post(change_page(obj), form.data(posted, "_save"))
    assert response.status_code == 302, response.content.decode()[:3000]


def entry_prefix(form, body):
    return next(
        name.removesuffix("-body")
        for name, value in form.fields
        if value == body and name.endswith("-body")
    )


def remove_section(client, revision, body):
    """Tick the rendered "Delete" box of the revision's section holding `body` (experts have
    no such box: an editor removes a section in review)."""
    form = rendered_form(client.get(change_page(revision)), form_id="guidancesystem_form")
    removed = {f"{entry_prefix(form, body)}-DELETE": "on"}
    assert client.post(change_page(revision), form.data(removed, "_save")).status_code == 302


def publish(editor, revision):
    """Press "Publish this change" and follow to the page the editor lands on."""
    client = client_for(editor)
    form = rendered_form(client.get(change_page(revision)), button="Publish this change")
    return client.post(form.action, form.data(button="Publish this change"), follow=True)


def texts(record):
    return dict(record.entries.values_list("section__number", "body"))


def test_publishing_keeps_the_editors_correction_and_the_experts_change(
    published, italian_expert, editor
):
    expert = client_for(italian_expert)
    revision = start_revision(expert, published)
    save(expert, revision, {ACCESS: "Every adult may ask any centre.", "contributors": "M. Rossi"})
    press(expert, change_page(revision), "Submit for review")

    correction = "Guidance is a shared duty of the State and the regions."
    save(client_for(editor), published, {"summary": correction, CAREERS: "Schools teach careers."})

    response = publish(editor, revision)

    assert "Published." in response.content.decode()
    published.refresh_from_db()
    assert (published.summary, published.contributors) == (correction, "M. Rossi")
    assert texts(published) == {1: "Every adult may ask any centre.", 2: "Schools teach careers."}
    assert not GuidanceSystem.objects.filter(revision_of=published).exists()


def test_both_changing_the_summary_is_refused_and_nothing_is_saved(
    published, italian_expert, editor
):
    expert = client_for(italian_expert)
    revision = start_revision(expert, published)
    save(expert, revision, {"summary": "Guidance is run by the regions.", ACCESS: "Any centre."})
    save(client_for(editor), published, {"summary": "Guidance is a duty of the State."})
    version = GuidanceSystem.objects.get(pk=published.pk).version

    response = publish(editor, revision)

    page = response.content.decode()
    assert response.redirect_chain[-1][0] == change_page(revision)
    assert "Not published: since this change was started" in page
    assert "Summary: changed both in this change and in the published version." in page
    published.refresh_from_db()
    assert (published.summary, published.version) == ("Guidance is a duty of the State.", version)
    assert texts(published) == {1: ACCESS, 2: CAREERS}
    revision.refresh_from_db()
    assert revision.summary == "Guidance is run by the regions."


def test_the_change_publishes_once_it_says_what_the_correction_says(
    published, italian_expert, editor
):
    expert = client_for(italian_expert)
    revision = start_revision(expert, published)
    save(expert, revision, {"summary": "Guidance is run by the regions.", ACCESS: "Any centre."})
    save(client_for(editor), published, {"summary": "Guidance is a duty of the State."})
    assert "Not published" in publish(editor, revision).content.decode()

    save(expert, revision, {"summary": "Guidance is a duty of the State."})
    assert "Published." in publish(editor, revision).content.decode()

    published.refresh_from_db()
    assert published.summary == "Guidance is a duty of the State."
    assert texts(published) == {1: "Any centre.", 2: CAREERS}


def test_both_changing_the_same_section_differently_is_refused(published, italian_expert, editor):
    expert = client_for(italian_expert)
    revision = start_revision(expert, published)
    save(expert, revision, {ACCESS: "Adults may ask the regions.", "contributors": "M. Rossi"})
    save(client_for(editor), published, {ACCESS: "Every adult may ask a centre, free."})

    page = publish(editor, revision).content.decode()

    assert "Section “1. Section 1”: Text changed both in this change and in the published" in page
    published.refresh_from_db()
    assert published.contributors == ""
    assert texts(published) == {1: "Every adult may ask a centre, free.", 2: CAREERS}
    assert GuidanceSystem.objects.filter(revision_of=published).exists()


def test_a_section_merges_field_by_field_its_text_and_its_sources(
    published, italian_expert, editor
):
    decree = make_source(title="Guidance decree")
    expert = client_for(italian_expert)
    revision = start_revision(expert, published)
    save(expert, revision, {ACCESS: "Every adult may ask any centre."})
    law = published.entries.get(body=ACCESS).sources.get()
    save(client_for(editor), published, {("sources", ACCESS): [str(law.pk), str(decree.pk)]})

    assert "Published." in publish(editor, revision).content.decode()

    access = published.entries.get(section__number=1)
    assert access.body == "Every adult may ask any centre."
    assert set(access.sources.values_list("title", flat=True)) == {
        "Guidance law",
        "Guidance decree",
    }


def test_a_section_removed_by_the_change_and_one_added_meanwhile_both_hold(
    published, italian_expert, editor, sections
):
    expert = client_for(italian_expert)
    revision = start_revision(expert, published)
    remove_section(client_for(editor), revision, CAREERS)
    # The editor writes the third section on the published record meanwhile.
    make_entry(system=published, section=sections[2], body="Guidance is evaluated yearly.")

    assert "Published." in publish(editor, revision).content.decode()

    assert texts(published) == {1: ACCESS, 3: "Guidance is evaluated yearly."}


def test_a_section_the_change_removed_but_the_editor_corrected_is_refused(
    published, italian_expert, editor
):
    expert = client_for(italian_expert)
    revision = start_revision(expert, published)
    remove_section(client_for(editor), revision, CAREERS)
    save(client_for(editor), published, {CAREERS: "Schools teach careers."})

    page = publish(editor, revision).content.decode()

    assert "Section “2. Section 2”: removed in one version and changed in the other." in page
    assert texts(published) == {1: ACCESS, 2: "Schools teach careers."}


def test_a_policy_stage_follows_the_same_rule(italy, italian_expert, editor):
    policy = make_policy(country=italy, title="Guidance strategy", summary=SUMMARY)
    PolicyStageYear.objects.create(policy=policy, year=2021, stage="design")
    expert = client_for(italian_expert)
    revision = start_revision(expert, policy)
    form = rendered_form(expert.get(change_page(revision)), form_id="policy_form")
    stage = next(name for name, value in form.fields if value == "design")
    assert expert.post(change_page(revision), form.data({stage: "approved"}, "_save")).status_code
    save(client_for(editor), policy, {"summary": "A strategy for all ages."})

    assert "Published." in publish(editor, revision).content.decode()

    policy.refresh_from_db()
    assert policy.summary == "A strategy for all ages."
    assert list(policy.stages.values_list("year", "stage")) == [(2021, "approved")]
    assert not Policy.objects.filter(revision_of=policy).exists()


def test_a_proposed_organisation_change_keeps_the_editors_correction(italy, italian_expert, editor):
    anpal = make_organisation(country=italy, name="National Agency", acronym="ANPAL")
    post_rendered(
        client_for(italian_expert), change_page(anpal), "organisation_form", {"acronym": "ANPAL IT"}
    )
    revision = Organisation.objects.get(revision_of=anpal)
    save(client_for(editor), anpal, {"name": "National Agency for Labour Policies"})

    assert "Published." in publish(editor, revision).content.decode()

    anpal.refresh_from_db()
    assert (anpal.name, anpal.acronym) == ("National Agency for Labour Policies", "ANPAL IT")


def test_a_proposed_organisation_name_conflicting_with_a_correction_is_refused(
    italy, italian_expert, editor
):
    anpal = make_organisation(country=italy, name="National Agency", acronym="ANPAL")
    post_rendered(
        client_for(italian_expert), change_page(anpal), "organisation_form", {"name": "Agency"}
    )
    revision = Organisation.objects.get(revision_of=anpal)
    save(client_for(editor), anpal, {"name": "National Agency for Labour Policies"})

    page = publish(editor, revision).content.decode()

    assert "Name: changed both in this change and in the published version." in page
    anpal.refresh_from_db()
    assert anpal.name == "National Agency for Labour Policies"
    assert Organisation.objects.filter(revision_of=anpal).exists()


def test_the_api_offers_no_door_to_a_revision(italy, italian_expert, editor):
    """Revisions are written and published in the admin only: the API answers for the
    published policy (already published: 409) and knows no revision (404), never a 500."""
    policy = make_policy(country=italy, summary=SUMMARY)
    revision = start_revision(client_for(italian_expert), policy)
    api = api_client_for(editor)

    assert api.post(f"/api/v1/policies/{policy.pk}/publish/").status_code == 409
    assert api.post(f"/api/v1/policies/{revision.pk}/publish/").status_code == 404
    assert Policy.objects.filter(revision_of=policy).exists()


def test_a_record_with_no_history_before_the_change_takes_the_change_as_before(
    published, italian_expert, editor
):
    """A row loaded without history has no known base: the change is published whole."""
    expert = client_for(italian_expert)
    revision = start_revision(expert, published)
    save(expert, revision, {"summary": "Guidance is run by the regions.", ACCESS: "Any centre."})
    GuidanceSystem.history.filter(id=published.pk).delete()

    assert "Published." in publish(editor, revision).content.decode()

    published.refresh_from_db()
    assert published.summary == "Guidance is run by the regions."
    assert texts(published) == {1: "Any centre.", 2: CAREERS}
