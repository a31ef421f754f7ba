"""Expert-written Markdown is rendered through an allow-list: nothing executable gets out."""

import pytest

from guidance.reading.markdown import render_markdown


def test_it_renders_ordinary_markdown():
    html = render_markdown("Some **bold** text and a [link](https://example.org).\n\n- one\n- two")
    assert "<strong>bold</strong>" in html
    assert '<a href="https://example.org" rel="noopener nofollow">link</a>' in html
    assert "<li>one</li>" in html


@pytest.mark.parametrize(
    "attack",
    [
        "<script>alert(1)</script>",
        '<img src="x" onerror="alert(1)">',
        "<iframe src='https://example.org'></iframe>",
        "<style>body{display:none}</style>",
        "[click](javascript:alert(1))",
        "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        '<a href="https://example.org" onclick="alert(1)">x</a>',
    ],
)
def test_it_removes_anything_executable(attack):
    html = render_markdown(attack).lower()
    for forbidden in ("<script", "onerror", "onclick", "<iframe", "<style", "javascript:", "data:"):
        assert forbidden not in html


def test_empty_text_renders_as_nothing():
    assert render_markdown("") == ""
    assert render_markdown(None) == ""
