"""Tell people that something happened: an in-app notification and a plain email.

Neither ever carries the content of a record or anyone's personal data. The title names the
record by its reference and says what happened ("Enquiry ENQ-2026-00012 has been answered");
the email adds a link to the page, where the details are behind sign-in.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.utils import timezone

from .models import Notification

logger = logging.getLogger(__name__)

SIGN_IN_LINE = "Sign in to see the details."


def absolute_url(url: str) -> str:
    """`url` as a full address on this site (settings.SITE_URL), for use in an email."""
    if not url or url.startswith(("http://", "https://")):
        return url
    return settings.SITE_URL.rstrip("/") + "/" + url.lstrip("/")


def email_body(*, title: str, url: str = "") -> str:
    lines = [title, ""]
    if url:
        lines += [absolute_url(url), ""]
    lines += [
        SIGN_IN_LINE,
        "",
        f"This is an automatic message from Councillor Hub for {settings.COUNCIL_NAME}.",
    ]
    return "\n".join(lines) + "\n"


def _unique_active(recipients: Iterable) -> list:
    seen: set[int] = set()
    people = []
    for person in recipients:
        if person is None or not person.is_active or person.pk in seen:
            continue
        seen.add(person.pk)
        people.append(person)
    return people


def notify(*, recipients: Iterable, title: str, url: str = "", email: bool = True) -> list:
    """Create one in-app notification per active recipient and, unless `email` is False,
    send each an email (title, link, "Sign in to see the details"). Duplicate and inactive
    recipients are skipped. An email failure is logged, not raised: the in-app notification
    stands and `emailed_at` stays empty. Returns the notifications created."""
    people = _unique_active(recipients)
    if not people:
        return []
    title = title[:200]
    notifications = Notification.objects.bulk_create(
        [Notification(recipient=person, title=title, url=url[:300]) for person in people]
    )
    if not email:
        return notifications
    emailed = [(n, p) for n, p in zip(notifications, people, strict=True) if p.email]
    if not emailed:
        return notifications
    body = email_body(title=title, url=url)
    messages = [EmailMessage(subject=title, body=body, to=[person.email]) for _, person in emailed]
    try:
        get_connection().send_messages(messages)
    except Exception:
        logger.exception("Could not send notification emails (%s)", title)
        return notifications
    now = timezone.now()
    ids = [n.pk for n, _ in emailed]
    Notification.objects.filter(pk__in=ids).update(emailed_at=now)
    for note, _ in emailed:
        note.emailed_at = now
    return notifications


def email_address(*, to: str, title: str, url: str = "") -> bool:
    """Send the same plain, content-free message to an address that is not a user's (e.g. an
    on-call contact). Returns whether it was sent."""
    if not to:
        return False
    message = EmailMessage(subject=title[:200], body=email_body(title=title, url=url), to=[to])
    try:
        get_connection().send_messages([message])
    except Exception:
        logger.exception("Could not send an email (%s)", title)
        return False
    return True


def unread_count(user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def mark_all_read(*, user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
