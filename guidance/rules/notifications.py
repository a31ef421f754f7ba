"""E-mail to the people a workflow move concerns, sent once the move is saved.

Submitting content tells the editors; returning it to draft (with the editor's comment)
and publishing it tell the country's national experts; opening a collection tells every
expert where their countries' new drafts are. A review comment tells the commented
country's experts when an editor writes it, and everyone who wrote in its thread. Recipients are active users with an e-mail
address, never the person who made the move. A daily digest (`send_review_digest`) lists
for the editors everything in review.

Mail leaves only after the transaction commits, so nothing rolled back is announced, and
a mail server that is down or refuses never undoes or fails the save: the failure is
logged on "guidance.rules.notifications" and the move stands. EMAIL_TIMEOUT bounds the wait.
Messages are plain text in each recipient's interface language, the one they last signed in
with (guidance/rules/interface_language.py; settings.LANGUAGE_CODE for someone who never
did), with absolute links starting with SITE_URL to the pages and admin in that language.
"""

import logging
from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from guidance.models import (
    Country,
    GuidanceSystem,
    Initiative,
    Organisation,
    Policy,
    PublicationStatus,
    Source,
)
from guidance.rules import interface_language
from guidance.rules.comments import target_admin_url, writers_in_thread
from guidance.rules.permissions import country_of, is_editor
from guidance.rules.roles import EDITORS

logger = logging.getLogger("guidance.rules.notifications")

# What the daily digest lists, in this order, with the relations each one's name reads.
REVIEWED_CONTENT = {
    GuidanceSystem: ("country", "collection"),
    Policy: ("country",),
    Initiative: ("country",),
    Organisation: (),
    Source: (),
}

PUBLIC_PAGES = {
    Policy: "guidance:policy",
    Initiative: "guidance:initiative",
    Organisation: "guidance:organisation",
}


def submitted(obj, actor):
    """`actor` submitted `obj` for review: the editors are asked to review it."""
    _after_commit(_submitted_messages, obj, actor)


def returned_to_draft(obj, actor):
    """`actor`, an editor, returned `obj` to draft: its country's experts read the comment."""
    _after_commit(_returned_messages, obj, actor)


def published(obj, actor):
    """`actor` published `obj`: its country's experts are told it is public."""
    _after_commit(_published_messages, obj, actor)


def commented(comment, actor):
    """`actor` wrote a review comment or reply: the experts of its country hear of an editor's,
    and whoever wrote in the thread hears of any."""
    _after_commit(_comment_messages, comment, actor)


def collection_opened(collection, actor):
    """`actor` opened `collection`: every expert gets the links to their countries' drafts."""
    _after_commit(_opening_messages, collection, actor)


def send_review_digest():
    """Tell every editor what waits in review; returns the number of messages sent.

    For `manage.py send_review_digest`, run once a day: it also lists what reached review
    without a submission (an expert's change to published content, a proposed change to
    an organisation or source). Nothing waiting, nothing sent. Unlike the mail after a
    move, a failure here is raised, so the scheduler reports it.
    """
    messages = _in_each_language(_digest_messages)
    if not messages:
        return 0
    return get_connection().send_messages(messages)


def _digest_messages():
    waiting = [(model, _in_review(model, related)) for model, related in REVIEWED_CONTENT.items()]
    waiting = [(model, rows) for model, rows in waiting if rows]
    count = sum(len(rows) for _model, rows in waiting)
    if not count:
        return []
    subject = _("%(count)d waiting for review") % {"count": count}
    lines = [_("Waiting for review, oldest first:")]
    for model, rows in waiting:
        lines += ["", str(capfirst(model._meta.verbose_name_plural))]
        lines += [_digest_line(row) for row in rows]
    return [_message(user, subject, lines) for user in _editors(None)]


def _in_review(model, related):
    rows = model.objects.filter(status=PublicationStatus.IN_REVIEW).select_related(*related)
    return list(rows.order_by("updated_at", "pk"))


def _digest_line(obj):
    values = {"content": obj, "since": obj.updated_at.date(), "url": _admin_url(obj)}
    if getattr(obj, "is_revision", False):
        return _("- %(content)s, a proposed change, since %(since)s: %(url)s") % values
    return _("- %(content)s, since %(since)s: %(url)s") % values


def _after_commit(write, *args):
    transaction.on_commit(partial(_send, write, *args))


def _send(write, *args):
    """Write and send the messages; a failure is logged, never raised into the request."""
    try:
        messages = _in_each_language(write, *args)
    except Exception:
        logger.exception("Could not write the e-mail (%s).", write.__name__)
        return
    if not messages:
        return
    recipients = ", ".join(address for message in messages for address in message.to)
    try:
        get_connection().send_messages(messages)
    except Exception:
        logger.exception("Could not send “%s” to %s.", messages[0].subject, recipients)
        return
    logger.info("Sent “%s” to %s.", messages[0].subject, recipients)


def _in_each_language(write, *args):
    """The messages `write` makes, each in its recipient's language.

    Written first in settings.LANGUAGE_CODE, then again in each other language some
    recipient reads, keeping from each pass the messages to those recipients.
    """
    default = settings.LANGUAGE_CODE
    with translation.override(default):
        messages = write(*args)
    languages = interface_language.languages_of(message.to[0] for message in messages)
    chosen = [message for message in messages if languages.get(message.to[0], default) == default]
    for language in sorted(set(languages.values()) - {default}):
        with translation.override(language):
            chosen += [message for message in write(*args) if languages[message.to[0]] == language]
    return chosen


def _submitted_messages(obj, actor):
    subject = _("For review: %(content)s") % {"content": obj}
    lines = [
        _("%(actor)s submitted this %(kind)s for review.")
        % {"actor": _name(actor), "kind": obj._meta.verbose_name},
        "",
        *_facts(obj),
        "",
        _("Review it: %(url)s") % {"url": _admin_url(obj)},
    ]
    return [_message(user, subject, lines) for user in _editors(actor)]


def _returned_messages(obj, actor):
    subject = _("Returned to draft: %(content)s") % {"content": obj}
    lines = [
        _("%(actor)s returned this %(kind)s to draft with a comment.")
        % {"actor": _name(actor), "kind": obj._meta.verbose_name},
        "",
        *_facts(obj),
        "",
        _("Comment:"),
        *(f"  {line}" for line in obj.review_comment.splitlines()),
        "",
        _("Change it: %(url)s") % {"url": _admin_url(obj)},
    ]
    return [_message(user, subject, lines) for user in _experts(country_of(obj), actor)]


def _published_messages(obj, actor):
    subject = _("Published: %(content)s") % {"content": obj}
    lines = [
        _("%(actor)s published this %(kind)s.")
        % {"actor": _name(actor), "kind": obj._meta.verbose_name},
        "",
        *_facts(obj),
        "",
    ]
    public_url = _public_url(obj)
    if public_url:
        lines.append(_("On the public site: %(url)s") % {"url": public_url})
    lines.append(_("In the admin: %(url)s") % {"url": _admin_url(obj)})
    return [_message(user, subject, lines) for user in _experts(country_of(obj), actor)]


def _comment_messages(comment, actor):
    target = comment.target
    kind = _("a reply") if comment.reply_to_id else _("a comment")
    subject = _("Review comment on %(content)s") % {"content": target}
    lines = [
        _("%(actor)s wrote %(kind)s on this %(content_kind)s:")
        % {"actor": _name(actor), "kind": kind, "content_kind": target._meta.verbose_name},
        "",
        *_facts(target),
        "",
        *(f"  {line}" for line in comment.body.splitlines()),
        "",
        _("Reply or mark it resolved: %(url)s") % {"url": _absolute(target_admin_url(comment))},
    ]
    users = get_user_model().objects.filter(is_active=True, pk__in=writers_in_thread(comment))
    recipients = set(_reachable(users, actor))
    if is_editor(actor):
        recipients.update(_experts(country_of(comment), actor))
    return [_message(user, subject, lines) for user in sorted(recipients, key=lambda u: u.pk)]


def _opening_messages(collection, actor):
    subject = _("%(collection)s is open: update your records") % {"collection": collection}
    opened = (
        _("%(actor)s opened %(collection)s.") % {"actor": _name(actor), "collection": collection}
        if actor
        else _("%(collection)s is open.") % {"collection": collection}
    )
    drafts = {
        record.country_id: record
        for record in GuidanceSystem.objects.filter(collection=collection).select_related(
            "country", "collection"
        )
    }
    countries = {}
    for link in _expert_links(actor):
        countries.setdefault(link.user, []).append(link.country)
    messages = []
    for user, own in countries.items():
        lines = [
            opened,
            _(
                "Each country's latest published record has been copied into a draft for "
                "you to update:"
            ),
            "",
            *(_draft_line(country, drafts.get(country.pk)) for country in own),
        ]
        messages.append(_message(user, subject, lines))
    return messages


def _draft_line(country, draft):
    if draft is None:
        return _("%(country)s: no published record to copy; start one at %(url)s") % {
            "country": country,
            "url": _absolute(
                f"{reverse('admin:guidance_guidancesystem_add')}?country={country.code}"
            ),
        }
    return f"{country}: {_admin_url(draft)}"


def _facts(obj):
    country = country_of(obj)
    lines = [f"{capfirst(obj._meta.verbose_name)}: {obj}"]
    if country is not None:
        lines.append(_("Country: %(country)s") % {"country": country})
    return lines


def _message(user, subject, lines):
    subject = _("[Lifelong Guidance Inventory] %(subject)s") % {"subject": subject}
    return EmailMessage(
        subject=" ".join(subject.split()),
        body="\n".join(lines) + "\n",
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
    )


def _editors(actor):
    users = get_user_model().objects.filter(is_active=True, groups__name=EDITORS)
    return _reachable(users, actor)


def _experts(country, actor):
    if country is None:
        return []
    return _reachable(country.experts.filter(is_active=True), actor)


def _reachable(users, actor):
    users = users.exclude(email="").distinct().order_by("pk")
    if actor is not None:
        users = users.exclude(pk=actor.pk)
    return list(users)


def _expert_links(actor):
    """Every (expert, country) assignment of an active expert with an address, not `actor`."""
    links = (
        Country.experts.through.objects.filter(user__is_active=True)
        .exclude(user__email="")
        .select_related("country", "user")
        .order_by("user_id", "country__name")
    )
    if actor is not None:
        links = links.exclude(user_id=actor.pk)
    return links


def _name(user):
    if user is None:
        return _("Someone")
    return user.get_full_name() or user.get_username()


def _admin_url(obj):
    opts = obj._meta
    return _absolute(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]))


def _public_url(obj):
    if isinstance(obj, GuidanceSystem):
        code, year = obj.country.code, obj.collection.year
        return _absolute(reverse("guidance:country-year", kwargs={"code": code, "year": year}))
    for model, name in PUBLIC_PAGES.items():
        if isinstance(obj, model):
            return _absolute(reverse(name, args=[obj.pk]))
    return None


def _absolute(path):
    return settings.SITE_URL + path
