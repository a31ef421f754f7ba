"""Read-only relations prefetched as plain lists, for lists of many rows.

A plain `prefetch_related("sources")` makes Django build a QuerySet per row and relation
to hold the cached rows: on a page of 1,000 policies with six relations that was over half
of the response time (make bench, cProfile). `prefetched(name, queryset)` stores a plain
list on each row instead (`Prefetch(to_attr=...)`), and the serializer fields below read
that list when a view made one, or the relation itself otherwise (a detail just written,
say). Only read-only relations use it: a list prefetched before a write would be stale in
the response.
"""

from django.db.models import Prefetch
from rest_framework import serializers


def _attribute(name):
    return f"{name}_prefetched"


def prefetched(name, queryset):
    """Prefetch relation `name` of each row as a list, with only the columns it needs."""
    return Prefetch(name, queryset=queryset, to_attr=_attribute(name))


class PrefetchedManyRelatedField(serializers.ManyRelatedField):
    def get_attribute(self, instance):
        rows = getattr(instance, _attribute(self.source), None)
        return rows if rows is not None else super().get_attribute(instance)


def many_prefetched(child):
    """A read-only many-valued field of `child` (a related field) reading a prefetched list."""
    return PrefetchedManyRelatedField(child_relation=child, read_only=True)


class PrefetchedListSerializer(serializers.ListSerializer):
    """For nested serializers (`Meta.list_serializer_class`): the same, for `many=True`."""

    def get_attribute(self, instance):
        rows = getattr(instance, _attribute(self.source), None)
        return rows if rows is not None else super().get_attribute(instance)
