"""Run once a day (cron or a systemd timer): open retention reviews for records falling due,
tell their owners, anonymise what nobody reviewed, remove old attachments and audit records,
and deal with casework after a councillor's term ends. Safe to run again at any time: a
second run the same day does nothing."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.dateparse import parse_date

from councillor_hub.dataprotection.services.retention import retention_sweep, run_report


class Command(BaseCommand):
    help = "Run the retention sweep once and print what it did."

    def add_arguments(self, parser):
        parser.add_argument(
            "--date",
            help="Sweep as if today were this date (YYYY-MM-DD), e.g. to test a configuration.",
        )

    def handle(self, *args, **options):
        today = None
        if options["date"]:
            try:
                today = parse_date(options["date"])
            except ValueError:
                today = None
            if today is None:
                raise CommandError("Give --date as a real date, e.g. 2026-03-18")
        run = retention_sweep(today=today)
        if options["verbosity"] == 0:
            return
        for line in run_report(run):
            self.stdout.write(f"{line.label}: {line.count}")
        summary = "finished" if run.did_anything else "finished: nothing was due"
        self.stdout.write(self.style.SUCCESS(f"Retention sweep run {run.pk} {summary}."))
