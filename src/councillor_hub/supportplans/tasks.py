"""Background task (django-tasks) for a scheduler that queues tasks rather than running
`manage.py support_plan_reminders`. The database backend's worker (manage.py db_worker)
runs it."""

from __future__ import annotations

from datetime import date

from django_tasks import task


@task()
def support_plan_reminders_task(today: str | None = None) -> int:
    """Send the support plan reminders due (for `today`, an ISO date, or the local date) and
    return how many members were reminded. Idempotent: each member once per due date."""
    from .services import support_plan_reminders

    return support_plan_reminders(today=date.fromisoformat(today) if today else None)
