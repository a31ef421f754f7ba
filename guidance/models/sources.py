"""Citations that back every statement in the inventory."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .common import YEAR_VALIDATORS, year_constraint
from .revisable import Revisable, revision_constraints


class Source(Revisable):
    """A public document or page cited by records, policies and initiatives."""

    title = models.CharField(
        _("title"), max_length=400, help_text=_("Title of the document or page.")
    )
    publisher = models.CharField(
        _("publisher"),
        max_length=200,
        blank=True,
        help_text=_("Organisation or site publishing it."),
    )
    year = models.PositiveSmallIntegerField(
        _("year"),
        null=True,
        blank=True,
        validators=YEAR_VALIDATORS,
        help_text=_("Year of publication, if known."),
    )
    url = models.URLField(
        _("URL"), max_length=500, blank=True, help_text=_("Stable address; each URL is one source.")
    )
    accessed_on = models.DateField(
        _("accessed on"), null=True, blank=True, help_text=_("When the URL was last checked.")
    )
    country = models.ForeignKey(
        "guidance.Country",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sources",
        verbose_name=_("country"),
        help_text=_(
            "The country this source is about; leave empty for European or shared sources."
        ),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["title"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        constraints = [
            models.UniqueConstraint(
                fields=["url"],
                condition=~Q(url="") & Q(revision_of__isnull=True),
                name="source_unique_url",
                violation_error_message=_("A source with this URL already exists: reuse it."),
            ),
            year_constraint("year", name="source_year_in_range"),
            *revision_constraints("source"),
        ]

    def __str__(self):
        return f"{self.title} ({self.publisher}, {self.year})" if self.year else self.title
