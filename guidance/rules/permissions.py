"""Who may see and change which country's content: the one place that decides.

The admin, the API and the public pages all ask this module; none of them filters
by country on its own. Roles are Django groups (see guidance/rules/roles.py):

- editors (and superusers) see and change every country;
- national experts see and change the countries they are assigned to
  (Country.experts), and only published content of other countries;
- everyone else sees published content only.

Review comments are never public: editors read and write them on anything, and the
national experts of the commented content's country read them, reply and resolve.
"""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q

from guidance.models import Country, PublicationStatus, ReviewComment
from guidance.models.common import Publishable
from guidance.rules.roles import EDITORS

# The field by which a part (a section entry, an indicator value, a stage year) belongs to
# the record or policy whose status governs it.
PARENT_FIELDS = ("system", "policy")


def is_editor(user):
    """Editors and superusers; remembered on the user object for the rest of the request."""
    if not user.is_authenticated or not user.is_active:
        return False
    if not hasattr(user, "_guidance_is_editor"):
        user._guidance_is_editor = user.is_superuser or user.groups.filter(name=EDITORS).exists()
    return user._guidance_is_editor


def can_publish(user):
    """Only editors publish; experts draft and submit for review."""
    return is_editor(user)


def editable_countries(user):
    """The countries whose records, policies and initiatives `user` may change."""
    if is_editor(user):
        return Country.objects.all()
    if not user.is_authenticated or not user.is_active:
        return Country.objects.none()
    return Country.objects.filter(experts=user)


def editable_country_pks(user):
    """The pks of `editable_countries(user)`, remembered on the user object for the rest of
    the request: an admin change page asks for one object's country several times."""
    if not hasattr(user, "_guidance_country_pks"):
        pks = editable_countries(user).order_by("pk").values_list("pk", flat=True)
        user._guidance_country_pks = tuple(pks)
    return user._guidance_country_pks


def can_edit_country(user, country):
    if is_editor(user):
        return True
    return country.pk in editable_country_pks(user)


def visible(queryset, user, country_field="country", revisions=False):
    """Narrow a queryset of publishable content to what `user` may read.

    Published rows are public; drafts and rows in review are visible only to
    those who may edit their country. A proposed change to a published organisation
    or source (a revision, guidance/rules/revisions.py) is not content of its own: it is
    read only in the admin, which asks for it with `revisions=True`.
    """
    if not revisions and _has_revisions(queryset.model):
        queryset = queryset.filter(revision_of__isnull=True)
    if is_editor(user):
        return queryset
    published = Q(status=PublicationStatus.PUBLISHED)
    if not user.is_authenticated:
        return queryset.filter(published)
    mine = Q(**{f"{country_field}__in": editable_countries(user)})
    return queryset.filter(published | mine)


def visibility_scope(user):
    """All that `visible` reads of `user`, as a value for cache keys: "all" for editors,
    else the pks of the countries whose unpublished content `user` sees (none for the
    public). Readers with one scope see the same rows of any queryset."""
    if is_editor(user):
        return "all"
    return editable_country_pks(user)


def citable(queryset):
    """Narrow a queryset of publishable content to what may be cited: published rows only.

    A citation is made to be shared, so whoever asks, a draft or a row in review is not
    citable, not even by its own experts: it reads as an anonymous reader would.
    """
    return visible(queryset, AnonymousUser())


def _has_revisions(model):
    return any(field.name == "revision_of" for field in model._meta.concrete_fields)


def editable(queryset, user, country_field="country"):
    """Narrow a queryset of country-bound content to what `user` may change."""
    if is_editor(user):
        return queryset
    return queryset.filter(**{f"{country_field}__in": editable_countries(user)})


def changeable(queryset, user, country_field="country"):
    """Narrow a queryset of publishable content to what `user` may change now.

    Like `editable`, less what is frozen for experts (see `can_change`): content in
    review, and published content changed through revisions. Frozen content is never
    offered as the parent of a new part.
    """
    queryset = editable(queryset, user, country_field)
    if is_editor(user):
        return queryset
    queryset = queryset.exclude(status=PublicationStatus.IN_REVIEW)
    if _revised_by_copy(queryset.model):
        queryset = queryset.exclude(status=PublicationStatus.PUBLISHED)
    return queryset


def country_of(obj):
    """The country an object of country-bound content (or a comment on it) belongs to."""
    if isinstance(obj, ReviewComment):
        return country_of(obj.target)
    if hasattr(obj, "country_id"):
        return obj.country
    for parent in PARENT_FIELDS:
        if hasattr(obj, f"{parent}_id"):
            return country_of(getattr(obj, parent))
    raise TypeError(f"{type(obj).__name__} is not bound to a country")


def governing_content(obj):
    """The publishable content whose status governs `obj`: itself, its record or its policy.

    Structure (collections, sections) governs nothing: a collection's own status says
    whether it is open for editing, not whether readers may see it.
    """
    if isinstance(obj, Publishable):
        return obj
    if isinstance(obj, ReviewComment):
        return governing_content(obj.target)
    for parent in PARENT_FIELDS:
        if hasattr(obj, f"{parent}_id"):
            return governing_content(getattr(obj, parent))
    return None


def status_of(obj):
    """The publication status that applies to `obj`; content with none counts as published."""
    governing = governing_content(obj)
    return governing.status if governing else PublicationStatus.PUBLISHED


def can_view(user, obj):
    """Published content is public; anything else only for those who may edit its country."""
    if isinstance(obj, ReviewComment):
        return can_read_comment(user, obj)
    if status_of(obj) == PublicationStatus.PUBLISHED or is_editor(user):
        return True
    return _is_own_country(user, obj)


def can_change(user, obj):
    """Editors change anything; experts their countries' content, except what is frozen.

    Content in review is frozen for experts so that what an editor publishes is exactly
    what the editor read; an editor returns it to draft when it needs more work. A
    published record, policy or initiative (and every part of it) is frozen for experts
    too: they change it in a revision (`can_start_revision`), so that the public keeps
    reading the published text until an editor publishes the change.
    """
    if is_editor(user):
        return True
    return not _frozen_for_experts(obj) and _is_own_country(user, obj)


def _frozen_for_experts(obj):
    status = status_of(obj)
    if status == PublicationStatus.IN_REVIEW:
        return True
    governing = governing_content(obj)
    published = status == PublicationStatus.PUBLISHED and governing is not None
    return published and _revised_by_copy(type(governing))


def _revised_by_copy(model):
    """Content whose published rows experts change by starting a revision (records, policies,
    initiatives), rather than by saving (organisations, sources: `edit_becomes_revision`)."""
    return _has_revisions(model) and not model.revise_on_save


def can_start_revision(user, obj):
    """Whether `user` may start (or go on with) a revision of published `obj`.

    Experts of its country and editors; an editor may also correct the published text
    directly.
    """
    if not _revised_by_copy(type(obj)) or obj.is_revision or not obj.is_published:
        return False
    return is_editor(user) or _is_own_country(user, obj)


def can_discard_revision(user, obj):
    """Whether `user` may discard revision `obj`: editors, and the experts of its country.

    Discarding deletes only the proposed change (the published row stays as readers see
    it), so experts, who delete nothing published, may withdraw a change of their country
    at any step of its review.
    """
    if not getattr(obj, "is_revision", False):
        return False
    return is_editor(user) or _is_own_country(user, obj)


def can_delete(user, obj):
    """Published content is deleted by editors only: it leaves the public site, and the
    addresses readers cite with it. Anything else by whoever may change it (the roles give
    experts no delete permission, guidance/rules/roles.py)."""
    if status_of(obj) == PublicationStatus.PUBLISHED:
        return is_editor(user)
    return can_change(user, obj)


def _is_own_country(user, obj):
    """Whether `obj` belongs to one of `user`'s countries; a source of none belongs to nobody."""
    country = country_of(obj)
    return country is not None and can_edit_country(user, country)


def can_submit(user, obj):
    """Experts (and editors) send their own drafts to the editors for review."""
    return obj.status == PublicationStatus.DRAFT and can_change(user, obj)


def can_publish_object(user, obj):
    return obj.status != PublicationStatus.PUBLISHED and can_publish(user)


def can_return_to_draft(user, obj):
    """Editors send content in review (or published) back to its authors with a comment.

    Published content with revisions (all but the structure) stays published: its
    changes go through revisions instead (guidance/rules/revisions.py).
    """
    if obj.status == PublicationStatus.DRAFT or not is_editor(user):
        return False
    return not (obj.status == PublicationStatus.PUBLISHED and _has_revisions(type(obj)))


def can_revert(user, obj):
    """Going back to an earlier version is an edit like any other."""
    return can_change(user, obj)


def can_change_source(user, source):
    """Sources are shared by all; editors change any, experts those of their own countries
    (not while in review, like any content), and no expert those tied to no country."""
    return can_change(user, source)


def edit_becomes_revision(user, obj):
    """Whether saving `user`'s change to `obj` makes a revision rather than changing it.

    An expert's change to a published organisation or source waits for review while the
    public keeps reading the published row; editors' corrections apply directly, as
    their corrections of records do.
    """
    return (
        _has_revisions(type(obj))
        and type(obj).revise_on_save
        and obj.status == PublicationStatus.PUBLISHED
        and obj.revision_of_id is None
        and not is_editor(user)
    )


def readable_comments(queryset, user):
    """Narrow a queryset of review comments to those `user` may read: never the public's."""
    if is_editor(user):
        return queryset
    if not user.is_authenticated or not user.is_active:
        return queryset.none()
    return queryset.for_countries(editable_countries(user))


def can_read_comments_on(user, content):
    """Editors, and the national experts of the content's country."""
    return is_editor(user) or _is_own_country(user, content)


def can_read_comment(user, comment):
    return can_read_comments_on(user, comment.target)


def can_comment_on(user, target):
    """Editors open a thread on any section entry, policy or initiative, whatever its status.

    A comment is not an edit of the content (content in review stays frozen for experts,
    comments do not), and no workflow step waits for one.
    """
    return target is not None and is_editor(user)


def can_reply(user, comment):
    """Whoever may read a thread answers in it: editors, and the experts of its country."""
    return comment.reply_to_id is None and can_read_comment(user, comment)


def can_resolve(user, comment):
    """The experts of the thread's country, or an editor, mark an open thread resolved."""
    return (
        comment.reply_to_id is None and not comment.is_resolved and can_read_comment(user, comment)
    )


def thread_permissions(user, content, threads):
    """{thread pk: (may reply, may resolve)} for the threads on `content`.

    The same rules as `can_reply` and `can_resolve`, with the reader decided once for the
    content rather than once per thread (a query each for an expert).
    """
    reads = can_read_comments_on(user, content)
    return {
        thread.pk: (
            reads and thread.reply_to_id is None,
            reads and thread.reply_to_id is None and not thread.is_resolved,
        )
        for thread in threads
    }
