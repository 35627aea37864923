"""Every catalogue, session, booking, completion and calendar URL of member development, for
every person in the `world` fixture and for someone not signed in, as a matrix.

Anyone signed in reads the programme (topics and sessions); councillors and co-opted members
in office (the learners: councillor, colleague, other, independent and the whip, who is a
councillor) book for themselves and have a calendar feed; democratic services and
administrators manage, and every manage page answers 404 to anyone else. The calendar feed
needs no sign-in (its secret address is the key). A refused POST changes nothing."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from councillor_hub.conftest import refreshed
from councillor_hub.core.tests.matrix import (
    IN,
    NA,
    NF,
    OK,
    PEOPLE,
    RD,
    check,
    check_post,
    client_for_person,
)
from councillor_hub.learning.models import (
    Booking,
    BookingStatus,
    CalendarFeed,
    Completion,
    TrainingSession,
    TrainingTopic,
)

from .factories import BookingFactory, SessionFactory, TopicFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("module_world")]

# fmt: off
GET_EXPECTED = {
    #                        cou col oth ind dlg sup hwy mgr mp  whp dem adm anon
    "home":                  [OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, IN],
    "topic_list":            [OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, IN],
    "topic_detail":          [OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, IN],
    "session_list":          [OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, IN],
    "session_detail":        [OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, IN],
    "session_book":          [OK, OK, OK, OK, NF, NF, NF, NF, NF, OK, NF, NF, IN],
    # Only the councillor has a booking on the session.
    "my_booking_cancel":     [OK, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, IN],
    "calendar":              [OK, OK, OK, OK, NF, NF, NF, NF, NF, OK, NF, NF, IN],
    "calendar_revoke":       [NA, NA, NA, NA, NF, NF, NF, NF, NF, NA, NF, NF, IN],
    # The councillor's secret address: no sign-in needed.
    "calendar_feed":         [OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK],
    "topic_create":          [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, OK, OK, IN],
    "topic_update":          [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, OK, OK, IN],
    "session_create":        [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, OK, OK, IN],
    "session_update":        [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, OK, OK, IN],
    "session_cancel":        [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, OK, OK, IN],
    "session_bookings":      [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, OK, OK, IN],
    "session_book_member":   [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, OK, OK, IN],
    "booking_cancel":        [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, OK, OK, IN],
    "session_attendance":    [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, OK, OK, IN],
    "completion_create":     [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, OK, OK, IN],
    "completion_import":     [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, OK, OK, IN],
}

POST_EXPECTED = {
    #                        cou col oth ind dlg sup hwy mgr mp  whp dem adm anon
    "home":                  [NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, IN],
    "topic_list":            [NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, IN],
    "topic_detail":          [NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, IN],
    "session_list":          [NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, IN],
    "session_detail":        [NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, IN],
    # The councillor is already booked: the form says so and nothing changes.
    "session_book":          [OK, RD, RD, RD, NF, NF, NF, NF, NF, RD, NF, NF, IN],
    "my_booking_cancel":     [RD, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, IN],
    "calendar":              [NA, NA, NA, NA, NF, NF, NF, NF, NF, NA, NF, NF, IN],
    "calendar_revoke":       [RD, RD, RD, RD, NF, NF, NF, NF, NF, RD, NF, NF, IN],
    "calendar_feed":         [NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA],
    "topic_create":          [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, RD, RD, IN],
    "topic_update":          [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, RD, RD, IN],
    "session_create":        [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, RD, RD, IN],
    "session_update":        [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, RD, RD, IN],
    "session_cancel":        [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, RD, RD, IN],
    "session_bookings":      [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NA, NA, IN],
    "session_book_member":   [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, RD, RD, IN],
    "booking_cancel":        [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, RD, RD, IN],
    "session_attendance":    [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, RD, RD, IN],
    "completion_create":     [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, RD, RD, IN],
    # A manager's upload is a dry run: the page of what it would record, nothing changed.
    "completion_import":     [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, OK, OK, IN],
}
# fmt: on

FUTURE = timezone.now() + datetime.timedelta(days=20)
PAST = timezone.now() - datetime.timedelta(days=3)


@pytest.fixture(scope="module")
def module_records(module_world, django_db_blocker):
    with django_db_blocker.unblock():
        return build_records(module_world)


@pytest.fixture
def records(module_records, db):
    return refreshed(module_records)


def build_records(world):
    topic = TopicFactory(name="Safeguarding", is_mandatory=True, required_for_roles=["councillor"])
    session = SessionFactory(
        topic=topic, starts_at=FUTURE, ends_at=FUTURE + datetime.timedelta(hours=2)
    )
    past = SessionFactory(topic=topic, starts_at=PAST, ends_at=PAST + datetime.timedelta(hours=2))
    booking = BookingFactory(session=session, member=world.councillor)
    BookingFactory(session=past, member=world.colleague)
    feed = CalendarFeed.objects.create(member=world.councillor, token="s" * 43)
    return {"topic": topic, "session": session, "past": past, "booking": booking, "feed": feed}


def urls(records) -> dict[str, str]:
    topic, session, past = records["topic"].pk, records["session"].pk, records["past"].pk
    return {
        "home": reverse("learning:home"),
        "topic_list": reverse("learning:topic_list"),
        "topic_detail": reverse("learning:topic_detail", args=[topic]),
        "session_list": reverse("learning:session_list"),
        "session_detail": reverse("learning:session_detail", args=[session]),
        "session_book": reverse("learning:session_book", args=[session]),
        "my_booking_cancel": reverse("learning:my_booking_cancel", args=[session]),
        "calendar": reverse("learning:calendar"),
        "calendar_revoke": reverse("learning:calendar_revoke"),
        "calendar_feed": reverse("learning:calendar_feed", args=[records["feed"].token]),
        "topic_create": reverse("learning:topic_create"),
        "topic_update": reverse("learning:topic_update", args=[topic]),
        "session_create": reverse("learning:session_create"),
        "session_update": reverse("learning:session_update", args=[session]),
        "session_cancel": reverse("learning:session_cancel", args=[session]),
        "session_bookings": reverse("learning:session_bookings", args=[session]),
        "session_book_member": reverse("learning:session_book_member", args=[session]),
        "booking_cancel": reverse("learning:booking_cancel", args=[session, records["booking"].pk]),
        "session_attendance": reverse("learning:session_attendance", args=[past]),
        "completion_create": reverse("learning:completion_create"),
        "completion_import": reverse("learning:completion_import"),
    }


def post_data(name: str, world, records) -> dict:
    topic = records["topic"]
    day = (timezone.localdate() + datetime.timedelta(days=40)).isoformat()
    session_form = {
        "topic": topic.pk,
        "date": day,
        "start_time": "18:00",
        "end_time": "20:00",
        "location": "Council Chamber",
        "capacity": "12",
    }
    return {
        "session_book": {"access_needs": ""},
        "topic_create": {
            "name": "Chairing skills",
            "validity_basis": "months",
            "reminder_days_before": "30",
        },
        "topic_update": {
            "name": "Safeguarding adults and children",
            "is_mandatory": "on",
            "required_for_roles": ["councillor"],
            "valid_for_months": "36",
            "validity_basis": "months",
            "reminder_days_before": "30",
        },
        "session_create": session_form,
        "session_update": session_form,
        "session_book_member": {"member": world.colleague.pk},
        "session_attendance": {"attended": [str(world.colleague.pk)]},
        "completion_create": {
            "member": world.councillor.pk,
            "topic": topic.pk,
            "completed_on": (timezone.localdate() - datetime.timedelta(days=2)).isoformat(),
            "source": "e_learning",
        },
        "completion_import": {
            "file": SimpleUploadedFile(
                "completions.csv",
                f"email,topic,completed_on\n{world.councillor.email},Safeguarding,"
                f"{timezone.localdate().isoformat()}\n".encode(),
                content_type="text/csv",
            )
        },
    }.get(name, {"anything": "x"})


def snapshot() -> list:
    return [
        list(TrainingTopic.objects.order_by("pk").values()),
        list(TrainingSession.objects.order_by("pk").values()),
        list(Booking.objects.order_by("pk").values()),
        list(Completion.objects.order_by("pk").values()),
        list(CalendarFeed.objects.order_by("pk").values("member_id", "token")),
        TrainingTopic.required_for_committees.through.objects.count(),
    ]


def test_matrix_covers_every_catalogue_url(records):
    from councillor_hub.learning.urls import catalogue

    names = {pattern.name for pattern in catalogue.urlpatterns}
    assert names == set(GET_EXPECTED) == set(POST_EXPECTED) == set(urls(records))
    assert all(len(row) == len(PEOPLE) for row in [*GET_EXPECTED.values(), *POST_EXPECTED.values()])


@pytest.mark.parametrize("name", list(GET_EXPECTED))
@pytest.mark.parametrize("person", PEOPLE)
def test_get(world, client_for, records, name, person):
    expected = GET_EXPECTED[name][PEOPLE.index(person)]
    response = client_for_person(world, client_for, person).get(urls(records)[name])
    check(response, expected)


@pytest.mark.parametrize("name", list(POST_EXPECTED))
@pytest.mark.parametrize("person", PEOPLE)
def test_post(world, client_for, records, name, person):
    expected = POST_EXPECTED[name][PEOPLE.index(person)]
    client = client_for_person(world, client_for, person)
    check_post(client, urls(records)[name], post_data(name, world, records), expected, snapshot)


def test_an_unknown_calendar_address_is_not_found(client, records):
    assert client.get(reverse("learning:calendar_feed", args=["x" * 43])).status_code == 404
    assert client.get(reverse("learning:calendar_feed", args=["short"])).status_code == 404


@pytest.mark.parametrize("person", ["other", "democratic", "support"])
def test_nobody_cancels_someone_elses_booking_as_their_own(world, client_for, records, person):
    """The member's own cancel URL finds only the signed-in member's booking."""
    response = client_for(getattr(world, person)).post(
        reverse("learning:my_booking_cancel", args=[records["session"].pk])
    )
    assert response.status_code == 404
    assert Booking.objects.get(pk=records["booking"].pk).status == BookingStatus.BOOKED
