"""The actors of national guidance systems: ministries, employment services, forums, centres."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .common import YEAR_VALIDATORS, derived, search_vector_field, year_range_constraints
from .revisable import Revisable, revision_constraints


class Organisation(Revisable):
    """A body that runs, funds, coordinates or provides guidance in one country."""

    country = models.ForeignKey(
        "guidance.Country",
        on_delete=models.PROTECT,
        related_name="organisations",
        verbose_name=_("country"),
    )
    name = models.CharField(_("name"), max_length=300, help_text=_("English name."))
    original_name = models.CharField(
        _("original name"),
        max_length=300,
        blank=True,
        help_text=_("Name in the national language."),
    )
    acronym = models.CharField(
        _("acronym"), max_length=40, blank=True, help_text=_("As commonly used, e.g. ANPAL.")
    )
    type = models.ForeignKey(
        "guidance.OrganisationType",
        on_delete=models.PROTECT,
        related_name="organisations",
        verbose_name=_("type"),
        help_text=_("Ministry, agency, public employment service, forum, ..."),
    )
    url = models.URLField(_("website"), max_length=500, blank=True)
    description = models.TextField(
        _("description"), blank=True, help_text=_("Its role in guidance, in one or two sentences.")
    )
    start_year = models.PositiveSmallIntegerField(
        _("start year"),
        null=True,
        blank=True,
        validators=YEAR_VALIDATORS,
        help_text=_("Year it was founded or took on its guidance role, if known."),
    )
    end_year = models.PositiveSmallIntegerField(
        _("end year"),
        null=True,
        blank=True,
        validators=YEAR_VALIDATORS,
        help_text=_("Year it closed, merged or lost this role; empty while it still exists."),
    )
    search_vector = search_vector_field()  # name, original name, acronym (A), description (B)

    history = HistoricalRecords(excluded_fields=derived("search_vector"))

    class Meta:
        ordering = ["country__name", "name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.UniqueConstraint(
                fields=["country", "name"],
                condition=Q(revision_of__isnull=True),
                name="organisation_unique_country_name",
                violation_error_message=_("This country already has an organisation of this name."),
            ),
            *year_range_constraints("organisation"),
            *revision_constraints("organisation"),
        ]

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name
