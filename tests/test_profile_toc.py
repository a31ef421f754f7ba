"""A profile's table of contents (templates/guidance/fragments/profile_body.html): a link
to every part of the page and to each section the record reports, the sections it does
not report named in one line, and no link to an address the page lacks."""

import re
from html.parser import HTMLParser

import pytest

from tests.factories import make_entry, make_indicator, make_indicator_value, make_section

pytestmark = pytest.mark.django_db


class Page(HTMLParser):
    """The ids of a page, and the links and text of its table of contents."""

    def __init__(self, html):
        super().__init__()
        self.ids, self.toc_links, self.toc_text = set(), [], []
        self._depth = 0  # inside <details class="toc"> while > 0
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "details" and "toc" in attrs.get("class", "").split():
            self._depth = 1
        elif self._depth and tag == "details":
            self._depth += 1
        if self._depth and tag == "a":
            self.toc_links.append(attrs["href"])

    def handle_endtag(self, tag):
        if self._depth and tag == "details":
            self._depth -= 1

    def handle_data(self, data):
        if self._depth:
            self.toc_text.append(data)

    @property
    def toc(self):
        return " ".join(" ".join(self.toc_text).split())


@pytest.fixture
def record(italian_record, sections):
    """Sections 1 and 3 written, 2 left empty, a fourth never started; an indicator."""
    make_entry(system=italian_record, section=sections[0], body="First text.")
    make_entry(system=italian_record, section=sections[1], body="", completeness="empty")
    make_entry(
        system=italian_record, section=sections[2], body="Third text.", completeness="partial"
    )
    make_section(number=4, slug="s4", title="Section 4")
    make_indicator_value(system=italian_record, indicator=make_indicator(name="Strategy"))
    return italian_record


def profile(client, path="/countries/IT/"):
    response = client.get(path)
    assert response.status_code == 200
    return Page(response.content.decode())


def test_every_link_of_the_contents_leads_to_a_part_of_the_page(anonymous, record):
    page = profile(anonymous)
    assert page.toc_links, "no table of contents"
    for href in page.toc_links:
        assert href.startswith("#"), href
        assert href[1:] in page.ids, f"{href} leads nowhere"


def test_the_contents_list_the_page_and_each_reported_section(anonymous, record):
    page = profile(anonymous)
    assert page.toc_links == [
        "#summary",
        "#indicators",
        "#sections",
        "#section-s1",
        "#section-s3",
        "#policies",
        "#initiatives",
        "#organisations",
        "#cite-heading",
    ]
    assert "1. Section 1 (complete)" in page.toc and "3. Section 3 (partial)" in page.toc


def test_sections_not_reported_are_named_in_one_line_without_links(anonymous, record):
    page = profile(anonymous)
    assert "Not reported: sections 2, 4" in page.toc
    assert "#section-s2" not in page.toc_links and "#section-s4" not in page.toc_links
    assert {"section-s2", "section-s4"} <= page.ids  # their one-line blocks are still there


def test_a_country_without_a_record_lists_its_other_parts(anonymous, germany):
    page = profile(anonymous, "/countries/DE/")
    assert page.toc_links == ["#policies", "#initiatives", "#organisations"]
    assert all(href[1:] in page.ids for href in page.toc_links)


def test_the_contents_fold_in_a_details_element_with_a_named_navigation(anonymous, record):
    html = anonymous.get("/countries/IT/").content.decode()
    toc = re.search(
        r'<details class="toc">\s*<summary>Contents</summary>(.*?)</details>', html, re.S
    )
    assert toc, "the contents are not a closed <details> with a summary"
    assert '<nav class="toc-nav" aria-labelledby="toc-heading">' in toc.group(1)
    assert '<p class="toc-heading" id="toc-heading">On this page</p>' in toc.group(1)
