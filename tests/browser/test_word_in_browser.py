"""The Word round trip in a real browser: the upload form and the review page pass axe,
light and dark, and fit a 320 px screen.

The file is downloaded through the record page's link, edited with python-docx, and
uploaded through the form; the review is not saved, so the demo data stays as loaded.
"""

import io
from pathlib import Path

import pytest
from docx import Document

from guidance.word import layout
from tests.browser.test_accessibility import assert_no_wcag_violations
from tests.browser.test_pages_in_browser import SCREENSHOTS
from tests.browser.test_reflow import NARROW, page_width


def _edited(path):
    """The downloaded file with the first line of its first two sections retyped."""
    document = Document(path)
    seen, current = set(), None
    for paragraph in document.paragraphs:
        if paragraph.style.name == layout.HEADING_STYLE:
            current = layout.heading_number(paragraph.text)
        elif (
            paragraph.style.name != layout.REFERENCE_STYLE
            and paragraph.text
            and current
            and current not in seen
            and len(seen) < 2
        ):
            paragraph.text = paragraph.text + " A sentence added in Word."
            seen.add(current)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.fixture
def review_page(editor_page, site_url, tmp_path):
    page = editor_page
    page.goto(site_url + "/admin/guidance/guidancesystem/?q=Italy")
    page.get_by_role("link", name="Italy", exact=True).first.click()
    page.wait_for_url("**/change/**")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download for Word").click()
    saved = Path(tmp_path) / "record.docx"
    download.value.save_as(saved)
    page.get_by_role("link", name="Upload from Word").click()
    page.wait_for_url("**/word/upload/**")
    assert_no_wcag_violations(page)
    page.set_input_files(
        "#id_file",
        files=[
            {
                "name": "record.docx",
                "mimeType": "application/octet-stream",
                "buffer": _edited(saved),
            }
        ],
    )
    page.get_by_role("button", name="Show the changes").click()
    page.wait_for_load_state()
    assert page.get_by_role("checkbox").count() == 2
    return page


def test_the_review_page_passes_axe_and_fits_a_320_pixel_screen(review_page):
    assert_no_wcag_violations(review_page)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    review_page.screenshot(path=SCREENSHOTS / "word-review-1366.png", full_page=True)
    review_page.set_viewport_size(NARROW)
    scroll_width, width = page_width(review_page)
    assert scroll_width <= width, f"the review is {scroll_width} px wide on a {width} px screen"
    review_page.screenshot(path=SCREENSHOTS / "word-review-320.png", full_page=True)


def test_the_review_page_passes_axe_in_dark_mode(review_page):
    review_page.emulate_media(color_scheme="dark")
    assert_no_wcag_violations(review_page)
    review_page.screenshot(path=SCREENSHOTS / "word-review-dark.png", full_page=True)


def test_the_upload_form_fits_a_320_pixel_screen(editor_page, site_url):
    page = editor_page
    page.goto(site_url + "/admin/guidance/guidancesystem/?q=Italy")
    page.get_by_role("link", name="Italy", exact=True).first.click()
    page.wait_for_url("**/change/**")
    page.get_by_role("link", name="Upload from Word").click()
    page.wait_for_url("**/word/upload/**")
    page.set_viewport_size(NARROW)
    scroll_width, width = page_width(page)
    assert scroll_width <= width
    page.emulate_media(color_scheme="dark")
    assert_no_wcag_violations(page)
