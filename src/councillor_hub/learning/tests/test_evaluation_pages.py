import re

import pytest
from django.urls import reverse

from councillor_hub.audit.models import Action, AuditEvent
from councillor_hub.learning.models import (
    BookingStatus,
    Evaluation,
    ExternalActivity,
    SuggestionStatus,
    TrainingSuggestion,
)

from .factories import BookingFactory, SessionFactory, TopicFactory
from .factories_evaluations import (
    EvaluationFactory,
    ExternalActivityFactory,
    SuggestionFactory,
    attended_booking,
    past_session,
)

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    """The page with runs of white space made one space, and none between tags."""
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", response.content.decode()))


def test_to_do_lists_only_the_members_own_attended_unevaluated_activities(world, client_for):
    todo = attended_booking(
        member=world.councillor, session=past_session(topic=TopicFactory(name="Chairing skills"))
    )
    done = attended_booking(
        member=world.councillor, session=past_session(topic=TopicFactory(name="Scrutiny"))
    )
    EvaluationFactory(booking=done)
    BookingFactory(
        member=world.councillor,
        session=past_session(topic=TopicFactory(name="Media")),
        attended=False,
    )
    attended_booking(
        member=world.colleague, session=past_session(topic=TopicFactory(name="Licensing"))
    )
    activity = ExternalActivityFactory(member=world.councillor, title="Demo LGA leadership course")
    page = _text(client_for(world.councillor).get(reverse("learning:evaluation_todo")))
    assert reverse("learning:evaluation_booking_create", args=[todo.pk]) in page
    assert reverse("learning:evaluation_external_create", args=[activity.pk]) in page
    assert "Evaluate Scrutiny" not in page and "Evaluate Media" not in page
    assert "Licensing" not in page
    assert "Evaluations you have sent" in page and "Scrutiny" in page


def test_evaluating_a_session_through_the_page(world, client_for):
    booking = attended_booking(member=world.councillor)
    client = client_for(world.councillor)
    url = reverse("learning:evaluation_booking_create", args=[booking.pk])
    page = _text(client.get(url))
    assert 'type="radio"' in page and "5 – Excellent" in page
    response = client.post(
        url,
        {
            "overall_rating": "5",
            "objectives_rating": "4",
            "presenter_rating": "",
            "would_recommend": "no",
            "what_to_improve": "Longer breaks",
        },
    )
    assert response["Location"] == reverse("learning:evaluation_todo")
    evaluation = Evaluation.objects.get(booking=booking)
    assert (evaluation.overall_rating, evaluation.objectives_rating) == (5, 4)
    assert evaluation.presenter_rating is None and evaluation.would_recommend is False
    again = client.get(url, follow=True)
    assert "You have already evaluated this" in _text(again)


def test_an_incomplete_evaluation_re_renders_with_errors(world, client_for):
    booking = attended_booking(member=world.councillor)
    response = client_for(world.councillor).post(
        reverse("learning:evaluation_booking_create", args=[booking.pk]),
        {"overall_rating": "7", "what_worked": "Kept text"},
    )
    page = _text(response)
    assert response.status_code == 200
    assert "<title>Error: " in page
    assert "Select a rating for the activity overall" in page
    assert "Select yes if you would recommend it to other members" in page
    assert "Kept text" in page
    assert not Evaluation.objects.exists()


def test_recording_an_external_course_leads_to_its_evaluation(world, client_for):
    client = client_for(world.councillor)
    response = client.post(
        reverse("learning:external_activity_create"),
        {"title": "Demo planning conference", "kind": "conference", "attended_on": "2025-02-30"},
    )
    assert "Date you attended must be a real date" in _text(response)
    response = client.post(
        reverse("learning:external_activity_create"),
        {"title": "Demo planning conference", "kind": "conference", "attended_on": "2025-02-03"},
    )
    activity = ExternalActivity.objects.get(member=world.councillor)
    assert response["Location"] == reverse(
        "learning:evaluation_external_create", args=[activity.pk]
    )


def test_results_per_topic_combine_sessions_and_external_activities(world, client_for):
    topic = TopicFactory(name="Planning committee training")
    first = past_session(topic=topic, days_ago=30)
    second = past_session(topic=topic, days_ago=10)
    EvaluationFactory(
        booking=attended_booking(session=first, member=world.councillor),
        overall_rating=5,
        would_recommend=True,
        what_worked="Useful case studies",
    )
    EvaluationFactory(
        booking=attended_booking(session=second, member=world.colleague),
        overall_rating=2,
        would_recommend=False,
    )
    activity = ExternalActivityFactory(member=world.other, topic=topic)
    EvaluationFactory(
        booking=None, external_activity=activity, overall_rating=5, would_recommend=True
    )
    client = client_for(world.democratic)
    overview = _text(client.get(reverse("learning:evaluation_results")))
    assert "Planning committee training" in overview
    assert ">4.0<" in overview  # (5 + 2 + 5) / 3
    assert ">67%<" in overview
    page = _text(client.get(reverse("learning:evaluation_topic_results", args=[topic.pk])))
    assert "Useful case studies" in page
    for person in (world.councillor, world.colleague, world.other):
        assert person.full_name not in page
    assert AuditEvent.objects.filter(
        action=Action.VIEW, object_label=f"Evaluations of topic #{topic.pk}"
    ).exists()
    session_page = _text(
        client.get(reverse("learning:evaluation_session_results", args=[second.pk]))
    )
    assert "1 of 1 member who attended sent an evaluation" in session_page
    assert "2.0 out of 5" in session_page and "0% (0 of 1)" in session_page


def test_results_page_query_count_does_not_grow_with_sessions(
    world, client_for, django_assert_max_num_queries
):
    client = client_for(world.democratic)
    url = reverse("learning:evaluation_results")

    def add(n):
        for i in range(n):
            topic = TopicFactory(name=f"Query topic {i}-{n}")
            EvaluationFactory(
                booking=attended_booking(session=past_session(topic=topic), member=world.councillor)
            )

    add(2)
    with django_assert_max_num_queries(30) as few:
        client.get(url)
    add(8)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200


def test_suggesting_training_and_the_reply(world, client_for):
    member = client_for(world.councillor)
    response = member.post(reverse("learning:suggestion_create"), {"title": ""})
    assert "Enter the training you would like" in _text(response)
    member.post(
        reverse("learning:suggestion_create"),
        {"title": "Social media", "details": "Handling abuse online"},
    )
    suggestion = TrainingSuggestion.objects.get(suggested_by=world.councillor)
    SuggestionFactory(suggested_by=world.colleague, title="Colleague's idea")
    own = _text(member.get(reverse("learning:suggestion_list")))
    assert (
        "Social media" in own
        and "Colleague&#x27;s idea" not in own
        and "Colleague's idea" not in own
    )
    manager = client_for(world.democratic)
    response = manager.post(
        reverse("learning:suggestion_answer", args=[suggestion.pk]),
        {"status": SuggestionStatus.PLANNED},
    )
    assert "Enter a reply to the member" in _text(response)
    manager.post(
        reverse("learning:suggestion_answer", args=[suggestion.pk]),
        {"status": SuggestionStatus.PLANNED, "response": "We will run it in June."},
    )
    assert "We will run it in June." in _text(member.get(reverse("learning:suggestion_list")))
    listing = _text(manager.get(reverse("learning:suggestion_list") + "?status=planned"))
    assert "Social media" in listing and "Colleague" not in listing
    assert (
        manager.get(reverse("learning:suggestion_list") + "?status=bogus&page=99").status_code
        == 200
    )


def test_a_waiting_list_place_is_not_evaluable_even_by_url(world, client_for):
    booking = BookingFactory(
        session=SessionFactory(), member=world.councillor, status=BookingStatus.WAITING
    )
    response = client_for(world.councillor).get(
        reverse("learning:evaluation_booking_create", args=[booking.pk])
    )
    assert response.status_code == 404
