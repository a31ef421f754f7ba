"""Migration 0004: organisations and sources that were public stay public, and so does their past."""

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("guidance", "0003_search_vectors")]
AFTER = [("guidance", "0004_review_organisations_and_sources")]
CREATED = datetime(2021, 5, 4, 9, 30, tzinfo=UTC)
HISTORY = {
    "created_at": CREATED,
    "updated_at": CREATED,
    "history_date": CREATED,
    "history_type": "+",
}
MODELS = (
    "Country",
    "OrganisationType",
    "Organisation",
    "Source",
    "HistoricalOrganisation",
    "HistoricalSource",
)


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _rows_before_0004(apps):
    """An organisation and a source as they were before 0004, each with its history row."""
    model = {name: apps.get_model("guidance", name) for name in MODELS}
    country = model["Country"].objects.create(code="IT", iso_country="IT", name="Italy", group="eu")
    kind = model["OrganisationType"].objects.create(code="ministry", name="Ministry")
    organisation = model["Organisation"].objects.create(country=country, type=kind, name="ANPAL")
    source = model["Source"].objects.create(title="Guidelines")
    model["Organisation"].objects.update(created_at=CREATED)
    model["Source"].objects.update(created_at=CREATED)
    model["HistoricalOrganisation"].objects.create(
        id=organisation.pk, country_id=country.pk, type_id=kind.pk, name="ANPAL", **HISTORY
    )
    model["HistoricalSource"].objects.create(id=source.pk, title="Guidelines", **HISTORY)


@pytest.mark.django_db(transaction=True)
def test_existing_organisations_and_sources_become_published_from_their_creation():
    try:
        _rows_before_0004(migrate(BEFORE))
        apps = migrate(AFTER)
        for model in MODELS[2:]:
            rows = list(
                apps.get_model("guidance", model).objects.values(
                    "status", "published_at", "version", "revision_of"
                )
            )
            assert rows == [
                {
                    "status": "published",
                    "published_at": CREATED,
                    "version": 1,
                    "revision_of": None,
                }
            ], model
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
