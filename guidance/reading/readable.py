"""What a reader may read, with the related rows every interface shows of it.

One home for the querysets that the API, the pages and the downloads list, so that they
list the same rows: each is narrowed by guidance/rules/permissions.py `visible`, and so are
its related objects (a policy's sources are the ones the reader may see). The relations
are prefetched as the serializers read them (guidance/api/prefetch.py).
"""

from django.db.models import Prefetch

from guidance.api.prefetch import prefetched
from guidance.models import (
    DeliveryMode,
    GuidanceSystem,
    IndicatorValue,
    Initiative,
    Organisation,
    Policy,
    PolicyStageYear,
    SectionEntry,
    Sector,
    Source,
    TargetGroup,
)
from guidance.models.common import Publishable
from guidance.rules import permissions


def brief_rows(model, user, *columns):
    """Related rows shown as brief objects (guidance/api/brief.py): only those `user` may
    see, only the columns shown."""
    return permissions.visible(model.objects.only("id", *columns), user)


def linked_rows(user, model, relation):
    """`relation` of `model` to prefetch, holding only the linked rows `user` may read: a
    draft source or organisation linked to published content is for its experts' eyes.
    A cached part showing such rows must name the reader's scope in its key
    (permissions.visibility_scope)."""
    related = model._meta.get_field(relation).related_model
    if not issubclass(related, Publishable):
        return relation
    return Prefetch(relation, queryset=permissions.visible(related.objects.all(), user))


def _cited_sources(user):
    return prefetched("sources", brief_rows(Source, user, "title", "url"))


def _country_content(model, type_field, *own_relations):
    """Policies or initiatives with what is shown of them: `sections` prefetched as a
    relation, the others as lists."""
    return (
        model.objects.select_related("country", type_field)
        .prefetch_related("sections")
        .prefetch_related(
            prefetched("target_groups", TargetGroup.objects.only("id", "code")),
            prefetched("sectors", Sector.objects.only("id", "code")),
            *own_relations,
        )
    )


def policies(user):
    return permissions.visible(
        _country_content(
            Policy,
            "instrument_type",
            _cited_sources(user),
            prefetched("responsible_organisations", brief_rows(Organisation, user, "name")),
            prefetched(
                "stages", PolicyStageYear.objects.only("policy", "year", "stage").order_by("year")
            ),
        ),
        user,
    )


def initiatives(user):
    return permissions.visible(
        _country_content(
            Initiative,
            "initiative_type",
            _cited_sources(user),
            prefetched("delivery_modes", DeliveryMode.objects.only("id", "code")),
            prefetched("providers", brief_rows(Organisation, user, "name")),
            prefetched("related_policies", brief_rows(Policy, user, "title")),
        ),
        user,
    )


def organisations(user):
    return permissions.visible(Organisation.objects.select_related("country", "type"), user)


def sources(user):
    return permissions.visible(Source.objects.select_related("country"), user)


def entries(user):
    """Section texts, each with the sources `user` may see; narrowed by their record."""
    return SectionEntry.objects.select_related("section").prefetch_related(_cited_sources(user))


def records(user):
    """Records with their texts and answers, and of their sources those `user` may see."""
    return permissions.visible(
        GuidanceSystem.objects.select_related(
            "country", "collection", "based_on__collection"
        ).prefetch_related(
            Prefetch("entries", queryset=entries(user)),
            Prefetch(
                "indicator_values",
                queryset=IndicatorValue.objects.select_related("indicator").prefetch_related(
                    _cited_sources(user)
                ),
            ),
        ),
        user,
    )
