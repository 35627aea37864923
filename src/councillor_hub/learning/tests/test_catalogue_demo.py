"""The demo programme (core/demo/learning.py): topics linked to their committees, a year of
sessions with attendance and completions, some mandatory training expired and some expiring
soon, councillor@demo.test with an upcoming booking and a missing topic, and a waiting list."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.utils import timezone

from councillor_hub.committees.tests.factories import CommitteeFactory, MembershipFactory
from councillor_hub.core.demo.learning import build_learning
from councillor_hub.learning.models import (
    Booking,
    BookingStatus,
    Completion,
    CompletionSource,
    TrainingSession,
    TrainingTopic,
)
from councillor_hub.learning.selectors import member_compliance
from councillor_hub.learning.validity import Status

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("module_world")]


def builder(seed=7):
    now = timezone.now().replace(second=0, microsecond=0)
    return SimpleNamespace(seed=seed, now=now, today=timezone.localdate(now))


def test_the_demo_programme(world):
    planning = CommitteeFactory(name="Planning Committee")
    MembershipFactory(committee=planning, councillor=world.councillor)
    MembershipFactory(committee=planning, councillor=world.other)
    CommitteeFactory(name="Licensing Committee")

    counts = build_learning(builder())

    assert counts["training topics"] == TrainingTopic.objects.count() == 13
    assert counts["training sessions"] == TrainingSession.objects.count() >= 25
    assert counts["training bookings"] == Booking.objects.count()
    assert counts["training completions"] == Completion.objects.count()
    assert TrainingTopic.history.count() == 13
    assert Completion.history.count() == counts["training completions"]
    planning_topic = TrainingTopic.objects.get(name="Planning committee training")
    assert list(planning_topic.required_for_committees.all()) == [planning]
    assert TrainingTopic.objects.filter(is_mandatory=True).count() == 6

    now = timezone.now()
    assert TrainingSession.objects.filter(starts_at__lt=now - dt.timedelta(days=200)).exists()
    assert TrainingSession.objects.filter(starts_at__gt=now + dt.timedelta(days=60)).exists()
    assert TrainingSession.objects.filter(is_cancelled=True).count() == 1
    # Attendance: held sessions are marked, and attendees have completions of the session.
    held = Booking.objects.filter(session__starts_at__lt=now, session__is_cancelled=False)
    assert held.exists() and not held.filter(status=BookingStatus.BOOKED, attended=None).exists()
    for booking in held.filter(attended=True)[:20]:
        assert Completion.objects.filter(
            member=booking.member, session=booking.session, source=CompletionSource.SESSION
        ).exists()
    assert not Booking.objects.filter(session__starts_at__gt=now, attended__isnull=False).exists()

    # councillor@demo.test: an upcoming booking, and missing topics (safeguarding, planning).
    assert Booking.objects.filter(
        member=world.councillor, status=BookingStatus.BOOKED, session__starts_at__gt=now
    ).exists()
    statuses = {s.topic.name: s.status for s in member_compliance(world.councillor, now.date())}
    assert statuses["Safeguarding"] == Status.MISSING
    assert statuses["Planning committee training"] == Status.MISSING

    # colleague@demo.test waits for a place on the full media session.
    waiting = Booking.objects.get(member=world.colleague, status=BookingStatus.WAITING)
    session = waiting.session
    assert session.bookings.filter(status=BookingStatus.BOOKED).count() == session.capacity

    # Bookings never break the one-active-booking rule and never overfill a session.
    for session in TrainingSession.objects.all():
        assert session.bookings.filter(status=BookingStatus.BOOKED).count() <= session.capacity


def test_the_demo_has_expired_and_expiring_mandatory_training(world):
    today = timezone.localdate()
    build_learning(builder())
    members = [world.councillor, world.colleague, world.other, world.independent, world.whip]
    seen = {s.status for m in members for s in member_compliance(m, today)}
    assert Status.MISSING in seen
    ig = TrainingTopic.objects.get(name="Information governance e-learning")
    dates = Completion.objects.filter(topic=ig).values_list("completed_on", flat=True)
    assert any(d < today - dt.timedelta(days=366) for d in dates)  # expired
    statuses = {s.topic.name: s for s in member_compliance(world.councillor, today)}
    assert statuses["Information governance e-learning"].status == Status.EXPIRING


def test_the_demo_is_deterministic(world):
    build_learning(builder(seed=3))
    first = list(
        Booking.objects.order_by("pk").values_list("session__topic__name", "member_id", "status")
    )
    Booking.objects.all().delete()
    for completion in Completion.objects.all():
        completion.delete()
    TrainingSession.objects.all().delete()
    TrainingTopic.objects.all().delete()
    build_learning(builder(seed=3))
    second = list(
        Booking.objects.order_by("pk").values_list("session__topic__name", "member_id", "status")
    )
    assert first == second
