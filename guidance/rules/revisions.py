"""Changes to published content, kept aside until an editor publishes them.

Published content stays published while a change to it is written and reviewed: the
change lives in a revision (a row of the same model with `revision_of` set, see
guidance/models/revisable.py). An expert's save of a published organisation or source
becomes its revision (`propose`); for a record, policy or initiative the expert starts
one (`start`), a copy with its parts, and edits that. Publishing the revision copies its
fields, its many-to-many values and its parts onto the published row, in one
transaction, and deletes it. Who may do what is decided by guidance/rules/permissions.py;
guidance/rules/workflow.py calls `publish`.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guidance.models import GuidanceSystem, Initiative, Policy, PublicationStatus
from guidance.rules import comments
from guidance.rules.copying import copy_rows

WORKFLOW_FIELDS = {"status", "published_at", "reviewed_by", "review_comment"}

# The parts a revision carries, by relation, and the field naming a part within its
# content: a record has one entry per section and one value per indicator, a policy one
# stage per year.
PARTS = {
    GuidanceSystem: [("entries", "section"), ("indicator_values", "indicator")],
    Policy: [("stages", "year")],
}

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
    author = proposer(revision) or editor
    reason = _("Published a change proposed by %(author)s, reviewed by %(editor)s") % {
        "author": author.get_username(),
        "editor": editor.get_username(),
    }
    published.published_at = timezone.now()
    published.reviewed_by = editor
    published.review_comment = ""
    _save_with_relations(published, revision, author, reason)
    for relation, key in PARTS.get(model, []):
        _publish_parts(published, revision, relation, key, author, reason)
    if model in COMMENTED:
        comments.move_threads(revision, published, reason)
    revision.delete()
    return published


def _save_with_relations(target, source, author, reason):
    """Save `target` with `source`'s many-to-many values, as one history row by `author`."""
    target.skip_history_when_saving = True
    try:
        for field in type(target)._meta.many_to_many:
            getattr(target, field.name).set(getattr(source, field.name).all())
    finally:
        del target.skip_history_when_saving
    target._history_user = author
    target._change_reason = reason
    target.save()


def _publish_parts(published, revision, relation, key, author, reason):
    """Make `published`'s parts those of `revision`: matched by `key`, changed in place.

    Parts keep their identity (and history) when the revision only changed them; a part
    the revision added is copied over, one it removed is deleted.
    """
    parent = getattr(type(published), relation).field.attname
    model = getattr(type(published), relation).rel.related_model
    key = model._meta.get_field(key).attname
    fields = [name for name in copied_fields(model) if name != parent]
    current = {getattr(part, key): part for part in getattr(published, relation).all()}
    added = []
    for part in getattr(revision, relation).all():
        target = current.pop(getattr(part, key), None)
        if target is None:
            added.append(part)
        elif _differs(target, part, fields):
            for name in fields:
                setattr(target, name, getattr(part, name))
            _save_with_relations(target, part, author, reason)
    copy_rows(added, model, user=author, reason=reason, **_new_part(model, parent, published))
    for removed in current.values():
        removed._history_user = author
        removed._change_reason = reason
        removed.delete()


def _new_part(model, parent, content):
    """The values a copied part starts with: its new parent, and a first version."""
    versioned = any(field.name == "version" for field in model._meta.concrete_fields)
    return {parent: content.pk, **({"version": 1} if versioned else {})}


def _differs(target, part, fields):
    if any(getattr(target, name) != getattr(part, name) for name in fields):
        return True
    return any(
        set(getattr(target, field.name).values_list("pk", flat=True))
        != set(getattr(part, field.name).values_list("pk", flat=True))
        for field in type(part)._meta.many_to_many
    )


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
