"""The country-record page saves, as rendered, for the expert and the editor.

It once rendered no version for the record or its section entries, so every save was
refused with "This form is missing the version it was opened at" and nobody could save
it; tests that posted a hand-built dict never saw it.
"""

import pytest

from guidance.models import PublicationStatus
from tests.conftest import client_for
from tests.factories import (
    make_collection,
    make_entry,
    make_indicator,
    make_indicator_value,
    make_system,
)
from tests.rendered_forms import post_rendered, rendered_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft_record(italy, sections):
    record = make_system(
        country=italy, collection=make_collection(year=2025), status=PublicationStatus.DRAFT
    )
    make_entry(system=record, section=sections[0], body="The first text.")
    make_entry(system=record, section=sections[1], body="The second text.")
    make_indicator_value(system=record, indicator=make_indicator(slug="strategy"), note="A note.")
    return record


def _page(record):
    return f"/admin/guidance/guidancesystem/{record.pk}/change/"


@pytest.mark.parametrize("actor", ["italian_expert", "editor"])
def test_the_record_page_saves_a_section_as_rendered(request, draft_record, actor):
    client = client_for(request.getfixturevalue(actor))
    form = rendered_form(client.get(_page(draft_record)), form_id="guidancesystem_form")
    entry_prefix = next(
        name.removesuffix("-body") for name, value in form.fields if value == "The first text."
    )
    response = client.post(
        _page(draft_record),
        form.data(
            {f"{entry_prefix}-body": "A revised text.", "summary": "A new summary."}, "_save"
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    draft_record.refresh_from_db()
    assert draft_record.summary == "A new summary."
    assert draft_record.entries.filter(body="A revised text.").exists()
    assert draft_record.entries.filter(body="The second text.").exists()


@pytest.mark.parametrize("actor", ["italian_expert", "editor"])
def test_the_record_page_saves_unchanged(request, draft_record, actor):
    client = client_for(request.getfixturevalue(actor))
    response = post_rendered(client, _page(draft_record), "guidancesystem_form")
    assert response.status_code == 302, response.content.decode()[:3000]


def test_a_record_in_review_is_shown_to_its_expert_read_only(italian_expert, draft_record):
    draft_record.status = PublicationStatus.IN_REVIEW
    draft_record.save()
    response = client_for(italian_expert).get(_page(draft_record))
    assert response.status_code == 200
    assert "The first text." in response.content.decode()
    assert 'name="seen_version"' not in response.content.decode()


def test_a_save_of_sections_only_names_its_author(italian_expert, draft_record):
    client = client_for(italian_expert)
    form = rendered_form(client.get(_page(draft_record)), form_id="guidancesystem_form")
    prefix = next(
        name.removesuffix("-body") for name, value in form.fields if value == "The first text."
    )
    version = draft_record.version
    client.post(_page(draft_record), form.data({f"{prefix}-body": "Rewritten."}, "_save"))
    draft_record.refresh_from_db()
    assert (draft_record.updated_by, draft_record.version) == (italian_expert, version)
