"""Run every few minutes (cron or a systemd timer): queue the reminders, escalations,
emergency alerts and follow-up closures that are due. Safe to run again at any time: each
alert fires once only. It also counts the council-wide performance report afresh, so the
dashboard is ready when someone opens it."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from councillor_hub.enquiries.selectors.performance import count_council_wide_report
from councillor_hub.enquiries.services.alerts import sweep


class Command(BaseCommand):
    help = "Queue due enquiry reminders, escalations and alerts (each exactly once)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-retry",
            action="store_true",
            help="Do not queue again alerts whose task has not marked them sent.",
        )

        parser.add_argument(
            "--at",
            help="Sweep as if it were this moment (ISO 8601, local time if no offset), "
            "e.g. to check a configuration.",
        )

    def handle(self, *args, **options):
        now = None
        if options["at"]:
            now = parse_datetime(options["at"])
            if now is None:
                raise CommandError("Give --at as a date and time, e.g. 2026-03-18T10:00")
            if timezone.is_naive(now):
                now = timezone.make_aware(now)
        report = sweep(now=now, retry=not options["no_retry"])
        if now is None:  # a sweep "as if" at another moment leaves today's figures alone
            count_council_wide_report()
        if options["verbosity"] == 0:
            return
        for line in report.lines():
            self.stdout.write(line)
        self.stdout.write(
            self.style.SUCCESS(f"Enquiries sweep: {len(report.alerts)} new alert(s) queued")
        )
