"""Controlled vocabularies (domain README C.2-C.6): small lists kept as data, loaded from fixtures."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .clean_text import CleanTextModel


class Vocabulary(CleanTextModel):
    """A term in a controlled list: a stable code, a label and a position."""

    code = models.SlugField(
        _("code"),
        max_length=40,
        unique=True,
        help_text=_("Stable identifier used in URLs, filters and the API. Do not change it."),
    )
    name = models.CharField(_("name"), max_length=120, help_text=_("Label shown to readers."))
    description = models.TextField(
        _("description"), blank=True, help_text=_("When to use this term, if not obvious.")
    )
    position = models.PositiveSmallIntegerField(
        _("position"), default=0, help_text=_("Order in lists and filters (lowest first).")
    )

    class Meta:
        abstract = True
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class TargetGroup(Vocabulary):
    """A group of people guidance is aimed at (pupils, jobseekers, migrants, ...)."""

    history = HistoricalRecords()

    class Meta(Vocabulary.Meta):
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")


class Sector(Vocabulary):
    """A setting where guidance is offered (school, VET, higher education, PES, ...)."""

    history = HistoricalRecords()

    class Meta(Vocabulary.Meta):
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")


class DeliveryMode(Vocabulary):
    """How a service reaches people: face to face, online, blended, by phone, ..."""

    history = HistoricalRecords()

    class Meta(Vocabulary.Meta):
        verbose_name = _("delivery mode")
        verbose_name_plural = _("delivery modes")


class OrganisationType(Vocabulary):
    """The kind of actor an organisation is (ministry, PES, forum, ...)."""

    history = HistoricalRecords()

    class Meta(Vocabulary.Meta):
        verbose_name = _("organisation type")
        verbose_name_plural = _("organisation types")


class InstrumentType(Vocabulary):
    """The kind of policy instrument (strategy, legislation, practical measure, ...)."""

    history = HistoricalRecords()

    class Meta(Vocabulary.Meta):
        verbose_name = _("policy instrument type")
        verbose_name_plural = _("policy instrument types")


class InitiativeType(Vocabulary):
    """The kind of initiative (service, centre network, online portal, ...)."""

    history = HistoricalRecords()

    class Meta(Vocabulary.Meta):
        verbose_name = _("initiative type")
        verbose_name_plural = _("initiative types")
