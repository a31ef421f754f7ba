"""The History page of the editing interface: who changed what and when, each field in full.

simple-history's own page cuts every value to 100 characters, prints "None" for a change
without a reason and shows an empty foreign key as "Deleted user (pk=None)". Here each
changed field is the word diff of the public "what changed" page (guidance/reading/changes.py),
related rows are named, and a record's page also lists the changes of its section entries
and indicator values, which experts edit on the record's page. The refused-save message
(guidance/admin/forms.py) describes the other person's change with the same functions.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.admin.views.main import PAGE_VAR
from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.db.models import ManyToManyField
from django.template.loader import render_to_string
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import get_m2m_reverse_field_name

from guidance.models import GuidanceSystem, IndicatorValue, SectionEntry
from guidance.reading.changes import EQUAL, word_diff
from guidance.rules.concurrency import IGNORED_FIELDS

TEMPLATE = "admin/guidance/object_history.html"
LIST_SEPARATOR = "; "

# The parts listed on their parent's History page: (model, parent field, field naming the part).
PARTS = {
    GuidanceSystem: [(SectionEntry, "system", "section"), (IndicatorValue, "system", "indicator")],
}

HISTORY_TYPES = {
    "+": gettext_lazy("Created"),
    "~": gettext_lazy("Edited"),
    "-": gettext_lazy("Deleted"),
}


@dataclass(frozen=True)
class FieldDiff:
    """One changed field: its label and the word diff from its old value to its new one."""

    label: str
    pieces: list

    @property
    def html(self):
        return render_to_string("guidance/includes/diff.html", {"pieces": self.pieces})


@dataclass
class HistoryRow:
    """One saved version of an object or of one of its parts, with the version before it."""

    record: object
    previous: object | None
    part_field: object = None
    part_label: str = ""
    changes: list = field(default_factory=list)

    @property
    def message(self):
        return self.record.history_change_reason or HISTORY_TYPES[self.record.history_type]


def history_response(modeladmin, request, obj, extra_context=None):
    """The History page of `obj`, a page of rows at a time."""
    paginator = Paginator(history_rows(obj), modeladmin.history_list_per_page)
    page = paginator.get_page(request.GET.get(PAGE_VAR))
    describe(page.object_list)
    opts = modeladmin.opts
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": modeladmin.history_view_title(request, obj),
        "opts": opts,
        "app_label": opts.app_label,
        "module_name": capfirst(opts.verbose_name_plural),
        "object": obj,
        "page_obj": page,
        "page_range": paginator.get_elided_page_range(page.number),
        "page_var": PAGE_VAR,
        "pagination_required": paginator.num_pages > 1,
        "revert_disabled": modeladmin.revert_disabled(request, obj),
        **(extra_context or {}),
    }
    request.current_app = modeladmin.admin_site.name
    return modeladmin.render_history_view(request, TEMPLATE, context)


def history_rows(obj):
    """Every version of `obj` and of its parts, newest first, each paired with its predecessor."""
    rows = _paired(obj.history.all())
    for model, parent_field, key_field in PARTS.get(type(obj), ()):
        records = model.history.filter(**{f"{parent_field}_id": obj.pk})
        key = model._meta.get_field(key_field)
        rows += [HistoryRow(row.record, row.previous, key) for row in _paired(records)]
    rows.sort(key=lambda row: (row.record.history_date, row.record.history_id), reverse=True)
    return rows


def _paired(records):
    records = records.select_related("history_user").order_by("id", "history_date", "history_id")
    rows, previous = [], None
    for record in records:
        if previous is not None and previous.id != record.id:
            previous = None
        rows.append(HistoryRow(record, previous))
        previous = record
    return rows


def describe(rows):
    """Fill in each row's changed fields and its part's name, in a few queries for all rows."""
    names = _Names()
    m2m = _many_to_many_ids(rows)
    raw = []
    for row in rows:
        model = row.record.instance_type
        changes = _raw_changes(row, m2m) if row.record.history_type == "~" else []
        for name, old, new in changes:
            names.want(model._meta.get_field(name), [old, new])
        if row.part_field is not None:
            names.want(row.part_field, [_part_key(row)])
        raw.append((model, changes))
    names.load()
    for row, (model, changes) in zip(rows, raw, strict=True):
        row.changes = [field_diff(model, name, old, new, names) for name, old, new in changes]
        if row.part_field is not None:
            part = capfirst(row.part_field.model._meta.verbose_name)
            row.part_label = f"{part}: {names.name(row.part_field, _part_key(row))}"


def describe_changes(model, changes):
    """FieldDiffs of (field name, old, new) changes as simple-history's diff gives them."""
    names = _Names()
    for name, old, new in changes:
        names.want(model._meta.get_field(name), [old, new])
    names.load()
    return [field_diff(model, name, old, new, names) for name, old, new in changes]


def field_diff(model, name, old, new, names):
    model_field = model._meta.get_field(name)
    label = capfirst(str(model_field.verbose_name))
    if isinstance(model_field, ManyToManyField):
        return FieldDiff(
            label, _list_diff(names.names(model_field, old), names.names(model_field, new))
        )
    old_text = _display(model_field, old, names)
    new_text = _display(model_field, new, names)
    return FieldDiff(label, word_diff(old_text, new_text))


def _part_key(row):
    return getattr(row.record, row.part_field.attname)


def _raw_changes(row, m2m):
    """(field name, old, new) for each field that differs from the version before."""
    record, previous = row.record, row.previous
    if previous is None:
        return []
    changes = []
    for model_field in record.tracked_fields:
        if model_field.name in IGNORED_FIELDS:
            continue
        old, new = getattr(previous, model_field.attname), getattr(record, model_field.attname)
        if old != new:
            changes.append((model_field.name, old, new))
    for model_field in record._history_m2m_fields:
        key = model_field.name
        old, new = m2m[previous.history_id][key], m2m[record.history_id][key]
        if old != new:
            changes.append((key, old, new))
    return changes


def _many_to_many_ids(rows):
    """{history id: {field name: set of related ids}} for the rows and their predecessors."""
    by_model = defaultdict(set)
    for row in rows:
        if row.record.history_type == "~" and row.previous is not None:
            by_model[type(row.record)] |= {row.record.history_id, row.previous.history_id}
    ids = defaultdict(lambda: defaultdict(set))
    for history_model, history_ids in by_model.items():
        for model_field in history_model._history_m2m_fields:
            through = getattr(history_model, model_field.name).model
            related = get_m2m_reverse_field_name(model_field)
            pairs = through.objects.filter(history_id__in=history_ids).values_list(
                "history_id", f"{related}_id"
            )
            for history_id, related_id in pairs:
                ids[history_id][model_field.name].add(related_id)
    return ids


def _list_diff(old_names, new_names):
    """Names kept, removed and added, in alphabetical order, as word-diff pieces."""
    pieces = []
    for name in sorted(set(old_names) | set(new_names), key=str.casefold):
        if pieces:
            pieces.append((EQUAL, LIST_SEPARATOR))
        kind = EQUAL if name in old_names and name in new_names else None
        if kind is None:
            kind = "deleted" if name in old_names else "inserted"
        pieces.append((kind, name))
    return pieces


def _display(model_field, value, names):
    """A field's value as a reader would say it: a name, a choice's label, a local time."""
    if model_field.is_relation:
        return names.name(model_field, value)
    if value is None or value == "":
        return ""
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if hasattr(value, "tzinfo") and value.tzinfo is not None:
        return formats.localize(timezone.localtime(value))
    return str(value)


class _Names:
    """The names of related rows by primary key, loaded in one query per related model."""

    def __init__(self):
        self.wanted = defaultdict(set)
        self.loaded = {}

    def want(self, model_field, values):
        model = model_field.related_model
        if model is None:
            return
        for value in values:
            self.wanted[model] |= set(_ids(model_field, value))

    def load(self):
        for model, pks in self.wanted.items():
            pks.discard(None)
            rows = model._default_manager.select_related().filter(pk__in=pks) if pks else []
            self.loaded[model] = {row.pk: str(row) for row in rows}

    def name(self, model_field, pk):
        if pk is None:
            return _("nobody") if model_field.related_model is get_user_model() else _("none")
        model = model_field.related_model
        deleted = _("deleted %(model)s #%(pk)s") % {"model": model._meta.verbose_name, "pk": pk}
        return self.loaded.get(model, {}).get(pk, deleted)

    def names(self, model_field, value):
        return {self.name(model_field, pk) for pk in _ids(model_field, value)}


def _ids(model_field, value):
    """Related ids from a value: one id, a set of ids, or simple-history's list of through rows."""
    if not isinstance(model_field, ManyToManyField):
        return [value]
    related = get_m2m_reverse_field_name(model_field)
    return [item[related] if isinstance(item, dict) else item for item in value or ()]
