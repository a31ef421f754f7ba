"""Reports as PDF and DOCX: Italy's record, a comparison of four countries, one section
across countries. Each file is opened with a parser (pypdf, python-docx) and read."""

import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import BytesIO

import pytest
from docx import Document
from pypdf import PdfReader
from weasyprint.urls import URLFetcher

from guidance.models import PublicationStatus
from guidance.reports.pdf import STATIC_PREFIX, StaticFilesOnly, render_html_pdf
from tests.conftest import client_for
from tests.factories import (
    make_country,
    make_entry,
    make_indicator,
    make_indicator_value,
    make_section,
    make_source,
    make_system,
)

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
COMPARE = "/compare/report.{fmt}?countries=IT,DE,FR,ES&collection=2023"


@pytest.fixture
def inventory(italy, germany, collection_2023):
    """Italy, Germany, France and Spain in the 2023 collection, three sections, two indicators.

    Italy's record is published, cites a shared source in two sections and a draft source
    in one; Germany's record is a draft of its expert's.
    """
    collection_2023.reference_start = 2020
    collection_2023.save()
    sections = [
        make_section(number=1, slug="access", title="Access to guidance"),
        make_section(number=2, slug="quality", title="Quality assurance"),
        make_section(number=3, slug="funding", title="Funding"),
    ]
    shared = make_source(title="National guidance law", publisher="Ministry of Labour", year=2019)
    survey = make_source(title="Guidance survey", publisher="INAPP", year=2022)
    draft_source = make_source(
        title="Unpublished ministry memo", status=PublicationStatus.DRAFT, country=italy
    )
    italy_record = make_system(
        country=italy,
        collection=collection_2023,
        reference_period="2020 to 2023",
        contributors="Maria Rossi",
        summary="Italy's **summary**.",
    )
    access = make_entry(
        system=italy_record,
        section=sections[0],
        body="Italian access text.\n\n- regional centres\n- online portal\n\nSee [the law](https://example.org/law).",
    )
    access.sources.set([shared, draft_source])
    quality = make_entry(system=italy_record, section=sections[1], body="Italian quality text.")
    quality.sources.set([survey, shared])
    make_system(
        country=germany,
        collection=collection_2023,
        status=PublicationStatus.DRAFT,
        summary="",
    )
    germany_draft = germany.systems.get()
    make_entry(system=germany_draft, section=sections[0], body="German draft text.")
    for code, name in (("FR", "France"), ("ES", "Spain")):
        record = make_system(country=make_country(code=code, name=name), collection=collection_2023)
        entry = make_entry(system=record, section=sections[0], body=f"{name} access text.")
        entry.sources.set([make_source(title=f"{name} guidance report")])
    indicator = make_indicator(name="National strategy")
    make_indicator(name="Guidance forum")
    make_indicator_value(system=italy_record, indicator=indicator, since_year=2011)
    return {"sections": sections, "italy": italy_record}


def pdf_text(content):
    reader = PdfReader(BytesIO(content))
    return reader, [" ".join(page.extract_text().split()) for page in reader.pages]


def docx_paragraphs(content):
    return Document(BytesIO(content)).paragraphs


def test_italy_record_as_pdf_has_title_page_references_bibliography_licence_and_citation(
    anonymous, inventory
):
    response = anonymous.get("/countries/IT/2023/report.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="lgi-it-2023.pdf"'
    reader, pages = pdf_text(response.content)
    assert 2 <= len(pages) <= 8
    title_page = pages[0]
    assert "Lifelong guidance system: Italy" in title_page
    assert "Collection 2023" in title_page
    assert "Reference period 2020 to 2023" in title_page
    assert "Compiled by Maria Rossi" in title_page
    assert "Illustrative demo content" in title_page
    body = " ".join(pages[1:])
    assert "1. Access to guidance" in body and "Italian access text." in body
    assert "regional centres" in body and "Italy's summary." in body
    assert "3. Funding Not reported for this collection." in body
    assert "Indicators National strategy: Yes since 2011" in body
    # The law is cited first ([1]), by both sections; the survey is [2].
    assert "Sources: [1] Italian" not in body
    assert re.search(r"Italian access text\..*Sources: \[1\]", body)
    assert re.search(r"Italian quality text\. Sources: \[1\] \[2\]", body)
    bibliography = body[body.index("Bibliography") :]
    assert "[1] National guidance law, Ministry of Labour, 2019" in bibliography
    assert "[2] Guidance survey, INAPP, 2022" in bibliography
    assert "[3]" not in bibliography
    assert "Creative Commons Attribution 4.0 International (CC BY 4.0)" in bibliography
    assert "How to cite Maria Rossi (" in bibliography
    assert "http://testserver/countries/IT/2023/" in bibliography.replace(" ", "")
    assert reader.metadata.title == "Lifelong guidance system: Italy"
    catalog = reader.trailer["/Root"]
    assert catalog["/MarkInfo"]["/Marked"] and catalog["/Lang"] == "en"
    assert "/StructTreeRoot" in catalog


def test_the_public_report_never_lists_a_draft_source(
    real_cache, anonymous, italian_expert, inventory
):
    expert = client_for(italian_expert).get("/countries/IT/2023/report.pdf")
    assert "Unpublished ministry memo" in " ".join(pdf_text(expert.content)[1])
    for _ in range(2):  # the second from the page cache
        public = anonymous.get("/countries/IT/2023/report.pdf")
        assert "Unpublished ministry memo" not in " ".join(pdf_text(public.content)[1])
    docx = anonymous.get("/countries/IT/2023/report.docx").content
    assert "Unpublished ministry memo" not in " ".join(p.text for p in docx_paragraphs(docx))


def test_italy_record_as_docx_has_headings_superscript_references_and_bibliography(
    anonymous, inventory
):
    response = anonymous.get("/countries/IT/2023/report.docx")
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX
    assert response["Content-Disposition"] == 'attachment; filename="lgi-it-2023.docx"'
    document = Document(BytesIO(response.content))
    paragraphs = document.paragraphs
    headings = [p.text for p in paragraphs if p.style.name.startswith("Heading")]
    assert headings[:3] == ["Summary", "1. Access to guidance", "2. Quality assurance"]
    assert headings[3:] == [
        "3. Funding",
        "Indicators",
        "Bibliography",
        "Licence",
        "How to cite",
        "Demonstration content",
    ]
    texts = [p.text for p in paragraphs]
    assert "Collection: 2023" in texts and "Reference period: 2020 to 2023" in texts
    assert any(text.startswith("Demonstration content. Illustrative demo") for text in texts)
    assert "Sources: [1] [2]" in texts
    superscripts = [run.text for p in paragraphs for run in p.runs if run.font.superscript]
    assert superscripts == ["[1]", "[1]", "[2]"]
    assert "online portal" in texts and "See the law (https://example.org/law)." in texts
    bullets = [p.text for p in paragraphs if p.style.name == "List Bullet"]
    assert bullets == ["regional centres", "online portal"]
    start = texts.index("Bibliography")
    assert texts[start + 1].startswith(
        "[1] National guidance law, Ministry of Labour, 2019. https://"
    )
    assert texts[start + 2].startswith("[2] Guidance survey, INAPP, 2022. https://")
    assert any("Creative Commons Attribution 4.0" in text for text in texts[start:])
    assert any(text.startswith("Maria Rossi (") for text in texts[start:])
    assert document.core_properties.title == "Lifelong guidance system: Italy"
    assert document.core_properties.language == "en"


def test_four_country_comparison_as_pdf_and_docx(anonymous, inventory):
    response = anonymous.get(COMPARE.format(fmt="pdf"))
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        'attachment; filename="lgi-comparison-2023-it-de-fr-es.pdf"'
    )
    _reader, pages = pdf_text(response.content)
    assert len(pages) >= 2
    assert "Comparison of lifelong guidance systems" in pages[0]
    assert "Italy, Germany, France, Spain" in pages[0]
    assert "Collection 2023" in pages[0] and "Reference period 2020–2023" in pages[0]
    body = " ".join(pages[1:])
    assert "Spain access text. Sources: [3]" in body
    assert "France access text. Sources: [2]" in body
    assert "Germany No record in this collection or before." in body
    assert "German draft text" not in body
    assert "Italy: Yes since 2011 (record 2023)" in body
    bibliography = body[body.index("Bibliography") :]
    assert "[2] France guidance report" in bibliography
    assert "[3] Spain guidance report" in bibliography
    # A long address may wrap, which text extraction reads as a space.
    url = "http://testserver/compare/?countries=IT,DE,FR,ES&collection=2023"
    assert url in bibliography.replace(" ", "")

    document = Document(BytesIO(anonymous.get(COMPARE.format(fmt="docx")).content))
    headings = [(p.style.name, p.text) for p in document.paragraphs if "Heading" in p.style.name]
    assert headings[:5] == [
        ("Heading 1", "1. Access to guidance"),
        ("Heading 2", "Italy"),
        ("Heading 2", "Germany"),
        ("Heading 2", "France"),
        ("Heading 2", "Spain"),
    ]
    texts = [p.text for p in document.paragraphs]
    assert any(text.startswith("[3] Spain guidance report. https://") for text in texts)
    assert "German draft text." not in texts


def test_the_expert_sees_their_draft_marked_and_the_public_never_does_with_the_real_cache(
    real_cache, anonymous, german_expert, inventory
):
    expert = client_for(german_expert).get(COMPARE.format(fmt="pdf"))
    text = " ".join(pdf_text(expert.content)[1])
    assert "German draft text." in text
    assert "Draft: not public" in text
    assert "This report includes content that is not yet published" in text
    assert "no-store" in expert["Cache-Control"] and "private" in expert["Cache-Control"]
    for _ in range(2):  # the second is served from the page cache
        public = anonymous.get(COMPARE.format(fmt="pdf"))
        text = " ".join(pdf_text(public.content)[1])
        assert "German draft text" not in text
        assert "not yet published" not in text
    assert "public" in public["Cache-Control"]
    docx = anonymous.get(COMPARE.format(fmt="docx")).content
    assert "German draft" not in " ".join(p.text for p in docx_paragraphs(docx))


def test_a_draft_record_has_no_public_report(anonymous, german_expert, inventory):
    assert anonymous.get("/countries/DE/2023/report.pdf").status_code == 404
    response = client_for(german_expert).get("/countries/DE/2023/report.docx")
    assert response.status_code == 200
    texts = [p.text for p in docx_paragraphs(response.content)]
    assert "Status: Draft: not public" in texts


def test_one_section_across_countries(anonymous, inventory):
    response = anonymous.get("/sections/access/report.pdf?collection=2023")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="lgi-access-2023.pdf"'
    _reader, pages = pdf_text(response.content)
    assert "1. Access to guidance" in pages[0] and "Countries reporting 3" in pages[0]
    body = " ".join(pages[1:])
    assert body.index("France") < body.index("Italy") < body.index("Spain")
    assert "Not reported Germany" in body
    docx = anonymous.get("/sections/access/report.docx")
    assert docx["Content-Disposition"] == 'attachment; filename="lgi-access-2023.docx"'
    assert "Italian access text." in [p.text for p in docx_paragraphs(docx.content)]


@pytest.mark.parametrize(
    "query",
    [
        "countries=IT",
        "countries=IT,DE&collection=1999",
        "countries=IT,ZZ",
        "countries=IT,DE&colour=red",
        "groups=eu",
    ],
)
def test_a_bad_comparison_is_a_friendly_400(anonymous, inventory, query):
    if query == "groups=eu":
        for number in range(10):
            make_country(code=f"Q{chr(65 + number)}", name=f"Land {number}")
    response = anonymous.get(f"/compare/report.pdf?{query}")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert "This report cannot be made" in response.content.decode()
    if query == "groups=eu":
        assert "A report covers at most 10 countries; this comparison has 14." in (
            response.content.decode()
        )


def test_unknown_things_are_404(anonymous, inventory):
    assert anonymous.get("/countries/ZZ/2023/report.pdf").status_code == 404
    assert anonymous.get("/countries/IT/2019/report.pdf").status_code == 404
    assert anonymous.get("/countries/IT/2023/report.odt").status_code == 404
    assert anonymous.get("/sections/nothing/report.pdf").status_code == 404
    assert anonymous.get("/sections/access/report.pdf?collection=abc").status_code == 400


def test_report_query_counts_are_pinned(anonymous, inventory, django_assert_num_queries):
    # country, record, entries, their sources, sections, indicator values
    with django_assert_num_queries(6):
        assert anonymous.get("/countries/IT/2023/report.docx").status_code == 200
    # choices (collections, countries, sections, indicators), records, entries, their
    # sources, indicator values, the collection's reference period
    with django_assert_num_queries(9):
        assert anonymous.get(COMPARE.format(fmt="docx")).status_code == 200
    # section, collection years, countries, records, entries, their sources, the
    # reference period
    with django_assert_num_queries(7):
        assert anonymous.get("/sections/access/report.docx").status_code == 200


def test_crawlers_are_asked_to_leave_reports_alone(anonymous):
    robots = anonymous.get("/robots.txt").content.decode()
    assert "Disallow: /*/report.pdf" in robots and "Disallow: /*/report.docx" in robots


def test_pages_link_to_their_reports(anonymous, inventory):
    profile = anonymous.get("/countries/IT/").content.decode()
    assert 'href="/countries/IT/2023/report.pdf" download>Download PDF</a>' in profile
    assert 'href="/countries/IT/2023/report.docx" download>Download Word (DOCX)</a>' in profile
    section = anonymous.get("/sections/access/").content.decode()
    assert 'href="/sections/access/report.pdf?collection=2023"' in section
    compare = anonymous.get("/compare/?countries=IT,DE,FR,ES&collection=2023").content.decode()
    assert 'href="/compare/report.pdf?countries=IT,DE,FR,ES&amp;collection=2023"' in compare
    record_section = anonymous.get("/countries/IT/2023/sections/access/").content.decode()
    assert "The whole record as a report" in record_section
    assert 'href="/countries/IT/2023/report.docx" download>' in record_section
    printable = anonymous.get("/compare/print/?countries=IT,DE&collection=2023").content.decode()
    assert 'href="/compare/report.docx?countries=IT,DE&amp;collection=2023"' in printable


class _Recorder(BaseHTTPRequestHandler):
    hits = []

    def do_GET(self):
        self.hits.append(self.path)
        self.send_response(404)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def http_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    _Recorder.hits = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", _Recorder.hits
    server.shutdown()


def hostile_html(url):
    return (
        f'<html><head><link rel="stylesheet" href="{STATIC_PREFIX}css/report.css">'
        f'<link rel="attachment" href="file:///etc/passwd"></head>'
        f'<body><p>Text</p><img src="{url}/tracker.png" alt=""></body></html>'
    )


def test_the_pdf_fetcher_loads_only_the_sites_static_files(http_server):
    url, hits = http_server
    fetcher = StaticFilesOnly()
    pdf = render_html_pdf(hostile_html(url), fetcher)
    assert hits == []
    assert PdfReader(BytesIO(pdf)).attachments == {}
    assert sorted(fetcher.refused) == ["file:///etc/passwd", f"{url}/tracker.png"]
    with pytest.raises(ValueError):
        fetcher.fetch(f"{STATIC_PREFIX}../../inventory/settings.py")
    assert b"@page" in fetcher.fetch(f"{STATIC_PREFIX}css/report.css").read()


def test_weasyprints_own_fetcher_would_have_fetched_both(http_server):
    """The control: without StaticFilesOnly the same document reaches the network and
    embeds the server's file, so the test above can fail."""
    url, hits = http_server
    pdf = render_html_pdf(hostile_html(url), URLFetcher())
    assert hits == ["/tracker.png"]
    assert "passwd" in PdfReader(BytesIO(pdf)).attachments


def test_without_demo_content_the_notice_goes(anonymous, inventory, settings):
    settings.INVENTORY_DEMO_CONTENT = False
    _reader, pages = pdf_text(anonymous.get("/countries/IT/2023/report.pdf").content)
    assert "Illustrative demo content" not in " ".join(pages)


def test_the_compare_page_says_why_it_offers_no_report_of_many_countries(anonymous, inventory):
    for number in range(10):
        make_country(code=f"Q{chr(65 + number)}", name=f"Land {number}")
    html = anonymous.get("/compare/?groups=eu&collection=2023").content.decode()
    assert "A report covers at most 10 countries; this comparison has 14." in html
    assert "/compare/report.pdf" not in html
    assert "Download as CSV" in html


def test_sanitised_html_becomes_word_paragraphs():
    from guidance.reading.markdown import render_markdown
    from guidance.reports.html_to_docx import add_html

    markdown = (
        "### Centres\n\n"
        "Text with **bold**, *italic* and a [link](https://example.org/a).  \nNew line.\n\n"
        "1. first\n2. second\n    - nested\n\n"
        "> quoted\n\n"
        "| Year | Centres |\n| --- | --- |\n| 2023 | 800 |\n"
    )
    document = Document()
    add_html(document, str(render_markdown(markdown)))
    paragraphs = [(p.style.name, p.text) for p in document.paragraphs]
    assert paragraphs[0] == ("Heading 3", "Centres")
    assert paragraphs[1] == (
        "Normal",
        "Text with bold, italic and a link (https://example.org/a).\nNew line.",
    )
    assert ("List Continue", "1. first") in paragraphs
    assert ("List Continue", "2. second") in paragraphs
    assert ("List Bullet 2", "nested") in paragraphs
    assert ("Quote", "quoted") in paragraphs
    assert ("Normal", "Year | Centres") in paragraphs and ("Normal", "2023 | 800") in paragraphs
    runs = document.paragraphs[1].runs
    assert [run.text for run in runs if run.bold] == ["bold"]
    assert [run.text for run in runs if run.italic] == ["italic"]
