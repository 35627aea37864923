"""Demo data for surveys: an open, anonymous training needs survey for councillors (answered
by about two thirds of them, but not by councillor@demo.test, who can try it), a closed named
casework levels survey with results, an open officers' survey about the hub, and a draft.

Runs after the people exist (build_people), ideally after the learning demo. Anonymous
responses are written as the service writes them: participations (who and which day) and,
separately, responses with random ids and no person, in shuffled order. Fictional throughout.
Deterministic: its own random.Random seeded from the builder's seed (the response and answer
ids too); written with bulk_create."""

from __future__ import annotations

import datetime as dt
import random
import uuid
from typing import TYPE_CHECKING

from django.utils import timezone

from councillor_hub.accounts.models import User
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
from councillor_hub.surveys.permissions import OFFICER_ROLES

if TYPE_CHECKING:
    from .builder import DemoCouncilBuilder

K = QuestionKind
# (text, kind, options, required, hint)
TRAINING_NEEDS = [
    (
        "Which areas would you most like training in?",
        K.SEVERAL_CHOICES,
        [
            "Planning",
            "Licensing",
            "Finance and budget setting",
            "Chairing meetings",
            "Scrutiny",
            "Handling the media",
            "Casework and housing law",
            "Digital skills",
        ],
        True,
        "",
    ),
    (
        "How do you prefer to learn?",
        K.ONE_CHOICE,
        ["In person", "Online, live", "E-learning at my own pace", "No preference"],
        True,
        "",
    ),
    (
        "When can you usually attend training?",
        K.SEVERAL_CHOICES,
        ["Weekday mornings", "Weekday afternoons", "Weekday evenings", "Saturdays"],
        False,
        "",
    ),
    ("How useful was your induction?", K.RATING, [], True, "1 is not at all useful, 5 is very"),
    ("Is there anything else we should offer?", K.TEXT, [], False, ""),
]
CASEWORK = [
    (
        "About how many new cases do you take on in a typical week?",
        K.ONE_CHOICE,
        ["Fewer than 5", "5 to 10", "11 to 20", "More than 20"],
        True,
        "",
    ),
    (
        "How manageable is your casework?",
        K.RATING,
        [],
        True,
        "1 is unmanageable, 5 is easily manageable",
    ),
    ("What would help most with your casework?", K.TEXT, [], False, ""),
]
HUB = [
    ("How easy is the hub to use?", K.RATING, [], True, "1 is very hard, 5 is very easy"),
    (
        "Which parts do you use most?",
        K.SEVERAL_CHOICES,
        ["Directory", "Document library", "News and briefings", "Enquiries"],
        True,
        "",
    ),
    ("What should we improve?", K.TEXT, [], False, ""),
]
TEXTS = [
    "More sessions in the evening, please.",
    "A short guide to the council's budget before February.",
    "Buddying with an experienced councillor worked well for me.",
    "Training on dealing with difficult conversations.",
    "Recordings of sessions I cannot attend.",
    "Quicker replies from services on housing cases.",
    "A single place to see where my enquiries are up to.",
    "Searching the library could find more.",
]


def _questions(rng, survey: Survey, spec) -> list[Question]:
    questions = Question.objects.bulk_create(
        [
            Question(
                survey=survey, position=n, text=text, kind=kind, is_required=required, hint=hint
            )
            for n, (text, kind, _options, required, hint) in enumerate(spec, 1)
        ]
    )
    Choice.objects.bulk_create(
        [
            Choice(question=question, position=n, text=option)
            for question, (_t, _k, options, _r, _h) in zip(questions, spec, strict=True)
            for n, option in enumerate(options, 1)
        ]
    )
    return list(Question.objects.filter(survey=survey).prefetch_related("choices"))


def _respond(rng, survey: Survey, questions, people, days: tuple[dt.date, dt.date]):
    """Participations for `people` and, separately and shuffled, their responses."""
    start, end = days
    span = max(0, (end - start).days)
    participations, responses, answers = [], [], []
    for person in people:
        participations.append(
            Participation(
                survey=survey,
                person=person,
                responded_on=start + dt.timedelta(days=rng.randint(0, span)),
            )
        )
        response = Response(
            id=uuid.UUID(int=rng.getrandbits(128), version=4),
            survey=survey,
            respondent=None if survey.is_anonymous else person,
        )
        responses.append(response)
        for question in questions:
            if not question.is_required and rng.random() < 0.3:
                continue
            options = list(question.choices.all())
            new = []
            if question.kind == K.TEXT:
                new = [Answer(question=question, text=rng.choice(TEXTS))]
            elif question.kind == K.RATING:
                new = [
                    Answer(
                        question=question, rating=rng.choices([1, 2, 3, 4, 5], [1, 2, 4, 6, 3])[0]
                    )
                ]
            elif question.kind == K.ONE_CHOICE:
                new = [Answer(question=question, choice=rng.choice(options))]
            else:
                chosen = rng.sample(options, k=rng.randint(1, min(3, len(options))))
                new = [Answer(question=question, choice=choice) for choice in chosen]
            for answer in new:
                answer.id = uuid.UUID(int=rng.getrandbits(128), version=4)
                answer.response = response
            answers.extend(new)
    rng.shuffle(responses)
    rng.shuffle(answers)
    Participation.objects.bulk_create(participations)
    Response.objects.bulk_create(responses)
    Answer.objects.bulk_create(answers)
    return len(responses), len(answers)


def _survey(builder, **fields) -> Survey:
    status = fields.pop("status", SurveyStatus.PUBLISHED)
    published = timezone.make_aware(dt.datetime.combine(fields["opens_on"], dt.time(9)))
    return Survey.objects.create(
        status=status,
        published_at=min(builder.now, published) if status == SurveyStatus.PUBLISHED else None,
        created_by=getattr(builder, "democratic", None),
        **fields,
    )


def build_surveys(builder: DemoCouncilBuilder) -> dict[str, int]:
    rng = random.Random(f"surveys-{builder.seed}")
    today = builder.today
    from councillor_hub.learning.reporting import learners

    members = learners()
    councillor = getattr(builder, "councillor", None)
    officers = list(
        User.objects.filter(is_active=True, roles__role__in=OFFICER_ROLES).distinct().order_by("pk")
    )
    counts = {"surveys": 0, "survey responses": 0, "survey answers": 0}

    def add(survey, spec, people, days):
        questions = _questions(rng, survey, spec)
        responses, answers = _respond(rng, survey, questions, people, days)
        counts["surveys"] += 1
        counts["survey responses"] += responses
        counts["survey answers"] += answers

    needs = _survey(
        builder,
        title="Member training needs survey",
        intro="Tell us what training would help you in your role, and how and when you can "
        "attend. Democratic services will use the results to plan next year's programme.",
        is_anonymous=True,
        audience=Audience.MEMBERS,
        opens_on=today - dt.timedelta(days=12),
        closes_on=today + dt.timedelta(days=18),
    )
    answering = [m for m in members if not councillor or m.pk != councillor.pk]
    answering = rng.sample(answering, k=(len(answering) * 2) // 3)
    add(needs, TRAINING_NEEDS, answering, (needs.opens_on, today))

    casework = _survey(
        builder,
        title="Casework levels survey",
        intro="A short survey for the independent remuneration panel on how much casework "
        "members handle. Your name is kept with your answers so the panel can follow up.",
        is_anonymous=False,
        audience=Audience.MEMBERS,
        opens_on=today - dt.timedelta(days=75),
        closes_on=today - dt.timedelta(days=45),
    )
    answering = rng.sample(members, k=len(members) // 2)
    add(casework, CASEWORK, answering, (casework.opens_on, casework.closes_on))

    hub = _survey(
        builder,
        title="Officers' views of the hub",
        intro="How the hub works for you as an officer.",
        is_anonymous=True,
        audience=Audience.OFFICERS,
        opens_on=today - dt.timedelta(days=5),
        closes_on=today + dt.timedelta(days=25),
    )
    add(hub, HUB, rng.sample(officers, k=len(officers) // 4), (hub.opens_on, today))

    draft = _survey(
        builder,
        title="Induction feedback (draft)",
        intro="For members elected at the by-election.",
        is_anonymous=True,
        audience=Audience.MEMBERS,
        opens_on=today + dt.timedelta(days=14),
        closes_on=today + dt.timedelta(days=42),
        status=SurveyStatus.DRAFT,
    )
    _questions(rng, draft, TRAINING_NEEDS[3:])
    counts["surveys"] += 1
    return counts
