"""CSV for list endpoints: one row per object, the serializer's fields as columns, UTF-8.

Lists of codes are joined with "; " in one cell; a policy's stages read "2015 pilot;
2018 implementation". Nested lists of objects (a record's entries) are left out: fetch
them as JSON.
"""

from rest_framework_csv.renderers import CSVRenderer

LIST_SEPARATOR = "; "


def flat_cell(value):
    if isinstance(value, list):
        return LIST_SEPARATOR.join(
            " ".join(str(part) for part in item.values()) if isinstance(item, dict) else str(item)
            for item in value
        )
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
        context = {**renderer_context, "header": header or None}
        return super().render(flat, media_type, context, writer_opts)
