"""Frozen releases: the published inventory as of a closed collection, written once.

A release and its files are written in the transaction that closes their collection
(guidance/rules/closing.py) and never change afterwards. The guards below refuse a save of
an existing row, a delete and a queryset update or delete; a trigger in the database
(migration 0011) refuses an UPDATE or DELETE that bypasses Django. The files' bytes are
kept in the database so that a release is backed up with the data it describes and needs
no storage of its own (docs/decisions.md, "Frozen releases").
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from guidance.models.clean_text import CleanTextModel


class FrozenError(Exception):
    """A release or one of its files was about to be changed or deleted."""


class FrozenQuerySet(models.QuerySet):
    """Reads and inserts only: `update()` and `delete()` would rewrite a published release."""

    def update(self, **kwargs):
        raise FrozenError(f"{self.model._meta.verbose_name_plural} never change.")

    def delete(self):
        raise FrozenError(f"{self.model._meta.verbose_name_plural} are never deleted.")

    update.queryset_only = True
    delete.queryset_only = True


class Frozen(CleanTextModel):
    """A row that is inserted once and then only read; its text checked like any other."""

    objects = FrozenQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise FrozenError(f"{self} is part of a release and never changes.")
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise FrozenError(f"{self} is part of a release and is never deleted.")


class Release(Frozen):
    """The published inventory as it stood when a collection was closed, frozen."""

    collection = models.OneToOneField(
        "guidance.Collection",
        on_delete=models.PROTECT,
        related_name="release",
        verbose_name=_("collection"),
    )
    version = models.CharField(
        _("version"),
        max_length=20,
        unique=True,
        help_text=_(
            "The collection's year and a number, e.g. 2023.1: the first release of "
            "collection 2023. The number would count a later, corrected release."
        ),
    )
    created_at = models.DateTimeField(_("created at"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
        help_text=_("The editor who closed the collection; empty when written by the demo."),
    )

    class Meta:
        ordering = ["-collection__year"]
        verbose_name = _("release")
        verbose_name_plural = _("releases")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(version__regex=r"^[0-9]{4}\.[1-9][0-9]*$"),
                name="release_version_format",
                violation_error_message=_("A version is a year, a dot and a number: 2023.1."),
            )
        ]

    def __str__(self):
        return _("Release %(version)s") % {"version": self.version}

    @property
    def reference_years(self):
        return self.collection.reference_years


class ReleaseFile(Frozen):
    """One file of a release, its bytes and their SHA-256 checksum."""

    release = models.ForeignKey(
        Release, on_delete=models.PROTECT, related_name="files", verbose_name=_("release")
    )
    name = models.CharField(_("name"), max_length=100)
    media_type = models.CharField(_("media type"), max_length=100)
    content = models.BinaryField(_("content"))
    size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["release", "position"]
        verbose_name = _("release file")
        verbose_name_plural = _("release files")
        constraints = [
            models.UniqueConstraint(
                fields=["release", "name"],
                name="release_file_unique_name",
                violation_error_message=_("A release has one file of each name."),
            ),
            models.CheckConstraint(
                condition=models.Q(sha256__regex=r"^[0-9a-f]{64}$"),
                name="release_file_sha256_format",
                violation_error_message=_("A SHA-256 checksum is 64 lowercase hex digits."),
            ),
        ]

    def __str__(self):
        return f"{self.release.version}/{self.name}" if self.release_id else self.name
