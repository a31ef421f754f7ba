"""/compare/: chosen countries side by side under chosen sections, as a page, print or CSV."""

from urllib.parse import urlencode

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from guidance.models import CountryGroup
from guidance.query.grid_query import (
    GROUPS,
    PARAMS,
    ComparisonChoices,
    canonical_params,
    has_old_group_spellings,
    needs_canonical_redirect,
    read_grid_query,
)
from guidance.query.validation import unknown_params
from guidance.reading.comparison import build_comparison
from guidance.reading.comparison_csv import comparison_attachment
from guidance.reports.build import MAX_REPORT_COUNTRIES
from guidance.views.common import GROUP_HEADINGS, visible_records
from guidance.views.entry_parts import entry_stubs
from guidance.views.fragments import FragmentBatch
from guidance.views.grid_parts import grid_rows
from guidance.views.reports import report_urls, too_many_countries

GROUP_CHOICES = {
    CountryGroup.EU: gettext_lazy("All EU member states"),
    CountryGroup.EEA_EFTA: gettext_lazy("All EEA and EFTA countries"),
    CountryGroup.CANDIDATE: gettext_lazy("All candidate countries"),
    CountryGroup.POTENTIAL_CANDIDATE: gettext_lazy("All potential candidates"),
    CountryGroup.OTHER: gettext_lazy("All other countries"),
}


def compare(request):
    return _respond(request, "guidance/compare.html", with_form=True)


def compare_print(request):
    return _respond(request, "guidance/compare_print.html")


def compare_csv(request):
    return _respond(request, None)


def _respond(request, template, with_form=False):
    if not unknown_params(request.GET, PARAMS):
        url = _url(request.resolver_match.view_name, canonical_params(request.GET))
        if has_old_group_spellings(request.GET):
            return redirect(url, permanent=True)
        if needs_canonical_redirect(request.GET):
            return redirect(url)
    choices = ComparisonChoices.load()
    query = read_grid_query(request.GET, choices)
    hint = None
    if request.GET and not query.errors and len(query.countries) < 2:
        hint = _("Choose at least two countries to compare.")
    comparison = None
    if len(query.countries) >= 2 and not query.errors:
        comparison = build_comparison(
            visible_records(request.user),
            query.countries,
            query.sections,
            query.indicators,
            query.year,
            entries=None if template is None else entry_stubs(),
        )
    status = 400 if query.errors else 200
    if template is None:
        return comparison_attachment(comparison) if comparison else _csv_error(query)
    params = query.as_params()
    context = {
        "query": query,
        "hint": hint,
        "comparison": comparison,
        "grid_rows": grid_rows(comparison, request.user) if comparison else "",
        "print_url": _url("guidance:compare-print", params),
        "csv_url": _url("guidance:compare-csv", params),
        "page_url": _url("guidance:compare", params),
        **report_urls("guidance:compare-report", params),
        "report_refused": too_many_countries(len(query.countries))
        if len(query.countries) > MAX_REPORT_COUNTRIES
        else "",
    }
    if with_form:
        context["form"] = _form(choices, query, comparison, request.user)
        context["form_countries"] = choices.countries
    return render(request, template, context, status=status)


def _form(choices, query, comparison, reader):
    """The form to change the comparison, a cached part (guidance/views/fragments.py) per
    choice of countries, sections, indicators and year: its hundred checkboxes were a
    quarter of a cold page (in process, scale data)."""
    identity = (
        comparison is not None,
        tuple((country.code, country.name, country.group) for country in choices.countries),
        tuple((section.slug, section.number, section.title) for section in choices.sections),
        tuple((indicator.slug, indicator.name) for indicator in choices.indicators),
        tuple(choices.years),
        query.as_params(),
    )
    chosen = set(query.country_codes)
    batch = FragmentBatch(reader)
    form = batch.add_lazy(
        "guidance/fragments/compare_form.html",
        identity,
        lambda: {
            "query": query,
            "comparison": comparison,
            "countries_by_group": _by_group(
                [country for country in choices.countries if country.code not in chosen]
            ),
            "groups": _groups_with_members(choices.countries),
            "sections": choices.sections,
            "indicators": choices.indicators,
            "years": choices.years,
        },
    )
    batch.read()
    return form


def _url(view_name, params):
    url = reverse(view_name)
    return f"{url}?{urlencode(params, safe=',')}" if params else url


def _groups_with_members(countries):
    present = {country.group for country in countries}
    return [(key, GROUP_CHOICES[key]) for key in GROUPS if key in present]


def _by_group(countries):
    groups = {value: [] for value in CountryGroup.values}
    for country in countries:
        groups[country.group].append(country)
    return [(GROUP_HEADINGS[value], members) for value, members in groups.items() if members]


def _csv_error(query):
    message = "\n".join(
        f"{name}: {' '.join(messages)}" for name, messages in query.errors.items()
    ) or _("Choose at least two countries to compare.")
    return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")
