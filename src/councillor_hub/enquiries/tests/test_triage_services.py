"""The triage decisions: redirect, duplicate, more information, accept and route."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from councillor_hub.accounts.tests.factories import ServiceAreaFactory
from councillor_hub.audit.models import AuditEvent
from councillor_hub.enquiries.models import (
    EnquiryAssignment,
    EnquiryEvent,
    EnquiryStatus,
    EventKind,
)
from councillor_hub.enquiries.permissions import can_view
from councillor_hub.enquiries.selectors.triage import likely_duplicates, subject_similarity
from councillor_hub.enquiries.services.triage import (
    enquiry_mark_duplicate,
    enquiry_note_add,
    enquiry_redirect,
    enquiry_request_information,
    enquiry_route,
)
from councillor_hub.notifications.models import Notification

from .triage_helpers import SECRET, new_enquiry, police, potholes, safeguarding_contact

pytestmark = pytest.mark.django_db


def _no_content_anywhere():
    for note in Notification.objects.all():
        assert SECRET not in note.title
    for message in mail.outbox:
        assert SECRET not in message.subject
        assert SECRET not in message.body


def _events(enquiry):
    return list(EnquiryEvent.unrestricted.filter(enquiry=enquiry).values_list("kind", flat=True))


def test_redirect_tells_the_member(world):
    enquiry = new_enquiry(world)
    enquiry_redirect(actor=world.support, enquiry=enquiry, process="foi", note="Use the FOI form")
    enquiry.refresh_from_db()
    assert enquiry.status == EnquiryStatus.REDIRECTED
    assert enquiry.redirect_process == "foi"
    assert enquiry.redirect_note == "Use the FOI form"
    event = EnquiryEvent.unrestricted.get(enquiry=enquiry, kind=EventKind.REDIRECTED)
    assert event.visible_to_member and "Use the FOI form" in event.body
    note = Notification.objects.get(recipient=world.councillor)
    assert note.title == f"Enquiry {enquiry.reference} has been redirected to another process"
    assert AuditEvent.objects.filter(object_label=enquiry.reference, action="update").exists()
    _no_content_anywhere()


def test_redirect_needs_a_note(world):
    enquiry = new_enquiry(world)
    with pytest.raises(ValidationError) as error:
        enquiry_redirect(actor=world.support, enquiry=enquiry, process="foi", note="  ")
    assert "note" in error.value.message_dict
    enquiry.refresh_from_db()
    assert enquiry.status == EnquiryStatus.NEW


@pytest.mark.parametrize("who", ["councillor", "highways_officer", "manager", "admin"])
def test_only_the_support_team_triages(world, who):
    enquiry = new_enquiry(world)
    with pytest.raises(PermissionDenied):
        enquiry_redirect(actor=getattr(world, who), enquiry=enquiry, process="foi", note="x")


def test_mark_duplicate_names_the_other_enquiry(world):
    first = new_enquiry(world, status=EnquiryStatus.IN_PROGRESS)
    second = new_enquiry(world, member=world.colleague)
    enquiry_mark_duplicate(actor=world.support, enquiry=second, duplicate_of=first)
    second.refresh_from_db()
    assert second.status == EnquiryStatus.DUPLICATE
    assert second.duplicate_of == first
    note = Notification.objects.get(recipient=world.colleague)
    assert note.title == f"Enquiry {second.reference} is a duplicate of {first.reference}"
    _no_content_anywhere()


def test_duplicate_of_a_closed_or_itself_is_refused(world):
    closed = new_enquiry(world, status=EnquiryStatus.CLOSED)
    enquiry = new_enquiry(world)
    with pytest.raises(ValidationError):
        enquiry_mark_duplicate(actor=world.support, enquiry=enquiry, duplicate_of=closed)
    with pytest.raises(ValidationError):
        enquiry_mark_duplicate(actor=world.support, enquiry=enquiry, duplicate_of=enquiry)


def test_asking_for_information_pauses_the_clock(world):
    enquiry = new_enquiry(world)
    enquiry_request_information(actor=world.support, enquiry=enquiry, question="Which lamp post?")
    enquiry.refresh_from_db()
    assert enquiry.status == EnquiryStatus.AWAITING_MEMBER
    assert enquiry.paused_at is not None
    event = EnquiryEvent.unrestricted.get(enquiry=enquiry, kind=EventKind.INFO_REQUESTED)
    assert event.visible_to_member and event.body == "Which lamp post?"
    note = Notification.objects.get(recipient=world.councillor)
    assert note.title == f"Enquiry {enquiry.reference} needs more information from you"
    _no_content_anywhere()


def test_route_to_a_team_acknowledges_and_starts_the_clock(world):
    category = potholes(world)
    enquiry = new_enquiry(world)
    enquiry_route(
        actor=world.support,
        enquiry=enquiry,
        service_area=world.highways,
        category=category,
        urgency="standard",
        service_areas=[world.highways],
        lead=world.highways,
    )
    enquiry.refresh_from_db()
    assert enquiry.status == EnquiryStatus.IN_PROGRESS
    assert enquiry.urgency == "standard"
    assert enquiry.category == category
    assert enquiry.triaged_at and enquiry.acknowledged_at and enquiry.due_at
    assert enquiry.due_at > enquiry.received_at
    ack = EnquiryEvent.unrestricted.get(enquiry=enquiry, kind=EventKind.ACKNOWLEDGED)
    assert ack.body == "Your enquiry is with the Highways team."
    assert ack.visible_to_member
    triaged = EnquiryEvent.unrestricted.get(enquiry=enquiry, kind=EventKind.TRIAGED)
    assert not triaged.visible_to_member
    assignment = EnquiryAssignment.unrestricted.get(enquiry=enquiry)
    assert assignment.service_area == world.highways and assignment.is_lead
    member_note = Notification.objects.get(recipient=world.councillor)
    assert member_note.title == f"Enquiry {enquiry.reference} has been acknowledged"
    officer_note = Notification.objects.get(recipient=world.highways_officer)
    assert officer_note.title == f"Enquiry {enquiry.reference} has been assigned to you"
    assert can_view(world.highways_officer, enquiry)
    _no_content_anywhere()


def test_route_to_several_with_one_lead(world):
    partner = police()
    parks = ServiceAreaFactory(name="Parks", slug="parks")
    enquiry = new_enquiry(world)
    enquiry_route(
        actor=world.support,
        enquiry=enquiry,
        service_area=world.highways,
        category=None,
        urgency="urgent",
        service_areas=[world.highways, parks],
        officers=[world.highways_officer],
        partners=[partner],
        lead=world.highways_officer,
    )
    rows = EnquiryAssignment.unrestricted.filter(enquiry=enquiry)
    assert rows.count() == 4
    assert [r.officer for r in rows.filter(is_lead=True)] == [world.highways_officer]
    ack = EnquiryEvent.unrestricted.get(enquiry=enquiry, kind=EventKind.ACKNOWLEDGED)
    assert ack.body == f"Your enquiry is with {world.highways_officer.full_name}."
    assert Notification.objects.filter(recipient=world.highways_officer).count() == 1


def test_route_needs_a_lead_among_the_assignees(world):
    enquiry = new_enquiry(world)
    with pytest.raises(ValidationError) as error:
        enquiry_route(
            actor=world.support,
            enquiry=enquiry,
            service_area=world.highways,
            category=None,
            urgency="standard",
            service_areas=[world.highways],
            lead=world.highways_officer,
        )
    assert "lead" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        enquiry_route(
            actor=world.support,
            enquiry=enquiry,
            service_area=world.highways,
            category=None,
            urgency="standard",
            lead=world.highways,
        )
    assert "service_areas" in error.value.message_dict


def test_rerouting_keeps_the_acknowledgement_and_replaces_assignments(world):
    parks = ServiceAreaFactory(name="Parks", slug="parks")
    enquiry = new_enquiry(world)
    common = {"actor": world.support, "category": None, "urgency": "standard"}
    enquiry_route(
        enquiry=enquiry,
        service_area=world.highways,
        service_areas=[world.highways],
        lead=world.highways,
        **common,
    )
    due = enquiry.due_at
    enquiry_route(enquiry=enquiry, service_area=parks, service_areas=[parks], lead=parks, **common)
    assert _events(enquiry).count(EventKind.ACKNOWLEDGED) == 1
    active = EnquiryAssignment.unrestricted.filter(enquiry=enquiry, removed_at__isnull=True)
    assert [a.service_area for a in active] == [parks]
    enquiry.refresh_from_db()
    assert enquiry.due_at == due


def test_route_resumes_a_paused_clock(world):
    enquiry = new_enquiry(world)
    enquiry_request_information(actor=world.support, enquiry=enquiry, question="Where?")
    enquiry_route(
        actor=world.support,
        enquiry=enquiry,
        service_area=world.highways,
        category=None,
        urgency="standard",
        service_areas=[world.highways],
        lead=world.highways,
    )
    enquiry.refresh_from_db()
    assert enquiry.paused_at is None
    assert enquiry.status == EnquiryStatus.IN_PROGRESS


def test_sensitive_safeguarding_routes_to_the_safeguarding_contact(world):
    safeguarding_contact()
    enquiry = new_enquiry(world)
    enquiry_route(
        actor=world.support,
        enquiry=enquiry,
        service_area=world.highways,
        category=None,
        urgency="urgent",
        service_areas=[world.highways],
        lead=world.highways,
        is_sensitive=True,
        sensitive_reason="safeguarding",
        named_viewers=[world.manager],
    )
    enquiry.refresh_from_db()
    assert enquiry.is_sensitive and enquiry.sensitive_reason == "safeguarding"
    assert set(enquiry.named_viewers.all()) == {world.manager, world.support}
    # The area's officer is not named, so neither sees it nor is told about it.
    assert not can_view(world.highways_officer, enquiry)
    assert not Notification.objects.filter(recipient=world.highways_officer).exists()
    assert can_view(world.support, enquiry)
    sent = [m for m in mail.outbox if "safeguarding@council.test" in m.to]
    assert len(sent) == 1
    assert enquiry.reference in sent[0].subject
    _no_content_anywhere()


def test_sensitive_needs_a_reason_and_named_viewers(world):
    enquiry = new_enquiry(world)
    with pytest.raises(ValidationError) as error:
        enquiry_route(
            actor=world.support,
            enquiry=enquiry,
            service_area=world.highways,
            category=None,
            urgency="urgent",
            service_areas=[world.highways],
            lead=world.highways,
            is_sensitive=True,
        )
    assert {"sensitive_reason", "named_viewers"} <= set(error.value.message_dict)


def test_triage_of_a_sensitive_enquiry_needs_the_support_officer_named(world):
    enquiry = new_enquiry(world, is_sensitive=True, sensitive_reason="personal")
    with pytest.raises(PermissionDenied):
        enquiry_request_information(actor=world.support, enquiry=enquiry, question="Where?")
    enquiry.named_viewers.add(world.support)
    enquiry_request_information(actor=world.support, enquiry=enquiry, question="Where?")


def test_internal_note_by_the_routed_officer_is_hidden_from_the_member(world):
    enquiry = new_enquiry(world, status=EnquiryStatus.IN_PROGRESS)
    EnquiryAssignment.unrestricted.create(enquiry=enquiry, service_area=world.highways)
    event = enquiry_note_add(actor=world.highways_officer, enquiry=enquiry, body="Called them")
    assert not event.visible_to_member
    with pytest.raises(PermissionDenied):
        enquiry_note_add(actor=world.councillor, enquiry=enquiry, body="Let me in")


def test_likely_duplicates_by_category_and_place_or_similar_subject(world):
    category = potholes(world)
    enquiry = new_enquiry(
        world, category=category, postcode="DT1 1AA", subject="Deep pothole on the High Street"
    )
    same_place = new_enquiry(
        world, category=category, postcode="DT1 1AA", subject="Something else entirely"
    )
    similar = new_enquiry(world, member=world.other, subject="Pothole in the High Street")
    old = new_enquiry(
        world,
        subject="Deep pothole on the High Street",
        received_at=timezone.now() - datetime.timedelta(weeks=8),
    )
    closed = new_enquiry(world, subject="Deep pothole on the High Street", status="closed")
    unrelated = new_enquiry(world, subject="Bins not collected on Tuesday")
    found = likely_duplicates(user=world.support, enquiry=enquiry)
    assert set(found) == {same_place, similar}
    assert old not in found and closed not in found and unrelated not in found


def test_subject_similarity():
    assert subject_similarity("Pothole on the High Street", "High Street pothole") == 1.0
    assert subject_similarity("Pothole on Elm Road", "Bins on Elm Road") == 0.5
    assert subject_similarity("Pothole", "Bins missed") == 0.0
    assert subject_similarity("", "anything") == 0.0
