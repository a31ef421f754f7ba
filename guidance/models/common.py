"""Building blocks shared by the content models: years, publication status, timestamps."""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guidance.reading.markdown import markdown_html
from guidance.rules import unpublished_reads

from .clean_text import CleanTextModel

FIRST_YEAR = 1900
LAST_YEAR = 2100
YEAR_VALIDATORS = [MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]


def year_in_range(field):
    """A Q that accepts an empty year or one between FIRST_YEAR and LAST_YEAR."""
    return Q(**{f"{field}__isnull": True}) | Q(
        **{f"{field}__gte": FIRST_YEAR, f"{field}__lte": LAST_YEAR}
    )


def year_constraint(field, name):
    """A check constraint keeping an (optional) year field between FIRST_YEAR and LAST_YEAR."""
    return models.CheckConstraint(
        condition=year_in_range(field),
        name=name,
        violation_error_message=f"The year must be between {FIRST_YEAR} and {LAST_YEAR}.",
    )


def year_range_constraints(prefix, start="start_year", end="end_year"):
    """Check constraints for an optional pair of start and end years on a model."""
    return [
        models.CheckConstraint(
            condition=year_in_range(start) & year_in_range(end),
            name=f"{prefix}_years_in_range",
            violation_error_message=f"Years must be between {FIRST_YEAR} and {LAST_YEAR}.",
        ),
        models.CheckConstraint(
            condition=Q(**{f"{start}__isnull": True})
            | Q(**{f"{end}__isnull": True})
            | Q(**{f"{end}__gte": models.F(start)}),
            name=f"{prefix}_end_after_start",
            violation_error_message=_("The end year cannot be before the start year."),
        ),
    ]


# Computed from other fields: kept out of the change history and the admin's CSV export.
DERIVED_FIELDS = ["search_vector", "summary_html", "body_html", "evidence_of_results_html"]


def derived(*names):
    """The derived fields among a model's `names`, for its history's `excluded_fields`
    (django-simple-history refuses a name the model does not have)."""
    return [name for name in names if name in DERIVED_FIELDS]


def rendered_html_field(verbose_name):
    """The sanitised HTML of a Markdown field, rendered when the row is saved.

    Pages print it as it is, so a cold page does not render Markdown. Never edited: the
    admin and the API leave it out, and RendersMarkdown.save writes it.
    """
    return models.TextField(
        verbose_name,
        blank=True,
        default="",
        editable=False,
        help_text=_("Rendered from the Markdown text on every save."),
    )


class RendersMarkdown(models.Model):
    """A row that stores the rendered HTML of its Markdown fields beside them.

    `markdown_fields` maps each Markdown field to its HTML field. Every save renders them
    (admin, API, revisions, history reverts, the demo loader); bulk writes call
    `render_markdown_fields` on each row first, as bulk_create skips save.
    """

    markdown_fields = {}

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.render_markdown_fields()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {
                *update_fields,
                *(html for text, html in self.markdown_fields.items() if text in update_fields),
            }
        super().save(*args, **kwargs)

    def render_markdown_fields(self):
        for text, html in self.markdown_fields.items():
            setattr(self, html, markdown_html(getattr(self, text)))


def search_vector_field():
    """The row's full-text search vector, written by a PostgreSQL trigger and GIN-indexed.

    Migration 0003 creates the trigger and index on PostgreSQL, so bulk writes and
    QuerySet.update keep it right too; on SQLite it stays empty and search reads the text
    fields themselves. Derived data, so it is kept out of the change history.
    """
    return SearchVectorField(_("search vector"), null=True, editable=False)


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    PUBLISHED = "published", _("Published")


class PublishableQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=PublicationStatus.PUBLISHED)

    def for_country(self, country):
        return self.filter(country=country)


class Versioned(CleanTextModel):
    """A row that counts its saves, so that an edit made from a stale copy can be refused.

    Every form and API write carries the version it started from; guidance/rules/concurrency.py
    compares it with the stored one before saving (optimistic concurrency).
    """

    version = models.PositiveIntegerField(
        _("version"),
        default=1,
        editable=False,
        help_text=_("Goes up by one with every save."),
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            self.version += 1
        super().save(*args, **kwargs)


class Publishable(Versioned):
    """Content that experts draft and editors publish; only published content is public."""

    status = models.CharField(
        _("status"),
        max_length=16,
        choices=PublicationStatus.choices,
        default=PublicationStatus.DRAFT,
        db_index=True,
        help_text=_("Only published content is shown on the public site and in the API."),
    )
    published_at = models.DateTimeField(
        _("published at"),
        null=True,
        blank=True,
        help_text=_("Set when an editor publishes; shown to readers as the publication date."),
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
        help_text=_("The editor who last reviewed and published it."),
    )
    review_comment = models.TextField(
        _("reviewer's comment"),
        blank=True,
        help_text=_("Why an editor returned it to draft, and what to change."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True, db_index=True)

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self._stamp_publication()
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        self._stamp_publication()

    @classmethod
    def from_db(cls, db, field_names, values):
        """Report an unpublished row to the request reading it (guidance/rules/unpublished_reads.py)."""
        instance = super().from_db(db, field_names, values)
        status = instance.__dict__.get("status")
        if status is not None and status != PublicationStatus.PUBLISHED:
            unpublished_reads.note_unpublished()
        return instance

    def _stamp_publication(self):
        """Record the publication time when content is first published."""
        if self.is_published and self.published_at is None:
            self.published_at = timezone.now()

    @property
    def is_published(self):
        return self.status == PublicationStatus.PUBLISHED


def published_has_date_constraint(prefix):
    """A check constraint: published content always carries its publication date."""
    return models.CheckConstraint(
        condition=~Q(status=PublicationStatus.PUBLISHED) | Q(published_at__isnull=False),
        name=f"{prefix}_published_has_date",
        violation_error_message=_("Published content needs a publication date."),
    )
