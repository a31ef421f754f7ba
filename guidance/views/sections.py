"""/sections/: the list of sections, and one section across every country in a collection."""

from django.shortcuts import get_object_or_404, render

from guidance.models import Country, Section
from guidance.reading.comparison import build_comparison
from guidance.views.common import collection_years, visible_records
from guidance.views.entry_parts import add_entry_parts, entry_stubs
from guidance.views.params import collection_year
from guidance.views.reports import report_urls


def section_index(request):
    return render(request, "guidance/section_index.html", {"sections": Section.objects.all()})


def section_across_countries(request, slug):
    section = get_object_or_404(Section, slug=slug)
    years, default_year = collection_years()
    year, errors = collection_year(request.GET, years, default_year)
    comparison = build_comparison(
        visible_records(request.user),
        Country.objects.order_by("name"),
        [section],
        section.indicators.all(),
        year,
        entries=entry_stubs(with_sources=True),
    )
    cells = comparison.section_rows[0].cells
    reported = [cell for cell in cells if cell.reported]
    add_entry_parts(
        reported, "guidance/fragments/section_country.html", request.user, with_sources=True
    )
    context = {
        "section": section,
        "comparison": comparison,
        "reported": reported,
        "not_reported": [cell for cell in cells if not cell.reported],
        "years": years,
        "errors": errors,
        **report_urls("guidance:section-report", {"collection": year}, args=[slug]),
    }
    return render(request, "guidance/section.html", context, status=400 if errors else 200)
