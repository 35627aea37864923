"""Every surveys URL for every person in the `world` fixture and for someone not signed in.
Everyone signed in sees the list of surveys open to them; a survey for councillors is
answered by councillors only (everyone else gets 404); building, publishing and results are
for democratic services and administrators only (404 for everyone else). A refused POST
changes nothing."""

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
from councillor_hub.surveys.models import (
    Answer,
    Audience,
    Choice,
    Participation,
    Question,
    QuestionKind,
    Response,
    Survey,
    SurveyStatus,
)

from .factories import QuestionFactory, SurveyFactory, answer_data, full_survey

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("module_world")]

# fmt: off
GET_EXPECTED = {
    #                    cou col oth ind dlg sup hwy mgr mp  whp dem adm anon
    "survey_list":       [OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, IN],
    "survey_answer":     [OK, OK, OK, OK, NF, NF, NF, NF, NF, OK, NF, NF, IN],
    "manage_list":       [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, OK, OK, IN],
    "survey_create":     [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, OK, OK, IN],
    "survey_manage":     [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, OK, OK, IN],
    "survey_update":     [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, OK, OK, IN],
    "question_create":   [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, OK, OK, IN],
    "question_update":   [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, OK, OK, IN],
    "question_delete":   [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, OK, OK, IN],
    # Publishing is a POST only.
    "survey_publish":    [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NA, NA, IN],
    "survey_results":    [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, OK, OK, IN],
}

POST_EXPECTED = {
    #                    cou col oth ind dlg sup hwy mgr mp  whp dem adm anon
    "survey_list":       [NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, IN],
    "survey_answer":     [RD, RD, RD, RD, NF, NF, NF, NF, NF, RD, NF, NF, IN],
    "manage_list":       [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NA, NA, IN],
    "survey_create":     [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, RD, RD, IN],
    "survey_manage":     [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NA, NA, IN],
    "survey_update":     [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, RD, RD, IN],
    "question_create":   [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, RD, RD, IN],
    "question_update":   [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, RD, RD, IN],
    "question_delete":   [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, RD, RD, IN],
    "survey_publish":    [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, RD, RD, IN],
    "survey_results":    [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NA, NA, IN],
}
# fmt: on


@pytest.fixture(scope="module")
def module_records(module_world, django_db_blocker):
    """Built once for the module; each test gets fresh copies in its own savepoint."""
    with django_db_blocker.unblock():
        return build_records()


@pytest.fixture
def records(module_records, db):
    return refreshed(module_records)


def build_records():
    survey = full_survey(audience=Audience.MEMBERS)
    draft = SurveyFactory(status=SurveyStatus.DRAFT, published_at=None, is_anonymous=False)
    question = QuestionFactory(survey=draft)
    return {"survey": survey, "draft": draft, "question": question}


def urls(records) -> dict[str, str]:
    survey, draft, question = records["survey"].pk, records["draft"].pk, records["question"].pk
    return {
        "survey_list": reverse("surveys:survey_list"),
        "survey_answer": reverse("surveys:survey_answer", args=[survey]),
        "manage_list": reverse("surveys:manage_list"),
        "survey_create": reverse("surveys:survey_create"),
        "survey_manage": reverse("surveys:survey_manage", args=[survey]),
        "survey_update": reverse("surveys:survey_update", args=[draft]),
        "question_create": reverse("surveys:question_create", args=[draft]),
        "question_update": reverse("surveys:question_update", args=[draft, question]),
        "question_delete": reverse("surveys:question_delete", args=[draft, question]),
        "survey_publish": reverse("surveys:survey_publish", args=[draft]),
        "survey_results": reverse("surveys:survey_results", args=[survey]),
    }


DETAILS = {
    "title": "Casework levels",
    "is_anonymous": "yes",
    "audience": Audience.MEMBERS,
    "opens_on": "2030-01-01",
    "closes_on": "2030-01-31",
}


def post_data(name: str, records) -> dict:
    return {
        "survey_answer": answer_data(records["survey"]),
        "survey_create": DETAILS,
        "survey_update": {**DETAILS, "is_anonymous": "no"},
        "question_create": {
            "text": "How many cases?",
            "kind": QuestionKind.TEXT,
            "is_required": "yes",
        },
        "question_update": {"text": "Changed?", "kind": QuestionKind.RATING, "is_required": "no"},
    }.get(name, {"anything": "x"})


def snapshot() -> list:
    return [
        list(Survey.objects.order_by("pk").values()),
        list(Question.objects.order_by("pk").values()),
        list(Choice.objects.order_by("pk").values()),
        Participation.objects.count(),
        Response.objects.count(),
        Answer.objects.count(),
    ]


def test_matrix_covers_every_surveys_url(records):
    from councillor_hub.surveys import urls as survey_urls

    names = {pattern.name for pattern in survey_urls.urlpatterns}
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
    check_post(client, urls(records)[name], post_data(name, records), expected, snapshot)
