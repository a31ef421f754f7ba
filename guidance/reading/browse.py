"""What the browse pages need besides the FilterSets: facet counts, snippets, timelines.

The rows come from guidance/filtersets.py, the same FilterSets as /api/v1/policies/ and
/api/v1/initiatives/, so a query string means the same rows on the page and in the API.
"""

import re
from dataclasses import dataclass

from django.db.models import Count
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from guidance.models import CountryGroup, PolicyStage
from guidance.reading.markdown import markdown_as_plain_text

SNIPPET_WORDS = 45


@dataclass(frozen=True)
class Facet:
    """One filter shown with a count of matching rows per value."""

    param: str
    label: str
    value_field: str
    label_field: str | None = None
    choices: tuple = ()


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    chosen: bool


COUNTRY_FACETS = (
    Facet("country_group", _("Country group"), "country__group", choices=CountryGroup.choices),
    Facet("country", _("Country"), "country__code", "country__name"),
    Facet("target_group", _("Target group"), "target_groups__code", "target_groups__name"),
    Facet("sector", _("Sector"), "sectors__code", "sectors__name"),
    Facet("section", _("Section"), "sections__slug", "sections__title"),
)
POLICY_FACETS = (
    *COUNTRY_FACETS,
    Facet(
        "instrument_type", _("Instrument type"), "instrument_type__code", "instrument_type__name"
    ),
    Facet("stage", _("Stage (in any year)"), "stages__stage", choices=PolicyStage.choices),
)
INITIATIVE_FACETS = (
    *COUNTRY_FACETS,
    Facet(
        "initiative_type", _("Initiative type"), "initiative_type__code", "initiative_type__name"
    ),
)


def facet_counts(filterset, facets, chosen):
    """Per facet, each value's number of rows: one query per facet, any row or value count.

    Counts are disjunctive: a facet's values are counted over the rows matching every
    filter *but its own*, so each number says how many rows that choice would match with
    the reader's other filters. Choices within a facet are ORed, so ticking one more adds
    its rows; counting over the already narrowed rows showed only the overlap (with
    "jobseekers" ticked, "employed adults" showed the 3 that are both, not its 5).

    `chosen` maps a parameter to the values the reader picked; they stay listed even when
    nothing matches them any more, so they can be unticked.

    The facet's join is the only to-many join of its query: every filter across a
    to-many relation is an EXISTS (guidance/query/filters.py), so the rows are counted
    in place, not re-read by primary key (a subquery that took 24 of a browse page's 43
    ms of SQL at scale, make bench).
    """
    return [
        (facet, _facet_values(facet, rows_without(filterset, facet.param), chosen))
        for facet in facets
    ]


def rows_without(filterset, param):
    """A validated filterset's rows as if `param` had not been given.

    The cleaned values are reused, so no code or slug is looked up again."""
    rows = filterset.queryset.all()
    for name, value in filterset.form.cleaned_data.items():
        if name != param:
            rows = filterset.filters[name].filter(rows, value)
    return rows


def _facet_values(facet, matching, chosen):
    fields = [facet.value_field] + ([facet.label_field] if facet.label_field else [])
    tallies = (
        matching.exclude(**{f"{facet.value_field}__isnull": True})
        .values(*fields)
        .annotate(count=Count("pk", distinct=True))
        .order_by(facet.label_field or facet.value_field)
    )
    labels = dict(facet.choices)
    picked = set(chosen.get(facet.param, ()))
    values = [
        FacetValue(
            value=str(row[facet.value_field]),
            label=str(
                row[facet.label_field]
                if facet.label_field
                else labels.get(row[facet.value_field], row[facet.value_field])
            ),
            count=row["count"],
            chosen=str(row[facet.value_field]) in picked,
        )
        for row in tallies
    ]
    shown = {value.value for value in values}
    return values + [
        FacetValue(value, labels.get(value, value), 0, True) for value in picked - shown
    ]


def search_words(text):
    return [word for word in re.findall(r"\w+", text or "") if len(word) > 1][:10]


def highlight(text, words):
    """`text` escaped, with each word that starts like a searched word marked.

    Words are found in the plain text and every piece is escaped on its own: matching on
    the escaped text marked `lt` inside `&lt;`, and the reader saw a literal `&lt;`.
    """
    if not words:
        return escape(text)
    pattern = re.compile(
        r"\b(?:" + "|".join(re.escape(word) for word in words) + ")", re.IGNORECASE
    )
    pieces, start = [], 0
    for match in pattern.finditer(text):
        pieces += [escape(text[start : match.start()]), format_html("<mark>{}</mark>", match[0])]
        start = match.end()
    pieces.append(escape(text[start:]))
    return mark_safe("".join(pieces))


def snippet(markdown_text, words):
    """A plain-text excerpt of a Markdown summary, with the searched words marked."""
    plain = markdown_as_plain_text(markdown_text)
    return highlight(Truncator(plain).words(SNIPPET_WORDS), words)


def stage_timeline(stages):
    """(year, stage label, recorded?) for every year from the first recorded stage to the last.

    A year with no record of its own carries the stage of the last recorded year, and says so.
    """
    by_year = {stage.year: stage.get_stage_display() for stage in stages}
    if not by_year:
        return []
    timeline, current = [], None
    for year in range(min(by_year), max(by_year) + 1):
        recorded = year in by_year
        current = by_year[year] if recorded else current
        timeline.append((year, current, recorded))
    return timeline
