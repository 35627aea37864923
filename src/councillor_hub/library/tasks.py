"""Background tasks (django-tasks): the daily library review reminders, for a scheduler that
queues tasks rather than running `manage.py library_review_reminders`. The database backend's
worker (manage.py db_worker) runs it."""

from __future__ import annotations

from datetime import date

from django_tasks import task


@task()
def library_review_reminders_task(today: str | None = None) -> int:
    """Send the review reminders due (for `today`, an ISO date, or the local date) and return
    how many documents were reminded about. Idempotent: each review date is reminded once."""
    from .services import library_review_reminders

    return library_review_reminders(today=date.fromisoformat(today) if today else None)
