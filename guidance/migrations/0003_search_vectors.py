"""Stored full-text search vectors, kept by PostgreSQL triggers and GIN-indexed.

On PostgreSQL each table gets a BEFORE INSERT OR UPDATE trigger that writes
`search_vector` from its text columns (English configuration, title-like columns weight A,
body text weight B), so bulk_create and QuerySet.update keep it right; existing rows are
filled in here. SQLite gets the empty column only: its search reads the text fields.
The weights are spelt out here, not imported, so that this migration always does what it
did when it was written.
"""

import django.contrib.postgres.search
from django.db import migrations

VECTORS = {
    "guidance_policy": [("title", "A"), ("original_title", "A"), ("summary", "B")],
    "guidance_initiative": [("title", "A"), ("original_title", "A"), ("summary", "B")],
    "guidance_organisation": [
        ("name", "A"),
        ("original_name", "A"),
        ("acronym", "A"),
        ("description", "B"),
    ],
    "guidance_sectionentry": [("body", "B")],
}


def _vector(columns, row):
    return " || ".join(
        f"setweight(to_tsvector('english', coalesce({row}{column}, '')), '{weight}')"
        for column, weight in columns
    )


def create_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, columns in VECTORS.items():
        schema_editor.execute(
            f"""
            CREATE FUNCTION {table}_search_vector() RETURNS trigger AS $$
            BEGIN
                NEW.search_vector := {_vector(columns, "NEW.")};
                RETURN NEW;
            END
            $$ LANGUAGE plpgsql;
            CREATE TRIGGER {table}_search_vector BEFORE INSERT OR UPDATE ON {table}
                FOR EACH ROW EXECUTE FUNCTION {table}_search_vector();
            UPDATE {table} SET search_vector = {_vector(columns, "")};
            CREATE INDEX {table}_search ON {table} USING gin (search_vector);
            """
        )


def drop_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in VECTORS:
        schema_editor.execute(
            f"""
            DROP INDEX IF EXISTS {table}_search;
            DROP TRIGGER IF EXISTS {table}_search_vector ON {table};
            DROP FUNCTION IF EXISTS {table}_search_vector();
            """
        )


class Migration(migrations.Migration):
    dependencies = [
        ("guidance", "0002_review_and_versions"),
    ]

    operations = [
        migrations.AddField(
            model_name=model,
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(
                editable=False, null=True, verbose_name="search vector"
            ),
        )
        for model in ("initiative", "organisation", "policy", "sectionentry")
    ] + [migrations.RunPython(create_triggers, drop_triggers)]
