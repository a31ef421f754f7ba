"""A country's record in a collection: its sections' text and its indicator values."""

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .clean_text import CleanTextModel
from .common import (
    YEAR_VALIDATORS,
    RendersMarkdown,
    Versioned,
    derived,
    rendered_html_field,
    search_vector_field,
    year_constraint,
)
from .revisable import NOT_A_REVISION, Revisable, RevisableQuerySet, revision_constraints


class SectionGroup(models.TextChoices):
    TRANSVERSAL = "transversal", _("Transversal component")
    SECTOR = "sector", _("Sector")
    TARGET_GROUP = "target_group", _("Target group")
    OTHER = "other", _("Other")


class Section(CleanTextModel):
    """One of the comparable headings every country record is written under."""

    number = models.PositiveSmallIntegerField(
        _("number"), unique=True, help_text=_("Position of the section in every record.")
    )
    slug = models.SlugField(
        _("slug"), max_length=60, unique=True, help_text=_("Used in URLs, e.g. /sections/access/.")
    )
    title = models.CharField(
        _("title"), max_length=200, help_text=_("Heading shown in every record.")
    )
    description = models.TextField(
        _("description"),
        blank=True,
        help_text=_("What experts should describe under this heading."),
    )
    group = models.CharField(
        _("group"),
        max_length=16,
        choices=SectionGroup.choices,
        default=SectionGroup.TRANSVERSAL,
        help_text=_("Transversal component, sector or target group, as in the ELGPN guidelines."),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["number"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self):
        return f"{self.number}. {self.title}"


class GuidanceSystemQuerySet(RevisableQuerySet):
    def as_of(self, year):
        """Each country's latest record in collection `year` or before, among these rows.

        What a reader "as of" a collection is shown: a country not updated in `year` keeps
        its earlier record. Narrow the rows first (to what the reader may see) so that an
        unseen newer record does not hide the one they may see.
        """
        newer = self.filter(
            country=OuterRef("country"),
            collection__year__gt=OuterRef("collection__year"),
            collection__year__lte=year,
        )
        return self.filter(collection__year__lte=year).exclude(Exists(newer))


class GuidanceSystem(RendersMarkdown, Revisable):
    """One country's record of its guidance system in one collection.

    A new collection's record starts as a copy of the previous one (`based_on`),
    so "what changed" is always a comparison with the record it was copied from.
    A change to a published record is written in its revision (guidance/rules/revisions.py).
    """

    revise_on_save = False
    markdown_fields = {"summary": "summary_html"}

    country = models.ForeignKey(
        "guidance.Country",
        on_delete=models.PROTECT,
        related_name="systems",
        verbose_name=_("country"),
    )
    collection = models.ForeignKey(
        "guidance.Collection",
        on_delete=models.PROTECT,
        related_name="systems",
        verbose_name=_("collection"),
    )
    summary = models.TextField(
        _("summary"),
        blank=True,
        help_text=_("A short overview of the country's guidance system, in Markdown."),
    )
    summary_html = rendered_html_field(_("summary as HTML"))
    contributors = models.CharField(
        _("contributors"),
        max_length=300,
        blank=True,
        help_text=_("Who compiled this record, as it should be cited."),
    )
    acknowledgements = models.TextField(
        _("acknowledgements"),
        blank=True,
        help_text=_("Others who helped, as printed on the record."),
    )
    reference_period = models.CharField(
        _("reference period"),
        max_length=120,
        blank=True,
        help_text=_("The period the record describes, e.g. 'May 2020 to December 2023'."),
    )
    based_on = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        limit_choices_to=NOT_A_REVISION,
        related_name="successors",
        verbose_name=_("based on"),
        help_text=_("The previous collection's record this one was copied from."),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("last updated by"),
    )

    history = HistoricalRecords(excluded_fields=derived("summary_html"))

    objects = GuidanceSystemQuerySet.as_manager()

    class Meta:
        ordering = ["country__name", "-collection__year"]
        verbose_name = _("country record")
        verbose_name_plural = _("country records")
        constraints = [
            models.UniqueConstraint(
                fields=["country", "collection"],
                condition=Q(revision_of__isnull=True),
                name="system_unique_country_collection",
                violation_error_message=_("This country already has a record in this collection."),
            ),
            models.CheckConstraint(
                condition=~Q(based_on=models.F("id")),
                name="system_not_based_on_itself",
                violation_error_message=_("A record cannot be based on itself."),
            ),
            *revision_constraints("system"),
        ]
        indexes = [
            models.Index(fields=["status", "collection"], name="system_status_collection"),
        ]

    def __str__(self):
        return f"{self.country} ({self.collection.year})"

    @property
    def is_demo(self):
        """Loaded demo content (`manage.py load_demo`), compiled from public sources, not reviewed."""
        return self.contributors == settings.DEMO_INVENTORY_AUTHOR

    @property
    def reference_period_display(self):
        """The record's own reference period if it states one, else its collection's years."""
        return self.reference_period or self.collection.reference_years


class Completeness(models.TextChoices):
    EMPTY = "empty", _("Empty")
    PARTIAL = "partial", _("Partial")
    COMPLETE = "complete", _("Complete")


class SectionEntry(RendersMarkdown, Versioned):
    """The text a record gives under one section, with the sources it rests on."""

    markdown_fields = {"body": "body_html"}

    system = models.ForeignKey(
        GuidanceSystem,
        on_delete=models.CASCADE,
        related_name="entries",
        verbose_name=_("record"),
    )
    section = models.ForeignKey(
        Section, on_delete=models.PROTECT, related_name="entries", verbose_name=_("section")
    )
    body = models.TextField(
        _("text"),
        blank=True,
        help_text=_("Markdown: **bold**, *italic*, lists, [links](https://...). No HTML."),
    )
    body_html = rendered_html_field(_("text as HTML"))
    completeness = models.CharField(
        _("completeness"),
        max_length=16,
        choices=Completeness.choices,
        default=Completeness.EMPTY,
        help_text=_("Complete when the section covers the whole heading for this collection."),
    )
    sources = models.ManyToManyField(
        "guidance.Source",
        blank=True,
        limit_choices_to=NOT_A_REVISION,
        related_name="section_entries",
        verbose_name=_("sources"),
        help_text=_("The documents the text rests on; readers see them as a numbered list."),
    )
    updated_at = models.DateTimeField(_("last updated"), auto_now=True, db_index=True)
    search_vector = search_vector_field()  # the text (B)

    history = HistoricalRecords(
        m2m_fields=[sources], excluded_fields=derived("search_vector", "body_html")
    )

    class Meta:
        ordering = ["system", "section__number"]
        verbose_name = _("section entry")
        verbose_name_plural = _("section entries")
        constraints = [
            models.UniqueConstraint(
                fields=["system", "section"],
                name="entry_unique_system_section",
                violation_error_message=_("This record already has an entry for this section."),
            ),
            models.CheckConstraint(
                condition=Q(completeness=Completeness.EMPTY) | ~Q(body=""),
                name="entry_written_has_text",
                violation_error_message=_(
                    "A section marked partial or complete needs text; mark it empty otherwise."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.system} – {self.section.title}"


class IndicatorAnswer(models.TextChoices):
    YES = "yes", _("Yes")
    PARTIAL = "partial", _("Partly")
    NO = "no", _("No")


class Indicator(CleanTextModel):
    """A comparable yes/partly/no question asked of every country's record."""

    slug = models.SlugField(
        _("slug"),
        max_length=60,
        unique=True,
        help_text=_("Used in URLs and the API. Do not change it."),
    )
    name = models.CharField(_("name"), max_length=200, help_text=_("Short label for tables."))
    question = models.CharField(
        _("question"), max_length=300, help_text=_("The question as experts should answer it.")
    )
    description = models.TextField(
        _("guidance for experts"),
        blank=True,
        help_text=_("What counts as yes, partly and no."),
    )
    section = models.ForeignKey(
        Section,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="indicators",
        verbose_name=_("related section"),
        help_text=_("The section whose text explains the answer."),
    )
    position = models.PositiveSmallIntegerField(
        _("position"), default=0, help_text=_("Order in tables (lowest first).")
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self):
        return self.name


class IndicatorValue(Versioned):
    """A record's answer to one indicator, with the years it held and its source."""

    system = models.ForeignKey(
        GuidanceSystem,
        on_delete=models.CASCADE,
        related_name="indicator_values",
        verbose_name=_("record"),
    )
    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="values", verbose_name=_("indicator")
    )
    answer = models.CharField(
        _("answer"),
        max_length=8,
        choices=IndicatorAnswer.choices,
        help_text=_(
            "Partly when only some sectors, regions or groups are covered; say which in the note."
        ),
    )
    since_year = models.PositiveSmallIntegerField(
        _("since"),
        null=True,
        blank=True,
        validators=YEAR_VALIDATORS,
        help_text=_("Year from which the answer holds, if known."),
    )
    until_year = models.PositiveSmallIntegerField(
        _("until"),
        null=True,
        blank=True,
        validators=YEAR_VALIDATORS,
        help_text=_(
            "Last year the answer held, if it no longer holds at the end of the record's "
            "reference period (e.g. a forum that ran until 2023). Empty while it still holds."
        ),
    )
    note = models.TextField(
        _("note"), blank=True, help_text=_("One or two sentences explaining the answer.")
    )
    sources = models.ManyToManyField(
        "guidance.Source",
        blank=True,
        limit_choices_to=NOT_A_REVISION,
        related_name="indicator_values",
        verbose_name=_("sources"),
        help_text=_("The document that shows the answer holds."),
    )
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    history = HistoricalRecords(m2m_fields=[sources])

    class Meta:
        ordering = ["system", "indicator__position"]
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        constraints = [
            models.UniqueConstraint(
                fields=["system", "indicator"],
                name="indicator_value_unique_system_indicator",
                violation_error_message=_("This record already answers this indicator."),
            ),
            year_constraint("since_year", name="indicator_value_since_in_range"),
            year_constraint("until_year", name="indicator_value_until_in_range"),
            models.CheckConstraint(
                condition=Q(since_year__isnull=True)
                | Q(until_year__isnull=True)
                | Q(until_year__gte=models.F("since_year")),
                name="indicator_value_until_after_since",
                violation_error_message=_("The answer cannot hold until a year before its start."),
            ),
            models.CheckConstraint(
                condition=Q(answer__in=IndicatorAnswer.values),
                name="indicator_value_answer_valid",
                violation_error_message=_("Answer yes, partly or no."),
            ),
        ]

    def __str__(self):
        return f"{self.indicator}: {self.get_answer_display()}"
