"""Background tasks (django-tasks): the daily retention sweep, for a scheduler that queues
tasks rather than running `manage.py retention_sweep`. The database backend's worker
(manage.py db_worker) runs it."""

from __future__ import annotations

from datetime import date

from django_tasks import task


@task()
def retention_sweep_task(today: str | None = None) -> dict[str, int]:
    """Run the retention sweep once (for `today`, an ISO date, or the local date) and return
    its counts. Idempotent: delivering the task twice does nothing the second time."""
    from .services.retention import retention_sweep

    run = retention_sweep(today=date.fromisoformat(today) if today else None)
    return {name: getattr(run, name) for name in run.COUNT_FIELDS}
