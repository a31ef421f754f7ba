"""Review comments as the admin and the dashboard read them: threads, and what is still open.

Who may read which comment is guidance/rules/permissions.py's decision (`readable_comments`);
this module only shapes what that allows. Nothing here blocks a workflow step: an open
thread is a reminder, not a gate.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Prefetch, Q
from django.urls import reverse

from guidance.models import GuidanceSystem, Initiative, Policy, ReviewComment, SectionEntry
from guidance.rules import permissions


def unresolved_for(user):
    """The open threads `user` may read (their first comments), oldest first.

    For an editor every open thread; for a national expert those on their countries'
    section entries, policies and initiatives; for anyone else none.
    """
    queryset = permissions.readable_comments(ReviewComment.objects.unresolved(), user)
    return queryset.select_related(
        "author", "entry__system__country", "entry__section", "policy", "initiative"
    ).order_by("created_at", "pk")


def unresolved_count(user):
    """How many open threads `user` may read: one query, for the dashboard."""
    return permissions.readable_comments(ReviewComment.objects.unresolved(), user).count()


def threads_on(target_field, target_ids):
    """{target id: [thread, ...]} for the targets' threads, each with `replies` prefetched.

    `target_field` is "entry", "policy" or "initiative". Two queries whatever the number
    of targets: the threads with their authors, and every reply with its author.
    """
    replies = ReviewComment.objects.select_related("author").order_by("created_at", "pk")
    threads = (
        ReviewComment.objects.threads()
        .filter(**{f"{target_field}__in": target_ids})
        .select_related("author", "resolved_by")
        .prefetch_related(Prefetch("replies", queryset=replies))
        .order_by("created_at", "pk")
    )
    found = {}
    for thread in threads:
        found.setdefault(getattr(thread, f"{target_field}_id"), []).append(thread)
    return found


@transaction.atomic
def resolve(comment, user):
    """`user` marks the thread resolved; refused (PermissionDenied) if they may not.

    Under a row lock, so of two people resolving at once the first mark stands.
    """
    if not permissions.can_resolve(user, comment):
        raise PermissionDenied
    locked = ReviewComment.objects.select_for_update().get(pk=comment.pk)
    locked.resolve(user)
    return locked


def target_admin_url(comment):
    """The admin page showing the commented text: for a section entry, its box on the
    record page (the record has a box for every section)."""
    if comment.entry_id is not None:
        entry = comment.entry
        page = reverse("admin:guidance_guidancesystem_change", args=[entry.system_id])
        return f"{page}#entries-box-{entry.section.number}"
    if comment.policy_id is not None:
        return reverse("admin:guidance_policy_change", args=[comment.policy_id])
    return reverse("admin:guidance_initiative_change", args=[comment.initiative_id])


def writers_in_thread(comment):
    """The ids of everyone who wrote in `comment`'s thread (its first comment and replies)."""
    thread_id = comment.reply_to_id or comment.pk
    return set(
        ReviewComment.objects.filter(Q(pk=thread_id) | Q(reply_to_id=thread_id))
        .exclude(author=None)
        .values_list("author_id", flat=True)
    )


def move_threads(source, target, reason=""):
    """Attach the comments on `source` to `target`, a record, policy or initiative like it.

    For when one row's text becomes another's (a revision published onto its published
    row, and deleted): without this, deleting `source` would delete its comments with it.
    A record's comments follow their section to `target`'s entry for the same section;
    those on a section `target` has no entry for stay where they are. Each move is saved,
    so the comment's history shows it. Returns the number of comments moved.
    """
    if isinstance(source, GuidanceSystem):
        entries = dict(SectionEntry.objects.filter(system=target).values_list("section_id", "pk"))
        found = ReviewComment.objects.filter(entry__system=source).select_related("entry")
        moves = [(comment, "entry", entries.get(comment.entry.section_id)) for comment in found]
    else:
        field = {Policy: "policy", Initiative: "initiative"}[type(source)]
        found = ReviewComment.objects.filter(**{field: source})
        moves = [(comment, field, target.pk) for comment in found]
    moved = 0
    for comment, field, new_id in moves:
        if new_id is None:
            continue
        setattr(comment, f"{field}_id", new_id)
        comment._change_reason = reason
        comment.save(update_fields=[field])
        moved += 1
    return moved
