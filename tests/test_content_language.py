"""Content stays in the language it was written in, and says so on pages in other languages;
original names carry their own language where it is unambiguous (content_language.py)."""

import pytest

from guidance.reading.content_language import ORIGINAL_NAME_LANGUAGES, original_name_language
from tests.factories import make_country, make_organisation, make_policy

pytestmark = pytest.mark.django_db


@pytest.fixture
def italian_policy(italy):
    return make_policy(
        country=italy,
        title="National guidance strategy",
        original_title="Strategia nazionale di orientamento",
        summary="A strategy for **lifelong** guidance.",
    )


def test_a_french_page_marks_the_english_content(anonymous, italian_policy):
    body = anonymous.get(f"/fr/policies/{italian_policy.pk}/").content.decode()
    assert '<html lang="fr">' in body
    assert '<h1 lang="en">National guidance strategy</h1>' in body
    assert '<div lang="en"><p>A strategy for <strong>lifelong</strong>' in body
    assert '<dd lang="it">Strategia nazionale di orientamento</dd>' in body


def test_an_english_page_needs_no_mark_but_the_original_names(anonymous, italian_policy):
    body = anonymous.get(f"/policies/{italian_policy.pk}/").content.decode()
    assert "<h1>National guidance strategy</h1>" in body
    assert '<div lang="en">' not in body
    assert '<dd lang="it">Strategia nazionale di orientamento</dd>' in body


def test_an_organisation_keeps_its_original_name_beside_the_english_one(anonymous, germany):
    organisation = make_organisation(
        country=germany,
        name="Federal Employment Agency",
        original_name="Bundesagentur für Arbeit",
        description="Runs the public employment service.",
    )
    body = anonymous.get(f"/fr/organisations/{organisation.pk}/").content.decode()
    assert '<span lang="de">Bundesagentur für Arbeit</span>' in body
    assert '<p lang="en">Runs the public employment service.</p>' in body


def test_a_multilingual_state_gives_its_original_names_no_language(anonymous):
    belgium = make_country(code="BE", name="Belgium")
    policy = make_policy(country=belgium, title="Guidance", original_title="Orientation")
    body = anonymous.get(f"/policies/{policy.pk}/").content.decode()
    assert "<dd>Orientation</dd>" in body


@pytest.mark.parametrize(
    ("code", "language"),
    [("AT", "de"), ("BE-FL", "nl"), ("PL", "pl"), ("BE", None), ("CH", None), ("LU", None)],
)
def test_the_mapping_names_only_unambiguous_languages(code, language):
    assert original_name_language(make_country(code=code, name=code)) == language


def test_the_mapping_uses_language_codes_not_country_codes():
    assert ORIGINAL_NAME_LANGUAGES["UA"] == "uk" and ORIGINAL_NAME_LANGUAGES["SE"] == "sv"
    assert all(code.islower() and len(code) in (2, 3) for code in ORIGINAL_NAME_LANGUAGES.values())
