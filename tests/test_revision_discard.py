"""An expert withdraws a change they no longer want: discarding a revision deletes it with its
parts, says so in its history, and leaves the published version as readers see it.

Every page here is the one the server rendered (tests/rendered_forms.py).
"""

import re

import pytest

from guidance.models import GuidanceSystem, Organisation, SectionEntry
from tests.conftest import client_for
from tests.factories import make_entry, make_organisation
from tests.rendered_forms import post_rendered, press, rendered_form

pytestmark = pytest.mark.django_db

ACCESS = "Every adult may ask a public centre for guidance."


@pytest.fixture
def published(italian_record, sections):
    make_entry(system=italian_record, section=sections[0], body=ACCESS)
    return italian_record


def change_page(obj):
    return f"/admin/guidance/{obj._meta.model_name}/{obj.pk}/change/"


def discard_page(obj):
    return f"/admin/guidance/{obj._meta.model_name}/{obj.pk}/discard/"


def start_revision(client, content):
    assert press(client, change_page(content), "Change in a revision").status_code == 302
    return type(content).objects.get(revision_of=content)


def discard_link(client, revision):
    """The address of the "Discard this change…" link on the revision's page, if shown."""
    page = client.get(change_page(revision)).content.decode()
    found = re.search(r'<a href="([^"]+)">Discard this change…</a>', page)
    return found and found.group(1)


def test_italys_expert_discards_their_revision_and_the_published_record_stays(
    published, italian_expert
):
    expert = client_for(italian_expert)
    revision = start_revision(expert, published)
    post_rendered(expert, change_page(revision), "guidancesystem_form", {"summary": "Unwanted."})
    version = GuidanceSystem.objects.get(pk=published.pk).version

    confirmation = expert.get(discard_link(expert, revision))
    assert "The published version stays as readers see it." in confirmation.content.decode()
    form = rendered_form(confirmation, button="Yes, discard this change")
    response = expert.post(form.action or discard_page(revision), form.data())

    assert response.status_code == 302 and response.url == change_page(published)
    assert not GuidanceSystem.objects.filter(pk=revision.pk).exists()
    assert not SectionEntry.objects.filter(system_id=revision.pk).exists()
    published.refresh_from_db()
    assert (published.version, published.summary, published.status) == (
        version,
        "A summary.",
        "published",
    )
    assert list(published.entries.values_list("body", flat=True)) == [ACCESS]
    gone = GuidanceSystem.history.filter(id=revision.pk).first()
    assert (gone.history_type, gone.history_user) == ("-", italian_expert)
    assert gone.history_change_reason == "Discarded the proposed change"
    assert SectionEntry.history.filter(system_id=revision.pk, history_type="-").count() == 1


def test_the_confirmation_page_runs_a_fixed_number_of_queries(
    published, italian_expert, django_assert_num_queries
):
    expert = client_for(italian_expert)
    revision = start_revision(expert, published)
    # session, user, the editor check, the sections' count (the record admin's), the
    # revision, the user's and group permissions, the revision's country and the expert's
    # countries (view and discard checks), and its collection (its name in the page)
    with django_assert_num_queries(10):
        assert expert.get(discard_page(revision)).status_code == 200


def test_germanys_expert_cannot_discard_italys_revision(
    published, italian_expert, german_expert, editor
):
    revision = start_revision(client_for(italian_expert), published)
    german = client_for(german_expert)

    assert german.get(discard_page(revision)).status_code == 403
    assert german.post(discard_page(revision)).status_code == 403
    assert GuidanceSystem.objects.filter(pk=revision.pk).exists()
    assert discard_link(client_for(editor), revision)


def test_the_published_record_offers_no_discard(published, italian_expert, editor):
    start_revision(client_for(italian_expert), published)
    editor_client = client_for(editor)

    assert discard_link(editor_client, published) is None
    response = editor_client.post(discard_page(published), follow=True)
    assert "Only editors and the national experts of its country discard" in (
        response.content.decode()
    )
    assert GuidanceSystem.objects.filter(pk=published.pk).exists()


def test_an_editor_discards_a_proposed_organisation_change(italy, italian_expert, editor):
    anpal = make_organisation(country=italy, name="National Agency")
    post_rendered(
        client_for(italian_expert), change_page(anpal), "organisation_form", {"name": "Agency"}
    )
    revision = Organisation.objects.get(revision_of=anpal)
    client = client_for(editor)

    form = rendered_form(
        client.get(discard_link(client, revision)), button="Yes, discard this change"
    )
    client.post(discard_page(revision), form.data())

    assert list(Organisation.objects.values_list("name", flat=True)) == ["National Agency"]
