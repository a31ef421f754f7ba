"""Reports to download: a country's record, one section across countries, a comparison,
each as PDF or DOCX (guidance/reports/).

Each reads what its page reads, for the same reader: `record_or_404` and
`visible_records`, with the sources the reader may read, so the public's report holds
published content alone and an expert's may hold their drafts, marked as not public.
Reports are not cached here: an anonymous report is stored by the page cache like any
public answer (guidance/caching.py: per content generation, never if it read anything
unpublished); a signed-in reader's is rendered for them and marked private, no-store.
"""

from urllib.parse import urlencode

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from guidance.models import Collection, Country, Section
from guidance.query.grid_query import ComparisonChoices, read_grid_query
from guidance.reading.comparison import build_comparison
from guidance.reports import build
from guidance.reports.docx_writer import CONTENT_TYPE as DOCX_CONTENT_TYPE
from guidance.reports.docx_writer import render_docx
from guidance.reports.pdf import render_pdf
from guidance.views.common import (
    collection_years,
    country_or_404,
    record_or_404,
    visible_records,
)
from guidance.views.params import collection_year

FORMATS = ("pdf", "docx")


def record_report(request, code, year, fmt):
    _check_format(fmt)
    record = record_or_404(request.user, country_or_404(code), year)
    url = request.build_absolute_uri(
        reverse("guidance:country-year", args=[record.country.code, year])
    )
    report = build.record_report(record, request.user, url, timezone.localdate())
    return _attachment(report, fmt)


def section_report(request, slug, fmt):
    _check_format(fmt)
    section = get_object_or_404(Section, slug=slug)
    years, default_year = collection_years()
    year, errors = collection_year(request.GET, years, default_year)
    if errors:
        return _refused(request, errors)
    comparison = build_comparison(
        visible_records(request.user),
        Country.objects.order_by("name"),
        [section],
        [],
        year,
        entries=build.entries_with_sources(request.user),
    )
    url = _absolute(request, "guidance:section", {"collection": year}, args=[slug])
    report = build.section_report(comparison, _reference_period(year), url, timezone.localdate())
    return _attachment(report, fmt)


def comparison_report(request, fmt):
    _check_format(fmt)
    query = read_grid_query(request.GET, ComparisonChoices.load())
    errors = dict(query.errors)
    if not errors and len(query.countries) < 2:
        errors["countries"] = [_("Choose at least two countries to compare.")]
    if len(query.countries) > build.MAX_REPORT_COUNTRIES:
        errors["countries"] = [too_many_countries(len(query.countries))]
    if errors:
        return _refused(request, errors)
    comparison = build_comparison(
        visible_records(request.user),
        query.countries,
        query.sections,
        query.indicators,
        query.year,
        entries=build.entries_with_sources(request.user),
    )
    url = _absolute(request, "guidance:compare", query.as_params())
    report = build.comparison_report(
        comparison, _reference_period(query.year), url, timezone.localdate()
    )
    return _attachment(report, fmt)


def report_urls(view_name, params, args=()):
    """The addresses of a page's PDF and DOCX report, for its links."""
    return {f"{fmt}_url": _path(view_name, params, args=[*args, fmt]) for fmt in FORMATS}


def too_many_countries(count):
    return _(
        "A report covers at most %(max)s countries; this comparison has %(count)s. "
        "Choose fewer countries, or download the comparison as CSV."
    ) % {"max": build.MAX_REPORT_COUNTRIES, "count": count}


def _check_format(fmt):
    if fmt not in FORMATS:
        raise Http404("Reports are PDF or DOCX.")


def _attachment(report, fmt):
    if fmt == "pdf":
        response = HttpResponse(render_pdf(report), content_type="application/pdf")
    else:
        body = render_docx(report, translation.get_language())
        response = HttpResponse(body, content_type=DOCX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{report.filename}.{fmt}"'
    if report.unpublished:
        patch_cache_control(response, private=True, no_store=True)
    return response


def _refused(request, errors):
    return render(request, "guidance/report_refused.html", {"errors": errors}, status=400)


def _reference_period(year):
    collection = Collection.objects.filter(year=year).first() if year else None
    return collection.reference_years if collection else ""


def _absolute(request, view_name, params, args=()):
    return request.build_absolute_uri(_path(view_name, params, args))


def _path(view_name, params, args=()):
    url = reverse(view_name, args=args)
    return f"{url}?{urlencode(params, safe=',')}" if params else url
