"""Migration 0009: texts written before it get their stored HTML, and it can be undone."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from guidance.reading.markdown import markdown_html

BEFORE = [("guidance", "0008_validity_and_reference_periods")]
AFTER = [("guidance", "0009_rendered_markdown")]
HOSTILE = "**Bold** <script>alert(1)</script> [x](javascript:alert(1))"


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_existing_texts_are_rendered_and_the_migration_reverses():
    try:
        apps = migrate(BEFORE)
        model = {name: apps.get_model("guidance", name) for name in ("Country", "InstrumentType")}
        italy = model["Country"].objects.create(
            code="IT", iso_country="IT", name="Italy", group="eu"
        )
        kind = model["InstrumentType"].objects.create(code="strategy", name="Strategy")
        policy = apps.get_model("guidance", "Policy").objects.create(
            country=italy, instrument_type=kind, title="Plan", summary=HOSTILE
        )
        empty = apps.get_model("guidance", "Policy").objects.create(
            country=italy, instrument_type=kind, title="Blank", summary=""
        )

        stored = migrate(AFTER).get_model("guidance", "Policy").objects.in_bulk()
        assert stored[policy.pk].summary_html == markdown_html(HOSTILE)
        assert "<strong>Bold</strong>" in stored[policy.pk].summary_html
        assert "script" not in stored[policy.pk].summary_html
        assert stored[empty.pk].summary_html == ""

        reversed_apps = migrate(BEFORE)
        policies = reversed_apps.get_model("guidance", "Policy")
        assert "summary_html" not in {field.name for field in policies._meta.fields}
        assert policies.objects.get(pk=policy.pk).summary == HOSTILE
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
