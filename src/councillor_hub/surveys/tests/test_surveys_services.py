import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from councillor_hub.audit.models import AuditEvent
from councillor_hub.surveys.models import (
    Answer,
    Audience,
    Choice,
    Question,
    QuestionKind,
    Response,
    SurveyStatus,
)
from councillor_hub.surveys.permissions import audiences_of, can_answer
from councillor_hub.surveys.services import (
    question_add,
    question_delete,
    question_update,
    survey_create,
    survey_publish,
    survey_respond,
    survey_update,
)

from .factories import QuestionFactory, SurveyFactory, full_survey

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def _draft(world, **kwargs):
    return survey_create(
        actor=world.democratic,
        title="Training needs 2026",
        is_anonymous=kwargs.pop("is_anonymous", True),
        audience=kwargs.pop("audience", Audience.MEMBERS),
        opens_on=kwargs.pop("opens_on", TODAY),
        closes_on=kwargs.pop("closes_on", TODAY + datetime.timedelta(days=10)),
    )


def test_only_managers_build_surveys(world):
    for person in (world.councillor, world.support, world.whip):
        with pytest.raises(PermissionDenied):
            survey_create(
                actor=person,
                title="Not allowed",
                is_anonymous=True,
                audience=Audience.MEMBERS,
                opens_on=TODAY,
                closes_on=TODAY,
            )
    survey = _draft(world)
    assert survey.status == SurveyStatus.DRAFT
    assert AuditEvent.objects.filter(object_label=f"Survey #{survey.pk}").exists()


def test_closing_date_before_opening_is_refused(world):
    with pytest.raises(ValidationError) as error:
        _draft(world, closes_on=TODAY - datetime.timedelta(days=1))
    assert "closes_on" in error.value.message_dict


def test_choice_questions_need_two_different_options(world):
    survey = _draft(world)
    for options in ([], ["Only one"], ["Same", "same"]):
        with pytest.raises(ValidationError) as error:
            question_add(
                actor=world.democratic,
                survey=survey,
                text="Pick",
                kind=QuestionKind.ONE_CHOICE,
                choices=options,
            )
        assert "choices" in error.value.message_dict
    question = question_add(
        actor=world.democratic,
        survey=survey,
        text="Pick",
        kind=QuestionKind.SEVERAL_CHOICES,
        choices=[" A ", "", "B"],
    )
    assert [c.text for c in question.choices.all()] == ["A", "B"]
    # A text question keeps no options even if some were typed.
    text = question_add(
        actor=world.democratic, survey=survey, text="Why?", kind=QuestionKind.TEXT, choices=["x"]
    )
    assert text.choices.count() == 0
    assert text.position == question.position + 1


def test_publishing_needs_a_question_and_then_freezes_the_questions(world):
    survey = _draft(world)
    with pytest.raises(ValidationError, match="at least one question"):
        survey_publish(actor=world.democratic, survey=survey, today=TODAY)
    question = question_add(
        actor=world.democratic, survey=survey, text="Why?", kind=QuestionKind.TEXT
    )
    survey_publish(actor=world.democratic, survey=survey, today=TODAY)
    survey.refresh_from_db()
    assert survey.is_published and survey.published_at is not None
    with pytest.raises(ValidationError, match="published"):
        question_add(actor=world.democratic, survey=survey, text="More?", kind=QuestionKind.TEXT)
    with pytest.raises(ValidationError):
        question_update(
            actor=world.democratic, question=question, text="Changed", kind=QuestionKind.TEXT
        )
    with pytest.raises(ValidationError):
        question_delete(actor=world.democratic, question=question)
    assert Question.objects.get(pk=question.pk).text == "Why?"


def test_a_published_survey_keeps_its_anonymity_and_audience(world):
    survey = SurveyFactory()
    arguments = {
        "title": "New title",
        "is_anonymous": survey.is_anonymous,
        "audience": survey.audience,
        "opens_on": survey.opens_on,
        "closes_on": survey.closes_on + datetime.timedelta(days=7),
    }
    survey_update(actor=world.democratic, survey=survey, **arguments)
    with pytest.raises(ValidationError) as error:
        survey_update(
            actor=world.democratic,
            survey=survey,
            **{**arguments, "is_anonymous": False, "audience": Audience.EVERYONE},
        )
    assert set(error.value.message_dict) == {"is_anonymous", "audience"}
    survey.refresh_from_db()
    assert survey.title == "New title" and survey.is_anonymous


def test_a_question_update_replaces_its_options(world):
    survey = _draft(world)
    question = question_add(
        actor=world.democratic,
        survey=survey,
        text="Pick",
        kind=QuestionKind.ONE_CHOICE,
        choices=["A", "B"],
    )
    question_update(
        actor=world.democratic,
        question=question,
        text="Pick again",
        kind=QuestionKind.ONE_CHOICE,
        choices=["C", "D", "E"],
    )
    assert list(Choice.objects.filter(question=question).values_list("text", flat=True)) == [
        "C",
        "D",
        "E",
    ]


@pytest.mark.parametrize(
    ("person", "audience", "expected"),
    [
        ("councillor", Audience.MEMBERS, True),
        ("councillor", Audience.OFFICERS, False),
        ("councillor", Audience.EVERYONE, True),
        ("highways_officer", Audience.MEMBERS, False),
        ("highways_officer", Audience.OFFICERS, True),
        ("democratic", Audience.OFFICERS, True),
        ("mp", Audience.MEMBERS, False),
        ("mp", Audience.EVERYONE, True),
    ],
)
def test_audiences(world, person, audience, expected):
    survey = SurveyFactory(audience=audience)
    assert can_answer(getattr(world, person), survey, TODAY) is expected


def test_only_open_published_surveys_can_be_answered(world):
    person = world.councillor
    assert Audience.MEMBERS in audiences_of(person)
    assert not can_answer(person, SurveyFactory(status=SurveyStatus.DRAFT), TODAY)
    closed = SurveyFactory(
        opens_on=TODAY - datetime.timedelta(days=10), closes_on=TODAY - datetime.timedelta(days=1)
    )
    assert not can_answer(person, closed, TODAY)
    future = SurveyFactory(opens_on=TODAY + datetime.timedelta(days=1))
    assert not can_answer(person, future, TODAY)
    with pytest.raises(PermissionDenied):
        survey_respond(actor=person, survey=closed, answers={}, today=TODAY)


def test_respond_validates_every_answer_before_writing(world):
    survey = full_survey()
    q_text, q_one, q_several, q_rating = list(survey.questions.all())
    other_choice = QuestionFactory(kind=QuestionKind.ONE_CHOICE)
    stray = Choice.objects.create(question=other_choice, text="Elsewhere")
    good = {q_text.pk: "Yes", q_one.pk: q_one.choices.first().pk, q_rating.pk: 5}
    for bad in (
        {**good, q_text.pk: "   "},  # required text left blank
        {**good, q_rating.pk: 6},
        {**good, q_one.pk: stray.pk},  # another question's option
        {**good, q_several.pk: [stray.pk]},
    ):
        with pytest.raises(ValidationError):
            survey_respond(actor=world.councillor, survey=survey, answers=bad, today=TODAY)
    assert Response.objects.count() == 0
    survey_respond(actor=world.councillor, survey=survey, answers=good, today=TODAY)
    assert Answer.objects.count() == 3  # the optional several-choices question was skipped
