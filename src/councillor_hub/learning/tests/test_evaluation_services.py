import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from councillor_hub.audit.models import AuditEvent
from councillor_hub.learning.models import (
    BookingStatus,
    Evaluation,
    ExternalActivityKind,
    SuggestionStatus,
)
from councillor_hub.learning.services.evaluations import (
    evaluation_submit,
    external_activity_record,
    suggestion_answer,
    suggestion_submit,
)
from councillor_hub.notifications.models import Notification

from .factories import BookingFactory
from .factories_evaluations import (
    ExternalActivityFactory,
    SuggestionFactory,
    attended_booking,
    past_session,
)

pytestmark = pytest.mark.django_db

RATINGS = {"overall_rating": 4, "objectives_rating": 3, "presenter_rating": None}


def test_a_member_evaluates_a_session_they_attended_once(world):
    booking = attended_booking(member=world.councillor)
    evaluation = evaluation_submit(
        actor=world.councillor,
        booking=booking,
        would_recommend=True,
        what_worked="  Good examples ",
        **RATINGS,
    )
    assert evaluation.member == world.councillor
    assert evaluation.what_worked == "Good examples"
    event = AuditEvent.objects.get(object_type="learning.evaluation")
    assert event.object_label == f"Training evaluation #{evaluation.pk}"
    assert "Good examples" not in event.detail
    with pytest.raises(ValidationError, match="already evaluated"):
        evaluation_submit(actor=world.councillor, booking=booking, would_recommend=False, **RATINGS)
    assert Evaluation.objects.count() == 1


@pytest.mark.parametrize(
    ("attended", "status"),
    [(None, BookingStatus.BOOKED), (False, BookingStatus.BOOKED), (True, BookingStatus.WAITING)],
)
def test_only_attended_places_can_be_evaluated(world, attended, status):
    booking = BookingFactory(
        session=past_session(), member=world.councillor, attended=attended, status=status
    )
    with pytest.raises(ValidationError, match="attended"):
        evaluation_submit(actor=world.councillor, booking=booking, would_recommend=True, **RATINGS)


def test_nobody_evaluates_for_someone_else(world):
    booking = attended_booking(member=world.councillor)
    for actor in (world.colleague, world.democratic, world.delegate):
        with pytest.raises(PermissionDenied):
            evaluation_submit(actor=actor, booking=booking, would_recommend=True, **RATINGS)


@pytest.mark.parametrize(
    "ratings",
    [
        {"overall_rating": 0, "objectives_rating": 3},
        {"overall_rating": 3, "objectives_rating": 6},
        {"overall_rating": 3, "objectives_rating": 3, "presenter_rating": 9},
    ],
)
def test_ratings_must_be_1_to_5(world, ratings):
    booking = attended_booking(member=world.councillor)
    with pytest.raises(ValidationError):
        evaluation_submit(actor=world.councillor, booking=booking, would_recommend=True, **ratings)


def test_exactly_one_thing_is_evaluated(world):
    booking = attended_booking(member=world.councillor)
    activity = ExternalActivityFactory(member=world.councillor)
    with pytest.raises(ValueError):
        evaluation_submit(
            actor=world.councillor,
            booking=booking,
            external_activity=activity,
            would_recommend=True,
            **RATINGS,
        )
    evaluation = evaluation_submit(
        actor=world.councillor, external_activity=activity, would_recommend=False, **RATINGS
    )
    assert evaluation.external_activity == activity and evaluation.booking is None


def test_recording_an_external_activity(world):
    activity = external_activity_record(
        actor=world.councillor,
        title=" Demo leadership academy ",
        kind=ExternalActivityKind.CONFERENCE,
        attended_on=timezone.localdate(),
    )
    assert activity.title == "Demo leadership academy"
    assert activity.member == world.councillor
    with pytest.raises(ValidationError) as error:
        external_activity_record(
            actor=world.councillor,
            title="",
            kind="party",
            attended_on=timezone.localdate() + datetime.timedelta(days=1),
        )
    assert set(error.value.message_dict) == {"title", "kind", "attended_on"}
    with pytest.raises(PermissionDenied):
        external_activity_record(
            actor=world.democratic,
            title="Course",
            kind=ExternalActivityKind.COURSE,
            attended_on=timezone.localdate(),
        )


def test_suggestions_are_answered_by_managers_and_the_member_is_told(
    world, django_capture_on_commit_callbacks
):
    suggestion = suggestion_submit(actor=world.councillor, title="Media training")
    with pytest.raises(PermissionDenied):
        suggestion_submit(actor=world.support, title="Anything")
    with pytest.raises(PermissionDenied):
        suggestion_answer(
            actor=world.councillor, suggestion=suggestion, status=SuggestionStatus.PLANNED
        )
    with pytest.raises(ValidationError) as error:
        suggestion_answer(
            actor=world.democratic, suggestion=suggestion, status=SuggestionStatus.PLANNED
        )
    assert "response" in error.value.message_dict
    with django_capture_on_commit_callbacks(execute=True):
        suggestion_answer(
            actor=world.democratic,
            suggestion=suggestion,
            status=SuggestionStatus.PLANNED,
            response="A session in March.",
        )
    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.PLANNED
    assert suggestion.handled_by == world.democratic and suggestion.handled_at is not None
    notification = Notification.objects.get(recipient=world.councillor)
    assert "March" not in notification.title  # no content in notifications


def test_keeping_a_suggestion_new_needs_no_reply_and_sends_nothing(
    world, django_capture_on_commit_callbacks
):
    suggestion = SuggestionFactory(suggested_by=world.councillor)
    with django_capture_on_commit_callbacks(execute=True):
        suggestion_answer(
            actor=world.democratic, suggestion=suggestion, status=SuggestionStatus.NEW
        )
    assert not Notification.objects.exists()


def test_members_who_attended_are_asked_to_evaluate(world):
    from councillor_hub.learning.services.evaluations import evaluation_requests_send

    from .factories import TopicFactory

    session = past_session(topic=TopicFactory(name="Scrutiny skills"))
    came = attended_booking(session=session, member=world.councillor)
    BookingFactory(session=session, member=world.colleague, attended=False)
    evaluated = attended_booking(session=session, member=world.other)
    evaluation_submit(actor=world.other, booking=evaluated, would_recommend=True, **RATINGS)
    asked = evaluation_requests_send(
        bookings=session.bookings.select_related("member", "session__topic")
    )
    assert asked == 1
    notification = Notification.objects.get()
    assert notification.recipient == world.councillor
    assert notification.title == "Tell us how Scrutiny skills went"
    assert notification.url.endswith(f"/evaluations/sessions/{came.pk}/")
