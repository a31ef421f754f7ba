"""Countries (and sub-national entities) in scope, and the yearly collections of records."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from .clean_text import CleanTextModel
from .common import YEAR_VALIDATORS, year_constraint, year_range_constraints


class CountryGroup(models.TextChoices):
    EU = "eu", _("EU member state")
    EEA_EFTA = "eea_efta", _("EEA/EFTA country")
    CANDIDATE = "candidate", _("EU candidate country")
    POTENTIAL_CANDIDATE = "potential_candidate", _("Potential candidate")
    OTHER = "other", _("Other")


class Country(CleanTextModel):
    """A country, or a sub-national entity with its own record such as Belgium (Flanders)."""

    code = models.CharField(
        _("code"),
        max_length=10,
        unique=True,
        help_text=_(
            "ISO 3166-1 alpha-2 code for a country (IT, DE, XK for Kosovo); "
            "the state's code and a suffix for a sub-national entity (BE-FL)."
        ),
    )
    iso_country = CountryField(
        pgettext_lazy("a sovereign state", "state"),
        help_text=_("The sovereign state; for Belgium (Flanders) this is Belgium."),
    )
    name = models.CharField(
        _("name"), max_length=100, help_text=_("English name as shown to readers.")
    )
    group = models.CharField(
        _("group"),
        max_length=24,
        choices=CountryGroup.choices,
        db_index=True,
        help_text=_("Relation to the EU. Kept as data: a candidate's status can change."),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="subdivisions",
        verbose_name=_("part of"),
        help_text=_("For a sub-national entity only: the country it belongs to."),
    )
    experts = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="expert_countries",
        verbose_name=_("national experts"),
        help_text=_("People who may edit this country's records, policies and initiatives."),
    )

    history = HistoricalRecords(m2m_fields=[experts])

    class Meta:
        ordering = ["name"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        constraints = [
            models.CheckConstraint(
                condition=Q(code__regex=r"^[A-Z]{2}(-[A-Z0-9]{1,3})?$"),
                name="country_code_format",
                violation_error_message=_(
                    "Use two capital letters, optionally followed by a dash and up to three "
                    "letters or digits for a sub-national entity (IT, BE-FL)."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(parent=models.F("id")),
                name="country_not_own_parent",
                violation_error_message=_("A country cannot be part of itself."),
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def is_subnational(self):
        return self.parent_id is not None


class CollectionStatus(models.TextChoices):
    OPEN = "open", _("Open for editing")
    PUBLISHED = "published", pgettext_lazy("a collection", "Published")


class CollectionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=CollectionStatus.PUBLISHED)

    def latest_published_year(self):
        return self.published().order_by("-year").values_list("year", flat=True).first()

    def years_and_default(self):
        """All collection years, newest first, and the year readers are shown by default.

        The default is the latest published collection; before any is published, the
        newest one (whose records only editors and experts may see). Every page, the API,
        the feeds and the downloads use this one rule. One query.
        """
        rows = list(self.order_by("-year").values_list("year", "status"))
        years = [year for year, _status in rows]
        published = [year for year, status in rows if status == CollectionStatus.PUBLISHED]
        return years, (published or years or [None])[0]

    def default_year(self):
        return self.years_and_default()[1]


class Collection(CleanTextModel):
    """A yearly edition of the inventory, named by its year of online publication."""

    year = models.PositiveSmallIntegerField(
        _("year"),
        unique=True,
        validators=YEAR_VALIDATORS,
        help_text=_("Year of online publication, e.g. 2023."),
    )
    title = models.CharField(
        _("title"), max_length=200, blank=True, help_text=_("Defaults to 'Collection YEAR'.")
    )
    description = models.TextField(
        _("description"), blank=True, help_text=_("What was gathered for this collection, when.")
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=CollectionStatus.choices,
        default=CollectionStatus.OPEN,
        help_text=_("Open while experts update their records; published once editors release it."),
    )
    reference_start = models.PositiveSmallIntegerField(
        _("reference period from"),
        null=True,
        blank=True,
        validators=YEAR_VALIDATORS,
        help_text=_(
            "First year its records describe, e.g. 2020 for a 2023 collection covering "
            "2020-2023. Empty: the previous collection's year."
        ),
    )
    reference_end = models.PositiveSmallIntegerField(
        _("reference period to"),
        null=True,
        blank=True,
        validators=YEAR_VALIDATORS,
        help_text=_(
            "Last year its records describe: what was still valid then is stated as current, "
            "what started later is left out. Empty: the collection's year."
        ),
    )
    published_on = models.DateField(
        _("published on"), null=True, blank=True, help_text=_("Date of online publication.")
    )
    deadline = models.DateField(
        _("deadline"),
        null=True,
        blank=True,
        help_text=_(
            "The date by which national experts should submit their records for review. "
            "Countries not in review by then are listed as overdue on the editors' home page."
        ),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()

    objects = CollectionQuerySet.as_manager()

    class Meta:
        ordering = ["-year"]
        verbose_name = _("collection")
        verbose_name_plural = _("collections")
        constraints = [
            year_constraint("year", name="collection_year_in_range"),
            *year_range_constraints(
                "collection_reference", start="reference_start", end="reference_end"
            ),
        ]

    def __str__(self):
        return self.title or f"Collection {self.year}"

    @property
    def period_start(self):
        """The first year of the reference period; without one, the collection's year.

        (The queryset rule `period_start()` in policies.py falls back to the previous
        collection's year instead, which needs a query; this is for display.)
        """
        if self.reference_start is not None:
            return self.reference_start
        return min(self.year, self.period_end)

    @property
    def period_end(self):
        return self.reference_end or self.year

    @property
    def reference_years(self):
        """The reference period as readers see it, e.g. "2020-2023"; "" when none is set."""
        if self.reference_start is None and self.reference_end is None:
            return ""
        start, end = self.period_start, self.period_end
        return str(end) if start == end else f"{start}\u2013{end}"
