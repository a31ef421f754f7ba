"""The hits of a search, kept in the shared cache under the public content generation.

A search reads what an anonymous reader may read, whoever asks (site_search.py), so one
answer serves every reader. Keyed by `content_generation()`, an answer is never served once
content the public can see has changed: a publish, an unpublish or an edit of published
content moves the generation, and every process asks for a new key. A common word then
costs a cold page two cache reads instead of four ranked queries and 80 snippets, and the
hit list is a template fragment cached under the same key (templates/guidance/search.html).
"""

import hashlib

from django.core.cache import cache
from django.db import connection
from django.utils.translation import get_language

from guidance.caching import content_generation
from guidance.reading import site_search

KEPT_SECONDS = 600
VERSION = 1


def search_results(words, countries=(), kinds=site_search.KIND_KEYS):
    """site_search.search(words, countries, kinds), from the cache when it holds it; its
    `key` names this search in this generation, for the fragment that shows its hits."""
    key = _key(words, countries, kinds)
    results = cache.get(key)
    if results is None:
        results = site_search.search(words, countries=countries, kinds=kinds)
        results.key = key
        cache.set(key, results, KEPT_SECONDS)
    return results


def _key(words, countries, kinds):
    question = "\n".join(
        [
            words,
            ",".join(sorted(country.code for country in countries)),
            ",".join(sorted(kinds)),
            connection.vendor,
            get_language() or "",
            f"{site_search.PER_KIND}/{site_search.CANDIDATES}",
        ]
    )
    digest = hashlib.sha256(question.encode()).hexdigest()
    return f"search:{VERSION}:{content_generation()}:{digest}"
