"""Admin pages of published content: an expert's change to it waits for review in a revision.

Saving a published organisation or source as an expert saves a revision instead
(guidance/rules/revisions.py) and opens it. A published record, policy or initiative is
read-only for experts: its page offers "Change in a revision", which copies it with its
parts and opens the copy. Either way the page says that the public keeps the published
version meanwhile; the published page links to its waiting revision, and an expert who
may edit that is sent there. A revision's page offers "Discard this change", which asks
for confirmation on a page of its own, as Django's delete does, and deletes only the
revision. guidance/rules/permissions.py decides who may do what.
"""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from guidance.admin.forms import RevisableForm
from guidance.rules import permissions, revisions, workflow

PROPOSED_MESSAGE = _(
    "Your change is saved as a proposed change and waits for an editor's review. The "
    "public keeps seeing the published version until an editor publishes this change."
)
SENT_TO_REVISION_MESSAGE = _(
    "A change to this is already waiting for review: you are now on that change."
)
FIXED_IN_REVISIONS = {"country", "collection"}
DISCARDED_MESSAGE = _(
    "The proposed change is discarded. Readers go on reading the published version below."
)
STARTED_MESSAGE = _(
    "You are now changing a copy of the published version. Readers keep seeing the "
    "published version until an editor publishes your change: submit it for review when "
    "it is ready."
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
        """The open revision an expert opening published `obj` is sent to, if any."""
        user = request.user
        if permissions.edit_becomes_revision(user, obj):
            may_revise = self.has_change_permission(request, obj)
        else:
            may_revise = permissions.can_start_revision(user, obj) and not permissions.is_editor(
                user
            )
        if not may_revise:
            return None
        return revisions.open_revision(obj)

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        revise = path(
            "<path:object_id>/revise/",
            self.admin_site.admin_view(self.revise_view),
            name="{}_{}_revise".format(*info),
        )
        discard = path(
            "<path:object_id>/discard/",
            self.admin_site.admin_view(self.discard_view),
            name="{}_{}_discard".format(*info),
        )
        return [revise, discard, *super().get_urls()]

    def revise_view(self, request, object_id):
        """Start (or reopen) the revision of a published record, policy or initiative."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        obj = self._get_object_or_404(request, object_id)
        try:
            revision = workflow.start_revision(obj, request.user)
        except workflow.TransitionRefused as refusal:
            self.message_user(request, str(refusal), messages.ERROR)
            return HttpResponseRedirect(self._change_url(obj))
        self.message_user(request, STARTED_MESSAGE, messages.SUCCESS)
        return HttpResponseRedirect(self._change_url(revision))

    def discard_view(self, request, object_id):
        """Ask whether to discard a revision; on the confirming POST, discard it."""
        obj = self._get_object_or_404(request, object_id)
        if not permissions.can_discard_revision(request.user, obj):
            self.message_user(
                request,
                _(
                    "Only editors and the national experts of its country discard a proposed change."
                ),
                messages.ERROR,
            )
            return HttpResponseRedirect(self._change_url(obj))
        published_url = self._change_url(type(obj)(pk=obj.revision_of_id))
        if request.method == "POST":
            workflow.discard_revision(obj, request.user)
            self.message_user(request, DISCARDED_MESSAGE, messages.SUCCESS)
            return HttpResponseRedirect(published_url)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Discard the proposed change?"),
            "opts": self.opts,
            "original": obj,
            "published_url": published_url,
            "change_url": self._change_url(obj),
        }
        return TemplateResponse(request, "admin/guidance/discard_revision.html", context)

    def get_fieldsets(self, request, obj=None):
        """ "Proposed change of" only on a revision: on anything else it would say "-"."""
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None and obj.is_revision:
            return fieldsets
        return [
            (name, {**options, "fields": _without(options["fields"], "revision_of")})
            for name, options in fieldsets
        ]

    def get_readonly_fields(self, request, obj=None):
        """A revision stays the revision of its row: its country (and collection) are fixed."""
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.is_revision:
            fixed = [field.name for field in self.opts.fields if field.name in FIXED_IN_REVISIONS]
            fields += [name for name in fixed if name not in fields]
        return fields

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


def _without(fields, unwanted):
    """A fieldset's fields (names, or tuples of names on one line) less `unwanted`."""
    kept = []
    for field in fields:
        if isinstance(field, (list, tuple)):
            line = [name for name in field if name != unwanted]
            if line:
                kept.append(tuple(line))
        elif field != unwanted:
            kept.append(field)
    return kept
