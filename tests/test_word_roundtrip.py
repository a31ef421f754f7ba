"""An expert takes Italy's draft to Word and back: download, edit, review, save two of three.

The file is edited with python-docx as a person edits it in Word (typing over paragraphs,
adding lines), uploaded through the rendered upload form, and the changes are ticked on
the rendered review page.
"""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document

from guidance.models import PublicationStatus, SectionEntry
from guidance.word import layout
from tests.conftest import client_for
from tests.factories import make_collection, make_entry, make_section, make_source, make_system
from tests.rendered_forms import rendered_form

pytestmark = pytest.mark.django_db

FIRST = "Guidance is offered in **every** school.\n\n- by counsellors\n- by teachers"
SECOND = "Public employment services advise adults."
THIRD = "Universities run career centres."
FOURTH = "A national portal lists courses."


@pytest.fixture
def word_sections(db):
    titles = ["Schools", "Adults", "Universities", "Portal"]
    return [make_section(number=n, slug=f"w{n}", title=title) for n, title in enumerate(titles, 1)]


@pytest.fixture
def base_record(italy, word_sections):
    record = make_system(country=italy, collection=make_collection(year=2023))
    for section in word_sections:
        make_entry(system=record, section=section, body=f"Old text of {section.title}.")
    return record


@pytest.fixture
def draft(italy, word_sections, base_record):
    record = make_system(
        country=italy,
        collection=make_collection(year=2025),
        status=PublicationStatus.DRAFT,
        based_on=base_record,
    )
    for section, body in zip(word_sections, [FIRST, SECOND, THIRD, FOURTH], strict=True):
        entry = make_entry(system=record, section=section, body=body)
        entry.sources.add(make_source(title=f"Report on {section.title}", country=italy))
    return record


def _change_page(record):
    return f"/admin/guidance/guidancesystem/{record.pk}/change/"


def _word_url(record, action):
    return f"/admin/guidance/guidancesystem/{record.pk}/word/{action}/"


def download(client, record):
    response = client.get(_word_url(record, "download"))
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return response.content


def _section_paragraphs(document, number):
    """The paragraphs under heading `number`: (typed text, reference blocks)."""
    typed, reference, inside = [], [], False
    for paragraph in document.paragraphs:
        if paragraph.style.name == "Heading 1":
            inside = layout.heading_number(paragraph.text) == number
        elif inside and paragraph.style.name == layout.REFERENCE_STYLE:
            reference.append(paragraph)
        elif inside:
            typed.append(paragraph)
    return typed, reference


def edit(data, texts=None, reference_edits=None):
    """The file with sections' text typed over, as in Word: the first paragraph retyped,
    the others deleted, new lines inserted. `reference_edits` retypes grey paragraphs."""
    document = Document(io.BytesIO(data))
    for number, text in (texts or {}).items():
        typed, _ = _section_paragraphs(document, number)
        for paragraph in typed[1:]:
            paragraph._p.getparent().remove(paragraph._p)
        lines = text.split("\n")
        typed[0].text = lines[-1]
        for line in lines[:-1]:
            typed[0].insert_paragraph_before(line)
    for number, text in (reference_edits or {}).items():
        _, reference = _section_paragraphs(document, number)
        for paragraph in reference:
            paragraph.text = text
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def upload(client, record, data, name="record.docx"):
    page = client.get(_word_url(record, "upload"))
    assert page.status_code == 200
    form = rendered_form(page, form_id="word-upload-form")
    body = form.data()
    body["file"] = SimpleUploadedFile(name, data, content_type="application/octet-stream")
    return client.post(form.action or _word_url(record, "upload"), body)


def save_ticked(client, review, numbers):
    html = review.content.decode()
    for number in numbers:
        assert f'name="apply" value="{number}"' in html, f"no box for section {number}"
    form = rendered_form(review, form_id="word-review-form")
    return client.post(form.action, form.data({"apply": [str(n) for n in numbers]}))


def _bodies(record):
    return dict(record.entries.values_list("section__number", "body"))


def _versions(record):
    return dict(record.entries.values_list("section__number", "version"))


def test_an_expert_round_trips_italys_draft_through_word_and_saves_two_of_three(
    italian_expert, draft
):
    client = client_for(italian_expert)
    page = client.get(_change_page(draft)).content.decode()
    assert "Download for Word" in page and "Upload from Word" in page
    versions = _versions(draft)
    histories = {n: SectionEntry.history.filter(section__number=n).count() for n in (1, 2, 3)}

    edited = edit(
        download(client, draft),
        texts={
            1: "Guidance is offered in **every** school.\n\n- by counsellors\n- by tutors",
            2: "Public employment services advise adults and young people.",
            3: "Universities and colleges run career centres.",
        },
        reference_edits={4: "Typed into the grey block, which is never uploaded."},
    )
    review = upload(client, draft, edited)
    assert review.status_code == 200, review.content.decode()[:2000]
    html = review.content.decode()
    assert html.count('name="apply"') == 3
    assert "Unchanged sections" in html and "4. Portal" in html
    assert "<ins>" in html and "tutors" in html

    response = save_ticked(client, review, [1, 3])
    assert response.status_code == 302
    assert response["Location"] == _change_page(draft)

    bodies = _bodies(draft)
    assert bodies[1] == "Guidance is offered in **every** school.\n\n- by counsellors\n- by tutors"
    assert bodies[2] == SECOND
    assert bodies[3] == "Universities and colleges run career centres."
    assert bodies[4] == FOURTH
    after = _versions(draft)
    assert after == {**versions, 1: versions[1] + 1, 3: versions[3] + 1}
    for number, added in ((1, 1), (2, 0), (3, 1)):
        count = SectionEntry.history.filter(section__number=number).count()
        assert count == histories[number] + added
    latest = SectionEntry.history.filter(section__number=1).order_by("-history_date").first()
    assert latest.history_user == italian_expert
    assert latest.history_change_reason == "Uploaded from Word"
    draft.refresh_from_db()
    assert draft.updated_by == italian_expert


def test_an_untouched_file_changes_nothing_the_round_trip_is_lossless(italian_expert, draft):
    client = client_for(italian_expert)
    review = upload(client, draft, edit(download(client, draft)))
    html = review.content.decode()
    assert review.status_code == 200
    assert "The file changes no section" in html
    assert 'name="apply"' not in html
    for title in ("1. Schools", "2. Adults", "3. Universities", "4. Portal"):
        assert title in html


def test_the_file_holds_headings_texts_previous_collection_and_sources(italian_expert, draft):
    document = Document(io.BytesIO(download(client_for(italian_expert), draft)))
    typed, reference = _section_paragraphs(document, 1)
    assert [p.text for p in typed] == FIRST.split("\n")
    grey = [p.text for p in reference]
    assert "Previous collection (2023) – for reference, not uploaded:" in grey
    assert "Old text of Schools." in grey
    assert any("Report on Schools" in text for text in grey)


def test_the_german_expert_is_refused_at_download_upload_and_save(german_expert, draft):
    client = client_for(german_expert)
    before = _bodies(draft)
    assert client.get(_word_url(draft, "download")).status_code == 403
    assert client.get(_word_url(draft, "upload")).status_code == 403
    file = SimpleUploadedFile("record.docx", b"PK", content_type="application/octet-stream")
    assert client.post(_word_url(draft, "upload"), {"file": file}).status_code == 403
    response = client.post(_word_url(draft, "save"), {"proposal": "x", "apply": ["1"]})
    assert response.status_code == 403
    assert _bodies(draft) == before


def test_a_review_signed_for_the_italian_expert_cannot_be_saved_by_the_german_one(
    italian_expert, german_expert, draft
):
    italian = client_for(italian_expert)
    review = upload(italian, draft, edit(download(italian, draft), texts={2: "Changed."}))
    form = rendered_form(review, form_id="word-review-form")
    response = client_for(german_expert).post(form.action, form.data({"apply": ["2"]}))
    assert response.status_code == 403
    assert _bodies(draft)[2] == SECOND


def _zip_bomb():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("word/document.xml", b"\0" * (51 * 1024 * 1024))
    return out.getvalue()


def _foreign_docx():
    document = Document()
    document.add_heading("1. Schools", level=1)
    document.add_paragraph("A text from elsewhere.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _without_heading(data, number):
    document = Document(io.BytesIO(data))
    for paragraph in document.paragraphs:
        if paragraph.style.name == "Heading 1" and layout.heading_number(paragraph.text) == number:
            paragraph._p.getparent().remove(paragraph._p)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


BAD_FILES = {
    "not a docx": (lambda good, other: b"Dear editors, here is my text.", "not a Word document"),
    "truncated": (lambda good, other: good[: len(good) // 2], "not a Word document"),
    "oversized": (lambda good, other: b"PK" + b"x" * (5 * 1024 * 1024), "larger than 5 MB"),
    "zip bomb": (lambda good, other: _zip_bomb(), "unpacks to far more"),
    "foreign docx": (lambda good, other: _foreign_docx(), "not downloaded from this inventory"),
    "another record": (lambda good, other: other, "the draft of another record"),
    "heading removed": (lambda good, other: _without_heading(good, 2), "headings"),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_a_bad_file_is_refused_with_a_clear_message_and_nothing_saved(
    italian_expert, draft, base_record, case
):
    client = client_for(italian_expert)
    make_bad, message = BAD_FILES[case]
    good = edit(download(client, draft), texts={1: "Changed.", 2: "Changed too."})
    other = edit(download(client, base_record), texts={1: "Changed."})
    before, versions = _bodies(draft), _versions(draft)
    response = upload(client, draft, make_bad(good, other))
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert "Nothing was saved" in html
    assert 'id="word-upload-form"' in html
    assert _bodies(draft) == before and _versions(draft) == versions


def test_tracked_changes_are_refused(italian_expert, draft):
    client = client_for(italian_expert)
    document = Document(io.BytesIO(download(client, draft)))
    typed, _ = _section_paragraphs(document, 1)
    run = typed[0].runs[0]._r
    insertion = run.makeelement(f"{{{layout.W_NS}}}ins", {f"{{{layout.W_NS}}}id": "1"})
    run.addprevious(insertion)
    insertion.append(run)
    out = io.BytesIO()
    document.save(out)
    response = upload(client, draft, out.getvalue())
    assert response.status_code == 400
    assert "tracked changes" in response.content.decode()


def test_a_section_saved_by_someone_else_after_the_download_is_a_conflict(
    italian_expert, editor, draft
):
    client = client_for(italian_expert)
    data = download(client, draft)
    second = draft.entries.get(section__number=2)
    second.body = "The editor's correction."
    second.save()
    review = upload(client, draft, edit(data, texts={1: "Mine.", 2: "Mine too.", 3: "And this."}))
    html = review.content.decode()
    assert "Conflict:" in html
    assert 'name="apply" value="2"' not in html
    assert html.count('name="apply"') == 2


def test_a_section_someone_else_saved_but_the_expert_left_alone_is_no_conflict(
    italian_expert, draft
):
    client = client_for(italian_expert)
    data = download(client, draft)
    second = draft.entries.get(section__number=2)
    second.body = "The editor's correction."
    second.save()
    review = upload(client, draft, edit(data, texts={1: "Mine."}))
    html = review.content.decode()
    assert "Conflict:" not in html
    assert html.count('name="apply"') == 1
    save_ticked(client, review, [1])
    assert _bodies(draft)[2] == "The editor's correction."
    assert _bodies(draft)[1] == "Mine."


def test_a_conflict_at_save_time_saves_nothing_at_all(italian_expert, draft):
    client = client_for(italian_expert)
    review = upload(
        client, draft, edit(download(client, draft), texts={1: "Mine.", 3: "Mine too."})
    )
    third = draft.entries.get(section__number=3)
    third.body = "Saved by a colleague meanwhile."
    third.save()
    versions = _versions(draft)
    response = save_ticked(client, review, [1, 3])
    assert response.status_code == 302
    message = client.get(response["Location"]).content.decode()
    assert "Section 3 was changed by someone else" in message
    assert _bodies(draft)[1] == FIRST
    assert _bodies(draft)[3] == "Saved by a colleague meanwhile."
    assert _versions(draft) == versions


def test_an_altered_review_is_refused_and_nothing_saved(italian_expert, draft):
    client = client_for(italian_expert)
    review = upload(client, draft, edit(download(client, draft), texts={1: "Mine."}))
    form = rendered_form(review, form_id="word-review-form")
    body = form.data({"apply": ["1"], "proposal": form.data()["proposal"][0][:-3] + "abc"})
    response = client.post(form.action, body)
    assert "altered" in client.get(response["Location"]).content.decode()
    assert _bodies(draft)[1] == FIRST


def test_an_expert_cannot_upload_to_a_published_record(italian_expert, base_record):
    client = client_for(italian_expert)
    assert client.get(_word_url(base_record, "download")).status_code == 200
    response = client.get(_word_url(base_record, "upload"))
    assert response.status_code == 403
    assert "Change in a revision" in response.content.decode()
    assert "Upload from Word" not in client.get(_change_page(base_record)).content.decode()


def test_the_review_page_makes_a_fixed_number_of_queries(
    italian_expert, draft, django_assert_num_queries
):
    client = client_for(italian_expert)
    data = edit(download(client, draft), texts={1: "One.", 2: "Two.", 3: "Three."})
    page = client.get(_word_url(draft, "upload"))
    form = rendered_form(page, form_id="word-upload-form")
    body = {**form.data(), "file": SimpleUploadedFile("r.docx", data)}
    with django_assert_num_queries(QUERIES_FOR_REVIEW):
        response = client.post(_word_url(draft, "upload"), body)
    assert response.status_code == 200


# session, user, is-editor, section count (the admin's queryset), the record, the user's
# model permissions (2), the record's country, the user's countries, its collection,
# the sections, the entries: the same for 3 changed sections as for 21.
QUERIES_FOR_REVIEW = 12


def test_a_section_without_text_is_written_in_word_and_saved_as_a_new_entry(italian_expert, draft):
    fifth = make_section(number=5, slug="w5", title="Migrants")
    client = client_for(italian_expert)
    review = upload(client, draft, edit(download(client, draft), texts={5: "New services."}))
    save_ticked(client, review, [5])
    entry = draft.entries.get(section=fifth)
    assert entry.body == "New services." and entry.version == 1
    assert entry.history.get().history_user == italian_expert


def test_a_list_word_made_from_typed_dashes_keeps_its_markdown_dashes(italian_expert, draft):
    client = client_for(italian_expert)
    document = Document(io.BytesIO(edit(download(client, draft), texts={2: "Adults:\nin centres"})))
    typed, _ = _section_paragraphs(document, 2)
    numbering = typed[1]._p.get_or_add_pPr().get_or_add_numPr()
    numbering.get_or_add_ilvl().val = 0
    numbering.get_or_add_numId().val = 1
    out = io.BytesIO()
    document.save(out)
    review = upload(client, draft, out.getvalue())
    save_ticked(client, review, [2])
    assert _bodies(draft)[2] == "Adults:\n- in centres"


# Download: session, user, is-editor, section count (the admin's queryset), the record,
# the user's model permissions (2), its country, the user's countries, its collection,
# the sections, the entries, their sources, the base's year, the base's texts.
# Upload form: the same up to its collection (the title names the record).
@pytest.mark.parametrize(("action", "queries"), [("download", 15), ("upload", 10)])
def test_the_download_and_the_upload_form_make_a_fixed_number_of_queries(
    italian_expert, draft, django_assert_num_queries, action, queries
):
    client = client_for(italian_expert)
    with django_assert_num_queries(queries):
        assert client.get(_word_url(draft, action)).status_code == 200
