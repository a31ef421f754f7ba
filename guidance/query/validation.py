"""The rules every query string obeys, on the API and the pages (README "Filters").

A parameter that is not read is an error naming it, so a misspelt filter never silently
returns every row; one given twice that takes one value is an error too; the API also
refuses blank values. `validate_params` applies them with a FilterSet.
"""

from django.utils.translation import gettext as _

from guidance.query.filters import SeveralChoicesFilter, SeveralModelsFilter
from guidance.query.params import split_values

# Parameters the API and the pages understand besides the filters themselves.
STANDARD_PARAMS = frozenset({"page", "page_size", "format", "fields"})
# The HTML pages that list filtered rows take only a page number besides the filters.
PAGE_PARAMS = frozenset({"page"})


def unknown_params(params, known):
    """An error per parameter whose name is not in `known`."""
    known = set(known)
    return {
        name: [_("Unknown parameter “%(name)s”.") % {"name": name[:50]}]
        for name in params
        if name not in known
    }


def repeated_params(params, several=()):
    """An error per parameter given twice that takes only one value (`page=1&page=2`)."""
    if not hasattr(params, "getlist"):
        return {}
    return {
        name: [_("Give this parameter once.")]
        for name in params
        if name not in several and len(params.getlist(name)) > 1
    }


def several_valued(filterset_class):
    """The names of the filters of `filterset_class` that take several values."""
    return {
        name
        for name, found in filterset_class.base_filters.items()
        if isinstance(found, SeveralModelsFilter | SeveralChoicesFilter)
    }


def blank_params(params):
    """An error per parameter given without a value (`?country=`); the API refuses them.

    The browse pages' forms send empty fields, so `validate_params` ignores blanks; an
    API client that sends one has most likely lost a value on the way.
    """
    return {
        name: [_("Give a value, or leave the parameter out.")]
        for name in params
        if not split_values(params, name)
    }


def validate_params(filterset_class, params, queryset, *, request=None, allowed=STANDARD_PARAMS):
    """Filter `queryset` by `params`, or say what is wrong with them.

    Returns (filterset, errors): `errors` maps each bad parameter to its messages and is
    empty when the filterset's `.qs` can be used. Pages show the messages; the API
    answers 400 with them.
    """
    errors = unknown_params(params, set(filterset_class.base_filters) | set(allowed))
    errors.update(repeated_params(params, several_valued(filterset_class)))
    filterset = filterset_class(params, queryset=queryset, request=request)
    if not filterset.is_valid():
        for name, messages in filterset.errors.items():
            errors.setdefault(name, []).extend(messages)
    return filterset, errors
