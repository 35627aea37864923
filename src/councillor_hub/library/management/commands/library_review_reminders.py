"""Run daily (cron or a systemd timer): remind responsible officers (or democratic services,
when the officer has no account) about documents whose review is due within 30 days or past.
Safe to run again at any time: each review date is reminded once."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from councillor_hub.library.services import library_review_reminders


class Command(BaseCommand):
    help = "Send document review reminders (each review date exactly once)."

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
        sent = library_review_reminders(today=today)
        if options["verbosity"]:
            self.stdout.write(
                self.style.SUCCESS(f"Library review reminders: {sent} document(s) reminded")
            )
