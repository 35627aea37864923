"""Background tasks (django-tasks). The sweep (manage.py enquiries_sweep) queues them; the
database backend's worker (manage.py db_worker) runs them."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from .models import EnquiryAlert


@task()
def send_enquiry_alert(alert_id: int) -> bool:
    """Send one reminder, escalation or alert, once: the row is locked and `sent_at` checked,
    so a second delivery of the task, or a re-run after a worker restart, sends nothing.
    Returns whether it sent."""
    from .services.alerts import alert_deliver

    with transaction.atomic():
        alert = (
            EnquiryAlert.unrestricted.select_for_update()
            .select_related("enquiry__service_area", "enquiry__member")
            .filter(pk=alert_id)
            .first()
        )
        if alert is None or alert.sent_at is not None:
            return False
        alert_deliver(alert)
        alert.sent_at = timezone.now()
        alert.save(update_fields=["sent_at"])
    return True
