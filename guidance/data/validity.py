"""Does a record say only what was valid in its reference period? Checks over loaded content.

A record of collection Y describes Y's reference period (`Collection.reference_start` to
`reference_end`; domain README A.2). It may not rest on a document written after that
period (or the year the collection was published, if later), list or name a policy or initiative that started after it, or give an indicator
answer that began after it or had ended before it. Each rule below returns the problems
it finds as sentences naming the record, so a test (tests/test_demo_validity.py) can
print them; an empty list means the rule holds.
"""

import re

from django.db.models import Prefetch

from guidance.models import GuidanceSystem, Initiative, Organisation, Policy, Source

MIN_TITLE_LENGTH = 8  # shorter titles ("PES") would be found inside unrelated words


def records():
    """Every live record, with what the rules read, in a handful of queries."""
    cited = Source.objects.only("title", "year")
    return (
        GuidanceSystem.objects.live()
        .select_related("country", "collection")
        .prefetch_related(
            "entries__section",
            Prefetch("entries__sources", queryset=cited),
            "indicator_values__indicator",
            Prefetch("indicator_values__sources", queryset=cited),
        )
        .order_by("country__code", "collection__year")
    )


def label(record):
    collection = record.collection
    return f"{record.country.code} {collection.year} (period {collection.period_start}-{collection.period_end})"


def latest_source_year(collection):
    """The last year a source of collection `collection`'s records may be dated.

    The end of its reference period, or the collection's own year when that is later: the
    2020 collection covers 2017-2019, and its records rest on documents published in 2020
    that describe those years (Cedefop's own 2020 records among them).
    """
    return max(collection.period_end, collection.year)


def sources_after_period(records):
    """(a) Sources cited in a record's sections or indicators dated after its period ends."""
    problems = []
    for record in records:
        end = latest_source_year(record.collection)
        cited = [(f"section {e.section.slug}", e.sources.all()) for e in record.entries.all()]
        cited += [
            (f"indicator {v.indicator.slug}", v.sources.all())
            for v in record.indicator_values.all()
        ]
        for where, sources in cited:
            problems += [
                f"{label(record)}: {where} cites {source.title!r} ({source.year})"
                for source in sources
                if source.year is not None and source.year > end
            ]
    return problems


def content_after_period(records):
    """(b) Policies and initiatives a record lists, or names in a section, that started later."""
    problems = []
    for record in records:
        end = record.collection.period_end
        for model in (Policy, Initiative):
            rows = model.objects.live().filter(country=record.country)
            listed = rows.existing_in(record.collection.year)
            problems += [
                f"{label(record)}: lists {item.title!r} (started {item.start_year})"
                for item in listed.filter(start_year__gt=end)
            ]
            # A name that something of the period also bears (a scheme's new rules keep
            # the scheme's name) names that, not the later one.
            current_names = {name.casefold() for item in listed for name in _names(item)}
            for item in rows.filter(start_year__gt=end):
                problems += [
                    f"{label(record)}: section {entry.section.slug} names {name!r} "
                    f"(started {item.start_year})"
                    for entry in record.entries.all()
                    for name in _names(item)
                    if name.casefold() not in current_names and _named_as_current(entry.body, name)
                ]
    return problems


def organisations_after_period(records):
    """(b) Organisations a record names in a section that were founded after its period."""
    problems = []
    for record in records:
        end = record.collection.period_end
        later = Organisation.objects.live().filter(country=record.country, start_year__gt=end)
        for organisation in later:
            names = [organisation.name, organisation.original_name]
            problems += [
                f"{label(record)}: section {entry.section.slug} names {name!r} "
                f"(founded {organisation.start_year})"
                for entry in record.entries.all()
                for name in names
                if len(name) >= MIN_TITLE_LENGTH and _named_as_current(entry.body, name)
            ]
    return problems


def indicators_outside_period(records):
    """(c) Indicator answers that began after the period ended or ended before it began."""
    problems = []
    for record in records:
        start, end = record.collection.period_start, record.collection.period_end
        for value in record.indicator_values.all():
            if value.since_year is not None and value.since_year > end:
                problems.append(
                    f"{label(record)}: indicator {value.indicator.slug} holds since "
                    f"{value.since_year}"
                )
            if value.until_year is not None and value.until_year < start:
                problems.append(
                    f"{label(record)}: indicator {value.indicator.slug} held until "
                    f"{value.until_year}"
                )
    return problems


def _names(item):
    return [name for name in (item.title, item.original_title) if len(name) >= MIN_TITLE_LENGTH]


# A record may name what came later as what it was in its period: a plan, a draft, work
# under way (domain README E: "only a plan in any record whose reference period ends
# before"). A sentence saying so does not present it as current.
AS_A_PLAN = re.compile(
    r"\b(plans?|planned|planning|will|drafts?|drafted|preparing|prepared|proposed|announced|"
    r"building|being set up|setting up|to start)\b",
    re.IGNORECASE,
)
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def _named_as_current(text, name):
    return any(
        _mentions(sentence, name) and not AS_A_PLAN.search(sentence)
        for sentence in SENTENCE_END.split(text)
    )


def _mentions(text, name):
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, flags=re.IGNORECASE) is not None
