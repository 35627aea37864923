"""`manage.py demo_data`: build the fictional demo council (see core/demo/)."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from councillor_hub.core.demo.builder import (
    DemoCouncilBuilder,
    council_data_exists,
    delete_everything,
    demo_data_loaded,
)
from councillor_hub.core.demo.logins import DEMO_PASSWORD


class Command(BaseCommand):
    help = (
        "Build a fictional council with demo logins: 12 wards, 36 councillors, officers, "
        "constituents, cases and a year of council enquiries. Deterministic for a given --seed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2026, help="Random seed (default 2026).")
        parser.add_argument(
            "--cases", type=int, default=5000, help="Number of cases (default 5000)."
        )
        parser.add_argument(
            "--constituents",
            type=int,
            default=2000,
            help="Number of constituents (default 2000).",
        )
        parser.add_argument(
            "--enquiries",
            type=int,
            default=2500,
            help="Number of council enquiries from members, over the last year (default 2500).",
        )
        mode = parser.add_mutually_exclusive_group()
        mode.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing if demo data (or any council data) is already loaded.",
        )
        mode.add_argument(
            "--reset",
            action="store_true",
            help="First delete ALL casework, enquiries, users, wards, political groups and audit "
            "events.",
        )
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Allow running with production settings (creates logins with a published "
            "password).",
        )

    def handle(self, *args, **options):
        if (
            str(getattr(settings, "SETTINGS_MODULE", "")).endswith(".production")
            and not options["allow_production"]
        ):
            raise CommandError(
                "Refusing to load demo data with production settings: the demo logins share a "
                "published password. Pass --allow-production if this really is a demo site."
            )
        if options["cases"] < 0 or options["constituents"] < 0 or options["enquiries"] < 0:
            raise CommandError("--cases, --constituents and --enquiries cannot be negative.")
        if options["if_empty"]:
            if demo_data_loaded():
                self.stdout.write("Demo data is already loaded; nothing to do.")
                return
            if council_data_exists():
                self.stdout.write(
                    "The database already holds council data, so demo data was not loaded."
                )
                return
        elif not options["reset"]:
            if demo_data_loaded():
                raise CommandError(
                    "Demo data is already loaded. Use --reset to rebuild it "
                    "(this deletes everything)."
                )
            if council_data_exists():
                raise CommandError(
                    "The database already holds council data. Use --reset to replace it with "
                    "demo data (this deletes everything)."
                )

        started = time.monotonic()
        builder = DemoCouncilBuilder(
            seed=options["seed"],
            cases=options["cases"],
            constituents=options["constituents"],
            enquiries=options["enquiries"],
        )
        with transaction.atomic():
            if options["reset"]:
                delete_everything()
            counts = builder.build()
        elapsed = time.monotonic() - started

        self.stdout.write(self.style.SUCCESS(f"Built the demo council in {elapsed:.1f}s:"))
        for label, count in counts.items():
            self.stdout.write(f"  {count:>7,} {label}")
        self.stdout.write(
            f"Demo logins use the password {DEMO_PASSWORD!r}; `manage.py demo_logins` lists them."
        )
