"""Workflow buttons and list actions: submit for review, publish, return to draft.

The buttons sit above the change form (outside it, so each is its own small POST);
returning to draft asks for a comment on a page of its own. guidance/rules/workflow.py
makes the move and guidance/rules/permissions.py decides who may.
"""

from django.contrib import admin, messages
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from guidance.admin.forms import ReturnToDraftForm
from guidance.rules import permissions, workflow


def _run_on_each(modeladmin, request, queryset, move, done_message):
    moved, refused = 0, []
    for obj in queryset:
        try:
            move(obj, request.user)
        except workflow.TransitionRefused as refusal:
            refused.append(f"{obj}: {refusal}")
        else:
            moved += 1
    if moved:
        modeladmin.message_user(request, done_message(moved), messages.SUCCESS)
    for line in refused:
        modeladmin.message_user(request, line, messages.ERROR)


@admin.action(description=_("Submit selected for review"))
def submit_selected(modeladmin, request, queryset):
    _run_on_each(
        modeladmin,
        request,
        queryset,
        workflow.submit,
        lambda n: (
            ngettext("%d item submitted for review.", "%d items submitted for review.", n) % n
        ),
    )


@admin.action(description=_("Publish selected"))
def publish_selected(modeladmin, request, queryset):
    _run_on_each(
        modeladmin,
        request,
        queryset,
        workflow.publish,
        lambda n: ngettext("%d item published.", "%d items published.", n) % n,
    )


@admin.action(description=_("Return selected to draft (with a comment)"))
def return_selected_to_draft(modeladmin, request, queryset):
    """Ask for the comment on an intermediate page, then return every selected item."""
    if "apply" in request.POST:
        form = ReturnToDraftForm(request.POST)
        if form.is_valid():
            comment = form.cleaned_data["comment"]
            _run_on_each(
                modeladmin,
                request,
                queryset,
                lambda obj, user: workflow.return_to_draft(obj, user, comment),
                lambda n: (
                    ngettext("%d item returned to draft.", "%d items returned to draft.", n) % n
                ),
            )
            return None
    else:
        form = ReturnToDraftForm()
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": _("Return to draft"),
        "opts": modeladmin.model._meta,
        "form": form,
        "queryset": queryset,
        "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(request, "admin/guidance/return_to_draft.html", context)


class WorkflowAdminMixin:
    """Adds the workflow's buttons to the change page and its actions to the list."""

    change_form_template = "admin/guidance/workflow_change_form.html"
    workflow_actions = [submit_selected, publish_selected, return_selected_to_draft]

    def get_actions(self, request):
        actions = super().get_actions(request)
        for action in self.workflow_actions:
            actions[action.__name__] = self.get_action(action)
        if not permissions.can_publish(request.user):
            actions.pop("publish_selected", None)
            actions.pop("return_selected_to_draft", None)
        return actions

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        view = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/submit/",
                view(self.submit_view),
                name="{}_{}_submit".format(*info),
            ),
            path(
                "<path:object_id>/publish/",
                view(self.publish_view),
                name="{}_{}_publish".format(*info),
            ),
            path(
                "<path:object_id>/return/",
                view(self.return_view),
                name="{}_{}_return".format(*info),
            ),
            *super().get_urls(),
        ]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            user = request.user
            context["workflow"] = {
                "can_submit": permissions.can_submit(user, obj),
                "can_publish": permissions.can_publish_object(user, obj),
                "can_return": permissions.can_return_to_draft(user, obj),
                "review_comment": obj.review_comment,
                "edit_proposes_change": permissions.edit_becomes_revision(user, obj),
                "can_start_revision": permissions.can_start_revision(user, obj),
                "can_discard": permissions.can_discard_revision(user, obj),
                "is_revision": getattr(obj, "is_revision", False),
                "status": obj.get_status_display(),
            }
        return super().render_change_form(request, context, add, change, form_url, obj)

    def submit_view(self, request, object_id):
        return self._transition(request, object_id, workflow.submit, _("Submitted for review."))

    def publish_view(self, request, object_id):
        return self._transition(request, object_id, workflow.publish, _("Published."))

    def return_view(self, request, object_id):
        obj = self._get_object_or_404(request, object_id)
        form = ReturnToDraftForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            comment = form.cleaned_data["comment"]
            return self._transition(
                request,
                object_id,
                lambda obj, user: workflow.return_to_draft(obj, user, comment),
                _("Returned to draft with your comment."),
            )
        context = {
            **self.admin_site.each_context(request),
            "title": _("Return “%s” to draft") % obj,
            "opts": self.opts,
            "original": obj,
            "form": form,
        }
        return TemplateResponse(request, "admin/guidance/return_to_draft.html", context)

    def _transition(self, request, object_id, move, done_message):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        obj = self._get_object_or_404(request, object_id)
        try:
            moved = move(obj, request.user)
        except workflow.TransitionRefused as refusal:
            self.message_user(request, str(refusal), messages.ERROR)
        else:
            self.message_user(request, done_message, messages.SUCCESS)
            obj = moved or obj
        return HttpResponseRedirect(
            reverse(
                f"admin:{self.opts.app_label}_{self.opts.model_name}_change",
                args=[obj.pk],
                current_app=self.admin_site.name,
            )
        )
