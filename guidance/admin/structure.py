"""What editors manage and experts only read: countries, collections, sections, indicators,
vocabularies. Editors also open each new collection here, and close it (admin/releases.py)."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Max
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from guidance.admin.base import InventoryAdmin
from guidance.admin.export import export_as_csv
from guidance.admin.forms import OpenCollectionForm
from guidance.admin.releases import close_and_release
from guidance.models import (
    Collection,
    Country,
    DeliveryMode,
    Indicator,
    InitiativeType,
    InstrumentType,
    OrganisationType,
    Section,
    Sector,
    TargetGroup,
)
from guidance.rules import permissions
from guidance.rules.opening import CollectionAlreadyOpen, open_collection


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
    list_display = ["year", "title", "status", "deadline", "published_on"]
    list_filter = ["status"]
    search_fields = ["title", "year"]
    change_list_template = "admin/guidance/collection/change_list.html"
    actions = [export_as_csv, close_and_release]

    def get_readonly_fields(self, request, obj=None):
        """The status changes only by closing (the action), which writes the release."""
        return [*super().get_readonly_fields(request, obj), "status"]

    def has_close_permission(self, request):
        return permissions.can_publish(request.user)

    def get_urls(self):
        return [
            path(
                "open/",
                self.admin_site.admin_view(self.open_collection_view),
                name="guidance_collection_open",
            ),
            *super().get_urls(),
        ]

    def open_collection_view(self, request):
        """Open the next collection: every country's latest published record becomes a draft."""
        if not permissions.can_publish(request.user):
            raise PermissionDenied
        latest = Collection.objects.aggregate(latest=Max("year"))["latest"]
        form = OpenCollectionForm(request.POST or None, initial={"year": (latest or 2000) + 1})
        if request.method == "POST" and form.is_valid():
            try:
                opened = open_collection(
                    form.cleaned_data["year"],
                    user=request.user,
                    title=form.cleaned_data["title"],
                )
            except CollectionAlreadyOpen as refusal:
                form.add_error("year", str(refusal))
            else:
                self.message_user(
                    request,
                    _(
                        "Collection %(year)s is open: %(records)d draft records copied from "
                        "the latest published ones, with %(entries)d section entries."
                    )
                    % {
                        "year": opened.collection.year,
                        "records": opened.records,
                        "entries": opened.entries,
                    },
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(reverse("admin:guidance_collection_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Open the next collection"),
            "opts": self.opts,
            "form": form,
            "latest": latest,
        }
        return TemplateResponse(request, "admin/guidance/collection/open.html", context)


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
