"""sitemap.xml: every public page a search engine should know, published content only.

Every page is listed once per interface language (English unprefixed, /fr/... for the
others), each entry with `xhtml:link` alternates naming the page in every language and an
x-default (the English page), as search engines read hreflang from a sitemap.
"""

from django.contrib.auth.models import AnonymousUser
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from guidance.models import (
    Country,
    GuidanceSystem,
    Indicator,
    Initiative,
    Organisation,
    Policy,
    PublicationStatus,
    Section,
)
from guidance.rules import permissions

PUBLISHED = {"status": PublicationStatus.PUBLISHED}


class LocalisedSitemap(Sitemap):
    """A sitemap listing each page in each language of settings.LANGUAGES, with alternates."""

    i18n = True
    alternates = True
    x_default = True


class StaticPagesSitemap(LocalisedSitemap):
    changefreq = "weekly"

    def items(self):
        return [
            "guidance:home",
            "guidance:countries",
            "guidance:compare",
            "guidance:section-index",
            "guidance:coverage",
            "guidance:indicators",
            "guidance:policies",
            "guidance:policy-map",
            "guidance:policy-timeline",
            "guidance:initiatives",
            "guidance:organisations",
            "guidance:about",
            "guidance:accessibility",
            "guidance:how-to-cite",
            "guidance:licence",
        ]

    def location(self, name):
        return reverse(name)


class CountrySitemap(LocalisedSitemap):
    changefreq = "monthly"

    def items(self):
        return Country.objects.order_by("code")

    def location(self, country):
        return reverse("guidance:country", args=[country.code])


class RecordSitemap(LocalisedSitemap):
    """Each published record's permalink: it never changes for its collection."""

    changefreq = "yearly"

    def items(self):
        return (
            GuidanceSystem.objects.filter(**PUBLISHED)
            .select_related("country", "collection")
            .order_by("country__code", "collection__year")
        )

    def location(self, record):
        return reverse("guidance:country-year", args=[record.country.code, record.collection.year])

    def lastmod(self, record):
        return record.updated_at


class CountryCoverageSitemap(LocalisedSitemap):
    """The chart of each country's section coverage, for countries with a published record."""

    changefreq = "yearly"

    def items(self):
        published = GuidanceSystem.objects.filter(**PUBLISHED, revision_of__isnull=True)
        return Country.objects.filter(systems__in=published).distinct().order_by("code")

    def location(self, country):
        return reverse("guidance:country-coverage", args=[country.code])


class SectionSitemap(LocalisedSitemap):
    changefreq = "monthly"

    def items(self):
        return Section.objects.order_by("number")

    def location(self, section):
        return reverse("guidance:section", args=[section.slug])


class IndicatorSitemap(LocalisedSitemap):
    changefreq = "monthly"

    def items(self):
        return Indicator.objects.order_by("slug")

    def location(self, indicator):
        return reverse("guidance:indicator", args=[indicator.slug])


class ItemSitemap(LocalisedSitemap):
    changefreq = "monthly"
    model = None
    url_name = None

    def public(self):
        return permissions.visible(self.model.objects.all(), AnonymousUser())

    def items(self):
        return self.public().only("pk", "updated_at").order_by("pk")

    def location(self, item):
        return reverse(self.url_name, args=[item.pk])

    def lastmod(self, item):
        return item.updated_at


class PolicySitemap(ItemSitemap):
    model = Policy
    url_name = "guidance:policy"


class InitiativeSitemap(ItemSitemap):
    model = Initiative
    url_name = "guidance:initiative"


class OrganisationSitemap(ItemSitemap):
    model = Organisation
    url_name = "guidance:organisation"


SITEMAPS = {
    "pages": StaticPagesSitemap,
    "countries": CountrySitemap,
    "records": RecordSitemap,
    "country-coverage": CountryCoverageSitemap,
    "sections": SectionSitemap,
    "indicators": IndicatorSitemap,
    "policies": PolicySitemap,
    "initiatives": InitiativeSitemap,
    "organisations": OrganisationSitemap,
}
