"""notify(): in-app notifications and plain emails that never carry content."""

import pytest
from django.core import mail

from councillor_hub.accounts.tests.factories import UserFactory
from councillor_hub.notifications.models import Notification
from councillor_hub.notifications.services import absolute_url, notify


@pytest.mark.django_db
def test_notify_creates_in_app_rows_and_plain_emails(settings):
    settings.SITE_URL = "https://hub.council.test/"
    alice = UserFactory(email="alice@council.test")
    bob = UserFactory(email="bob@council.test")
    created = notify(
        recipients=[alice, bob, alice, None],
        title="Enquiry ENQ-2026-00012 has been answered",
        url="/enquiries/ENQ-2026-00012/",
    )
    assert len(created) == 2
    notes = Notification.objects.order_by("recipient__email")
    assert [n.recipient for n in notes] == [alice, bob]
    assert all(n.emailed_at is not None and n.read_at is None for n in notes)
    assert sorted(m.to[0] for m in mail.outbox) == ["alice@council.test", "bob@council.test"]
    message = mail.outbox[0]
    assert message.subject == "Enquiry ENQ-2026-00012 has been answered"
    assert "https://hub.council.test/enquiries/ENQ-2026-00012/" in message.body
    assert "Sign in to see the details" in message.body
    assert message.content_subtype == "plain"


@pytest.mark.django_db
def test_inactive_people_are_skipped_and_email_can_be_off():
    active = UserFactory(email="active@council.test")
    gone = UserFactory(email="gone@council.test", is_active=False)
    notify(recipients=[active, gone], title="Enquiry ENQ-2026-00001 is overdue", email=False)
    assert list(Notification.objects.values_list("recipient", flat=True)) == [active.pk]
    assert Notification.objects.get().emailed_at is None
    assert mail.outbox == []
    assert notify(recipients=[gone], title="x") == []


@pytest.mark.django_db
def test_an_email_failure_leaves_the_in_app_notification(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = 1  # nothing listens here
    settings.EMAIL_TIMEOUT = 2
    person = UserFactory(email="person@council.test")
    notify(recipients=[person], title="Enquiry ENQ-2026-00002 has been answered")
    note = Notification.objects.get()
    assert note.emailed_at is None


def test_absolute_url(settings):
    settings.SITE_URL = "http://127.0.0.1:8000"
    assert absolute_url("/notifications/") == "http://127.0.0.1:8000/notifications/"
    assert absolute_url("https://elsewhere.test/x") == "https://elsewhere.test/x"
    assert absolute_url("") == ""
