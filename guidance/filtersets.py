"""django-filter FilterSets shared by the REST API and the browse pages.

One FilterSet per model (`Policy` → `PolicyFilterSet`), so a query string means the
same thing on /policies/ and on /api/v1/policies/. They are plain FilterSets taking a
QueryDict: a page view calls `validate_params(PolicyFilterSet, request.GET, queryset)`
and gets either the filtered queryset or a message per parameter.

Conventions every filter follows:

- several values are given comma-separated or repeated (`country=IT,DE` is
  `country=IT&country=DE`) and are ORed;
- codes, slugs and years match exactly; `search=` matches words (PostgreSQL full-text
  search, `icontains` on SQLite);
- a value that names nothing (`country=XX`) is an error, not an empty result;
- a parameter that is not a filter is an error naming it (`unknown_params`), so a
  misspelt filter never silently returns every row.
"""

from datetime import UTC

import django_filters as filters
from django import forms
from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_filters.fields import IsoDateTimeField

from guidance.models import (
    Collection,
    Country,
    CountryGroup,
    GuidanceSystem,
    Initiative,
    InitiativeType,
    InstrumentType,
    Organisation,
    OrganisationType,
    Policy,
    PolicyStage,
    PolicyStageYear,
    Section,
    SectionEntry,
    SectionGroup,
    Sector,
    Source,
    TargetGroup,
)
from guidance.models.common import FIRST_YEAR, LAST_YEAR
from guidance.params import WholeNumberField, YearChoiceField

# Parameters the API and the pages understand besides the filters themselves.
STANDARD_PARAMS = frozenset({"page", "page_size", "format", "fields"})
# The HTML pages that list filtered rows take only a page number besides the filters.
PAGE_PARAMS = frozenset({"page"})
BOOLEAN_CHOICES = [("true", "true"), ("false", "false")]


def split_values(params, name):
    """All values of a parameter, whether repeated or comma-separated, without blanks."""
    values = []
    for raw in params.getlist(name) if hasattr(params, "getlist") else [params.get(name, "")]:
        values.extend(part.strip() for part in str(raw).split(","))
    return [value for value in values if value]


class SeveralValuesWidget(forms.SelectMultiple):
    """Reads `name=a,b` and `name=a&name=b` alike."""

    def value_from_datadict(self, data, files, name):
        return split_values(data, name)

    def value_omitted_from_data(self, data, files, name):
        return name not in data


class SeveralModelsFilter(filters.ModelMultipleChoiceFilter):
    """Several rows named by a code, slug or year; ORed; an unknown name is an error."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", SeveralValuesWidget)
        kwargs.setdefault("distinct", True)
        super().__init__(*args, **kwargs)

    def get_filter_predicate(self, v):
        """Match the row itself: `to_field_name` only names it in the query string."""
        return {self.field_name: v}


class SeveralChoicesFilter(filters.MultipleChoiceFilter):
    """Several values out of a fixed list of choices; ORed; anything else is an error."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", SeveralValuesWidget)
        super().__init__(*args, **kwargs)


def search_content(queryset, fields, words):
    """Rows matching `words`: full-text search on PostgreSQL, every word icontains elsewhere.

    On PostgreSQL a model with a stored `search_vector` (kept by a trigger over the same
    fields, GIN-indexed; migration 0003) is matched on it; others build the vector per row.
    """
    if connection.vendor == "postgresql":
        query = SearchQuery(words, search_type="websearch", config="english")
        if has_stored_vector(queryset.model):
            return queryset.filter(search_vector=query)
        vector = SearchVector(*fields, config="english")
        return queryset.annotate(matched_vector=vector).filter(matched_vector=query)
    for word in words.split():
        matches = Q()
        for name in fields:
            matches |= Q(**{f"{name}__icontains": word})
        queryset = queryset.filter(matches)
    return queryset


def has_stored_vector(model):
    return any(field.name == "search_vector" for field in model._meta.concrete_fields)


class UtcDateTimeField(IsoDateTimeField):
    """An ISO 8601 date or time, turned to UTC: PostgreSQL refuses offsets beyond ±15:59."""

    def to_python(self, value):
        value = super().to_python(value)
        if value is None:
            return None
        try:
            return value.astimezone(UTC)
        except OverflowError as error:
            raise forms.ValidationError(_("This time is out of range.")) from error


class ChangedSinceFilter(filters.IsoDateTimeFilter):
    field_class = UtcDateTimeField


class WholeNumberFilter(filters.NumberFilter):
    field_class = WholeNumberField


class YearChoiceFilter(filters.ModelChoiceFilter):
    field_class = YearChoiceField


class InventoryFilterSet(filters.FilterSet):
    """Base: the `search` words look in `search_fields`."""

    search_fields = ()
    search = filters.CharFilter(
        method="filter_search",
        max_length=200,
        help_text=gettext_lazy(
            "Words to look for (PostgreSQL full-text search; word contains on SQLite)."
        ),
    )

    def filter_search(self, queryset, name, value):
        if not value.strip():
            return queryset
        return search_content(queryset, self.search_fields, value)


def year_filter(field_name, lookup_expr, text):
    return WholeNumberFilter(
        field_name=field_name,
        lookup_expr=lookup_expr,
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        help_text=text,
    )


class CountryBoundFilterSet(InventoryFilterSet):
    """Base for content that belongs to a country."""

    country = SeveralModelsFilter(
        field_name="country",
        to_field_name="code",
        queryset=Country.objects.all(),
        help_text=gettext_lazy("Country codes, exact: IT,DE."),
    )
    country_group = SeveralChoicesFilter(
        field_name="country__group",
        choices=CountryGroup.choices,
        help_text=gettext_lazy("Country groups, exact: eu,eea_efta,candidate."),
    )
    updated_since = ChangedSinceFilter(
        field_name="updated_at",
        lookup_expr="gte",
        help_text=gettext_lazy("Changed at or after this date or ISO 8601 time."),
    )


class CountryContentFilterSet(CountryBoundFilterSet):
    """Base for policies and initiatives, classified alike."""

    search_fields = ("title", "original_title", "summary")
    section = SeveralModelsFilter(
        field_name="sections",
        to_field_name="slug",
        queryset=Section.objects.all(),
        help_text=gettext_lazy("Section slugs, exact."),
    )
    target_group = SeveralModelsFilter(
        field_name="target_groups",
        to_field_name="code",
        queryset=TargetGroup.objects.all(),
        help_text=gettext_lazy("Target group codes, exact."),
    )
    sector = SeveralModelsFilter(
        field_name="sectors",
        to_field_name="code",
        queryset=Sector.objects.all(),
        help_text=gettext_lazy("Sector codes, exact."),
    )
    start_year_min = year_filter("start_year", "gte", gettext_lazy("Started in or after."))
    start_year_max = year_filter("start_year", "lte", gettext_lazy("Started in or before."))
    end_year_min = year_filter("end_year", "gte", gettext_lazy("Ended in or after."))
    end_year_max = year_filter("end_year", "lte", gettext_lazy("Ended in or before."))


class PolicyFilterSet(CountryContentFilterSet):
    instrument_type = SeveralModelsFilter(
        field_name="instrument_type",
        to_field_name="code",
        queryset=InstrumentType.objects.all(),
        help_text=gettext_lazy("Instrument type codes, exact."),
    )
    stage = SeveralChoicesFilter(
        choices=PolicyStage.choices,
        method="filter_stage",
        help_text=gettext_lazy(
            "Stages, exact; in the year `stage_year` if given, else in any year."
        ),
    )
    stage_year = WholeNumberFilter(
        method="filter_nothing",
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        help_text=gettext_lazy("With `stage`: the year the policy was at that stage."),
    )
    ordering = filters.OrderingFilter(
        fields=(
            ("title", "title"),
            ("country__code", "country"),
            ("start_year", "start_year"),
            ("end_year", "end_year"),
            ("updated_at", "updated_at"),
        ),
    )

    class Meta:
        model = Policy
        fields = []

    def filter_nothing(self, queryset, name, value):
        return queryset

    def filter_stage(self, queryset, name, value):
        if not value:
            return queryset
        stages = PolicyStageYear.objects.filter(policy=OuterRef("pk"), stage__in=value)
        year = self.form.cleaned_data.get("stage_year")
        if year is not None:
            stages = stages.filter(year=year)
        return queryset.filter(Exists(stages))


class InitiativeFilterSet(CountryContentFilterSet):
    initiative_type = SeveralModelsFilter(
        field_name="initiative_type",
        to_field_name="code",
        queryset=InitiativeType.objects.all(),
        help_text=gettext_lazy("Initiative type codes, exact."),
    )
    good_practice = filters.ChoiceFilter(
        choices=BOOLEAN_CHOICES,
        method="filter_good_practice",
        help_text=gettext_lazy("true: only good practices; false: only the others."),
    )
    ordering = filters.OrderingFilter(
        fields=(
            ("title", "title"),
            ("country__code", "country"),
            ("start_year", "start_year"),
            ("end_year", "end_year"),
            ("updated_at", "updated_at"),
        ),
    )

    class Meta:
        model = Initiative
        fields = []

    def filter_good_practice(self, queryset, name, value):
        return queryset.filter(is_good_practice=value == "true")


class GuidanceSystemFilterSet(CountryBoundFilterSet):
    """Records "as of" a collection: each country's latest record in it or before.

    Without `collection`, the latest published collection is meant, as on the pages.
    """

    search_fields = ("summary",)
    collection = YearChoiceFilter(
        to_field_name="year",
        queryset=Collection.objects.all(),
        method="filter_nothing",
        help_text=gettext_lazy(
            "Collection year, exact: each country's latest record in it or before "
            "(default: the latest published collection)."
        ),
    )
    ordering = filters.OrderingFilter(
        fields=(("country__code", "country"), ("collection__year", "collection")),
    )

    class Meta:
        model = GuidanceSystem
        fields = []

    def filter_nothing(self, queryset, name, value):
        return queryset

    def filter_search(self, queryset, name, value):
        """Records whose summary or any section text matches."""
        if not value.strip():
            return queryset
        summaries = search_content(GuidanceSystem.objects.all(), self.search_fields, value)
        entries = search_content(SectionEntry.objects.all(), ("body",), value)
        return queryset.filter(
            Q(pk__in=summaries.values("pk")) | Q(pk__in=entries.values("system_id"))
        )

    def filter_queryset(self, queryset):
        chosen = self.form.cleaned_data.get("collection")
        year = chosen.year if chosen else Collection.objects.default_year()
        if year is None:
            return queryset.none()
        return super().filter_queryset(queryset.as_of(year))


class OrganisationFilterSet(CountryBoundFilterSet):
    search_fields = ("name", "original_name", "acronym", "description")
    type = SeveralModelsFilter(
        field_name="type",
        to_field_name="code",
        queryset=OrganisationType.objects.all(),
        help_text=gettext_lazy("Organisation type codes, exact."),
    )
    ordering = filters.OrderingFilter(fields=(("name", "name"), ("country__code", "country")))

    class Meta:
        model = Organisation
        fields = []


class SourceFilterSet(CountryBoundFilterSet):
    search_fields = ("title", "publisher")
    year_min = year_filter("year", "gte", gettext_lazy("Published in or after."))
    year_max = year_filter("year", "lte", gettext_lazy("Published in or before."))
    ordering = filters.OrderingFilter(fields=(("title", "title"), ("year", "year")))

    class Meta:
        model = Source
        fields = []


class CountryFilterSet(InventoryFilterSet):
    search_fields = ("name", "code")
    group = SeveralChoicesFilter(
        field_name="group",
        choices=CountryGroup.choices,
        help_text=gettext_lazy("Country groups, exact."),
    )
    ordering = filters.OrderingFilter(fields=(("code", "code"), ("name", "name")))

    class Meta:
        model = Country
        fields = []


class SectionFilterSet(InventoryFilterSet):
    search_fields = ("title", "description")
    group = SeveralChoicesFilter(
        field_name="group", choices=SectionGroup.choices, help_text=gettext_lazy("Section groups.")
    )

    class Meta:
        model = Section
        fields = []


def unknown_params(params, known):
    """An error per parameter whose name is not in `known`."""
    known = set(known)
    return {
        name: [_("Unknown parameter “%(name)s”.") % {"name": name[:50]}]
        for name in params
        if name not in known
    }


def repeated_params(params, several=()):
    """An error per parameter given twice that takes only one value (`page=1&page=2`)."""
    if not hasattr(params, "getlist"):
        return {}
    return {
        name: [_("Give this parameter once.")]
        for name in params
        if name not in several and len(params.getlist(name)) > 1
    }


def several_valued(filterset_class):
    """The names of the filters of `filterset_class` that take several values."""
    return {
        name
        for name, found in filterset_class.base_filters.items()
        if isinstance(found, SeveralModelsFilter | SeveralChoicesFilter)
    }


def blank_params(params):
    """An error per parameter given without a value (`?country=`); the API refuses them.

    The browse pages' forms send empty fields, so `validate_params` ignores blanks; an
    API client that sends one has most likely lost a value on the way.
    """
    return {
        name: [_("Give a value, or leave the parameter out.")]
        for name in params
        if not split_values(params, name)
    }


def validate_params(filterset_class, params, queryset, *, request=None, allowed=STANDARD_PARAMS):
    """Filter `queryset` by `params`, or say what is wrong with them.

    Returns (filterset, errors): `errors` maps each bad parameter to its messages and is
    empty when the filterset's `.qs` can be used. Pages show the messages; the API
    answers 400 with them.
    """
    errors = unknown_params(params, set(filterset_class.base_filters) | set(allowed))
    errors.update(repeated_params(params, several_valued(filterset_class)))
    filterset = filterset_class(params, queryset=queryset, request=request)
    if not filterset.is_valid():
        for name, messages in filterset.errors.items():
            errors.setdefault(name, []).extend(messages)
    return filterset, errors
