"""Policies, initiatives, the organisations behind them, and the sources everything cites."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from guidance import permissions
from guidance.admin.base import CountryScopedAdmin, InventoryAdmin, ScopedInline
from guidance.admin.workflow import WorkflowAdminMixin
from guidance.models import Initiative, Organisation, Policy, PolicyStageYear, Source

CONTENT_REVIEW_FIELDSET = (
    _("Review"),
    {"fields": ["status", "review_comment", "published_at", "reviewed_by"]},
)


class PolicyStageInline(ScopedInline):
    model = PolicyStageYear
    extra = 1
    fields = [("year", "stage")]
    ordering = ["year"]


@admin.register(Policy)
class PolicyAdmin(WorkflowAdminMixin, CountryScopedAdmin):
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
    markdown_fields = ["summary"]
    readonly_fields = ["created_at", "updated_at"]
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
class InitiativeAdmin(WorkflowAdminMixin, CountryScopedAdmin):
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
    markdown_fields = ["summary"]
    readonly_fields = ["created_at", "updated_at"]


@admin.register(Organisation)
class OrganisationAdmin(CountryScopedAdmin):
    list_display = ["name", "acronym", "country", "type"]
    list_filter = ["type", "country__group"]
    search_fields = ["name", "original_name", "acronym"]
    list_select_related = ["country", "type"]
    autocomplete_fields = ["country", "type"]


@admin.register(Source)
class SourceAdmin(InventoryAdmin):
    """Sources are shared: every expert may find and cite any source (docs/decisions.md).

    Changing a source changes every text that cites it, so experts change only the
    sources of their own countries; sources of other countries, and those not tied to
    a country, are read-only for them. A source an expert adds belongs to one of their
    countries.
    """

    list_display = ["title", "publisher", "year", "country", "url"]
    list_filter = ["country", "year"]
    search_fields = ["title", "publisher", "url"]
    list_select_related = ["country"]
    autocomplete_fields = ["country"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "country" and not permissions.is_editor(request.user):
            kwargs["queryset"] = permissions.editable_countries(request.user)
            kwargs["required"] = True
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or permissions.can_change_source(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or permissions.can_change_source(request.user, obj))
