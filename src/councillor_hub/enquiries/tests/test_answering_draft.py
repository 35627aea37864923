"""Drafting a reply: only officers the enquiry is routed to (and the support team); one draft
per author; files checked; marking it ready tells the support team, by reference only."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from councillor_hub.audit.models import Action, AuditEvent
from councillor_hub.enquiries.models import (
    EnquiryAttachment,
    EnquiryEvent,
    EnquiryResponse,
    EnquiryStatus,
    EventKind,
    ResponseStatus,
)
from councillor_hub.enquiries.services.answering import response_draft_save, response_mark_ready
from councillor_hub.notifications.models import Notification

from .factories import EnquiryAssignmentFactory, EnquiryFactory

PDF = b"%PDF-1.4\n%fake but starts right\n"


@pytest.fixture
def enquiry(world):
    enquiry = EnquiryFactory(
        member=world.councillor,
        service_area=world.highways,
        subject="Pothole on Abbey Road",
        description="A deep pothole by the school gate.",
        constituent_name="Jane Resident",
    )
    EnquiryAssignmentFactory(enquiry=enquiry, service_area=world.highways)
    return enquiry


def url(enquiry):
    return reverse("enquiries:draft_response", kwargs={"reference": enquiry.reference})


def test_officer_sees_the_enquiry_and_the_view_is_audited(world, client_for, enquiry):
    response = client_for(world.highways_officer).get(url(enquiry))
    assert response.status_code == 200
    html = response.content.decode()
    assert "A deep pothole by the school gate." in html
    assert "Jane Resident" in html
    assert "Save draft" in html and "Mark as ready for checking" in html
    assert AuditEvent.objects.filter(
        actor=world.highways_officer, action=Action.VIEW, object_label=enquiry.reference
    ).exists()


@pytest.mark.parametrize("name", ["councillor", "other", "democratic", "delegate"])
def test_people_it_is_not_routed_to_get_404(world, client_for, enquiry, name):
    assert client_for(getattr(world, name)).get(url(enquiry)).status_code == 404
    assert client_for(getattr(world, name)).post(url(enquiry), {"body": "x"}).status_code == 404


def test_sensitive_enquiry_hidden_from_unnamed_officer(world, client_for, enquiry):
    enquiry.is_sensitive = True
    enquiry.save()
    assert client_for(world.highways_officer).get(url(enquiry)).status_code == 404
    enquiry.named_viewers.add(world.highways_officer)
    assert client_for(world.highways_officer).get(url(enquiry)).status_code == 200


def test_save_draft_then_edit_keeps_one_draft(world, client_for, enquiry):
    client = client_for(world.highways_officer)
    response = client.post(url(enquiry), {"body": "First go", "save": "Save draft"})
    assert response.status_code == 302
    response = client.post(url(enquiry), {"body": "Second go", "save": "Save draft"})
    drafts = EnquiryResponse.unrestricted.filter(enquiry=enquiry)
    assert drafts.count() == 1
    assert drafts.get().body == "Second go"
    assert drafts.get().status == ResponseStatus.DRAFT
    page = client.get(url(enquiry)).content.decode()
    assert "Second go" in page


def test_mark_ready_flow(world, client_for, enquiry):
    client = client_for(world.highways_officer)
    response = client.post(
        url(enquiry), {"body": "We will fill it on Friday.", "ready": "Mark as ready"}
    )
    assert response.status_code == 302
    assert response.url == reverse("enquiries:service_queue")
    draft = EnquiryResponse.unrestricted.get(enquiry=enquiry)
    assert draft.status == ResponseStatus.READY
    enquiry.refresh_from_db()
    assert enquiry.status == EnquiryStatus.RESPONSE_READY
    event = EnquiryEvent.unrestricted.get(enquiry=enquiry, kind=EventKind.DRAFT_READY)
    assert event.visible_to_member is False
    note = Notification.objects.get(recipient=world.support)
    assert enquiry.reference in note.title
    assert "Pothole" not in note.title and "Friday" not in note.title
    assert AuditEvent.objects.filter(
        actor=world.highways_officer, action=Action.UPDATE, object_label=enquiry.reference
    ).exists()

    # Changing it again takes it back to a draft and the enquiry back to the service.
    client.post(url(enquiry), {"body": "On Monday instead.", "save": "Save draft"})
    draft.refresh_from_db()
    enquiry.refresh_from_db()
    assert draft.status == ResponseStatus.DRAFT
    assert enquiry.status == EnquiryStatus.IN_PROGRESS


def test_empty_body_is_an_error(world, client_for, enquiry):
    response = client_for(world.highways_officer).post(url(enquiry), {"body": "  "})
    assert response.status_code == 200
    assert "Enter the response" in response.content.decode()
    assert not EnquiryResponse.unrestricted.filter(enquiry=enquiry).exists()


def test_good_attachment_is_stored_against_the_response(world, client_for, enquiry):
    upload = SimpleUploadedFile("plan.pdf", PDF, content_type="application/pdf")
    client_for(world.highways_officer).post(
        url(enquiry), {"body": "See the plan.", "upload": upload, "save": "Save draft"}
    )
    attachment = EnquiryAttachment.unrestricted.get(enquiry=enquiry)
    assert attachment.response == EnquiryResponse.unrestricted.get(enquiry=enquiry)
    assert attachment.original_name == "plan.pdf"
    assert attachment.content_type == "application/pdf"


@pytest.mark.parametrize(
    ("name", "content"),
    [("virus.pdf", b"MZ\x90\x00program"), ("script.exe", PDF), ("empty.pdf", b"")],
)
def test_bad_attachment_is_refused(world, client_for, enquiry, name, content):
    upload = SimpleUploadedFile(name, content)
    response = client_for(world.highways_officer).post(
        url(enquiry), {"body": "See the plan.", "upload": upload, "ready": "Ready"}
    )
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    assert "See the plan." in response.content.decode()
    assert not EnquiryAttachment.unrestricted.exists()
    assert not EnquiryResponse.unrestricted.exists()


def test_closed_enquiry_has_no_form(world, client_for, enquiry):
    enquiry.status = EnquiryStatus.CLOSED
    enquiry.save()
    client = client_for(world.highways_officer)
    page = client.get(url(enquiry)).content.decode()
    assert "Save draft" not in page
    response = client.post(url(enquiry), {"body": "Too late", "save": "Save draft"})
    assert response.status_code == 200
    assert not EnquiryResponse.unrestricted.exists()


def test_services_refuse_people_it_is_not_routed_to(world, enquiry):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        response_draft_save(actor=world.other, enquiry=enquiry, body="Hello")
    draft = response_draft_save(actor=world.highways_officer, enquiry=enquiry, body="Hello")
    with pytest.raises(PermissionDenied):
        response_mark_ready(actor=world.manager, response=draft)
