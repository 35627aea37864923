"""Anonymous surveys: the answers hold no link to the person. Only a separate Participation
row (person, survey, date) records that they answered, to stop a second response; nothing in
the response or answer rows (no person, no time, no sequential id) can be joined back to it,
and the audit trail names the survey, never the response."""

import datetime

import pytest
from django.db import models
from django.urls import reverse
from django.utils import timezone

from councillor_hub.audit.models import AuditEvent
from councillor_hub.surveys.models import Answer, Participation, Response

from .factories import answer_data, full_survey

pytestmark = pytest.mark.django_db


def _columns(model) -> dict[str, models.Field]:
    return {field.column: field for field in model._meta.concrete_fields}


def test_response_and_answer_rows_have_no_column_that_could_identify_the_person():
    for model in (Response, Answer):
        for column, field in _columns(model).items():
            assert not isinstance(field, (models.DateField, models.TimeField)), column
            assert not isinstance(field, models.AutoField | models.BigAutoField), column
            if field.is_relation:
                assert field.related_model._meta.model_name != "participation", column
        assert isinstance(model._meta.pk, models.UUIDField)
    # The only link to a person is Response.respondent, left empty when anonymous (below).
    people = [f.column for f in _columns(Response).values() if f.is_relation]
    assert sorted(people) == ["respondent_id", "survey_id"]
    participation = _columns(Participation)
    assert sorted(participation) == ["id", "person_id", "responded_on", "survey_id"]
    assert isinstance(participation["responded_on"], models.DateField)
    assert not isinstance(participation["responded_on"], models.DateTimeField)


def test_an_anonymous_response_is_stored_without_the_person(world, client_for):
    survey = full_survey(is_anonymous=True)
    response = client_for(world.councillor).post(
        reverse("surveys:survey_answer", args=[survey.pk]), answer_data(survey)
    )
    assert response.status_code == 302
    stored = Response.objects.get(survey=survey)
    assert stored.respondent_id is None
    assert Participation.objects.get(survey=survey).person == world.councillor
    assert Participation.objects.get(survey=survey).responded_on == timezone.localdate()
    # The response row shares no value with the participation row but the survey; its
    # answers point only to it, the questions and the options.
    participation = Participation.objects.filter(survey=survey).values().get()
    row = Response.objects.filter(survey=survey).values().get()
    shared = {v for k, v in row.items() if k != "survey_id"} & {
        v for k, v in participation.items() if k != "survey_id"
    }
    assert shared == set(), shared
    answer_columns = {c for answer in Answer.objects.values() for c in answer}
    assert answer_columns == {"id", "response_id", "question_id", "choice_id", "text", "rating"}
    # The audit event names the survey, never the response.
    events = AuditEvent.objects.filter(object_type="surveys.survey", detail="responded")
    assert events.count() == 1
    assert str(stored.pk) not in str(list(AuditEvent.objects.values()))


def test_two_anonymous_responses_cannot_be_told_apart_by_order(world, client_for):
    survey = full_survey(is_anonymous=True)
    for person, text in [(world.councillor, "First answer"), (world.colleague, "Second answer")]:
        client_for(person).post(
            reverse("surveys:survey_answer", args=[survey.pk]), answer_data(survey, text=text)
        )
    assert Response.objects.filter(survey=survey, respondent__isnull=False).count() == 0
    ids = list(Response.objects.filter(survey=survey).values_list("pk", flat=True))
    assert all(isinstance(pk, type(ids[0])) and pk.version == 4 for pk in ids)


def test_a_named_survey_keeps_the_respondent(world, client_for):
    survey = full_survey(is_anonymous=False)
    client_for(world.councillor).post(
        reverse("surveys:survey_answer", args=[survey.pk]), answer_data(survey)
    )
    assert Response.objects.get(survey=survey).respondent == world.councillor


def test_a_person_answers_once(world, client_for):
    survey = full_survey()
    client = client_for(world.councillor)
    url = reverse("surveys:survey_answer", args=[survey.pk])
    client.post(url, answer_data(survey))
    second = client.post(url, answer_data(survey, text="Trying again"))
    assert second.status_code == 200
    assert "You have already answered this survey" in second.content.decode()
    assert Response.objects.filter(survey=survey).count() == 1
    assert not Answer.objects.filter(text="Trying again").exists()
    page = client.get(url)
    assert "You have already answered this survey" in page.content.decode()


def test_participation_dates_are_days_not_times(world):
    survey = full_survey()
    from councillor_hub.surveys.services import survey_respond

    q_text, q_one, _q_several, q_rating = list(survey.questions.all())
    survey_respond(
        actor=world.councillor,
        survey=survey,
        answers={
            q_text.pk: "x",
            q_one.pk: q_one.choices.first().pk,
            q_rating.pk: 3,
        },
        today=timezone.localdate(),
    )
    value = Participation.objects.values_list("responded_on", flat=True).get()
    assert type(value) is datetime.date
