"""Changes to published content, kept aside until an editor publishes them.

Published content stays published while a change to it is written and reviewed: the
change lives in a revision (a row of the same model with `revision_of` set, see
guidance/models/revisable.py). An expert's save of a published organisation or source
becomes its revision (`propose`); for a record, policy or initiative the expert starts
one (`start`), a copy with its parts, and edits that. Publishing the revision merges what
it changed (fields, many-to-many values, parts) onto the published row, keeping a
correction an editor made to the published row meanwhile (guidance/rules/merging.py), in
one transaction, and deletes it. Its experts or an editor may instead discard it
(`discard`). Who may do what is decided by guidance/rules/permissions.py;
guidance/rules/workflow.py calls `publish`.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guidance.models import GuidanceSystem, Initiative, Policy, PublicationStatus
from guidance.rules import comments, merging
from guidance.rules.copying import copy_rows
from guidance.rules.merging import PARTS

# The content review comments are written on: its threads follow a published revision.
COMMENTED = {GuidanceSystem, Policy, Initiative}


def open_revision(obj):
    """The change waiting for review on published row `obj`, if any."""
    if obj.pk is None or obj.is_revision:
        return None
    return type(obj)._default_manager.filter(revision_of=obj).first()


@transaction.atomic
def start(published, user):
    """The revision of `published` in which `user` writes a change: the open one, or a new copy.

    The copy carries the row's fields, its many-to-many values and its parts, so the
    expert edits what readers see; it starts as a draft of version 1.
    """
    model = type(published)
    published = model._default_manager.select_for_update().get(pk=published.pk)
    waiting = open_revision(published)
    if waiting is not None:
        return waiting
    reason = _("Started a change of the published version")
    [revision] = copy_rows(
        [published],
        model,
        user=user,
        reason=reason,
        revision_of_id=published.pk,
        status=PublicationStatus.DRAFT,
        published_at=None,
        reviewed_by_id=None,
        review_comment="",
        version=1,
    )
    for relation, _key in PARTS.get(model, []):
        parts = getattr(published, relation).all()
        parent = getattr(model, relation).field.attname
        copy_rows(
            list(parts),
            parts.model,
            user=user,
            reason=reason,
            **_new_part(parts.model, parent, revision),
        )
    return revision


def propose(changed, user):
    """Save `changed`, a published row carrying `user`'s unsaved edits, as its revision.

    The published row is left as stored; the revision goes to review, as an expert's
    change to published content does. The revision's first history row, written here,
    marks the base its publishing merges from (guidance/rules/merging.py): the published
    row as the expert read it, the admin having checked its version in this transaction.
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
    """Merge `revision` onto its published row, record who proposed it, and delete it.

    What the revision changed is published; a correction made meanwhile to the published
    row stays (guidance/rules/merging.py). Raises ValidationError, and changes nothing,
    when both changed the same thing differently, or when the change no longer fits
    (another organisation took the name meanwhile, another source the URL).
    """
    model = type(revision)
    published = model._default_manager.select_for_update().get(pk=revision.revision_of_id)
    plan = merging.merge(published, revision)
    _assign(published, plan.values)
    published.full_clean()
    author = proposer(revision) or editor
    reason = _("Published a change proposed by %(author)s, reviewed by %(editor)s") % {
        "author": author.get_username(),
        "editor": editor.get_username(),
    }
    published.published_at = timezone.now()
    published.reviewed_by = editor
    published.review_comment = ""
    _save_with_relations(published, plan.values, author, reason)
    for relation, _key in PARTS.get(model, []):
        _publish_parts(published, relation, plan.parts[relation], author, reason)
    if model in COMMENTED:
        comments.move_threads(revision, published, reason)
    revision.delete()
    return published


@transaction.atomic
def discard(revision, user):
    """Delete `revision` with its parts, leaving a history row that says who discarded it.

    The published row is not touched: readers go on reading it as it is.
    """
    revision._history_user = user
    revision._change_reason = _("Discarded the proposed change")
    revision.delete()


def _assign(target, values):
    """Set `values` on `target`, but for its many-to-many values, which are set on saving."""
    relations = {field.name for field in type(target)._meta.many_to_many}
    for name, value in values.items():
        if name not in relations:
            setattr(target, name, value)


def _save_with_relations(target, values, author, reason):
    """Save `target` with the many-to-many values in `values`, as one history row by `author`."""
    target.skip_history_when_saving = True
    try:
        for field in type(target)._meta.many_to_many:
            getattr(target, field.name).set(values[field.name])
    finally:
        del target.skip_history_when_saving
    target._history_user = author
    target._change_reason = reason
    target.save()


def _publish_parts(published, relation, plan, author, reason):
    """Apply `plan` (merging.PartsPlan) to `published`'s parts of `relation`.

    Parts keep their identity (and history) when the revision only changed them; a part
    the revision added is copied over, one it removed is deleted.
    """
    parent = getattr(type(published), relation).field.attname
    model = getattr(type(published), relation).rel.related_model
    for target, values in plan.changed:
        _assign(target, values)
        _save_with_relations(target, values, author, reason)
    copy_rows(plan.added, model, user=author, reason=reason, **_new_part(model, parent, published))
    for removed in plan.removed:
        removed._history_user = author
        removed._change_reason = reason
        removed.delete()


def _new_part(model, parent, content):
    """The values a copied part starts with: its new parent, and a first version."""
    versioned = any(field.name == "version" for field in model._meta.concrete_fields)
    return {parent: content.pk, **({"version": 1} if versioned else {})}


def proposer(revision):
    """Who proposed the change: the author of the revision's first version."""
    first = revision.history.order_by("history_date", "history_id").select_related("history_user")
    record = first.first()
    return record.history_user if record else None
