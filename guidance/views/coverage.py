"""/coverage/: how complete and how fresh each country's sections are in a collection."""

from datetime import timedelta

from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guidance.comparison import build_comparison
from guidance.models import Country, Section
from guidance.views.common import collection_years, visible_records
from guidance.views.params import collection_year

AGE_BANDS = [
    (timedelta(days=365), "fresh", _("updated within a year")),
    (timedelta(days=3 * 365), "ageing", _("updated one to three years ago")),
    (None, "old", _("updated more than three years ago")),
]


def age_band(updated_at, now):
    """The (css class, label) of how long ago a section was last updated."""
    for limit, css_class, label in AGE_BANDS:
        if limit is None or now - updated_at <= limit:
            return css_class, label
    raise AssertionError("the last band has no limit")


def coverage(request):
    years, default_year = collection_years()
    year, errors = collection_year(request.GET, years, default_year)
    comparison = build_comparison(
        visible_records(request.user),
        Country.objects.order_by("name"),
        Section.objects.all(),
        [],
        year,
    )
    now = timezone.now()
    for row in comparison.section_rows:
        for cell in row.cells:
            cell.age = age_band(cell.item.updated_at, now) if cell.reported else None
    context = {
        "comparison": comparison,
        "years": years,
        "errors": errors,
        "age_bands": [(css_class, label) for _limit, css_class, label in AGE_BANDS],
    }
    return render(request, "guidance/coverage.html", context, status=400 if errors else 200)
