"""E-mail after each workflow move: the right people hear of it, once it is saved, and a mail
server that is down never costs anyone their save."""

import email
import email.policy
import logging
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext

from guidance.caching import content_generation
from guidance.models import InterfaceLanguage
from guidance.rules import workflow
from guidance.rules.opening import open_collection
from guidance.rules.roles import EDITORS
from tests.conftest import client_for
from tests.factories import (
    make_collection,
    make_country,
    make_policy,
    make_source,
    make_system,
)
from tests.rendered_forms import post_rendered
from tests.smtp import free_port, use_smtp

pytestmark = pytest.mark.django_db

SITE = "https://inventory.example.org"


@pytest.fixture(autouse=True)
def site(settings):
    settings.SITE_URL = SITE
    settings.DEFAULT_FROM_EMAIL = "Inventory <inventory@example.org>"


def give_address(user):
    user.email = f"{user.username}@example.org"
    user.save()
    return user


@pytest.fixture
def editors(editor, groups):
    """Two editors who can be reached, one without an address and one who has left."""
    editors_group, _ = groups
    give_address(editor)
    colleague = give_address(get_user_model().objects.create_user("editor-2", is_staff=True))
    no_address = get_user_model().objects.create_user("editor-3", is_staff=True)
    departed = give_address(
        get_user_model().objects.create_user("editor-4", is_staff=True, is_active=False)
    )
    for user in (colleague, no_address, departed):
        user.groups.add(editors_group)
    return editor, colleague


@pytest.fixture
def experts(italian_expert, german_expert):
    return give_address(italian_expert), give_address(german_expert)


@pytest.fixture
def italian_draft(italy, collection_2023):
    return make_system(country=italy, collection=collection_2023, status="draft")


def recipients():
    return sorted(address for message in mail.outbox for address in message.to)


def test_a_submission_tells_every_reachable_editor_once_it_is_saved(
    editors, experts, italian_draft, django_capture_on_commit_callbacks
):
    italian_expert, _ = experts
    with django_capture_on_commit_callbacks(execute=True):
        workflow.submit(italian_draft, italian_expert)
        assert mail.outbox == []  # not before the commit

    assert recipients() == ["editor-2@example.org", "editor@example.org"]
    message = mail.outbox[0]
    assert message.subject == "[Lifelong Guidance Inventory] For review: Italy (2023)"
    assert message.from_email == "Inventory <inventory@example.org>"
    assert "expert-it submitted this country record for review." in message.body
    assert "Country: Italy" in message.body
    assert f"{SITE}/admin/guidance/guidancesystem/{italian_draft.pk}/change/" in message.body


def test_an_editor_who_submits_is_not_mailed_about_their_own_move(
    editors, italian_draft, django_capture_on_commit_callbacks
):
    editor, _ = editors
    with django_capture_on_commit_callbacks(execute=True):
        workflow.submit(italian_draft, editor)
    assert recipients() == ["editor-2@example.org"]


def test_returning_to_draft_tells_the_italian_experts_the_editors_comment(
    editors, experts, italian_draft, django_capture_on_commit_callbacks
):
    editor, _ = editors
    italian_expert, _ = experts
    workflow.submit(italian_draft, italian_expert)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.return_to_draft(italian_draft, editor, "Please add sources\nto section 3.")

    assert recipients() == ["expert-it@example.org"]
    message = mail.outbox[0]
    assert message.subject == "[Lifelong Guidance Inventory] Returned to draft: Italy (2023)"
    assert "editor returned this country record to draft with a comment." in message.body
    assert "  Please add sources\n  to section 3.\n" in message.body
    assert f"Change it: {SITE}/admin/guidance/guidancesystem/{italian_draft.pk}/change/" in (
        message.body
    )


def test_publishing_tells_the_italian_experts_where_readers_find_it(
    editors, experts, italian_draft, django_capture_on_commit_callbacks
):
    editor, _ = editors
    italian_expert, _ = experts
    workflow.submit(italian_draft, italian_expert)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client_for(editor).post(f"/admin/guidance/guidancesystem/{italian_draft.pk}/publish/")

    assert recipients() == ["expert-it@example.org"]
    message = mail.outbox[0]
    assert message.subject == "[Lifelong Guidance Inventory] Published: Italy (2023)"
    assert "editor published this country record." in message.body
    assert f"On the public site: {SITE}/countries/IT/2023/" in message.body


def test_publishing_a_policy_links_its_public_page(
    editors, experts, italy, django_capture_on_commit_callbacks
):
    editor, _ = editors
    policy = make_policy(country=italy, title="Guidance act", status="in_review")
    with django_capture_on_commit_callbacks(execute=True):
        workflow.publish(policy, editor)

    assert recipients() == ["expert-it@example.org"]
    assert mail.outbox[0].subject == "[Lifelong Guidance Inventory] Published: Guidance act (IT)"
    assert f"{SITE}/policies/{policy.pk}/" in mail.outbox[0].body


def test_a_move_that_is_rolled_back_sends_nothing(
    editors, experts, italian_draft, django_capture_on_commit_callbacks
):
    italian_expert, _ = experts
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        workflow.submit(italian_draft, italian_expert)
        raise RuntimeError("the rest of the save failed")
    assert callbacks == []
    assert mail.outbox == []


def test_opening_a_collection_sends_each_expert_their_countrys_draft(
    editors, experts, italian_record, german_record, django_capture_on_commit_callbacks
):
    editor, _ = editors
    german_record.status = "draft"
    german_record.save()
    with django_capture_on_commit_callbacks(execute=True):
        opened = open_collection(2024, user=editor)

    assert recipients() == ["expert-de@example.org", "expert-it@example.org"]
    by_recipient = {message.to[0]: message for message in mail.outbox}
    italian = by_recipient["expert-it@example.org"]
    assert (
        italian.subject
        == "[Lifelong Guidance Inventory] Collection 2024 is open: update your records"
    )
    assert "editor opened Collection 2024." in italian.body
    draft = opened.collection.systems.get(country__code="IT")
    assert f"Italy: {SITE}/admin/guidance/guidancesystem/{draft.pk}/change/" in italian.body
    german = by_recipient["expert-de@example.org"]
    assert (
        f"Germany: no published record to copy; start one at {SITE}/admin/guidance/"
        "guidancesystem/add/?country=DE" in german.body
    )


def test_the_open_collection_command_tells_the_experts_too(
    experts, italian_record, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        open_collection(2024)
    assert "Collection 2024 is open." in mail.outbox[0].body


def test_a_publish_is_delivered_by_a_real_smtp_server(
    smtp_server, editors, experts, italy, django_capture_on_commit_callbacks
):
    editor, _ = editors
    policy = make_policy(country=italy, title="Guidance act", status="in_review")
    with django_capture_on_commit_callbacks(execute=True):
        workflow.publish(policy, editor)

    [envelope] = smtp_server.envelopes
    assert envelope.mail_from == "inventory@example.org"
    assert envelope.rcpt_tos == ["expert-it@example.org"]
    message = email.message_from_bytes(envelope.content, policy=email.policy.default)
    assert message["To"] == "expert-it@example.org"
    assert message["Subject"] == "[Lifelong Guidance Inventory] Published: Guidance act (IT)"
    assert f"On the public site: {SITE}/policies/{policy.pk}/" in message.get_content()


def test_a_publish_succeeds_and_is_logged_when_the_mail_server_is_down(
    settings, editors, experts, italian_draft, caplog, django_capture_on_commit_callbacks
):
    editor, _ = editors
    use_smtp(settings, free_port())  # nothing listens there: the connection is refused
    workflow.submit(italian_draft, experts[0])
    with (
        caplog.at_level(logging.ERROR, logger="guidance.rules.notifications"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client_for(editor).post(
            f"/admin/guidance/guidancesystem/{italian_draft.pk}/publish/"
        )

    assert response.status_code == 302
    italian_draft.refresh_from_db()
    assert italian_draft.status == "published"
    [record] = [r for r in caplog.records if r.name == "guidance.rules.notifications"]
    assert record.levelno == logging.ERROR
    assert "Could not send" in record.getMessage()
    assert "expert-it@example.org" in record.getMessage()
    assert isinstance(record.exc_info[1], ConnectionRefusedError)


def test_no_mail_goes_to_editors_outside_the_editors_group(
    experts, italian_draft, django_capture_on_commit_callbacks
):
    """Recipients are the Editors group, not staff at large."""
    give_address(get_user_model().objects.create_user("staff-only", is_staff=True))
    assert not get_user_model().objects.filter(groups__name=EDITORS).exists()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.submit(italian_draft, experts[0])
    assert mail.outbox == []


def test_a_new_collection_needs_no_previous_record(experts, django_capture_on_commit_callbacks):
    make_collection(year=2023)
    with django_capture_on_commit_callbacks(execute=True):
        open_collection(2024)
    assert recipients() == ["expert-de@example.org", "expert-it@example.org"]


def test_the_daily_digest_lists_for_each_editor_what_waits_in_review(
    editors, italy, italian_record, collection_2023
):
    make_system(country=make_country(code="FR", name="France"), collection=collection_2023)
    italian_record.status = "in_review"
    italian_record.save()
    policy = make_policy(country=italy, title="Guidance act", status="in_review")
    make_policy(country=italy, title="Still a draft", status="draft")
    source = make_source(title="Annual report", year=None)
    proposed = make_source(
        title="Annual report", year=None, status="in_review", revision_of=source, url=""
    )

    out = StringIO()
    call_command("send_review_digest", stdout=out)

    assert "Sent the review digest to 2 editor(s)." in out.getvalue()
    assert recipients() == ["editor-2@example.org", "editor@example.org"]
    message = mail.outbox[0]
    assert message.subject == "[Lifelong Guidance Inventory] 3 waiting for review"
    body = message.body
    assert "Country records\n- Italy (2023), since " in body
    assert f"{SITE}/admin/guidance/guidancesystem/{italian_record.pk}/change/" in body
    assert "Policies\n- Guidance act (IT), since " in body
    assert f"/admin/guidance/policy/{policy.pk}/change/" in body
    assert "Still a draft" not in body and "France" not in body
    assert "- Annual report, a proposed change, since " in body
    assert f"/admin/guidance/source/{proposed.pk}/change/" in body


def test_the_daily_digest_sends_nothing_when_nothing_waits(editors, italian_record):
    out = StringIO()
    call_command("send_review_digest", stdout=out)
    assert mail.outbox == []
    assert "to 0 editor(s)" in out.getvalue()


def sign_in(client, user, language):
    """Sign in through the admin's login form in `language`, as a person would."""
    prefix = "" if language == "en" else f"/{language}"
    answer = post_rendered(
        client,
        f"{prefix}/admin/login/",
        "login-form",
        {"username": user.username, "password": "pw"},
        button=None,
    )
    assert answer.status_code == 302, answer.content.decode()[:500]


def in_language(language, text, **values):
    with translation.override(language):
        return gettext(text) % values


def test_an_expert_who_signs_in_in_italian_is_told_of_a_publish_in_italian(
    editors, experts, italian_draft, django_capture_on_commit_callbacks
):
    editor, _ = editors
    italian_expert, _ = experts
    sign_in(Client(), italian_expert, "it")
    workflow.submit(italian_draft, italian_expert)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.publish(italian_draft, editor)

    message = mail.outbox[-1]
    assert message.to == ["expert-it@example.org"]
    published = in_language("it", "Published: %(content)s", content="Italy (2023)")
    assert published != "Published: Italy (2023)"
    assert message.subject.endswith(published)
    assert f"{SITE}/it/countries/IT/2023/" in message.body
    assert f"{SITE}/it/admin/guidance/guidancesystem/{italian_draft.pk}/change/" in message.body


def test_each_editor_reads_the_digest_in_the_language_they_signed_in_with(editors, italian_record):
    editor, colleague = editors
    colleague.set_password("pw")
    colleague.save()
    sign_in(Client(), editor, "fr")
    sign_in(Client(), colleague, "fr")
    sign_in(Client(), colleague, "en")
    italian_record.status = "in_review"
    italian_record.save()

    call_command("send_review_digest", stdout=StringIO())

    subjects = {message.to[0]: message.subject for message in mail.outbox}
    waiting = in_language("fr", "%(count)d waiting for review", count=1)
    assert subjects["editor@example.org"].endswith(waiting)
    assert subjects["editor-2@example.org"] == "[Lifelong Guidance Inventory] 1 waiting for review"
    assert len(mail.outbox) == 2


def test_signing_in_leaves_the_public_cache_alone(italian_expert):
    generation = content_generation()
    sign_in(Client(), italian_expert, "de")
    assert content_generation() == generation
    assert InterfaceLanguage.objects.get(user=italian_expert).language == "de"
