"""Load the reference data and the demo inventory from the YAML files in fixtures/.

Loading is idempotent: every object is looked up by its natural key (a country code,
a section slug, a source URL, ...) and saved only when a value differs, so a second
run writes nothing and adds no history. It never deletes. It is atomic: one
transaction, and any error rolls it back and names the file and the record.
"""

from collections import Counter
from datetime import UTC, date, datetime, time
from pathlib import Path

import yaml
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction

from guidance.models import (
    Collection,
    Country,
    DeliveryMode,
    GuidanceSystem,
    Indicator,
    IndicatorValue,
    Initiative,
    InitiativeType,
    InstrumentType,
    Organisation,
    OrganisationType,
    Policy,
    PolicyStageYear,
    PublicationStatus,
    Release,
    Section,
    SectionEntry,
    Sector,
    Source,
    TargetGroup,
)
from guidance.models.revisable import Revisable
from guidance.rules.closing import ensure_release

REFERENCE_FILES = ("countries", "sections", "vocabularies", "indicators", "collections")
VOCABULARIES = {
    "target_groups": TargetGroup,
    "sectors": Sector,
    "delivery_modes": DeliveryMode,
    "organisation_types": OrganisationType,
    "instrument_types": InstrumentType,
    "initiative_types": InitiativeType,
}


class FixtureError(Exception):
    """A fixture file is malformed; the message names the file and the record."""


class _StrictBoolLoader(yaml.SafeLoader):
    """YAML 1.2 booleans: only true/false, so `no` (Norway, an answer) stays a string."""


_StrictBoolLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_StrictBoolLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", yaml.resolver.re.compile(r"^(?:true|false)$"), list("tf")
)


def read_yaml(path):
    try:
        with open(path, encoding="utf-8") as stream:
            data = yaml.load(stream, Loader=_StrictBoolLoader)
    except yaml.YAMLError as error:
        raise FixtureError(f"{path}: not valid YAML: {error}") from None
    if not isinstance(data, dict):
        raise FixtureError(f"{path}: expected a mapping at the top level")
    return data


class Loader:
    """Upserts objects by natural key and counts what it created, updated or left alone."""

    def __init__(self, fixtures_dir):
        self.fixtures_dir = Path(fixtures_dir)
        self.stats = Counter()
        self.source_owner = {}

    @transaction.atomic
    def load(self, demo=True):
        for name in REFERENCE_FILES:
            path = self.fixtures_dir / f"{name}.yaml"
            getattr(self, f"_load_{name}")(read_yaml(path), path)
        if demo:
            for path in sorted((self.fixtures_dir / "demo").glob("*.yaml")):
                CountryFile(self, path).load()
            self._release_closed_collections()
        return self.stats

    def _release_closed_collections(self):
        """A release for each collection the demo has closed, written once (the first load).

        Collections closed in the admin get theirs when closed (guidance/rules/closing.py);
        the demo's are published by its fixtures, so /downloads/ lists their releases too.
        """
        label = Release._meta.verbose_name_plural
        for collection in Collection.objects.published().order_by("year"):
            _release, created = ensure_release(collection)
            self.stats[(label, "created" if created else "unchanged")] += 1

    # -- the shared mechanism -------------------------------------------------

    def upsert(self, model, lookup, values, where):
        obj = _rows(model).filter(**lookup).first()
        label = model._meta.verbose_name_plural
        if obj is None:
            obj = model(**lookup, **values)
            self._save(obj, where)
            self.stats[(label, "created")] += 1
            return obj
        changed = [name for name, value in values.items() if not _same(obj, name, value)]
        if not changed:
            self.stats[(label, "unchanged")] += 1
            return obj
        for name in changed:
            setattr(obj, name, values[name])
        self._save(obj, where)
        self.stats[(label, "updated")] += 1
        return obj

    def set_relations(self, obj, relations, where):
        """Set many-to-many relations; when any differs, record them all in one history row.

        simple-history writes a history row for every m2m change; setting eight relations
        of a new initiative would leave eight rows. They are set quietly instead, and one
        save afterwards records the object with all its relations.
        """
        changed = False
        obj.skip_history_when_saving = True
        try:
            for name, targets in relations.items():
                manager = getattr(obj, name)
                if set(manager.values_list("pk", flat=True)) != {target.pk for target in targets}:
                    manager.set(targets)
                    changed = True
        finally:
            del obj.skip_history_when_saving
        if changed:
            self._save(obj, where)

    def _save(self, obj, where):
        try:
            obj.full_clean()
        except ValidationError as error:
            raise FixtureError(f"{where}: {_describe(error)}") from None
        obj._change_reason = "load_demo"
        obj.save()

    # -- reference files ------------------------------------------------------

    def _load_countries(self, data, path):
        for index, item in enumerate(_list(data, "countries", path)):
            where = f"{path}: countries[{index}] {_label(item, 'code')}"
            _check_keys(
                item, {"code", "name", "group", "state", "parent"}, {"code", "name", "group"}, where
            )
            parent = None
            if item.get("parent"):
                parent = Country.objects.filter(code=item["parent"]).first()
                if parent is None:
                    raise FixtureError(f"{where}: unknown parent country {item['parent']!r}")
            self.upsert(
                Country,
                {"code": item["code"]},
                {
                    "name": item["name"],
                    "group": item["group"],
                    "iso_country": item.get("state", item["code"]),
                    "parent": parent,
                },
                where,
            )

    def _load_sections(self, data, path):
        for index, item in enumerate(_list(data, "sections", path)):
            where = f"{path}: sections[{index}] {_label(item, 'slug')}"
            _check_keys(
                item,
                {"number", "slug", "title", "group", "description"},
                {"number", "slug", "title"},
                where,
            )
            values = {k: item[k] for k in ("number", "title", "group", "description") if k in item}
            self.upsert(Section, {"slug": item["slug"]}, values, where)

    def _load_vocabularies(self, data, path):
        unknown = set(data) - set(VOCABULARIES)
        if unknown:
            raise FixtureError(f"{path}: unknown vocabularies {sorted(unknown)}")
        for key, model in VOCABULARIES.items():
            for position, item in enumerate(_list(data, key, path), start=1):
                where = f"{path}: {key}[{position - 1}] {_label(item, 'code')}"
                _check_keys(item, {"code", "name", "description"}, {"code", "name"}, where)
                values = {
                    "name": item["name"],
                    "description": item.get("description", ""),
                    "position": position,
                }
                self.upsert(model, {"code": item["code"]}, values, where)

    def _load_indicators(self, data, path):
        sections = {section.slug: section for section in Section.objects.all()}
        for position, item in enumerate(_list(data, "indicators", path), start=1):
            where = f"{path}: indicators[{position - 1}] {_label(item, 'slug')}"
            _check_keys(
                item,
                {"slug", "name", "question", "description", "section"},
                {"slug", "name", "question"},
                where,
            )
            section = (
                _lookup(sections, item.get("section"), "section", where)
                if item.get("section")
                else None
            )
            values = {
                "name": item["name"],
                "question": item["question"],
                "description": item.get("description", ""),
                "section": section,
                "position": position,
            }
            self.upsert(Indicator, {"slug": item["slug"]}, values, where)

    def _load_collections(self, data, path):
        for index, item in enumerate(_list(data, "collections", path)):
            where = f"{path}: collections[{index}] {_label(item, 'year')}"
            fields = (
                "title",
                "description",
                "status",
                "reference_start",
                "reference_end",
                "published_on",
            )
            _check_keys(item, {"year", *fields}, {"year"}, where)
            values = {k: item[k] for k in fields if k in item}
            self.upsert(Collection, {"year": item["year"]}, values, where)


class CountryFile:
    """One fixtures/demo/<code>.yaml file: a country's sources, organisations, records and policies."""

    TOP_LEVEL = {"country", "sources", "organisations", "records", "policies", "initiatives"}

    def __init__(self, loader, path):
        self.loader = loader
        self.path = path
        self.sources = {}
        self.organisations = {}
        self.policies = {}

    def load(self):
        data = read_yaml(self.path)
        _check_keys(data, self.TOP_LEVEL, {"country"}, str(self.path))
        self.country = Country.objects.filter(code=data["country"]).first()
        if self.country is None:
            raise FixtureError(f"{self.path}: country: unknown country code {data['country']!r}")
        self.vocab = {
            key: {o.code: o for o in model.objects.all()} for key, model in VOCABULARIES.items()
        }
        self.sections = {section.slug: section for section in Section.objects.all()}
        self.indicators = {indicator.slug: indicator for indicator in Indicator.objects.all()}
        self.collections = {collection.year: collection for collection in Collection.objects.all()}

        where = str(self.path)
        for key, item in _mapping(data, "sources", where).items():
            self.sources[key] = self._load_source(key, item)
        for key, item in _mapping(data, "organisations", where).items():
            self.organisations[key] = self._load_organisation(key, item)
        previous = None
        for index, item in enumerate(_sequence(data, "records", where)):
            previous = self._load_record(index, item, previous)
        for index, item in enumerate(_sequence(data, "policies", where)):
            self._load_policy(index, item)
        for index, item in enumerate(_sequence(data, "initiatives", where)):
            self._load_initiative(index, item)

    def _load_source(self, key, item):
        where = f"{self.path}: sources.{key}"
        _check_keys(
            item, {"title", "publisher", "year", "url", "accessed_on"}, {"title", "url"}, where
        )
        owner = self.loader.source_owner.setdefault(item["url"], self.path)
        if owner != self.path:
            raise FixtureError(
                f"{where}: URL already defined in {owner}; each file owns its sources"
            )
        values = {
            "title": item["title"],
            "publisher": item.get("publisher", ""),
            "year": item.get("year"),
            "accessed_on": item.get("accessed_on"),
            "country": self.country,
            "status": PublicationStatus.PUBLISHED,
            "published_at": self._first_listing_time(item.get("year")),
        }
        return self.loader.upsert(Source, {"url": item["url"]}, values, where)

    def _load_organisation(self, key, item):
        where = f"{self.path}: organisations.{key}"
        fields = {
            "name",
            "original_name",
            "acronym",
            "type",
            "url",
            "description",
            "start_year",
            "end_year",
        }
        _check_keys(item, fields, {"name", "type"}, where)
        values = {k: item.get(k, "") for k in ("original_name", "acronym", "url", "description")}
        values["start_year"] = item.get("start_year")
        values["end_year"] = item.get("end_year")
        values["type"] = _lookup(
            self.vocab["organisation_types"], item["type"], "organisation type", where
        )
        values["status"] = PublicationStatus.PUBLISHED
        values["published_at"] = self._first_listing_time(values["start_year"])
        return self.loader.upsert(
            Organisation, {"country": self.country, "name": item["name"]}, values, where
        )

    def _load_record(self, index, item, previous):
        where = f"{self.path}: records[{index}] ({_label(item, 'collection')})"
        fields = {
            "collection",
            "status",
            "reference_period",
            "summary",
            "contributors",
            "acknowledgements",
            "sections",
            "indicators",
        }
        _check_keys(item, fields, {"collection", "status"}, where)
        collection = _lookup(self.collections, item["collection"], "collection", where)
        lookup = {"country": self.country, "collection": collection}
        values = {
            "summary": item.get("summary", ""),
            "reference_period": item.get("reference_period", ""),
            "acknowledgements": item.get("acknowledgements", ""),
            "contributors": item.get("contributors") or settings.DEMO_INVENTORY_AUTHOR,
            "based_on": previous,
            "status": item["status"],
        }
        if item["status"] == PublicationStatus.PUBLISHED:
            values["published_at"] = _publication_time(collection)
        system = self.loader.upsert(GuidanceSystem, lookup, values, where)
        for slug, entry in _mapping(item, "sections", where).items():
            self._load_entry(system, slug, entry, f"{where} sections.{slug}")
        for slug, value in _mapping(item, "indicators", where).items():
            self._load_indicator_value(system, slug, value, f"{where} indicators.{slug}")
        return system

    def _load_entry(self, system, slug, item, where):
        _check_keys(item, {"completeness", "body", "sources"}, {"completeness"}, where)
        section = _lookup(self.sections, slug, "section", where)
        values = {"body": (item.get("body") or "").strip(), "completeness": item["completeness"]}
        entry = self.loader.upsert(
            SectionEntry, {"system": system, "section": section}, values, where
        )
        sources = self._refs(self.sources, item.get("sources"), "source", where)
        self.loader.set_relations(entry, {"sources": sources}, where)

    def _load_indicator_value(self, system, slug, item, where):
        _check_keys(item, {"answer", "since", "until", "note", "sources"}, {"answer"}, where)
        indicator = _lookup(self.indicators, slug, "indicator", where)
        values = {
            "answer": item["answer"],
            "since_year": item.get("since"),
            "until_year": item.get("until"),
            "note": item.get("note", ""),
        }
        value = self.loader.upsert(
            IndicatorValue, {"system": system, "indicator": indicator}, values, where
        )
        sources = self._refs(self.sources, item.get("sources"), "source", where)
        self.loader.set_relations(value, {"sources": sources}, where)

    COMMON = {
        "title",
        "original_title",
        "status",
        "summary",
        "start_year",
        "end_year",
        "url",
        "sections",
        "target_groups",
        "sectors",
        "sources",
    }

    def _common_values(self, item):
        lookup = {"country": self.country, "title": item["title"]}
        values = {
            "original_title": item.get("original_title", ""),
            "summary": (item.get("summary") or "").strip(),
            "start_year": item.get("start_year"),
            "end_year": item.get("end_year"),
            "url": item.get("url", ""),
            "status": item["status"],
        }
        if item["status"] == PublicationStatus.PUBLISHED:
            values["published_at"] = self._first_listing_time(values["start_year"])
        return lookup, values

    def _common_relations(self, item, where):
        return {
            "sections": self._refs(self.sections, item.get("sections"), "section", where),
            "target_groups": self._refs(
                self.vocab["target_groups"], item.get("target_groups"), "target group", where
            ),
            "sectors": self._refs(self.vocab["sectors"], item.get("sectors"), "sector", where),
            "sources": self._refs(self.sources, item.get("sources"), "source", where),
        }

    def _load_policy(self, index, item):
        where = f"{self.path}: policies[{index}] {_label(item, 'title')!r}"
        fields = self.COMMON | {"key", "instrument_type", "stages", "responsible_organisations"}
        _check_keys(item, fields, {"title", "status", "instrument_type"}, where)
        lookup, values = self._common_values(item)
        values["instrument_type"] = _lookup(
            self.vocab["instrument_types"], item["instrument_type"], "instrument type", where
        )
        policy = self.loader.upsert(Policy, lookup, values, where)
        relations = self._common_relations(item, where)
        relations["responsible_organisations"] = self._refs(
            self.organisations, item.get("responsible_organisations"), "organisation", where
        )
        self.loader.set_relations(policy, relations, where)
        for year, stage in _mapping(item, "stages", where).items():
            self.loader.upsert(
                PolicyStageYear,
                {"policy": policy, "year": year},
                {"stage": stage},
                f"{where} stages.{year}",
            )
        if item.get("key"):
            self.policies[item["key"]] = policy

    def _load_initiative(self, index, item):
        where = f"{self.path}: initiatives[{index}] {_label(item, 'title')!r}"
        fields = self.COMMON | {
            "initiative_type",
            "delivery_modes",
            "providers",
            "related_policies",
            "is_good_practice",
            "evidence_of_results",
        }
        _check_keys(item, fields, {"title", "status", "initiative_type"}, where)
        lookup, values = self._common_values(item)
        values["initiative_type"] = _lookup(
            self.vocab["initiative_types"], item["initiative_type"], "initiative type", where
        )
        values["is_good_practice"] = item.get("is_good_practice", False)
        values["evidence_of_results"] = (item.get("evidence_of_results") or "").strip()
        initiative = self.loader.upsert(Initiative, lookup, values, where)
        relations = self._common_relations(item, where)
        relations["delivery_modes"] = self._refs(
            self.vocab["delivery_modes"], item.get("delivery_modes"), "delivery mode", where
        )
        relations["providers"] = self._refs(
            self.organisations, item.get("providers"), "organisation", where
        )
        relations["related_policies"] = self._refs(
            self.policies, item.get("related_policies"), "policy", where
        )
        self.loader.set_relations(initiative, relations, where)

    def _first_listing_time(self, start_year):
        """When demo content was published: with the first collection whose period it reaches.

        A policy started in 2021 first appears in the 2021 collection's records, so it is
        dated by that collection's publication, not by the day the demo was loaded; one
        without a start year, or that ended before the first period, by the first
        collection's. Content that starts after every period is dated with the newest one.
        """
        collections = sorted(self.collections.values(), key=lambda c: c.year)
        for collection in collections:
            if start_year is None or start_year <= collection.period_end:
                return _publication_time(collection)
        return _publication_time(collections[-1]) if collections else None

    def _refs(self, table, keys, kind, where):
        if keys is not None and not isinstance(keys, list):
            raise FixtureError(f"{where}: expected a list of {kind} keys, got {keys!r}")
        return [_lookup(table, key, kind, where) for key in keys or []]


def _rows(model):
    """The rows fixtures name; a change proposed to one (a revision) shares its name or URL."""
    if issubclass(model, Revisable):
        return model.objects.live()
    return model.objects.all()


def _same(obj, name, value):
    if isinstance(value, models.Model) or value is None:
        field = obj._meta.get_field(name)
        if field.is_relation:
            return getattr(obj, field.attname) == (value.pk if value is not None else None)
    return getattr(obj, name) == value


def _list(data, key, path):
    items = data.get(key)
    if not isinstance(items, list):
        raise FixtureError(f"{path}: expected a list under {key!r}")
    return items


def _sequence(data, key, where):
    """An optional list under `key`; empty when absent."""
    items = data.get(key) or []
    if not isinstance(items, list):
        raise FixtureError(f"{where}: expected a list under {key!r}")
    return items


def _mapping(data, key, where):
    """An optional mapping under `key`; empty when absent."""
    items = data.get(key) or {}
    if not isinstance(items, dict):
        raise FixtureError(f"{where}: expected a mapping under {key!r}")
    return items


def _label(item, key):
    """How to name a record in a message, even when it is not a mapping."""
    return item.get(key, "?") if isinstance(item, dict) else "?"


def _check_keys(item, allowed, required, where):
    if not isinstance(item, dict):
        raise FixtureError(f"{where}: expected a mapping, got {type(item).__name__}")
    unknown = set(item) - allowed
    if unknown:
        raise FixtureError(f"{where}: unknown field(s) {', '.join(sorted(map(str, unknown)))}")
    missing = required - set(item)
    if missing:
        raise FixtureError(f"{where}: missing field(s) {', '.join(sorted(missing))}")


def _lookup(table, key, kind, where):
    try:
        return table[key]
    except (KeyError, TypeError):
        raise FixtureError(f"{where}: unknown {kind} {key!r}") from None


def _describe(error):
    if hasattr(error, "message_dict"):
        return "; ".join(
            f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items()
        )
    return " ".join(error.messages)


def _publication_time(collection):
    """When a demo record was published: its collection's publication, not the load.

    Stamping the load time would make every reloaded record look freshly reviewed
    (/coverage/ measures a text's age from it); the collection's date, or 1 January of its
    year, stays the same at every reload.
    """
    day = collection.published_on or date(collection.year, 1, 1)
    return datetime.combine(day, time(), tzinfo=UTC)
