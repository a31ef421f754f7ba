"""django-filter FilterSets shared by the REST API and the browse pages.

One FilterSet per model (`Policy` → `PolicyFilterSet`), so a query string means the
same thing on /policies/ and on /api/v1/policies/. They are plain FilterSets taking a
QueryDict: a page view calls `validate_params(PolicyFilterSet, request.GET, queryset)`
(guidance/query/validation.py) and gets either the filtered queryset or a message per
parameter. The filters they are built from are in guidance/query/filters.py.

Conventions every filter follows:

- several values are given comma-separated or repeated (`country=IT,DE` is
  `country=IT&country=DE`) and are ORed;
- codes, slugs and years match exactly; `search=` matches words (PostgreSQL full-text
  search, `icontains` on SQLite);
- a value that names nothing (`country=XX`) is an error, not an empty result;
- a parameter that is not a filter is an error naming it (`unknown_params`), so a
  misspelt filter never silently returns every row.
"""

import django_filters as filters
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy

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
from guidance.query.filters import (
    ChangedSinceFilter,
    SeveralChoicesFilter,
    SeveralModelsFilter,
    WholeNumberFilter,
    YearChoiceFilter,
    year_filter,
)
from guidance.query.search import search_content

BOOLEAN_CHOICES = [("true", "true"), ("false", "false")]


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
