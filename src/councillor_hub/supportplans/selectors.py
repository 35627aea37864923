"""Reads for role descriptions, support plans and mentoring. The list pages run a fixed
number of queries whatever the number of members."""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from councillor_hub.accounts.models import User
from councillor_hub.learning.models import TrainingSession, TrainingTopic
from councillor_hub.learning.permissions import LEARNER_ROLES

from .due import PlanDue, State, plan_due
from .models import PersonalSupportPlan, PlanNeed, PlanStatus, Skill


def members_in_office(today: datetime.date):
    """Active councillors and co-opted members whose term has not ended."""
    return (
        User.objects.filter(is_active=True, roles__role__in=LEARNER_ROLES)
        .filter(
            Q(councillor_profile__isnull=True)
            | Q(councillor_profile__term_end__isnull=True)
            | Q(councillor_profile__term_end__gte=today)
        )
        .select_related("councillor_profile__ward", "councillor_profile__political_group")
        .distinct()
        .order_by("full_name", "pk")
    )


def _term_start(member) -> datetime.date | None:
    profile = getattr(member, "councillor_profile", None)
    return profile.term_start if profile is not None else None


def due_for(member, completions, today: datetime.date) -> PlanDue:
    return plan_due(
        term_start=_term_start(member),
        completions=completions,
        today=today,
        first_due_months=settings.SUPPORT_PLAN_FIRST_DUE_MONTHS,
        window=settings.SUPPORT_PLAN_WINDOW,
    )


def _completion_dates(member_ids) -> dict[int, list[datetime.date]]:
    dates: dict[int, list[datetime.date]] = defaultdict(list)
    for member_id, completed_at in PersonalSupportPlan.objects.filter(
        member_id__in=member_ids, status=PlanStatus.COMPLETED
    ).values_list("member_id", "completed_at"):
        dates[member_id].append(timezone.localdate(completed_at))
    return dates


def member_due(member, today: datetime.date) -> PlanDue:
    """Where one member's plan stands on `today`."""
    return due_for(member, _completion_dates([member.pk])[member.pk], today)


@dataclass
class MemberPlanRow:
    member: User
    due: PlanDue
    plan: PersonalSupportPlan | None  # this year's plan, if started


def member_plan_rows(*, today: datetime.date, state: str = "") -> list[MemberPlanRow]:
    """Every member in office with where their plan stands, optionally only one state.
    Three queries, whatever the number of members."""
    members = list(members_in_office(today))
    ids = [member.pk for member in members]
    dates = _completion_dates(ids)
    this_year = {
        plan.member_id: plan
        for plan in PersonalSupportPlan.objects.filter(member_id__in=ids, year=today.year)
    }
    rows = [
        MemberPlanRow(member, due_for(member, dates[member.pk], today), this_year.get(member.pk))
        for member in members
    ]
    if state in State.__members__.values():
        rows = [row for row in rows if row.due.state == state]
    return rows


def state_counts(rows: list[MemberPlanRow]) -> dict[str, int]:
    counts = Counter(row.due.state for row in rows)
    return {state.value: counts.get(state, 0) for state in State}


def needs_prefetch() -> Prefetch:
    """A plan's needs with their skill and topics."""
    return Prefetch(
        "needs",
        queryset=PlanNeed.objects.select_related("skill").prefetch_related(
            Prefetch("topics", queryset=TrainingTopic.objects.order_by("name"))
        ),
    )


def upcoming_sessions_by_topic(
    topic_ids, *, now: datetime.datetime | None = None, per_topic: int = 3
) -> dict[int, list[TrainingSession]]:
    """The next few sessions (not cancelled) of each topic, for links from a plan."""
    now = now or timezone.now()
    sessions: dict[int, list[TrainingSession]] = defaultdict(list)
    for session in TrainingSession.objects.filter(
        topic_id__in=set(topic_ids), is_cancelled=False, starts_at__gte=now
    ).order_by("starts_at", "pk"):
        if len(sessions[session.topic_id]) < per_topic:
            sessions[session.topic_id].append(session)
    return sessions


@dataclass
class NeedCount:
    name: str
    needs: int
    high: int
    pk: int | None = None


@dataclass
class NeedsReport:
    year: int
    plans: int
    completed: int
    by_topic: list[NeedCount]
    by_skill: list[NeedCount]
    other: int  # needs with neither a skill nor a topic


def needs_report(*, year: int) -> NeedsReport:
    """How many needs in the year's plans point at each topic and each skill (and how many
    of them are high priority): counts only, no names or words."""
    plans = PersonalSupportPlan.objects.filter(year=year)
    needs = PlanNeed.objects.filter(plan__year=year)
    high = Count("support_plan_needs", filter=Q(support_plan_needs__priority="high"))
    by_topic = [
        NeedCount(topic.name, topic.n, topic.h, topic.pk)
        for topic in TrainingTopic.objects.filter(support_plan_needs__plan__year=year)
        .annotate(n=Count("support_plan_needs"), h=high)
        .order_by("-n", "name")
    ]
    skill_high = Count("needs", filter=Q(needs__priority="high"))
    by_skill = [
        NeedCount(skill.name, skill.n, skill.h, skill.pk)
        for skill in Skill.objects.filter(needs__plan__year=year)
        .annotate(n=Count("needs"), h=skill_high)
        .order_by("-n", "name")
    ]
    return NeedsReport(
        year=year,
        plans=plans.count(),
        completed=plans.filter(status=PlanStatus.COMPLETED).count(),
        by_topic=by_topic,
        by_skill=by_skill,
        other=needs.filter(skill__isnull=True, topics__isnull=True).count(),
    )


def report_years() -> list[int]:
    return list(
        PersonalSupportPlan.objects.order_by("-year").values_list("year", flat=True).distinct()
    )
