"""How content moves: draft → in review → published, and back to draft with a comment.

Experts write drafts and submit them; editors publish them or return them with a
comment. An expert who changes published content sends it back to review, so the
public never reads text no editor has seen (see docs/decisions.md). Who may do what
is decided by guidance/permissions.py; this module only moves the status.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guidance import permissions
from guidance.models import PublicationStatus


class TransitionRefused(Exception):
    """The user may not make this move, or the content is not in a state that allows it."""


@transaction.atomic
def submit(obj, user):
    if not permissions.can_submit(user, obj):
        raise TransitionRefused(_("Only a draft of your own country can be submitted for review."))
    _move(obj, user, PublicationStatus.IN_REVIEW, _("Submitted for review"))


@transaction.atomic
def publish(obj, user):
    if not permissions.can_publish_object(user, obj):
        raise TransitionRefused(_("Only editors publish, and only what is not yet published."))
    obj.published_at = timezone.now()
    obj.reviewed_by = user
    obj.review_comment = ""
    _move(obj, user, PublicationStatus.PUBLISHED, _("Published"))


@transaction.atomic
def return_to_draft(obj, user, comment):
    if not permissions.can_return_to_draft(user, obj):
        raise TransitionRefused(_("Only editors return content to draft."))
    if not comment.strip():
        raise TransitionRefused(_("Say what should change: a comment is required."))
    obj.review_comment = comment.strip()
    _move(obj, user, PublicationStatus.DRAFT, _("Returned to draft"))


def status_after_edit(obj, user):
    """The status content takes when `user` saves a change to it.

    Editors' corrections keep the status they chose; an expert's change to published
    content goes back to review and leaves the public site until an editor publishes it.
    """
    if obj.status == PublicationStatus.PUBLISHED and not permissions.is_editor(user):
        return PublicationStatus.IN_REVIEW
    return obj.status


def record_edit(obj, user):
    """Apply the edit rule before `user` saves a change to `obj` (content or a part of it).

    When the content that governs `obj` (itself, or the record or policy it belongs
    to) has to go back to review, its status is set, and saved if it is the parent.
    Returns whether the status moved.
    """
    governing = permissions.governing_content(obj)
    if governing is None:
        return False
    status = status_after_edit(governing, user)
    if status == governing.status:
        return False
    governing.status = status
    if governing is not obj:
        governing._change_reason = _("Back to review after an edit")
        governing.save()
    return True


def _move(obj, user, status, reason):
    obj.status = status
    obj._change_reason = reason
    obj._history_user = user
    obj.save()
