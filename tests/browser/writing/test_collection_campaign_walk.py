"""Issue 14's acceptance walk, in Chromium: an editor opens the 2025 collection, expert-it
writes three sections of Italy's draft with sources without leaving the admin, submits,
reads the editor's comments, fixes the text and sees it published, while the public read
the 2023 text the whole time. The e-mails go to a real SMTP server on loopback and are
written to var/screenshots/campaign-mail.txt beside the screenshots."""

import time

import pytest

from guidance.models import CollectionStatus
from tests.browser.writing.conftest import SCREENSHOTS, screenshot
from tests.factories import make_collection, make_entry, make_section, make_source, make_system

pytestmark = pytest.mark.django_db(transaction=True)

OLD_TEXT = "Guidance is offered by the regional employment centres."
# Section number → (text, completeness); SOURCES: a word of the title typed in its picker.
WRITTEN = {
    2: ("Schools appoint a guidance teacher in every lower secondary class.", "complete"),
    3: ("Universities run career offices open to all their students.", "partial"),
    4: ("Adults can ask for a skills assessment at any job centre.", "complete"),
}
SOURCES = {2: "scolastico", 3: "Atenei", 4: "Europass"}
FIXED_TEXT = "Universities run career offices open to all their students and graduates."
EDITOR_COMMENT_ON_SECTION = "Does this cover graduates too?"
RETURN_COMMENT = "Please answer the comment on section 3 before we publish."
REPLY = "Yes: graduates for a year after the degree; the text says so now."
NEW_TEXTS = [WRITTEN[2][0], FIXED_TEXT, WRITTEN[4][0]]


@pytest.fixture
def italy_2023(italy):
    """Italy's published 2023 record: a summary and section 1's text with a source."""
    sections = [make_section(number=n, slug=f"s{n}", title=f"Section {n}") for n in range(1, 6)]
    collection = make_collection(year=2023, status=CollectionStatus.PUBLISHED)
    record = make_system(country=italy, collection=collection, summary="Italy in 2023.")
    entry = make_entry(system=record, section=sections[0], body=OLD_TEXT)
    entry.sources.add(make_source(title="Legge quadro sull'orientamento 2014", country=italy))
    make_source(title="Linee guida Orientamento scolastico 2022", country=italy)
    make_source(title="Rapporto Atenei e placement 2024", country=italy)
    make_source(title="Europass skills assessment guide", country=None)
    return record


def with_address(user):
    user.email = f"{user.get_username()}@example.org"
    user.save()
    return user


def success(page):
    page.locator(".messagelist .success").wait_for()
    return page.locator(".messagelist .success").inner_text()


def public_reads(reader, url):
    """The text of the public profile at `url`, and its status."""
    response = reader.goto(url)
    return response.status, reader.locator("main").inner_text()


def assert_public_shows_only_2023(reader, base):
    for path in ("/countries/IT/", "/countries/IT/2023/"):
        status, text = public_reads(reader, base + path)
        assert status == 200 and OLD_TEXT in text, path
        assert not any(new in text for new in [*NEW_TEXTS, WRITTEN[3][0]]), path
    status, _text = public_reads(reader, base + "/countries/IT/2025/")
    assert status == 404


def write_section(page, number, text, completeness, source_word):
    box = page.locator(f"#entries-box-{number}")
    assert "not written yet" in box.locator("h3").inner_text()
    box.locator("textarea[name$='-body']").fill(text)
    box.locator("select[name$='-completeness']").select_option(completeness)
    box.locator(".field-sources .select2-selection").click()
    page.keyboard.type(source_word)
    page.locator(".select2-results__option", has_text=source_word).click()
    assert source_word in box.locator(".field-sources .select2-selection").inner_text()


def wait_for_mail(mailbox, count, seconds=10):
    deadline = time.monotonic() + seconds
    while len(mailbox.envelopes) < count and time.monotonic() < deadline:
        time.sleep(0.1)
    return mailbox.messages()


def mail_to(messages, address, subject_part):
    found = [m for m in messages if m["To"] == address and subject_part in m["Subject"]]
    assert found, (address, subject_part, [(m["To"], m["Subject"]) for m in messages])
    return found[0].get_content()


def test_expert_writes_next_collection_in_the_admin_while_the_public_reads_the_last(
    window, live_server, smtp_server, settings, italy_2023, editor, italian_expert
):
    settings.SITE_URL = live_server.url
    base = live_server.url
    with_address(editor)
    with_address(italian_expert)
    reader = window()
    assert_public_shows_only_2023(reader, base)

    # 1. The editor opens the 2025 collection.
    desk = window(editor, base)
    desk.get_by_role("link", name="Collections", exact=True).click()
    desk.get_by_role("link", name="Open the next collection").click()
    assert desk.url == base + "/admin/guidance/collection/open/"
    assert desk.get_by_label("Year of the new collection").input_value() == "2024"
    desk.get_by_label("Year of the new collection").fill("2025")
    screenshot(desk, "campaign-01-editor-opens-collection")
    desk.get_by_role("button", name="Open the collection").click()
    assert "Collection 2025 is open: 1 draft records" in success(desk)
    screenshot(desk, "campaign-02-collection-opened")

    # 2. The expert's workspace links to Italy's 2025 draft.
    expert = window(italian_expert, base)
    assert expert.url == base + "/admin/"
    campaign = expert.locator("section", has=expert.locator("#campaign-2025"))
    assert "Draft" in campaign.get_by_role("row", name="Italy").inner_text()
    screenshot(expert, "campaign-03-expert-workspace")
    campaign.get_by_role("link", name="Italy", exact=True).click()
    expert.locator("#entries-group").wait_for()
    record_url = expert.url
    assert OLD_TEXT in expert.locator("#entries-box-1 textarea").input_value()

    # 3. Three sections complete, each with a source, saved.
    for number, (text, completeness) in WRITTEN.items():
        write_section(expert, number, text, completeness, SOURCES[number])
    screenshot(expert, "campaign-04-expert-writes-three-sections")
    expert.get_by_role("button", name="Save and continue editing").click()
    success(expert)
    for number, (text, _completeness) in WRITTEN.items():
        box = expert.locator(f"#entries-box-{number}")
        assert box.locator("textarea[name$='-body']").input_value() == text
        assert SOURCES[number] in box.locator(".field-sources").inner_text()
    screenshot(expert, "campaign-05-expert-saved-sections")

    # 4. Submitted for review.
    expert.get_by_role("button", name="Submit for review").click()
    assert "Submitted for review." in success(expert)
    screenshot(expert, "campaign-06-expert-submitted")

    # 5. The public still reads 2023 only.
    assert_public_shows_only_2023(reader, base)
    screenshot(reader, "campaign-07-public-reads-2023-during-review")

    # 6. The editor finds it in the review queue, comments on section 3, returns it.
    desk.goto(base + "/admin/")
    queue = desk.locator("section", has=desk.locator("#queue-heading"))
    screenshot(desk, "campaign-08-editor-review-queue")
    queue.get_by_role("link", name="Italy (2025)").click()
    desk.locator("#entries-group").wait_for()
    assert desk.url == record_url
    desk.locator("#entries-box-3").get_by_role("link", name="Comment", exact=True).click()
    desk.locator("[name='body']").fill(EDITOR_COMMENT_ON_SECTION)
    screenshot(desk, "campaign-09-editor-writes-section-comment")
    desk.get_by_role("button", name="Save", exact=True).click()
    success(desk)
    assert EDITOR_COMMENT_ON_SECTION in desk.locator("#entries-box-3").inner_text()
    desk.get_by_role("link", name="Return to draft…").click()
    desk.get_by_label("Comment for the author").fill(RETURN_COMMENT)
    screenshot(desk, "campaign-10-editor-returns-to-draft")
    desk.get_by_role("button", name="Return to draft").click()
    assert "Returned to draft" in success(desk)
    screenshot(desk, "campaign-11-editor-returned")

    # 7. The expert reads both comments, replies, resolves, fixes and submits again.
    expert.goto(base + "/admin/")
    returned = expert.locator("section", has=expert.locator("#returned-heading"))
    assert RETURN_COMMENT in returned.inner_text()
    screenshot(expert, "campaign-12-expert-workspace-returned")
    returned.get_by_role("link", name="Italy (2025)").click()
    expert.locator("#entries-group").wait_for()
    assert RETURN_COMMENT in expert.locator(".workflow-status").inner_text()
    section_3 = expert.locator("#entries-box-3")
    assert EDITOR_COMMENT_ON_SECTION in section_3.locator(".review-threads").inner_text()
    screenshot(expert, "campaign-13-expert-reads-section-comment")
    section_3.get_by_role("link", name="Reply", exact=True).click()
    expert.locator("[name='body']").fill(REPLY)
    expert.get_by_role("button", name="Save", exact=True).click()
    success(expert)
    section_3 = expert.locator("#entries-box-3")
    assert REPLY in section_3.locator(".review-threads").inner_text()
    section_3.get_by_role("link", name="Mark resolved", exact=True).click()
    expert.get_by_role("button", name="Mark resolved", exact=True).click()
    success(expert)
    section_3 = expert.locator("#entries-box-3")
    assert "Resolved" in section_3.locator(".review-threads").inner_text()
    section_3.locator("textarea[name$='-body']").fill(FIXED_TEXT)
    section_3.locator("select[name$='-completeness']").select_option("complete")
    expert.get_by_role("button", name="Save and continue editing").click()
    success(expert)
    assert expert.locator("#entries-box-3 textarea[name$='-body']").input_value() == FIXED_TEXT
    screenshot(expert, "campaign-14-expert-fixed-section")
    expert.get_by_role("button", name="Submit for review").click()
    assert "Submitted for review." in success(expert)
    screenshot(expert, "campaign-15-expert-submitted-again")

    # 8. The public still reads 2023 only.
    assert_public_shows_only_2023(reader, base)

    # 9. The editor publishes.
    desk.goto(base + "/admin/")
    desk.locator("section", has=desk.locator("#queue-heading")).get_by_role(
        "link", name="Italy (2025)"
    ).click()
    desk.get_by_role("button", name="Publish", exact=True).click()
    assert "Published." in success(desk)
    screenshot(desk, "campaign-16-editor-published")

    # 10. The public reads 2025 at the country's page and its permalink; 2023 stays.
    for path in ("/countries/IT/", "/countries/IT/2025/"):
        status, text = public_reads(reader, base + path)
        assert status == 200 and all(new in text for new in NEW_TEXTS), path
        assert WRITTEN[3][0] not in text, path
    screenshot(reader, "campaign-17-public-reads-2025")
    status, text = public_reads(reader, base + "/countries/IT/2023/")
    assert status == 200 and OLD_TEXT in text
    assert not any(new in text for new in NEW_TEXTS)
    assert reader.request.get(base + "/countries/IT/2025/cite.bib").status == 200
    screenshot(reader, "campaign-18-public-2023-unchanged")

    # 11. The e-mails each move sent.
    expert_address, editor_address = italian_expert.email, editor.email
    messages = wait_for_mail(smtp_server, 7)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    (SCREENSHOTS / "campaign-mail.txt").write_text(
        "\n\n".join(
            f"To: {m['To']}\nSubject: {m['Subject'].strip()}\n\n{m.get_content()}" for m in messages
        )
    )
    opened = mail_to(messages, expert_address, "Collection 2025 is open")
    assert f"Italy: {record_url}" in opened
    assert record_url in mail_to(messages, editor_address, "For review: Italy (2025)")
    returned_mail = mail_to(messages, expert_address, "Returned to draft: Italy (2025)")
    assert RETURN_COMMENT in returned_mail
    assert EDITOR_COMMENT_ON_SECTION in mail_to(messages, expert_address, "Review comment on")
    assert REPLY in mail_to(messages, editor_address, "Review comment on")
    assert f"{base}/countries/IT/2025/" in mail_to(messages, expert_address, "Published: Italy")
