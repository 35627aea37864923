"""Survey writes. Each service re-checks permission, runs in one transaction and records an
audit event labelled "Survey #id" (never a title, a name or an answer).

Responding to an anonymous survey writes a Participation (who, which survey, which day) and,
separately, a Response and its Answers with no person and no time (see models.py). The audit
event for it names the survey only, never the response, so the audit trail cannot join them
either."""

from __future__ import annotations

import datetime
from collections.abc import Mapping

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from councillor_hub.audit.models import Action
from councillor_hub.audit.services import audit_record

from .models import (
    CHOICE_KINDS,
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
from .permissions import can_answer, can_manage_surveys

MAX_CHOICES = 20


def _audit(actor, action, survey: Survey, detail: str = "") -> None:
    audit_record(
        actor=actor, action=action, obj=survey, label=f"Survey #{survey.pk}", detail=detail
    )


def _check_details(*, title: str, audience: str, opens_on, closes_on) -> None:
    errors = {}
    if not title.strip():
        errors["title"] = "Enter the survey's title"
    if audience not in Audience.values:
        errors["audience"] = "Select who the survey is for"
    if opens_on and closes_on and closes_on < opens_on:
        errors["closes_on"] = "The closing date must be the same as or after the opening date"
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def survey_create(
    *,
    actor,
    title: str,
    intro: str = "",
    is_anonymous: bool,
    audience: str,
    opens_on: datetime.date,
    closes_on: datetime.date,
) -> Survey:
    """A draft survey, to which questions are then added."""
    if not can_manage_surveys(actor):
        raise PermissionDenied
    _check_details(title=title, audience=audience, opens_on=opens_on, closes_on=closes_on)
    survey = Survey.objects.create(
        title=title.strip(),
        intro=intro.strip(),
        is_anonymous=is_anonymous,
        audience=audience,
        opens_on=opens_on,
        closes_on=closes_on,
        created_by=actor,
    )
    _audit(actor, Action.CREATE, survey)
    return survey


@transaction.atomic
def survey_update(
    *,
    actor,
    survey: Survey,
    title: str,
    intro: str = "",
    is_anonymous: bool,
    audience: str,
    opens_on: datetime.date,
    closes_on: datetime.date,
) -> Survey:
    """Change a survey's details. Once published, whether it is anonymous and who it is for
    are fixed: people answered on those terms."""
    if not can_manage_surveys(actor):
        raise PermissionDenied
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    _check_details(title=title, audience=audience, opens_on=opens_on, closes_on=closes_on)
    if survey.is_published:
        errors = {}
        if is_anonymous != survey.is_anonymous:
            errors["is_anonymous"] = "You cannot change whether a published survey is anonymous"
        if audience != survey.audience:
            errors["audience"] = "You cannot change who a published survey is for"
        if errors:
            raise ValidationError(errors)
    survey.title = title.strip()
    survey.intro = intro.strip()
    survey.is_anonymous = is_anonymous
    survey.audience = audience
    survey.opens_on = opens_on
    survey.closes_on = closes_on
    survey.save()
    _audit(actor, Action.UPDATE, survey)
    return survey


def _clean_choices(kind: str, choices: list[str]) -> list[str]:
    choices = [text.strip() for text in choices if text.strip()]
    if kind not in CHOICE_KINDS:
        return []
    if len(choices) < 2:
        raise ValidationError({"choices": "Enter at least 2 options, one on each line"})
    if len(choices) > MAX_CHOICES:
        raise ValidationError({"choices": f"Enter {MAX_CHOICES} options or fewer"})
    if any(len(text) > 200 for text in choices):
        raise ValidationError({"choices": "Each option must be 200 characters or fewer"})
    if len({text.casefold() for text in choices}) != len(choices):
        raise ValidationError({"choices": "Each option must be different"})
    return choices


def _check_draft(survey: Survey) -> None:
    if survey.is_published:
        raise ValidationError("You cannot change the questions once a survey is published")


def _check_question(text: str, kind: str) -> None:
    errors = {}
    if not text.strip():
        errors["text"] = "Enter the question"
    if kind not in QuestionKind.values:
        errors["kind"] = "Select the type of answer"
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def question_add(
    *,
    actor,
    survey: Survey,
    text: str,
    kind: str,
    hint: str = "",
    is_required: bool = True,
    choices: list[str] | None = None,
) -> Question:
    """Add a question at the end of a draft survey."""
    if not can_manage_surveys(actor):
        raise PermissionDenied
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    _check_draft(survey)
    _check_question(text, kind)
    options = _clean_choices(kind, choices or [])
    last = survey.questions.aggregate(last=Max("position"))["last"]
    question = Question.objects.create(
        survey=survey,
        position=(last or 0) + 1,
        text=text.strip(),
        hint=hint.strip(),
        kind=kind,
        is_required=is_required,
    )
    Choice.objects.bulk_create(
        [Choice(question=question, position=n, text=t) for n, t in enumerate(options, 1)]
    )
    _audit(actor, Action.UPDATE, survey, f"question #{question.pk} added")
    return question


@transaction.atomic
def question_update(
    *,
    actor,
    question: Question,
    text: str,
    kind: str,
    hint: str = "",
    is_required: bool = True,
    choices: list[str] | None = None,
) -> Question:
    """Change a question of a draft survey (its options are replaced)."""
    if not can_manage_surveys(actor):
        raise PermissionDenied
    survey = Survey.objects.select_for_update().get(pk=question.survey_id)
    _check_draft(survey)
    _check_question(text, kind)
    options = _clean_choices(kind, choices or [])
    question.text, question.hint = text.strip(), hint.strip()
    question.kind, question.is_required = kind, is_required
    question.save()
    question.choices.all().delete()
    Choice.objects.bulk_create(
        [Choice(question=question, position=n, text=t) for n, t in enumerate(options, 1)]
    )
    _audit(actor, Action.UPDATE, survey, f"question #{question.pk} changed")
    return question


@transaction.atomic
def question_delete(*, actor, question: Question) -> None:
    """Remove a question from a draft survey."""
    if not can_manage_surveys(actor):
        raise PermissionDenied
    survey = Survey.objects.select_for_update().get(pk=question.survey_id)
    _check_draft(survey)
    pk = question.pk
    question.delete()
    _audit(actor, Action.UPDATE, survey, f"question #{pk} removed")


@transaction.atomic
def survey_publish(*, actor, survey: Survey, today: datetime.date) -> Survey:
    """Publish a draft survey: from its opening date its audience can answer it."""
    if not can_manage_surveys(actor):
        raise PermissionDenied
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if survey.is_published:
        raise ValidationError("This survey has already been published")
    if not survey.questions.exists():
        raise ValidationError("Add at least one question before you publish the survey")
    if survey.closes_on < today:
        raise ValidationError("The closing date has passed: change it before you publish")
    survey.status = SurveyStatus.PUBLISHED
    survey.published_at = timezone.now()
    survey.save(update_fields=["status", "published_at", "updated_at"])
    _audit(actor, Action.UPDATE, survey, "published")
    return survey


def _answers_for(question: Question, value, choice_ids: set[int]) -> list[Answer]:
    """The Answer rows for one question's value, or a ValidationError keyed by question."""
    key = f"q_{question.pk}"
    empty = value in (None, "", [], ())
    if empty:
        if question.is_required:
            raise ValidationError({key: "Answer this question"})
        return []
    if question.kind == QuestionKind.TEXT:
        text = str(value).strip()
        if len(text) > 5000:
            raise ValidationError({key: "Your answer must be 5,000 characters or fewer"})
        if not text:
            return _answers_for(question, None, choice_ids)
        return [Answer(question=question, text=text)]
    if question.kind == QuestionKind.RATING:
        if value not in range(1, 6):
            raise ValidationError({key: "Select a rating from 1 to 5"})
        return [Answer(question=question, rating=value)]
    chosen = list(value) if question.kind == QuestionKind.SEVERAL_CHOICES else [value]
    if question.kind == QuestionKind.ONE_CHOICE and len(chosen) != 1:
        raise ValidationError({key: "Select one option"})
    if not set(chosen) <= choice_ids or len(set(chosen)) != len(chosen):
        raise ValidationError({key: "Select options from the list"})
    return [Answer(question=question, choice_id=choice_id) for choice_id in chosen]


@transaction.atomic
def survey_respond(
    *, actor, survey: Survey, answers: Mapping[int, object], today: datetime.date
) -> None:
    """Record the actor's answers (question id -> text, rating, choice id or list of choice
    ids), once. Nothing is returned: for an anonymous survey the caller has no business
    knowing which response is theirs."""
    if not can_answer(actor, survey, today):
        raise PermissionDenied
    questions = list(survey.questions.prefetch_related("choices"))
    rows: list[Answer] = []
    for question in questions:
        choice_ids = {choice.pk for choice in question.choices.all()}
        rows.extend(_answers_for(question, answers.get(question.pk), choice_ids))
    try:
        with transaction.atomic():
            Participation.objects.create(survey=survey, person=actor, responded_on=today)
    except IntegrityError:
        raise ValidationError("You have already answered this survey") from None
    response = Response.objects.create(
        survey=survey, respondent=None if survey.is_anonymous else actor
    )
    for row in rows:
        row.response = response
    Answer.objects.bulk_create(rows)
    _audit(actor, Action.CREATE, survey, "responded")
