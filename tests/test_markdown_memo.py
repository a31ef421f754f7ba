"""Rendered Markdown is remembered per text, and the remembered HTML is still sanitised."""

from guidance.reading.markdown import _sanitised_html, render_markdown


def test_the_same_text_is_rendered_once():
    text = "A **memo** test <script>alert(1)</script> [x](javascript:alert(1))"
    first = render_markdown(text)
    hits = _sanitised_html.cache_info().hits
    second = render_markdown(text)
    assert _sanitised_html.cache_info().hits == hits + 1
    assert second == first
    assert "<script>" not in second and "javascript:" not in second
    assert "<strong>memo</strong>" in second
