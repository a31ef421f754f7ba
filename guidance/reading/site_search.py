"""Site search across section texts, policies, initiatives and organisations.

On PostgreSQL: full-text search (websearch syntax, English configuration) on each model's
stored, GIN-indexed `search_vector` (titles weigh more than text; a section entry's vector
holds its text only), ranked with an exact title match first. On SQLite (the embedded
default): every word must appear (case-insensitive), ranked by title matches. Either way the
snippet is cut in Python around the first searched word of the shown rows' text, rendered
as plain text and escaped, the words marked (ts_headline over 80 whole texts cost more
than the rest of the search). Only published content is searched:
records, policies, initiatives and organisations go through permissions.visible for an
anonymous reader, whoever asks.

Each kind ranks a bounded candidate set: the newest CANDIDATES matches it may show, and
any row titled exactly as searched, however old, which comes first (policies and
initiatives have an index on the upper-cased title for it). A word found in most rows then
costs PostgreSQL a short backward walk of the primary key instead of ranking every match,
while a selective word, served by the GIN index, has all its matches ranked. Nothing
counts every match: below the cap the count is exact, at the cap the page says "or more".
"""

import difflib
import re
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import Case, Count, F, IntegerField, Q, Value, When, Window
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from guidance.models import (
    Country,
    Initiative,
    Organisation,
    Policy,
    PublicationStatus,
    Section,
    SectionEntry,
)
from guidance.reading.browse import highlight, search_words
from guidance.reading.markdown import markdown_as_plain_text
from guidance.rules import permissions

PER_KIND = 20
CANDIDATES = 200
SNIPPET_CHARS = 240


@dataclass
class Hit:
    kind: str
    label: str
    title: str
    url: str
    country: str
    snippet: str
    rank: float


@dataclass
class Results:
    """The hits shown, best first, and how many matched: `matched` counts at most CANDIDATES
    of each kind, and `capped` says that some kind reached CANDIDATES, so that there may be
    more matches than were counted and ranked."""

    hits: list
    matched: int = 0
    capped: bool = False
    candidates: int = 0
    key: str = ""


@dataclass(frozen=True)
class Kind:
    key: str
    label: object
    model: type
    title_field: str
    text_field: str
    country_field: str
    shown_with: tuple = ("country",)


KINDS = (
    Kind(
        "section",
        _("Record sections"),
        SectionEntry,
        "section__title",
        "body",
        "system__country",
        ("section", "system__country", "system__collection"),
    ),
    Kind("policy", _("Policies"), Policy, "title", "summary", "country"),
    Kind("initiative", _("Initiatives"), Initiative, "title", "summary", "country"),
    Kind("organisation", _("Organisations"), Organisation, "name", "description", "country"),
)
KIND_KEYS = [kind.key for kind in KINDS]


def _searchable(kind):
    """The rows of `kind` an anonymous reader may read: where the candidates come from."""
    if kind.model is SectionEntry:
        return SectionEntry.objects.filter(system__status=PublicationStatus.PUBLISHED)
    return permissions.visible(kind.model.objects.all(), AnonymousUser())


def _shown(kind):
    return kind.model.objects.select_related(*kind.shown_with)


def search(words, countries=(), kinds=KIND_KEYS):
    """Hits for `words`, best first, at most PER_KIND of each kind, ranked among the newest
    CANDIDATES matches of each kind."""
    results = Results(hits=[], candidates=CANDIDATES)
    for kind in KINDS:
        if kind.key not in kinds:
            continue
        queryset = _searchable(kind)
        if countries:
            queryset = queryset.filter(**{f"{kind.country_field}__in": countries})
        if connection.vendor == "postgresql":
            hits, matched = _postgresql_hits(kind, queryset, words)
        else:
            hits, matched = _simple_hits(kind, queryset, words)
        results.hits += hits
        results.matched += matched
        results.capped = results.capped or matched >= CANDIDATES
    results.hits.sort(key=lambda hit: hit.rank, reverse=True)
    return results


def _postgresql_hits(kind, queryset, words):
    """One query: the candidates as a subquery, ranked, counted by a window over them; the
    PER_KIND rows shown come back without their stored vector. Rows titled exactly as
    searched are candidates whatever their age, and come first."""
    query = SearchQuery(words, search_type="websearch", config="english")
    matching = queryset.filter(search_vector=query)
    candidates = matching.order_by("-pk").values("pk")[:CANDIDATES]
    titled = _titled(kind, words)
    if titled is not None:
        # One set (UNION), not two ORed: an OR of two IN lists read every row.
        candidates = candidates.union(matching.filter(titled).values("pk"))
    rows = list(
        _shown(kind)
        .filter(pk__in=candidates)
        .defer("search_vector")
        .annotate(
            titled=_titled_first(titled),
            rank=SearchRank(F("search_vector"), query),
            matched=Window(Count("pk")),
        )
        .order_by("-titled", "-rank", "pk")[:PER_KIND]
    )
    terms = search_words(words)
    hits = [
        _hit(kind, row, row.rank, _excerpt(getattr(row, kind.text_field), terms), words)
        for row in rows
    ]
    return hits, rows[0].matched if rows else 0


def _simple_hits(kind, queryset, words):
    terms = search_words(words)
    if not terms:
        return [], 0
    for term in terms:
        queryset = queryset.filter(
            Q(**{f"{kind.title_field}__icontains": term})
            | Q(**{f"{kind.text_field}__icontains": term})
        )
    candidates = Q(pk__in=queryset.order_by("-pk").values("pk")[:CANDIDATES])
    titled = _titled(kind, words)
    if titled is not None:
        candidates |= titled
    rows = list(queryset.filter(candidates).select_related(*kind.shown_with))
    exactly = words.strip().lower()
    ranked = sorted(
        rows,
        key=lambda row: (
            _title(kind, row).strip().lower() != exactly,
            -_title_rank(kind, row, terms),
            row.pk,
        ),
    )[:PER_KIND]
    hits = [
        _hit(
            kind,
            row,
            _title_rank(kind, row, terms),
            _excerpt(getattr(row, kind.text_field), terms),
            words,
        )
        for row in ranked
    ]
    return hits, len(rows)


def _title_rank(kind, row, terms):
    title = _title(kind, row).lower()
    return sum(title.count(term.lower()) for term in terms) + 0.1


def _titled(kind, words):
    """The rows titled exactly as searched (case aside), or None for section texts, whose
    titles are the sections'."""
    if kind.model is SectionEntry or not words.strip():
        return None
    return Q(**{f"{kind.title_field}__iexact": words.strip()})


def _titled_first(titled):
    """1 for a row titled exactly as searched, else 0: the first sort key."""
    if titled is None:
        return Value(0)
    return Case(When(titled, then=Value(1)), default=Value(0), output_field=IntegerField())


def _excerpt(markdown_text, terms):
    """About SNIPPET_CHARS of plain text from shortly before the first searched word, marked.

    Only a window of the Markdown around that word is rendered: a long text costs no more
    than a short one, and the cut opens no hole in the sanitising, which comes after it.
    """
    start, end = _window(markdown_text, terms)
    plain = re.sub(r"\s+", " ", markdown_as_plain_text(markdown_text[start:end]))
    first = _first_match(plain, terms)
    cut = max(0, first - SNIPPET_CHARS // 3)
    excerpt = plain[cut : cut + SNIPPET_CHARS]
    before = "…" if start or cut else ""
    after = "…" if end < len(markdown_text) or cut + SNIPPET_CHARS < len(plain) else ""
    return highlight(before + excerpt + after, terms)


def _window(markdown_text, terms):
    """Where the Markdown to render starts (at a word) and ends, around the first match."""
    first = _first_match(markdown_text, terms)
    start = max(0, first - SNIPPET_CHARS)
    if start:
        start = markdown_text.find(" ", start, first) + 1 or start
    return start, first + 3 * SNIPPET_CHARS


def _first_match(text, terms):
    lower = text.lower()
    return min((lower.find(term.lower()) for term in terms if term.lower() in lower), default=0)


def _title(kind, row):
    if kind.model is SectionEntry:
        return f"{row.system.country.name} {row.system.collection.year}: {row.section.title}"
    return getattr(row, kind.title_field)


def _hit(kind, row, rank, snippet, words):
    title = _title(kind, row)
    if title.strip().lower() == words.strip().lower() or (
        kind.model is not SectionEntry
        and getattr(row, kind.title_field).lower() == words.strip().lower()
    ):
        rank += 100  # an exact title match is what the reader was looking for
    return Hit(
        kind.key,
        str(kind.label),
        title,
        _url(kind, row),
        _country_name(kind, row),
        snippet,
        float(rank),
    )


def _country_name(kind, row):
    country = row.system.country if kind.model is SectionEntry else row.country
    return country.name if country else ""


def _url(kind, row):
    if kind.model is SectionEntry:
        record = row.system
        return reverse(
            "guidance:record-section",
            args=[record.country.code, record.collection.year, row.section.slug],
        )
    return reverse(f"guidance:{kind.key}", args=[row.pk])


def suggestions(words):
    """Other searches worth trying when nothing matched: close names of countries and sections."""
    names = list(Country.objects.values_list("name", flat=True)) + list(
        Section.objects.values_list("title", flat=True)
    )
    vocabulary = {word.lower() for name in names for word in re.findall(r"\w{4,}", name)}
    close = []
    for word in search_words(words):
        close += difflib.get_close_matches(word.lower(), vocabulary, n=2, cutoff=0.75)
    return [word for word in dict.fromkeys(close) if word not in words.lower()][:5]
