"""Changes to published organisations and sources, kept aside until an editor publishes them.

Published records, policies and initiatives cite organisations and sources, so these stay
published while a change to them is reviewed: an expert's change is saved as a revision
(a row of the same model with `revision_of` set, see guidance/models/revisable.py), and
publishing the revision copies its fields onto the published row and deletes it. Who may
do what is decided by guidance/permissions.py; guidance/workflow.py calls `publish`.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guidance.models import PublicationStatus

WORKFLOW_FIELDS = {"status", "published_at", "reviewed_by", "review_comment"}


def open_revision(obj):
    """The change waiting for review on published row `obj`, if any."""
    if obj.pk is None or obj.is_revision:
        return None
    return type(obj)._default_manager.filter(revision_of=obj).first()


def propose(changed, user):
    """Save `changed`, a published row carrying `user`'s unsaved edits, as its revision.

    The published row is left as stored; the revision goes to review, as an expert's
    change to published content does.
    """
    published_pk = changed.pk
    changed.pk = None
    changed._state.adding = True
    changed.revision_of_id = published_pk
    changed.status = PublicationStatus.IN_REVIEW
    changed.published_at = None
    changed.reviewed_by = None
    changed.review_comment = ""
    changed.version = 1
    changed._history_user = user
    changed._change_reason = _("Proposed a change to the published version")
    changed.save()
    return changed


@transaction.atomic
def publish(revision, editor):
    """Copy `revision` onto its published row, record who proposed it, and delete it.

    Raises ValidationError, and changes nothing, when the change no longer fits (another
    organisation took the name meanwhile, another source the URL).
    """
    model = type(revision)
    published = model._default_manager.select_for_update().get(pk=revision.revision_of_id)
    for name in copied_fields(model):
        setattr(published, name, getattr(revision, name))
    published.full_clean()
    author = proposer(revision)
    published.published_at = timezone.now()
    published.reviewed_by = editor
    published.review_comment = ""
    published._history_user = author or editor
    published._change_reason = _(
        "Published a change proposed by %(author)s, reviewed by %(editor)s"
    ) % {
        "author": author.get_username() if author else _("someone"),
        "editor": editor.get_username(),
    }
    published.save()
    revision.delete()
    return published


def copied_fields(model):
    """The fields a revision changes: what its form edits, not its status or its identity."""
    return [
        field.attname
        for field in model._meta.concrete_fields
        if field.editable and not field.primary_key and field.name not in WORKFLOW_FIELDS
    ]


def proposer(revision):
    """Who proposed the change: the author of the revision's first version."""
    first = revision.history.order_by("history_date", "history_id").select_related("history_user")
    record = first.first()
    return record.history_user if record else None
