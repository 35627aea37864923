"""Every evaluations URL for every person in the `world` fixture and for someone not signed
in. Members in the programme (councillors, including the whip) evaluate what THEY attended or
recorded, record external activities and suggest training; another member's booking or
activity answers 404. Democratic services and administrators see results, answer suggestions
and run the programme report; everyone else gets 404. A refused POST changes nothing."""

import pytest
from django.urls import reverse

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
    Evaluation,
    ExternalActivity,
    ExternalActivityKind,
    SuggestionStatus,
    TrainingSuggestion,
)

from .factories_evaluations import ExternalActivityFactory, SuggestionFactory, attended_booking

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("module_world")]

# fmt: off
GET_EXPECTED = {
    #                              cou col oth ind dlg sup hwy mgr mp  whp dem adm anon
    "evaluation_todo":             [OK, OK, OK, OK, NF, NF, NF, NF, NF, OK, NF, NF, IN],
    "evaluation_booking_create":   [OK, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, IN],
    "evaluation_external_create":  [OK, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, IN],
    "external_activity_create":    [OK, OK, OK, OK, NF, NF, NF, NF, NF, OK, NF, NF, IN],
    "evaluation_results":          [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, OK, OK, IN],
    "evaluation_topic_results":    [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, OK, OK, IN],
    "evaluation_session_results":  [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, OK, OK, IN],
    "suggestion_list":             [OK, OK, OK, OK, NF, NF, NF, NF, NF, OK, OK, OK, IN],
    "suggestion_create":           [OK, OK, OK, OK, NF, NF, NF, NF, NF, OK, NF, NF, IN],
    "suggestion_answer":           [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, OK, OK, IN],
    "programme_report":            [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, OK, OK, IN],
    "programme_report_download":   [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, OK, OK, IN],
}

POST_EXPECTED = {
    #                              cou col oth ind dlg sup hwy mgr mp  whp dem adm anon
    "evaluation_todo":             [NA, NA, NA, NA, NF, NF, NF, NF, NF, NA, NF, NF, IN],
    "evaluation_booking_create":   [RD, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, IN],
    "evaluation_external_create":  [RD, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, IN],
    "external_activity_create":    [RD, RD, RD, RD, NF, NF, NF, NF, NF, RD, NF, NF, IN],
    "evaluation_results":          [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NA, NA, IN],
    "evaluation_topic_results":    [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NA, NA, IN],
    "evaluation_session_results":  [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NA, NA, IN],
    "suggestion_list":             [NA, NA, NA, NA, NF, NF, NF, NF, NF, NA, NA, NA, IN],
    "suggestion_create":           [RD, RD, RD, RD, NF, NF, NF, NF, NF, RD, NF, NF, IN],
    "suggestion_answer":           [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, RD, RD, IN],
    "programme_report":            [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NA, NA, IN],
    "programme_report_download":   [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NA, NA, IN],
}
# fmt: on


@pytest.fixture(scope="module")
def module_records(module_world, django_db_blocker):
    """Built once for the module; each test gets fresh copies in its own savepoint."""
    with django_db_blocker.unblock():
        return build_records(module_world)


@pytest.fixture
def records(module_records, db):
    return refreshed(module_records)


def build_records(world):
    booking = attended_booking(member=world.councillor)
    activity = ExternalActivityFactory(member=world.councillor)
    suggestion = SuggestionFactory(suggested_by=world.colleague)
    return {"booking": booking, "activity": activity, "suggestion": suggestion}


def urls(records) -> dict[str, str]:
    session = records["booking"].session
    return {
        "evaluation_todo": reverse("learning:evaluation_todo"),
        "evaluation_booking_create": reverse(
            "learning:evaluation_booking_create", args=[records["booking"].pk]
        ),
        "evaluation_external_create": reverse(
            "learning:evaluation_external_create", args=[records["activity"].pk]
        ),
        "external_activity_create": reverse("learning:external_activity_create"),
        "evaluation_results": reverse("learning:evaluation_results"),
        "evaluation_topic_results": reverse(
            "learning:evaluation_topic_results", args=[session.topic_id]
        ),
        "evaluation_session_results": reverse(
            "learning:evaluation_session_results", args=[session.pk]
        ),
        "suggestion_list": reverse("learning:suggestion_list"),
        "suggestion_create": reverse("learning:suggestion_create"),
        "suggestion_answer": reverse("learning:suggestion_answer", args=[records["suggestion"].pk]),
        "programme_report": reverse("learning:programme_report"),
        "programme_report_download": reverse("learning:programme_report_download"),
    }


EVALUATION = {
    "overall_rating": "4",
    "objectives_rating": "5",
    "presenter_rating": "3",
    "would_recommend": "yes",
    "what_worked": "Clear examples",
}


def post_data(name: str) -> dict:
    return {
        "evaluation_booking_create": EVALUATION,
        "evaluation_external_create": EVALUATION,
        "external_activity_create": {
            "title": "Demo leadership academy",
            "kind": ExternalActivityKind.COURSE,
            "attended_on": "2024-03-01",
        },
        "suggestion_create": {"title": "Social media for councillors"},
        "suggestion_answer": {"status": SuggestionStatus.PLANNED, "response": "In the spring."},
    }.get(name, {"anything": "x"})


def snapshot() -> list:
    return [
        list(Evaluation.objects.order_by("pk").values()),
        list(ExternalActivity.objects.order_by("pk").values()),
        list(TrainingSuggestion.objects.order_by("pk").values()),
    ]


def test_matrix_covers_every_evaluations_url(records):
    from councillor_hub.learning.urls import evaluations

    names = {pattern.name for pattern in evaluations.urlpatterns}
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
    check_post(client, urls(records)[name], post_data(name), expected, snapshot)
