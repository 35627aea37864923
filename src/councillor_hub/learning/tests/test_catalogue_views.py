"""The training pages: the home page for a member and for democratic services, the catalogue,
sessions, booking and the waiting list, attendance and completions by hand. Bad input
re-renders with GOV.UK messages and never gives a 500; list pages run a fixed number of
queries."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from councillor_hub.audit.models import AuditEvent
from councillor_hub.committees.tests.factories import CommitteeFactory
from councillor_hub.learning.models import (
    Basis,
    Booking,
    BookingStatus,
    Completion,
    CompletionSource,
    TrainingSession,
    TrainingTopic,
)

from .factories import BookingFactory, CompletionFactory, SessionFactory, TopicFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("module_world")]


def at(days: int, hour: int = 18) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return datetime.datetime.combine(
        day, datetime.time(hour, 0), tzinfo=timezone.get_current_timezone()
    )


def future_session(**kwargs) -> TrainingSession:
    days = kwargs.pop("days", 10)
    return SessionFactory(starts_at=at(days), ends_at=at(days, 20), **kwargs)


def past_session(**kwargs) -> TrainingSession:
    return SessionFactory(starts_at=at(-3), ends_at=at(-3, 20), **kwargs)


# ------------------------------------------------------------------------------ the home


def test_a_members_home_shows_bookings_waiting_places_and_completions(world, councillor_client):
    topic = TopicFactory(name="Chairing skills")
    booked = future_session(topic=topic, days=5)
    full = future_session(topic=TopicFactory(name="Media training"), capacity=1, days=8)
    BookingFactory(session=booked, member=world.councillor)
    BookingFactory(session=full, member=world.colleague)
    BookingFactory(session=full, member=world.other, status=BookingStatus.WAITING)
    BookingFactory(session=full, member=world.councillor, status=BookingStatus.WAITING)
    CompletionFactory(
        member=world.councillor,
        topic=TopicFactory(name="Code of conduct"),
        completed_on=datetime.date(2025, 9, 1),
    )
    CompletionFactory(member=world.colleague, topic=TopicFactory(name="Someone else's topic"))

    response = councillor_client.get(reverse("learning:home"))

    assert [b.session for b in response.context["upcoming"]] == [booked]
    (waiting,) = response.context["waiting"]
    assert waiting.session == full and waiting.position == 2
    assert [c.topic.name for c in response.context["completions"]] == ["Code of conduct"]
    page = response.content.decode()
    assert "Chairing skills" in page and "1 September 2025" in page
    assert "Someone else&#x27;s topic" not in page
    assert "Manage the programme" not in page


def test_a_managers_home_shows_the_programme_links_and_sessions_to_mark(world, client_for):
    session = past_session(topic=TopicFactory(name="Scrutiny"))
    BookingFactory(session=session, member=world.councillor)
    marked = past_session(topic=TopicFactory(name="Budget setting"))
    BookingFactory(session=marked, member=world.councillor, attended=True)

    response = client_for(world.democratic).get(reverse("learning:home"))

    assert response.context["awaiting_attendance"] == [session]
    page = response.content.decode()
    assert "Manage the programme" in page
    assert reverse("learning:completion_import") in page
    assert reverse("learning:session_attendance", args=[session.pk]) in page
    assert "Your booked sessions" not in page


# ---------------------------------------------------------------------------- catalogue


def test_the_catalogue_says_who_must_take_each_topic_and_for_how_long(world, councillor_client):
    planning = CommitteeFactory(name="Planning Committee")
    code = TopicFactory(
        name="Code of conduct",
        is_mandatory=True,
        required_for_roles=["councillor"],
        valid_for_months=48,
    )
    planning_topic = TopicFactory(
        name="Planning committee training",
        is_mandatory=True,
        valid_for_months=12,
        validity_basis=Basis.MUNICIPAL_YEAR,
    )
    planning_topic.required_for_committees.add(planning)
    TopicFactory(name="Media training", valid_for_months=None)
    future_session(topic=code, days=12)

    response = councillor_client.get(reverse("learning:topic_list"))

    rows = {t.name: t for t in response.context["topics"]}
    assert rows["Code of conduct"].who == ["All councillors"]
    assert rows["Code of conduct"].validity == "4 years from completion"
    assert rows["Planning committee training"].who == ["Members of Planning Committee"]
    assert rows["Planning committee training"].validity == (
        "Until the end of the municipal year it was completed in"
    )
    assert rows["Media training"].validity == "Does not expire"
    assert rows["Code of conduct"].next_session is not None
    page = response.content.decode()
    assert page.count('govuk-tag--red">Mandatory') == 2

    mandatory = councillor_client.get(reverse("learning:topic_list") + "?show=mandatory")
    assert {t.name for t in mandatory.context["topics"]} == {
        "Code of conduct",
        "Planning committee training",
    }
    unknown = councillor_client.get(reverse("learning:topic_list") + "?show=%00nonsense")
    assert unknown.status_code == 200 and len(unknown.context["topics"]) == 3


def test_the_catalogue_runs_a_fixed_number_of_queries(
    world, councillor_client, django_assert_max_num_queries
):
    committee = CommitteeFactory()
    for n in range(3):
        topic = TopicFactory(name=f"Small {n}", required_for_roles=["councillor"])
        topic.required_for_committees.add(committee)
    with django_assert_max_num_queries(20) as few:
        councillor_client.get(reverse("learning:topic_list"))
    for n in range(15):
        topic = TopicFactory(name=f"Many {n}")
        topic.required_for_committees.add(committee)
        future_session(topic=topic, days=n + 2)
    with django_assert_max_num_queries(len(few.captured_queries)):
        councillor_client.get(reverse("learning:topic_list"))


def test_the_session_list_runs_a_fixed_number_of_queries(
    world, councillor_client, django_assert_max_num_queries
):
    future_session(days=3)
    with django_assert_max_num_queries(20) as few:
        councillor_client.get(reverse("learning:session_list"))
    for n in range(20):
        session = future_session(days=n + 4)
        BookingFactory(session=session, member=world.colleague)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = councillor_client.get(reverse("learning:session_list"))
    assert len(response.context["sessions"]) == 21


@pytest.mark.parametrize(
    "query", ["?page=abc", "?page=999", "?when=nonsense", "?when=past&page=-1"]
)
def test_the_session_list_ignores_bad_parameters(councillor_client, query):
    future_session()
    assert councillor_client.get(reverse("learning:session_list") + query).status_code == 200


def test_a_topic_page_lists_upcoming_sessions_with_the_members_own_state(world, councillor_client):
    topic = TopicFactory(name="Safeguarding")
    mine = future_session(topic=topic, days=4)
    full = future_session(topic=topic, capacity=1, days=6)
    past_session(topic=topic)
    BookingFactory(session=mine, member=world.councillor)
    BookingFactory(session=full, member=world.colleague)

    response = councillor_client.get(reverse("learning:topic_detail", args=[topic.pk]))

    sessions = response.context["sessions"]
    assert sessions == [mine, full]
    assert sessions[0].my_booking is not None and sessions[1].places_left == 0
    page = response.content.decode()
    assert "You are booked" in page and "Full: waiting list" in page
    assert response.context["past_sessions"] == []  # past sessions are for managers


def test_topic_create_on_the_page(world, client_for):
    client = client_for(world.democratic)
    planning = CommitteeFactory(name="Planning Committee")
    response = client.post(
        reverse("learning:topic_create"),
        {
            "name": "Planning committee training",
            "description": "The planning code and probity.",
            "is_mandatory": "on",
            "required_for_roles": ["councillor", "group_leader"],
            "committees": [planning.pk],
            "valid_for_months": "12",
            "validity_basis": "municipal_year",
            "reminder_days_before": "30",
        },
    )
    topic = TrainingTopic.objects.get(name="Planning committee training")
    assert response.status_code == 302
    assert response["Location"] == reverse("learning:topic_detail", args=[topic.pk])
    assert topic.is_mandatory and topic.validity_basis == Basis.MUNICIPAL_YEAR
    assert topic.required_for_roles == ["councillor", "group_leader"]
    assert list(topic.required_for_committees.all()) == [planning]


def test_topic_form_errors_keep_what_was_typed(world, client_for):
    TopicFactory(name="Safeguarding")
    response = client_for(world.democratic).post(
        reverse("learning:topic_create"),
        {
            "name": "safeguarding",
            "description": "Typed text",
            "required_for_roles": ["emperor"],
            "valid_for_months": "twelve",
            "validity_basis": "",
            "reminder_days_before": "-1",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "<title>Error: Add a topic" in page
    assert "Select roles from the list" in page
    assert "Months must be a whole number, like 12" in page
    assert "Select how the validity is counted" in page
    assert "Days must be 0 or more" in page
    assert "Typed text" in page
    assert TrainingTopic.objects.count() == 1


def test_a_duplicate_topic_name_is_refused_by_the_service(world, client_for):
    TopicFactory(name="Safeguarding")
    response = client_for(world.democratic).post(
        reverse("learning:topic_create"),
        {"name": "SAFEGUARDING", "validity_basis": "months", "reminder_days_before": "30"},
    )
    assert response.status_code == 200
    assert "There is already a topic with this name" in response.content.decode()


# ----------------------------------------------------------------------------- sessions


def test_session_create_on_the_page(world, client_for):
    topic = TopicFactory(name="Scrutiny")
    day = timezone.localdate() + datetime.timedelta(days=21)
    client = client_for(world.democratic)
    form = client.get(reverse("learning:session_create") + f"?topic={topic.pk}")
    assert form.context["form"].initial["topic"] == topic.pk
    response = client.post(
        reverse("learning:session_create"),
        {
            "topic": topic.pk,
            "date": day.isoformat(),
            "start_time": "18:00",
            "end_time": "20.30",
            "location": "",
            "online_url": "meet.example.org/scrutiny",
            "capacity": "15",
            "trainer": "Centre for Demo Governance",
        },
    )
    session = TrainingSession.objects.get(topic=topic)
    assert response.status_code == 302
    assert timezone.localtime(session.starts_at).time() == datetime.time(18, 0)
    assert timezone.localtime(session.ends_at).time() == datetime.time(20, 30)
    assert timezone.localtime(session.starts_at).date() == day
    assert session.online_url == "https://meet.example.org/scrutiny"


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"date": "2026-02-31"}, "Date must be a real date"),
        ({"start_time": "25:00"}, "Start time must be a real time"),
        ({"end_time": "17:00"}, "The end time must be after the start time"),
        ({"location": "", "online_url": ""}, "Enter where the session is held, or an online link"),
        ({"capacity": "0"}, "Places must be 1 or more"),
        ({"capacity": "lots"}, "Places must be a whole number"),
        ({"topic": "999999"}, "Select a topic"),
        ({"date": "2020-01-01"}, "The start must be in the future"),
        ({"online_url": "not a url at all"}, "Enter the online link in the correct format"),
    ],
)
def test_session_form_errors(world, client_for, changes, message):
    topic = TopicFactory()
    data = {
        "topic": topic.pk,
        "date": (timezone.localdate() + datetime.timedelta(days=21)).isoformat(),
        "start_time": "18:00",
        "end_time": "20:00",
        "location": "Committee Room 1",
        "capacity": "10",
    } | changes
    response = client_for(world.democratic).post(reverse("learning:session_create"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert TrainingSession.objects.count() == 0


def test_session_detail_offers_booking_then_shows_the_booking(world, councillor_client):
    session = future_session(capacity=2)
    url = reverse("learning:session_detail", args=[session.pk])
    page = councillor_client.get(url).content.decode()
    assert "2 of 2 left" in page and "Book a place" in page

    response = councillor_client.post(
        reverse("learning:session_book", args=[session.pk]), {"access_needs": "Hearing loop"}
    )

    assert response.status_code == 302
    booking = Booking.objects.get(session=session, member=world.councillor)
    assert booking.status == BookingStatus.BOOKED and booking.access_needs == "Hearing loop"
    page = councillor_client.get(url).content.decode()
    assert "You are booked on this session" in page and "1 of 2 left" in page
    assert "Cancel your booking" in page


def test_a_full_session_offers_the_waiting_list_and_shows_the_position(world, councillor_client):
    session = future_session(capacity=1)
    BookingFactory(session=session, member=world.colleague)
    BookingFactory(session=session, member=world.other, status=BookingStatus.WAITING)
    url = reverse("learning:session_detail", args=[session.pk])
    assert "Join the waiting list" in councillor_client.get(url).content.decode()

    councillor_client.post(reverse("learning:session_book", args=[session.pk]), {})

    assert Booking.objects.get(member=world.councillor).status == BookingStatus.WAITING
    response = councillor_client.get(url)
    assert response.context["position"] == 2
    assert "You are number 2 on the waiting list" in response.content.decode()


def test_a_learner_does_not_see_other_peoples_access_needs(world, councillor_client):
    session = future_session()
    BookingFactory(session=session, member=world.colleague, access_needs="Private need")
    page = councillor_client.get(reverse("learning:session_detail", args=[session.pk]))
    assert "Private need" not in page.content.decode()


def test_cancelling_your_place_on_the_page_promotes_the_first_waiting(
    world, councillor_client, client_for
):
    session = future_session(capacity=1)
    BookingFactory(session=session, member=world.councillor)
    first = BookingFactory(session=session, member=world.colleague, status=BookingStatus.WAITING)
    second = BookingFactory(session=session, member=world.other, status=BookingStatus.WAITING)

    response = councillor_client.post(reverse("learning:my_booking_cancel", args=[session.pk]))

    assert response.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == BookingStatus.BOOKED
    assert second.status == BookingStatus.WAITING
    assert Booking.objects.get(session=session, member=world.councillor).status == (
        BookingStatus.CANCELLED
    )
    colleague_home = client_for(world.colleague).get(reverse("learning:home"))
    assert [b.session for b in colleague_home.context["upcoming"]] == [session]
    other_home = client_for(world.other).get(reverse("learning:home"))
    assert other_home.context["waiting"][0].position == 1


def test_a_manager_cancels_a_booking_and_the_page_names_who_was_promoted(world, client_for):
    session = future_session(capacity=1)
    held = BookingFactory(session=session, member=world.councillor)
    BookingFactory(session=session, member=world.colleague, status=BookingStatus.WAITING)
    client = client_for(world.democratic)
    response = client.post(
        reverse("learning:booking_cancel", args=[session.pk, held.pk]), follow=True
    )
    page = response.content.decode()
    assert f"{world.colleague.full_name} has the place from the waiting list" in page
    assert Booking.objects.get(session=session, member=world.colleague).status == "booked"


def test_the_bookings_page_shows_access_needs_and_is_audited(world, client_for):
    session = future_session(capacity=1)
    BookingFactory(session=session, member=world.councillor, access_needs="Step-free access")
    BookingFactory(
        session=session,
        member=world.colleague,
        status=BookingStatus.WAITING,
        access_needs="Large print",
    )
    response = client_for(world.democratic).get(
        reverse("learning:session_bookings", args=[session.pk])
    )
    page = response.content.decode()
    assert "Step-free access" in page and "Large print" in page
    assert response.context["waiting"][0].position == 1
    event = AuditEvent.objects.get(action="view", object_type="learning.trainingsession")
    assert event.object_label == f"Training session #{session.pk} bookings"
    assert "Step-free" not in event.detail


def test_a_manager_books_a_member_and_cannot_book_them_twice(world, client_for):
    session = future_session()
    client = client_for(world.democratic)
    url = reverse("learning:session_book_member", args=[session.pk])
    response = client.post(url, {"member": world.colleague.pk, "access_needs": "BSL interpreter"})
    assert response.status_code == 302
    assert Booking.objects.get(session=session, member=world.colleague).access_needs == (
        "BSL interpreter"
    )
    again = client.post(url, {"member": world.colleague.pk})
    assert again.status_code == 200
    assert f"{world.colleague.full_name} is already booked on this session" in (
        again.content.decode()
    )
    not_a_member = client.post(url, {"member": world.support.pk})
    assert "Select a member" in not_a_member.content.decode()


def test_cancelling_a_session_on_the_page(world, client_for):
    session = future_session()
    BookingFactory(session=session, member=world.councillor)
    client = client_for(world.democratic)
    response = client.post(reverse("learning:session_cancel", args=[session.pk]), follow=True)
    assert "Session cancelled. 1 member has been told." in response.content.decode()
    assert TrainingSession.objects.get(pk=session.pk).is_cancelled
    again = client.post(reverse("learning:session_cancel", args=[session.pk]))
    assert again.status_code == 200
    assert "already been cancelled" in again.content.decode()
    # A cancelled session cannot be changed or booked.
    assert client.get(reverse("learning:session_update", args=[session.pk])).status_code == 404
    member_page = client_for(world.councillor).get(reverse("learning:home"))
    assert "Session cancelled" in member_page.content.decode()


# --------------------------------------------------------------------------- attendance


def test_attendance_on_the_page_creates_completions(world, client_for):
    topic = TopicFactory(name="Planning committee training")
    session = past_session(topic=topic)
    BookingFactory(session=session, member=world.councillor)
    BookingFactory(session=session, member=world.colleague)
    client = client_for(world.democratic)
    url = reverse("learning:session_attendance", args=[session.pk])
    page = client.get(url).content.decode()
    assert world.councillor.full_name in page and world.colleague.full_name in page

    response = client.post(url, {"attended": [str(world.councillor.pk)]})

    assert response.status_code == 302
    completion = Completion.objects.get(member=world.councillor, topic=topic)
    assert completion.source == CompletionSource.SESSION
    assert completion.completed_on == timezone.localdate(session.starts_at)
    assert not Completion.objects.filter(member=world.colleague).exists()
    assert Booking.objects.get(session=session, member=world.colleague).attended is False
    # Shown ticked when the page is opened again.
    assert client.get(url).context["form"].initial["attended"] == [str(world.councillor.pk)]


def test_attendance_refuses_someone_not_booked_and_waits_for_the_start(world, client_for):
    client = client_for(world.democratic)
    session = past_session()
    BookingFactory(session=session, member=world.councillor)
    response = client.post(
        reverse("learning:session_attendance", args=[session.pk]),
        {"attended": [str(world.other.pk)]},
    )
    assert response.status_code == 200
    assert "Select only members booked on this session" in response.content.decode()
    assert Completion.objects.count() == 0

    upcoming = future_session()
    BookingFactory(session=upcoming, member=world.councillor)
    url = reverse("learning:session_attendance", args=[upcoming.pk])
    assert "once the session has started" in client.get(url).content.decode()
    response = client.post(url, {"attended": [str(world.councillor.pk)]})
    assert response.status_code == 200
    assert "before the session starts" in response.content.decode()
    assert Completion.objects.count() == 0


# -------------------------------------------------------------------------- completions


def test_recording_a_completion_by_hand(world, client_for):
    topic = TopicFactory(name="Information governance e-learning")
    client = client_for(world.democratic)
    day = timezone.localdate() - datetime.timedelta(days=7)
    response = client.post(
        reverse("learning:completion_create"),
        {
            "member": world.independent.pk,
            "topic": topic.pk,
            "completed_on": day.isoformat(),
            "source": "e_learning",
            "note": "Certificate IG-42",
        },
    )
    assert response.status_code == 302
    completion = Completion.objects.get(member=world.independent)
    assert (completion.topic, completion.completed_on, completion.source, completion.note) == (
        topic,
        day,
        CompletionSource.E_LEARNING,
        "Certificate IG-42",
    )
    assert completion.recorded_by == world.democratic


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"completed_on": "tomorrow"}, "Date completed must be a real date"),
        ({"completed_on": "2999-01-01"}, "must be today or in the past"),
        ({"source": "session"}, "Select a valid option"),
        ({"member": "abc"}, "Select a member"),
    ],
)
def test_completion_form_errors(world, client_for, changes, message):
    topic = TopicFactory()
    data = {
        "member": world.councillor.pk,
        "topic": topic.pk,
        "completed_on": "2026-01-10",
        "source": "manual",
    } | changes
    response = client_for(world.democratic).post(reverse("learning:completion_create"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Completion.objects.count() == 0


def test_a_members_home_runs_a_fixed_number_of_queries(
    world, councillor_client, django_assert_max_num_queries
):
    session = future_session(days=2)
    BookingFactory(session=session, member=world.councillor)
    with django_assert_max_num_queries(40) as few:
        councillor_client.get(reverse("learning:home"))
    for n in range(8):
        booked = future_session(days=n + 3, topic=TopicFactory(name=f"Booked {n}"))
        BookingFactory(session=booked, member=world.councillor)
        full = future_session(days=n + 3, capacity=1, topic=TopicFactory(name=f"Full {n}"))
        BookingFactory(session=full, member=world.colleague)
        BookingFactory(session=full, member=world.councillor, status=BookingStatus.WAITING)
        CompletionFactory(member=world.councillor, topic=booked.topic)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = councillor_client.get(reverse("learning:home"))
    assert len(response.context["upcoming"]) == 9
    assert [b.position for b in response.context["waiting"]] == [1] * 8


def test_the_bookings_page_runs_a_fixed_number_of_queries(
    world, client_for, django_assert_max_num_queries
):
    from councillor_hub.accounts.tests.factories import CouncillorFactory

    client = client_for(world.democratic)
    session = future_session(capacity=3)
    BookingFactory(session=session, member=world.councillor)
    url = reverse("learning:session_bookings", args=[session.pk])
    with django_assert_max_num_queries(40) as few:
        client.get(url)
    for _ in range(8):
        BookingFactory(session=session, member=CouncillorFactory(), status=BookingStatus.WAITING)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert [b.position for b in response.context["waiting"]] == list(range(1, 9))


def test_the_topic_form_has_no_empty_committee_list(world, client_for):
    response = client_for(world.democratic).get(reverse("learning:topic_create"))
    assert "committees" not in response.context["form"].fields
    CommitteeFactory(name="Licensing Committee")
    response = client_for(world.democratic).get(reverse("learning:topic_create"))
    assert "Licensing Committee" in response.content.decode()
