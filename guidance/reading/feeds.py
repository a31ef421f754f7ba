"""Atom feeds of published updates: site-wide, per country and per section.

An update is a published record, policy or initiative (for a section: a section text of a
published record, or a policy or initiative filed under the section), newest change first.
Entries keep one id per item, so a reader sees an edited item as updated, not as new.
Every feed states the content's licence (Atom <rights>) and, while the site holds demo
content, says so in its subtitle and at the end of each entry's summary, since readers
often show an entry alone.
"""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from guidance.models import (
    GuidanceSystem,
    Initiative,
    Policy,
    PublicationStatus,
    Section,
    SectionEntry,
)
from guidance.reading import demo, licences
from guidance.reading.markdown import markdown_as_plain_text
from guidance.views.common import country_or_404

FEED_LENGTH = 30
SUMMARY_WORDS = 60
PUBLISHED = {"status": PublicationStatus.PUBLISHED}


@dataclass
class Update:
    title: str
    link: str
    summary: str
    updated: datetime
    published: datetime | None
    category: str


def _summary(markdown_text):
    return Truncator(markdown_as_plain_text(markdown_text)).words(SUMMARY_WORDS)


def _record_update(record):
    year = record.collection.year
    return Update(
        title=_("%(country)s: record of the %(year)s collection")
        % {"country": record.country.name, "year": year},
        link=reverse("guidance:country-year", args=[record.country.code, year]),
        summary=_summary(record.summary),
        updated=record.updated_at,
        published=record.published_at,
        category=_("Record"),
    )


def _item_update(item, url_name, category):
    return Update(
        title=f"{item.title} ({item.country.name})",
        link=reverse(url_name, args=[item.pk]),
        summary=_summary(item.summary),
        updated=item.updated_at,
        published=item.published_at,
        category=category,
    )


def _entry_update(entry):
    record = entry.system
    return Update(
        title=_("%(country)s, %(year)s: %(section)s")
        % {
            "country": record.country.name,
            "year": record.collection.year,
            "section": entry.section.title,
        },
        link=reverse(
            "guidance:record-section",
            args=[record.country.code, record.collection.year, entry.section.slug],
        ),
        summary=_summary(entry.body),
        updated=entry.updated_at,
        published=record.published_at,
        category=_("Section text"),
    )


def _newest(queryset):
    return queryset.order_by("-updated_at")[:FEED_LENGTH]


def content_updates(country=None, section=None):
    """The newest published records, policies and initiatives, one list, newest first."""
    scope = {"country": country} if country else {}
    items = {"sections": section} if section else {}
    updates = [
        _item_update(policy, "guidance:policy", _("Policy"))
        for policy in _newest(Policy.objects.filter(**PUBLISHED, **scope, **items)).select_related(
            "country"
        )
    ]
    updates += [
        _item_update(initiative, "guidance:initiative", _("Initiative"))
        for initiative in _newest(
            Initiative.objects.filter(**PUBLISHED, **scope, **items)
        ).select_related("country")
    ]
    if section is None:
        records = GuidanceSystem.objects.filter(**PUBLISHED, **scope)
        updates += [
            _record_update(record)
            for record in _newest(records).select_related("country", "collection")
        ]
    else:
        entries = SectionEntry.objects.filter(
            section=section, system__status=PublicationStatus.PUBLISHED
        ).exclude(body="")
        updates += [
            _entry_update(entry)
            for entry in _newest(entries).select_related(
                "section", "system__country", "system__collection"
            )
        ]
    return sorted(updates, key=lambda update: update.updated, reverse=True)[:FEED_LENGTH]


class UpdatesFeed(Feed):
    feed_type = Atom1Feed

    def title(self):
        return _("Lifelong Guidance Inventory: published updates")

    def subtitle(self):
        text = _("Records, policies and initiatives as the editors publish them.")
        return f"{text} {demo.demo_notice()}".strip()

    def feed_copyright(self):
        return licences.rights_statement()

    def link(self):
        return reverse("guidance:home")

    def items(self, obj=None):
        return content_updates()

    def item_title(self, item):
        return item.title

    def item_link(self, item):
        return item.link

    def item_description(self, item):
        notice = demo.demo_notice()
        return f"{item.summary} [{notice}]" if notice else item.summary

    def item_updateddate(self, item):
        return item.updated

    def item_pubdate(self, item):
        return item.published

    def item_categories(self, item):
        return [item.category]


class CountryUpdatesFeed(UpdatesFeed):
    def get_object(self, request, code):
        return country_or_404(code)

    def title(self, country):
        return _("Lifelong Guidance Inventory: updates for %(country)s") % {"country": country.name}

    def link(self, country):
        return reverse("guidance:country", args=[country.code])

    def items(self, country):
        return content_updates(country=country)


class SectionUpdatesFeed(UpdatesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Section, slug=slug)

    def title(self, section):
        return _("Lifelong Guidance Inventory: updates under “%(section)s”") % {
            "section": section.title
        }

    def link(self, section):
        return reverse("guidance:section", args=[section.slug])

    def items(self, section):
        return content_updates(section=section)
