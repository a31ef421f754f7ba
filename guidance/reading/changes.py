"""What changed between two records of a country: by default a record and its `based_on`.

Section texts are compared as a reader sees them, rendered, paragraph by paragraph, then
sentence by sentence, then word by word (guidance/reading/readable_diff.py); `word_diff` keeps the
plain word-by-word comparison of the raw text, which the history pages and the API's
`pieces` use. Indicator values are compared by answer, year and note. Policies and initiatives are not copied per collection, so what changed is
read from the one rule of what a record lists, `existing_in(year)` (guidance/models/
policies.py): "added" is what existed in the newer record's collection year but not in the
earlier one's (it started after the earlier year), "ended" what existed in the earlier year
but not in the newer one (it ended before the newer record's reference period began). The
two records' policy lists differ by exactly these. Something that ended, or whose stage
timeline says discontinued, within the newer record's period still existed in it, so it
is listed there and is not "ended" yet.
"""

import difflib
import re
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q

from guidance.models import Indicator, IndicatorValue, Initiative, Policy, SectionEntry
from guidance.reading.readable_diff import readable_diff
from guidance.rules import permissions

EQUAL, INSERTED, DELETED = "equal", "inserted", "deleted"
TOKENS = re.compile(r"\s+|[^\s]+")


def word_diff(old, new):
    """A list of (EQUAL | INSERTED | DELETED, text) pieces turning `old` into `new`.

    Tokens are words and the whitespace between them. Whitespace is normalised first (a
    paragraph break stays one, any other run becomes a space), so re-wrapped lines are
    not reported as changes; joining the EQUAL and INSERTED pieces gives the normalised
    `new`, the DELETED and EQUAL ones the normalised `old`.
    """
    before, after = _tokens(old), _tokens(new)
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    pieces = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pieces.append((EQUAL, "".join(before[i1:i2])))
            continue
        if i2 > i1:
            pieces.append((DELETED, "".join(before[i1:i2])))
        if j2 > j1:
            pieces.append((INSERTED, "".join(after[j1:j2])))
    return pieces


def _tokens(text):
    tokens = TOKENS.findall(text or "")
    return [_normal_space(token) if token.isspace() else token for token in tokens]


def _normal_space(space):
    return "\n\n" if space.count("\n") > 1 else " "


@dataclass
class SectionChange:
    """One section's texts compared; the word counts are those the reader sees marked."""

    section: object
    before: object
    after: object
    pieces: list
    readable: object

    @property
    def changed(self):
        return any(kind != EQUAL for kind, _ in self.pieces)

    @property
    def words_added(self):
        return self.readable.words_added

    @property
    def words_removed(self):
        return self.readable.words_removed

    @property
    def kind(self):
        """'added', 'removed', 'changed' or 'unchanged'."""
        if not _has_text(self.before) and _has_text(self.after):
            return "added"
        if _has_text(self.before) and not _has_text(self.after):
            return "removed"
        return "changed" if self.changed else "unchanged"


def _has_text(entry):
    return entry is not None and bool(entry.body.strip())


@dataclass
class IndicatorChange:
    indicator: object
    before: object
    after: object


@dataclass
class RecordChanges:
    record: object
    base: object
    sections: list
    indicators: list
    policies_added: list
    policies_ended: list
    initiatives_added: list
    initiatives_ended: list

    @property
    def changed_sections(self):
        return [change for change in self.sections if change.kind != "unchanged"]


def section_changes(sections, base_entries, entries):
    """One SectionChange per section, from entries keyed by section id."""
    changes = []
    for section in sections:
        before, after = base_entries.get(section.pk), entries.get(section.pk)
        old, new = before.body if before else "", after.body if after else ""
        pieces, readable = word_diff(old, new), readable_diff(old, new)
        changes.append(SectionChange(section, before, after, pieces, readable))
    return changes


def indicator_changes(indicators, base_values, values):
    """The indicators whose answer, years or note differ (or that appear or disappear)."""
    changes = []
    for indicator in indicators:
        before, after = base_values.get(indicator.pk), values.get(indicator.pk)
        if _value_key(before) != _value_key(after):
            changes.append(IndicatorChange(indicator, before, after))
    return changes


def _value_key(value):
    if value is None:
        return None
    return (value.answer, value.since_year, value.until_year, value.note.strip())


def added_and_ended(items, first_year, last_year):
    """(added, ended): of the policies or initiatives `items`, those that exist in collection
    `last_year` but not in `first_year`, and those that exist in `first_year` only.

    Read in one query: each row is asked `existing_in` both years, and kept when the answers
    differ.
    """
    every = items.model.objects
    rows = items.annotate(
        in_first=Exists(every.existing_in(first_year).filter(pk=OuterRef("pk"))),
        in_last=Exists(every.existing_in(last_year).filter(pk=OuterRef("pk"))),
    ).filter(Q(in_first=True, in_last=False) | Q(in_first=False, in_last=True))
    rows = list(rows)
    return [row for row in rows if row.in_last], [row for row in rows if row.in_first]


def compare_records(
    record,
    base,
    *,
    sections,
    entries,
    base_entries,
    indicators,
    values,
    base_values,
    policies,
    initiatives,
):
    """Everything that changed from `base` to `record`, from rows the caller has loaded.

    `policies` and `initiatives` are (added, ended) pairs, from added_and_ended.
    """
    return RecordChanges(
        record=record,
        base=base,
        sections=section_changes(sections, base_entries, entries),
        indicators=indicator_changes(indicators, base_values, values),
        policies_added=policies[0],
        policies_ended=policies[1],
        initiatives_added=initiatives[0],
        initiatives_ended=initiatives[1],
    )


def load_changes(user, country, record, base, sections, slug=None):
    """Load what compare_records needs for `record` against `base`, as `user` may see it.

    `slug` set means one section only (no indicators). The pages and the API both call it.
    """
    entries = SectionEntry.objects.filter(system__in=[record, base], section__in=sections)
    by_record = {record.pk: {}, base.pk: {}}
    for entry in entries:
        by_record[entry.system_id][entry.section_id] = entry
    indicators, values = [], {record.pk: {}, base.pk: {}}
    if slug is None:
        indicators = list(Indicator.objects.all())
        for value in IndicatorValue.objects.filter(system__in=[record, base]):
            values[value.system_id][value.indicator_id] = value
    policies = permissions.visible(Policy.objects.for_country(country), user)
    initiatives = permissions.visible(Initiative.objects.for_country(country), user)
    if slug is not None:
        policies = policies.filter(sections__in=sections).distinct()
        initiatives = initiatives.filter(sections__in=sections).distinct()
    years = base.collection.year, record.collection.year
    return compare_records(
        record,
        base,
        sections=sections,
        entries=by_record[record.pk],
        base_entries=by_record[base.pk],
        indicators=indicators,
        values=values[record.pk],
        base_values=values[base.pk],
        policies=added_and_ended(policies, *years),
        initiatives=added_and_ended(initiatives, *years),
    )
