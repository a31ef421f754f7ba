"""Admin pages of organisations and sources: an expert's change to a published one waits.

Saving a published organisation or source as an expert saves a revision instead
(guidance/revisions.py) and opens it, saying that the public keeps the published
version meanwhile. The published page links to its waiting revision; an expert who may
edit it is sent there. guidance/permissions.py decides when an edit becomes a revision.
"""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from guidance import permissions, revisions
from guidance.admin.forms import RevisableForm

PROPOSED_MESSAGE = _(
    "Your change is saved as a proposed change and waits for an editor's review. The "
    "public keeps seeing the published version until an editor publishes this change."
)
SENT_TO_REVISION_MESSAGE = _(
    "A change to this is already waiting for review: you are now on that change."
)


class RevisionAdminMixin:
    """Turns an expert's save of a published row into its revision, and links the two."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs.setdefault("form", RevisableForm)
        form = super().get_form(request, obj, change, **kwargs)
        form.editing_user = request.user
        return form

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "GET":
            obj = self.get_object(request, unquote(object_id))
            waiting = obj is not None and self._revision_to_edit_instead(request, obj)
            if waiting:
                self.message_user(request, SENT_TO_REVISION_MESSAGE, messages.INFO)
                return HttpResponseRedirect(self._change_url(waiting))
        return super().change_view(request, object_id, form_url, extra_context)

    def _revision_to_edit_instead(self, request, obj):
        may_propose = permissions.edit_becomes_revision(request.user, obj)
        if not may_propose or not self.has_change_permission(request, obj):
            return None
        return revisions.open_revision(obj)

    def save_model(self, request, obj, form, change):
        if change and permissions.edit_becomes_revision(request.user, obj):
            revisions.propose(obj, request.user)
            obj._just_proposed = True
            return
        super().save_model(request, obj, form, change)

    def response_change(self, request, obj):
        if getattr(obj, "_just_proposed", False):
            self.message_user(request, PROPOSED_MESSAGE, messages.SUCCESS)
            return HttpResponseRedirect(self._change_url(obj))
        return super().response_change(request, obj)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context["revision_notice"] = self._revision_notice(obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _revision_notice(self, obj):
        """What the page says about its revision: the one it is, or the one waiting on it."""
        if obj.is_revision:
            return {
                "published_url": self._change_url(obj.revision_of),
                "published": obj.revision_of,
            }
        waiting = revisions.open_revision(obj)
        return {"waiting_url": self._change_url(waiting)} if waiting else None

    def _change_url(self, obj):
        return reverse(
            f"admin:{self.opts.app_label}_{self.opts.model_name}_change",
            args=[obj.pk],
            current_app=self.admin_site.name,
        )
