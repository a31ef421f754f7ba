"""Closing a collection: it is published, and its release is written in the same transaction.

Closing is the one way a collection leaves open editing (the admin shows its status
read-only and offers the "Close collection and publish its release" action), so a closed
collection without its release cannot happen: if writing the release fails, the
collection stays open. A closed collection is never closed again; its release stays as
it was written (guidance/models/releases.py).

The version is the collection's year and the release's number within it, "2023.1": one
release per collection today, the number left to count a corrected re-release, which
would be a new release beside the first rather than a change to it.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guidance.models import Collection, CollectionStatus, Release, ReleaseFile
from guidance.reading.releases import release_files
from guidance.rules import permissions


class CollectionNotOpen(Exception):
    """The collection is already closed (published), so it has its release."""


def release_version(collection):
    return f"{collection.year}.1"


def close_collection(collection, user):
    """Publish the open `collection` and write its release; returns the release."""
    if not permissions.can_publish(user):
        raise PermissionError(_("Only editors close a collection."))
    with transaction.atomic():
        collection = Collection.objects.select_for_update().get(pk=collection.pk)
        if collection.status != CollectionStatus.OPEN:
            raise CollectionNotOpen(
                _("%(collection)s is already closed; its release stays as it was written.")
                % {"collection": collection}
            )
        collection.status = CollectionStatus.PUBLISHED
        collection.published_on = collection.published_on or timezone.localdate()
        collection._change_reason = "Closed, its release written"
        collection._history_user = user
        collection.save()
        return write_release(collection, user)


def ensure_release(collection):
    """(release, created): the closed `collection`'s release, written now if it has none.

    For collections published without closing them here: the demo's, loaded from fixtures.
    """
    existing = Release.objects.filter(collection=collection).first()
    if existing is not None:
        return existing, False
    if collection.status != CollectionStatus.PUBLISHED:
        raise ValueError(f"{collection} is open: an open collection has no release.")
    with transaction.atomic():
        return write_release(collection, None), True


def write_release(collection, user):
    release = Release(
        collection=collection,
        version=release_version(collection),
        created_at=timezone.now(),
        created_by=user,
    )
    files = release_files(release)
    release.save()
    ReleaseFile.objects.bulk_create(
        ReleaseFile(
            release=release,
            name=file.name,
            media_type=file.media_type,
            content=file.content,
            size=len(file.content),
            sha256=file.sha256,
            position=position,
        )
        for position, file in enumerate(files)
    )
    return release
