"""Optimistic concurrency: a save made from a copy that someone else has changed since is refused.

Every editing form and API write carries the `version` of the row it started from.
`check_current` compares it with the stored version while holding the row lock, so
of two people saving the same row at the same time, the second is told what the
first changed and nothing of the first edit is overwritten.
"""

from dataclasses import dataclass, field

from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext as _

IGNORED_FIELDS = {"version", "updated_at", "updated_by"}


@dataclass(frozen=True)
class FieldChange:
    field: str
    label: str
    before: object
    after: object


@dataclass
class EditConflict(Exception):
    """The stored row is no longer the version the editor started from."""

    instance: object
    seen_version: int
    current_version: int | None
    changes: list[FieldChange] = field(default_factory=list)
    changed_by: list[str] = field(default_factory=list)

    def __str__(self):
        return self.message

    @property
    def message(self):
        if self.current_version is None:
            return _("Someone deleted this since you opened it; your changes were not saved.")
        who = ", ".join(self.changed_by) or _("someone else")
        fields = ", ".join(change.label for change in self.changes) or _("no visible field")
        return _(
            "%(who)s saved a newer version (version %(current)s; you started from "
            "version %(seen)s) and changed: %(fields)s. Your changes were not saved: "
            "reload the page, then make them again on the current text."
        ) % {
            "who": who,
            "current": self.current_version,
            "seen": self.seen_version,
            "fields": fields,
        }


def check_current(instance, seen_version):
    """Raise EditConflict unless the stored row is still at `seen_version`.

    Call inside the transaction that will save: the admin's change views and the API's
    writes run in one. On PostgreSQL the row lock makes a concurrent second save wait
    for the first to commit, then fail this check instead of overwriting it.
    """
    model = type(instance)
    current = (
        model._default_manager.select_for_update()
        .filter(pk=instance.pk)
        .values_list("version", flat=True)
        .first()
    )
    seen_version = int(seen_version)
    if current == seen_version:
        return
    changes, changed_by = changes_since(instance, seen_version) if current else ([], [])
    raise EditConflict(instance, seen_version, current, changes, changed_by)


def changes_since(instance, version):
    """The fields changed in `instance` after `version`, and who changed them, from its history."""
    history = instance.history.order_by("history_date", "history_id")
    seen = history.filter(version=version).last()
    latest = history.last()
    if seen is None or latest is None or seen.pk == latest.pk:
        return [], []
    delta = latest.diff_against(seen, excluded_fields=IGNORED_FIELDS)
    changes = [
        FieldChange(
            field=change.field,
            label=str(_verbose_name(instance, change.field)),
            before=change.old,
            after=change.new,
        )
        for change in delta.changes
    ]
    editors = history.filter(history_date__gt=seen.history_date).select_related("history_user")
    changed_by = sorted(
        {record.history_user.get_username() for record in editors if record.history_user}
    )
    return changes, changed_by


def _verbose_name(instance, name):
    try:
        return instance._meta.get_field(name).verbose_name
    except FieldDoesNotExist:
        return name
