"""What publishing a revision writes: a three-way merge, so that no edit made meanwhile is lost.

While a revision waits for review, an editor may still correct the published row
directly. Publishing must keep that correction, so every field, every many-to-many set
and every part (a record's section entries and indicator values, a policy's stages) is
compared with its *base*, the published row as it was when the revision began:

- only the revision changed it: the revision's value is published;
- only the published row changed it: the published value stays;
- both changed it, differently: the publish is refused with a ValidationError naming
  it. The editor reconciles the two by making the revision say there what the published
  row says (both sides then agree, which publishes), and corrects the published row
  directly afterwards if it should say something else again.

The base is read from the change history (django-simple-history) as of the revision's
first history row, rather than stored on the revision as the published row's `version`:
a version number names the row's fields but not its parts or many-to-many values as they
were, which the history holds too; it needs no new field, and it serves the revisions
already open. A revision begins when it is started (a copy) or proposed (an expert's save
of a published organisation or source): either way its first history row is written while
the published row is as the expert read it. A published row with no history before then
(loaded raw) has no known base: its current state stands in for it, and the revision's
values are published, as they were before this rule.
"""

from dataclasses import dataclass, field

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from guidance.models import GuidanceSystem, Policy
from guidance.rules.concurrency import IGNORED_FIELDS

# The parts a revision carries, by relation, and the field naming a part within its
# content: a record has one entry per section and one value per indicator, a policy one
# stage per year.
PARTS = {
    GuidanceSystem: [("entries", "section"), ("indicator_values", "indicator")],
    Policy: [("stages", "year")],
}
WORKFLOW_FIELDS = {"status", "published_at", "reviewed_by", "review_comment"}
ABSENT = object()
CONFLICT_MESSAGE = gettext_lazy(
    "Not published: since this change was started, the published version was also changed, "
    "and differently, in the places below. Make this change say there what the published "
    "version says now, save it and publish again; an editor may then correct the published "
    "version directly."
)


@dataclass
class PartsPlan:
    """What publishing does to the published row's parts of one relation."""

    changed: list = field(default_factory=list)  # (published part, {name: value})
    added: list = field(default_factory=list)  # the revision's parts to copy over
    removed: list = field(default_factory=list)  # published parts to delete


@dataclass
class MergePlan:
    values: dict  # the published row's {name: value}: fields by attname, many-to-many by name
    parts: dict  # {relation: PartsPlan}


def merge(published, revision):
    """The plan for publishing `revision` onto `published`, read before anything is saved.

    Raises ValidationError, naming each field and part both changed, when they conflict.
    """
    model = type(published)
    since = began_at(revision)
    fields, relations = merged_fields(model), model._meta.many_to_many
    current = _state(published, fields, relations)
    base = _base_state(published, since, fields, relations)
    values, conflicts = _merge(
        current if base is None else base, _state(revision, fields, relations), current
    )
    errors = {
        model._meta.get_field(name).name: [
            _("%(field)s: changed both in this change and in the published version.")
            % {"field": _label(model, name)}
        ]
        for name in conflicts
    }
    parts = {}
    for relation, key in PARTS.get(model, []):
        parts[relation], part_conflicts = _merge_parts(
            published, revision, relation, key, None if base is None else since
        )
        if part_conflicts:
            errors[relation] = part_conflicts
    if errors:
        raise ValidationError({NON_FIELD_ERRORS: [str(CONFLICT_MESSAGE)], **errors})
    kept = {name: getattr(revision, name) for name in copied_fields(model) if name not in fields}
    return MergePlan({**values, **kept}, parts)


def began_at(revision):
    """When `revision` began: the date of its first history row."""
    return (
        revision.history.order_by("history_date", "history_id")
        .values_list("history_date", flat=True)
        .first()
    )


def copied_fields(model):
    """The fields a revision changes: what its form edits, not its status or its identity."""
    return [
        field.attname
        for field in model._meta.concrete_fields
        if field.editable and not field.primary_key and field.name not in WORKFLOW_FIELDS
    ]


def merged_fields(model, parent=None):
    """The copied fields merged three ways: all but the bookkeeping of who saved last
    (`updated_by`), which both sides change on every save and the revision's saves set,
    and `parent`, the part's own content."""
    bookkeeping = {
        field.attname for field in model._meta.concrete_fields if field.name in IGNORED_FIELDS
    }
    return [name for name in copied_fields(model) if name not in bookkeeping and name != parent]


def _merge(base, proposed, current):
    """Per name, the value to publish: ({name: value}, [names both changed differently])."""
    chosen, conflicts = {}, []
    for name, value in proposed.items():
        published, original = current[name], base.get(name, ABSENT)
        if value in (original, published):
            chosen[name] = published
        elif published == original:
            chosen[name] = value
        else:
            conflicts.append(name)
    return chosen, conflicts


def _merge_parts(published, revision, relation, key, since):
    """The PartsPlan of `relation`, and a message per part both changed differently.

    Parts are matched by `key` (a section, an indicator, a year). A part only one side
    added, changed or removed follows that side; one both changed is merged field by field.
    """
    model = getattr(type(published), relation).rel.related_model
    parent = getattr(type(published), relation).field.attname
    key_field = model._meta.get_field(key)
    fields = merged_fields(model, parent)
    relations = model._meta.many_to_many
    names = [field.name for field in relations]
    current = {_part_key(part, key_field): part for part in _parts(published, relation, names)}
    proposed = {_part_key(part, key_field): part for part in _parts(revision, relation, names)}
    now = {k: _state(part, fields, relations) for k, part in current.items()}
    then = {k: _state(part, fields, relations) for k, part in proposed.items()}
    base = now if since is None else _base_parts(model, parent, key_field, published, since)
    plan, conflicts = PartsPlan(), []
    for k in sorted(current.keys() | proposed.keys() | base.keys(), key=str):
        original, value, stored = base.get(k), then.get(k), now.get(k)
        if value in (original, stored):
            continue
        if stored == original:
            if value is None:
                plan.removed.append(current[k])
            elif stored is None:
                plan.added.append(proposed[k])
            else:
                plan.changed.append((current[k], value))
            continue
        label = _part_label(key_field, current.get(k) or proposed[k])
        if value is None or stored is None:
            conflicts.append(
                _("%(part)s: removed in one version and changed in the other.") % {"part": label}
            )
            continue
        values, clashing = _merge(original or {}, value, stored)
        if clashing:
            fields_named = ", ".join(_label(model, name) for name in clashing)
            conflicts.append(
                _("%(part)s: %(fields)s changed both in this change and in the published version.")
                % {"part": label, "fields": fields_named}
            )
        elif values != stored:
            plan.changed.append((current[k], values))
    return plan, conflicts


def _part_key(part, key_field):
    return getattr(part, key_field.attname)


def _parts(content, relation, relations):
    return list(getattr(content, relation).prefetch_related(*relations))


def _state(row, fields, relations):
    """A row's values: its fields by attname, its many-to-many values as sets of pks."""
    values = {name: getattr(row, name) for name in fields}
    for relation in relations:
        values[relation.name] = frozenset(linked.pk for linked in getattr(row, relation.name).all())
    return values


def _record_states(records, fields, relations):
    """The same values read from history rows, as {history_id: values}. A history row
    keeps its many-to-many values in rows of their own: one query per relation reads them."""
    states = {
        record.history_id: {name: getattr(record, name) for name in fields} for record in records
    }
    for relation in relations:
        linked = {history_id: set() for history_id in states}
        if records:
            links = getattr(type(records[0]), relation.name).model.objects.filter(
                history_id__in=list(states)
            )
            for history_id, target in links.values_list("history_id", relation.m2m_reverse_name()):
                linked[history_id].add(target)
        for history_id, targets in linked.items():
            states[history_id][relation.name] = frozenset(targets)
    return states


def _base_state(published, since, fields, relations):
    if since is None:
        return None
    record = (
        published.history.filter(history_date__lte=since)
        .order_by("-history_date", "-history_id")
        .first()
    )
    if record is None:
        return None
    return _record_states([record], fields, relations)[record.history_id]


def _base_parts(model, parent, key_field, published, since):
    """The published row's parts when the revision began, by key, from their history."""
    fields = merged_fields(model, parent)
    records = list(
        model.history.filter(**{parent: published.pk, "history_date__lte": since})
        .latest_of_each()
        .exclude(history_type="-")
    )
    states = _record_states(records, fields, model._meta.many_to_many)
    return {getattr(record, key_field.attname): states[record.history_id] for record in records}


def _label(model, name):
    return str(capfirst(model._meta.get_field(name).verbose_name))


def _part_label(key_field, part):
    return f"{capfirst(key_field.verbose_name)} “{getattr(part, key_field.name)}”"
