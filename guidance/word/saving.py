"""The sections an expert accepted from an upload, saved as the record page saves them.

Each accepted text goes through the record page's own entry form (SectionEntryForm, a
VersionedForm): the same model validation, the same version check under a row lock,
the same history row and version bump. All accepted sections are saved in one
transaction: a refusal of any of them (someone saved it since the download) saves none.

Between the review page and the save, the proposed texts travel in a signed field
(django.core.signing, bound to the record and the user, valid for an hour): the save
never trusts a text it did not sign itself.
"""

from dataclasses import dataclass

from django.core import signing
from django.db import IntegrityError, transaction
from django.forms import modelform_factory
from django.utils import timezone
from django.utils.translation import gettext as _

from guidance.admin.record_page import SectionEntryForm
from guidance.models import Completeness, GuidanceSystem, SectionEntry
from guidance.rules import concurrency, permissions

SALT = "guidance.word.proposal"
MAX_AGE_SECONDS = 60 * 60
CHANGE_REASON = "Uploaded from Word"

EntryTextForm = modelform_factory(
    SectionEntry, form=SectionEntryForm, fields=["body", "completeness"]
)


class SaveRefused(Exception):
    """Nothing was saved; the message says why."""


@dataclass(frozen=True)
class AcceptedText:
    """A section's uploaded text with the entry and version it was downloaded at."""

    number: int
    section_id: int
    entry_id: int | None
    seen_version: int | None
    body: str


def sign(record, user, proposals):
    """The changed, conflict-free proposals of an upload as a signed string for the page."""
    texts = [
        [p.section.number, p.section.pk, p.entry_id, p.seen_version, p.uploaded]
        for p in proposals
        if p.changed and not p.conflict
    ]
    payload = {"record": record.pk, "user": user.pk, "texts": texts}
    return signing.dumps(payload, salt=SALT, compress=True)


def unsign(token, record, user):
    """The accepted texts the token holds, if it was signed for this record and user."""
    try:
        payload = signing.loads(token or "", salt=SALT, max_age=MAX_AGE_SECONDS)
    except signing.SignatureExpired:
        raise SaveRefused(
            _("This review is more than an hour old; upload the file again.")
        ) from None
    except signing.BadSignature:
        raise SaveRefused(
            _("This review page was altered or is incomplete; upload the file again.")
        ) from None
    if payload.get("record") != record.pk or payload.get("user") != user.pk:
        raise SaveRefused(
            _("This review was made for another record or user; upload the file again.")
        )
    return [AcceptedText(*item) for item in payload["texts"]]


def save_accepted(record, user, accepted):
    """Save `accepted` texts into `record`'s entries, all or none; return the entries saved."""
    try:
        with transaction.atomic():
            locked = GuidanceSystem.objects.select_for_update().get(pk=record.pk)
            if not permissions.can_change(user, locked):
                raise SaveRefused(
                    _("This record cannot be changed by you now (its status changed).")
                )
            saved = [_save_one(locked, text) for text in accepted]
            GuidanceSystem.objects.filter(pk=record.pk).update(
                updated_by=user, updated_at=timezone.now()
            )
    except IntegrityError:
        raise SaveRefused(
            _(
                "Someone wrote one of these sections meanwhile; nothing was saved. "
                "Download the record again."
            )
        ) from None
    return saved


def _save_one(record, text):
    """Check the entry is still the downloaded version (under its row lock), then save it
    through the record page's form, which checks it again and validates the text."""
    entry = _entry_to_change(record, text)
    if entry.pk is not None:
        try:
            concurrency.check_current(entry, text.seen_version)
        except concurrency.EditConflict:
            raise SaveRefused(_conflict_message(text)) from None
    completeness = entry.completeness if text.body.strip() else Completeness.EMPTY
    form = EntryTextForm(
        data={"body": text.body, "completeness": completeness, "seen_version": text.seen_version},
        instance=entry,
    )
    if not form.is_valid():
        raise SaveRefused(_section_errors(text, form))
    entry = form.save(commit=False)
    entry._change_reason = CHANGE_REASON
    entry.save()
    return entry


def _entry_to_change(record, text):
    """The stored entry the text was downloaded from, or a new one if there was none."""
    if text.entry_id is None:
        if SectionEntry.objects.filter(system=record, section_id=text.section_id).exists():
            raise SaveRefused(_conflict_message(text))
        return SectionEntry(system=record, section_id=text.section_id)
    entry = SectionEntry.objects.filter(pk=text.entry_id, system=record).first()
    if entry is None:
        raise SaveRefused(_conflict_message(text))
    return entry


def _conflict_message(text):
    return _(
        "Section %(number)d was changed by someone else since you downloaded the file; "
        "nothing was saved. Download the record again and make your changes on the current text."
    ) % {"number": text.number}


def _section_errors(text, form):
    """The form's refusal (the text failed the model's validation), for the whole save."""
    errors = [str(message) for messages in form.errors.values() for message in messages]
    return _("Section %(number)d was not saved: %(errors)s Nothing was saved.") % {
        "number": text.number,
        "errors": " ".join(errors),
    }
