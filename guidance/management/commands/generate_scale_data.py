import sys
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from guidance.data.scale_data import (
    Options,
    ScaleData,
    real_content_exists,
    synthetic_content_exists,
)


class Command(BaseCommand):
    help = (
        "Fill the database with a synthetic inventory for benchmarks (guidance/data/scale_data.py). "
        "Reproducible by seed; refuses a database holding real content unless --force."
    )

    def add_arguments(self, parser):
        defaults = Options()
        parser.add_argument("--countries", type=int, default=defaults.countries)
        parser.add_argument("--collections", type=int, default=defaults.collections)
        parser.add_argument("--policies", type=int, default=defaults.policies)
        parser.add_argument("--initiatives", type=int, default=defaults.initiatives)
        parser.add_argument("--seed", type=int, default=defaults.seed)
        parser.add_argument("--batch-size", type=int, default=defaults.batch_size)
        parser.add_argument(
            "--force",
            action="store_true",
            help="Write synthetic content next to real or earlier synthetic content.",
        )

    def handle(self, *args, force, verbosity, **options):
        if not force and real_content_exists():
            raise CommandError(
                "This database holds real (non-synthetic) content. Use an empty database "
                "for scale data, or pass --force to mix them."
            )
        if not force and synthetic_content_exists():
            raise CommandError(
                "This database already holds synthetic data. Drop and re-create it to "
                "generate again, or pass --force to add more."
            )
        for name in ("countries", "collections", "policies", "initiatives", "batch_size"):
            if options[name] < (1 if name in ("countries", "collections", "batch_size") else 0):
                raise CommandError(f"--{name.replace('_', '-')} is too small.")
        self.interactive = verbosity > 0 and sys.stdout.isatty()
        started = time.monotonic()
        try:
            counts = ScaleData(
                Options(**{k: options[k] for k in Options.__dataclass_fields__}),
                progress=self.progress if verbosity > 0 else None,
            ).generate()
        except ValueError as error:
            raise CommandError(str(error)) from None
        if connection.vendor == "postgresql":
            # Fresh statistics, or the planner guesses one row per table until autovacuum.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        for label, count in counts.items():
            self.stdout.write(f"{label}: {count}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Synthetic inventory written in {time.monotonic() - started:.0f} s."
            )
        )

    def progress(self, label, done, total):
        """A one-line bar redrawn in place on a terminal; one line per step in a log."""
        width = 30
        filled = width * done // max(total, 1)
        line = f"{label:<12} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}"
        if self.interactive:
            self.stdout.write("\r" + line, ending="\n" if done >= total else "")
            self.stdout.flush()
        else:
            self.stdout.write(line)
