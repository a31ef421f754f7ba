"""Expert-written text reaches readers only through the sanitising renderer: a list of
known attacks, each written into a published section, comes out inert on the public page."""

import pytest

from guidance.reading.markdown import render_markdown
from tests.factories import make_entry

pytestmark = pytest.mark.django_db

PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    '<img src=x onerror="alert(1)">',
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table>",
    "<iframe src=javascript:alert(1)></iframe>",
    '<object data="data:text/html,<script>alert(1)</script>"></object>',
    "<style>@import 'https://evil.example/x.css';</style>",
    '<a href="javascript:alert(1)">click</a>',
    '<a href="JaVaScRiPt:alert(1)">click</a>',
    '<a href="&#106;avascript:alert(1)">click</a>',
    "[click](javascript:alert(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '<p style="background:url(javascript:alert(1))">x</p>',
    '<div onmouseover="alert(1)">hover</div>',
    "<<script>alert(1);//<</script>",
    '<img """><script>alert(1)</script>">',
    "<form action=javascript:alert(1)><button>x</button></form>",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "<base href=javascript:alert(1)//>",
]

FORBIDDEN = (
    "<script",
    "onerror",
    "onload",
    "onmouseover",
    "javascript:",
    "data:text",
    "<iframe",
    "<object",
    "<style",
    "<svg",
    "<form",
    "<meta",
    "<base",
    "style=",
)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_renderer_neutralises(payload):
    html = render_markdown(payload).lower()
    assert not [token for token in FORBIDDEN if token in html]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_public_country_page_neutralises(anonymous, italian_record, sections, payload):
    make_entry(system=italian_record, section=sections[0], body=f"Before.\n\n{payload}\n\nAfter.")
    html = anonymous.get("/countries/IT/").content.decode()
    start = html.index("Before.")
    section = html[start : html.index("</section>", start)].lower()
    assert not [token for token in FORBIDDEN if token in section]


def test_links_are_kept_with_rel_noopener_nofollow():
    html = render_markdown("[Source](https://example.org/report)")
    assert 'href="https://example.org/report"' in html
    assert 'rel="noopener nofollow"' in html
