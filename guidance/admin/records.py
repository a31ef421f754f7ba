"""Country records: one page per record, its sections in order, last collection's text beside each."""

from django.contrib import admin
from django.db.models import Count, Q, Value
from django.http import JsonResponse
from django.urls import path
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from guidance import permissions
from guidance.admin.base import CountryScopedAdmin, ScopedInline
from guidance.admin.comments import ReviewThreadsInlineMixin
from guidance.admin.deletion import PublicContentDeletionMixin
from guidance.admin.revisions import RevisionAdminMixin
from guidance.admin.workflow import WorkflowAdminMixin
from guidance.markdown import render_markdown
from guidance.models import (
    Completeness,
    GuidanceSystem,
    IndicatorValue,
    Section,
    SectionEntry,
)


class SectionEntryInline(ReviewThreadsInlineMixin, ScopedInline):
    model = SectionEntry
    fields = ["section", "completeness", "body", "previous_text", "sources"]
    readonly_fields = ["previous_text"]
    autocomplete_fields = ["section", "sources"]
    ordering = ["section__number"]
    markdown_fields = ["body"]

    def get_formset(self, request, obj=None, **kwargs):
        self._previous_bodies = _previous_bodies(obj)
        return super().get_formset(request, obj, **kwargs)

    @admin.display(description=_("text in the previous collection"))
    def previous_text(self, entry):
        """Last collection's text for this section, so the expert sees what to update."""
        previous = getattr(self, "_previous_bodies", {}).get(entry.section_id)
        if previous is None:
            return _("No previous collection's text for this section.")
        if previous == entry.body:
            return _("Unchanged since the previous collection.")
        return format_html(
            '<details class="previous-text"><summary>{}</summary>{}</details>',
            _("Show the previous collection's text"),
            render_markdown(previous),
        )


def _previous_bodies(record):
    if record is None or record.based_on_id is None:
        return {}
    return dict(
        SectionEntry.objects.filter(system_id=record.based_on_id).values_list("section_id", "body")
    )


class IndicatorValueInline(ScopedInline):
    model = IndicatorValue
    fields = [("indicator", "answer", "since_year"), "note", "sources"]
    autocomplete_fields = ["indicator", "sources"]
    ordering = ["indicator__position"]


@admin.register(GuidanceSystem)
class GuidanceSystemAdmin(
    RevisionAdminMixin, PublicContentDeletionMixin, WorkflowAdminMixin, CountryScopedAdmin
):
    list_display = ["country", "collection", "status", "revision_of", "progress", "updated_at"]
    list_filter = ["status", "collection", "country__group"]
    search_fields = ["country__name", "country__code", "summary"]
    list_select_related = [
        "country",
        "collection",
        "revision_of__country",
        "revision_of__collection",
    ]
    autocomplete_fields = ["country", "collection", "based_on"]
    readonly_fields = ["revision_of", "progress", "created_at", "updated_at", "updated_by"]
    date_hierarchy = "updated_at"
    inlines = [SectionEntryInline, IndicatorValueInline]
    fieldsets = [
        (None, {"fields": ["country", "collection", "based_on", "revision_of", "progress"]}),
        (
            _("Review"),
            {"fields": ["status", "review_comment", "published_at", "reviewed_by"]},
        ),
        (
            _("About this record"),
            {"fields": ["summary", "reference_period", "contributors", "acknowledgements"]},
        ),
        (_("Timestamps"), {"fields": ["created_at", "updated_at", "updated_by"]}),
    ]
    markdown_fields = ["summary"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                complete=Count("entries", filter=Q(entries__completeness=Completeness.COMPLETE)),
                partial=Count("entries", filter=Q(entries__completeness=Completeness.PARTIAL)),
                sections=Value(Section.objects.count()),
            )
        )

    @admin.display(description=_("progress"), ordering="complete")
    def progress(self, record):
        """How far the record is, e.g. "12 of 21 sections complete, 3 partial"."""
        if getattr(record, "complete", None) is None:
            return "—"
        return _("%(complete)d of %(total)d sections complete, %(partial)d partial") % {
            "complete": record.complete,
            "total": record.sections,
            "partial": record.partial,
        }

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)

    def get_urls(self):
        preview = path(
            "markdown-preview/",
            self.admin_site.admin_view(self.markdown_preview_view),
            name="guidance_markdown_preview",
        )
        return [preview, *super().get_urls()]

    def markdown_preview_view(self, request):
        return _markdown_preview(request)


@require_POST
def _markdown_preview(request):
    """The text as readers will see it, rendered by the one sanitising function."""
    if not permissions.editable_countries(request.user).exists():
        return JsonResponse({"error": "forbidden"}, status=403)
    return JsonResponse({"html": str(render_markdown(request.POST.get("text", "")))})


@admin.register(SectionEntry)
class SectionEntryAdmin(CountryScopedAdmin):
    country_field = "system__country"
    list_display = ["system", "section", "completeness", "updated_at"]
    list_filter = ["completeness", "section", "system__collection"]
    search_fields = ["body", "system__country__name", "section__title"]
    list_select_related = ["system__country", "system__collection", "section"]
    autocomplete_fields = ["system", "section", "sources"]
    markdown_fields = ["body"]


@admin.register(IndicatorValue)
class IndicatorValueAdmin(CountryScopedAdmin):
    country_field = "system__country"
    list_display = ["system", "indicator", "answer", "since_year"]
    list_filter = ["answer", "indicator", "system__collection"]
    search_fields = ["note", "system__country__name", "indicator__name"]
    list_select_related = ["system__country", "system__collection", "indicator"]
    autocomplete_fields = ["system", "indicator", "sources"]
