"""/search/: ranked hits from section texts, policies, initiatives and organisations."""

import re

import pytest
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import ngettext

from guidance.models import PublicationStatus
from tests.conftest import client_for
from tests.factories import make_entry, make_initiative, make_organisation, make_policy, make_system

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus(italy, germany, italian_record, collection_2023, sections):
    make_entry(
        system=italian_record,
        section=sections[0],
        body="Regional career centres advise adults on **apprenticeship** routes.",
    )
    draft = make_system(country=germany, collection=collection_2023, status=PublicationStatus.DRAFT)
    make_entry(system=draft, section=sections[0], body="Unreviewed apprenticeship text.")
    make_policy(country=italy, title="Apprenticeship reform and guidance for young people")
    make_policy(country=germany, title="Apprenticeship")
    make_policy(country=italy, title="Draft apprenticeship plan", status=PublicationStatus.DRAFT)
    make_initiative(country=germany, title="Apprenticeship fairs", summary="Fairs in every region.")
    make_organisation(country=italy, name="Apprenticeship council", description="Advises.")


def hits(response):
    assert response.status_code == 200
    return re.findall(r'class="hit-title"><a href="([^"]+)">([^<]+)</a>', response.content.decode())


def test_an_exact_title_match_ranks_first(anonymous, corpus):
    found = hits(anonymous.get("/search/?q=Apprenticeship"))
    assert found[0][1] == "Apprenticeship"
    titles = [title for _, title in found]
    assert "Apprenticeship fairs" in titles and "Apprenticeship council" in titles


def test_text_inside_section_bodies_is_found_with_a_marked_snippet(anonymous, corpus):
    response = anonymous.get("/search/?q=regional+centres")
    found = hits(response)
    assert len(found) == 1
    assert found[0][0].startswith("/countries/IT/2023/sections/")
    assert "<mark>" in response.content.decode()


def test_unpublished_content_is_never_found(anonymous, editor, corpus):
    for client in (anonymous, client_for(editor)):
        body = client.get("/search/?q=apprenticeship").content.decode()
        assert "Draft apprenticeship plan" not in body
        assert "Germany 2023" not in body


def test_filters_by_country_and_type(anonymous, corpus):
    found = hits(anonymous.get("/search/?q=apprenticeship&country=DE&type=policy"))
    assert [title for _, title in found] == ["Apprenticeship"]


@pytest.mark.parametrize("query", ["q=x&country=ZZ", "q=x&type=people", "q=" + "a" * 201])
def test_bad_parameters_are_a_message_not_an_error(anonymous, query):
    response = anonymous.get(f"/search/?{query}")
    assert response.status_code == 400
    assert "This search cannot be run" in response.content.decode()


def test_no_results_offers_suggestions(anonymous, corpus):
    body = anonymous.get("/search/?q=Itali").content.decode()
    assert "Nothing matched" in body
    assert 'href="?q=italy"' in body


@pytest.mark.parametrize("extra", [1, 15])
def test_search_takes_the_same_queries_for_any_number_of_hits(
    anonymous, italy, corpus, extra, django_assert_num_queries
):
    for n in range(extra):
        make_policy(country=italy, title=f"Apprenticeship scheme {n}")
    with django_assert_num_queries(5):  # countries, then one query per kind
        assert hits(anonymous.get("/search/?q=apprenticeship"))


def test_an_unknown_country_is_named_in_the_pages_language(anonymous, italy):
    """The message has a plural form (one code, several codes), in every language."""
    with translation.override("fr"):
        expected = ngettext(
            "Unknown country code: %(codes)s.", "Unknown country codes: %(codes)s.", 1
        ) % {"codes": "ZZ"}
    assert expected != "Unknown country code: ZZ."
    response = anonymous.get("/fr/search/", {"q": "guidance", "country": "ZZ"})
    assert response.status_code == 400
    assert escape(expected) in response.content.decode()
