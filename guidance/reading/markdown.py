"""The one function that turns expert-written Markdown into safe HTML.

Markdown is rendered first, then everything passes an allow-list sanitiser (nh3):
no script, style, iframe or event-handler attributes, only http(s) and mailto links,
and every link gets rel="noopener nofollow".
"""

import html
from functools import lru_cache

import markdown as markdown_lib
import nh3
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "b",
    "i",
    "ul",
    "ol",
    "li",
    "blockquote",
    "code",
    "pre",
    "h3",
    "h4",
    "h5",
    "h6",
    "a",
    "abbr",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "hr",
    "sup",
    "sub",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}}
URL_SCHEMES = {"http", "https", "mailto"}


# Rendering is most of a long page's time (make bench); the result depends only on the
# text, so each process remembers the last MEMO_SIZE renderings (a few MB at most).
MEMO_SIZE = 4096


def render_markdown(text):
    """Render Markdown to sanitised HTML, marked safe for templates."""
    return mark_safe(markdown_html(text))


def markdown_html(text):
    """The sanitised HTML of `text`, as stored beside it (the models' `*_html` fields)."""
    if not text:
        return ""
    return _sanitised_html(text)


@lru_cache(maxsize=MEMO_SIZE)
def _sanitised_html(text):
    html = markdown_lib.markdown(text, extensions=["tables", "sane_lists"], output_format="html")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener nofollow",
    )


def markdown_as_plain_text(text):
    """The words of `text` without markup or entities, for snippets and feeds."""
    return html.unescape(strip_tags(render_markdown(text))).strip()
