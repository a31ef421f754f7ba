"""Policies (laws, strategies, programmes) and initiatives (services, centres, portals, ...)."""

from django.db import models
from django.db.models import Q, Subquery, Value
from django.db.models.functions import Coalesce, Upper
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .clean_text import CleanTextModel
from .common import (
    YEAR_VALIDATORS,
    RendersMarkdown,
    derived,
    rendered_html_field,
    search_vector_field,
    year_constraint,
    year_range_constraints,
)
from .countries import Collection
from .revisable import NOT_A_REVISION, Revisable, RevisableQuerySet, revision_constraints


class PolicyStage(models.TextChoices):
    """The seven stages of development in Cedefop's Timeline of VET policies (domain README C.1)."""

    DESIGN = "design", _("Design")
    LEGISLATIVE_PROCESS = "legislative_process", _("Legislative process")
    APPROVED = "approved", _("Approved/Agreed")
    PILOT = "pilot", _("Pilot")
    IMPLEMENTATION = "implementation", _("Implementation")
    DISCONTINUED = "discontinued", _("Discontinued")
    COMPLETED = "completed", _("Completed")


class CountryContentQuerySet(RevisableQuerySet):
    """Policies and initiatives are not copied per collection: their years say when they ran.

    A record of collection Y describes Y's reference period (`Collection.reference_start`
    to `reference_end`, e.g. 2020-2023 for the 2023 collection). Without one, the period
    runs from the previous collection's year (Y itself for the first collection) to Y.
    Something existed in it when it started no later than the period's end and did not end
    before its start; an unknown start or end counts as "in it", since leaving a year
    blank must not hide a policy from the record it belongs to.
    """

    def existing_in(self, year):
        """What a record of collection `year` lists: running at some time in its period."""
        return self.existing_since(year).filter(
            Q(start_year__isnull=True) | Q(start_year__lte=period_end(year))
        )

    def existing_since(self, year):
        """What had not ended before the period of collection `year` began, newer ones too."""
        return self.filter(Q(end_year__isnull=True) | Q(end_year__gte=period_start(year)))


def period_start(year):
    """The first year of collection `year`'s reference period, as an SQL expression.

    The collection's own `reference_start`; without one, the previous collection's year;
    without a previous collection (or a collection `year`), `year` itself.
    """
    own = Collection.objects.filter(year=year).values("reference_start")[:1]
    previous = Collection.objects.filter(year__lt=year).order_by("-year").values("year")[:1]
    return Coalesce(Subquery(own), Subquery(previous), Value(year))


def period_end(year):
    """The last year of collection `year`'s reference period: its `reference_end`, or `year`."""
    own = Collection.objects.filter(year=year).values("reference_end")[:1]
    return Coalesce(Subquery(own), Value(year))


class CountryContent(RendersMarkdown, Revisable):
    """Fields shared by policies and initiatives: both belong to a country and are classified alike.

    A change to a published one is written in its revision (guidance/rules/revisions.py).
    """

    revise_on_save = False
    markdown_fields = {"summary": "summary_html"}

    country = models.ForeignKey(
        "guidance.Country",
        on_delete=models.PROTECT,
        verbose_name=_("country"),
    )
    title = models.CharField(_("title"), max_length=300, help_text=_("English title."))
    original_title = models.CharField(
        _("original title"),
        max_length=300,
        blank=True,
        help_text=_("Title in the national language."),
    )
    summary = models.TextField(_("summary"), blank=True, help_text=_("Markdown."))
    summary_html = rendered_html_field(_("summary as HTML"))
    search_vector = search_vector_field()  # title and original title (A), summary (B)
    start_year = models.PositiveSmallIntegerField(
        _("start year"),
        null=True,
        blank=True,
        validators=YEAR_VALIDATORS,
        help_text=_("Year it was adopted or started, if known."),
    )
    end_year = models.PositiveSmallIntegerField(
        _("end year"),
        null=True,
        blank=True,
        validators=YEAR_VALIDATORS,
        help_text=_("Leave empty while it is still running."),
    )
    url = models.URLField(
        _("link"),
        max_length=500,
        blank=True,
        help_text=_("Official page or text, if there is one."),
    )
    sections = models.ManyToManyField(
        "guidance.Section",
        blank=True,
        verbose_name=_("sections"),
        help_text=_("The record sections this belongs under, so it appears there too."),
    )
    target_groups = models.ManyToManyField(
        "guidance.TargetGroup",
        blank=True,
        verbose_name=_("target groups"),
        help_text=_("Who it is aimed at."),
    )
    sectors = models.ManyToManyField(
        "guidance.Sector",
        blank=True,
        verbose_name=_("sectors"),
        help_text=_("Where it applies: school, VET, higher education, PES, ..."),
    )
    sources = models.ManyToManyField(
        "guidance.Source",
        blank=True,
        limit_choices_to=NOT_A_REVISION,
        verbose_name=_("sources"),
        help_text=_("Every statement in the summary should rest on one of these."),
    )

    objects = CountryContentQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["country__name", "title"]

    def __str__(self):
        return f"{self.title} ({self.country.code})"


class Policy(CountryContent):
    """A law, strategy, programme or funding scheme shaping guidance in a country."""

    instrument_type = models.ForeignKey(
        "guidance.InstrumentType",
        on_delete=models.PROTECT,
        related_name="policies",
        verbose_name=_("instrument type"),
        help_text=_("Strategy, legislation, practical measure, or a guidance-specific kind."),
    )
    responsible_organisations = models.ManyToManyField(
        "guidance.Organisation",
        blank=True,
        limit_choices_to=NOT_A_REVISION,
        related_name="policies",
        verbose_name=_("responsible organisations"),
        help_text=_("Bodies that adopted, run or fund it."),
    )

    history = HistoricalRecords(
        excluded_fields=derived("search_vector", "summary_html"),
        m2m_fields=[
            CountryContent.sections.field,
            CountryContent.target_groups.field,
            CountryContent.sectors.field,
            CountryContent.sources.field,
            responsible_organisations,
        ],
    )

    class Meta(CountryContent.Meta):
        verbose_name = _("policy")
        verbose_name_plural = _("policies")
        default_related_name = "policies"
        constraints = [
            *year_range_constraints("policy"),
            *revision_constraints("policy"),
        ]
        indexes = [
            models.Index(fields=["start_year", "end_year"], name="policy_years"),
            # Search puts a row titled exactly as searched first, however old
            # (guidance/reading/site_search.py); `iexact` compares upper-cased titles.
            models.Index(Upper("title"), name="policy_title_upper"),
            # A profile lists a country's first ones by title (guidance/views/profile.py);
            # the API's list reads a page's rows by their state (guidance/api/row_cache.py)
            # from the index alone, not from the wide rows. Key columns, not `include`,
            # which SQLite lacks.
            models.Index(
                fields=[
                    "country",
                    "title",
                    "id",
                    "status",
                    "version",
                    "updated_at",
                    "instrument_type",
                ],
                condition=Q(**NOT_A_REVISION),
                name="policy_country_title",
            ),
        ]


class PolicyStageYear(CleanTextModel):
    """The stage a policy was at in one year; a policy has at most one stage per year."""

    policy = models.ForeignKey(
        Policy, on_delete=models.CASCADE, related_name="stages", verbose_name=_("policy")
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    stage = models.CharField(
        _("stage"),
        max_length=24,
        choices=PolicyStage.choices,
        help_text=_("The stage the policy was at during this year (Cedefop Timeline stages)."),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["policy", "year"]
        verbose_name = _("policy stage")
        verbose_name_plural = _("policy stages")
        constraints = [
            models.UniqueConstraint(
                fields=["policy", "year"],
                name="policy_stage_unique_year",
                violation_error_message=_("This policy already has a stage for this year."),
            ),
            year_constraint("year", name="policy_stage_year_in_range"),
            models.CheckConstraint(
                condition=models.Q(stage__in=PolicyStage.values),
                name="policy_stage_valid",
                violation_error_message=_("Choose one of the seven stages."),
            ),
        ]
        indexes = [models.Index(fields=["year", "stage"], name="policy_stage_year_stage")]

    def __str__(self):
        return f"{self.year}: {self.get_stage_display()}"


class Initiative(CountryContent):
    """A service, centre network, portal, tool or campaign that delivers guidance."""

    markdown_fields = {
        **CountryContent.markdown_fields,
        "evidence_of_results": "evidence_of_results_html",
    }

    initiative_type = models.ForeignKey(
        "guidance.InitiativeType",
        on_delete=models.PROTECT,
        related_name="initiatives",
        verbose_name=_("type"),
        help_text=_("Service, centre network, online portal, tool, campaign, ..."),
    )
    delivery_modes = models.ManyToManyField(
        "guidance.DeliveryMode",
        blank=True,
        related_name="initiatives",
        verbose_name=_("delivery modes"),
        help_text=_("How it reaches people: face to face, online, blended, ..."),
    )
    providers = models.ManyToManyField(
        "guidance.Organisation",
        blank=True,
        limit_choices_to=NOT_A_REVISION,
        related_name="initiatives",
        verbose_name=_("provider organisations"),
        help_text=_("Bodies that run or deliver it."),
    )
    related_policies = models.ManyToManyField(
        Policy,
        blank=True,
        limit_choices_to=NOT_A_REVISION,
        related_name="initiatives",
        verbose_name=_("related policies"),
        help_text=_("Policies it implements or is funded under."),
    )
    is_good_practice = models.BooleanField(
        _("good practice"),
        default=False,
        help_text=_("Tick only when the evidence of results below supports it."),
    )
    evidence_of_results = models.TextField(
        _("evidence of results"),
        blank=True,
        help_text=_("Evaluations, reach or outcomes, with their sources. Markdown."),
    )
    evidence_of_results_html = rendered_html_field(_("evidence of results as HTML"))

    history = HistoricalRecords(
        excluded_fields=derived("search_vector", "summary_html", "evidence_of_results_html"),
        m2m_fields=[
            CountryContent.sections.field,
            CountryContent.target_groups.field,
            CountryContent.sectors.field,
            CountryContent.sources.field,
            delivery_modes,
            providers,
            related_policies,
        ],
    )

    class Meta(CountryContent.Meta):
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        default_related_name = "initiatives"
        constraints = [
            *year_range_constraints("initiative"),
            *revision_constraints("initiative"),
        ]
        indexes = [
            models.Index(fields=["start_year", "end_year"], name="initiative_years"),
            # Search puts a row titled exactly as searched first, however old
            # (guidance/reading/site_search.py); `iexact` compares upper-cased titles.
            models.Index(Upper("title"), name="initiative_title_upper"),
            # As for policies.
            models.Index(
                fields=["country", "title", "id", "status", "version", "updated_at"],
                condition=Q(**NOT_A_REVISION),
                name="initiative_country_title",
            ),
        ]
