"""Each Markdown text is stored beside its sanitised HTML, written on every save.

Pages print the stored HTML, so it must always be the render of the text as it is now,
whichever way the text was written (admin, API, a published revision, the demo loader),
and hostile Markdown must come out of it as inert as it does from the renderer.
"""

from io import StringIO

import pytest
from django.core.management import call_command

from guidance.models import GuidanceSystem, Initiative, Policy, PublicationStatus, SectionEntry
from guidance.reading.markdown import markdown_html
from guidance.rules import revisions
from tests.api.conftest import api_client_for
from tests.conftest import client_for
from tests.factories import make_entry, make_initiative, make_policy
from tests.rendered_forms import post_rendered
from tests.test_xss import FORBIDDEN

pytestmark = pytest.mark.django_db

HOSTILE = (
    "**Bold** and [a link](https://example.org/).\n\n"
    '<script>alert(1)</script> <img src=x onerror="alert(1)">\n\n'
    "[click](javascript:alert(1))"
)
RENDERED = {
    GuidanceSystem: {"summary": "summary_html"},
    SectionEntry: {"body": "body_html"},
    Policy: {"summary": "summary_html"},
    Initiative: {"summary": "summary_html", "evidence_of_results": "evidence_of_results_html"},
}


def assert_stored_html_is_the_render(obj):
    obj.refresh_from_db()
    for text, html in RENDERED[type(obj)].items():
        stored = getattr(obj, html)
        assert stored == markdown_html(getattr(obj, text)), (obj, html)
        assert not [token for token in FORBIDDEN if token in stored.lower()], (obj, html)


def assert_every_row_is_rendered():
    for model in RENDERED:
        for obj in model.objects.all():
            assert_stored_html_is_the_render(obj)


def test_a_save_renders_and_sanitises_every_markdown_field(italian_record, sections, italy):
    entry = make_entry(system=italian_record, section=sections[0], body=HOSTILE)
    initiative = make_initiative(country=italy, summary=HOSTILE, evidence_of_results=HOSTILE)
    italian_record.summary = HOSTILE
    italian_record.save()

    for obj in (italian_record, entry, initiative):
        assert_stored_html_is_the_render(obj)
    assert "<strong>Bold</strong>" in entry.body_html
    assert 'href="https://example.org/"' in initiative.evidence_of_results_html


def test_a_save_of_chosen_fields_still_renders_the_text(italy):
    policy = make_policy(country=italy, summary="Old.")
    policy.summary = "*New*."
    policy.save(update_fields=["summary"])
    assert_stored_html_is_the_render(policy)
    assert policy.summary_html == "<p><em>New</em>.</p>"


def test_an_emptied_text_has_no_html(italy):
    policy = make_policy(country=italy, summary="Some text.")
    policy.summary = ""
    policy.save()
    policy.refresh_from_db()
    assert policy.summary_html == ""


def test_an_admin_save_stores_the_sanitised_render(editor, italy):
    policy = make_policy(country=italy, summary="Old.", status=PublicationStatus.DRAFT)
    url = f"/admin/guidance/policy/{policy.pk}/change/"
    response = post_rendered(client_for(editor), url, "policy_form", {"summary": HOSTILE})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert_stored_html_is_the_render(policy)
    assert "<strong>Bold</strong>" in policy.summary_html


def test_the_admin_offers_no_html_field_to_edit(editor, italy):
    policy = make_policy(country=italy)
    page = client_for(editor).get(f"/admin/guidance/policy/{policy.pk}/change/")
    assert 'name="summary"' in page.content.decode()
    assert 'name="summary_html"' not in page.content.decode()


def test_an_api_write_stores_the_sanitised_render_and_ignores_html_sent(editor, italian_record):
    response = api_client_for(editor).patch(
        "/api/v1/countries/IT/systems/2023/",
        {"summary": HOSTILE, "summary_html": "<script>forged</script>", "version": 1},
        format="json",
    )
    assert response.status_code == 200, response.content.decode()
    assert "summary_html" not in response.json()
    assert_stored_html_is_the_render(italian_record)


def test_publishing_a_revision_renders_the_published_rows(
    italian_record, sections, italian_expert, editor, italy
):
    entry = make_entry(system=italian_record, section=sections[0], body="Old text.")
    revision = revisions.start(italian_record, italian_expert)
    revision.summary = HOSTILE
    revision.save()
    changed = revision.entries.get(section=sections[0])
    changed.body = "New *text*.\n\n" + HOSTILE
    changed.save()

    revisions.publish(revision, editor)

    assert_stored_html_is_the_render(italian_record)
    assert_stored_html_is_the_render(entry)
    assert "<em>text</em>" in entry.body_html


def test_publishing_a_policy_revision_renders_its_summary(italian_expert, editor, italy):
    policy = make_policy(country=italy, summary="Old.")
    revision = revisions.start(policy, italian_expert)
    revision.summary = HOSTILE
    revision.save()
    revisions.publish(revision, editor)
    assert_stored_html_is_the_render(policy)
    assert "<strong>Bold</strong>" in policy.summary_html


def test_the_demo_loader_stores_the_render_of_every_text(db):
    call_command("load_demo", stdout=StringIO())
    assert SectionEntry.objects.exclude(body="").exists()
    assert not SectionEntry.objects.exclude(body="").filter(body_html="").exists()
    assert_every_row_is_rendered()


def test_scale_data_stores_the_render_of_every_text(db):
    call_command(
        "generate_scale_data",
        "--countries=2",
        "--collections=1",
        "--policies=3",
        "--initiatives=3",
        stdout=StringIO(),
    )
    assert_every_row_is_rendered()
    assert not Policy.objects.exclude(summary="").filter(summary_html="").exists()
