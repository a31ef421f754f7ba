"""List rows serialised once per state of what they show, then read from the cache.

DRF's per-row work (fields, nested relations, hyperlinks) was about a third to a half of
a cold filtered list of policies (issue 17; in process, 100 rows: ~56 ms to serialise
beside ~96 ms to query). A row's JSON depends only on the columns loaded for it and for
its related rows (select_related, prefetched), the fields asked for (`?fields=`) and the
address its links are built on, so that is its key: any save, of the row or of a source
or organisation it shows, changes a value in the key, and a reader who may see other
related rows (an expert, their drafts) has other values in theirs.
"""

import hashlib
import json

from django.core.cache import cache
from django.db import models
from django.utils import translation
from rest_framework import serializers
from rest_framework.utils.encoders import JSONEncoder

ROW_SECONDS = 24 * 3600


def columns(obj):
    """The loaded column values of a related row (its private state left out)."""
    return tuple(value for name, value in obj.__dict__.items() if name[0] != "_")


def own_columns(obj):
    """The loaded column values of a listed row, without its lists of related rows."""
    return tuple(
        (name, value)
        for name, value in obj.__dict__.items()
        if name[0] != "_" and not isinstance(value, list | models.Model)
    )


def shown(obj):
    """All that a row's representation can read: its columns and its related rows' columns."""
    related = [
        (name, columns(value) if value is not None else None)
        for name, value in obj._state.fields_cache.items()
    ]
    lists = [
        (name, tuple(columns(item) for item in value))
        for name, value in obj.__dict__.items()
        if isinstance(value, list)
    ]
    prefetched = [
        (name, tuple(columns(item) for item in rows))
        for name, rows in getattr(obj, "_prefetched_objects_cache", {}).items()
    ]
    return (own_columns(obj), tuple(related), tuple(lists), tuple(prefetched))


def plain(representation):
    """`representation` as the JSON types it is written as: DRF's links are strings that
    hold their model instance, which made every cached row carry (and unpickle) its rows."""
    return json.loads(json.dumps(representation, cls=JSONEncoder))


class CachedRowsListSerializer(serializers.ListSerializer):
    """`many=True` for policies and initiatives: each row's JSON from the cache when it can."""

    def to_representation(self, data):
        rows = list(data.all() if isinstance(data, models.manager.BaseManager) else data)
        context = self._context_key()
        keys = [self._row_key(row, context) for row in rows]
        found = cache.get_many(keys)
        missing = {}
        result = []
        for row, key in zip(rows, keys, strict=True):
            item = found.get(key)
            if item is None:
                item = missing[key] = plain(self.child.to_representation(row))
            result.append(item)
        if missing:
            cache.set_many(missing, ROW_SECONDS)
        return result

    def _context_key(self):
        request = self.context.get("request")
        return (
            type(self.child).__name__,
            tuple(self.child.fields),
            request.build_absolute_uri("/") if request is not None else "",
            translation.get_language(),
        )

    def _row_key(self, row, context):
        material = repr((context, type(row)._meta.label, row.pk, shown(row)))
        return f"api-row:{hashlib.sha256(material.encode()).hexdigest()}"
