"""Run daily (cron, a systemd timer, or `make run`'s loop): remind members before their
required training expires, and tell democratic services about committee members whose
training lapses before the next meeting. Safe to run again at any time: each once."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from councillor_hub.learning.services.compliance import training_expiry_reminders


class Command(BaseCommand):
    help = "Send training expiry reminders and committee training lapse alerts (each once)."

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
        run = training_expiry_reminders(today=today)
        if options["verbosity"]:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Training expiry reminders: {run.members_reminded} reminder(s) sent; "
                    f"committee training lapses reported: {run.committee_alerts}"
                )
            )
