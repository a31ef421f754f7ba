"""What the admin home shows each person: their work, not a list of models.

A national expert sees their countries' records in the open collection with the progress
of each, what the editors returned to them (with the comment), what waits in review, the
deadline, and what others changed on their countries lately. An editor sees the campaign
across all countries, the review queue (oldest first) and the countries past the deadline.

Everything is read through guidance/rules/permissions.py, which alone decides who sees what; the
admin site (guidance/admin_site.py) only puts this into the template. Each list is one
query, whatever the number of countries (tests/test_workspace.py pins the counts).
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Count, F, Max, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guidance.models import (
    Collection,
    CollectionStatus,
    Completeness,
    GuidanceSystem,
    IndicatorValue,
    Initiative,
    Organisation,
    Policy,
    PublicationStatus,
    Section,
    SectionEntry,
    Source,
)
from guidance.rules import comments, permissions

# What goes through review, with the relations each one's name reads.
REVIEWED_CONTENT = {
    GuidanceSystem: ("country", "collection"),
    Policy: ("country",),
    Initiative: ("country",),
    Organisation: ("country",),
    Source: ("country",),
}

RECENT_EDITS = 10

NO_RECORD = _("No record yet")

# The campaign table's columns, in order; `?o=<key>` sorts by one, `?o=-<key>` backwards.
CAMPAIGN_COLUMNS = {
    "country": _("Country"),
    "status": _("Record status"),
    "progress": _("Progress"),
    "updated": _("Last update"),
    "waiting": _("Days in review"),
}
DEFAULT_ORDER = "country"

STATUS_RANK = {
    None: 0,
    PublicationStatus.DRAFT: 1,
    PublicationStatus.IN_REVIEW: 2,
    PublicationStatus.PUBLISHED: 3,
}


def submitted_at(model):
    """When the content entered review this time, read from its change history.

    The first history row of the current stretch in review: after the last row in
    another status, or the first row of all if it never was in another one (a proposed
    change to an organisation is created in review). Rows are ordered by their id, which
    only grows, so two rows saved in the same instant keep their order. Falls back to
    the last update for content without history.
    """
    history = model.history.model.objects
    left_review = (
        history.filter(id=OuterRef("id"))
        .exclude(status=PublicationStatus.IN_REVIEW)
        .order_by("-history_id")
        .values("history_id")[:1]
    )
    entered = (
        history.filter(id=OuterRef("pk"), status=PublicationStatus.IN_REVIEW)
        .annotate(left_review=Subquery(left_review))
        .filter(Q(left_review__isnull=True) | Q(history_id__gt=F("left_review")))
        .order_by("history_id")
        .values("history_date")[:1]
    )
    return Coalesce(Subquery(entered), F("updated_at"))


def days_since(moment):
    if moment is None:
        return None
    return (timezone.now() - moment).days


def admin_url(obj):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


@dataclass
class Progress:
    """A record's sections: written (complete), partial, and not started (empty or missing)."""

    written: int
    partial: int
    total: int

    @property
    def not_started(self):
        return max(self.total - self.written - self.partial, 0)

    @property
    def sort_key(self):
        return (self.written / self.total if self.total else 0, self.partial)


@dataclass
class CampaignRow:
    """One country in an open collection: its record (if any) and how far it is."""

    country: object
    collection: object
    record: object = None
    progress: Progress | None = None
    last_update: datetime | None = None

    @property
    def status(self):
        return self.record.status if self.record else None

    @property
    def status_label(self):
        return self.record.get_status_display() if self.record else NO_RECORD

    @property
    def url(self):
        return admin_url(self.record) if self.record else None

    @property
    def days_in_review(self):
        if self.status != PublicationStatus.IN_REVIEW:
            return None
        return days_since(self.record.submitted_at)

    @property
    def is_overdue(self):
        """Past the collection's deadline and neither in review nor published."""
        deadline = self.collection.deadline
        past = deadline is not None and deadline < timezone.localdate()
        return past and self.status in (None, PublicationStatus.DRAFT)


@dataclass
class Campaign:
    """An open collection, its deadline, and a row for each country in view."""

    collection: object
    rows: list = field(default_factory=list)

    @property
    def deadline_passed(self):
        deadline = self.collection.deadline
        return deadline is not None and deadline < timezone.localdate()

    @property
    def overdue(self):
        return [row for row in self.rows if row.is_overdue]


@dataclass
class ReviewItem:
    """Content returned to its experts or waiting for an editor."""

    obj: object

    @property
    def kind(self):
        if getattr(self.obj, "is_revision", False):
            return _("proposed change: %(model)s") % {"model": self.obj._meta.verbose_name}
        return self.obj._meta.verbose_name

    @property
    def country(self):
        return self.obj.country

    @property
    def submitted_at(self):
        return self.obj.submitted_at

    @property
    def days_waiting(self):
        return days_since(self.obj.submitted_at)

    @property
    def comment(self):
        return self.obj.review_comment

    @property
    def url(self):
        return admin_url(self.obj)


# History read for "recent edits": the country each row belongs to, the relations its
# label reads, the label, and the object its link opens (parts open their record).
EDIT_HISTORIES = {
    GuidanceSystem: (
        "country",
        ("country", "collection"),
        lambda row: f"{row.country} ({row.collection.year})",
        lambda row: ("guidancesystem", row.id),
    ),
    SectionEntry: (
        "system__country",
        ("system__country", "system__collection", "section"),
        lambda row: f"{row.system} – {row.section.title}",
        lambda row: ("guidancesystem", row.system_id),
    ),
    IndicatorValue: (
        "system__country",
        ("system__country", "system__collection", "indicator"),
        lambda row: f"{row.system} – {row.indicator.name}",
        lambda row: ("guidancesystem", row.system_id),
    ),
    Policy: ("country", ("country",), lambda row: row.title, lambda row: ("policy", row.id)),
    Initiative: (
        "country",
        ("country",),
        lambda row: row.title,
        lambda row: ("initiative", row.id),
    ),
}

HISTORY_ACTIONS = {"+": _("Added"), "~": _("Changed"), "-": _("Deleted")}


@dataclass
class Edit:
    """One change by someone else to content of the user's countries."""

    when: datetime
    who: str
    action: str
    kind: str
    label: str
    reason: str
    url: str | None


def expert_workspace(user):
    """A national expert's home: their countries' work in the open collection and around it."""
    reviewed = review_items(user, returned=True)
    return {
        "workspace_role": "expert",
        "campaigns": campaigns(user),
        "returned": [item for item in reviewed if item.obj.status == PublicationStatus.DRAFT],
        "in_review": [item for item in reviewed if item.obj.status == PublicationStatus.IN_REVIEW],
        "recent_edits": recent_edits(user),
    }


def editor_workspace(user, order=None):
    """An editor's home: the campaign across all countries, the review queue, the overdue."""
    order, order_error = parse_order(order)
    open_campaigns = campaigns(user)
    for campaign in open_campaigns:
        campaign.rows = sort_rows(campaign.rows, order)
    return {
        "workspace_role": "editor",
        "campaigns": open_campaigns,
        "campaign_columns": sort_columns(order),
        "order_error": order_error,
        "review_queue": review_items(user, returned=False),
        "overdue": [row for campaign in open_campaigns for row in campaign.overdue],
    }


def workspace_for(user, order=None):
    """The home page's context for `user`: the editor's, the expert's, or nothing."""
    if permissions.is_editor(user):
        context = editor_workspace(user, order)
    elif permissions.editable_countries(user).exists():
        context = expert_workspace(user)
    else:
        return {}
    context["unresolved_comments"] = comments.unresolved_count(user)
    return context


def campaigns(user):
    """Each open collection with a row for every country `user` may edit, record or not."""
    collections = list(Collection.objects.filter(status=CollectionStatus.OPEN).order_by("year"))
    if not collections:
        return []
    total = Section.objects.count()
    countries = list(permissions.editable_countries(user).order_by("name"))
    records = {
        (record.collection_id, record.country_id): record
        for record in _open_records(user, collections)
    }
    result = []
    for collection in collections:
        campaign = Campaign(collection)
        for country in countries:
            record = records.get((collection.pk, country.pk))
            campaign.rows.append(_row(country, collection, record, total))
        result.append(campaign)
    return result


def _open_records(user, collections):
    """The records of the open collections `user` may edit, with their progress.

    Narrowed by `visible` too, which adds nothing to `editable` but leaves out proposed
    changes (revisions) where a model has them: a country has one record per collection.
    """
    records = GuidanceSystem.objects.filter(collection__in=collections)
    records = permissions.visible(permissions.editable(records, user), user)
    return records.annotate(
        written=Count("entries", filter=Q(entries__completeness=Completeness.COMPLETE)),
        partial=Count("entries", filter=Q(entries__completeness=Completeness.PARTIAL)),
        entries_updated=Max("entries__updated_at"),
        submitted_at=submitted_at(GuidanceSystem),
    )


def _row(country, collection, record, total):
    if record is None:
        return CampaignRow(country, collection)
    updates = [moment for moment in (record.updated_at, record.entries_updated) if moment]
    return CampaignRow(
        country,
        collection,
        record,
        Progress(record.written, record.partial, total),
        max(updates),
    )


def review_items(user, *, returned):
    """What waits in review (and, with `returned`, what came back with a comment), oldest first.

    Proposed changes to organisations and sources count: the admin reads revisions.
    """
    waiting = Q(status=PublicationStatus.IN_REVIEW)
    if returned:
        waiting |= Q(status=PublicationStatus.DRAFT) & ~Q(review_comment="")
    items = []
    for model, related in REVIEWED_CONTENT.items():
        rows = permissions.editable(model.objects.filter(waiting), user)
        rows = rows.select_related(*related).annotate(submitted_at=submitted_at(model))
        items += [ReviewItem(row) for row in rows]
    return sorted(items, key=lambda item: item.submitted_at)


def recent_edits(user, limit=RECENT_EDITS):
    """The latest changes by others to content of `user`'s countries, newest first."""
    edits = []
    for model, (country_field, related, label, target) in EDIT_HISTORIES.items():
        rows = permissions.editable(model.history.all(), user, country_field)
        rows = rows.exclude(history_user=user).select_related("history_user", *related)
        for row in rows.order_by("-history_date")[:limit]:
            edits.append(_edit(model, row, label, target))
    return sorted(edits, key=lambda edit: edit.when, reverse=True)[:limit]


def _edit(model, row, label, target):
    model_name, pk = target(row)
    deleted = row.history_type == "-" and model_name == model._meta.model_name
    url = None if deleted else reverse(f"admin:guidance_{model_name}_change", args=[pk])
    user = row.history_user
    return Edit(
        when=row.history_date,
        who=(user.get_full_name() or user.get_username()) if user else _("Unknown"),
        action=HISTORY_ACTIONS.get(row.history_type, ""),
        kind=model._meta.verbose_name,
        label=label(row),
        reason=row.history_change_reason or "",
        url=url,
    )


def parse_order(value):
    """The campaign's sort order from `?o=`: (key, None) or the default and a message."""
    if not value:
        return DEFAULT_ORDER, None
    if value.removeprefix("-") in CAMPAIGN_COLUMNS:
        return value, None
    message = _("“%(order)s” is not a column to sort by; the table is sorted by country.") % {
        "order": value[:40]
    }
    return DEFAULT_ORDER, message


SORT_KEYS = {
    "country": lambda row: row.country.name.casefold(),
    "status": lambda row: STATUS_RANK[row.status],
    "progress": lambda row: row.progress.sort_key if row.progress else None,
    "updated": lambda row: row.last_update,
    "waiting": lambda row: row.days_in_review,
}


def sort_rows(rows, order):
    """Rows sorted by one column; rows without a value for it come last either way."""
    key = SORT_KEYS[order.removeprefix("-")]
    rows = sorted(rows, key=SORT_KEYS["country"])
    valued = [row for row in rows if key(row) is not None]
    missing = [row for row in rows if key(row) is None]
    return sorted(valued, key=key, reverse=order.startswith("-")) + missing


@dataclass
class SortColumn:
    """A column header: its label, the link that sorts by it, and the current state."""

    key: str
    label: str
    href: str
    aria_sort: str | None
    action: str


def sort_columns(order):
    current, descending = order.removeprefix("-"), order.startswith("-")
    columns = []
    for key, label in CAMPAIGN_COLUMNS.items():
        sorted_here = key == current
        backwards = sorted_here and not descending
        state = ("descending" if descending else "ascending") if sorted_here else None
        columns.append(
            SortColumn(
                key=key,
                label=label,
                href=f"?o={'-' if backwards else ''}{key}",
                aria_sort=state,
                action=_("sort descending") if backwards else _("sort ascending"),
            )
        )
    return columns
