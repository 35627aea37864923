"""Demo data for evaluations: most attended demo bookings evaluated (ratings that differ by
topic, would-recommend, a few comments), external courses and conferences recorded by members
(some evaluated), and training suggestions in every status, some answered by democratic
services. councillor@demo.test keeps one attended session and one external course still to
evaluate, so "Evaluations to do" has content.

Runs AFTER the learning demo (build_learning: topics, sessions, bookings, attendance); with no
attended bookings it still writes external activities and suggestions. Fictional throughout:
Demo... providers, no real people. Deterministic: its own random.Random seeded from the
builder's seed; written with bulk_create."""

from __future__ import annotations

import datetime as dt
import random
from typing import TYPE_CHECKING

from django.utils import timezone

from councillor_hub.learning.models import (
    Booking,
    BookingStatus,
    Evaluation,
    ExternalActivity,
    ExternalActivityKind,
    SuggestionStatus,
    TrainingSuggestion,
    TrainingTopic,
)
from councillor_hub.learning.reporting import learners

if TYPE_CHECKING:
    from .builder import DemoCouncilBuilder

EVALUATED_SHARE = 0.7
WORKED = [
    "Clear, practical examples from real applications.",
    "Good to hear from officers who deal with this every day.",
    "The case studies made it easy to follow.",
    "Short and to the point; the slides will be useful to keep.",
    "Plenty of time for questions.",
    "Useful to work through scenarios in small groups.",
]
IMPROVE = [
    "The room was too warm and the sound was poor at the back.",
    "It would help to have the papers a week before.",
    "Too much to cover in two hours: split it over two sessions.",
    "An evening session would suit members who work.",
    "More time on what to do when things go wrong.",
    "The online link did not work for the first ten minutes.",
]
# (title, kind, provider, words in a programme topic's name it covers)
ACTIVITIES = [
    ("Leadership Academy, module 1", ExternalActivityKind.COURSE, "Demo LGA", "chairing"),
    ("Planning committee masterclass", ExternalActivityKind.COURSE, "Demo PAS", "planning"),
    ("Regional scrutiny conference", ExternalActivityKind.CONFERENCE, "Demo CfGS", "scrutiny"),
    ("Budget setting for councillors", ExternalActivityKind.E_LEARNING, "Demo LGIU", "budget"),
    ("Handling the media", ExternalActivityKind.COURSE, "Demo Media Training Ltd", "media"),
    ("Councillor wellbeing webinar", ExternalActivityKind.OTHER, "Demo Wellbeing Trust", ""),
    ("Licensing law update", ExternalActivityKind.CONFERENCE, "Demo Institute", "licensing"),
    ("Safeguarding refresher", ExternalActivityKind.E_LEARNING, "Demo Safeguarding", "safeguard"),
]
# (title, details, status, reply)
SUGGESTIONS = [
    (
        "Social media and online abuse",
        "How to handle abusive messages and when to report them.",
        SuggestionStatus.PLANNED,
        "A session with the police and the communications team is planned for the spring.",
    ),
    (
        "Reading council accounts",
        "A plain-English guide to the statement of accounts before audit committee.",
        SuggestionStatus.PLANNED,
        "The finance team will run this before the next audit committee.",
    ),
    (
        "Housing law basics for casework",
        "Many of my cases are housing: what the council must do and what it cannot.",
        SuggestionStatus.NEW,
        "",
    ),
    (
        "Welsh language course",
        "",
        SuggestionStatus.NOT_PLANNED,
        "This is not part of the member programme, but the council's learning team can help: "
        "we have sent you their details.",
    ),
    ("Speed reading committee papers", "", SuggestionStatus.NEW, ""),
    (
        "Understanding adult social care charging",
        "Residents ask me about care costs.",
        SuggestionStatus.NEW,
        "",
    ),
]


def _topic_quality(topic_id: int, seed: int) -> float:
    """Each topic's sessions lean better or worse, so the results differ."""
    return random.Random(f"{seed}-{topic_id}").uniform(-0.8, 0.6)


def _rating(rng: random.Random, lean: float) -> int:
    return max(1, min(5, round(rng.gauss(4 + lean, 0.8))))


def _evaluation(rng, member_id, lean, submitted_at, **target) -> Evaluation:
    overall = _rating(rng, lean)
    return Evaluation(
        member_id=member_id,
        overall_rating=overall,
        objectives_rating=_rating(rng, lean),
        presenter_rating=_rating(rng, lean + 0.2) if rng.random() < 0.85 else None,
        would_recommend=overall >= 4 or (overall == 3 and rng.random() < 0.4),
        what_worked=rng.choice(WORKED) if rng.random() < 0.35 else "",
        what_to_improve=rng.choice(IMPROVE) if rng.random() < 0.3 else "",
        submitted_at=submitted_at,
        **target,
    )


def build_evaluations(builder: DemoCouncilBuilder) -> dict[str, int]:
    rng = random.Random(f"evaluations-{builder.seed}")
    now = builder.now
    councillor = getattr(builder, "councillor", None)
    democratic = getattr(builder, "democratic", None)

    attended = list(
        Booking.objects.filter(status=BookingStatus.BOOKED, attended=True, evaluation__isnull=True)
        .select_related("session")
        .order_by("session__starts_at", "pk")
    )
    # councillor@demo.test's most recent attended session stays to do.
    keep = next(
        (b.pk for b in reversed(attended) if councillor and b.member_id == councillor.pk), None
    )
    evaluations = []
    for booking in attended:
        if booking.pk == keep or rng.random() > EVALUATED_SHARE:
            continue
        session = booking.session
        submitted = min(now, session.ends_at + dt.timedelta(hours=rng.randint(2, 24 * 7)))
        lean = _topic_quality(session.topic_id, builder.seed)
        evaluations.append(
            _evaluation(rng, booking.member_id, lean, submitted, booking_id=booking.pk)
        )

    topics = list(TrainingTopic.objects.order_by("name"))

    def topic_for(words: str):
        if not words:
            return None
        return next((t for t in topics if words in t.name.lower()), None)

    members = learners()
    others = [m for m in members if not councillor or m.pk != councillor.pk]
    activities = []
    for n, (title, kind, provider, words) in enumerate(ACTIVITIES):
        member = councillor if councillor and n < 2 else (rng.choice(others) if others else None)
        if member is None:
            continue
        activities.append(
            ExternalActivity(
                member=member,
                title=title,
                kind=kind,
                provider=provider,
                attended_on=builder.today - dt.timedelta(days=rng.randint(5, 300)),
                topic=topic_for(words),
            )
        )
    activities = ExternalActivity.objects.bulk_create(activities)
    for n, activity in enumerate(activities):
        if n == 1:  # councillor@demo.test's second course is still to evaluate
            continue
        if rng.random() < 0.75:
            submitted = timezone.make_aware(
                dt.datetime.combine(activity.attended_on, dt.time(17))
            ) + dt.timedelta(days=rng.randint(1, 5))
            lean = _topic_quality(activity.topic_id or 0, builder.seed)
            evaluations.append(
                _evaluation(
                    rng, activity.member_id, lean, min(now, submitted), external_activity=activity
                )
            )
    Evaluation.objects.bulk_create(evaluations)

    suggestions, moments = [], []
    for n, (title, details, status, reply) in enumerate(SUGGESTIONS):
        member = councillor if councillor and n == 0 else (rng.choice(others) if others else None)
        if member is None:
            continue
        answered = status != SuggestionStatus.NEW
        created = builder.moment(rng.randint(20, 200))
        moments.append(created)
        suggestions.append(
            TrainingSuggestion(
                suggested_by=member,
                title=title,
                details=details,
                status=status,
                response=reply,
                topic=None,
                handled_by=democratic if answered else None,
                handled_at=min(now, created + dt.timedelta(days=rng.randint(2, 14)))
                if answered
                else None,
            )
        )
    created = TrainingSuggestion.objects.bulk_create(suggestions)
    # created_at is auto_now_add: spread the dates so the list is not all "today".
    for suggestion, moment in zip(created, moments, strict=True):
        TrainingSuggestion.objects.filter(pk=suggestion.pk).update(created_at=moment)
    return {
        "training evaluations": len(evaluations),
        "external training activities": len(activities),
        "training suggestions": len(created),
    }
