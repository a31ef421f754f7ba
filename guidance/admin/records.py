"""Country records: one page per record, its sections in order, last collection's text beside each."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.options import IS_POPUP_VAR
from django.db.models import Count, Q, Value
from django.http import HttpResponseRedirect, JsonResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from guidance.admin.base import CountryScopedAdmin, ScopedInline
from guidance.admin.comments import ReviewThreadsInlineMixin
from guidance.admin.deletion import PublicContentDeletionMixin
from guidance.admin.forms import RecordForm
from guidance.admin.record_page import SectionBoxes, SectionEntryForm
from guidance.admin.revisions import RevisionAdminMixin
from guidance.admin.source_picker import SourcePickerInlineMixin, SourcePickerPageMixin
from guidance.admin.word import WordAdminMixin
from guidance.admin.workflow import WorkflowAdminMixin
from guidance.models import (
    Collection,
    Completeness,
    GuidanceSystem,
    IndicatorValue,
    Section,
    SectionEntry,
)
from guidance.reading.markdown import render_markdown
from guidance.rules import opening, permissions


class SectionEntryInline(ReviewThreadsInlineMixin, SourcePickerInlineMixin, ScopedInline):
    """Every section as a box to write in, in order, last collection's text and the
    review threads beside each."""

    model = SectionEntry
    form = SectionEntryForm
    formset = SectionBoxes
    template = "admin/guidance/guidancesystem/section_boxes.html"
    fields = ["section", "completeness", ("body", "previous_text"), "sources"]
    readonly_fields = ["previous_text"]
    autocomplete_fields = ["sources"]
    ordering = ["section__number"]
    markdown_fields = ["body"]

    class Media:
        css = {"all": ["guidance/css/record_page.css"]}

    def get_formset(self, request, obj=None, **kwargs):
        kwargs.setdefault("form", self.form)
        return super().get_formset(request, obj, **kwargs)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("section")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        """The section is the box's: shown as its heading, posted as a hidden value."""
        if db_field.name == "section":
            kwargs["widget"] = forms.HiddenInput
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=_("previous collection"))
    def previous_text(self, entry):
        """The base record's text for this section, always shown, and whether it changed."""
        previous = getattr(entry, "previous_text", None)
        if previous is None or previous.year is None:
            return _("This record is not based on an earlier one.")
        if not previous.body:
            return format_html(
                '<div class="previous-text"><p class="previous-state">{}</p></div>',
                _("No text in %(year)d.") % {"year": previous.year},
            )
        unchanged = previous.body == entry.body
        state = _("Unchanged since %(year)d.") if unchanged else _("Text in %(year)d:")
        return format_html(
            '<div class="previous-text{}"><p class="previous-state">{}</p>{}</div>',
            " unchanged" if unchanged else "",
            state % {"year": previous.year},
            render_markdown(previous.body),
        )


class IndicatorValueInline(SourcePickerInlineMixin, ScopedInline):
    model = IndicatorValue
    fields = [("indicator", "answer", "since_year", "until_year"), "note", "sources"]
    autocomplete_fields = ["indicator", "sources"]
    ordering = ["indicator__position"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("indicator")


@admin.register(GuidanceSystem)
class GuidanceSystemAdmin(
    WordAdminMixin,
    RevisionAdminMixin,
    PublicContentDeletionMixin,
    WorkflowAdminMixin,
    CountryScopedAdmin,
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
    add_fieldsets = [
        (
            None,
            {
                "fields": ["country", "collection", "based_on"],
                "description": _(
                    "A new record starts as a copy of its country's latest published record "
                    "(its base): texts, indicator values and sources. Leave the base empty "
                    "to have it chosen for you. You write the changes on the next page."
                ),
            },
        )
    ]
    markdown_fields = ["summary"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs.setdefault("form", RecordForm)
        return super().get_form(request, obj, change, **kwargs)

    def get_fieldsets(self, request, obj=None):
        """Adding a record asks only whose, which collection and its base; the rest is copied."""
        if obj is None:
            return self.add_fieldsets
        return super().get_fieldsets(request, obj)

    def get_inline_instances(self, request, obj=None):
        return [] if obj is None else super().get_inline_instances(request, obj)

    def get_changeform_initial_data(self, request):
        """`?country=IT` proposes that country, the latest collection and the base to copy.

        An expert of one country is proposed that country without asking.
        """
        initial = super().get_changeform_initial_data(request)
        country = _country_asked(request, initial.pop("country", None))
        collection = Collection.objects.order_by("-year").first()
        if country is None or collection is None:
            return initial
        initial.update(country=country.pk, collection=collection.pk)
        base = opening.latest_published_record(country, collection.year)
        if base is not None:
            initial["based_on"] = base.pk
        return initial

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
        """A new record with a base (RecordForm proposes one) is copied from it, as
        opening a collection copies every record: guidance/rules/opening.py does both."""
        obj.updated_by = request.user
        base = obj.based_on if not change else None
        if base is not None:
            opening.start_from(obj, base)
        super().save_model(request, obj, form, change)
        if base is not None:
            entries, values = opening.copy_contents([(obj, base)], request.user)
            self.message_user(
                request,
                _(
                    "Copied from %(base)s: %(entries)d section texts and %(values)d "
                    "indicator values, with their sources. Write this collection's changes below."
                )
                % {"base": base, "entries": entries, "values": values},
                messages.SUCCESS,
            )

    def save_related(self, request, form, formsets, change):
        """A save that changed only sections or indicator values still names its author:
        the record row is not saved then (its version stays), so its "last updated" is set
        here."""
        super().save_related(request, form, formsets, change)
        if any(formset.has_changed() for formset in formsets):
            GuidanceSystem.objects.filter(pk=form.instance.pk).update(
                updated_by=request.user, updated_at=timezone.now()
            )

    def response_add(self, request, obj, post_url_continue=None):
        """After adding a record, its page: the record is written there, not on the add page."""
        response = super().response_add(request, obj, post_url_continue)
        if any(key in request.POST for key in ("_addanother", "_continue", IS_POPUP_VAR)):
            return response
        return HttpResponseRedirect(reverse("admin:guidance_guidancesystem_change", args=[obj.pk]))

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        """A record is written at length, not added in series: no "Save and add another"."""
        extra_context = {**(extra_context or {}), "show_save_and_add_another": False}
        return super().changeform_view(request, object_id, form_url, extra_context)

    def get_urls(self):
        preview = path(
            "markdown-preview/",
            self.admin_site.admin_view(self.markdown_preview_view),
            name="guidance_markdown_preview",
        )
        return [preview, *super().get_urls()]

    def markdown_preview_view(self, request):
        return _markdown_preview(request)


def _country_asked(request, value):
    """The country named by code (or id) in the add page's address, if the user may edit
    it; without one, the user's only country, if they have one only."""
    countries = permissions.editable_countries(request.user)
    if not value:
        only = list(countries[:2]) if not permissions.is_editor(request.user) else []
        return only[0] if len(only) == 1 else None
    lookup = {"pk": value} if str(value).isdigit() else {"code": str(value).upper()}
    return countries.filter(**lookup).first()


@require_POST
def _markdown_preview(request):
    """The text as readers will see it, rendered by the one sanitising function."""
    if not permissions.editable_countries(request.user).exists():
        return JsonResponse({"error": "forbidden"}, status=403)
    return JsonResponse({"html": str(render_markdown(request.POST.get("text", "")))})


@admin.register(SectionEntry)
class SectionEntryAdmin(SourcePickerPageMixin, CountryScopedAdmin):
    country_field = "system__country"
    list_display = ["system", "section", "completeness", "updated_at"]
    list_filter = ["completeness", "section", "system__collection"]
    search_fields = ["body", "system__country__name", "section__title"]
    list_select_related = ["system__country", "system__collection", "section"]
    autocomplete_fields = ["system", "section", "sources"]
    markdown_fields = ["body"]


@admin.register(IndicatorValue)
class IndicatorValueAdmin(SourcePickerPageMixin, CountryScopedAdmin):
    country_field = "system__country"
    list_display = ["system", "indicator", "answer", "since_year", "until_year"]
    list_filter = ["answer", "indicator", "system__collection"]
    search_fields = ["note", "system__country__name", "indicator__name"]
    list_select_related = ["system__country", "system__collection", "indicator"]
    autocomplete_fields = ["system", "indicator", "sources"]
