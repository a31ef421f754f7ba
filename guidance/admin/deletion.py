"""Deleting public content: one object at a time, on a page that says what readers lose.

Records, policies and initiatives have public addresses that readers cite; a bulk delete
from the list would take many off the site past a single "Are you sure?". Each is deleted
from its own page, whose confirmation lists the addresses that stop answering.
guidance/rules/permissions.py (`can_delete`) decides who may delete what.
"""

from django.urls import reverse
from django.utils.translation import gettext as _

from guidance.models import GuidanceSystem, Initiative, Policy
from guidance.reading.citations import FORMATS


class PublicContentDeletionMixin:
    """No "Delete selected" action; the delete page of published content names its addresses."""

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def render_delete_form(self, request, context):
        obj = context["object"]
        if obj.is_published:
            context["public_addresses"] = [
                (label, request.build_absolute_uri(path)) for label, path in public_addresses(obj)
            ]
        return super().render_delete_form(request, context)


def public_addresses(obj):
    """(what, path) for each public address of published `obj`."""
    if isinstance(obj, GuidanceSystem):
        return _record_addresses(obj)
    name = {Policy: "policy", Initiative: "initiative"}[type(obj)]
    return [
        (_("Its page"), reverse(f"guidance:{name}", args=[obj.pk])),
        (_("The API"), reverse(f"guidance-api:{name}-detail", args=[obj.pk])),
    ]


def _record_addresses(record):
    args = [record.country.code, record.collection.year]
    profile = reverse("guidance:country-year", args=args)
    return [
        (_("The country profile for this collection"), profile),
        (
            _("The country page, which shows an earlier record (or none) if this is the latest"),
            reverse("guidance:country", args=[record.country.code]),
        ),
        (_("Its section pages, under"), f"{profile}sections/"),
        *(
            (_("Its citation (%s)") % fmt, reverse("guidance:record-citation", args=[*args, fmt]))
            for fmt in FORMATS
        ),
        (_("The API, by country and year"), reverse("guidance-api:system-by-year", args=args)),
        (_("The API, by id"), reverse("guidance-api:system-detail", args=[record.pk])),
    ]
