"""Published content that stays published while a change to it is written and reviewed.

Readers cite records, policies and initiatives by their addresses, and those cite
organisations and sources, so none of them goes offline while an expert changes it. An
expert's change to published content is kept instead as a *revision*: a row of the same
model pointing at the published row (`revision_of`), with copies of its parts (a record's
section entries and indicator values, a policy's stages), reviewed like any draft, and
copied onto the published row when an editor publishes it (guidance/rules/revisions.py).
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .common import Publishable, PublishableQuerySet, published_has_date_constraint

# For the relations that cite organisations and sources: a revision is never a choice.
NOT_A_REVISION = {"revision_of__isnull": True}


class RevisableQuerySet(PublishableQuerySet):
    def live(self):
        """The rows themselves, without the changes proposed to them."""
        return self.filter(**NOT_A_REVISION)

    def revisions(self):
        return self.filter(revision_of__isnull=False)


class Revisable(Publishable):
    """Publishable content whose published rows change through reviewed revisions.

    `revise_on_save`: an expert's save of a published organisation or source becomes its
    revision at once. A record's or a policy's page also edits its parts (inlines), which
    a save cannot move to another row, so there the expert first starts a revision (a
    copy with its parts) and edits that.
    """

    revise_on_save = True

    revision_of = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        editable=False,
        related_name="revisions",
        verbose_name=_("proposed change of"),
        help_text=_("The published row this change will be copied onto when it is published."),
    )

    objects = RevisableQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_revision(self):
        return self.revision_of_id is not None

    def validate_constraints(self, exclude=None):
        """A revision must also fit as the published row it will become (unique names, URLs).

        `revision_of` is never in a form, but the unique constraints' conditions read it:
        left out, Django would skip them without a word.
        """
        exclude = set(exclude or ()) - {"revision_of"}
        super().validate_constraints(exclude)
        if self.is_revision:
            self.as_published().validate_constraints(exclude)

    def as_published(self):
        """An unsaved copy of this revision as the published row: its id, not a revision."""
        published = type(self)(
            **{
                field.attname: getattr(self, field.attname)
                for field in self._meta.concrete_fields
                if field.name not in ("id", "revision_of")
            }
        )
        published.pk = self.revision_of_id
        published._state.adding = False
        return published


def revision_constraints(prefix):
    """At most one open revision per published row, and published rows carry their date."""
    return [
        models.UniqueConstraint(
            fields=["revision_of"],
            condition=Q(revision_of__isnull=False),
            name=f"{prefix}_one_open_revision",
            violation_error_message=_(
                "A change to this is already waiting for review: edit that one."
            ),
        ),
        published_has_date_constraint(prefix),
    ]
