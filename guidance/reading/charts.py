"""The geometry of a stacked horizontal bar chart: counts in, rectangles and labels out.

Pure functions, no queries and no markup: a view turns what it counted into `BarRow`s,
`stacked_bars` lays them out in the units of the SVG's viewBox, and
templates/guidance/includes/bar_chart.html draws them. The SVG scales to its box (CSS),
so the geometry is in fixed units and never depends on the screen.

Colour is never the only carrier of meaning: each series also has a pattern (drawn by
the template from `Series.pattern`), a segment wide enough for its count shows the count
inside it, and the page repeats every number in a table.
"""

from dataclasses import dataclass

WIDTH = 400
LABEL_WIDTH = 44  # the bar's own label (a year) to the left of it
BAR_HEIGHT = 28
GAP = 12
PADDING = 4
# A count is written inside its segment only when there is room for it: a margin and
# the width of its digits at the chart's font size (viewBox units; site.css sets 12).
LABEL_MARGIN = 5
DIGIT_WIDTH = 7


@dataclass(frozen=True)
class Series:
    """One kind of count (an answer, a state), with its CSS class, pattern and label."""

    key: str
    label: str
    pattern: str = "solid"  # solid, stripes, dots or none (see bar_chart.html)


@dataclass(frozen=True)
class BarRow:
    """What one bar shows: its label and one count per series, in the series' order."""

    label: str
    counts: tuple


@dataclass(frozen=True)
class Segment:
    series: Series
    count: int
    x: float
    width: float

    @property
    def labelled(self):
        return self.count > 0 and self.width >= LABEL_MARGIN + DIGIT_WIDTH * len(str(self.count))

    @property
    def label_x(self):
        return round(self.x + self.width / 2, 2)


@dataclass(frozen=True)
class Bar:
    label: str
    total: int
    y: float
    segments: tuple

    @property
    def label_y(self):
        return self.y + BAR_HEIGHT / 2


@dataclass(frozen=True)
class BarChart:
    series: tuple
    bars: tuple
    width: int
    height: int
    label_width: int = LABEL_WIDTH
    bar_height: int = BAR_HEIGHT

    @property
    def is_empty(self):
        return not self.bars


def stacked_bars(series, rows, *, scale_to=None):
    """Lay out one bar per row, its segments side by side in the order of `series`.

    Every bar is drawn on the same scale: `scale_to` (the most a bar can hold, e.g. every
    country) or else the largest total, so that bars of different totals compare.
    """
    series = tuple(series)
    longest = max([scale_to or 0, *(sum(row.counts) for row in rows)], default=0)
    span = WIDTH - LABEL_WIDTH - PADDING
    bars = []
    for index, row in enumerate(rows):
        if len(row.counts) != len(series):
            raise ValueError(f"bar {row.label!r} has {len(row.counts)} counts for {len(series)}")
        y = PADDING + index * (BAR_HEIGHT + GAP)
        bars.append(
            Bar(row.label, sum(row.counts), y, _segments(series, row.counts, span, longest))
        )
    height = PADDING * 2 + len(rows) * (BAR_HEIGHT + GAP) - (GAP if rows else 0)
    return BarChart(series, tuple(bars), WIDTH, height)


def _segments(series, counts, span, longest):
    segments = []
    x = float(LABEL_WIDTH)
    for one, count in zip(series, counts, strict=True):
        width = round(span * count / longest, 2) if longest else 0.0
        segments.append(Segment(one, count, round(x, 2), width))
        x += width
    return tuple(segments)
