"""Kosovo is named with the EU designation footnote wherever a page lists or titles it.

The asterisk after the name links to a footnote at the foot of the same page; a page that
does not name Kosovo has no footnote.
"""

import pytest

from guidance.models import CountryGroup
from guidance.reading import designations
from tests.factories import (
    make_collection,
    make_country,
    make_entry,
    make_organisation,
    make_policy,
    make_system,
)

pytestmark = pytest.mark.django_db

MARK = '<sup class="designation-mark"><a href="#footnote-xk">*'
FOOTNOTE = str(designations.KOSOVO_DESIGNATION)


@pytest.fixture
def kosovo(italy, sections):
    kosovo = make_country(code="XK", name="Kosovo", group=CountryGroup.POTENTIAL_CANDIDATE)
    collection = make_collection(year=2024)
    for country in (kosovo, italy):
        record = make_system(country=country, collection=collection)
        make_entry(system=record, section=sections[0], body=f"Text for {country.name}.")
    make_policy(country=kosovo, title="School-based career centres")
    make_organisation(country=kosovo, name="Employment Agency")
    return kosovo


def assert_footnoted(html, path):
    assert MARK in html, path
    assert 'id="footnote-xk"' in html and FOOTNOTE in html, path
    assert html.index(MARK) < html.index('id="footnote-xk"'), path


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/countries/",
        "/countries/XK/",
        "/coverage/",
        "/indicators/",
        "/compare/",
        "/compare/?countries=XK,IT",
        "/policies/?country=XK",
        "/policies/",
        "/organisations/",
        "/sections/s1/",
        "/countries/XK/2024/sections/s1/",
    ],
)
def test_pages_that_name_kosovo_mark_it_and_print_the_footnote(anonymous, kosovo, path):
    response = anonymous.get(path)
    assert response.status_code == 200
    assert_footnoted(response.content.decode(), path)


def test_the_mark_sits_after_the_link_not_inside_it(anonymous, kosovo):
    html = anonymous.get("/countries/").content.decode()
    assert f">Kosovo</a>{MARK}" in html


def test_titles_and_options_get_a_plain_asterisk(anonymous, kosovo):
    assert "<title>Kosovo* (2024) ·" in anonymous.get("/countries/XK/").content.decode()
    assert 'value="XK">Kosovo*</option>' in anonymous.get("/search/").content.decode()


def test_a_page_without_kosovo_has_no_footnote(anonymous, italy, italian_record):
    html = anonymous.get("/countries/IT/").content.decode()
    assert MARK not in html and 'id="footnote-xk"' not in html


def test_the_map_names_kosovo_with_the_mark_in_its_tooltip(anonymous, kosovo):
    html = anonymous.get("/").content.decode()
    assert "<title>Kosovo*: " in html
    assert 'id="footnote-xk"' in html
