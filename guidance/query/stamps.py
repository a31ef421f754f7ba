"""SQL stamps of the rows a row shows, for cache keys read without loading those rows.

A cached part of a page (guidance/views/fragments.py) or a list row's JSON
(guidance/api/row_cache.py) is keyed on the state of everything it shows. Loading the
related rows just to name that state cost more than serialising them (make bench), so
the state is read in the row's own query instead: one array per relation, naming each
linked row by a few of its columns.
"""

from django.contrib.postgres.fields import ArrayField
from django.db.models import TextField
from django.db.models.expressions import RawSQL

# What identifies one saved state of a row: every save bumps `version` and `updated_at`.
ROW_STATE = ("id", "version", "status", "updated_at")


def related_stamp(model, field_name, columns=ROW_STATE):
    """An array naming the rows each `model` row links to through its M2M `field_name`.

    Each linked row is named by `columns` (by default its saved state): adding, removing
    or saving one of them changes the array, so a key made of it changes too. The SQL is
    written out once: built from expressions, the six stamps of a profile cost more to
    compile than the rest of the page's queries (make bench profile).
    """
    field = model._meta.get_field(field_name)
    return _Stamps(
        f'SELECT {_joined("linked", columns)} AS stamp FROM "{field.m2m_db_table()}" link'
        f' JOIN "{field.related_model._meta.db_table}" linked'
        f' ON linked."id" = link."{field.m2m_reverse_name()}"'
        f' WHERE link."{field.m2m_column_name()}" = "{model._meta.db_table}"."id"'
        ' ORDER BY linked."id"'
    )


def child_stamp(model, child, fk, columns, order):
    """An array naming the `child` rows pointing at each `model` row by `fk`, in `order`."""
    return _Stamps(
        f'SELECT {_joined("child", columns)} AS stamp FROM "{child._meta.db_table}" child'
        f' WHERE child."{fk}" = "{model._meta.db_table}"."id" ORDER BY child."{order}"'
    )


def _joined(alias, columns):
    """`columns` of `alias` as one text, in SQL both PostgreSQL and SQLite speak."""
    return " || '|' || ".join(
        f"COALESCE(CAST({alias}.\"{column}\" AS TEXT), '')" for column in columns
    )


class _Stamps(RawSQL):
    """The `stamp` column of `select` as one value: an array on PostgreSQL, and on SQLite
    (the embedded default, which has no arrays) the stamps joined into one text."""

    def __init__(self, select):
        self.select = select
        super().__init__(f"ARRAY({select})", (), output_field=ArrayField(TextField()))

    def as_sqlite(self, compiler, connection):
        return f"(SELECT group_concat(stamp, ',') FROM ({self.select}))", ()
