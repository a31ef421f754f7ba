"""The experts' and editors' editing interface.

Every country-bound admin inherits CountryScopedAdmin, which asks
guidance/permissions.py what the user may see and change; no admin class
filters by country on its own.
"""

from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect
from django.db import models
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from guidance import permissions
from guidance.models import (
    Collection,
    Completeness,
    Country,
    DeliveryMode,
    GuidanceSystem,
    Indicator,
    IndicatorValue,
    Initiative,
    InitiativeType,
    InstrumentType,
    Organisation,
    OrganisationType,
    Policy,
    PolicyStageYear,
    PublicationStatus,
    Section,
    SectionEntry,
    Sector,
    Source,
    TargetGroup,
)

admin.site.site_header = _("Lifelong Guidance Inventory: editing")
admin.site.site_title = _("Lifelong Guidance Inventory")
admin.site.index_title = _("Records, policies and initiatives")


COUNTRY_BOUND = (GuidanceSystem, Policy, Initiative, Organisation)


class NamedAutocompleteSelect(AutocompleteSelect):
    """Django's autocomplete box with a placeholder.

    select2 names its box by the text shown in it; Django leaves an empty box blank,
    which gives the box no accessible name (WCAG 4.1.2, found by axe on add pages).
    """

    def build_attrs(self, base_attrs, extra_attrs=None):
        attrs = super().build_attrs(base_attrs, extra_attrs)
        attrs["data-placeholder"] = _("Type to search")
        return attrs


class NamedAutocompleteMixin:
    """Use NamedAutocompleteSelect for every single-choice autocomplete field."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = NamedAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class InventoryAdmin(NamedAutocompleteMixin, SimpleHistoryAdmin):
    """History on every page; links typed without a scheme are taken as https."""

    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


class CountryScopedAdmin(InventoryAdmin):
    """Limits lists, forms and object access to the countries the user may edit."""

    country_field = "country"

    def get_queryset(self, request):
        return permissions.editable(super().get_queryset(request), request.user, self.country_field)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        self._limit_choices(db_field, request, kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        self._limit_choices(db_field, request, kwargs)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "status" and not permissions.can_publish(request.user):
            kwargs["choices"] = [
                (value, label)
                for value, label in db_field.choices
                if value != PublicationStatus.PUBLISHED
            ]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        status = form.base_fields.get("status")
        if (
            status
            and obj is not None
            and obj.is_published
            and not permissions.can_publish(request.user)
        ):
            status.help_text = _(
                "Published now. If you save changes, it goes back to draft or review and "
                "leaves the public site until an editor publishes it again."
            )
        return form

    def _limit_choices(self, db_field, request, kwargs):
        """Offer (and accept on POST) only objects of countries the user may edit."""
        related = db_field.related_model
        if related is Country:
            kwargs["queryset"] = permissions.editable_countries(request.user)
        elif related in COUNTRY_BOUND:
            kwargs["queryset"] = permissions.editable(related.objects.all(), request.user)

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or self._owns(request, obj))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or self._owns(request, obj))

    def _owns(self, request, obj):
        country = obj
        for part in self.country_field.split("__"):
            country = getattr(country, part)
        return permissions.can_edit_country(request.user, country)


class SectionEntryInline(NamedAutocompleteMixin, admin.StackedInline):
    model = SectionEntry
    extra = 0
    fields = ["section", "completeness", "body", "sources"]
    autocomplete_fields = ["section", "sources"]
    ordering = ["section__number"]


# Stacked, not tabular: Django's tabular inlines render inputs without labels (axe, WCAG 1.3.1).
class IndicatorValueInline(NamedAutocompleteMixin, admin.StackedInline):
    model = IndicatorValue
    extra = 0
    fields = [("indicator", "answer", "since_year"), "note", "sources"]
    autocomplete_fields = ["indicator", "sources"]
    ordering = ["indicator__position"]


@admin.register(GuidanceSystem)
class GuidanceSystemAdmin(CountryScopedAdmin):
    list_display = ["country", "collection", "status", "complete_sections", "updated_at"]
    list_filter = ["status", "collection", "country__group"]
    search_fields = ["country__name", "country__code", "summary"]
    list_select_related = ["country", "collection"]
    autocomplete_fields = ["country", "collection", "based_on"]
    readonly_fields = ["created_at", "updated_at", "updated_by", "published_at"]
    date_hierarchy = "updated_at"
    inlines = [SectionEntryInline, IndicatorValueInline]
    fieldsets = [
        (None, {"fields": ["country", "collection", "status", "based_on"]}),
        (
            _("About this record"),
            {"fields": ["summary", "reference_period", "contributors", "acknowledgements"]},
        ),
        (_("Timestamps"), {"fields": ["published_at", "created_at", "updated_at", "updated_by"]}),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                complete=Count("entries", filter=Q(entries__completeness=Completeness.COMPLETE))
            )
        )

    @admin.display(description=_("complete sections"), ordering="complete")
    def complete_sections(self, obj):
        return obj.complete

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(SectionEntry)
class SectionEntryAdmin(CountryScopedAdmin):
    country_field = "system__country"
    list_display = ["system", "section", "completeness", "updated_at"]
    list_filter = ["completeness", "section", "system__collection"]
    search_fields = ["body", "system__country__name", "section__title"]
    list_select_related = ["system__country", "system__collection", "section"]
    autocomplete_fields = ["system", "section", "sources"]


@admin.register(IndicatorValue)
class IndicatorValueAdmin(CountryScopedAdmin):
    country_field = "system__country"
    list_display = ["system", "indicator", "answer", "since_year"]
    list_filter = ["answer", "indicator", "system__collection"]
    search_fields = ["note", "system__country__name", "indicator__name"]
    list_select_related = ["system__country", "system__collection", "indicator"]
    autocomplete_fields = ["system", "indicator", "sources"]


class PolicyStageInline(admin.StackedInline):
    model = PolicyStageYear
    extra = 1
    fields = [("year", "stage")]
    ordering = ["year"]


@admin.register(Policy)
class PolicyAdmin(CountryScopedAdmin):
    list_display = ["title", "country", "instrument_type", "start_year", "end_year", "status"]
    list_filter = ["status", "instrument_type", "country__group", "sections", "target_groups"]
    search_fields = ["title", "original_title", "summary", "country__name"]
    list_select_related = ["country", "instrument_type"]
    autocomplete_fields = [
        "country",
        "instrument_type",
        "sections",
        "target_groups",
        "sectors",
        "responsible_organisations",
        "sources",
    ]
    readonly_fields = ["published_at", "created_at", "updated_at"]
    inlines = [PolicyStageInline]


@admin.register(PolicyStageYear)
class PolicyStageYearAdmin(CountryScopedAdmin):
    country_field = "policy__country"
    list_display = ["policy", "year", "stage"]
    list_filter = ["stage", "year"]
    search_fields = ["policy__title"]
    list_select_related = ["policy__country"]
    autocomplete_fields = ["policy"]


@admin.register(Initiative)
class InitiativeAdmin(CountryScopedAdmin):
    list_display = [
        "title",
        "country",
        "initiative_type",
        "start_year",
        "is_good_practice",
        "status",
    ]
    list_filter = [
        "status",
        "initiative_type",
        "is_good_practice",
        "country__group",
        "delivery_modes",
    ]
    search_fields = ["title", "original_title", "summary", "country__name"]
    list_select_related = ["country", "initiative_type"]
    autocomplete_fields = [
        "country",
        "initiative_type",
        "delivery_modes",
        "providers",
        "related_policies",
        "sections",
        "target_groups",
        "sectors",
        "sources",
    ]
    readonly_fields = ["published_at", "created_at", "updated_at"]


@admin.register(Organisation)
class OrganisationAdmin(CountryScopedAdmin):
    list_display = ["name", "acronym", "country", "type"]
    list_filter = ["type", "country__group"]
    search_fields = ["name", "original_name", "acronym"]
    list_select_related = ["country", "type"]
    autocomplete_fields = ["country", "type"]


@admin.register(Source)
class SourceAdmin(InventoryAdmin):
    """Sources are shared: anyone who edits content may cite any source (docs/decisions.md)."""

    list_display = ["title", "publisher", "year", "country", "url"]
    list_filter = ["country", "year"]
    search_fields = ["title", "publisher", "url"]
    list_select_related = ["country"]
    autocomplete_fields = ["country"]


@admin.register(Country)
class CountryAdmin(InventoryAdmin):
    list_display = ["name", "code", "group", "parent"]
    list_filter = ["group"]
    search_fields = ["name", "code"]
    list_select_related = ["parent"]
    autocomplete_fields = ["parent"]
    filter_horizontal = ["experts"]


@admin.register(Collection)
class CollectionAdmin(InventoryAdmin):
    list_display = ["year", "title", "status", "published_on"]
    list_filter = ["status"]
    search_fields = ["title", "year"]


@admin.register(Section)
class SectionAdmin(InventoryAdmin):
    list_display = ["number", "title", "slug", "group"]
    list_filter = ["group"]
    search_fields = ["title", "slug", "description"]
    prepopulated_fields = {"slug": ["title"]}


@admin.register(Indicator)
class IndicatorAdmin(InventoryAdmin):
    list_display = ["position", "name", "slug", "section"]
    list_display_links = ["name"]
    search_fields = ["name", "slug", "question"]
    list_select_related = ["section"]
    autocomplete_fields = ["section"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(TargetGroup, Sector, DeliveryMode, OrganisationType, InstrumentType, InitiativeType)
class VocabularyAdmin(InventoryAdmin):
    list_display = ["position", "name", "code"]
    list_display_links = ["name"]
    search_fields = ["name", "code"]
    prepopulated_fields = {"code": ["name"]}
