"""Partner responses and sending a checked reply to the member."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from councillor_hub.enquiries.models import (
    EnquiryAssignment,
    EnquiryAttachment,
    EnquiryEvent,
    EnquiryStatus,
    EventKind,
    ResponseStatus,
)
from councillor_hub.enquiries.services.sending import partner_response_log, response_send
from councillor_hub.notifications.models import Notification

from .factories import EnquiryResponseFactory
from .triage_helpers import SECRET, new_enquiry, police

pytestmark = pytest.mark.django_db


def _routed(world, partner=None):
    enquiry = new_enquiry(world, status=EnquiryStatus.IN_PROGRESS, urgency="standard")
    EnquiryAssignment.unrestricted.create(enquiry=enquiry, service_area=world.highways)
    if partner:
        EnquiryAssignment.unrestricted.create(enquiry=enquiry, partner=partner, is_lead=True)
    return enquiry


def test_partner_response_is_logged_ready_to_send(world):
    partner = police()
    enquiry = _routed(world, partner)
    upload = SimpleUploadedFile("letter.txt", b"Dear councillor", content_type="text/plain")
    response = partner_response_log(
        actor=world.support, enquiry=enquiry, partner=partner, body="We patrolled", upload=upload
    )
    assert response.status == ResponseStatus.READY
    assert response.partner == partner
    attachment = EnquiryAttachment.unrestricted.get(response=response)
    assert attachment.original_name == "letter.txt"
    event = EnquiryEvent.unrestricted.get(enquiry=enquiry, kind=EventKind.PARTNER_RESPONSE)
    assert not event.visible_to_member
    enquiry.refresh_from_db()
    assert enquiry.status == EnquiryStatus.RESPONSE_READY


def test_partner_response_only_from_an_assigned_partner(world):
    partner = police()
    enquiry = _routed(world)
    with pytest.raises(ValidationError):
        partner_response_log(actor=world.support, enquiry=enquiry, partner=partner, body="x")
    with pytest.raises(PermissionDenied):
        partner_response_log(
            actor=world.highways_officer, enquiry=enquiry, partner=partner, body="x"
        )


def test_partner_response_refuses_a_bad_file(world):
    partner = police()
    enquiry = _routed(world, partner)
    upload = SimpleUploadedFile("virus.exe", b"MZ\x00", content_type="application/x-msdos")
    with pytest.raises(ValidationError) as error:
        partner_response_log(
            actor=world.support, enquiry=enquiry, partner=partner, body="x", upload=upload
        )
    assert "upload" in error.value.message_dict


def test_sending_answers_the_enquiry(world):
    enquiry = _routed(world)
    response = EnquiryResponseFactory(
        enquiry=enquiry, status=ResponseStatus.READY, author=world.highways_officer
    )
    response_send(actor=world.support, response=response, body="Dear Cllr, fixed today.")
    response.refresh_from_db()
    enquiry.refresh_from_db()
    assert response.status == ResponseStatus.SENT
    assert response.body == "Dear Cllr, fixed today."
    assert response.sent_by == world.support and response.sent_at
    assert enquiry.status == EnquiryStatus.ANSWERED
    assert enquiry.answered_at == response.sent_at
    assert enquiry.follow_up_until > enquiry.answered_at
    event = EnquiryEvent.unrestricted.get(enquiry=enquiry, kind=EventKind.ANSWERED)
    assert event.visible_to_member
    note = Notification.objects.get(recipient=world.councillor)
    assert note.title == f"Enquiry {enquiry.reference} has been answered"
    for message in mail.outbox:
        assert SECRET not in message.body and "fixed today" not in message.body


def test_only_a_ready_response_is_sent_by_the_team(world):
    enquiry = _routed(world)
    draft = EnquiryResponseFactory(enquiry=enquiry, status=ResponseStatus.DRAFT)
    with pytest.raises(ValidationError):
        response_send(actor=world.support, response=draft, body="x")
    ready = EnquiryResponseFactory(enquiry=enquiry, status=ResponseStatus.READY)
    with pytest.raises(PermissionDenied):
        response_send(actor=world.highways_officer, response=ready, body="x")
    with pytest.raises(ValidationError):
        response_send(actor=world.support, response=ready, body="  ")
