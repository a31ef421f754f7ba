from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from guidance.data.loading import FixtureError, Loader


class Command(BaseCommand):
    help = (
        "Load the reference data (countries, sections, vocabularies, indicators, collections) "
        "and the demo inventory from fixtures/. Idempotent and all-or-nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--fixtures", default=settings.BASE_DIR / "fixtures", help="Fixtures folder."
        )
        parser.add_argument(
            "--reference-only",
            action="store_true",
            help="Load countries, sections, vocabularies, indicators and collections, not the demo records.",
        )

    def handle(self, *args, fixtures, reference_only, **options):
        try:
            stats = Loader(fixtures).load(demo=not reference_only)
        except FixtureError as error:
            raise CommandError(f"Nothing was loaded. {error}") from None
        outcomes = ("created", "updated", "unchanged")
        for label in sorted({label for label, _ in stats}):
            counts = ", ".join(f"{stats[(label, outcome)]} {outcome}" for outcome in outcomes)
            self.stdout.write(f"{label}: {counts}")
        self.stdout.write(
            self.style.SUCCESS(
                "Demo inventory loaded." if not reference_only else "Reference data loaded."
            )
        )
