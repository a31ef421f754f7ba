"""Searched words are marked in the text the reader sees, never inside the escaping of it: a
search for `lt` must not turn a title's `<` into a visible `&lt;`."""

import pytest

from guidance.reading.browse import highlight
from tests.factories import make_entry, make_policy


@pytest.mark.parametrize(
    "text, words, marked",
    [
        ("Pupils < 16 & adults", ["lt"], "Pupils &lt; 16 &amp; adults"),
        ("Pupils < 16 & adults", ["amp", "quot"], "Pupils &lt; 16 &amp; adults"),
        ('"Salt" & lt', ["lt"], "&quot;Salt&quot; &amp; <mark>lt</mark>"),
        ("5 > 3, gt and b", ["gt", "b"], "5 &gt; 3, <mark>gt</mark> and <mark>b</mark>"),
        (
            "Career GUIDANCE, guidance centres",
            ["guidance"],
            "Career <mark>GUIDANCE</mark>, <mark>guidance</mark> centres",
        ),
        ("Apprenticeships", ["apprentice"], "<mark>Apprentice</mark>ships"),
        ("x < y", [], "x &lt; y"),
    ],
)
def test_words_are_marked_in_the_plain_text_and_every_piece_escaped(text, words, marked):
    assert highlight(text, words) == marked


@pytest.mark.django_db
def test_a_search_for_lt_on_the_policies_page_marks_no_escaping(anonymous, italy):
    make_policy(
        country=italy,
        title="Guidance for pupils < 16: lt pilot",
        summary="Ages < 16 & over; the lt scheme.",
    )
    html = anonymous.get("/policies/?search=lt").content.decode()
    assert "Guidance for pupils &lt; 16: <mark>lt</mark> pilot" in html
    assert "Ages &lt; 16 &amp; over; the <mark>lt</mark> scheme." in html
    assert "&<mark>" not in html and "&amp;lt;" not in html


@pytest.mark.django_db
def test_a_search_snippet_marks_no_escaping_either(anonymous, italian_record, sections):
    make_entry(system=italian_record, section=sections[0], body="Pupils < 16 get the lt offer.")
    html = anonymous.get("/search/?q=lt").content.decode()
    assert "Pupils &lt; 16 get the <mark>lt</mark> offer" in html
    assert "&<mark>" not in html
