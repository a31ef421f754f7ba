"""Parts of pages rendered once per version of what they show, then read from the cache.

A cold page (a miss in the anonymous page cache, guidance/caching.py) was mostly template
rendering: 21 sections and up to 100 policy and initiative cards on a country profile,
a hundred cells on a comparison (make bench). Each such part is rendered from rows
whose every save bumps `version` and `updated_at`, so a part's cache key names the rows
it shows by (model, pk, version, updated_at), with their status, the language and the
time zone, and the templates' own text: a new version, a publication, a changed source
or a new template is a new key, and stale HTML is never read again (it expires).

Nothing in a part depends on who reads it except through what the key names: a draft's
card carries its status badge, and its key its status and its own pk, so the published
row's part never holds a draft's text. A page collects its parts in a FragmentBatch and
reads them in one round trip (`get_many`), writing the missing ones in one more.
"""

import hashlib
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import SafeString

FRAGMENT_SECONDS = 7 * 24 * 3600
# The templates a part is rendered from, with what they include: their text is in every key.
FRAGMENT_TEMPLATE_DIRS = ["guidance/fragments", "guidance/includes"]


def row(obj):
    """What identifies one saved state of `obj` in a key; None for no row."""
    if obj is None:
        return None
    return (
        obj._meta.label,
        obj.pk,
        getattr(obj, "version", None),
        getattr(obj, "status", None),
        str(getattr(obj, "updated_at", "")),
    )


def rows(objects):
    return tuple(row(obj) for obj in objects)


class Fragment:
    """One part of a page; prints as its HTML once its batch has been read."""

    def __init__(self, template, context, key):
        self.template = template
        self.context = context
        self.key = key
        self.html = None

    def __html__(self):
        return self.html

    def __str__(self):
        return SafeString(self.html)


class FragmentBatch:
    """The cached parts of one page, read together."""

    def __init__(self):
        self.fragments = []

    def add(self, template, context, identity):
        """A part rendered from `template` with `context`; `identity` is all it shows."""
        fragment = Fragment(template, context, fragment_key(template, identity))
        self.fragments.append(fragment)
        return fragment

    def read(self):
        """Fill every part: from the cache, or rendered now and stored."""
        found = cache.get_many([fragment.key for fragment in self.fragments])
        rendered = {}
        for fragment in self.fragments:
            html = found.get(fragment.key)
            if html is None:
                html = rendered.get(fragment.key)
            if html is None:
                html = rendered[fragment.key] = render_to_string(
                    fragment.template, fragment.context
                )
            fragment.html = SafeString(html)
        if rendered:
            cache.set_many(rendered, FRAGMENT_SECONDS)


def fragment_key(template, identity):
    material = repr(
        (
            templates_digest(),
            template,
            translation.get_language(),
            timezone.get_current_timezone_name(),
            identity,
        )
    )
    return f"fragment:{hashlib.sha256(material.encode()).hexdigest()}"


@lru_cache(maxsize=1)
def templates_digest():
    """A digest of the fragment templates' text, so that a deployment's new ones are used."""
    digest = hashlib.sha256()
    for folder in FRAGMENT_TEMPLATE_DIRS:
        for base in settings.TEMPLATES[0]["DIRS"]:
            for path in sorted(Path(base, folder).glob("*.html")):
                digest.update(path.name.encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
