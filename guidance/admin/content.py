"""Policies, initiatives, the organisations behind them, and the sources everything cites."""

from django.contrib import admin
from django.urls import path
from django.utils.translation import gettext_lazy as _

from guidance.admin import source_picker
from guidance.admin.base import CountryScopedAdmin, ScopedInline
from guidance.admin.comments import ReviewThreadsAdminMixin
from guidance.admin.deletion import PublicContentDeletionMixin
from guidance.admin.revisions import RevisionAdminMixin
from guidance.admin.source_picker import SourceAutocompleteView
from guidance.admin.workflow import WorkflowAdminMixin
from guidance.models import Initiative, Organisation, Policy, PolicyStageYear, Source
from guidance.rules import permissions

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
class PolicyAdmin(
    ReviewThreadsAdminMixin,
    RevisionAdminMixin,
    PublicContentDeletionMixin,
    WorkflowAdminMixin,
    CountryScopedAdmin,
):
    list_display = [
        "title",
        "country",
        "instrument_type",
        "start_year",
        "end_year",
        "status",
        "revision_of",
    ]
    list_filter = ["status", "instrument_type", "country__group", "sections", "target_groups"]
    search_fields = ["title", "original_title", "summary", "country__name"]
    list_select_related = ["country", "instrument_type", "revision_of__country"]
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
    readonly_fields = ["revision_of", "created_at", "updated_at"]
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
class InitiativeAdmin(
    ReviewThreadsAdminMixin,
    RevisionAdminMixin,
    PublicContentDeletionMixin,
    WorkflowAdminMixin,
    CountryScopedAdmin,
):
    list_display = [
        "title",
        "country",
        "initiative_type",
        "start_year",
        "is_good_practice",
        "status",
        "revision_of",
    ]
    list_filter = [
        "status",
        "initiative_type",
        "is_good_practice",
        "country__group",
        "delivery_modes",
    ]
    search_fields = ["title", "original_title", "summary", "country__name"]
    list_select_related = ["country", "initiative_type", "revision_of__country"]
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
    readonly_fields = ["revision_of", "created_at", "updated_at"]


@admin.register(Organisation)
class OrganisationAdmin(RevisionAdminMixin, WorkflowAdminMixin, CountryScopedAdmin):
    """Experts add drafts and propose changes to published organisations (revisions)."""

    list_display = ["name", "acronym", "country", "type", "status", "revision_of"]
    list_filter = ["status", "type", "country__group"]
    search_fields = ["name", "original_name", "acronym"]
    list_select_related = ["country", "type", "revision_of"]
    autocomplete_fields = ["country", "type"]
    readonly_fields = ["revision_of", "created_at", "updated_at"]


@admin.register(Source)
class SourceAdmin(RevisionAdminMixin, WorkflowAdminMixin, CountryScopedAdmin):
    """Sources are shared: every expert may find and cite any published source.

    Changing a source changes every text that cites it, so experts change only the
    sources of their own countries (through a revision once published); sources of other
    countries, and those not tied to a country, are read-only for them. A source an
    expert adds belongs to one of their countries. Experts also find their own countries'
    drafts and revisions here (permissions.visible).
    """

    list_display = ["title", "publisher", "year", "country", "url", "status", "revision_of"]
    list_filter = ["status", "country", "year"]
    search_fields = ["title", "publisher", "url"]
    list_select_related = ["country", "revision_of"]
    autocomplete_fields = ["country"]
    readonly_fields = ["revision_of", "created_at", "updated_at"]

    def get_queryset(self, request):
        """Not narrowed to the user's countries, as other country content is: sources are shared."""
        queryset = super(CountryScopedAdmin, self).get_queryset(request)
        return permissions.visible(queryset, request.user, revisions=True)

    def _in_scope(self, request, obj):
        return permissions.can_view(request.user, obj)

    def get_urls(self):
        autocomplete = path(
            "autocomplete/",
            self.admin_site.admin_view(SourceAutocompleteView.as_view(admin_site=self.admin_site)),
            name=source_picker.URL_NAME,
        )
        return [autocomplete, *super().get_urls()]

    def get_search_results(self, request, queryset, search_term):
        """The picker asks with the record's country (`?country=IT`): its sources come first."""
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        code = request.GET.get(source_picker.COUNTRY_PARAM)
        if code and _is_autocomplete(request):
            queryset = source_picker.own_country_first(queryset, code)
        return queryset, may_have_duplicates

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "country" and not permissions.is_editor(request.user):
            kwargs["required"] = True
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


def _is_autocomplete(request):
    match = request.resolver_match
    return match is not None and match.url_name in ("autocomplete", source_picker.URL_NAME)
