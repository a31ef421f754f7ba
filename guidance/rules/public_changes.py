"""Which writes change what the public is served, and so invalidate the anonymous cache.

Public pages, downloads and the API show published content only (guidance/rules/
unpublished_reads.py refuses to cache an answer that read anything else), plus the
structure every page reads: sections, indicators, collections, countries, vocabularies.
A write that touches neither cannot change a public answer, so it leaves the cache's
content generation (guidance/caching.py) alone: during a collection campaign experts save
drafts all day while readers keep being served from the cache.

The rules, first match wins:

| write                                              | public? |
|----------------------------------------------------|---------|
| a history row (django-simple-history)              | no: its live row's own save decides |
| a review comment, a person's interface language     | no: never shown to the public |
| a revision (`revision_of` set)                     | no: copied onto the published row when published, and that save decides |
| publishable content (record, policy, initiative, organisation, source) | yes when published after the save or before it (publishing, editing or unpublishing published content, deleting it) |
| a part (section entry, indicator value, policy stage) | yes when its record or policy is published |
| a many-to-many link, from the side declaring it    | as its owner above |
| anything else (structure, vocabularies, links changed from the other side, a model added later) | yes |

The default is "yes", so a model added later can never leave a stale public page; it only
costs hit ratio until a rule says otherwise.
"""

from guidance.models import (
    GuidanceSystem,
    IndicatorValue,
    InterfaceLanguage,
    Policy,
    PolicyStageYear,
    PublicationStatus,
    ReviewComment,
    SectionEntry,
)
from guidance.models.common import Publishable
from guidance.models.revisable import Revisable

# What no public answer shows.
NEVER_PUBLIC = (ReviewComment, InterfaceLanguage)
# A part, and the foreign key naming the record or policy it belongs to.
PART_PARENTS = {
    SectionEntry: ("system", GuidanceSystem),
    IndicatorValue: ("system", GuidanceSystem),
    PolicyStageYear: ("policy", Policy),
}


def changes_public_content(instance, *, was_published):
    """Whether saving or deleting `instance` may change a public answer (see the table above).

    `was_published`: the stored row was published before this write (False for a new row).
    """
    model = type(instance)
    if is_history_row(model) or model in NEVER_PUBLIC:
        return False
    if isinstance(instance, Revisable) and instance.revision_of_id is not None:
        return False
    if isinstance(instance, Publishable):
        return was_published or instance.status == PublicationStatus.PUBLISHED
    if model in PART_PARENTS:
        return _parent_is_published(instance, *PART_PARENTS[model])
    return True


def changes_public_links(instance, *, reverse, was_published):
    """Whether a many-to-many change on `instance` may change a public answer.

    From the declaring side (a policy's sources) the owner decides, as for a save. From
    the other side (a source's policies) the changed rows are many: assume they are public.
    """
    if reverse:
        return True
    return changes_public_content(instance, was_published=was_published)


def is_history_row(model):
    """django-simple-history's models (rows and their links) name the model they record."""
    return hasattr(model, "instance_type")


def _parent_is_published(part, field_name, parent_model):
    """The record or policy `part` belongs to is published: in memory, or else as stored."""
    parent = part._state.fields_cache.get(field_name)
    if parent is not None and parent.status == PublicationStatus.PUBLISHED:
        return True
    parent_id = getattr(part, f"{field_name}_id")
    return parent_model._base_manager.filter(
        pk=parent_id, status=PublicationStatus.PUBLISHED
    ).exists()


def stored_status_decides(instance):
    """Whether the write of `instance` is public only if its stored row is published.

    Not for a new row or a revision (never public before), nor for a row published in
    memory (public anyway): then no query is needed.
    """
    return (
        isinstance(instance, Publishable)
        and not instance._state.adding
        and instance.pk is not None
        and getattr(instance, "revision_of_id", None) is None
        and instance.__dict__.get("status") != PublicationStatus.PUBLISHED
    )


def stored_row_is_published(instance):
    """The row is published in the database (asked in pre_save and pre_delete).

    One query by primary key, rather than trusting the status the instance was loaded
    with: an instance loaded before another process published the row, refreshed, built
    by hand or loaded without its status cannot hide an unpublish.
    """
    return (
        type(instance)
        ._base_manager.filter(pk=instance.pk, status=PublicationStatus.PUBLISHED)
        .exists()
    )
