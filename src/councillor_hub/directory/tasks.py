"""Background tasks (django-tasks): the out-of-hours and emergency arrangements review
reminders, for a scheduler that queues tasks rather than running
`manage.py emergency_review_reminders`. The database backend's worker (manage.py db_worker)
runs it."""

from __future__ import annotations

from datetime import date

from django_tasks import task


@task()
def emergency_review_reminders_task(today: str | None = None) -> int:
    """Send the reminders due (for `today`, an ISO date, or the local date) and return how
    many contacts and sections were reminded about. Idempotent: each review date once."""
    from .services import emergency_review_reminders

    return emergency_review_reminders(today=date.fromisoformat(today) if today else None)
