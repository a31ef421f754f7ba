"""Which two records of a country "what changed" compares: `?from=<year>&to=<year>`.

A year names a collection, and the record compared is the country's record *as of* it:
its latest record in that collection or before (`GuidanceSystem.objects.as_of`),
among those the reader may see (guidance/rules/permissions.py), so a draft never counts for
the public. The pages and the API read the same parameters here.

Defaults: a record's own changes page compares it with the record it was based on;
the country's changes page compares its newest record the reader may see (`to`) with
the one before it (`from`). Without a visible record before `to`, there is nothing to
compare, which is not an error.

Problems are reported per parameter (a value that is not a whole number or names no
collection) or, when two values are each fine but do not go together (`from` not before
`to`, no record as of `from`), under `non_field_errors`, as the API does for rules
between two fields.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from guidance.models import Collection, GuidanceSystem
from guidance.query.params import NOT_A_WHOLE_NUMBER, whole_number
from guidance.query.validation import repeated_params, unknown_params
from guidance.rules import permissions

CROSS = "non_field_errors"


@dataclass
class ChangeRange:
    """The records compared (`old`, `new`), the years asked, and what was wrong."""

    records: list
    from_year: int | None = None
    to_year: int | None = None
    old: object = None
    new: object = None
    errors: dict = field(default_factory=dict)

    @property
    def years(self):
        """The years a reader can choose: the country's records' and any asked for."""
        chosen = {record.collection.year for record in self.records}
        chosen.update(year for year in (self.from_year, self.to_year) if year is not None)
        return sorted(chosen)

    @property
    def comparable(self):
        """Two different records to compare: two years may stand for the same record."""
        return not self.errors and None not in (self.old, self.new) and self.old != self.new

    def add_error(self, name, message):
        self.errors.setdefault(name, []).append(message)


def country_records(user, country):
    """The records of `country` that `user` may see, oldest first, with their collection."""
    records = permissions.visible(GuidanceSystem.objects.filter(country=country), user)
    return list(records.select_related("collection").order_by("collection__year"))


def read_change_range(params, records, *, record=None, blank_is_default=True, others=()):
    """The two records `params` ask for, among `records` (country_records).

    With `record` (a record's own page), `to` is that record and only `from` is read.
    `blank_is_default=False` refuses a blank value, as the API does; `others` are further
    parameters the caller reads itself (the API's `format`, `fields`).
    """
    names = change_params(record)
    found = ChangeRange(records=records)
    _check_names(found, params, names, set(others), blank_is_default)
    from_year = _read_year(found, params, "from")
    to_year = record.collection.year if record is not None else _read_year(found, params, "to")
    if found.errors:
        return found
    found.new = _new_record(records, record, to_year)
    found.to_year = to_year if to_year is not None else _year(found.new)
    if found.new is None:
        if to_year is not None:
            found.add_error(CROSS, _no_record(to_year))
        return found
    found.old = _old_record(found, records, record, from_year)
    found.from_year = from_year if from_year is not None else _year(found.old)
    return found


def change_params(record=None):
    """The parameters read: `from` on a record's own changes, `from` and `to` on a country's."""
    return {"from"} if record is not None else {"from", "to"}


def _check_names(found, params, names, others, blank_is_default):
    errors = {**unknown_params(params, names | others), **repeated_params(params)}
    for name, messages in errors.items():
        found.errors[name] = messages
    if not blank_is_default:
        for name in names & set(params):
            if not params[name].strip():
                found.add_error(name, _("Give a value, or leave the parameter out."))


def _read_year(found, params, name):
    raw = params.get(name, "").strip()
    if not raw:
        return None
    year = whole_number(raw)
    if year is None:
        found.add_error(name, str(NOT_A_WHOLE_NUMBER))
        return None
    if len(raw) > 4 or not Collection.objects.filter(year=year).exists():
        found.add_error(name, _("There is no collection %(year)s.") % {"year": raw[:20]})
        return None
    return year


def _new_record(records, record, to_year):
    if record is not None:
        return record
    if to_year is None:
        return records[-1] if records else None
    return _as_of(records, to_year)


def _old_record(found, records, record, from_year):
    new_year = found.new.collection.year
    if from_year is None:
        if record is not None:
            return next((r for r in records if r.pk == record.based_on_id), None)
        earlier = [r for r in records if r.collection.year < new_year]
        return earlier[-1] if earlier else None
    if from_year >= found.to_year:
        found.add_error(CROSS, _("Choose a “from” year before %(to)s.") % {"to": found.to_year})
        return None
    old = _as_of(records, from_year)
    if old is None:
        found.add_error(CROSS, _no_record(from_year))
    return old


def _no_record(year):
    return _("There is no record in %(year)s or before.") % {"year": year}


def _as_of(records, year):
    """The one of `records` that stands for collection `year` (`GuidanceSystem.objects.as_of`)."""
    by_pk = {record.pk: record for record in records}
    chosen = GuidanceSystem.objects.filter(pk__in=by_pk).as_of(year).values_list("pk", flat=True)
    return by_pk.get(chosen.first())


def _year(record):
    return record.collection.year if record is not None else None
