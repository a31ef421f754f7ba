"""What a reader asked a comparison for, read from the query string: the one parser of
/compare/ (page, print, CSV) and /api/v1/comparison/.

The whole state of a comparison lives in the URL (`?countries=IT,DE&sections=access&
collection=2023`), so that it can be shared. A value may be given comma-separated or
repeated (the form's checkboxes repeat it); the pages redirect the repeated form to the
comma-separated one. Nothing here raises: an unknown parameter or a value that names
nothing becomes a message under the parameter's name, shown by the page and answered as
a 400 by the API. Naming no sections (or indicators) means all of them.
"""

import hashlib
from dataclasses import dataclass, field
from functools import lru_cache

import django
from django.core.cache import cache
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import ngettext, ngettext_lazy

from guidance.caching import content_generation
from guidance.models import Collection, Country, CountryGroup, Indicator, Section
from guidance.query.params import split_values, whole_number
from guidance.query.validation import unknown_params

# How long the choices of one content generation are kept; a new generation is a new key.
CHOICES_SECONDS = 24 * 3600
# At most this many codes or slugs in one parameter.
MAX_CODES = 100
PARAMS = ("countries", "groups", "sections", "indicators", "collection")
# Country groups are the model's values, as on /indicators/ and in the API.
GROUPS = CountryGroup.values
# The spellings /compare/ used before; links shared with them are redirected (301).
OLD_GROUP_SPELLINGS = {
    "eea-efta": CountryGroup.EEA_EFTA,
    "candidates": CountryGroup.CANDIDATE,
    "potential-candidates": CountryGroup.POTENTIAL_CANDIDATE,
}


@dataclass
class ComparisonChoices:
    """Everything a comparison may name: countries (by name), sections, indicators, years."""

    countries: list
    sections: list
    indicators: list
    years: list
    default_year: int | None

    @classmethod
    def load(cls):
        """The choices as of the current content generation, from the cache when it has them.

        Four queries of structure that changes a few times a year, on every comparison;
        every save of a country, section, indicator or collection bumps the generation
        (guidance/caching.py), so a key naming it never serves an older structure. The key
        also names the models' fields, so that a deployment changing them never reads rows
        pickled without their new fields.
        """
        key = f"comparison-choices:{content_generation()}:{_fields_digest()}"
        choices = cache.get(key)
        if choices is None:
            choices = cls.read()
            cache.set(key, choices, CHOICES_SECONDS)
        return choices

    @classmethod
    def read(cls):
        years, default_year = Collection.objects.years_and_default()
        return cls(
            countries=list(Country.objects.order_by("name")),
            sections=list(Section.objects.all()),
            indicators=list(Indicator.objects.all()),
            years=years,
            default_year=default_year,
        )


@lru_cache(maxsize=1)
def _fields_digest():
    fields = [
        (model._meta.label, [field.attname for field in model._meta.concrete_fields])
        for model in (Country, Section, Indicator)
    ]
    return hashlib.sha256(repr((django.VERSION, fields)).encode()).hexdigest()[:16]


@dataclass
class GridQuery:
    country_codes: list = field(default_factory=list)
    group_keys: list = field(default_factory=list)
    section_slugs: list = field(default_factory=list)
    indicator_slugs: list = field(default_factory=list)
    chosen_countries: list = field(default_factory=list)  # by code, in the URL's order
    countries: list = field(default_factory=list)  # the chosen ones, then the groups' members
    sections: list = field(default_factory=list)  # named ones, or all when none is named
    indicators: list = field(default_factory=list)  # likewise
    year: int | None = None
    errors: dict = field(default_factory=dict)

    def add_error(self, name, message):
        self.errors.setdefault(name, []).append(message)

    def as_params(self):
        """The canonical query string parameters, comma-separated, empty ones left out."""
        params = {
            "countries": ",".join(self.country_codes),
            "groups": ",".join(self.group_keys),
            "sections": ",".join(self.section_slugs),
            "indicators": ",".join(self.indicator_slugs),
            "collection": str(self.year) if self.year else "",
        }
        return {name: value for name, value in params.items() if value}


def needs_canonical_redirect(params):
    return any(len(params.getlist(name)) > 1 for name in params)


def has_old_group_spellings(params):
    return any(key in OLD_GROUP_SPELLINGS for key in split_values(params, "groups"))


def canonical_params(params):
    """The comma-separated form of `params`, with groups in today's spelling."""
    canonical = {name: ",".join(split_values(params, name)) for name in PARAMS}
    canonical["groups"] = ",".join(
        OLD_GROUP_SPELLINGS.get(key, key) for key in split_values(params, "groups")
    )
    return {name: value for name, value in canonical.items() if value}


def read_year(params, years, default):
    """The collection year asked for, or (default, message) when it is not a known year."""
    raw = params.get("collection", "").strip()
    if not raw:
        return default, None
    year = whole_number(raw)
    if year is None or len(raw) > 4:
        return default, _("“%(value)s” is not a collection year.") % {"value": raw[:20]}
    if year not in years:
        return default, _("There is no collection %(year)s.") % {"year": raw}
    return year, None


def read_grid_query(params, choices, *, also_allowed=()):
    """Resolve codes, groups, slugs and the year against `choices` (ComparisonChoices)."""
    query = GridQuery()
    for name, messages in unknown_params(params, {*PARAMS, *also_allowed}).items():
        query.errors[name] = messages
    query.year, year_error = read_year(params, choices.years, choices.default_year)
    if year_error:
        query.add_error("collection", year_error)
    _read_countries(query, params, choices.countries)
    _read_groups(query, params, choices.countries)
    query.section_slugs, named_sections = _read_slugs(
        query, params, "sections", choices.sections, SECTION_MESSAGES
    )
    query.sections = named_sections or list(choices.sections)
    query.indicator_slugs, named_indicators = _read_slugs(
        query, params, "indicators", choices.indicators, INDICATOR_MESSAGES
    )
    query.indicators = named_indicators or list(choices.indicators)
    return query


def _read_countries(query, params, countries):
    codes = [code.upper() for code in split_values(params, "countries")]
    if len(codes) > MAX_CODES:
        query.add_error(
            "countries",
            _("Too many countries: %(count)s given, at most %(max)s.")
            % {"count": len(codes), "max": MAX_CODES},
        )
        return
    by_code = {country.code: country for country in countries}
    unknown = [code for code in codes if code not in by_code]
    if unknown:
        query.add_error(
            "countries",
            ngettext(
                "Unknown country code: %(codes)s.",
                "Unknown country codes: %(codes)s.",
                len(unknown),
            )
            % {"codes": ", ".join(code[:10] for code in unknown[:10])},
        )
    query.country_codes = list(dict.fromkeys(code for code in codes if code in by_code))
    query.chosen_countries = [by_code[code] for code in query.country_codes]
    query.countries = list(query.chosen_countries)


def _read_groups(query, params, countries):
    keys = split_values(params, "groups")
    unknown = [key for key in keys if key not in GROUPS]
    if unknown:
        query.add_error(
            "groups",
            ngettext("Unknown group: %(keys)s.", "Unknown groups: %(keys)s.", len(unknown))
            % {"keys": ", ".join(key[:40] for key in unknown[:10])}
            + " "
            + _("Choose from %(keys)s.") % {"keys": ", ".join(GROUPS)},
        )
    query.group_keys = list(dict.fromkeys(key for key in keys if key in GROUPS))
    groups = set(query.group_keys)
    query.countries += [
        country
        for country in countries
        if country.group in groups and country.code not in query.country_codes
    ]


SECTION_MESSAGES = {
    "too_many": _lazy("Too many sections: %(count)s given, at most %(max)s."),
    "unknown": ngettext_lazy(
        "Unknown section: %(slugs)s.", "Unknown sections: %(slugs)s.", "count"
    ),
}
INDICATOR_MESSAGES = {
    "too_many": _lazy("Too many indicators: %(count)s given, at most %(max)s."),
    "unknown": ngettext_lazy(
        "Unknown indicator: %(slugs)s.", "Unknown indicators: %(slugs)s.", "count"
    ),
}


def _read_slugs(query, params, name, items, messages):
    """(the known slugs named in `name`, in the URL's order, and their items)."""
    slugs = split_values(params, name)
    if len(slugs) > MAX_CODES:
        query.add_error(name, messages["too_many"] % {"count": len(slugs), "max": MAX_CODES})
        return [], []
    by_slug = {item.slug: item for item in items}
    unknown = [slug for slug in slugs if slug not in by_slug]
    if unknown:
        shown = ", ".join(slug[:40] for slug in unknown[:10])
        query.add_error(name, messages["unknown"] % {"count": len(unknown), "slugs": shown})
    known = list(dict.fromkeys(slug for slug in slugs if slug in by_slug))
    return known, [by_slug[slug] for slug in known]
