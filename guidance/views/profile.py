"""A country's profile: its record, policies and initiatives, cached in two layers.

The sections, the cards and the indicators table are parts (guidance/views/fragments.py),
named by narrow queries of their rows' key columns (`_entry_stubs`, `_value_stubs`,
`CardList.stubs`); a row is loaded in full only when its part is missing from the cache.

The body of the page (templates/guidance/fragments/profile_body.html, all of its main
content) is cached as well, keyed on the keys of its parts and on everything else it
shows (`_body_identity`): the record and the collections the reader may open, the
organisations, subdivisions and citation, and the reader, so an expert's view of drafts
is never anyone else's. A profile nothing shown has changed in since it was last
assembled is then one read; a change to one part re-assembles the body from the parts,
the others still cached. The body is rendered without the request, so nothing
per-request (a CSRF token, messages, the signed-in user) can be cached in it: that
belongs in the frame around it (templates/guidance/country.html, base.html), rendered on
every request.
"""

from dataclasses import dataclass

from django.db.models import BooleanField, F, Prefetch
from django.db.models.expressions import RawSQL
from django.http import Http404
from django.shortcuts import render
from django.urls import get_script_prefix, reverse
from django.utils import timezone

from guidance.models import (
    IndicatorValue,
    Initiative,
    Policy,
    PolicyStageYear,
    PublicationStatus,
    Section,
    SectionEntry,
)
from guidance.query.stamps import child_stamp, related_stamp
from guidance.reading import policy_timeline, readable
from guidance.reading.citations import citation_metadata
from guidance.rules import permissions
from guidance.views.common import country_or_404
from guidance.views.entry_parts import ENTRY_SOURCES
from guidance.views.fragments import FragmentBatch, row

BODY_TEMPLATE = "guidance/fragments/profile_body.html"
# A profile lists this many policies and as many initiatives; at scale a country has
# hundreds, which made a 2.4 MB page (make bench). Real countries have far fewer.
PROFILE_LIST_LIMIT = 50
# A policy's stages in year order; the model's default ordering (by policy) joined every
# policy and country just to sort, a 34 ms sequential scan at scale (make bench, EXPLAIN).
STAGES_BY_YEAR = Prefetch("stages", queryset=PolicyStageYear.objects.order_by("year"))
# What a profile's cards never show: their Markdown (the stored HTML is shown) and the
# search vector, the widest columns of the two largest lists (make bench).
UNSHOWN_ON_CARDS = ("summary", "search_vector")

# Stamps of what the parts show besides their own row (guidance/views/fragments.py).
ENTRY_HAS_BODY = RawSQL('"guidance_sectionentry"."body" <> \'\'', (), BooleanField())
VALUE_SOURCES = related_stamp(IndicatorValue, "sources")


@dataclass(frozen=True)
class CardList:
    """A profile's list of policies or of initiatives, one card per row.

    `stubs` names the cards by their rows' key columns, the name of their type and
    `stamps` of the rows they link to; `cards` loads in full, with `prefetch`, only the
    rows whose card is missing from the cache.
    """

    model: type
    name: str
    type_field: str
    stamps: dict
    prefetch: tuple
    unshown: tuple = ()

    def stubs(self, country, user):
        """By title: the model's order (by country name, then title) for one country,
        without joining the country; the index `<model>_country_title` serves it."""
        return (
            permissions.visible(self.model.objects.for_country(country), user)
            .only("title", "version", "status", "updated_at")
            .annotate(type_name=F(f"{self.type_field}__name"), **self.stamps)
            .order_by("title", "id")
        )

    def cards(self, batch, stubs, country, user):
        load = _loader(lambda: self._rows(country, user))
        return [
            batch.add_loaded(
                f"guidance/fragments/{self.name}_card.html",
                stub,
                (
                    row(stub),
                    stub.type_name,
                    *(getattr(stub, stamp) for stamp in self.stamps),
                    str(country.iso_country),
                ),
                load,
                lambda full: {self.name: full, "country": country},
            )
            for stub in stubs
        ]

    def _prefetches(self, user):
        for relation in self.prefetch:
            if isinstance(relation, str):
                yield readable.linked_rows(user, self.model, relation)
            else:
                yield relation

    def _rows(self, country, user):
        return (
            permissions.visible(self.model.objects.for_country(country), user)
            .select_related(self.type_field)
            .prefetch_related(*self._prefetches(user))
            .defer(*UNSHOWN_ON_CARDS, *self.unshown)
        )


POLICIES = CardList(
    Policy,
    "policy",
    "instrument_type",
    {
        "organisations_stamp": related_stamp(Policy, "responsible_organisations"),
        "stages_stamp": child_stamp(
            Policy, PolicyStageYear, "policy_id", ("year", "stage"), "year"
        ),
        "sources_stamp": related_stamp(Policy, "sources"),
    },
    (STAGES_BY_YEAR, "sources", "responsible_organisations"),
)
INITIATIVES = CardList(
    Initiative,
    "initiative",
    "initiative_type",
    {
        "providers_stamp": related_stamp(Initiative, "providers"),
        "delivery_stamp": related_stamp(Initiative, "delivery_modes", ("id", "position", "name")),
        "sources_stamp": related_stamp(Initiative, "sources"),
    },
    ("sources", "providers", "delivery_modes"),
    ("evidence_of_results", "evidence_of_results_html"),
)


def country_profile(request, code, year=None):
    """A country's record (the latest published, or that of collection `year`), policies
    and initiatives."""
    country = country_or_404(code)
    user = request.user
    records = (  # through `country.systems`, each record's country is `country`, not joined
        permissions.visible(country.systems.all(), user)
        .select_related("collection", "based_on__collection")
        .order_by("-collection__year")
    )
    record = _pick_record(records, year)
    entries = {}
    values = []
    citation = None
    if record is not None:
        entries = {entry.section_id: entry for entry in _entry_stubs(record)}
        values = list(_value_stubs(record))
        citation = citation_metadata(record, _record_url(request, record), timezone.localdate())
    context = {
        "country": country,
        "record": record,
        "records": records,
        "sections": [(section, entries.get(section.pk)) for section in Section.objects.all()],
        "indicator_values": values,
        **_first("policies", _of_record(POLICIES.stubs(country, user), record, year)),
        **_first("initiatives", _of_record(INITIATIVES.stubs(country, user), record, year)),
        "list_limit": PROFILE_LIST_LIMIT,
        "subdivisions": list(country.subdivisions.all()),
        "organisations": list(
            permissions.visible(country.organisations.order_by("name"), user).select_related("type")
        ),
        "citation": citation,
    }
    batch = FragmentBatch(user)
    _add_parts(batch, context, user)
    body = batch.assemble(BODY_TEMPLATE, context, _body_identity(context, user))
    return render(
        request, "guidance/country.html", {"country": country, "record": record, "body": body}
    )


def _body_identity(context, user):
    """Everything the body shows besides its parts, and whom it was assembled for."""
    country, record, citation = context["country"], context["record"], context["citation"]
    parent = country.parent
    return (
        ("user", user.pk) if user.is_authenticated else "public",
        get_script_prefix(),
        (country.pk, country.code, country.name, parent and (parent.code, parent.name)),
        tuple((part.code, part.name) for part in context["subdivisions"]),
        record and _record_identity(record),
        tuple((other.pk, other.collection.year) for other in context["records"]),
        context["more_policies"],
        context["more_initiatives"],
        PROFILE_LIST_LIMIT,
        tuple(
            (row(organisation), organisation.name, organisation.acronym, str(organisation.type))
            for organisation in context["organisations"]
        ),
        citation and (citation.as_text(), citation.url),
    )


def _record_identity(record):
    """The record as its card shows it, with what it shows of other rows."""
    based_on = record.based_on
    return (
        row(record),
        record.collection.year,
        record.reference_period_display,
        record.is_demo,
        based_on and based_on.collection.year,
    )


def _add_parts(batch, context, user):
    """The profile's sections and cards, pre-rendered per version (guidance/views/fragments.py)."""
    country, record = context["country"], context["record"]
    year = str(record.collection.year) if record else ""
    load_entries = _loader(
        lambda: record.entries.prefetch_related(readable.linked_rows(user, SectionEntry, "sources"))
    )
    if record:
        context["contents"] = batch.add(
            "guidance/fragments/profile_contents.html",
            _contents(context["sections"]),
            tuple(
                (_section_identity(section), _contents_line(entry))
                for section, entry in context["sections"]
            ),
        )
    context["indicator_rows"] = _indicator_rows(batch, record, context["indicator_values"], user)
    context["section_blocks"] = [
        _section_block(batch, load_entries, section, entry, country, year)
        for section, entry in (context["sections"] if record else [])
    ]
    context["policy_timeline"] = _policy_timeline(batch, context["policies"], country)
    context["policy_cards"] = POLICIES.cards(batch, context["policies"], country, user)
    context["initiative_cards"] = INITIATIVES.cards(batch, context["initiatives"], country, user)


def _policy_timeline(batch, stubs, country):
    """The listed policies that are published, as a timeline of their stages: one part.

    Only published policies, whoever reads: the timeline is the public's picture (an
    expert's drafts are still listed as cards below it). Keyed on the stubs' saved state
    and stage stamps, so a saved policy or stage is a new key; their stage years are
    read (one query) only when the part is missing. No part, and no query, when no listed
    published policy has a stage year.
    """
    shown = [stub for stub in stubs if stub.status == PublicationStatus.PUBLISHED]
    if not any(stub.stages_stamp for stub in shown):
        return ""

    def context():
        stages = {}
        for stage in PolicyStageYear.objects.filter(policy_id__in=[s.pk for s in shown]).only(
            "policy", "year", "stage"
        ):
            stages.setdefault(stage.policy_id, []).append(stage)
        timeline = policy_timeline.build((stub, stages.get(stub.pk, ())) for stub in shown)
        return {"timeline": timeline, "country": country}

    return batch.add_lazy(
        "guidance/fragments/policy_timeline.html",
        (
            country.code,
            country.name,
            tuple((row(stub), stub.title, stub.stages_stamp) for stub in shown),
        ),
        context,
    )


def _contents(sections):
    """The table of contents' sections: those the record reports, each a link, and the
    others, named in one line."""
    reported = [(section, entry) for section, entry in sections if entry and entry.has_body]
    unreported = [section for section, entry in sections if not (entry and entry.has_body)]
    return {"reported": reported, "unreported": unreported}


def _contents_line(entry):
    """What the contents list shows of an entry."""
    return entry and (entry.pk, entry.completeness, entry.has_body)


def _indicator_rows(batch, record, values, user):
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
            ).prefetch_related(readable.linked_rows(user, IndicatorValue, "sources"))
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


def _value_stubs(record):
    """The record's indicator values by their key columns, in the table's order, with what
    the table shows of their indicator."""
    return (
        record.indicator_values.only("system_id", "version", "updated_at")
        .annotate(
            indicator_name=F("indicator__name"),
            indicator_position=F("indicator__position"),
            sources_stamp=VALUE_SOURCES,
        )
        .order_by("indicator__position", "id")
    )


def _entry_stubs(record):
    """The record's entries by their key columns, with what the contents list shows.

    Unordered: they are looked up by section. (The model's order joins the record, its
    country and collection, and the sections, to sort one record's entries.)
    """
    return (
        record.entries.only("system_id", "section_id", "version", "updated_at", "completeness")
        .annotate(has_body=ENTRY_HAS_BODY, sources_stamp=ENTRY_SOURCES)
        .order_by()
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
