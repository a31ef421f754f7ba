"""Filtered lists of policies and initiatives read from indexes, not from the wide rows.

The API's list of a few countries' policies for a target group and a stage (make bench)
spent half its SQL reading ~1,500 policy rows, each on its own page because of its texts,
only to learn their status and state, and 400 more pages of the target-group links. The
country-and-title index now carries the state a page's stubs read, as key columns (SQLite
has no `INCLUDE`), and the links to the three vocabularies the filters name are indexed
by the vocabulary first, so "policies for this target group" is read from the index alone.
Django indexes an automatic many-to-many table only by each column alone and by the
unique pair in the other order, so those indexes are written in SQL both databases speak.
"""

from django.conf import settings
from django.db import migrations, models

VOCABULARY_LINKS = [
    (content, vocabulary)
    for content in ("policy", "initiative")
    for vocabulary in ("targetgroup", "sector", "section")
]
LINK_TABLES = {"targetgroup": "target_groups", "sector": "sectors", "section": "sections"}


def _create(content, vocabulary):
    table = f"guidance_{content}_{LINK_TABLES[vocabulary]}"
    return (
        f"CREATE INDEX {content}_by_{vocabulary} ON {table} ({vocabulary}_id, {content}_id)"
    )


class Migration(migrations.Migration):

    dependencies = [
        ("guidance", "0012_interface_language"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="initiative",
            name="initiative_country_title",
        ),
        migrations.RemoveIndex(
            model_name="policy",
            name="policy_country_title",
        ),
        migrations.AddIndex(
            model_name="initiative",
            index=models.Index(
                condition=models.Q(("revision_of__isnull", True)),
                fields=["country", "title", "id", "status", "version", "updated_at"],
                name="initiative_country_title",
            ),
        ),
        migrations.AddIndex(
            model_name="policy",
            index=models.Index(
                condition=models.Q(("revision_of__isnull", True)),
                fields=[
                    "country",
                    "title",
                    "id",
                    "status",
                    "version",
                    "updated_at",
                    "instrument_type",
                ],
                name="policy_country_title",
            ),
        ),
        *(
            migrations.RunSQL(
                _create(content, vocabulary),
                f"DROP INDEX {content}_by_{vocabulary}",
            )
            for content, vocabulary in VOCABULARY_LINKS
        ),
    ]
