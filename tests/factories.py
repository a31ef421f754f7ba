"""Small helpers that make one valid object each; pass keyword arguments to vary it."""

from itertools import count

from django.utils import timezone

from guidance.models import (
    Collection,
    Completeness,
    Country,
    CountryGroup,
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
    PublicationStatus,
    Section,
    SectionEntry,
    Source,
)

_sequence = count(1)


def _next():
    return next(_sequence)


def _published_by_default(kwargs):
    kwargs.setdefault("status", PublicationStatus.PUBLISHED)
    if kwargs["status"] == PublicationStatus.PUBLISHED:
        kwargs.setdefault("published_at", timezone.now())


def make_country(**kwargs):
    kwargs.setdefault("code", "IT")
    kwargs.setdefault("iso_country", kwargs["code"].split("-")[0])
    kwargs.setdefault("name", f"Country {kwargs['code']}")
    kwargs.setdefault("group", CountryGroup.EU)
    return Country.objects.create(**kwargs)


def make_collection(**kwargs):
    kwargs.setdefault("year", 2023)
    return Collection.objects.create(**kwargs)


def make_section(**kwargs):
    n = _next()
    kwargs.setdefault("number", n)
    kwargs.setdefault("slug", f"section-{n}")
    kwargs.setdefault("title", f"Section {n}")
    return Section.objects.create(**kwargs)


def make_system(**kwargs):
    _published_by_default(kwargs)
    kwargs.setdefault("summary", "A summary.")
    return GuidanceSystem.objects.create(**kwargs)


def make_entry(**kwargs):
    kwargs.setdefault("body", f"Text of entry {_next()}.")
    kwargs.setdefault("completeness", Completeness.COMPLETE)
    return SectionEntry.objects.create(**kwargs)


def make_indicator(**kwargs):
    n = _next()
    kwargs.setdefault("slug", f"indicator-{n}")
    kwargs.setdefault("name", f"Indicator {n}")
    kwargs.setdefault("question", f"Question {n}?")
    kwargs.setdefault("position", n)
    return Indicator.objects.create(**kwargs)


def make_indicator_value(**kwargs):
    kwargs.setdefault("answer", IndicatorAnswer.YES)
    return IndicatorValue.objects.create(**kwargs)


def make_source(**kwargs):
    n = _next()
    _published_by_default(kwargs)
    kwargs.setdefault("title", f"Source {n}")
    kwargs.setdefault("url", f"https://example.org/source-{n}")
    return Source.objects.create(**kwargs)


def make_organisation(**kwargs):
    n = _next()
    _published_by_default(kwargs)
    kwargs.setdefault("name", f"Organisation {n}")
    if "type" not in kwargs:
        kwargs["type"], _ = OrganisationType.objects.get_or_create(
            code="ministry", defaults={"name": "Ministry"}
        )
    return Organisation.objects.create(**kwargs)


def make_policy(**kwargs):
    kwargs.setdefault("title", f"Policy {_next()}")
    _published_by_default(kwargs)
    if "instrument_type" not in kwargs:
        kwargs["instrument_type"], _ = InstrumentType.objects.get_or_create(
            code="strategy", defaults={"name": "Strategy"}
        )
    return Policy.objects.create(**kwargs)


def make_initiative(**kwargs):
    kwargs.setdefault("title", f"Initiative {_next()}")
    _published_by_default(kwargs)
    if "initiative_type" not in kwargs:
        kwargs["initiative_type"], _ = InitiativeType.objects.get_or_create(
            code="service", defaults={"name": "Service"}
        )
    return Initiative.objects.create(**kwargs)
