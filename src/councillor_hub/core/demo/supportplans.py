"""Demo data for role descriptions, personal support plans and mentoring: a dozen skills,
eight role descriptions (councillor, committee chair, Cabinet member, Leader, scrutiny
member, Planning and Licensing committee members, opposition group leader), every
councillor in office's plans since the election (the first plan in the autumn after it, then
one in most annual windows; some missed, some drafts, some reviewed by democratic
services), needs linked to skills and to the training catalogue's topics, and a handful of
mentoring requests (new, matched, closed).

councillor@demo.test has a completed first plan and a plan for this year still in draft, so
"My support plan" shows a draft with needs linked to upcoming sessions; colleague@demo.test
has a new mentoring request. Runs after build_learning (topics are matched by name; with no
catalogue, needs simply have no topics). Deterministic (its own random.Random seeded from the
builder's seed); written with bulk_create, with one initial history row per record.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import TYPE_CHECKING

from django.conf import settings
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from councillor_hub.accounts.models import CouncillorProfile
from councillor_hub.learning.models import TrainingTopic
from councillor_hub.supportplans.due import first_plan_due, window_for_year
from councillor_hub.supportplans.models import (
    MentoringRequest,
    MentoringStatus,
    PersonalSupportPlan,
    PlanNeed,
    PlanStatus,
    Priority,
    RoleDescription,
    Skill,
)

if TYPE_CHECKING:
    from .builder import DemoCouncilBuilder

SKILLS = [
    ("Chairing meetings", "Running a meeting fairly, to time, within the rules of procedure."),
    ("Public speaking", "Speaking with confidence at council, public meetings and events."),
    ("Scrutiny questioning", "Asking probing, evidence-based questions of decision makers."),
    ("Financial literacy", "Reading budgets, the medium-term financial plan and audit reports."),
    ("Planning law", "Material considerations, the local plan and predetermination."),
    ("Licensing law", "The Licensing Act 2003, hearings and the council's licensing policy."),
    ("Media handling", "Interviews, press releases and social media."),
    ("Casework", "Handling residents' enquiries and following them up with services."),
    ("Community leadership", "Bringing people together and representing the whole ward."),
    ("Strategic leadership", "Setting direction, leading a portfolio and managing risk."),
    ("Digital skills", "Using the council's devices, Microsoft 365 and the Councillor Hub."),
    ("Negotiation", "Reaching agreement with partners, groups and other councils."),
]

ROLES = [
    (
        "Councillor",
        "Represents the ward and its residents, takes part in the council's decisions and "
        "holds the executive to account.",
        [
            "Represent the interests of the ward and all its residents",
            "Help residents with problems and enquiries about council services",
            "Attend Full Council and the committees you are appointed to",
            "Follow the members' code of conduct and keep your register of interests up to date",
            "Take part in member development, including the mandatory training",
        ],
        ["Casework", "Community leadership", "Public speaking", "Digital skills"],
    ),
    (
        "Committee chair",
        "Leads a committee so that it reaches sound, lawful decisions in public, fairly and "
        "to time.",
        [
            "Chair meetings in line with the constitution and the rules of procedure",
            "Agree the agenda with officers and prepare with the lead officer",
            "Make sure every member and public speaker has a fair hearing",
            "Speak for the committee at Full Council when asked",
        ],
        ["Chairing meetings", "Public speaking", "Negotiation"],
    ),
    (
        "Cabinet member",
        "Leads a portfolio of council services and takes executive decisions within it.",
        [
            "Set the direction for the portfolio with the Leader and senior officers",
            "Take executive decisions, individually or in Cabinet",
            "Answer questions at Full Council and attend scrutiny when invited",
            "Represent the council with partners and in the media",
        ],
        ["Strategic leadership", "Financial literacy", "Media handling", "Negotiation"],
    ),
    (
        "Leader of the council",
        "Leads the council, its Cabinet and its relationships with partners, government and "
        "the public.",
        [
            "Appoint the Cabinet and allocate portfolios",
            "Set the council's priorities and budget proposals",
            "Speak for the council in the region and nationally",
        ],
        ["Strategic leadership", "Financial literacy", "Media handling", "Public speaking"],
    ),
    (
        "Overview and scrutiny member",
        "Reviews and challenges the executive's decisions and policies, and the performance "
        "of the council and its partners.",
        [
            "Prepare for meetings by reading the reports and evidence",
            "Question Cabinet members, officers and partners",
            "Help plan the work programme and take part in task and finish groups",
        ],
        ["Scrutiny questioning", "Financial literacy"],
    ),
    (
        "Planning committee member",
        "Decides planning applications lawfully, on their planning merits, with an open mind.",
        [
            "Complete the required planning training every municipal year",
            "Read the officer's report and attend site visits",
            "Decide on material planning considerations only, and declare any interests",
        ],
        ["Planning law", "Chairing meetings"],
    ),
    (
        "Licensing committee member",
        "Decides licensing matters and hearings fairly, in line with the law and the "
        "council's policy.",
        [
            "Complete the required licensing training",
            "Sit on hearing panels when called and reach reasoned decisions",
        ],
        ["Licensing law"],
    ),
    (
        "Opposition group leader",
        "Leads a political group not in the administration and holds the executive to account.",
        [
            "Lead the group and speak for it at Full Council",
            "Nominate the group's members to committees",
            "Work with the Leader and chief executive on the council's business",
        ],
        ["Strategic leadership", "Public speaking", "Negotiation"],
    ),
]

# (words of the need or "", skill name or "", topic names, priority)
NEEDS = [
    ("", "Chairing meetings", ["Chairing skills"], Priority.HIGH),
    ("Confidence reading the budget papers before budget council", "Financial literacy",
     ["Budget setting and council finance"], Priority.HIGH),
    ("", "Scrutiny questioning", ["Effective scrutiny"], Priority.MEDIUM),
    ("Handling a difficult interview with the local paper", "Media handling",
     ["Media and social media"], Priority.MEDIUM),
    ("", "Planning law", ["Planning committee training"], Priority.HIGH),
    ("", "Licensing law", ["Licensing committee training"], Priority.MEDIUM),
    ("Running ward surgeries and keeping on top of casework", "Casework",
     ["Casework and ward surgeries"], Priority.MEDIUM),
    ("Using the council laptop and Teams for remote meetings", "Digital skills", [],
     Priority.LOW),
    ("Understanding how equality duties apply to decisions", "",
     ["Equality, diversity and inclusion"], Priority.LOW),
    ("Working with town and parish councils in the ward", "Community leadership", [],
     Priority.LOW),
    ("", "Public speaking", [], Priority.MEDIUM),
    ("Balancing council duties with my job and family", "", [], Priority.MEDIUM),
]  # fmt: skip

STRENGTHS = [
    "Long involvement in the community and local groups.",
    "Experience of budgets and project management from my career.",
    "Good at listening to residents and following problems through.",
    "Years of school governor and charity trustee work.",
    "Comfortable speaking in public and with the press.",
]
AIMS = [
    "Become confident chairing a committee meeting.",
    "Understand council finance well enough to challenge the budget.",
    "Take a more active part in scrutiny reviews.",
    "Get to grips with planning so I can sit on the Planning Committee.",
    "Improve how I handle casework and keep residents informed.",
]

MENTORING = [
    # (who, what, status, days ago)
    ("colleague", "I have just joined the Planning Committee and would value someone "
     "experienced to talk through my first few agendas with.", MentoringStatus.NEW, 4),
    ("councillor", "Help preparing to chair the Overview and Scrutiny task and finish group.",
     MentoringStatus.MATCHED, 40),
    ("other", "Advice on balancing council work with running a small business.",
     MentoringStatus.CLOSED, 200),
    ("generated", "I would like to learn how to work with the press on ward issues.",
     MentoringStatus.NEW, 9),
]  # fmt: skip


def _moment(day: dt.date, hour: int = 11) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def _between(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randint(0, max(0, (end - start).days)))


def build_supportplans(builder: DemoCouncilBuilder) -> dict[str, int]:
    rng = random.Random(f"supportplans-{builder.seed}")
    today = builder.today
    window = settings.SUPPORT_PLAN_WINDOW
    months = settings.SUPPORT_PLAN_FIRST_DUE_MONTHS

    skills = bulk_create_with_history(
        [Skill(name=name, description=text) for name, text in SKILLS], Skill
    )
    skill_by_name = {skill.name: skill for skill in Skill.objects.all()}
    roles = bulk_create_with_history(
        [
            RoleDescription(title=title, purpose=purpose, responsibilities="\n".join(lines))
            for title, purpose, lines, _ in ROLES
        ],
        RoleDescription,
    )
    role_by_title = {role.title: role for role in RoleDescription.objects.all()}
    RoleDescription.skills.through.objects.bulk_create(
        [
            RoleDescription.skills.through(
                roledescription_id=role_by_title[title].pk, skill_id=skill_by_name[name].pk
            )
            for title, _, _, names in ROLES
            for name in names
        ]
    )
    topic_by_name = {topic.name: topic for topic in TrainingTopic.objects.all()}

    profiles = list(
        CouncillorProfile.objects.select_related("user")
        .filter(user__is_active=True)
        .exclude(term_end__lt=today)
        .order_by("pk")
    )
    fixed = {builder.councillor.pk: "councillor", builder.colleague.pk: "colleague"}

    # Plans: (member, year, completed on or None for a draft, reviewed)
    plans: list[tuple] = []
    for profile in profiles:
        who = fixed.get(profile.user_id)
        start = profile.term_start
        first_due = first_plan_due(start, months)
        if who is None and rng.random() < 0.08:
            continue  # never started a plan: overdue
        if first_due > today:  # elected recently (a by-election): a draft, or nothing yet
            if rng.random() < 0.5:
                plans.append((profile.user, today.year, None, False))
            continue
        first_done = _between(rng, start + dt.timedelta(days=60), first_due)
        plans.append((profile.user, first_done.year, first_done, rng.random() < 0.6))
        used_years = {first_done.year}
        for year in range(first_done.year, today.year + 1):
            term = window_for_year(year, window)
            if term.start <= first_due or term.start > today or year in used_years:
                continue
            if who == "councillor" and year == today.year:
                plans.append((profile.user, year, None, False))  # a draft this year
                used_years.add(year)
                continue
            roll = rng.random()
            if roll < 0.75:
                done = _between(rng, term.start, min(term.end, today))
                plans.append((profile.user, year, done, rng.random() < 0.5))
                used_years.add(year)
            elif roll < 0.85:
                plans.append((profile.user, year, None, False))  # started, never completed
                used_years.add(year)
    # The councillor's draft for this year, even when this year's window has not opened.
    if not any(p[0].pk == builder.councillor.pk and p[1] == today.year for p in plans):
        plans.append((builder.councillor, today.year, None, False))

    records = []
    for member, year, done, reviewed in plans:
        records.append(
            PersonalSupportPlan(
                member=member,
                year=year,
                status=PlanStatus.COMPLETED if done else PlanStatus.DRAFT,
                strengths=rng.choice(STRENGTHS),
                aims=rng.choice(AIMS),
                completed_at=_moment(done) if done else None,
                reviewed_at=_moment(done + dt.timedelta(days=rng.randint(3, 20)))
                if done and reviewed and done + dt.timedelta(days=20) < today
                else None,
                reviewed_by=builder.democratic
                if done and reviewed and done + dt.timedelta(days=20) < today
                else None,
            )
        )
    bulk_create_with_history(records, PersonalSupportPlan)
    saved = list(PersonalSupportPlan.objects.order_by("pk"))
    role_list = list(role_by_title.values())
    councillor_role = role_by_title["Councillor"]
    plan_roles, needs, need_topics = [], [], []
    for plan in saved:
        chosen = {councillor_role.pk, *(r.pk for r in rng.sample(role_list, rng.randint(0, 2)))}
        plan_roles += [
            PersonalSupportPlan.roles.through(personalsupportplan_id=plan.pk, roledescription_id=pk)
            for pk in sorted(chosen)
        ]
        for words, skill, topics, priority in rng.sample(NEEDS, rng.randint(1, 3)):
            needs.append(
                (
                    PlanNeed(
                        plan=plan,
                        skill=skill_by_name.get(skill),
                        description=words,
                        priority=priority,
                    ),
                    topics,
                )
            )
    PersonalSupportPlan.roles.through.objects.bulk_create(plan_roles)
    bulk_create_with_history([need for need, _ in needs], PlanNeed)
    for need, (_, topics) in zip(PlanNeed.objects.order_by("pk"), needs, strict=True):
        need_topics += [
            PlanNeed.topics.through(planneed_id=need.pk, trainingtopic_id=topic_by_name[name].pk)
            for name in topics
            if name in topic_by_name
        ]
    PlanNeed.topics.through.objects.bulk_create(need_topics)

    # Mentoring requests.
    others = [p.user for p in profiles if p.user_id not in fixed and p.user_id != builder.other.pk]
    mentors = [builder.whip, *rng.sample(others, min(3, len(others)))]
    people = {
        "councillor": builder.councillor,
        "colleague": builder.colleague,
        "other": builder.other,
        "generated": others[0] if others else builder.independent,
    }
    requests = []
    for who, wanted, status, days_ago in MENTORING:
        asked = builder.now - dt.timedelta(days=days_ago)
        mentor = rng.choice(mentors) if status != MentoringStatus.NEW else None
        requests.append(
            MentoringRequest(
                member=people[who],
                wanted=wanted,
                status=status,
                mentor=mentor,
                note="Meet monthly until the end of the municipal year."
                if mentor is not None
                else "",
                handled_by=builder.democratic if status != MentoringStatus.NEW else None,
                matched_at=asked + dt.timedelta(days=5) if mentor is not None else None,
                closed_at=asked + dt.timedelta(days=150)
                if status == MentoringStatus.CLOSED
                else None,
            )
        )
    bulk_create_with_history(requests, MentoringRequest)
    # created_at is auto_now_add: set the dates the requests were made.
    for request, (_, _, _, days_ago) in zip(
        MentoringRequest.objects.order_by("pk"), MENTORING, strict=True
    ):
        MentoringRequest.objects.filter(pk=request.pk).update(
            created_at=builder.now - dt.timedelta(days=days_ago)
        )

    return {
        "skills": len(skills),
        "role descriptions": len(roles),
        "support plans": len(saved),
        "plan needs": len(needs),
        "mentoring requests": len(requests),
    }
