"""Errors as JSON: 400 with messages per parameter or field, 404 in the API's words, 409 for a
stale or refused write."""

from django.http import Http404
from rest_framework import status
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from guidance.rules.concurrency import EditConflict
from guidance.rules.workflow import TransitionRefused

SHOWN_KEY_LENGTH = 40


def exception_handler(exc, context):
    if isinstance(exc, EditConflict):
        return Response(
            {
                "detail": exc.message,
                "current_version": exc.current_version,
                "changed_fields": [change.field for change in exc.changes],
            },
            status=status.HTTP_409_CONFLICT,
        )
    if isinstance(exc, TransitionRefused):
        return Response({"detail": str(exc)}, status=status.HTTP_409_CONFLICT)
    if isinstance(exc, Http404):
        exc = NotFound(not_found_detail(context.get("view")))
    return drf_exception_handler(exc, context)


def not_found_detail(view):
    """ "No policy 123.", "No country record IT/2023.": what was asked for, never a model's
    class name (Django's get_object_or_404 says "No GuidanceSystem matches the given query.").
    """
    model = getattr(getattr(view, "queryset", None), "model", None)
    if model is None:
        return "Not found."
    resource = str(model._meta.verbose_name)
    keys = [
        str(value)[:SHOWN_KEY_LENGTH]
        for name, value in (getattr(view, "kwargs", None) or {}).items()
        if name != "format"
    ]
    if not keys:
        return f"Not found: no such {resource}."
    return f"No {resource} {'/'.join(keys)}."
