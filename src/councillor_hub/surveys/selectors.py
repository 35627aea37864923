"""Survey reads: the surveys someone may answer now, and a survey's results (counts per
option, rating averages, free-text answers). Results take a fixed number of queries whatever
the number of questions or responses."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, QuerySet

from .models import Answer, Choice, Participation, Question, QuestionKind, Survey, SurveyStatus
from .permissions import audiences_of


def surveys_to_answer(user, today: datetime.date) -> QuerySet[Survey]:
    """Open surveys for `user`'s audiences, each with `has_responded`, closing soonest first."""
    return (
        Survey.objects.filter(
            status=SurveyStatus.PUBLISHED,
            opens_on__lte=today,
            closes_on__gte=today,
            audience__in=audiences_of(user),
        )
        .annotate(
            has_responded=Exists(Participation.objects.filter(survey=OuterRef("pk"), person=user))
        )
        .order_by("closes_on", "pk")
    )


def manage_list() -> QuerySet[Survey]:
    return Survey.objects.annotate(response_count=Count("responses", distinct=True)).order_by(
        "-opens_on", "-pk"
    )


@dataclass
class ChoiceCount:
    choice: Choice
    count: int
    percent: int


@dataclass
class TextAnswer:
    text: str
    respondent: object | None = None


@dataclass
class QuestionResult:
    question: Question
    answered: int = 0
    choices: list[ChoiceCount] = field(default_factory=list)
    ratings: list[tuple[int, int]] = field(default_factory=list)  # (rating, count) 5 to 1
    average: float | None = None
    texts: list[TextAnswer] = field(default_factory=list)


@dataclass
class SurveyResults:
    survey: Survey
    response_count: int
    questions: list[QuestionResult]


def survey_results(survey: Survey) -> SurveyResults:
    """Each question's results. Free-text answers are in random (id) order; for a survey that
    is not anonymous, each names the person who gave it."""
    questions = list(survey.questions.prefetch_related("choices"))
    response_count = survey.responses.count()
    answers = Answer.objects.filter(question__survey=survey)
    answered = dict(
        answers.values("question")
        .annotate(n=Count("response", distinct=True))
        .values_list("question", "n")
    )
    by_choice = dict(
        answers.filter(choice__isnull=False)
        .values("choice")
        .annotate(n=Count("pk"))
        .values_list("choice", "n")
    )
    by_rating: dict[int, dict[int, int]] = defaultdict(dict)
    for question_id, rating, n in (
        answers.filter(rating__isnull=False)
        .values("question", "rating")
        .annotate(n=Count("pk"))
        .values_list("question", "rating", "n")
    ):
        by_rating[question_id][rating] = n
    texts: dict[int, list[TextAnswer]] = defaultdict(list)
    text_rows = answers.filter(question__kind=QuestionKind.TEXT).exclude(text="")
    if not survey.is_anonymous:
        text_rows = text_rows.select_related("response__respondent")
    for answer in text_rows.order_by("id"):
        respondent = None if survey.is_anonymous else answer.response.respondent
        texts[answer.question_id].append(TextAnswer(answer.text, respondent))
    results = []
    for question in questions:
        n = answered.get(question.pk, 0)
        result = QuestionResult(question, answered=n, texts=texts.get(question.pk, []))
        if question.has_choices:
            result.choices = [
                ChoiceCount(
                    choice,
                    by_choice.get(choice.pk, 0),
                    round(100 * by_choice.get(choice.pk, 0) / n) if n else 0,
                )
                for choice in question.choices.all()
            ]
        if question.kind == QuestionKind.RATING:
            counts = by_rating.get(question.pk, {})
            result.ratings = [(rating, counts.get(rating, 0)) for rating in range(5, 0, -1)]
            total = sum(counts.values())
            if total:
                result.average = sum(r * c for r, c in counts.items()) / total
        results.append(result)
    return SurveyResults(survey, response_count, results)
