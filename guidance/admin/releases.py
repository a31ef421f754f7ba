"""Closing a collection from the admin, and its releases shown read-only.

"Close collection and publish its release" is an action of the collections' list, for
editors only, with a confirmation page like Django's "delete selected". The release is
written by guidance/rules/closing.py in the same transaction as the close.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from guidance.admin.export import export_as_csv
from guidance.models import CollectionStatus, Release, ReleaseFile
from guidance.rules import permissions
from guidance.rules.closing import CollectionNotOpen, close_collection, release_version

CONFIRM = "close_confirmed"


@admin.action(description=_("Close collection and publish its release"), permissions=["close"])
def close_and_release(modeladmin, request, queryset):
    """Ask first; once confirmed, close each selected open collection and write its release."""
    if not permissions.can_publish(request.user):
        raise PermissionDenied
    collections = list(queryset.order_by("year"))
    if request.POST.get(CONFIRM) != "yes":
        return _confirmation(modeladmin, request, collections)
    for collection in collections:
        try:
            release = close_collection(collection, request.user)
        except CollectionNotOpen as refusal:
            modeladmin.message_user(request, str(refusal), messages.WARNING)
            continue
        modeladmin.message_user(
            request,
            _("%(collection)s is closed; release %(version)s is written with %(files)d files.")
            % {
                "collection": collection,
                "version": release.version,
                "files": release.files.count(),
            },
            messages.SUCCESS,
        )
    return None


def _confirmation(modeladmin, request, collections):
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": _("Close collection and publish its release"),
        "opts": modeladmin.opts,
        "to_close": [
            (c, release_version(c)) for c in collections if c.status == CollectionStatus.OPEN
        ],
        "closed": [c for c in collections if c.status != CollectionStatus.OPEN],
        "selected": [c.pk for c in collections],
        "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        "confirm_name": CONFIRM,
    }
    return TemplateResponse(request, "admin/guidance/collection/close.html", context)


class ReadOnly:
    """Nothing is added, changed or deleted here: releases are written by closing."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin(ReadOnly, admin.ModelAdmin):
    actions = [export_as_csv]


class ReleaseFileInline(ReadOnly, admin.TabularInline):
    model = ReleaseFile
    fields = ["name", "media_type", "size", "sha256", "download"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False

    def get_queryset(self, request):
        return super().get_queryset(request).defer("content").select_related("release")

    @admin.display(description=_("download"))
    def download(self, obj):
        url = reverse("guidance:release-file", args=[obj.release.version, obj.name])
        return format_html('<a href="{}">{}</a>', url, obj.name)


@admin.register(Release)
class ReleaseAdmin(ReadOnlyAdmin):
    """Releases never change: every field is read-only, none is added or deleted here."""

    list_display = ["version", "collection", "created_at", "created_by"]
    list_select_related = ["collection", "created_by"]
    search_fields = ["version", "collection__title"]
    fields = ["version", "collection", "created_at", "created_by", "checksums"]
    readonly_fields = fields
    inlines = [ReleaseFileInline]

    @admin.display(description=_("checksums"))
    def checksums(self, obj):
        rows = obj.files.defer("content").order_by("position")
        return format_html(
            "<pre>{}</pre>",
            format_html_join("", "{}  {}\n", ((f.sha256, f.name) for f in rows)),
        )


@admin.register(ReleaseFile)
class ReleaseFileAdmin(ReadOnlyAdmin):
    """Every file of every release, with its checksum; the bytes are not read for the list."""

    list_display = ["name", "release", "size", "sha256"]
    list_select_related = ["release"]
    search_fields = ["name", "release__version", "sha256"]
    fields = ["release", "name", "media_type", "size", "sha256", "download"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).defer("content")

    download = ReleaseFileInline.download
