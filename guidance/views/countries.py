"""Public pages. Every query of publishable content goes through permissions.visible."""

from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from guidance import permissions
from guidance.models import (
    Country,
    CountryGroup,
    GuidanceSystem,
    Initiative,
    Policy,
    PublicationStatus,
    Section,
)

GROUP_HEADINGS = {
    CountryGroup.EU: "EU member states",
    CountryGroup.EEA_EFTA: "EEA and EFTA countries",
    CountryGroup.CANDIDATE: "Candidate countries",
    CountryGroup.POTENTIAL_CANDIDATE: "Potential candidates",
    CountryGroup.OTHER: "Other countries",
}


def home(request):
    countries = Country.objects.annotate(
        published_records=Count("systems", filter=Q(systems__status=PublicationStatus.PUBLISHED))
    ).order_by("name")
    by_group = {group: [] for group in CountryGroup.values}
    for country in countries:
        by_group[country.group].append(country)
    groups = [(GROUP_HEADINGS[group], members) for group, members in by_group.items() if members]
    return render(request, "guidance/home.html", {"groups": groups})


def country_profile(request, code, year=None):
    country = get_object_or_404(Country.objects.select_related("parent"), code=code.upper())
    records = (
        permissions.visible(GuidanceSystem.objects.for_country(country), request.user)
        .select_related("collection", "based_on__collection")
        .order_by("-collection__year")
    )
    record = _pick_record(records, year)
    sections = Section.objects.all()
    entries = {}
    values = []
    if record is not None:
        entries = {entry.section_id: entry for entry in record.entries.prefetch_related("sources")}
        values = record.indicator_values.select_related("indicator").prefetch_related("sources")
    policies = (
        permissions.visible(Policy.objects.for_country(country), request.user)
        .select_related("instrument_type")
        .prefetch_related("stages", "sources", "responsible_organisations")
    )
    initiatives = (
        permissions.visible(Initiative.objects.for_country(country), request.user)
        .select_related("initiative_type")
        .prefetch_related("sources", "providers", "delivery_modes")
    )
    context = {
        "country": country,
        "record": record,
        "records": records,
        "sections": [(section, entries.get(section.pk)) for section in sections],
        "indicator_values": values,
        "policies": policies,
        "initiatives": initiatives,
        "organisations": country.organisations.select_related("type"),
        "subdivisions": country.subdivisions.all(),
    }
    return render(request, "guidance/country.html", context)


def _pick_record(records, year):
    if year is None:
        published = [r for r in records if r.status == PublicationStatus.PUBLISHED]
        return published[0] if published else None
    for record in records:
        if record.collection.year == year:
            return record
    raise Http404("This country has no record in that collection.")
