"""Send through a real SMTP server on loopback (aiosmtpd) and read what arrived."""

import socket
from email import message_from_bytes

import pytest
from aiosmtpd.controller import Controller
from django.test import override_settings

from councillor_hub.accounts.tests.factories import UserFactory
from councillor_hub.enquiries.models import Enquiry, EnquiryStatus, Urgency
from councillor_hub.notifications.models import Notification
from councillor_hub.notifications.services import notify


class Inbox:
    """An aiosmtpd handler that keeps every message it is given."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.rcpt_tos, message_from_bytes(envelope.content)))
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_server():
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        with override_settings(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=port,
            EMAIL_HOST_USER="",
            EMAIL_HOST_PASSWORD="",
            EMAIL_USE_TLS=False,
            EMAIL_USE_SSL=False,
            EMAIL_TIMEOUT=5,
            SITE_URL="https://hub.council.test",
        ):
            yield inbox
    finally:
        controller.stop()


@pytest.mark.django_db
def test_notification_email_arrives_over_smtp_without_enquiry_content(world, smtp_server):
    enquiry = Enquiry.unrestricted.create(
        reference="ENQ-2026-00042",
        member=world.councillor,
        raised_by=world.councillor,
        service_area=world.highways,
        subject="Flooding at 4 Mill Lane",
        description="Mr Jones, who is disabled, cannot leave his house.",
        constituent_name="Arthur Jones",
        constituent_email="arthur@example.test",
        status=EnquiryStatus.IN_PROGRESS,
        urgency=Urgency.URGENT,
        is_sensitive=True,
    )
    notify(
        recipients=[world.councillor],
        title=f"Enquiry {enquiry.reference} has been answered",
        url=f"/enquiries/{enquiry.reference}/",
    )

    assert len(smtp_server.messages) == 1
    envelope_to, message = smtp_server.messages[0]
    assert envelope_to == [world.councillor.email]
    assert message["To"] == world.councillor.email
    assert message["Subject"] == "Enquiry ENQ-2026-00042 has been answered"
    body = message.get_payload(decode=True).decode()
    assert message.get_content_type() == "text/plain"
    assert "https://hub.council.test/enquiries/ENQ-2026-00042/" in body
    assert "Sign in to see the details" in body
    for content in ("Mill Lane", "Flooding", "Jones", "disabled", "arthur@example.test"):
        assert content not in body
        assert content not in message["Subject"]
    assert Notification.objects.get(recipient=world.councillor).emailed_at is not None


@pytest.mark.django_db
def test_several_recipients_each_get_their_own_message(smtp_server):
    people = [UserFactory(email=f"officer{i}@council.test") for i in range(3)]
    notify(recipients=people, title="Enquiry ENQ-2026-00043 is overdue and has been escalated")
    assert sorted(to[0] for to, _ in smtp_server.messages) == [p.email for p in people]
