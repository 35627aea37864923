"""Background task (django-tasks) for the training expiry sweep, for a scheduler that queues
tasks rather than running `manage.py training_expiry_reminders`. The database backend's
worker (manage.py db_worker) runs it."""

from __future__ import annotations

from datetime import date

from django_tasks import task


@task()
def training_expiry_reminders_task(today: str | None = None) -> dict[str, int]:
    """Send the reminders and alerts due (for `today`, an ISO date, or the local date).
    Idempotent: each expiry and each lapse once."""
    from .services.compliance import training_expiry_reminders

    run = training_expiry_reminders(today=date.fromisoformat(today) if today else None)
    return {"members_reminded": run.members_reminded, "committee_alerts": run.committee_alerts}
