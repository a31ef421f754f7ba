"""The whole published inventory as files: a CSV per entity and one JSON document.

Rows are serialised by the API's serializers, so a column here is the field of the same
name in /api/v1/ (documented in its schema). Only published content is included, whoever
asks: these are the public files. Section texts and indicator values, nested in a record
in the API, get files of their own, keyed by the record's country and collection.

While the site holds demo content (guidance/reading/demo.py), every CSV row ends with a
`demo_notice` column saying so, a CSV being often read without its README, and the JSON's
`about` says it once. Both files name the content's licence.

The same datasets write a frozen release (guidance/reading/releases.py) "as of" a
collection: given a `year`, each dataset keeps what a reader of that collection is shown -
each country's latest published record of that collection or before (`as_of`), the
policies and initiatives existing in its reference period (`existing_in`), the collections
up to it. Countries, sections, indicators, organisations and sources carry no year and are
all included, as on the live files.
"""

import json
from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.translation import gettext_lazy as _
from rest_framework.request import Request

from guidance.api import serializers as api
from guidance.api.prefetch import prefetched
from guidance.api.renderers import flat_cell
from guidance.models import (
    Collection,
    Country,
    GuidanceSystem,
    Indicator,
    IndicatorValue,
    PublicationStatus,
    Section,
    SectionEntry,
    Source,
)
from guidance.reading import demo, licences, readable
from guidance.rules import permissions

BATCH = 500
DEMO_COLUMN = "demo_notice"


@dataclass(frozen=True)
class Dataset:
    name: str
    title: object
    serializer: type
    rows: object
    record_columns: bool = False
    skip: tuple = field(default=())

    @property
    def fields(self):
        """The API's fields, as the JSON file lists them."""
        own = [name for name in self.serializer.Meta.fields if name not in self.skip]
        return (["country", "collection"] if self.record_columns else []) + own

    @property
    def columns(self):
        """The CSV's columns: the fields, then the demo notice while the content is a demo."""
        return self.fields + ([DEMO_COLUMN] if demo.is_demo() else [])

    def published_rows(self, year=None):
        """The published rows; as of collection `year` when one is given (None: today)."""
        return self.rows() if year is None else self.rows(year)


def _published(queryset):
    return permissions.visible(queryset, AnonymousUser())


def _published_sources():
    return prefetched("sources", readable.brief_rows(Source, AnonymousUser(), "title", "url"))


def _published_records(year):
    records = _published(GuidanceSystem.objects.all())
    return records if year is None else records.as_of(year)


def _in_published_records(queryset, year):
    if year is None:
        queryset = queryset.filter(system__status=PublicationStatus.PUBLISHED)
    else:
        queryset = queryset.filter(system__in=_published_records(year))
    return queryset.order_by("system__country__code", "system__collection__year", "pk")


def _existing_in(queryset, year):
    return queryset if year is None else queryset.existing_in(year)


def _collections(year=None):
    collections = Collection.objects.order_by("year")
    return collections if year is None else collections.filter(year__lte=year)


DATASETS = (
    Dataset(
        "countries",
        _("Countries"),
        api.CountrySerializer,
        lambda year=None: Country.objects.select_related("parent").order_by("code"),
    ),
    Dataset(
        "collections",
        _("Collections"),
        api.CollectionSerializer,
        _collections,
    ),
    Dataset(
        "sections",
        _("Sections"),
        api.SectionSerializer,
        lambda year=None: Section.objects.order_by("number"),
    ),
    Dataset(
        "indicators",
        _("Indicators"),
        api.IndicatorSerializer,
        lambda year=None: Indicator.objects.select_related("section").order_by("position", "slug"),
    ),
    Dataset(
        "records",
        _("Country records"),
        api.GuidanceSystemSerializer,
        lambda year=None: (
            _published_records(year)
            .select_related("country", "collection", "based_on__collection")
            .order_by("country__code", "collection__year")
        ),
        skip=("entries", "indicator_values"),
    ),
    Dataset(
        "section-texts",
        _("Section texts of the records"),
        api.SectionEntrySerializer,
        lambda year=None: _in_published_records(
            SectionEntry.objects.select_related(
                "section", "system__country", "system__collection"
            ).prefetch_related(_published_sources()),
            year,
        ),
        record_columns=True,
    ),
    Dataset(
        "indicator-values",
        _("Indicator values of the records"),
        api.IndicatorValueSerializer,
        lambda year=None: _in_published_records(
            IndicatorValue.objects.select_related(
                "indicator", "system__country", "system__collection"
            ).prefetch_related(_published_sources()),
            year,
        ),
        record_columns=True,
    ),
    Dataset(
        "policies",
        _("Policies"),
        api.PolicySerializer,
        lambda year=None: _existing_in(readable.policies(AnonymousUser()), year).order_by(
            "country__code", "title", "pk"
        ),
    ),
    Dataset(
        "initiatives",
        _("Initiatives"),
        api.InitiativeSerializer,
        lambda year=None: _existing_in(readable.initiatives(AnonymousUser()), year).order_by(
            "country__code", "title", "pk"
        ),
    ),
    Dataset(
        "organisations",
        _("Organisations"),
        api.OrganisationSerializer,
        lambda year=None: readable.organisations(AnonymousUser()).order_by(
            "country__code", "name", "pk"
        ),
    ),
    Dataset(
        "sources",
        _("Sources"),
        api.SourceSerializer,
        lambda year=None: readable.sources(AnonymousUser()).order_by("pk"),
    ),
)
BY_NAME = {dataset.name: dataset for dataset in DATASETS}


def _batches(queryset):
    """Rows in primary-key batches, so prefetches stay bounded on any size of inventory."""
    ids = list(queryset.values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        by_id = {obj.pk: obj for obj in queryset.filter(pk__in=chunk)}
        yield [by_id[pk] for pk in chunk]


def serialised_rows(dataset, request, year=None):
    """The dataset's rows as dicts of its fields (no demo notice: see csv_rows)."""
    context = {"request": Request(request)}
    for batch in _batches(dataset.published_rows(year)):
        for obj in batch:
            data = dataset.serializer(obj, context=context).data
            if dataset.record_columns:
                data = {
                    "country": obj.system.country.code,
                    "collection": obj.system.collection.year,
                    **data,
                }
            yield {name: data.get(name) for name in dataset.fields}


def csv_rows(dataset, request, year=None):
    """The dataset's rows as CSV cells, in its columns' order."""
    notice = demo.demo_notice()
    for row in serialised_rows(dataset, request, year):
        cells = [flat_cell(row[name]) for name in dataset.fields]
        yield [*cells, notice] if notice else cells


def about_the_files(about):
    """`about` with the content's licence and, while it is a demo, the demo notice."""
    about = {
        **about,
        "content_licence": {
            "name": licences.CONTENT_LICENCE,
            "url": licences.CONTENT_LICENCE_URL,
        },
        "code_licence": {"name": licences.CODE_LICENCE, "url": licences.CODE_LICENCE_URL},
        "rights": licences.rights_statement(),
        "demo_content": demo.is_demo(),
    }
    if demo.is_demo():
        about["demo_notice"] = demo.demo_notice()
    return about


def json_chunks(request, about, year=None):
    """One JSON object: `about`, then a list per dataset, written as it is read."""
    about = about_the_files(about)
    yield "{" + json.dumps("about") + ": " + json.dumps(about, cls=DjangoJSONEncoder)
    for dataset in DATASETS:
        yield ", " + json.dumps(dataset.name) + ": ["
        for index, row in enumerate(serialised_rows(dataset, request, year)):
            yield ("" if index == 0 else ", ") + json.dumps(row, cls=DjangoJSONEncoder)
        yield "]"
    yield "}\n"
