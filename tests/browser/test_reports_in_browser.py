"""A researcher downloads reports from the pages in Chromium: Italy's record and a
comparison of four countries, as PDF and DOCX, each with a bibliography.

The first page of each PDF is kept as an image (pdftoppm) in var/screenshots/ for review.
"""

import shutil
import subprocess
from io import BytesIO

import pytest
from docx import Document
from pypdf import PdfReader

from tests.browser.test_accessibility import assert_no_wcag_violations
from tests.browser.test_pages_in_browser import SCREENSHOTS

COMPARE = "/compare/?countries=IT,DE,FR,FI&collection=2023"
PDFTOPPM = shutil.which("pdftoppm")


def download(page, name):
    with page.expect_download() as info:
        page.get_by_role("link", name=name).first.click()
    return info.value


def tab_to(page, name, limit=200):
    """Press Tab from the top until the focused element is the link named `name`."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == name:
            return True
    return False


def first_page_image(pdf_path, name):
    """Page 1 of the PDF as var/screenshots/<name>.png."""
    if PDFTOPPM is None:
        pytest.skip("poppler-utils (pdftoppm) is not installed; .ci/run installs it")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    target = SCREENSHOTS / name
    subprocess.run(
        [PDFTOPPM, "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", pdf_path, target],
        check=True,
    )
    image = target.with_suffix(".png")
    assert image.stat().st_size > 5_000
    return image


def test_a_researcher_downloads_italys_record_as_pdf_from_the_keyboard(site_url, page, tmp_path):
    page.goto(site_url + "/countries/IT/")
    assert tab_to(page, "Download PDF")
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    pdf = info.value
    assert pdf.suggested_filename == "lgi-it-2023.pdf"
    path = tmp_path / pdf.suggested_filename
    pdf.save_as(path)
    reader = PdfReader(path)
    first = " ".join(reader.pages[0].extract_text().split())
    assert "Lifelong guidance system: Italy" in first and "Collection" in first
    assert "Illustrative demo content" in first
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Bibliography" in text and "[1]" in text and "How to cite" in text
    assert len(reader.pages) >= 3
    first_page_image(path, "report-pdf-page1")


def test_a_researcher_downloads_italys_record_as_docx(site_url, page, tmp_path):
    page.goto(site_url + "/countries/IT/")
    docx = download(page, "Download Word (DOCX)")
    assert docx.suggested_filename == "lgi-it-2023.docx"
    path = tmp_path / docx.suggested_filename
    docx.save_as(path)
    texts = [paragraph.text for paragraph in Document(path).paragraphs]
    assert "Bibliography" in texts and any(text.startswith("[1] ") for text in texts)


def test_a_researcher_downloads_a_four_country_comparison_as_pdf_and_docx(site_url, page, tmp_path):
    page.goto(site_url + COMPARE)
    pdf = download(page, "Download PDF")
    assert pdf.suggested_filename == "lgi-comparison-2023-it-de-fr-fi.pdf"
    path = tmp_path / pdf.suggested_filename
    pdf.save_as(path)
    reader = PdfReader(path)
    first = " ".join(reader.pages[0].extract_text().split())
    assert "Comparison of lifelong guidance systems" in first
    assert "Italy, Germany, France, Finland" in first
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Bibliography" in text and "[1]" in text
    first_page_image(path, "report-compare-pdf-page1")

    docx = download(page, "Download Word (DOCX)")
    assert docx.suggested_filename == "lgi-comparison-2023-it-de-fr-fi.docx"
    with docx.path().open("rb") as file:
        texts = [paragraph.text for paragraph in Document(BytesIO(file.read())).paragraphs]
    assert "Bibliography" in texts and "Finland" in texts


PAGES_WITH_REPORTS = {
    "profile": ("/countries/IT/", "Download PDF"),
    "compare": (COMPARE, "Download Word (DOCX)"),
    "compare print view": ("/compare/print/?countries=IT,DE,FR,FI", "Download PDF"),
    "section across countries": ("/sections/access/", "Download Word (DOCX)"),
}


@pytest.mark.parametrize("name", sorted(PAGES_WITH_REPORTS))
def test_report_links_are_keyboard_reachable_and_the_page_passes_axe(site_url, page, name):
    path, link = PAGES_WITH_REPORTS[name]
    page.goto(site_url + path)
    assert tab_to(page, link)
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    assert_no_wcag_violations(page)


def test_a_refused_report_is_a_page_that_passes_axe(site_url, page):
    response = page.goto(site_url + "/compare/report.pdf?countries=IT")
    assert response.status == 400
    assert page.get_by_role("heading", name="This report cannot be made").is_visible()
    assert_no_wcag_violations(page)
