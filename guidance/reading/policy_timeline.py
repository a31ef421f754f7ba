"""Policies as rows and years as columns, each cell the stage recorded for that year.

One shape for two pages: a country profile's timeline part (guidance/views/profile.py)
and the cross-country timeline of a filtered set (guidance/views/timeline.py). The
columns run from the earliest to the latest stage year among the rows shown, so every
row is read on the same scale.

A cell holds only a stage recorded for its own year. The policy page's year-by-year list
(browse.stage_timeline) carries a stage forward into unrecorded years and says so in
words; a chart has no room for that sentence, so here an unrecorded year stays visibly
empty rather than coloured as if it were known.

Each stage has a colour (a CSS class, `stage-<code>`), a short abbreviation written in
the cell, and its full name for screen readers and the tooltip, so colour never carries
the meaning alone.
"""

from dataclasses import dataclass
from itertools import groupby

from django.utils.translation import pgettext_lazy

from guidance.models import PolicyStage

ABBREVIATIONS = {
    PolicyStage.DESIGN: pgettext_lazy("stage abbreviation", "De"),
    PolicyStage.LEGISLATIVE_PROCESS: pgettext_lazy("stage abbreviation", "Le"),
    PolicyStage.APPROVED: pgettext_lazy("stage abbreviation", "Ap"),
    PolicyStage.PILOT: pgettext_lazy("stage abbreviation", "Pi"),
    PolicyStage.IMPLEMENTATION: pgettext_lazy("stage abbreviation", "Im"),
    PolicyStage.DISCONTINUED: pgettext_lazy("stage abbreviation", "Di"),
    PolicyStage.COMPLETED: pgettext_lazy("stage abbreviation", "Co"),
}


@dataclass(frozen=True)
class Stage:
    """One of the seven stages as the chart shows it."""

    code: str
    label: str
    abbreviation: str

    @property
    def css_class(self):
        return f"stage-{self.code.replace('_', '-')}"


STAGES = {code: Stage(code, label, ABBREVIATIONS[code]) for code, label in PolicyStage.choices}


@dataclass(frozen=True)
class Cell:
    year: int
    stage: Stage | None  # None: no stage recorded for this year


@dataclass(frozen=True)
class Row:
    policy: object  # anything with `pk`, `title` and, across countries, `country`
    cells: tuple


@dataclass(frozen=True)
class Group:
    """The rows of one country, under its name."""

    country: object
    rows: tuple


@dataclass(frozen=True)
class Timeline:
    years: tuple
    rows: tuple
    without_stages: tuple  # policies asked for that have no stage year: listed, not charted

    def __bool__(self):
        return bool(self.rows)

    @property
    def groups(self):
        """The rows by country, in their order (the rows must come sorted by country)."""
        return [
            Group(country, tuple(rows))
            for country, rows in groupby(self.rows, key=lambda row: row.policy.country)
        ]

    @property
    def legend(self):
        return list(STAGES.values())


def build(policies_with_stages):
    """The timeline of (policy, its stage years) pairs, rows in the order given.

    A stage year is anything with `year` and `stage` (a PolicyStageYear).
    """
    by_policy = [
        (policy, {stage.year: STAGES[stage.stage] for stage in stages})
        for policy, stages in policies_with_stages
    ]
    recorded = [year for _policy, years in by_policy for year in years]
    years = tuple(range(min(recorded), max(recorded) + 1)) if recorded else ()
    rows = tuple(
        Row(policy, tuple(Cell(year, stages.get(year)) for year in years))
        for policy, stages in by_policy
        if stages
    )
    without = tuple(policy for policy, stages in by_policy if not stages)
    return Timeline(years, rows, without)


def of_policies(policies):
    """The timeline of policies whose `stages` have been prefetched."""
    return build((policy, policy.stages.all()) for policy in policies)
