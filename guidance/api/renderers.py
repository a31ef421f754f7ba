"""CSV for list endpoints: one row per object, the serializer's fields as columns, UTF-8.

Lists of codes are joined with "; " in one cell; a policy's stages read "2015 pilot;
2018 implementation"; related objects shown as brief objects in JSON (guidance/api/brief.py)
read by name, "Agenzia X; Ministry Y". Nested lists of objects (a record's entries) are
left out: fetch them as JSON. The CSV is written by guidance/reading/csv_export.py (its formula
guard, no BOM).
"""

import io

from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework_csv.renderers import CSVRenderer

from guidance.reading import csv_export
from guidance.reading.comparison_csv import write_comparison_csv

LIST_SEPARATOR = "; "


def flat_item(item):
    if not isinstance(item, dict):
        return str(item)
    if "display" in item:
        return str(item["display"])
    return " ".join(str(part) for part in item.values())


def flat_cell(value):
    if isinstance(value, list):
        return LIST_SEPARATOR.join(flat_item(item) for item in value)
    return value


class InventoryCSVRenderer(CSVRenderer):
    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, media_type=None, renderer_context=None, writer_opts=None):
        renderer_context = renderer_context or {}
        rows = data.get("results", data) if isinstance(data, dict) else data
        if isinstance(rows, dict):
            rows = [rows]
        skipped = set(renderer_context.get("csv_skip", ()))
        header = [name for name in renderer_context.get("header") or [] if name not in skipped]
        flat = [
            {name: flat_cell(value) for name, value in row.items() if name not in skipped}
            for row in rows
        ]
        buffer = io.StringIO()
        csv_export.write_rows(buffer, None, self.tablize(flat, header=header or None))
        return buffer.getvalue().encode(self.charset)


class ComparisonCSVRenderer(BaseRenderer):
    """The comparison grid as the /compare/ page's CSV (guidance/reading/comparison_csv.py).

    The view hands it the Comparison itself, not the JSON data, when CSV was asked for.
    """

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, media_type=None, renderer_context=None):
        buffer = io.StringIO()
        write_comparison_csv(buffer, data)
        return buffer.getvalue().encode(self.charset)


class ErrorsAsJSONMixin:
    """An error is answered in JSON even when CSV was asked for."""

    def finalize_response(self, request, response, *args, **kwargs):
        renderer = getattr(request, "accepted_renderer", None)
        if response.status_code >= 400 and getattr(renderer, "format", None) == "csv":
            request.accepted_renderer = JSONRenderer()
            request.accepted_media_type = JSONRenderer.media_type
        return super().finalize_response(request, response, *args, **kwargs)
