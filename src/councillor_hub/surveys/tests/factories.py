import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from councillor_hub.surveys.models import (
    Audience,
    Choice,
    Question,
    QuestionKind,
    Survey,
    SurveyStatus,
)


class SurveyFactory(DjangoModelFactory):
    """A published survey for councillors, open from a week ago for three weeks."""

    class Meta:
        model = Survey

    title = factory.Sequence(lambda n: f"Training needs survey {n}")
    intro = "Help us plan next year's programme."
    is_anonymous = True
    audience = Audience.MEMBERS
    opens_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=7))
    closes_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=14))
    status = SurveyStatus.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)


class QuestionFactory(DjangoModelFactory):
    class Meta:
        model = Question

    survey = factory.SubFactory(SurveyFactory)
    position = factory.Sequence(lambda n: n)
    text = factory.Sequence(lambda n: f"Question {n}?")
    kind = QuestionKind.TEXT
    is_required = True


def question_with_choices(survey, kind, texts, **kwargs) -> Question:
    question = QuestionFactory(survey=survey, kind=kind, **kwargs)
    for n, text in enumerate(texts, 1):
        Choice.objects.create(question=question, position=n, text=text)
    return question


def full_survey(**kwargs) -> Survey:
    """A survey with one question of each kind, in order: text, one choice, several choices,
    rating."""
    survey = SurveyFactory(**kwargs)
    QuestionFactory(survey=survey, text="What training would help you most?")
    question_with_choices(
        survey,
        QuestionKind.ONE_CHOICE,
        ["In person", "Online", "No preference"],
        text="How do you prefer to learn?",
    )
    question_with_choices(
        survey,
        QuestionKind.SEVERAL_CHOICES,
        ["Mornings", "Afternoons", "Evenings"],
        text="When can you attend?",
        is_required=False,
    )
    QuestionFactory(survey=survey, kind=QuestionKind.RATING, text="How useful was induction?")
    return survey


def answer_data(survey, *, text="More on planning", one=0, several=(0, 2), rating=4) -> dict:
    """POST data answering `full_survey` (option indexes within each question)."""
    q_text, q_one, q_several, q_rating = list(survey.questions.all())
    one_ids = [c.pk for c in q_one.choices.all()]
    several_ids = [c.pk for c in q_several.choices.all()]
    return {
        f"q_{q_text.pk}": text,
        f"q_{q_one.pk}": str(one_ids[one]) if one is not None else "",
        f"q_{q_several.pk}": [str(several_ids[i]) for i in several],
        f"q_{q_rating.pk}": str(rating) if rating is not None else "",
    }
