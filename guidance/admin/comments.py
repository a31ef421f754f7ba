"""Review comments in the admin: their own pages, and each thread beside what it is about.

Editors open a thread on a section entry, a policy or an initiative; the national experts
of its country (and editors) reply and mark it resolved. The threads are shown on the
record page under each section entry (ReviewThreadsInlineMixin) and on the policy and
initiative pages (ReviewThreadsAdminMixin). Who may do what is guidance/rules/permissions.py's
decision; nothing here blocks a workflow step.
"""

from urllib.parse import urlencode

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

from guidance.admin.base import CountryScopedAdmin
from guidance.models import Initiative, Policy, ReviewComment, SectionEntry
from guidance.models.comments import COMMENT_TARGETS
from guidance.rules import comments, notifications, permissions
from guidance.rules.comments import target_admin_url

THREADS_TEMPLATE = "admin/guidance/reviewcomment/threads.html"
THREADS_FIELDSET = _("Review comments")


class ReviewCommentForm(forms.ModelForm):
    """A reply is about its thread's text: the target is taken from the comment it answers."""

    def clean(self):
        cleaned_data = super().clean()
        parent = cleaned_data.get("reply_to")
        if parent is None:
            return cleaned_data
        for name in COMMENT_TARGETS:
            chosen = cleaned_data.get(name)
            if chosen is not None and chosen != getattr(parent, name):
                raise ValidationError(
                    _("A reply is about the same text as the comment it answers."),
                    code="reply_elsewhere",
                )
            if name in self.fields:
                cleaned_data[name] = getattr(parent, name)
            else:
                setattr(self.instance, name, getattr(parent, name))
        return cleaned_data


class OpenFilter(admin.SimpleListFilter):
    title = pgettext_lazy("open or resolved", "state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("open", _("Open threads")), ("resolved", _("Resolved threads"))]

    def queryset(self, request, queryset):
        if self.value() == "open":
            return queryset.unresolved()
        if self.value() == "resolved":
            return queryset.threads().filter(resolved_at__isnull=False)
        return queryset


@admin.action(description=_("Mark selected threads resolved"))
def resolve_selected(modeladmin, request, queryset):
    resolved = 0
    for comment in queryset:
        if permissions.can_resolve(request.user, comment):
            comments.resolve(comment, request.user)
            resolved += 1
    modeladmin.message_user(
        request,
        ngettext("%d thread marked resolved.", "%d threads marked resolved.", resolved) % resolved,
        messages.SUCCESS,
    )


@admin.register(ReviewComment)
class ReviewCommentAdmin(CountryScopedAdmin):
    """Comments are written once and never edited; a thread is resolved with its button."""

    form = ReviewCommentForm
    change_form_template = "admin/guidance/reviewcomment/change_form.html"
    list_display = ["__str__", "excerpt", "created_at", "resolution"]
    list_filter = [OpenFilter]
    search_fields = ["body"]
    list_select_related = [
        "author",
        "resolved_by",
        "entry__system__country",
        "entry__system__collection",
        "entry__section",
        "policy__country",
        "initiative__country",
    ]
    autocomplete_fields = ["entry", "policy", "initiative", "reply_to"]
    actions = [*CountryScopedAdmin.actions, resolve_selected]
    shown_fields = ["target", "reply_to", "author", "created_at", "body", "resolution", "thread"]

    def get_queryset(self, request):
        queryset = super(CountryScopedAdmin, self).get_queryset(request)
        return permissions.readable_comments(queryset, request.user)

    def get_fields(self, request, obj=None):
        if obj is not None:
            return self.shown_fields
        if permissions.is_editor(request.user):
            return [*COMMENT_TARGETS, "reply_to", "body"]
        return ["reply_to", "body"]

    def get_readonly_fields(self, request, obj=None):
        return self.shown_fields if obj is not None else []

    def _limit_choices(self, db_field, request, kwargs):
        user = request.user
        if db_field.name == "entry":
            queryset = permissions.editable(SectionEntry.objects.all(), user, "system__country")
        elif db_field.name in ("policy", "initiative"):
            queryset = permissions.editable(db_field.related_model.objects.all(), user)
        elif db_field.name == "reply_to":
            queryset = permissions.readable_comments(ReviewComment.objects.threads(), user)
            kwargs["required"] = not permissions.is_editor(user)
        else:
            return
        kwargs["queryset"] = queryset

    def _in_scope(self, request, obj):
        return permissions.can_read_comment(request.user, obj)

    def has_change_permission(self, request, obj=None):
        """Written once: the page of a comment is read-only, and resolving has its button."""
        return obj is None and super().has_change_permission(request)

    def has_delete_permission(self, request, obj=None):
        allowed = super(CountryScopedAdmin, self).has_delete_permission(request, obj)
        return allowed and (obj is None or permissions.is_editor(request.user))

    def save_model(self, request, obj, form, change):
        if change:
            raise PermissionDenied
        if obj.reply_to_id is not None:
            allowed = permissions.can_reply(request.user, obj.reply_to)
        else:
            allowed = permissions.can_comment_on(request.user, obj.target)
        if not allowed:
            raise PermissionDenied
        obj.author = request.user
        super().save_model(request, obj, form, change)
        notifications.commented(obj, request.user)

    def response_add(self, request, obj, post_url_continue=None):
        """Back to the page the comment was written from: the text it is about."""
        if any(key in request.POST for key in ("_continue", "_addanother", "_popup")):
            return super().response_add(request, obj, post_url_continue)
        self.message_user(request, _("Your comment was saved."), messages.SUCCESS)
        return HttpResponseRedirect(target_admin_url(obj))

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context["can_resolve"] = permissions.can_resolve(request.user, obj)
            context["can_reply"] = permissions.can_reply(request.user, obj)
            context["reply_url"] = add_comment_url(reply_to=obj.pk)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_urls(self):
        resolve = path(
            "<path:object_id>/resolve/",
            self.admin_site.admin_view(self.resolve_view),
            name="guidance_reviewcomment_resolve",
        )
        return [resolve, *super().get_urls()]

    def resolve_view(self, request, object_id):
        """GET asks to confirm (the link beside a thread); POST marks the thread resolved."""
        comment = self._get_object_or_404(request, object_id)
        if comment.is_resolved and comment.reply_to_id is None:
            self.message_user(request, _("This thread was resolved already."), messages.INFO)
            return HttpResponseRedirect(target_admin_url(comment))
        if not permissions.can_resolve(request.user, comment):
            raise PermissionDenied(_("Only a thread's first comment is marked resolved."))
        if request.method == "POST":
            comments.resolve(comment, request.user)
            self.message_user(request, _("The thread is marked resolved."), messages.SUCCESS)
            return HttpResponseRedirect(target_admin_url(comment))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Mark this thread resolved?"),
            "opts": self.opts,
            "original": comment,
            "comment": comment,
            "target_url": target_admin_url(comment),
        }
        return TemplateResponse(request, "admin/guidance/reviewcomment/resolve.html", context)

    @admin.display(description=_("about"))
    def target(self, comment):
        return _link(target_admin_url(comment), comment.target)

    @admin.display(description=_("comment"))
    def excerpt(self, comment):
        text = " ".join(comment.body.split())
        return text if len(text) <= 80 else text[:79] + "…"

    @admin.display(description=_("resolved"))
    def resolution(self, comment):
        if comment.reply_to_id is not None:
            return _("A reply (its thread is resolved as a whole)")
        if not comment.is_resolved:
            return _("Open")
        who = comment.resolved_by.get_username() if comment.resolved_by else _("someone")
        return _("Resolved by %(who)s on %(when)s") % {
            "who": who,
            "when": comment.resolved_at.strftime("%Y-%m-%d %H:%M"),
        }

    @admin.display(description=_("replies"))
    def thread(self, comment):
        if comment.reply_to_id is not None:
            return _link(self._change_url(comment.reply_to_id), _("Open the whole thread"))
        replies = comment.replies.select_related("author").order_by("created_at", "pk")
        return render_to_string(
            "admin/guidance/reviewcomment/replies.html", {"replies": list(replies)}
        )

    def _change_url(self, pk):
        return reverse("admin:guidance_reviewcomment_change", args=[pk])


def _link(url, text):
    return format_html('<a href="{}">{}</a>', url, text)


def add_comment_url(**target):
    """The add page, prefilled: entry=, policy=, initiative= or reply_to=<id>."""
    return reverse("admin:guidance_reviewcomment_add") + "?" + urlencode(target)


def render_threads(user, target_field, target, threads, allowed):
    """The threads on `target` with the links `user` may follow: Comment, Reply, Mark resolved.

    `allowed` is permissions.thread_permissions for these threads.
    """
    if target is None or target.pk is None:
        return _("Comments can be written once this is saved.")
    shown = []
    for thread in threads:
        may_reply, may_resolve = allowed[thread.pk]
        resolve_url = reverse("admin:guidance_reviewcomment_resolve", args=[thread.pk])
        shown.append(
            {
                "comment": thread,
                "url": reverse("admin:guidance_reviewcomment_change", args=[thread.pk]),
                "reply_url": add_comment_url(reply_to=thread.pk) if may_reply else None,
                "resolve_url": resolve_url if may_resolve else None,
            }
        )
    comment_url = None
    if permissions.can_comment_on(user, target):
        comment_url = add_comment_url(**{target_field: target.pk})
    return render_to_string(THREADS_TEMPLATE, {"threads": shown, "comment_url": comment_url})


class ReviewThreadsInlineMixin:
    """Each section entry of the record page shows its threads, read in two queries."""

    def get_formset(self, request, obj=None, **kwargs):
        self._comment_reader = request.user
        self._threads, self._allowed = {}, {}
        if obj is not None:
            entries = SectionEntry.objects.filter(system_id=obj.pk).values("pk")
            self._threads = comments.threads_on("entry", entries)
            every_thread = [thread for threads in self._threads.values() for thread in threads]
            # Every entry of a record has the record's country: one decision for all.
            self._allowed = permissions.thread_permissions(request.user, obj, every_thread)
        return super().get_formset(request, obj, **kwargs)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        return [*fieldsets, (THREADS_FIELDSET, {"fields": ["review_comments"]})]

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "review_comments"]

    @admin.display(description=_("comments"))
    def review_comments(self, entry):
        threads = self._threads.get(entry.pk, [])
        return render_threads(self._comment_reader, "entry", entry, threads, self._allowed)


class ReviewThreadsAdminMixin:
    """A policy's or initiative's page lists its threads below its fields."""

    change_form_template = "admin/guidance/reviewcomment/commented_change_form.html"

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            field = {Policy: "policy", Initiative: "initiative"}[type(obj)]
            threads = comments.threads_on(field, [obj.pk]).get(obj.pk, [])
            allowed = permissions.thread_permissions(request.user, obj, threads)
            context["review_threads"] = render_threads(request.user, field, obj, threads, allowed)
        return super().render_change_form(request, context, add, change, form_url, obj)
