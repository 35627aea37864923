"""Demo data for member development's catalogue, sessions and bookings: thirteen topics (the
mandatory code of conduct, safeguarding and information governance e-learning for every
councillor; planning, licensing and audit training required by their committees; optional
chairing, scrutiny, media, budget and casework topics), a year of sessions (about nine months
back and three ahead, one cancelled, one full with a waiting list), bookings with a few
access needs, attendance marked on past sessions with completions for those who came,
e-learning completions, and completions from before the programme started so that some
mandatory training has EXPIRED and some is EXPIRING soon.

councillor@demo.test has an upcoming booking (safeguarding, which they are missing) and is
missing planning training if they sit on the Planning Committee; colleague@demo.test is on a
full session's waiting list.

Called by DemoCouncilBuilder.build() after build_committees (topics are linked to the
Planning, Licensing and Audit and Governance committees by name; missing committees are
skipped). Deterministic: its own random.Random from the builder's seed. Written with
bulk_create (topics, sessions and completions with one initial history row each). Everything
is fictional: trainers are Demo... organisations and online links are on example.org.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from councillor_hub.accounts.models import User
from councillor_hub.accounts.roles import Role
from councillor_hub.committees.models import Committee, CommitteeMembership
from councillor_hub.learning.models import (
    Basis,
    Booking,
    BookingStatus,
    Completion,
    CompletionSource,
    TrainingSession,
    TrainingTopic,
)

if TYPE_CHECKING:
    from .builder import DemoCouncilBuilder

ALL_MEMBERS = [Role.COUNCILLOR.value, Role.CO_OPTED_MEMBER.value]
COUNCILLORS = [Role.COUNCILLOR.value]


@dataclass(frozen=True)
class TopicSpec:
    key: str
    name: str
    description: str
    mandatory: bool
    months: int | None
    basis: str = Basis.MONTHS
    roles: tuple[str, ...] = ()
    committees: tuple[str, ...] = ()  # committee names
    # Session days relative to today (negative: held), and places.
    sessions: tuple[int, ...] = ()
    capacity: int = 20
    trainer: str = "Democratic services"
    online: bool = False
    e_learning: bool = False


TOPICS = [
    TopicSpec(
        "code",
        "Code of conduct",
        "The members' code of conduct, registering and declaring interests, gifts and "
        "hospitality, and how complaints are handled.",
        True,
        48,
        roles=tuple(ALL_MEMBERS),
        sessions=(-250, -120, 40),
        trainer="Monitoring officer",
    ),
    TopicSpec(
        "planning",
        "Planning committee training",
        "Planning law and the local plan, material considerations, probity and "
        "predetermination, site visits and lobbying. Required before sitting on the Planning "
        "Committee, every municipal year.",
        True,
        12,
        basis=Basis.MUNICIPAL_YEAR,
        committees=("Planning Committee",),
        sessions=(-200, -30, 25, 70),
        capacity=16,
        trainer="Demo Planning Advisory Service",
    ),
    TopicSpec(
        "licensing",
        "Licensing committee training",
        "The Licensing Act 2003, the Gambling Act 2005, taxi and private hire licensing, and "
        "how hearings run. Required before sitting on the Licensing Committee.",
        True,
        12,
        committees=("Licensing Committee",),
        sessions=(-180, -60, 50),
        capacity=15,
        trainer="Demo Licensing Training Ltd",
    ),
    TopicSpec(
        "safeguarding",
        "Safeguarding",
        "Recognising and reporting concerns about children and adults at risk, in casework "
        "and in the community.",
        True,
        36,
        roles=tuple(COUNCILLORS),
        sessions=(-230, -90, 12, 60),
        capacity=25,
        trainer="Demo Safeguarding Partnership",
    ),
    TopicSpec(
        "ig",
        "Information governance e-learning",
        "Data protection and UK GDPR for members: casework as a data controller, security, "
        "subject access and breaches. Completed online on the learning platform every year.",
        True,
        12,
        roles=tuple(ALL_MEMBERS),
        e_learning=True,
    ),
    TopicSpec(
        "audit",
        "Audit and governance committee training",
        "Reading the statement of accounts, internal and external audit, risk management and "
        "the annual governance statement.",
        True,
        24,
        committees=("Audit and Governance Committee",),
        sessions=(-150, 45),
        capacity=12,
        trainer="Demo Audit Partners",
    ),
    TopicSpec(
        "chairing",
        "Chairing skills",
        "Running a meeting well: the agenda, public speaking, keeping order and summing up.",
        False,
        None,
        sessions=(-170, 20),
        capacity=8,
        trainer="Demo Local Government Association",
    ),
    TopicSpec(
        "scrutiny",
        "Effective scrutiny",
        "Questioning skills, work programmes, task and finish reviews and call-in.",
        False,
        None,
        sessions=(-140, 33),
        trainer="Centre for Demo Governance",
        online=True,
    ),
    TopicSpec(
        "media",
        "Media and social media",
        "Working with the press, social media and online abuse, and staying safe online.",
        False,
        None,
        sessions=(-100, 8),
        capacity=1,
        trainer="Communications team",
    ),
    TopicSpec(
        "budget",
        "Budget setting and council finance",
        "How the budget and council tax are set, the medium-term financial plan and reading "
        "budget reports.",
        False,
        None,
        sessions=(-75, 90),
        capacity=30,
        trainer="Director of finance",
    ),
    TopicSpec(
        "casework",
        "Casework and ward surgeries",
        "Handling casework, running surgeries, working with officers and partners, and "
        "using Councillor Hub.",
        False,
        None,
        sessions=(-210, 15),
        trainer="Member support team",
    ),
    TopicSpec(
        "equality",
        "Equality, diversity and inclusion",
        "The public sector equality duty, equality impact assessments and inclusive engagement.",
        False,
        36,
        sessions=(-110,),
        online=True,
        trainer="Demo Equality Network",
    ),
    TopicSpec(
        "induction",
        "Welcome to the council (induction day)",
        "The council's structure, the constitution, how decisions are made and who to ask.",
        False,
        None,
        sessions=(-260,),
        capacity=40,
    ),
]

ACCESS_NEEDS = [
    "Hearing loop, please",
    "Step-free access",
    "Large print handouts",
    "Vegetarian lunch",
    "Needs to leave by 8pm for childcare",
]
ROOMS = ["Committee Room 1, Civic Centre", "Committee Room 2, Civic Centre", "Council Chamber"]


def _learners(builder: DemoCouncilBuilder) -> list[User]:
    today = builder.today
    people = (
        User.objects.filter(is_active=True, roles__role__in=ALL_MEMBERS)
        .select_related("councillor_profile")
        .distinct()
        .order_by("pk")
    )
    learners = []
    for person in people:
        profile = getattr(person, "councillor_profile", None)
        if profile is not None and profile.term_end is not None and profile.term_end < today:
            continue
        learners.append(person)
    return learners


def _session_times(rng: random.Random, day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    while day.weekday() >= 5:  # weekdays only
        day += dt.timedelta(days=1)
    start_hour = rng.choice([10, 14, 18, 18])
    starts = timezone.make_aware(dt.datetime.combine(day, dt.time(start_hour, 0)))
    return starts, starts + dt.timedelta(hours=2 if start_hour == 18 else 3)


def build_learning(builder: DemoCouncilBuilder) -> dict[str, int]:
    rng = random.Random(f"{builder.seed}-learning")
    today = builder.today
    now = builder.now
    learners = _learners(builder)
    if not learners:
        return {}
    committees = {c.name: c for c in Committee.objects.all()}
    democratic = User.objects.filter(email="democratic@demo.test").first()
    councillor = User.objects.filter(email="councillor@demo.test").first()
    colleague = User.objects.filter(email="colleague@demo.test").first()

    # Topics -----------------------------------------------------------------------
    topics = bulk_create_with_history(
        [
            TrainingTopic(
                name=spec.name,
                description=spec.description,
                is_mandatory=spec.mandatory,
                valid_for_months=spec.months,
                validity_basis=spec.basis,
                required_for_roles=list(spec.roles),
                reminder_days_before=30,
            )
            for spec in TOPICS
        ],
        TrainingTopic,
    )
    topic_by_key = {}
    links = []
    for spec, topic in zip(TOPICS, topics, strict=True):
        topic_by_key[spec.key] = topic
        for name in spec.committees:
            if name in committees:
                links.append(
                    TrainingTopic.required_for_committees.through(
                        trainingtopic_id=topic.pk, committee_id=committees[name].pk
                    )
                )
    TrainingTopic.required_for_committees.through.objects.bulk_create(links)

    # Committee seats: who needs the committee topics.
    sitting: dict[str, set[int]] = {}
    for name in ("Planning Committee", "Licensing Committee", "Audit and Governance Committee"):
        committee = committees.get(name)
        sitting[name] = (
            set(
                CommitteeMembership.objects.current(today)
                .filter(committee=committee)
                .values_list("councillor_id", flat=True)
            )
            if committee
            else set()
        )

    # Sessions ---------------------------------------------------------------------
    sessions = []
    cancelled_key = ("budget", 90)
    for spec in TOPICS:
        for days in spec.sessions:
            starts, ends = _session_times(rng, today + dt.timedelta(days=days))
            online = spec.online or rng.random() < 0.15
            sessions.append(
                TrainingSession(
                    topic=topic_by_key[spec.key],
                    starts_at=starts,
                    ends_at=ends,
                    location="" if spec.online else rng.choice(ROOMS),
                    online_url=f"https://meet.example.org/demo-{spec.key}-{abs(days)}"
                    if online
                    else "",
                    capacity=spec.capacity,
                    trainer=spec.trainer,
                    notes="Refreshments from 5.30pm." if starts.hour == 18 else "",
                    is_cancelled=(spec.key, days) == cancelled_key,
                )
            )
    sessions = bulk_create_with_history(sessions, TrainingSession)

    # Bookings, attendance and completions -----------------------------------------
    learner_ids = [person.pk for person in learners]
    never_trained = set()
    if councillor is not None:
        never_trained.add(("safeguarding", councillor.pk))
        never_trained.add(("planning", councillor.pk))
    bookings: list[Booking] = []
    completions: list[Completion] = []
    key_of = {topic.pk: key for key, topic in topic_by_key.items()}
    booked_pairs: set[tuple[int, int]] = set()
    trained: set[tuple[str, int]] = set()

    def book(session, member_id, status, *, days_before: int, attended=None):
        booked_at = max(
            session.starts_at - dt.timedelta(days=days_before, hours=rng.randint(0, 9)),
            session.starts_at - dt.timedelta(days=120),
        )
        booked_at = min(booked_at, now - dt.timedelta(minutes=5))
        bookings.append(
            Booking(
                session=session,
                member_id=member_id,
                status=status,
                booked_at=booked_at,
                access_needs=rng.choice(ACCESS_NEEDS) if rng.random() < 0.08 else "",
                attended=attended,
                marked_by=democratic if attended is not None else None,
                marked_at=session.ends_at + dt.timedelta(days=1) if attended is not None else None,
                cancelled_at=booked_at + dt.timedelta(days=2)
                if status == BookingStatus.CANCELLED
                else None,
            )
        )
        booked_pairs.add((session.pk, member_id))

    for session in sessions:
        key = key_of[session.topic_id]
        spec = next(s for s in TOPICS if s.key == key)
        held = session.starts_at <= now
        # Committee topics draw mostly on the committee's members.
        pool = learner_ids
        for name in spec.committees:
            if sitting.get(name):
                pool = sorted(sitting[name]) + rng.sample(learner_ids, min(4, len(learner_ids)))
        candidates = [
            member
            for member in dict.fromkeys(rng.sample(pool, len(pool)))
            if (key, member) not in never_trained
        ]
        if spec.committees:
            # Committee members cannot sit untrained, so the untrained come first and
            # committee sessions fill up: only a few are left missing, as in a real council.
            candidates.sort(key=lambda member: (key, member) in trained)
        wanted = (
            session.capacity
            if key == "media"
            else rng.randint(max(1, session.capacity // 3), session.capacity)
        )
        if spec.committees:
            wanted = session.capacity
        chosen = candidates[:wanted]
        for member_id in chosen:
            if session.is_cancelled:
                book(session, member_id, BookingStatus.BOOKED, days_before=rng.randint(5, 30))
                continue
            if held:
                attended = rng.random() < 0.85
                book(
                    session,
                    member_id,
                    BookingStatus.BOOKED,
                    days_before=rng.randint(3, 40),
                    attended=attended,
                )
                if attended:
                    trained.add((key, member_id))
                    completions.append(
                        Completion(
                            member_id=member_id,
                            topic_id=session.topic_id,
                            completed_on=timezone.localdate(session.starts_at),
                            source=CompletionSource.SESSION,
                            session=session,
                            recorded_by=democratic,
                        )
                    )
            else:
                book(session, member_id, BookingStatus.BOOKED, days_before=rng.randint(1, 20))
        # A couple of cancellations on larger sessions.
        if len(candidates) > wanted + 1 and session.capacity > 10:
            book(
                session,
                candidates[wanted],
                BookingStatus.CANCELLED,
                days_before=rng.randint(10, 30),
            )
        # The full media session has a waiting list, with colleague@demo.test on it.
        if key == "media" and not held:
            waiting = [m for m in candidates[wanted:] if (session.pk, m) not in booked_pairs][:2]
            if colleague is not None and (session.pk, colleague.pk) not in booked_pairs:
                waiting = [colleague.pk, *waiting][:3]
            for position, member_id in enumerate(waiting):
                book(session, member_id, BookingStatus.WAITING, days_before=5 - position)

    # councillor@demo.test: booked on the next safeguarding session.
    if councillor is not None:
        upcoming = [
            s
            for s in sessions
            if key_of[s.topic_id] == "safeguarding" and s.starts_at > now and not s.is_cancelled
        ]
        if upcoming and (upcoming[0].pk, councillor.pk) not in booked_pairs:
            book(upcoming[0], councillor.pk, BookingStatus.BOOKED, days_before=10)
            bookings[-1].access_needs = "Step-free access"

    # E-learning and earlier completions: some valid, some expiring soon, some expired.
    ig = topic_by_key["ig"]
    others = [m for m in learner_ids if councillor is None or m != councillor.pk]
    order = rng.sample(others, len(others))
    states = [
        (m, ["valid", "expired", "valid", "expiring", "valid", "missing"][i % 6])
        for i, m in enumerate(order)
    ]
    if councillor is not None and councillor.pk in learner_ids:
        states.append((councillor.pk, "expiring"))  # so their record shows a reminder is due
    for member_id, state in states:
        # In every six members: three up to date, one expired, one expiring soon, one missing.
        if state == "missing":
            continue
        days_ago = {
            "valid": rng.randint(20, 300),
            "expiring": rng.randint(340, 355),  # expires within the 30-day reminder window
            "expired": rng.randint(380, 520),
        }[state]
        source = CompletionSource.IMPORT if rng.random() < 0.7 else CompletionSource.E_LEARNING
        completions.append(
            Completion(
                member_id=member_id,
                topic=ig,
                completed_on=today - dt.timedelta(days=days_ago),
                source=source,
                recorded_by=democratic,
            )
        )
    # Code of conduct and safeguarding from earlier years (before these sessions).
    code, safeguarding = topic_by_key["code"], topic_by_key["safeguarding"]
    for member_id in learner_ids:
        if rng.random() < 0.7:
            completions.append(
                Completion(
                    member_id=member_id,
                    topic=code,
                    completed_on=today - dt.timedelta(days=rng.randint(400, 1500)),
                    source=CompletionSource.MANUAL,
                    note="Recorded from the previous training spreadsheet",
                    recorded_by=democratic,
                )
            )
        if ("safeguarding", member_id) in never_trained:
            continue
        if rng.random() < 0.35:
            # 36 months: a good share of these are expired or expiring.
            completions.append(
                Completion(
                    member_id=member_id,
                    topic=safeguarding,
                    completed_on=today - dt.timedelta(days=rng.randint(900, 1200)),
                    source=CompletionSource.MANUAL,
                    note="Recorded from the previous training spreadsheet",
                    recorded_by=democratic,
                )
            )
    Booking.objects.bulk_create(bookings)
    completions = bulk_create_with_history(completions, Completion)
    return {
        "training topics": len(topics),
        "training sessions": len(sessions),
        "training bookings": len(bookings),
        "training completions": len(completions),
    }
