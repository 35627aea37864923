"""The demo induction data: an election intake with part-done progress, an upcoming
by-election already on the public page, a later election, mixed DBS states; deterministic."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone

from councillor_hub.accounts.tests.factories import CouncillorFactory
from councillor_hub.core.demo.induction import build_induction
from councillor_hub.induction import selectors
from councillor_hub.induction.models import (
    ChecklistItem,
    ChecklistProgress,
    DbsCheck,
    DbsState,
    Intake,
    IntakeDate,
    IntakeKind,
    MemberInduction,
)

pytestmark = pytest.mark.django_db

ELECTION = dt.date(2023, 5, 4)


def builder(world, seed=7):
    return SimpleNamespace(
        seed=seed,
        today=timezone.localdate(),
        term=lambda: (ELECTION, dt.date(2027, 5, 6)),
        councillor=world.councillor,
        colleague=world.colleague,
        independent=world.independent,
        democratic=world.democratic,
        former=world.other,
    )


def snapshot():
    return [
        list(
            Intake.objects.order_by("name").values_list(
                "name", "kind", "election_date", "published_from"
            )
        ),
        list(IntakeDate.objects.order_by("on", "title").values_list("title", "on")),
        list(
            MemberInduction.objects.order_by("member").values_list(
                "member", "political_buddy", "officer_buddy"
            )
        ),
        list(
            ChecklistProgress.objects.order_by("induction__member", "item__order").values_list(
                "induction__member", "item", "done_on", "note"
            )
        ),
        list(
            DbsCheck.objects.order_by("member").values_list(
                "member", "state", "submitted_on", "verified_on", "renewal_due_on"
            )
        ),
    ]


def test_demo_induction(world, client):
    for _ in range(12):
        CouncillorFactory(profile__political_group=world.group_blue)
    counts = build_induction(builder(world))
    today = timezone.localdate()
    assert counts["induction intakes"] == Intake.objects.count() == 3
    assert counts["DBS checks"] == DbsCheck.objects.count()
    election = Intake.objects.get(election_date=ELECTION)
    by_election = Intake.objects.get(kind=IntakeKind.BY_ELECTION)
    assert by_election.election_date > today and by_election.is_published(today)
    assert "Brookside" in by_election.name  # the resigned councillor's ward
    assert not by_election.inductions.exists()

    members = set(election.inductions.values_list("member", flat=True))
    assert {world.councillor.pk, world.colleague.pk, world.independent.pk} <= members
    assert counts["member inductions"] == len(members) >= 5

    councillor = MemberInduction.objects.get(member=world.councillor)
    assert councillor.political_buddy is not None
    assert councillor.officer_buddy == world.support  # the only member support officer
    checklist = selectors.checklist_for(councillor, today)
    manual = [state for state in checklist if not state.is_derived]
    assert 0 < sum(state.done for state in manual) < len(manual)
    assert all(
        p.done_on <= today and p.done_by == world.democratic
        for p in ChecklistProgress.objects.all()
    )

    states = set(DbsCheck.objects.values_list("state", flat=True))
    assert DbsCheck.objects.get(member=world.councillor).state == DbsState.SUBMITTED
    assert DbsState.VERIFIED in states
    assert DbsCheck.objects.count() < len(selectors.members_in_office(today))  # some not started
    assert ChecklistItem.objects.count() == 10

    page = client.get(reverse("induction:programme")).content.decode()
    assert by_election.name in page and election.name in page
    assert world.councillor.full_name not in page


def test_demo_induction_is_deterministic(world):
    for _ in range(6):
        CouncillorFactory()
    build_induction(builder(world))
    first = snapshot()
    for model in (ChecklistProgress, MemberInduction, IntakeDate, Intake, DbsCheck):
        model.objects.all().delete()
    build_induction(builder(world))
    assert snapshot() == first
