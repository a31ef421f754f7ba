"""Single-line fields refuse line breaks and control characters; Markdown texts refuse control
characters but keep their lines. Both doors that write (admin forms and API) enforce it."""

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models

from guidance.models import GuidanceSystem, InstrumentType, PublicationStatus, SectionEntry
from guidance.models.clean_text import CleanTextModel
from tests.api.conftest import api_client_for
from tests.conftest import client_for
from tests.test_admin import record_form

FORGED_RIS = "A\nTY  - JOUR"
LINE_BREAKS = ["\n", "\r", "\u2028", "\u2029", "\u0085"]
CONTROLS = ["\x00", "\x01", "\t", "\x1b", "\x1f", "\x7f", "\x80", "\x9b", "\x9f"]
TEXT_CONTROLS = ["\x00", "\x08", "\x0b", "\x0c", "\x1b", "\x7f", "\x9b"]

GUIDANCE_MODELS = [
    model
    for model in apps.get_app_config("guidance").get_models()
    if not model.__name__.startswith("Historical")
]
SINGLE_LINE_FIELDS = [
    (model, field)
    for model in GUIDANCE_MODELS
    for field in model._meta.concrete_fields
    if isinstance(field, models.CharField)
]
TEXT_FIELDS = [
    (model, field)
    for model in GUIDANCE_MODELS
    for field in model._meta.concrete_fields
    if isinstance(field, models.TextField)
]
CONTRIBUTORS = GuidanceSystem._meta.get_field("contributors")
BODY = SectionEntry._meta.get_field("body")


def field_id(pair):
    model, field = pair
    return f"{model.__name__}.{field.name}"


def errors_of(model, field, value):
    """The errors the model's field validation gives `field` holding `value`, others aside."""
    instance = model()
    setattr(instance, field.attname, value)
    others = [f.name for f in model._meta.fields if f.name != field.name]
    try:
        instance.clean_fields(exclude=others)
    except ValidationError as error:
        return error.message_dict.get(field.name, [])
    return []


def test_every_guidance_model_checks_its_text():
    assert [m.__name__ for m in GUIDANCE_MODELS if not issubclass(m, CleanTextModel)] == []


@pytest.mark.parametrize(
    ("model", "field"), SINGLE_LINE_FIELDS, ids=map(field_id, SINGLE_LINE_FIELDS)
)
def test_every_single_line_field_refuses_a_line_break_and_a_control_character(model, field):
    assert errors_of(model, field, FORGED_RIS)
    assert errors_of(model, field, "a\x1bb")


@pytest.mark.parametrize("character", LINE_BREAKS)
def test_a_line_break_is_refused_with_a_request_for_one_line(character):
    assert errors_of(GuidanceSystem, CONTRIBUTORS, f"A{character}B") == [
        "Write this on one line: it cannot hold a line break."
    ]


@pytest.mark.parametrize("character", CONTROLS, ids=lambda c: f"U+{ord(c):04X}")
def test_a_control_character_is_refused_by_its_name(character):
    assert errors_of(GuidanceSystem, CONTRIBUTORS, f"A{character}B") == [
        f"Remove the control character U+{ord(character):04X}: it cannot be stored here."
    ]


def test_a_single_line_field_keeps_any_printable_text():
    assert errors_of(GuidanceSystem, CONTRIBUTORS, "Ružička, Ö. & 李 — «ANPAL» 50%") == []


@pytest.mark.parametrize(("model", "field"), TEXT_FIELDS, ids=map(field_id, TEXT_FIELDS))
def test_every_text_field_keeps_its_lines_and_tabs_but_refuses_a_control_character(model, field):
    assert errors_of(model, field, "Line one,\r\nline\u2028two\n\n- a\titem") == []
    assert errors_of(model, field, "a\x1bb")


@pytest.mark.parametrize("character", TEXT_CONTROLS, ids=lambda c: f"U+{ord(c):04X}")
def test_a_text_field_refuses_control_characters_other_than_tab_and_line_ends(character):
    assert errors_of(SectionEntry, BODY, f"a{character}b") == [
        f"Remove the control character U+{ord(character):04X}: it cannot be stored here."
    ]


@pytest.mark.django_db
def test_an_api_write_of_a_forged_line_is_a_400_naming_the_field(italian_expert, italian_record):
    make_draft(italian_record)
    response = api_client_for(italian_expert).patch(
        "/api/v1/countries/IT/systems/2023/",
        {"contributors": FORGED_RIS, "version": italian_record.version},
        format="json",
    )
    assert response.status_code == 400
    assert list(response.json()) == ["contributors"]
    italian_record.refresh_from_db()
    assert italian_record.contributors == ""


@pytest.mark.django_db
def test_an_api_write_of_a_control_character_in_a_policy_title_is_a_400(italian_expert, italy):
    InstrumentType.objects.create(code="law", name="Law")
    response = api_client_for(italian_expert).post(
        "/api/v1/policies/",
        {"country": "IT", "title": "Plan\x1b[2J", "instrument_type": "law"},
        format="json",
    )
    assert response.status_code == 400
    assert list(response.json()) == ["title"]


@pytest.mark.django_db
def test_an_admin_save_of_a_forged_line_is_a_form_error_and_saves_nothing(
    italian_expert, italian_record
):
    make_draft(italian_record)
    before = italian_record.version
    response = client_for(italian_expert).post(
        f"/admin/guidance/guidancesystem/{italian_record.pk}/change/",
        record_form(
            italian_record.country,
            italian_record.collection,
            italian_record.version,
            contributors=FORGED_RIS,
            summary="A changed summary.",
        ),
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["contributors"] == [
        "Write this on one line: it cannot hold a line break."
    ]
    italian_record.refresh_from_db()
    assert (italian_record.contributors, italian_record.version) == ("", before)
    assert italian_record.summary == "A summary."


def make_draft(record):
    """A draft the expert may write in (a published record is changed in a revision)."""
    GuidanceSystem.objects.filter(pk=record.pk).update(status=PublicationStatus.DRAFT)
    record.refresh_from_db()
