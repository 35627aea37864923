"""enquiry_create: who may raise, what is stored, what is written alongside."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from councillor_hub.audit.models import Action, AuditEvent
from councillor_hub.casework.models import EntryKind, TimelineEntry
from councillor_hub.casework.tests.factories import CaseFactory, ConstituentFactory
from councillor_hub.enquiries.models import (
    Enquiry,
    EnquiryAttachment,
    EnquiryEvent,
    EventKind,
    RaisedVia,
    Urgency,
)
from councillor_hub.enquiries.services.raising import enquiry_create
from councillor_hub.notifications.models import Notification

pytestmark = pytest.mark.django_db


def _raise(world, actor, member=None, **kwargs):
    values = {
        "actor": actor,
        "member": member or world.councillor,
        "service_area": world.highways,
        "subject": "Pothole on Mill Lane",
        "description": "A deep pothole outside number 12.",
        "suggested_urgency": Urgency.STANDARD,
    }
    values.update(kwargs)
    return enquiry_create(**values)


def test_member_raises_an_enquiry(world, potholes):
    enquiry = _raise(world, world.councillor, category=potholes, postcode="dt1 1aa")
    assert enquiry.reference.startswith("ENQ-")
    assert enquiry.member == world.councillor
    assert enquiry.raised_by == world.councillor
    assert enquiry.raised_via == RaisedVia.PORTAL
    assert enquiry.postcode == "DT1 1AA"
    assert enquiry.ward == world.ward_a  # from the councillor's profile
    assert enquiry.status == "new"
    events = list(EnquiryEvent.unrestricted.filter(enquiry=enquiry))
    assert [e.kind for e in events] == [EventKind.RAISED]
    assert AuditEvent.objects.filter(
        action=Action.CREATE, object_label=enquiry.reference, actor=world.councillor
    ).exists()


def test_support_team_is_notified_without_content(world):
    enquiry = _raise(world, world.councillor)
    note = Notification.objects.get(recipient=world.support)
    assert note.title == f"New enquiry {enquiry.reference} to triage"
    assert note.url.endswith(f"/{enquiry.reference}/triage/")
    assert "Pothole" not in note.title
    assert not Notification.objects.filter(recipient=world.councillor).exists()


def test_delegate_raises_for_their_councillor(world):
    enquiry = _raise(world, world.delegate)
    assert enquiry.member == world.councillor
    assert enquiry.raised_by == world.delegate


def test_support_logs_on_a_members_behalf(world):
    enquiry = _raise(world, world.support, member=world.other, raised_via=RaisedVia.PHONE)
    assert enquiry.raised_via == RaisedVia.PHONE
    assert enquiry.raised_by == world.support
    # The person logging it is not notified of their own work.
    assert not Notification.objects.filter(recipient=world.support).exists()


@pytest.mark.parametrize("who", ["highways_officer", "colleague", "delegate", "democratic"])
def test_refused_for_those_not_acting_for_the_member(world, who):
    member = world.other if who == "delegate" else world.councillor
    with pytest.raises(PermissionDenied):
        _raise(world, getattr(world, who), member=member)
    assert not Enquiry.unrestricted.exists()


def test_refused_for_someone_who_is_not_a_member(world):
    with pytest.raises(PermissionDenied):
        _raise(world, world.support, member=world.highways_officer)


def test_category_must_belong_to_the_service(world, potholes):
    from councillor_hub.accounts.tests.factories import ServiceAreaFactory

    parks = ServiceAreaFactory(name="Parks and open spaces", slug="parks-and-open-spaces")
    with pytest.raises(ValidationError) as error:
        _raise(world, world.councillor, service_area=parks, category=potholes)
    assert "category" in error.value.message_dict


def test_typed_constituent_details_are_stored(world):
    enquiry = _raise(
        world,
        world.councillor,
        constituent_fields={"name": "Ann Smith", "constituent_phone": "07700 900123"},
    )
    assert enquiry.constituent_name == "Ann Smith"
    assert enquiry.constituent_phone == "07700 900123"


def test_from_a_case_only_the_ticked_fields_are_copied(world):
    resident = ConstituentFactory(
        owner=world.councillor, first_name="Ann", last_name="Smith", email="ann@example.test"
    )
    case = CaseFactory(owner=world.councillor, category=world.highways, constituents=[resident])
    enquiry = _raise(
        world,
        world.councillor,
        case=case,
        case_constituent=resident,
        case_share=["name", "email"],
    )
    assert enquiry.case == case
    assert enquiry.constituent_name == "Ann Smith"
    assert enquiry.constituent_email == "ann@example.test"
    assert enquiry.constituent_address == ""
    assert enquiry.constituent_phone == ""
    entry = TimelineEntry.unrestricted.get(case=case, kind=EntryKind.ENQUIRY)
    assert enquiry.reference in entry.body
    assert "Ann" not in entry.body


def test_case_must_be_editable_and_the_members(world):
    case = CaseFactory(owner=world.colleague, category=world.highways)
    with pytest.raises(PermissionDenied):
        _raise(world, world.councillor, case=case)
    own_case = CaseFactory(owner=world.councillor, category=world.highways)
    stranger = ConstituentFactory(owner=world.councillor)
    with pytest.raises(PermissionDenied):
        _raise(
            world, world.councillor, case=own_case, case_constituent=stranger, case_share=["name"]
        )


def test_uploads_are_stored(world):
    upload = SimpleUploadedFile("photo.png", b"\x89PNG\r\n\x1a\n" + b"0" * 64)
    enquiry = _raise(world, world.councillor, uploads=[upload])
    attachment = EnquiryAttachment.unrestricted.get(enquiry=enquiry)
    assert attachment.original_name == "photo.png"
    assert attachment.content_type == "image/png"
    assert attachment.response is None


@pytest.mark.parametrize(
    "name, content",
    [("program.pdf", b"MZ\x90\x00 not a pdf"), ("empty.txt", b""), ("virus.exe", b"MZ")],
)
def test_bad_uploads_are_refused_and_nothing_is_written(world, name, content):
    with pytest.raises(ValidationError) as error:
        _raise(world, world.councillor, uploads=[SimpleUploadedFile(name, content)])
    assert "uploads" in error.value.message_dict
    assert not Enquiry.unrestricted.exists()


def test_too_large_upload_is_refused(world, settings):
    settings.ATTACHMENT_MAX_BYTES = 100
    upload = SimpleUploadedFile("notes.txt", b"a" * 200)
    with pytest.raises(ValidationError) as error:
        _raise(world, world.councillor, uploads=[upload])
    assert "smaller than" in error.value.message_dict["uploads"][0]


def test_sensitive_needs_a_reason(world):
    with pytest.raises(ValidationError):
        _raise(world, world.councillor, is_sensitive=True)
    enquiry = _raise(world, world.councillor, is_sensitive=True, sensitive_reason="safeguarding")
    assert enquiry.is_sensitive


def test_emergency_alerts_the_on_call_contact(world, highways_on_call):
    from councillor_hub.enquiries.models import AlertKind, EnquiryAlert

    enquiry = _raise(world, world.councillor, suggested_urgency=Urgency.EMERGENCY)
    assert EnquiryAlert.unrestricted.filter(
        enquiry=enquiry, kind=AlertKind.EMERGENCY_ON_CALL
    ).exists()
