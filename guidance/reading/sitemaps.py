"""The sitemaps: every public page a search engine should know, published content only.

Every page is listed once per interface language (English unprefixed, /fr/... for the
others), each entry with `xhtml:link` alternates naming the page in every language and an
x-default (the English page), as search engines read hreflang from a sitemap.

/sitemap.xml is an index of the sections below (/sitemap-<section>.xml, inventory/urls.py),
each split into pages (`?p=2`) of at most `LocalisedSitemap.limit` entries: the protocol
allows 50,000 URLs a file, and each entry names 1 + 6 + 1 of them (itself, each language,
x-default), so thousands of policies in six languages fill many files.
"""

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.sitemaps import Sitemap
from django.core.paginator import Paginator
from django.db.models import Max, QuerySet
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
MAX_URLS_PER_FILE = 50_000  # the sitemap protocol's limit
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
URLS_PER_ENTRY = 1 + len(LANGUAGE_CODES) + 1  # its <loc>, an alternate per language, x-default
# 200 pages of the site in every language a file (1,200 entries, 9,600 URLs, about 0.9 MB):
# far under the protocol's limit, because a file is built on request and a full one
# (6,246 entries) took 4.5 s to build cold at scale. Whole pages only, so that a page's
# languages share a file.
PAGES_PER_FILE = 200
ENTRIES_PER_FILE = PAGES_PER_FILE * len(LANGUAGE_CODES)


class LocalisedItems:
    """A sitemap's items once per language, (item, language) as Sitemap._items lists them.

    Django's own list loads every item to paginate; this one counts them in the database
    and loads only the items of the page asked for (one COUNT, one sliced SELECT).
    """

    def __init__(self, items, languages):
        self.items = items
        self.languages = languages

    def __len__(self):
        if isinstance(self.items, QuerySet):
            return self.items.count() * len(self.languages)
        return len(self.items) * len(self.languages)

    def __getitem__(self, entries):
        per_item = len(self.languages)
        first = entries.start // per_item
        last = -(-entries.stop // per_item)
        pairs = [(item, code) for item in self.items[first:last] for code in self.languages]
        skipped = first * per_item
        return pairs[entries.start - skipped : entries.stop - skipped]


class LocalisedSitemap(Sitemap):
    """A sitemap listing each page in each language of settings.LANGUAGES, with alternates."""

    i18n = True
    alternates = True
    x_default = True
    limit = ENTRIES_PER_FILE

    @property
    def paginator(self):
        return Paginator(LocalisedItems(self.items(), self._languages()), self.limit)


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

    def get_latest_lastmod(self):
        """For the index, from the database (Django's default loads every row)."""
        return self.items().aggregate(latest=Max("updated_at"))["latest"]


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

    def get_latest_lastmod(self):
        """For the index, from the database (Django's default loads every row)."""
        return self.public().aggregate(latest=Max("updated_at"))["latest"]


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
