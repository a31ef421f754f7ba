from django.core.management.base import BaseCommand, CommandError

from guidance.models.common import FIRST_YEAR, LAST_YEAR
from guidance.rules.opening import CollectionAlreadyOpen, open_collection


class Command(BaseCommand):
    help = (
        "Open collection YEAR: copy each country's latest published record, with its section "
        "entries, indicator values and sources, into a new draft based on it. All or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("year", type=int)
        parser.add_argument("--title", default="", help="Title of the collection.")

    def handle(self, *args, year, title, **options):
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise CommandError(f"The year must be between {FIRST_YEAR} and {LAST_YEAR}.")
        try:
            opened = open_collection(year, title=title)
        except CollectionAlreadyOpen as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Opened {opened.collection}: {opened.records} draft records, "
                f"{opened.entries} section entries, {opened.indicator_values} indicator values."
            )
        )
