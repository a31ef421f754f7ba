"""Opening a new collection: every country's latest published record becomes a new draft.

Editors call this once a year (from the admin or `manage.py open_collection YEAR`).
Each copy keeps a link to the record it came from (`based_on`), so the experts edit
last year's text rather than starting blank, and "what changed" is a comparison
with that record. Drafts that were never published are not carried forward: the
new record starts from what the public has seen and the editors have reviewed.

A single record added in the admin starts the same way (`start_from`, `copy_contents`):
one copy, whether a whole collection opens or one country's record is added.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from guidance.models import (
    Collection,
    GuidanceSystem,
    IndicatorValue,
    PublicationStatus,
    SectionEntry,
)
from guidance.rules import notifications
from guidance.rules.copying import copy_rows

CHANGE_REASON = "Copied from the previous collection"


class CollectionAlreadyOpen(Exception):
    """The year is taken, or is not after the latest collection."""


@dataclass(frozen=True)
class OpenedCollection:
    collection: Collection
    records: int
    entries: int
    indicator_values: int


def latest_published_records(before_year):
    """Each country's most recent published record from a collection before `before_year`."""
    records = (
        GuidanceSystem.objects.published()
        .filter(collection__year__lt=before_year)
        .select_related("country", "collection")
        .order_by("country_id", "-collection__year")
    )
    latest = {}
    for record in records:
        latest.setdefault(record.country_id, record)
    return list(latest.values())


def latest_published_record(country, before_year):
    """`country`'s most recent published record from a collection before `before_year`."""
    return (
        GuidanceSystem.objects.live()
        .published()
        .filter(country=country, collection__year__lt=before_year)
        .select_related("country", "collection")
        .order_by("-collection__year")
        .first()
    )


def check_base(country, collection, base):
    """Refuse a base other than `country`'s latest published record before `collection`.

    A new record is a copy of that one, so that it starts from what readers have seen and
    "what changed" compares with it; an older record, another country's, or one of the same
    or a later collection would make both wrong. No base is checked here (see start_from).
    """
    if base is None:
        return
    year = collection.year
    if base.country_id != country.pk:
        raise ValidationError(
            _("The base must be a record of %(country)s; %(base)s is another country's.")
            % {"country": country, "base": base},
            code="base_of_another_country",
        )
    if base.collection.year >= year:
        raise ValidationError(
            _("The base must come from a collection before %(year)d; %(base)s does not.")
            % {"year": year, "base": base},
            code="base_not_earlier",
        )
    latest = latest_published_record(country, year)
    if latest is None:
        raise ValidationError(
            _("%(country)s has no published record before %(year)d; leave the base empty.")
            % {"country": country, "year": year},
            code="no_published_base",
        )
    if base.pk != latest.pk:
        raise ValidationError(
            _(
                "The base must be %(country)s's latest published record before %(year)d, "
                "%(latest)s; %(base)s is not."
            )
            % {"country": country, "year": year, "latest": latest, "base": base},
            code="base_not_latest",
        )


def start_from(record, base):
    """Make the unsaved `record` a copy of `base`'s own fields, as opening a collection does.

    The reference period is left empty: it describes the collection being written.
    """
    record.based_on = base
    record.summary = base.summary
    record.contributors = base.contributors
    record.acknowledgements = base.acknowledgements
    record.reference_period = ""


def open_collection(year, *, user=None, title=""):
    """Create collection `year` and a draft copy of each country's latest published record."""
    with transaction.atomic():
        _check_year_is_free(year)
        collection = Collection.objects.create(year=year, title=title or f"Collection {year}")
        pairs = [
            _copy_record(record, collection, user) for record in latest_published_records(year)
        ]
        entries, values = copy_contents(pairs, user)
        notifications.collection_opened(collection, user)
    return OpenedCollection(collection, len(pairs), entries, values)


def _check_year_is_free(year):
    if Collection.objects.filter(year=year).exists():
        raise CollectionAlreadyOpen(
            f"Collection {year} already exists; it was opened before and is not opened twice."
        )
    latest = Collection.objects.aggregate(latest=Max("year"))["latest"]
    if latest is not None and year <= latest:
        raise CollectionAlreadyOpen(
            f"A new collection must come after the latest one ({latest}); {year} does not."
        )


def _copy_record(record, collection, user):
    draft = GuidanceSystem(
        country=record.country,
        collection=collection,
        status=PublicationStatus.DRAFT,
        updated_by=user,
    )
    start_from(draft, record)
    draft._change_reason = CHANGE_REASON
    if user is not None:
        draft._history_user = user
    draft.save()
    return draft, record


def copy_contents(pairs, user):
    """Copy entries and indicator values of every (draft, original) pair, with their sources.

    Returns how many entries and indicator values were copied.
    """
    drafts = {original.pk: draft.pk for draft, original in pairs}
    copied = []
    for model in (SectionEntry, IndicatorValue):
        originals = list(model.objects.filter(system__in=drafts))
        copies = copy_rows(
            originals,
            model,
            user=user,
            reason=CHANGE_REASON,
            each=lambda part: {"system_id": drafts[part.system_id]},
            version=1,
        )
        copied.append(len(copies))
    return tuple(copied)
