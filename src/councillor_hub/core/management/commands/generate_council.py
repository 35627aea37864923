"""Build a large, fictional council for benchmarks: `manage.py generate_council`.

    manage.py generate_council                      # full size (1M cases, 10M audit events...)
    manage.py generate_council --preset small       # a tenth of that
    manage.py generate_council --cases 5000 --audit 20000 --seed 2 --as-of 2026-06-01

Besides the counted tables it builds what the permission rules turn on: delegate grants
(about a quarter of councillors act through a delegate, a few grants revoked), cases shared
with a ward colleague (about 2%, a few revoked), each councillor's case tags (about a fifth of
cases tagged), enquiry categories per service area (most enquiries filed under one) and
sensitive enquiries (about 1%) with their named viewers.

Every generated person signs in with --password (default bench-password-1):
councillor1@bench.test, delegate1@bench.test, support1@bench.test, officer1@bench.test,
manager1@bench.test, democratic1@bench.test, admin1@bench.test."""

from __future__ import annotations

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from councillor_hub.core.generator.build import PASSWORD_DEFAULT
from councillor_hub.core.generator.load import NotEmpty, council_generate
from councillor_hub.core.generator.sizes import COUNT_NAMES, PRESETS, SizeError, sizes_resolve
from councillor_hub.core.generator.writer import TableResult


class Command(BaseCommand):
    help = (
        "Generate a large fictional council for benchmarks: councillors, officers and "
        "delegates, cases (shared with ward colleagues, tagged), constituents, timelines, "
        "enquiries (categorised, some sensitive with named viewers) and audit events."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--preset",
            default="full",
            help=f"Sizes to start from: {', '.join(PRESETS)} (default full).",
        )
        for name in COUNT_NAMES:
            parser.add_argument(f"--{name}", type=int, default=None, help=f"Number of {name}.")
        parser.add_argument("--seed", type=int, default=1, help="Random seed (default 1).")
        parser.add_argument(
            "--as-of",
            default=None,
            help="The day the data ends ('today' for the generated council), YYYY-MM-DD. "
            "Default: today.",
        )
        parser.add_argument("--password", default=PASSWORD_DEFAULT, help="Every user's password.")
        parser.add_argument(
            "--force", action="store_true", help="Add to a database that already holds data."
        )
        parser.add_argument(
            "--no-reindex", action="store_true", help="Skip rebuilding the search index."
        )

    def handle(self, *args, **options):
        try:
            sizes = sizes_resolve(
                options["preset"], **{name: options[name] for name in COUNT_NAMES}
            )
        except SizeError as error:
            raise CommandError(str(error)) from None
        as_of = timezone.localdate()
        if options["as_of"]:
            try:
                as_of = date.fromisoformat(options["as_of"])
            except ValueError:
                raise CommandError("--as-of must be a date like 2026-06-01") from None
        if options["seed"] < 0:
            raise CommandError("--seed must be zero or more")
        self.stdout.write(
            "Generating: " + ", ".join(f"{getattr(sizes, n):,} {n}" for n in COUNT_NAMES)
        )
        try:
            result = council_generate(
                sizes=sizes,
                seed=options["seed"],
                as_of=as_of,
                password=options["password"],
                force=options["force"],
                reindex=not options["no_reindex"],
                progress=self._progress,
            )
        except NotEmpty as error:
            raise CommandError(str(error)) from None
        for label, seconds in result.extra_seconds.items():
            self.stdout.write(f"{label:<24} {seconds:8.1f} s")
        rate = result.rows / result.seconds if result.seconds else 0
        self.stdout.write(
            self.style.SUCCESS(
                f"{result.rows:,} rows in {result.seconds:.1f} s ({rate:,.0f} rows/s)"
            )
        )

    def _progress(self, table: TableResult) -> None:
        self.stdout.write(
            f"{table.label:<24} {table.rows:>12,} rows {table.seconds:8.1f} s "
            f"{table.rate:>12,.0f} rows/s  (indexes {table.index_seconds:.1f} s)"
        )
