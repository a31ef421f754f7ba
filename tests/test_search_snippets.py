"""/search/ snippets: cut in Python around the first searched word of a shown row's text,
rendered from Markdown to plain text, escaped, the words marked."""

import re

import pytest

from tests.factories import make_policy

pytestmark = pytest.mark.django_db


def snippets(response):
    assert response.status_code == 200
    body = response.content.decode()
    return re.findall(r'class="item-meta">[^<]*</p>\s*<p>(.*?)</p>', body, re.S)


def test_a_word_deep_in_a_long_text_is_shown_in_its_context(anonymous, italy):
    filler = "Schools and families plan the year together. " * 60
    make_policy(
        country=italy,
        title="Outreach",
        summary=filler + "Mobile **counsellors** visit rural towns. " + filler,
    )
    [snippet] = snippets(anonymous.get("/search/?q=counsellors"))
    assert "Mobile <mark>counsellors</mark> visit rural towns." in snippet
    assert snippet.startswith("…") and snippet.endswith("…")
    assert len(snippet) < 400
    assert "**" not in snippet


def test_markup_around_the_word_is_escaped_never_rendered(anonymous, italy):
    make_policy(
        country=italy,
        title="Outreach",
        summary="Advisers <script>alert(1)</script> & <img src=x onerror=alert(2)> outreach <b>now</b>",
    )
    [snippet] = snippets(anonymous.get("/search/?q=advisers"))
    assert "<mark>Advisers</mark>" in snippet
    assert "<script" not in snippet and "<img" not in snippet and "<b>" not in snippet
    assert "&amp;" in snippet


def test_the_type_of_each_hit_is_named(anonymous, italy):
    make_policy(country=italy, title="Counsellors in schools")
    response = anonymous.get("/search/?q=counsellors")
    assert re.search(r'class="item-meta">Policies · Italy</p>', response.content.decode())
