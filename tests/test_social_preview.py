"""Every page carries a link preview (Open Graph and a Twitter card, templates/base.html):
its own title and description, its absolute address, and an image that is there."""

import struct
from html.parser import HTMLParser

import pytest

from tests.factories import make_policy

pytestmark = pytest.mark.django_db


class Meta(HTMLParser):
    """The page's <meta property|name=... content=...> as a dict."""

    def __init__(self, html):
        super().__init__()
        self.tags = {}
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and "content" in attrs:
            self.tags[attrs.get("property") or attrs.get("name")] = attrs["content"]


def preview(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return Meta(response.content.decode()).tags


@pytest.fixture
def policy(italy, italian_record):
    return make_policy(country=italy, title='The "Career" Act & more')


PAGES = ["/", "/countries/", "/countries/IT/", "/policies/", "/about/", "/search/?q=career"]


@pytest.mark.parametrize("path", PAGES)
def test_a_page_has_a_preview_with_an_image_that_answers(anonymous, policy, path):
    tags = preview(anonymous, path)
    assert tags["og:type"] == "website"
    assert tags["og:site_name"] == "Lifelong Guidance Inventory"
    assert tags["og:title"] and tags["og:description"]
    assert tags["og:description"] == tags["description"]
    assert tags["og:url"] == "http://testserver" + path
    assert tags["twitter:card"] == "summary_large_image"
    image = tags["og:image"]
    assert image.startswith("http://testserver/static/") and image.endswith(".png")
    response = anonymous.get(image.removeprefix("http://testserver"))
    assert response.status_code == 200
    png = b"".join(response.streaming_content if response.streaming else [response.content])
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", png[16:24]) == (1200, 630)  # the IHDR's width and height
    assert (tags["og:image:width"], tags["og:image:height"]) == ("1200", "630")
    assert tags["og:image:alt"]


def test_the_preview_repeats_the_pages_own_title_and_description(anonymous, policy):
    tags = preview(anonymous, "/countries/IT/")
    assert tags["og:title"] == "Italy (2023)"
    assert tags["og:description"].startswith("Lifelong guidance system of Italy: record from")


def test_a_quote_in_a_title_stays_inside_its_attribute(anonymous, policy):
    response = anonymous.get(f"/policies/{policy.pk}/")
    html = response.content.decode()
    assert 'content="The &quot;Career&quot; Act &amp; more (Italy)"' in html
    assert Meta(html).tags["og:title"] == 'The "Career" Act & more (Italy)'


def test_the_addresses_follow_the_host_asked_for(anonymous, policy, settings):
    settings.ALLOWED_HOSTS = ["guidance.example.eu"]
    response = anonymous.get("/countries/IT/", headers={"host": "guidance.example.eu"})
    tags = Meta(response.content.decode()).tags
    assert tags["og:url"] == "http://guidance.example.eu/countries/IT/"
    assert tags["og:image"].startswith("http://guidance.example.eu/static/img/")


def test_an_error_page_has_a_preview_too(anonymous, db):
    response = anonymous.get("/countries/ZZ/")
    assert response.status_code == 404
    tags = Meta(response.content.decode()).tags
    assert tags["og:url"] == "http://testserver/countries/ZZ/"
    assert tags["og:image"].startswith("http://testserver/static/img/")
