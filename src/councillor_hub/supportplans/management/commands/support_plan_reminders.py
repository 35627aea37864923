"""Run daily (cron, a systemd timer, or `make run`'s loop): remind members whose personal
support plan is due: first plans a few weeks before the due date, annual reviews when the
window opens. Safe to run again at any time: each member is reminded once per due date."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from councillor_hub.supportplans.services import support_plan_reminders


class Command(BaseCommand):
    help = "Remind members whose personal support plan is due (once per member per due date)."

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
                raise CommandError("Give --today as a date, e.g. 2026-05-01") from None
        sent = support_plan_reminders(today=today)
        if options["verbosity"]:
            self.stdout.write(
                self.style.SUCCESS(f"Support plan reminders: {sent} member(s) reminded")
            )
