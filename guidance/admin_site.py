"""The editing interface's site: a workspace on the home page, models grouped by use.

Django's `admin.site` is an instance of this class (InventoryAdminConfig.default_site in
guidance/apps.py), so every `@admin.register` keeps working. It lives outside the
guidance.admin package on purpose: importing a module inside that package first runs the
package's registrations, which would create the site while the site's own class is
still being imported, and the registrations would land on an instance then thrown away.
"""

from django.contrib import admin
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from guidance import workspace
from guidance.rules import permissions

# What experts work in, in the order they work in it; every other model is Structure.
# Add a new content model here ("guidance.reviewcomment", when review comments arrive).
CONTENT_MODELS = [
    "guidance.guidancesystem",
    "guidance.sectionentry",
    "guidance.indicatorvalue",
    "guidance.policy",
    "guidance.policystageyear",
    "guidance.initiative",
    "guidance.organisation",
    "guidance.source",
    "guidance.reviewcomment",
]

# Structure models of the inventory first, in this order; other apps' models follow.
STRUCTURE_MODELS = [
    "guidance.country",
    "guidance.collection",
    "guidance.release",
    "guidance.section",
    "guidance.indicator",
    "guidance.targetgroup",
    "guidance.sector",
    "guidance.deliverymode",
    "guidance.organisationtype",
    "guidance.instrumenttype",
    "guidance.initiativetype",
]

CONTENT = ("content", _("Content"))
STRUCTURE = ("structure", _("Structure"))


class InventoryAdminSite(admin.AdminSite):
    site_header = _("Lifelong Guidance Inventory: editing")
    site_title = _("Lifelong Guidance Inventory")
    index_title = _("Your workspace")

    def get_app_list(self, request, app_label=None):
        """Content and Structure instead of one list per app; experts get Content only.

        The same list fills the home page and the navigation sidebar of every page.
        Another app's own index (/admin/auth/) keeps Django's list.
        """
        if app_label not in (None, "guidance"):
            return super().get_app_list(request, app_label)
        models = [
            {**model, "key": f"{app['app_label']}.{model['object_name'].lower()}"}
            for app in self._build_app_dict(request, app_label).values()
            for model in app["models"]
        ]
        groups = [_group(CONTENT, models, _content_position)]
        if permissions.is_editor(request.user):
            groups.append(_group(STRUCTURE, models, _structure_position))
        return [group for group in groups if group["models"]]

    def each_context(self, request):
        """The "View site" link leads to the public site in the admin's language (/fr/ from /fr/admin/)."""
        return {**super().each_context(request), "site_url": reverse("guidance:home")}

    def index(self, request, extra_context=None):
        context = workspace.workspace_for(request.user, request.GET.get("o"))
        return super().index(request, {**context, **(extra_context or {})})


def _content_position(key):
    return CONTENT_MODELS.index(key) if key in CONTENT_MODELS else None


def _structure_position(key):
    if key in CONTENT_MODELS:
        return None
    if key in STRUCTURE_MODELS:
        return (0, STRUCTURE_MODELS.index(key), key)
    return (1, 0, key)


def _group(group, models, position):
    label, name = group
    chosen = [model for model in models if position(model["key"]) is not None]
    chosen.sort(key=lambda model: position(model["key"]))
    return {
        "name": name,
        "app_label": label,
        "app_url": reverse("admin:index") + "#models",
        "has_module_perms": True,
        "models": chosen,
    }
