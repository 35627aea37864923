"""Run hourly or daily (cron, a systemd timer, or `make run`'s loop): tell content managers
about out-of-hours contacts and emergency arrangement sections whose review date has come.
Safe to run again at any time: each review date is reminded once."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from councillor_hub.directory.services import emergency_review_reminders


class Command(BaseCommand):
    help = "Remind content managers about out-of-hours reviews due (each review date once)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--today",
            help="Run as if it were this date (YYYY-MM-DD), e.g. to check what would be sent.",
        )

    def handle(self, *args, **options):
        today = None
        if options["today"]:
            try:
                today = datetime.date.fromisoformat(options["today"])
            except ValueError:
                raise CommandError("Give --today as a date, e.g. 2026-03-18") from None
        sent = emergency_review_reminders(today=today)
        if options["verbosity"]:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Out-of-hours review reminders: {sent} contact(s) or section(s) reminded"
                )
            )
