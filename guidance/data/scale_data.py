"""A synthetic inventory many times the size of the real one, for benchmarks and load tests.

Everything it writes is marked as synthetic, so it can never be mistaken for real content
and so the generator can refuse to mix into a database that holds real content:
records carry SYNTHETIC_MARK as their contributors, collections it adds carry it as
their description, and policies, initiatives, organisations and sources have links under
SYNTHETIC_URL (the .invalid top-level domain can never resolve, RFC 2606).

Countries: the real ones from fixtures/countries.yaml come first; beyond them it adds
countries with ISO 3166-1 user-assigned codes (XA..XZ without XK, which is Kosovo, then
QM..QZ), named "Synthetic country XA", so no real state is misrepresented.

The same seed and options give the same content (ids and timestamps aside). Rows are
written with bulk_create in batches, inside one transaction: bulk writes skip the change
history and the cache signals, so the content generation is bumped once at the end.
"""

import random
from dataclasses import dataclass
from datetime import timedelta
from string import ascii_uppercase

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from guidance.caching import bump_generation
from guidance.data.loading import Loader
from guidance.models import (
    Collection,
    CollectionStatus,
    Completeness,
    Country,
    CountryGroup,
    DeliveryMode,
    GuidanceSystem,
    Indicator,
    IndicatorAnswer,
    IndicatorValue,
    Initiative,
    InitiativeType,
    InstrumentType,
    Organisation,
    OrganisationType,
    Policy,
    PolicyStage,
    PolicyStageYear,
    PublicationStatus,
    RendersMarkdown,
    Section,
    SectionEntry,
    Sector,
    Source,
    TargetGroup,
)

SYNTHETIC_MARK = "Synthetic scale data (manage.py generate_scale_data)"
SYNTHETIC_URL = "https://synthetic.invalid/"
USER_ASSIGNED_CODES = [f"X{letter}" for letter in ascii_uppercase if letter != "K"] + [
    f"Q{letter}" for letter in "MNOPQRSTUVWXYZ"
]
STAGE_ORDER = [
    PolicyStage.DESIGN,
    PolicyStage.LEGISLATIVE_PROCESS,
    PolicyStage.APPROVED,
    PolicyStage.PILOT,
    PolicyStage.IMPLEMENTATION,
    PolicyStage.IMPLEMENTATION,
    PolicyStage.COMPLETED,
]
ORGANISATIONS_PER_COUNTRY = 12
SOURCES_PER_COUNTRY = 40

WORDS = [
    "guidance",
    "career",
    "lifelong",
    "learning",
    "national",
    "regional",
    "local",
    "service",
    "services",
    "centre",
    "centres",
    "public",
    "employment",
    "school",
    "schools",
    "pupils",
    "students",
    "adults",
    "jobseekers",
    "young",
    "people",
    "migrants",
    "vocational",
    "education",
    "training",
    "higher",
    "university",
    "counsellors",
    "counselling",
    "practitioners",
    "qualification",
    "qualifications",
    "standards",
    "quality",
    "assurance",
    "strategy",
    "policy",
    "law",
    "decree",
    "ministry",
    "agency",
    "network",
    "networks",
    "cooperation",
    "coordination",
    "forum",
    "stakeholders",
    "social",
    "partners",
    "employers",
    "information",
    "labour",
    "market",
    "skills",
    "competences",
    "management",
    "portal",
    "online",
    "tools",
    "assessment",
    "validation",
    "prior",
    "funding",
    "programme",
    "programmes",
    "European",
    "Social",
    "Fund",
    "reform",
    "development",
    "implementation",
    "evaluation",
    "monitoring",
    "outcomes",
    "access",
    "equity",
    "inclusion",
    "disadvantaged",
    "early",
    "leavers",
    "transitions",
    "work",
    "apprenticeships",
    "curriculum",
    "teachers",
    "training",
    "professional",
    "profile",
    "digital",
    "platform",
    "outreach",
    "municipalities",
    "regions",
    "provision",
    "free",
    "charge",
    "individual",
    "group",
    "sessions",
    "interviews",
    "web",
    "chat",
    "telephone",
    "face",
    "to",
    "face",
]


def real_content_exists():
    """True when the database holds records, policies, initiatives or organisations that
    this generator did not write."""
    return (
        GuidanceSystem.objects.exclude(contributors=SYNTHETIC_MARK).exists()
        or Policy.objects.exclude(url__startswith=SYNTHETIC_URL).exists()
        or Initiative.objects.exclude(url__startswith=SYNTHETIC_URL).exists()
        or Organisation.objects.exclude(url__startswith=SYNTHETIC_URL).exists()
    )


def synthetic_content_exists():
    return GuidanceSystem.objects.filter(contributors=SYNTHETIC_MARK).exists()


@dataclass
class Options:
    countries: int = 60
    collections: int = 6
    policies: int = 30000
    initiatives: int = 30000
    seed: int = 1
    batch_size: int = 2000


class ScaleData:
    """Writes the synthetic inventory; `progress(label, done, total)` reports each batch."""

    def __init__(self, options, progress=None):
        self.options = options
        self.random = random.Random(options.seed)
        self.progress = progress or (lambda label, done, total: None)
        self.now = timezone.now()
        self.counts = {}

    # -- text ---------------------------------------------------------------------

    def sentence(self, low=8, high=22):
        words = self.random.choices(WORDS, k=self.random.randint(low, high))
        return " ".join(words).capitalize() + "."

    def paragraph(self, low=3, high=7):
        return " ".join(self.sentence() for _ in range(self.random.randint(low, high)))

    def markdown(self, low=2, high=5):
        """Paragraphs, and now and then a bulleted list and a bold phrase, as experts write."""
        parts = [self.paragraph() for _ in range(self.random.randint(low, high))]
        if self.random.random() < 0.4:
            parts.append("\n".join(f"- {self.sentence(4, 10)}" for _ in range(3)))
        if self.random.random() < 0.3:
            parts[0] = f"**{self.sentence(2, 4)[:-1]}**: {parts[0]}"
        return "\n\n".join(parts)

    def title(self, low=4, high=11):
        return self.sentence(low, high)[:-1].title()[:300]

    def some(self, items, low, high):
        return self.random.sample(items, min(len(items), self.random.randint(low, high)))

    # -- the run ------------------------------------------------------------------

    @transaction.atomic
    def generate(self):
        Loader(settings.BASE_DIR / "fixtures").load(demo=False)
        self.sections = list(Section.objects.order_by("number"))
        self.indicators = list(Indicator.objects.order_by("position", "slug"))
        self.vocabulary = {
            model: list(model.objects.order_by("code").values_list("pk", flat=True))
            for model in (
                TargetGroup,
                Sector,
                DeliveryMode,
                OrganisationType,
                InstrumentType,
                InitiativeType,
            )
        }
        countries = self._countries()
        collections = self._collections()
        self.organisations = self._organisations(countries)
        self.sources = self._sources(countries)
        self._records(countries, collections)
        self.policies = self._policies(countries)
        self._initiatives(countries)
        transaction.on_commit(bump_generation)
        return self.counts

    def _bulk(self, model, objects):
        if issubclass(model, RendersMarkdown):
            for obj in objects:
                obj.render_markdown_fields()
        created = model.objects.bulk_create(objects, batch_size=self.options.batch_size)
        label = model._meta.verbose_name_plural
        self.counts[label] = self.counts.get(label, 0) + len(created)
        return created

    def _link(self, model, name, pairs):
        """Bulk-insert (owner id, target id) pairs into the many-to-many table `name`."""
        field = model._meta.get_field(name)
        through = field.remote_field.through
        source, target = field.m2m_column_name(), field.m2m_reverse_name()
        rows = [through(**{source: a, target: b}) for a, b in pairs]
        through.objects.bulk_create(rows, batch_size=self.options.batch_size * 4)
        label = f"{model._meta.model_name} {name} links"
        self.counts[label] = self.counts.get(label, 0) + len(rows)

    def _countries(self):
        existing = list(Country.objects.filter(parent__isnull=True).order_by("code"))
        wanted = self.options.countries
        extra = wanted - len(existing)
        if extra > len(USER_ASSIGNED_CODES):
            raise ValueError(
                f"At most {len(existing) + len(USER_ASSIGNED_CODES)} countries are possible."
            )
        taken = {country.code for country in existing}
        new = [
            Country(
                code=code,
                iso_country=code,
                name=f"Synthetic country {code}",
                group=CountryGroup.OTHER,
            )
            for code in [code for code in USER_ASSIGNED_CODES if code not in taken][: max(extra, 0)]
        ]
        return existing[:wanted] + self._bulk(Country, new)

    def _collections(self):
        existing = list(Collection.objects.order_by("-year"))
        wanted = self.options.collections
        oldest = existing[-1].year if existing else self.now.year
        new = [
            Collection(
                year=oldest - n,
                title=f"Collection {oldest - n} (synthetic)",
                description=SYNTHETIC_MARK,
                status=CollectionStatus.PUBLISHED,
            )
            for n in range(1, max(wanted - len(existing), 0) + 1)
        ]
        self._bulk(Collection, new)
        return sorted(existing[:wanted] + new, key=lambda collection: collection.year)

    def _organisations(self, countries):
        types = self.vocabulary[OrganisationType]
        objects = [
            Organisation(
                country=country,
                name=f"{self.title(3, 7)} {n}",
                original_name=self.title(3, 7),
                acronym="".join(self.random.choices(ascii_uppercase, k=self.random.randint(3, 6))),
                type_id=self.random.choice(types),
                url=f"{SYNTHETIC_URL}{country.code.lower()}/organisation-{n}",
                description=self.sentence(15, 35),
                **self._published(),
            )
            for country in countries
            for n in range(ORGANISATIONS_PER_COUNTRY)
        ]
        created = self._bulk(Organisation, objects)
        return _by_country(created)

    def _sources(self, countries):
        objects = [
            Source(
                country=country,
                title=self.title(5, 14),
                publisher=self.title(2, 4),
                year=self.random.randint(2005, 2025),
                url=f"{SYNTHETIC_URL}{country.code.lower()}/source-{n}",
                accessed_on=self.now.date(),
                **self._published(),
            )
            for country in countries
            for n in range(SOURCES_PER_COUNTRY)
        ]
        return _by_country(self._bulk(Source, objects))

    def _published(self):
        """Cited by published content, so published too (bulk_create skips save's stamping)."""
        return {"status": PublicationStatus.PUBLISHED, "published_at": self.now}

    def _records(self, countries, collections):
        previous = {}
        newest = collections[-1]
        for collection in collections:
            taken = set(
                GuidanceSystem.objects.filter(collection=collection).values_list(
                    "country_id", flat=True
                )
            )
            systems = [
                self._system(country, collection, previous.get(country.pk), collection == newest)
                for country in countries
                if country.pk not in taken
            ]
            systems = self._bulk(GuidanceSystem, systems)
            previous = {system.country_id: system for system in systems}
            self._entries(systems)
            self._indicator_values(systems)
            self.progress("records", collections.index(collection) + 1, len(collections))

    def _system(self, country, collection, based_on, newest):
        draft = newest and self.random.random() < 0.1
        return GuidanceSystem(
            country=country,
            collection=collection,
            summary=self.markdown(1, 3),
            contributors=SYNTHETIC_MARK,
            acknowledgements=self.sentence(),
            reference_period=f"January {collection.year - 2} to December {collection.year - 1}",
            based_on=based_on,
            status=PublicationStatus.DRAFT if draft else PublicationStatus.PUBLISHED,
            published_at=None
            if draft
            else self.now - timedelta(days=365 * (2026 - collection.year)),
        )

    def _entries(self, systems):
        entries = []
        for system in systems:
            for section in self.sections:
                completeness = self.random.choices(
                    [Completeness.COMPLETE, Completeness.PARTIAL, Completeness.EMPTY],
                    weights=[7, 2, 1],
                )[0]
                body = "" if completeness == Completeness.EMPTY else self.markdown()
                entries.append(
                    SectionEntry(
                        system=system, section=section, body=body, completeness=completeness
                    )
                )
        entries = self._bulk(SectionEntry, entries)
        self._link(
            SectionEntry,
            "sources",
            [
                (entry.pk, source)
                for entry in entries
                if entry.body
                for source in self.some(self.sources[entry.system.country_id], 1, 3)
            ],
        )

    def _indicator_values(self, systems):
        values = [
            IndicatorValue(
                system=system,
                indicator=indicator,
                answer=self.random.choice(IndicatorAnswer.values),
                since_year=self.random.choice([None, self.random.randint(1995, 2024)]),
                note=self.sentence(10, 30),
            )
            for system in systems
            for indicator in self.indicators
        ]
        values = self._bulk(IndicatorValue, values)
        self._link(
            IndicatorValue,
            "sources",
            [
                (value.pk, self.random.choice(self.sources[value.system.country_id]))
                for value in values
            ],
        )

    def _content(self, model, country, n, **extra):
        start = self.random.randint(1995, 2024)
        published = self.random.random() < 0.95
        return model(
            country=country,
            title=self.title(),
            original_title=self.title(),
            summary=self.markdown(1, 3),
            start_year=start,
            end_year=self.random.choice([None, None, min(start + self.random.randint(1, 8), 2030)]),
            url=f"{SYNTHETIC_URL}{country.code.lower()}/{model._meta.model_name}-{n}",
            status=PublicationStatus.PUBLISHED if published else PublicationStatus.DRAFT,
            published_at=self.now if published else None,
            **extra,
        )

    def _classify(self, model, objects):
        """Sections, target groups, sectors and sources, shared by policies and initiatives."""
        section_ids = [section.pk for section in self.sections]
        self._link(
            model, "sections", [(o.pk, s) for o in objects for s in self.some(section_ids, 1, 3)]
        )
        groups = self.vocabulary[TargetGroup]
        self._link(
            model, "target_groups", [(o.pk, g) for o in objects for g in self.some(groups, 1, 3)]
        )
        sectors = self.vocabulary[Sector]
        self._link(model, "sectors", [(o.pk, s) for o in objects for s in self.some(sectors, 1, 2)])
        self._link(
            model,
            "sources",
            [(o.pk, s) for o in objects for s in self.some(self.sources[o.country_id], 1, 2)],
        )

    def _batches(self, total):
        size = self.options.batch_size
        for start in range(0, total, size):
            yield range(start, min(start + size, total))

    def _policies(self, countries):
        types = self.vocabulary[InstrumentType]
        created = {}
        total = self.options.policies
        for batch in self._batches(total):
            policies = [
                self._content(
                    Policy,
                    countries[n % len(countries)],
                    n,
                    instrument_type_id=self.random.choice(types),
                )
                for n in batch
            ]
            policies = self._bulk(Policy, policies)
            self._bulk(PolicyStageYear, [s for p in policies for s in self._stages(p)])
            self._classify(Policy, policies)
            self._link(
                Policy,
                "responsible_organisations",
                [
                    (p.pk, o.pk)
                    for p in policies
                    for o in self.some(self.organisations[p.country_id], 1, 2)
                ],
            )
            for policy in policies:
                created.setdefault(policy.country_id, []).append(policy.pk)
            self.progress("policies", batch.stop, total)
        return created

    def _stages(self, policy):
        first = self.random.randint(0, 3)
        count = self.random.randint(2, 5)
        stages = STAGE_ORDER[first : first + count]
        return [
            PolicyStageYear(policy=policy, year=policy.start_year + offset, stage=stage)
            for offset, stage in enumerate(stages)
        ]

    def _initiatives(self, countries):
        types = self.vocabulary[InitiativeType]
        modes = self.vocabulary[DeliveryMode]
        total = self.options.initiatives
        for batch in self._batches(total):
            initiatives = []
            for n in batch:
                good = self.random.random() < 0.1
                initiatives.append(
                    self._content(
                        Initiative,
                        countries[n % len(countries)],
                        n,
                        initiative_type_id=self.random.choice(types),
                        is_good_practice=good,
                        evidence_of_results=self.markdown(1, 2) if good else "",
                    )
                )
            initiatives = self._bulk(Initiative, initiatives)
            self._classify(Initiative, initiatives)
            self._link(
                Initiative,
                "delivery_modes",
                [(i.pk, m) for i in initiatives for m in self.some(modes, 1, 2)],
            )
            self._link(
                Initiative,
                "providers",
                [
                    (i.pk, o.pk)
                    for i in initiatives
                    for o in self.some(self.organisations[i.country_id], 1, 2)
                ],
            )
            self._link(
                Initiative,
                "related_policies",
                [
                    (i.pk, p)
                    for i in initiatives
                    for p in self.some(self.policies.get(i.country_id, []), 0, 2)
                ],
            )
            self.progress("initiatives", batch.stop, total)


def _by_country(objects):
    grouped = {}
    for obj in objects:
        grouped.setdefault(obj.country_id, []).append(obj.pk if isinstance(obj, Source) else obj)
    return grouped
