"""List rows serialised once per state of what they show, then read from the cache.

DRF's per-row work (fields, nested relations, hyperlinks) was about a third to a half of
a cold filtered list of policies (issue 17; in process, 100 rows: ~56 ms to serialise
beside ~96 ms to query). So each row's JSON is cached, keyed on what it shows: the row's
own state (every save bumps `version` and `updated_at`), stamps of the rows it shows from
other tables (guidance/api/row_stamps.py), the fields asked for (`?fields=`), the address
its links are built on, the language and time zone, and the reader's visibility scope
(guidance/rules/permissions.py `visibility_scope`): an expert sees drafts linked to a
published row that the public must not, and the stamps name each linked row's status.

Keying on the related rows as loaded made every request prefetch them all, cached or
not (786 model instances, 47 of 99 ms, make bench). A list now reads its page in two
phases, as the pages' parts do (guidance/views/fragments.py): the page's rows as stubs
(`row_stubs`: key columns and stamps, in the page's one query), their JSON in one
`get_many`, then only the missing rows in full with their prefetches (`load_rows`).

Not in the key: the order of linked organisations or policies of different countries
follows their countries' names, which are not stamped; a renamed country reorders them
as the rows expire.
"""

import hashlib
import json

from django.core.cache import cache
from django.db import models
from django.utils import timezone, translation
from rest_framework import serializers
from rest_framework.utils.encoders import JSONEncoder

from guidance.api.brief import reader
from guidance.rules.permissions import visibility_scope

ROW_SECONDS = 24 * 3600
OWN_STATE = ("version", "status", "updated_at")


def row_stubs(queryset, stamps):
    """The rows of `queryset` by their own state and `stamps` (name: SQL) of what they show."""
    return queryset.only(*OWN_STATE).annotate(**stamps)


def plain(representation):
    """`representation` as the JSON types it is written as: DRF's links are strings that
    hold their model instance, which made every cached row carry (and unpickle) its rows."""
    return json.loads(json.dumps(representation, cls=JSONEncoder))


class CachedRowsListSerializer(serializers.ListSerializer):
    """`many=True` for policies and initiatives: each row's JSON from the cache when it can.

    A list view gives it stubs (`row_stubs` with the child's `row_stamps`) and, in the
    context, `load_rows(pks)`: those rows in full as {pk: row}, with their prefetches,
    the reader's visibility filter and the same stamps. Without `load_rows` the rows are
    serialised as they are.
    """

    def to_representation(self, data):
        rows = list(data.all() if isinstance(data, models.manager.BaseManager) else data)
        load_rows = self.context.get("load_rows")
        if load_rows is None:
            return [plain(self.child.to_representation(row)) for row in rows]
        setting = self._setting()
        keys = [self._row_key(stub, setting) for stub in rows]
        found = cache.get_many(keys)
        missing = [stub.pk for stub, key in zip(rows, keys, strict=True) if key not in found]
        loaded = load_rows(missing) if missing else {}
        stored = {}
        result = []
        for stub, key in zip(rows, keys, strict=True):
            item = found.get(key)
            if item is None:
                item = self._serialise(loaded.get(stub.pk), key, setting, stored)
            if item is not None:
                result.append(item)
        if stored:
            cache.set_many(stored, ROW_SECONDS)
        return result

    def _serialise(self, row, key, setting, stored):
        """A missing row's JSON, stored only if the row loaded is in the state its stub
        named: a row saved or hidden between the two reads is shown as loaded (or not at
        all), never kept under the older state's key."""
        if row is None:
            return None
        item = plain(self.child.to_representation(row))
        if self._row_key(row, setting) == key:
            stored[key] = item
        return item

    def _setting(self):
        """What every row's JSON depends on besides its rows. The fields are named as asked
        for (guidance/api/serializers.py `SparseFieldsMixin`): building them costs more
        than reading a page of rows from the cache."""
        request = self.context.get("request")
        return (
            type(self.child).__name__,
            tuple(self.child.wanted_fields or self.child.Meta.fields),
            request.build_absolute_uri("/") if request is not None else "",
            translation.get_language(),
            timezone.get_current_timezone_name(),
            visibility_scope(reader(self.context)),
        )

    def _row_key(self, row, setting):
        own = (row.pk, *(getattr(row, name) for name in OWN_STATE))
        stamps = tuple(getattr(row, name) for name in self.child.row_stamps)
        material = repr((setting, type(row)._meta.label, own, stamps))
        return f"api-row:{hashlib.sha256(material.encode()).hexdigest()}"
