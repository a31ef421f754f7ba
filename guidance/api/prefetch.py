"""Read-only relations prefetched as plain lists, for lists of many rows.

A plain `prefetch_related("sources")` makes Django build a QuerySet per row and relation
to hold the cached rows: on a page of 1,000 policies with six relations that was over half
of the response time (make bench, cProfile). `prefetched(name, queryset)` stores a plain
list on each row instead (`Prefetch(to_attr=...)`), and the serializer fields below read
that list when a view made one, or the relation itself otherwise. A list prefetched before
a write is stale after it: the write views read the object again before answering
(guidance/api/views.py `ContentWriteMixin`).
"""

from django.db.models import Prefetch
from rest_framework import serializers


def _attribute(name):
    return f"{name}_prefetched"


def prefetched(name, queryset):
    """Prefetch relation `name` of each row as a list, with only the columns it needs."""
    return Prefetch(name, queryset=queryset, to_attr=_attribute(name))


def prefetched_rows(instance, name):
    """The list `prefetched(name, ...)` stored on `instance`, or None if no view made one."""
    return getattr(instance, _attribute(name), None)


class PrefetchedManyRelatedField(serializers.ManyRelatedField):
    def get_attribute(self, instance):
        rows = prefetched_rows(instance, self.source)
        return rows if rows is not None else super().get_attribute(instance)


def many_prefetched(child):
    """A read-only many-valued field of `child` (a related field) reading a prefetched list."""
    return PrefetchedManyRelatedField(child_relation=child, read_only=True)


class PrefetchedListSerializer(serializers.ListSerializer):
    """For nested serializers (`Meta.list_serializer_class`): the same, for `many=True`."""

    def get_attribute(self, instance):
        rows = getattr(instance, _attribute(self.source), None)
        return rows if rows is not None else super().get_attribute(instance)
