"""How content moves: draft → in review → published, and back to draft with a comment.

Experts write drafts and submit them; editors publish them or return them with a
comment. A change to published content is written and reviewed in a revision
(guidance/rules/revisions.py) while the public keeps reading the published version, so the
public never reads text no editor has seen and never loses what it had (see
docs/decisions.md). Publishing content publishes the draft organisations and sources it
cites. Who may do what is decided by guidance/rules/permissions.py; this module only moves
the status.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from guidance.models import GuidanceSystem, Policy, PublicationStatus, Source
from guidance.rules import notifications, permissions, revisions


class TransitionRefused(Exception):
    """The user may not make this move, or the content is not in a state that allows it."""


@transaction.atomic
def submit(obj, user):
    if not permissions.can_submit(user, obj):
        raise TransitionRefused(_("Only a draft of your own country can be submitted for review."))
    _move(obj, user, PublicationStatus.IN_REVIEW, _("Submitted for review"))
    notifications.submitted(obj, user)


@transaction.atomic
def publish(obj, user):
    """Publish `obj` and what it cites; returns the row now published.

    For a revision, that is the published row it was copied onto (the revision is gone).
    """
    if not permissions.can_publish_object(user, obj):
        raise TransitionRefused(_("Only editors publish, and only what is not yet published."))
    if getattr(obj, "is_revision", False):
        return _publish_revision(obj, user)
    _stamp_review(obj, user)
    _move(obj, user, PublicationStatus.PUBLISHED, _("Published"))
    publish_citations(obj, user)
    notifications.published(obj, user)
    return obj


@transaction.atomic
def start_revision(obj, user):
    """The revision in which `user` changes published `obj` (guidance/rules/revisions.py)."""
    if not permissions.can_start_revision(user, obj):
        raise TransitionRefused(
            _("Only editors and the national experts of its country change published content.")
        )
    return revisions.start(obj, user)


@transaction.atomic
def discard_revision(obj, user):
    """Delete revision `obj`, the change proposed to published content; the published row stays."""
    if not permissions.can_discard_revision(user, obj):
        raise TransitionRefused(
            _("Only editors and the national experts of its country discard a proposed change.")
        )
    revisions.discard(obj, user)


def _publish_revision(revision, user):
    try:
        published = revisions.publish(revision, user)
    except ValidationError as error:
        raise TransitionRefused(" ".join(error.messages)) from None
    publish_citations(published, user)
    notifications.published(published, user)
    return published


def publish_citations(content, user):
    """Publish the draft organisations and sources that `content` cites or names.

    The editor publishing content reviewed what it cites with it, so published content
    never cites a source, or names an organisation, that readers cannot open.
    """
    for cited in _unpublished_citations(content):
        _stamp_review(cited, user)
        reason = _("Published with %(content)s") % {"content": content}
        _move(cited, user, PublicationStatus.PUBLISHED, reason)


def publish_new_citations(obj, user):
    """After `user` saved a change to `obj`: what its published content now cites is published.

    Only editors keep content published while changing it, so this is an editor's
    correction citing a draft source, which the editor has just reviewed.
    """
    content = permissions.governing_content(obj)
    if content is not None and content.is_published and permissions.can_publish(user):
        publish_citations(content, user)


def _unpublished_citations(content):
    unpublished = Q(revision_of__isnull=True) & ~Q(status=PublicationStatus.PUBLISHED)
    return [cited for queryset in _citations(content) for cited in queryset.filter(unpublished)]


def _citations(content):
    """The sources and organisations `content` refers to, as querysets."""
    if isinstance(content, GuidanceSystem):
        cited = Q(section_entries__system=content) | Q(indicator_values__system=content)
        return [Source.objects.filter(cited).distinct()]
    if isinstance(content, Policy):
        return [content.sources.all(), content.responsible_organisations.all()]
    if hasattr(content, "providers"):
        return [content.sources.all(), content.providers.all()]
    return []


def _stamp_review(obj, user):
    obj.published_at = timezone.now()
    obj.reviewed_by = user
    obj.review_comment = ""


@transaction.atomic
def return_to_draft(obj, user, comment):
    if not permissions.can_return_to_draft(user, obj):
        raise TransitionRefused(_("Only editors return content to draft."))
    if not comment.strip():
        raise TransitionRefused(_("Say what should change: a comment is required."))
    obj.review_comment = comment.strip()
    _move(obj, user, PublicationStatus.DRAFT, _("Returned to draft"))
    notifications.returned_to_draft(obj, user)


def _move(obj, user, status, reason):
    obj.status = status
    obj._change_reason = reason
    obj._history_user = user
    obj.save()
