"""Related objects shown as brief objects and written by id, as NetBox does.

A policy's organisations read `{"id": 48, "url": ".../organisations/48/", "display":
"Agenzia X"}` (a source adds its `link`), so that a reader sees what an id names and where
to fetch it; CSV shows the names (guidance/api/renderers.py). A write sends the id, as
before, or `{"id": 48}`, so that a body read can be sent back. Only what the reader may
see (guidance/rules/permissions.py `visible`) is shown or accepted: a draft organisation's name
never reaches the public through a published policy.
"""

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from rest_framework import serializers
from rest_framework.reverse import reverse

from guidance.api.prefetch import prefetched_rows
from guidance.rules import permissions


def reader(context):
    request = context.get("request")
    return getattr(request, "user", None) or AnonymousUser()


class BriefRelatedField(serializers.PrimaryKeyRelatedField):
    """One related object: a brief object when read, its id when written."""

    def __init__(self, view_name, display, link=None, **kwargs):
        self.view_name = view_name
        self.display = display
        self.link = link
        super().__init__(**kwargs)

    def use_pk_only_optimization(self):
        return False

    def get_queryset(self):
        return permissions.visible(super().get_queryset(), reader(self.context))

    def to_internal_value(self, data):
        if isinstance(data, dict) and "id" in data:
            data = data["id"]
        if isinstance(data, bool | dict | list):
            self.fail("incorrect_type", data_type=type(data).__name__)
        return super().to_internal_value(data)

    def to_representation(self, value):
        request = self.context.get("request")
        brief = {
            "id": value.pk,
            "url": reverse(self.view_name, kwargs={"pk": value.pk}, request=request),
            "display": getattr(value, self.display),
        }
        if self.link:
            brief["link"] = getattr(value, self.link) or None
        return brief

    def get_choices(self, cutoff=None):
        return {}


class BriefManyField(serializers.ManyRelatedField):
    """Several related objects: the list a view prefetched (guidance/api/prefetch.py), else
    the relation narrowed to what the reader may see."""

    def get_attribute(self, instance):
        rows = prefetched_rows(instance, self.source)
        if rows is not None:
            return rows
        related = super().get_attribute(instance)
        if isinstance(related, QuerySet):
            return permissions.visible(related, reader(self.context))
        return related


def brief_many(view_name, display, queryset=None, link=None):
    """Brief objects of a many-to-many relation; writable by ids when given a queryset."""
    child = BriefRelatedField(
        view_name, display, link=link, queryset=queryset, read_only=queryset is None
    )
    if queryset is None:
        return BriefManyField(child_relation=child, read_only=True)
    return BriefManyField(child_relation=child, required=False)


def organisations(queryset=None):
    return brief_many("guidance-api:organisation-detail", "name", queryset)


def sources(queryset=None):
    return brief_many("guidance-api:source-detail", "title", queryset, link="url")


def policies(queryset=None):
    return brief_many("guidance-api:policy-detail", "title", queryset)
