"""core/demo/committees.py: the demo council's committees, Cabinet and contact details follow
the same rules as the services (one role at a time, one chair, dates in order)."""

import datetime
import re
from collections import defaultdict

import pytest

from councillor_hub.accounts.models import CouncillorProfile
from councillor_hub.committees.models import (
    CabinetPortfolio,
    Committee,
    CommitteeKind,
    CommitteeMembership,
    CouncillorContact,
    MemberRole,
    PortfolioHolding,
)
from councillor_hub.core.demo.builder import DemoCouncilBuilder
from councillor_hub.core.demo.committees import build_committees

DEMO_PHONE = re.compile(r"^01632 960\d{3}$")


def _build(seed=2026):
    builder = DemoCouncilBuilder(seed=seed, cases=0, constituents=0, enquiries=0)
    builder.build_places()
    builder.build_people()
    counts = build_committees(builder)
    return builder, counts


def _overlap(a, b):
    far = datetime.date.max
    return a.start_date <= (b.end_date or far) and b.start_date <= (a.end_date or far)


@pytest.fixture
def demo(db):
    return _build()


def test_counts_and_committees(demo):
    builder, counts = demo
    assert counts["committees"] == Committee.objects.count() == 7
    assert counts["Cabinet portfolios"] == CabinetPortfolio.objects.count() == 8
    assert counts["committee memberships"] == CommitteeMembership.objects.count()
    names = set(Committee.objects.values_list("name", flat=True))
    assert {
        "Full Council",
        "Cabinet",
        "Planning Committee",
        "Licensing Committee",
        "Overview and Scrutiny Committee",
        "Audit and Governance Committee",
        "Standards Committee",
    } == names
    training = set(Committee.objects.filter(requires_training=True).values_list("kind", flat=True))
    assert training == {CommitteeKind.PLANNING, CommitteeKind.LICENSING}
    assert Committee.history.count() == 7  # one history row each


def test_memberships_follow_the_rules(demo):
    builder, _ = demo
    today = builder.today
    rows = list(CommitteeMembership.objects.select_related("committee"))
    by_person = defaultdict(list)
    chairs = defaultdict(list)
    for row in rows:
        assert row.end_date is None or row.end_date >= row.start_date
        by_person[(row.committee_id, row.councillor_id)].append(row)
        if row.role == MemberRole.CHAIR:
            chairs[row.committee_id].append(row)
    for spans in [*by_person.values(), *chairs.values()]:
        for i, a in enumerate(spans):
            for b in spans[i + 1 :]:
                assert not _overlap(a, b), (a.pk, b.pk)
    for committee in Committee.objects.all():
        current = committee.memberships.current(today)
        assert current.filter(role=MemberRole.CHAIR).count() == 1, committee.name
        assert current.filter(role=MemberRole.VICE_CHAIR).count() >= 1, committee.name
    # Some history: roles that ended last year at the reshuffle.
    assert CommitteeMembership.objects.filter(end_date__year=today.year - 1).exists()


def test_full_council_is_every_councillor_in_office(demo):
    builder, _ = demo
    today = builder.today
    full = Committee.objects.get(kind=CommitteeKind.FULL_COUNCIL)
    in_office = set(
        CouncillorProfile.objects.filter(term_end__gte=today).values_list("user_id", flat=True)
    )
    sitting = set(full.memberships.current(today).values_list("councillor_id", flat=True))
    assert sitting == in_office
    assert builder.former.pk not in sitting
    assert full.memberships.filter(councillor=builder.former, end_date__isnull=False).exists()


def test_cabinet_is_the_largest_group(demo):
    builder, _ = demo
    today = builder.today
    cabinet = Committee.objects.get(kind=CommitteeKind.CABINET)
    holders = PortfolioHolding.objects.current(today).select_related(
        "councillor__councillor_profile__political_group"
    )
    assert holders.count() == 8
    groups = {h.councillor.councillor_profile.political_group.name for h in holders}
    assert groups == {"Riverside Progressives"}
    leader = cabinet.memberships.current(today).get(role=MemberRole.CHAIR).councillor
    first = CabinetPortfolio.objects.order_by("sort_order").first()
    assert first.holdings.current(today).get().councillor == leader
    assert leader.roles.filter(role="group_leader").exists()
    sitting = set(cabinet.memberships.current(today).values_list("councillor_id", flat=True))
    assert sitting == {h.councillor_id for h in holders}
    assert PortfolioHolding.objects.filter(end_date__isnull=False).count() == 1
    # Cabinet members do not sit on scrutiny.
    scrutiny = Committee.objects.get(kind=CommitteeKind.SCRUTINY)
    assert not scrutiny.memberships.filter(councillor_id__in=sitting).exists()


def test_fixed_logins_have_useful_roles(demo):
    builder, _ = demo
    today = builder.today
    planning = Committee.objects.get(kind=CommitteeKind.PLANNING)
    assert planning.memberships.current(today).filter(councillor=builder.councillor).exists()
    assert PortfolioHolding.objects.current(today).filter(councillor=builder.colleague).exists()
    scrutiny = Committee.objects.get(kind=CommitteeKind.SCRUTINY)
    assert scrutiny.memberships.current(today).get(role=MemberRole.CHAIR).councillor == (
        builder.other
    )


def test_contact_details(demo):
    builder, counts = demo
    contacts = list(CouncillorContact.objects.all())
    assert len(contacts) == counts["councillors' contact details"]
    assert len(contacts) == CouncillorProfile.objects.filter(term_end__gte=builder.today).count()
    for contact in contacts:
        assert contact.public_email.endswith("@example.org")
        assert DEMO_PHONE.match(contact.public_phone), contact.public_phone
        assert contact.surgery_details and contact.bio and not contact.photo
    assert len({c.public_phone for c in contacts}) == len(contacts)
    assert len({c.public_email for c in contacts}) == len(contacts)


def test_deterministic(db):
    def snapshot():
        return sorted(
            CommitteeMembership.objects.values_list(
                "committee__name", "councillor__email", "role", "start_date", "end_date"
            )
        )

    _build(seed=7)
    first = snapshot()
    for model in [CommitteeMembership, PortfolioHolding, CouncillorContact]:
        model.history.all().delete()
        model.objects.all().delete()
    from councillor_hub.core.demo.builder import delete_everything

    for model in [CabinetPortfolio, Committee]:
        model.history.all().delete()
        model.objects.all().delete()
    delete_everything()
    _build(seed=7)
    assert snapshot() == first
