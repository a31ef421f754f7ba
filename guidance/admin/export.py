"""The "export selected as CSV" action every list in the admin offers."""

from django.contrib import admin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guidance.models.common import DERIVED_FIELDS
from guidance.reading import csv_export


def export_columns(model):
    """Every concrete field but derived ones, plus many-to-many fields as '; '-separated names.

    Bytes (a release file's content) are no CSV cell: their checksum column says which.
    """
    fields = [
        f
        for f in model._meta.get_fields()
        if f.concrete
        and not f.auto_created
        and f.name not in DERIVED_FIELDS
        and not isinstance(f, models.BinaryField)
    ]
    return [f for f in fields if not f.many_to_many] + [f for f in fields if f.many_to_many]


def export_value(obj, field):
    if field.many_to_many:
        value = "; ".join(str(related) for related in getattr(obj, field.name).all())
    elif field.choices:
        value = getattr(obj, f"get_{field.name}_display")()
    else:
        value = getattr(obj, field.name)
    return "" if value is None else str(value)


@admin.action(description=_("Export selected as CSV"), permissions=["view"])
def export_as_csv(modeladmin, request, queryset):
    """A UTF-8 CSV (with BOM, so spreadsheets read accents right) of the selected rows."""
    model = modeladmin.model
    columns = export_columns(model)
    many = [f.name for f in columns if f.many_to_many]
    related = [f.name for f in columns if f.many_to_one]
    rows = queryset.select_related(*related).prefetch_related(*many)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    return csv_export.attachment(
        f"{model._meta.model_name}-{stamp}.csv",
        ["id", *(str(f.verbose_name) for f in columns)],
        ([obj.pk, *(export_value(obj, f) for f in columns)] for obj in rows),
    )
