"""The demo role descriptions, support plans and mentoring requests: the fixed logins get
what the demo walkthrough needs, needs link to the catalogue's topics, and the members'
plan states are a mix of up to date, due and overdue."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.utils import timezone

from councillor_hub.accounts.tests.factories import CouncillorFactory
from councillor_hub.core.demo.supportplans import build_supportplans
from councillor_hub.learning.tests.factories import TopicFactory
from councillor_hub.supportplans.models import (
    MentoringRequest,
    MentoringStatus,
    PersonalSupportPlan,
    PlanNeed,
    PlanStatus,
    RoleDescription,
)
from councillor_hub.supportplans.selectors import member_plan_rows

pytestmark = pytest.mark.django_db


def make_builder(world, seed=7):
    return SimpleNamespace(
        seed=seed,
        today=timezone.localdate(),
        now=timezone.now(),
        councillor=world.councillor,
        colleague=world.colleague,
        other=world.other,
        whip=world.whip,
        independent=world.independent,
        democratic=world.democratic,
    )


def test_demo_support_plans(world):
    for name in ("Chairing skills", "Budget setting and council finance", "Effective scrutiny"):
        TopicFactory(name=name)
    start = timezone.localdate() - dt.timedelta(days=3 * 365)
    for _ in range(12):
        member = CouncillorFactory()
        member.councillor_profile.term_start = start
        member.councillor_profile.save()

    counts = build_supportplans(make_builder(world))

    assert counts["role descriptions"] == RoleDescription.objects.count() == 8
    assert RoleDescription.objects.get(title="Committee chair").skills.count() == 3
    assert counts["support plans"] == PersonalSupportPlan.objects.count() > 12
    assert counts["plan needs"] == PlanNeed.objects.count()
    year = timezone.localdate().year
    draft = PersonalSupportPlan.objects.get(member=world.councillor, year=year)
    assert draft.status == PlanStatus.DRAFT and draft.needs.exists()
    assert PersonalSupportPlan.objects.filter(
        member=world.councillor, status=PlanStatus.COMPLETED
    ).exists()
    assert PlanNeed.objects.filter(topics__name="Chairing skills").exists()
    assert MentoringRequest.objects.filter(
        member=world.colleague, status=MentoringStatus.NEW
    ).exists()
    matched = MentoringRequest.objects.get(status=MentoringStatus.MATCHED)
    assert matched.mentor is not None and matched.mentor != matched.member
    assert PersonalSupportPlan.history.count() == PersonalSupportPlan.objects.count()
    states = {row.due.state for row in member_plan_rows(today=timezone.localdate())}
    assert len(states) >= 2


def test_demo_is_deterministic(world):
    build_supportplans(make_builder(world, seed=3))
    first = list(PersonalSupportPlan.objects.order_by("pk").values_list("member", "year", "status"))
    assert first
    PlanNeed.objects.all().delete()
    PersonalSupportPlan.roles.through.objects.all().delete()
    PersonalSupportPlan.objects.all().delete()
    MentoringRequest.objects.all().delete()
    RoleDescription.objects.all().delete()
    from councillor_hub.supportplans.models import Skill

    Skill.objects.all().delete()
    build_supportplans(make_builder(world, seed=3))
    again = list(PersonalSupportPlan.objects.order_by("pk").values_list("member", "year", "status"))
    assert again == first
