"""The home page, the list of countries, and one section of one record.

A country's profile is guidance/views/profile.py.
"""

from django.db.models import Count, Max, OuterRef, Q, Subquery
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from guidance.models import (
    Country,
    CountryGroup,
    Indicator,
    PublicationStatus,
    Section,
    SectionEntry,
)
from guidance.reading import readable
from guidance.reading.citations import cite_section
from guidance.reading.comparison import build_comparison
from guidance.reading.home_map import (
    COVERAGE_BANDS,
    INDICATOR_BANDS,
    coverage_rows,
    indicator_rows,
    map_parts,
)
from guidance.views.common import (
    GROUP_HEADINGS,
    collection_years,
    country_or_404,
    record_or_404,
    visible_records,
)
from guidance.views.params import param_errors


def home(request):
    published = Q(systems__status=PublicationStatus.PUBLISHED)
    countries = Country.objects.annotate(
        published_records=Count("systems", filter=published),
        latest_year=Max("systems__collection__year", filter=published),
    ).order_by("name")
    by_group = {group: [] for group in CountryGroup.values}
    for country in countries:
        by_group[country.group].append(country)
    groups = [(GROUP_HEADINGS[group], members) for group, members in by_group.items() if members]
    context = {
        "groups": groups,
        "latest_updates": _latest_updates(),
        **_home_map(request, list(countries)),
    }
    status = 400 if context["errors"] else 200
    return render(request, "guidance/home.html", context, status=status)


def country_index(request):
    """/countries/: every country in scope by its relation to the EU, with its latest record.

    The year shown is that of the latest published record the reader may see, the one
    the country's profile opens with; a draft never counts, even for its expert.
    """
    latest = (
        visible_records(request.user)
        .filter(country=OuterRef("pk"), status=PublicationStatus.PUBLISHED)
        .order_by("-collection__year")
        .values("collection__year")[:1]
    )
    countries = Country.objects.annotate(
        latest_year=Subquery(latest),
        published_records=Count(
            "systems", filter=Q(systems__status=PublicationStatus.PUBLISHED), distinct=True
        ),
    ).order_by("name")
    by_group = {group: [] for group in CountryGroup.values}
    for country in countries:
        by_group[country.group].append(country)
    groups = [
        (group, GROUP_HEADINGS[group], members) for group, members in by_group.items() if members
    ]
    return render(request, "guidance/country_index.html", {"groups": groups})


def _latest_updates(limit=8):
    """The sections most recently updated in published records (drafts are never shown)."""
    return (
        SectionEntry.objects.filter(system__status=PublicationStatus.PUBLISHED)
        .select_related("system__country", "system__collection", "section")
        .order_by("-updated_at")[:limit]
    )


def _home_map(request, countries):
    """The map coloured by coverage of the current collection, or by `?indicator=slug`."""
    indicators = list(Indicator.objects.order_by("position", "name"))
    errors = param_errors(request.GET, {"indicator"})
    slug = request.GET.get("indicator", "").strip()
    indicator = next((i for i in indicators if i.slug == slug), None)
    if slug and indicator is None:
        errors["indicator"] = [
            _("There is no indicator “%(slug)s”; the map shows coverage instead.")
            % {"slug": slug[:60]}
        ]
    return {
        **map_context(request.user, countries, indicator),
        "indicators": indicators,
        "indicator": indicator,
        "errors": errors,
    }


def map_context(user, countries, indicator=None, year=None):
    """The map of collection `year` (the current one by default), by record coverage or by
    one indicator's answers."""
    if year is None:
        _years, year = collection_years()
    sections = [] if indicator else list(Section.objects.all())
    comparison = build_comparison(
        visible_records(user), countries, sections, [indicator] if indicator else [], year
    )
    if indicator:
        rows, bands = indicator_rows(comparison), INDICATOR_BANDS
    else:
        rows, bands = coverage_rows(comparison, len(sections)), COVERAGE_BANDS
    return {**map_parts(rows, bands), "map_year": year}


def record_section(request, code, year, slug):
    """One section of one record: the stable address a citation of that section points to."""
    country = country_or_404(code)
    record = record_or_404(request.user, country, year)
    section = get_object_or_404(Section, slug=slug)
    entry = (
        record.entries.filter(section=section)
        .prefetch_related(readable.linked_rows(request.user, SectionEntry, "sources"))
        .first()
    )
    url = request.build_absolute_uri(
        reverse("guidance:record-section", args=[country.code, year, section.slug])
    )
    context = {
        "country": country,
        "record": record,
        "section": section,
        "entry": entry,
        "citation": cite_section(record, section, url, timezone.localdate()),
    }
    return render(request, "guidance/record_section.html", context)
