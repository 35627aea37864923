"""`manage.py demo_logins`: list the fixed demo logins and their password."""

from django.core.management.base import BaseCommand

from councillor_hub.accounts.models import User
from councillor_hub.core.demo.builder import demo_data_loaded
from councillor_hub.core.demo.logins import DEMO_LOGINS, DEMO_PASSWORD


class Command(BaseCommand):
    help = "Print the demo logins (email, role, what to try) and their shared password."

    def handle(self, *args, **options):
        if not demo_data_loaded():
            self.stdout.write(
                "No demo data is loaded, so there are no demo logins. "
                "Run `make demo-data` (or `manage.py demo_data`) to build the demo council."
            )
            return
        present = set(
            User.objects.filter(email__in=[login.email for login in DEMO_LOGINS]).values_list(
                "email", flat=True
            )
        )
        rows = [
            (login.email, login.role, login.try_this)
            for login in DEMO_LOGINS
            if login.email in present
        ]
        email_width = max(len(r[0]) for r in rows)
        role_width = max(len(r[1]) for r in rows)
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        self.stdout.write("")
        self.stdout.write(f"  {'Email':<{email_width}}  {'Role':<{role_width}}  Try")
        for email, role, try_this in rows:
            self.stdout.write(f"  {email:<{email_width}}  {role:<{role_width}}  {try_this}")
