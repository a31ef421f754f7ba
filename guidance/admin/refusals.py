"""Refusals the admin states plainly: what the user may edit, on a page in the admin's style.

Opening another country's object says whose objects the user may edit instead of
pretending it does not exist; `permission_denied` (the project's handler403) renders every
refusal under /admin/ with the admin's header and navigation.
"""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.views import defaults

from guidance.rules import permissions


def out_of_scope(user, opts):
    """The refusal for an object of `opts` that belongs to none of `user`'s countries."""
    countries = [
        _("%(country)s's") % {"country": c.name} for c in permissions.editable_countries(user)
    ]
    kind = opts.verbose_name_plural
    if not countries:
        return PermissionDenied(
            _("You edit no country's %(kind)s: an editor assigns experts to countries.")
            % {"kind": kind}
        )
    return PermissionDenied(
        _("You can edit only %(countries)s %(kind)s.")
        % {"countries": get_text_list(countries, _("and")), "kind": kind}
    )


def permission_denied(request, exception):
    """A 403 in the admin's style under /admin/, Django's own elsewhere."""
    if not request.path.startswith(reverse("admin:index")):
        return defaults.permission_denied(request, exception)
    context = {
        **admin.site.each_context(request),
        "title": _("You cannot open this page"),
        "refusal": str(exception),
    }
    response = TemplateResponse(request, "admin/403.html", context, status=403)
    return response.render()
