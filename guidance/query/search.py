"""Words matched in text fields: PostgreSQL full-text search, or word-contains on SQLite."""

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import Q


def search_content(queryset, fields, words):
    """Rows matching `words`: full-text search on PostgreSQL, every word icontains elsewhere.

    On PostgreSQL a model with a stored `search_vector` (kept by a trigger over the same
    fields, GIN-indexed; migration 0003) is matched on it; others build the vector per row.
    """
    if connection.vendor == "postgresql":
        query = SearchQuery(words, search_type="websearch", config="english")
        if has_stored_vector(queryset.model):
            return queryset.filter(search_vector=query)
        vector = SearchVector(*fields, config="english")
        return queryset.annotate(matched_vector=vector).filter(matched_vector=query)
    for word in words.split():
        matches = Q()
        for name in fields:
            matches |= Q(**{f"{name}__icontains": word})
        queryset = queryset.filter(matches)
    return queryset


def has_stored_vector(model):
    return any(field.name == "search_vector" for field in model._meta.concrete_fields)
