"""Errors as JSON: 400 with messages per parameter or field, 409 for a stale or refused write."""

from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from guidance.concurrency import EditConflict
from guidance.workflow import TransitionRefused


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
    return drf_exception_handler(exc, context)
