"""Copies of content rows in one insert, with their many-to-many values and first history.

django-simple-history's bulk insert records no many-to-many values, so without the
second step a copy's history would start with no sources (or sectors, providers...) and
its first edit would report them all as added.
"""

from simple_history.utils import bulk_create_with_history


def copy_rows(originals, model, *, user, reason, each=None, **changes):
    """Insert a copy of each of `originals` (rows of `model`) with `changes` applied.

    `changes` are attribute names and values (e.g. `system_id=7`, `version=1`), the same
    for every copy; `each(original)` may add changes of each copy's own (its new parent).
    Returns the copies, saved, in the order of `originals`.
    """
    copies = bulk_create_with_history(
        [
            _copy(original, {**changes, **(each(original) if each else {})})
            for original in originals
        ],
        model,
        default_user=user,
        default_change_reason=reason,
    )
    copy_many_to_many(model, originals, copies)
    return copies


def _copy(original, changes):
    values = {
        field.attname: getattr(original, field.attname)
        for field in original._meta.concrete_fields
        if not field.primary_key
    }
    return type(original)(**{**values, **changes})


def copy_many_to_many(model, originals, copies):
    """Give each copy its original's many-to-many values, also in its first history row."""
    copy_of = {original.pk: copy.pk for original, copy in zip(originals, copies, strict=True)}
    tracked = _tracked_many_to_many(model)
    for field in model._meta.many_to_many:
        through = field.remote_field.through
        owner, target = field.m2m_column_name(), field.m2m_reverse_name()
        links = through.objects.bulk_create(
            through(**{owner: copy_of[original_pk], target: target_pk})
            for original_pk, target_pk in through.objects.filter(
                **{f"{owner}__in": list(copy_of)}
            ).values_list(owner, target)
        )
        if field.name in tracked and links:
            _record_links(model, field, links, owner)


def _tracked_many_to_many(model):
    history_model = model.history.model
    return {field.name for field in getattr(history_model, "_history_m2m_fields", [])}


def _record_links(model, field, links, owner):
    """Write `links` into the first (and only) history row of each copy they belong to."""
    history_model = model.history.model
    first_versions = dict(
        history_model.objects.filter(id__in={getattr(link, owner) for link in links}).values_list(
            "id", "history_id"
        )
    )
    historical_links = getattr(history_model, field.name).model
    through_fields = [f.attname for f in field.remote_field.through._meta.concrete_fields]
    historical_links.objects.bulk_create(
        historical_links(
            history_id=first_versions[getattr(link, owner)],
            **{name: getattr(link, name) for name in through_fields},
        )
        for link in links
    )
