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
row's part never holds a draft's text. What a part lists of other rows (a card's sources
and organisations) is what its reader may read, so every key also names the reader's
scope (permissions.visibility_scope: the public, an expert's countries, or editors): a
published card listing a draft source for its expert is never the public's. A page
collects its parts in a FragmentBatch for its reader and reads them in one round trip
(`get_many`), writing the missing ones in one more.

A cold page must not load every row in full just to name its parts: it first reads each
shown row's key ingredients (`row` of a few columns, stamps of what it links to from
guidance/query/stamps.py) in one narrow query per kind, and loads in full, with their
prefetches, only the rows whose part was missing (`FragmentBatch.add_loaded`).

A page whose parts are most of it can cache its whole body as one more part, keyed on
its parts' keys (`FragmentBatch.assemble`): a warm body is one read instead of a read of
every part and a render of the template around them.
"""

import hashlib
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import SafeString

from guidance.rules import permissions

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

    def __init__(self, template, context, key, loader=None, stub=None):
        self.template = template
        self.context = context
        self.key = key
        self.loader = loader
        self.stub = stub
        self.html = None

    def __html__(self):
        return self.html

    def __str__(self):
        return SafeString(self.html)


class FragmentBatch:
    """The cached parts of one page, read together."""

    def __init__(self, reader):
        self.fragments = []
        self.setting = (*reading_setting(), permissions.visibility_scope(reader))

    def add(self, template, context, identity):
        """A part rendered from `template` with `context`; `identity` is all it shows."""
        fragment = Fragment(template, context, fragment_key(template, identity, self.setting))
        self.fragments.append(fragment)
        return fragment

    def add_lazy(self, template, identity, context):
        """A part whose template context is built by `context()` only if the part is missing."""
        fragment = Fragment(template, context, fragment_key(template, identity, self.setting))
        self.fragments.append(fragment)
        return fragment

    def add_loaded(self, template, stub, identity, loader, context):
        """A part showing the row that `stub` (its key columns only) stands for.

        Only if the part is missing is the row loaded in full: `loader(pks)` loads all
        the missing ones of a kind in one go (with the reader's visibility filter) as
        {pk: row}, and `context(row)` is what the template is given.
        """
        fragment = Fragment(
            template, context, fragment_key(template, identity, self.setting), loader, stub
        )
        self.fragments.append(fragment)
        return fragment

    def assemble(self, template, context, identity):
        """`template` rendered with `context` around this batch's parts, cached as one part.

        Its key is made of `identity` (everything else the template shows, and whom for)
        and of every part's key, so it changes whenever a part's does; a miss reads the
        parts (`read`) and renders the template around them. It is stored only if every
        part shown was the state its key names. The template is rendered without the
        request, so no context processor puts anything per-request into it.
        """
        key = fragment_key(template, (identity, [f.key for f in self.fragments]), self.setting)
        html = cache.get(key)
        if html is None:
            complete = self.read()
            html = render_to_string(template, context)
            if complete:
                cache.set(key, html, FRAGMENT_SECONDS)
        return SafeString(html)

    def read(self):
        """Fill every part: from the cache, or rendered now and stored.

        Returns whether every part now holds the state its key names (see `_render`).
        """
        found = cache.get_many([fragment.key for fragment in self.fragments])
        missing = [fragment for fragment in self.fragments if fragment.key not in found]
        loaded = self._load(missing)
        rendered = {}
        for fragment in self.fragments:
            html = found.get(fragment.key)
            if html is None:
                html = rendered.get(fragment.key)
            if html is None:
                html = self._render(fragment, loaded, rendered)
            fragment.html = SafeString(html)
        if rendered:
            cache.set_many(rendered, FRAGMENT_SECONDS)
        return all(fragment.key in rendered for fragment in missing)

    @staticmethod
    def _load(missing):
        by_loader = {}
        for fragment in missing:
            if fragment.loader is not None:
                by_loader.setdefault(fragment.loader, set()).add(fragment.stub.pk)
        return {loader: loader(sorted(pks)) for loader, pks in by_loader.items()}

    @staticmethod
    def _render(fragment, loaded, rendered):
        """Render a missing part; store it only if what was loaded is what its key names.

        A row saved or hidden between the two queries is shown as loaded (or not at all)
        but not stored under the older state's key.
        """
        if fragment.loader is None:
            context = fragment.context() if callable(fragment.context) else fragment.context
            html = rendered[fragment.key] = render_to_string(fragment.template, context)
            return html
        shown = loaded[fragment.loader].get(fragment.stub.pk)
        if shown is None:
            return ""
        html = render_to_string(fragment.template, fragment.context(shown))
        if row(shown) == row(fragment.stub):
            rendered[fragment.key] = html
        return html


def fragment_key(template, identity, setting=None):
    material = repr((setting or reading_setting(), template, identity))
    return f"fragment:{hashlib.sha256(material.encode()).hexdigest()}"


def reading_setting():
    """What every part's HTML depends on besides its rows: templates, language, time zone."""
    return (
        templates_digest(),
        translation.get_language(),
        timezone.get_current_timezone_name(),
    )


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
