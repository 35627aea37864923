"""member_reply and enquiry_rate."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from councillor_hub.enquiries.models import Enquiry, EnquiryEvent, EventKind
from councillor_hub.enquiries.services.member import enquiry_rate, member_reply
from councillor_hub.enquiries.tests.factories import EnquiryAssignmentFactory, EnquiryFactory
from councillor_hub.notifications.models import Notification

pytestmark = pytest.mark.django_db


def _awaiting(world):
    now = timezone.now()
    enquiry = EnquiryFactory(
        member=world.councillor,
        service_area=world.highways,
        status="awaiting_member",
        due_at=now + datetime.timedelta(days=3),
        paused_at=now - datetime.timedelta(days=14),
    )
    EnquiryAssignmentFactory(enquiry=enquiry, officer=world.highways_officer)
    return enquiry


def test_reply_resumes_the_clock(world):
    enquiry = _awaiting(world)
    due_before = enquiry.due_at
    member_reply(actor=world.councillor, enquiry=enquiry, body="It is outside number 12.")
    enquiry = Enquiry.unrestricted.get(pk=enquiry.pk)
    assert enquiry.status == "in_progress"
    assert enquiry.paused_at is None
    assert enquiry.due_at > due_before + datetime.timedelta(days=7)
    event = EnquiryEvent.unrestricted.get(enquiry=enquiry, kind=EventKind.MEMBER_REPLIED)
    assert event.visible_to_member and event.author == world.councillor
    titles = set(Notification.objects.values_list("recipient__email", "title"))
    assert (
        "highways@demo.test",
        f"The member has replied on enquiry {enquiry.reference}",
    ) in titles
    assert not any("number 12" in title for _, title in titles)


def test_delegate_may_reply(world):
    enquiry = _awaiting(world)
    member_reply(actor=world.delegate, enquiry=enquiry, body="More details")
    assert Enquiry.unrestricted.get(pk=enquiry.pk).status == "in_progress"


def test_others_may_not_reply(world):
    enquiry = _awaiting(world)
    for user in (world.colleague, world.highways_officer, world.support):
        with pytest.raises(PermissionDenied):
            member_reply(actor=user, enquiry=enquiry, body="x")


def test_reply_within_follow_up_reopens(world):
    now = timezone.now()
    enquiry = EnquiryFactory(
        member=world.councillor,
        status="answered",
        answered_at=now - datetime.timedelta(days=1),
        follow_up_until=now + datetime.timedelta(days=3),
    )
    member_reply(actor=world.councillor, enquiry=enquiry, body="That did not fix it.")
    enquiry = Enquiry.unrestricted.get(pk=enquiry.pk)
    assert enquiry.status == "in_progress"
    kinds = list(EnquiryEvent.unrestricted.filter(enquiry=enquiry).values_list("kind", flat=True))
    assert kinds == [EventKind.MEMBER_REPLIED, EventKind.REOPENED]


@pytest.mark.parametrize("status", ["answered", "closed", "in_progress", "new"])
def test_no_reply_outside_the_window(world, status):
    now = timezone.now()
    enquiry = EnquiryFactory(
        member=world.councillor,
        status=status,
        answered_at=now - datetime.timedelta(days=10),
        follow_up_until=now - datetime.timedelta(days=1),
    )
    with pytest.raises(ValidationError):
        member_reply(actor=world.councillor, enquiry=enquiry, body="Hello")


def test_rating_once(world):
    enquiry = EnquiryFactory(member=world.councillor, status="answered", answered_at=timezone.now())
    enquiry_rate(actor=world.councillor, enquiry=enquiry, rating=4, comment="Quick, thanks")
    enquiry = Enquiry.unrestricted.get(pk=enquiry.pk)
    assert (enquiry.rating, enquiry.rating_comment) == (4, "Quick, thanks")
    assert EnquiryEvent.unrestricted.filter(enquiry=enquiry, kind=EventKind.RATED).count() == 1
    with pytest.raises(ValidationError):
        enquiry_rate(actor=world.councillor, enquiry=enquiry, rating=1)
    assert Enquiry.unrestricted.get(pk=enquiry.pk).rating == 4


def test_rating_needs_an_answer_and_the_members_side(world):
    enquiry = EnquiryFactory(member=world.councillor, status="in_progress")
    with pytest.raises(ValidationError):
        enquiry_rate(actor=world.councillor, enquiry=enquiry, rating=5)
    enquiry.answered_at = timezone.now()
    enquiry.save()
    with pytest.raises(PermissionDenied):
        enquiry_rate(actor=world.support, enquiry=enquiry, rating=5)
    with pytest.raises(ValidationError):
        enquiry_rate(actor=world.councillor, enquiry=enquiry, rating=9)
