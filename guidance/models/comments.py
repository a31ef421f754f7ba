"""Review comments: editors' remarks on a section entry, a policy or an initiative.

A comment is working material between editors and a country's national experts, never
content: no public page, download, sitemap or API lists it (guidance/rules/permissions.py reads
it for editors and the experts of its country only). An unresolved comment blocks no
workflow step; resolving one is a mark for the people working on the text.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .clean_text import CleanTextModel

# What a comment may be about; exactly one of these is set on every comment.
COMMENT_TARGETS = ("entry", "policy", "initiative")


def _exactly_one_target():
    entry, policy, initiative = (Q(**{f"{name}__isnull": False}) for name in COMMENT_TARGETS)
    return (
        (entry & ~policy & ~initiative)
        | (~entry & policy & ~initiative)
        | (~entry & ~policy & initiative)
    )


class ReviewCommentQuerySet(models.QuerySet):
    def threads(self):
        """Top-level comments: each one opens a thread its replies belong to."""
        return self.filter(reply_to__isnull=True)

    def unresolved(self):
        return self.threads().filter(resolved_at__isnull=True)

    def for_countries(self, countries):
        """Comments on the content of `countries` (a queryset of Country)."""
        return self.filter(
            Q(entry__system__country__in=countries)
            | Q(policy__country__in=countries)
            | Q(initiative__country__in=countries)
        )


class ReviewComment(CleanTextModel):
    """An editor's comment on a section entry, policy or initiative, or a reply to one."""

    entry = models.ForeignKey(
        "guidance.SectionEntry",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="review_comments",
        verbose_name=_("section entry"),
        help_text=_("The section of a country record the comment is about."),
    )
    policy = models.ForeignKey(
        "guidance.Policy",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="review_comments",
        verbose_name=_("policy"),
    )
    initiative = models.ForeignKey(
        "guidance.Initiative",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="review_comments",
        verbose_name=_("initiative"),
    )
    reply_to = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
        limit_choices_to={"reply_to__isnull": True},
        verbose_name=_("reply to"),
        help_text=_("The comment this answers; a reply is about the same text."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("author"),
    )
    body = models.TextField(
        _("comment"),
        help_text=_("Plain text, seen only by the editors and the country's national experts."),
    )
    created_at = models.DateTimeField(_("written at"), auto_now_add=True, db_index=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("resolved by"),
    )

    history = HistoricalRecords()

    objects = ReviewCommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("review comment")
        verbose_name_plural = _("review comments")
        constraints = [
            models.CheckConstraint(
                condition=_exactly_one_target(),
                name="comment_exactly_one_target",
                violation_error_message=_(
                    "A comment is about exactly one section entry, policy or initiative."
                ),
            ),
            models.CheckConstraint(
                condition=Q(reply_to__isnull=True) | Q(resolved_at__isnull=True),
                name="comment_reply_not_resolved",
                violation_error_message=_(
                    "A reply is not resolved on its own: its thread's first comment is."
                ),
            ),
            models.CheckConstraint(
                condition=Q(resolved_by__isnull=True) | Q(resolved_at__isnull=False),
                name="comment_resolver_has_date",
                violation_error_message=_("A resolved comment needs the time it was resolved."),
            ),
        ]

    def __str__(self):
        author = self.author.get_username() if self.author else _("someone")
        return _("Comment by %(author)s on %(target)s") % {"author": author, "target": self.target}

    @property
    def target(self):
        """The section entry, policy or initiative the comment is about (None if unset)."""
        for name in COMMENT_TARGETS:
            if getattr(self, f"{name}_id") is not None:
                return getattr(self, name)
        return None

    @property
    def is_resolved(self):
        return self.resolved_at is not None

    def clean(self):
        super().clean()
        if self.reply_to_id is None:
            return
        parent = self.reply_to
        if parent.reply_to_id is not None:
            raise ValidationError(
                {"reply_to": _("Reply to the thread's first comment, not to a reply.")}
            )
        for name in COMMENT_TARGETS:
            setattr(self, name, getattr(parent, name))

    def resolve(self, user):
        """Mark the thread resolved by `user`; a thread resolved already keeps its first mark."""
        if self.is_resolved:
            return
        self.resolved_at = timezone.now()
        self.resolved_by = user
        self.save(update_fields=["resolved_at", "resolved_by"])
