"""The home page, country profiles, and one section of one record."""

from django.db.models import BooleanField, Count, F, OuterRef, Prefetch, Q, Subquery
from django.db.models.expressions import RawSQL
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from guidance.models import (
    Country,
    CountryGroup,
    GuidanceSystem,
    Indicator,
    IndicatorValue,
    Initiative,
    Policy,
    PolicyStageYear,
    PublicationStatus,
    Section,
    SectionEntry,
)
from guidance.query.stamps import child_stamp, related_stamp
from guidance.reading.citations import citation_metadata, cite_section
from guidance.reading.comparison import build_comparison
from guidance.reading.home_map import (
    COVERAGE_BANDS,
    INDICATOR_BANDS,
    coloured_svg,
    coverage_rows,
    indicator_rows,
)
from guidance.rules import permissions
from guidance.views.common import (
    GROUP_HEADINGS,
    collection_years,
    country_or_404,
    record_or_404,
    visible_records,
)
from guidance.views.fragments import FragmentBatch, row
from guidance.views.params import param_errors

# A profile lists this many policies and as many initiatives; at scale a country has
# hundreds, which made a 2.4 MB page (make bench). Real countries have far fewer.
PROFILE_LIST_LIMIT = 50
# A policy's stages in year order; the model's default ordering (by policy) joined every
# policy and country just to sort, a 34 ms sequential scan at scale (make bench, EXPLAIN).
STAGES_BY_YEAR = Prefetch("stages", queryset=PolicyStageYear.objects.order_by("year"))
# What a profile's cards never show: their Markdown (the stored HTML is shown) and the
# search vector, the widest columns of the two largest lists (make bench).
UNSHOWN_ON_CARDS = ["summary", "search_vector"]


def home(request):
    countries = Country.objects.annotate(
        published_records=Count("systems", filter=Q(systems__status=PublicationStatus.PUBLISHED))
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
    countries = Country.objects.annotate(latest_year=Subquery(latest)).order_by("name")
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


def map_context(user, countries, indicator=None):
    """The map of the current collection, by record coverage or by one indicator's answers."""
    _years, year = collection_years()
    sections = [] if indicator else list(Section.objects.all())
    comparison = build_comparison(
        visible_records(user), countries, sections, [indicator] if indicator else [], year
    )
    if indicator:
        rows, bands = indicator_rows(comparison), INDICATOR_BANDS
    else:
        rows, bands = coverage_rows(comparison, len(sections)), COVERAGE_BANDS
    return {"map_svg": coloured_svg(rows), "map_rows": rows, "map_bands": bands, "map_year": year}


def country_profile(request, code, year=None):
    """A country's record, policies and initiatives, assembled from cached parts.

    The sections and cards are read first by their key columns only (`_entry_stubs`,
    `_policy_stubs`, `_initiative_stubs`); a row is loaded in full only when its part is
    missing from the cache (guidance/views/fragments.py).
    """
    country = country_or_404(code)
    records = (
        permissions.visible(GuidanceSystem.objects.for_country(country), request.user)
        .select_related("country", "collection", "based_on__collection")
        .order_by("-collection__year")
    )
    record = _pick_record(records, year)
    sections = Section.objects.all()
    entries = {}
    values = []
    citation = None
    if record is not None:
        entries = {entry.section_id: entry for entry in _entry_stubs(record)}
        values = list(_value_stubs(record))
        citation = citation_metadata(record, _record_url(request, record), timezone.localdate())
    policies = _of_record(_policy_stubs(country, request.user), record, year)
    initiatives = _of_record(_initiative_stubs(country, request.user), record, year)
    context = {
        "country": country,
        "record": record,
        "records": records,
        "sections": [(section, entries.get(section.pk)) for section in sections],
        "indicator_values": values,
        **_first("policies", policies),
        **_first("initiatives", initiatives),
        "list_limit": PROFILE_LIST_LIMIT,
        "organisations": permissions.visible(
            country.organisations.all(), request.user
        ).select_related("type"),
        "subdivisions": country.subdivisions.all(),
        "citation": citation,
    }
    _add_parts(context, request.user)
    return render(request, "guidance/country.html", context)


def _add_parts(context, user):
    """The profile's sections and cards, pre-rendered per version (guidance/views/fragments.py)."""
    batch = FragmentBatch()
    country, record = context["country"], context["record"]
    year = str(record.collection.year) if record else ""
    load_entries = _loader(lambda: record.entries.prefetch_related("sources"))
    load_policies = _loader(lambda: _policies(country, user))
    load_initiatives = _loader(lambda: _initiatives(country, user))
    if record:
        context["contents"] = batch.add(
            "guidance/fragments/profile_contents.html",
            {"sections": context["sections"]},
            tuple(
                (_section_identity(section), _contents_line(entry))
                for section, entry in context["sections"]
            ),
        )
    context["indicator_rows"] = _indicator_rows(batch, record, context["indicator_values"])
    context["section_blocks"] = [
        _section_block(batch, load_entries, section, entry, country, year)
        for section, entry in (context["sections"] if record else [])
    ]
    context["policy_cards"] = [
        batch.add_loaded(
            "guidance/fragments/policy_card.html",
            policy,
            (
                row(policy),
                policy.instrument_name,
                policy.organisations_stamp,
                policy.stages_stamp,
                policy.sources_stamp,
                str(country.iso_country),
            ),
            load_policies,
            lambda policy: {"policy": policy, "country": country},
        )
        for policy in context["policies"]
    ]
    context["initiative_cards"] = [
        batch.add_loaded(
            "guidance/fragments/initiative_card.html",
            initiative,
            (
                row(initiative),
                initiative.type_name,
                initiative.providers_stamp,
                initiative.delivery_stamp,
                initiative.sources_stamp,
            ),
            load_initiatives,
            lambda initiative: {"initiative": initiative},
        )
        for initiative in context["initiatives"]
    ]
    batch.read()


def _contents_line(entry):
    """What the contents list shows of an entry."""
    return entry and (entry.pk, entry.completeness, entry.has_body)


def _indicator_rows(batch, record, values):
    """The indicators table's rows, one part keyed on every value it shows."""
    if not values:
        return ""
    return batch.add_lazy(
        "guidance/fragments/indicator_rows.html",
        tuple(
            (row(value), value.indicator_name, value.indicator_position, value.sources_stamp)
            for value in values
        ),
        lambda: {
            "indicator_values": record.indicator_values.select_related(
                "indicator"
            ).prefetch_related("sources")
        },
    )


def _section_block(batch, load_entries, section, entry, country, year):
    identity = (_section_identity(section), row(entry), country.code, year)
    context = {"section": section, "entry": entry, "country": country, "year": year}
    if entry is None:
        return batch.add("guidance/fragments/profile_section.html", context, identity)
    return batch.add_loaded(
        "guidance/fragments/profile_section.html",
        entry,
        (*identity, entry.sources_stamp),
        load_entries,
        lambda full: {**context, "entry": full},
    )


def _loader(queryset):
    """Loads the rows of `queryset()` with the given pks, as {pk: row}, in one query
    (plus prefetches)."""
    return lambda pks: {obj.pk: obj for obj in queryset().filter(pk__in=pks)}


# Stamps of what the parts show besides their own row (guidance/views/fragments.py).
ENTRY_SOURCES = related_stamp(SectionEntry, "sources")
ENTRY_HAS_BODY = RawSQL('"guidance_sectionentry"."body" <> \'\'', (), BooleanField())
POLICY_ORGANISATIONS = related_stamp(Policy, "responsible_organisations")
POLICY_STAGES = child_stamp(Policy, PolicyStageYear, "policy_id", ("year", "stage"), "year")
POLICY_SOURCES = related_stamp(Policy, "sources")
INITIATIVE_PROVIDERS = related_stamp(Initiative, "providers")
INITIATIVE_DELIVERY = related_stamp(Initiative, "delivery_modes", ("id", "position", "name"))
INITIATIVE_SOURCES = related_stamp(Initiative, "sources")
VALUE_SOURCES = related_stamp(IndicatorValue, "sources")


def _value_stubs(record):
    """The record's indicator values by their key columns, and what the table shows of their indicator."""
    return record.indicator_values.only("system_id", "version", "updated_at").annotate(
        indicator_name=F("indicator__name"),
        indicator_position=F("indicator__position"),
        sources_stamp=VALUE_SOURCES,
    )


def _entry_stubs(record):
    """The record's entries by their key columns, with what the contents list shows."""
    return record.entries.only(
        "system_id", "section_id", "version", "updated_at", "completeness"
    ).annotate(has_body=ENTRY_HAS_BODY, sources_stamp=ENTRY_SOURCES)


def _policy_stubs(country, user):
    """The policies a profile may list, by their key columns and stamps of what they show."""
    return (
        permissions.visible(Policy.objects.for_country(country), user)
        .only("version", "status", "updated_at")
        .annotate(
            instrument_name=F("instrument_type__name"),
            organisations_stamp=POLICY_ORGANISATIONS,
            stages_stamp=POLICY_STAGES,
            sources_stamp=POLICY_SOURCES,
        )
    )


def _initiative_stubs(country, user):
    """The initiatives a profile may list, by their key columns and stamps of what they show."""
    return (
        permissions.visible(Initiative.objects.for_country(country), user)
        .only("version", "status", "updated_at")
        .annotate(
            type_name=F("initiative_type__name"),
            providers_stamp=INITIATIVE_PROVIDERS,
            delivery_stamp=INITIATIVE_DELIVERY,
            sources_stamp=INITIATIVE_SOURCES,
        )
    )


def _section_identity(section):
    return (section.pk, section.number, section.slug, section.title)


def _first(name, queryset):
    """The first PROFILE_LIST_LIMIT items and whether there are more, in one query (no COUNT)."""
    items = list(queryset[: PROFILE_LIST_LIMIT + 1])
    return {name: items[:PROFILE_LIST_LIMIT], f"more_{name}": len(items) > PROFILE_LIST_LIMIT}


def _of_record(items, record, year):
    """The policies or initiatives a profile lists beside `record`.

    A record of a collection (`/countries/IT/2020/`) is read as it stood then: only what
    existed in that collection's reference period, so a strategy adopted in 2024 is not
    listed beside the 2020 text. The latest profile (`/countries/IT/`) is a researcher's
    view of the country today: what its latest record's period covered, and anything
    started since, so a new strategy shows before the next record is published. Without
    any published record, nothing dates the profile, and everything is listed.
    """
    if record is None:
        return items
    if year is None:
        return items.existing_since(record.collection.year)
    return items.existing_in(record.collection.year)


def _policies(country, user):
    return (
        permissions.visible(Policy.objects.for_country(country), user)
        .select_related("instrument_type")
        .prefetch_related(STAGES_BY_YEAR, "sources", "responsible_organisations")
        .defer(*UNSHOWN_ON_CARDS)
    )


def _initiatives(country, user):
    return (
        permissions.visible(Initiative.objects.for_country(country), user)
        .select_related("initiative_type")
        .prefetch_related("sources", "providers", "delivery_modes")
        .defer(*UNSHOWN_ON_CARDS, "evidence_of_results", "evidence_of_results_html")
    )


def _pick_record(records, year):
    if year is None:
        published = [r for r in records if r.status == PublicationStatus.PUBLISHED]
        return published[0] if published else None
    for record in records:
        if record.collection.year == year:
            return record
    raise Http404("This country has no record in that collection.")


def _record_url(request, record):
    return request.build_absolute_uri(
        reverse("guidance:country-year", args=[record.country.code, record.collection.year])
    )


def record_section(request, code, year, slug):
    """One section of one record: the stable address a citation of that section points to."""
    country = country_or_404(code)
    record = record_or_404(request.user, country, year)
    section = get_object_or_404(Section, slug=slug)
    entry = record.entries.filter(section=section).prefetch_related("sources").first()
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
