"""The committee, membership and Cabinet services: history kept by dates, one chair at a time,
one role at a time, date rules, permission re-checks and audit."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from councillor_hub.audit.models import Action, AuditEvent
from councillor_hub.committees.models import (
    CabinetPortfolio,
    Committee,
    CommitteeKind,
    CommitteeMembership,
    MemberRole,
    PortfolioHolding,
)
from councillor_hub.committees.services import (
    committee_create,
    committee_update,
    holding_add,
    holding_end,
    membership_add,
    membership_change_role,
    membership_end,
    portfolio_create,
    portfolio_update,
)

from .factories import CommitteeFactory, HoldingFactory, MembershipFactory, PortfolioFactory

D = datetime.date


@pytest.fixture
def planning(world):
    return committee_create(
        actor=world.democratic,
        name="Planning Committee",
        kind=CommitteeKind.PLANNING,
        requires_training=True,
        training_note="Annual planning training",
    )


FIRST_JUNE = D(2025, 6, 1)


def add(world, committee, who, role=MemberRole.MEMBER, start=FIRST_JUNE, **kwargs):
    return membership_add(
        actor=world.democratic,
        committee=committee,
        councillor=who,
        role=role,
        start_date=start,
        **kwargs,
    )


# --- committees ----------------------------------------------------------------------------


def test_create_committee_records_audit_and_history(world, planning):
    assert planning.requires_training and planning.training_note == "Annual planning training"
    event = AuditEvent.objects.get(object_type="committees.committee", action=Action.CREATE)
    assert event.object_label == f"committee #{planning.pk}"
    assert event.actor == world.democratic
    assert planning.history.count() == 1
    assert planning.history.first().history_user == world.democratic


@pytest.mark.parametrize("person", ["councillor", "support", "whip", "highways_officer", "mp"])
def test_only_content_managers_may_change_committees(world, person):
    with pytest.raises(PermissionDenied):
        committee_create(actor=getattr(world, person), name="X", kind=CommitteeKind.OTHER)
    assert not Committee.objects.exists()


def test_administrator_manages_too(world):
    committee_create(actor=world.admin, name="Standards", kind=CommitteeKind.STANDARDS)
    assert Committee.objects.filter(name="Standards").exists()


def test_committee_name_is_unique_ignoring_case(world, planning):
    with pytest.raises(ValidationError) as error:
        committee_create(actor=world.democratic, name="planning committee ", kind="other")
    assert "already exists" in str(error.value.message_dict["name"])


def test_committee_needs_a_name_and_a_known_kind(world):
    with pytest.raises(ValidationError) as error:
        committee_create(actor=world.democratic, name="  ", kind="nonsense")
    assert set(error.value.message_dict) == {"name", "kind"}


def test_update_records_what_changed(world, planning):
    committee_update(
        actor=world.democratic,
        committee=planning,
        name="Planning Committee",
        kind=CommitteeKind.PLANNING,
        requires_training=False,
        training_note="",
    )
    planning.refresh_from_db()
    assert not planning.requires_training
    event = AuditEvent.objects.filter(action=Action.UPDATE).get()
    assert "requires_training" in event.detail and "training_note" in event.detail
    assert planning.history.count() == 2


def test_update_without_changes_writes_nothing(world, planning):
    committee_update(
        actor=world.democratic,
        committee=planning,
        name="Planning Committee",
        kind=CommitteeKind.PLANNING,
        requires_training=True,
        training_note="Annual planning training",
    )
    assert not AuditEvent.objects.filter(action=Action.UPDATE).exists()


def test_committee_with_members_cannot_be_closed(world, planning):
    membership = add(world, planning, world.councillor)
    values = dict(name=planning.name, kind=planning.kind, requires_training=True)
    with pytest.raises(ValidationError) as error:
        committee_update(actor=world.democratic, committee=planning, is_active=False, **values)
    assert "1 continuing membership" in str(error.value.message_dict["is_active"])
    membership_end(actor=world.democratic, membership=membership, end_date=D(2025, 12, 31))
    committee_update(actor=world.democratic, committee=planning, is_active=False, **values)
    planning.refresh_from_db()
    assert not planning.is_active


# --- memberships ---------------------------------------------------------------------------


def test_add_member_audits_without_names(world, planning):
    membership = add(world, planning, world.councillor, MemberRole.SUBSTITUTE)
    assert membership.role == MemberRole.SUBSTITUTE and membership.end_date is None
    event = AuditEvent.objects.get(object_type="committees.committeemembership")
    assert event.object_label == f"committee membership #{membership.pk}"
    assert world.councillor.full_name not in event.detail
    assert "substitute" in event.detail
    assert membership.history.get().history_user == world.democratic


def test_one_role_at_a_time_on_a_committee(world, planning):
    add(world, planning, world.councillor)
    with pytest.raises(ValidationError) as error:
        add(world, planning, world.councillor, MemberRole.SUBSTITUTE, D(2025, 9, 1))
    assert "already member" in str(error.value.message_dict["councillor"])
    assert CommitteeMembership.objects.count() == 1


def test_backdated_role_that_overlaps_an_ended_one_is_refused(world, planning):
    membership = add(world, planning, world.councillor, start=D(2025, 6, 1))
    membership_end(actor=world.democratic, membership=membership, end_date=D(2025, 9, 30))
    with pytest.raises(ValidationError):
        add(world, planning, world.councillor, start=D(2025, 9, 30))
    again = add(world, planning, world.councillor, start=D(2025, 10, 1))
    assert again.start_date == D(2025, 10, 1)
    assert CommitteeMembership.objects.filter(councillor=world.councillor).count() == 2


def test_one_role_each_on_different_committees(world, planning):
    licensing = CommitteeFactory(name="Licensing", kind=CommitteeKind.LICENSING)
    add(world, planning, world.councillor, MemberRole.CHAIR)
    add(world, licensing, world.councillor, MemberRole.CHAIR)
    assert world.councillor.committee_memberships.count() == 2


def test_second_chair_is_a_clear_error(world, planning):
    add(world, planning, world.councillor, MemberRole.CHAIR)
    with pytest.raises(ValidationError) as error:
        add(world, planning, world.colleague, MemberRole.CHAIR, D(2025, 9, 1))
    message = str(error.value.message_dict["replace_chair"])
    assert world.councillor.full_name in message and "is chair" in message
    assert CommitteeMembership.objects.filter(role=MemberRole.CHAIR).count() == 1


def test_new_chair_can_end_the_previous_chairs_role(world, planning):
    old = add(world, planning, world.councillor, MemberRole.CHAIR)
    new = add(world, planning, world.colleague, MemberRole.CHAIR, D(2025, 9, 1), replace_chair=True)
    old.refresh_from_db()
    assert old.end_date == D(2025, 8, 31)
    assert new.end_date is None
    # History: the old chair's row is kept (never deleted), with its change recorded.
    assert CommitteeMembership.objects.filter(committee=planning).count() == 2
    assert old.history.count() == 2
    assert old.history.first().end_date == D(2025, 8, 31)


def test_replacing_a_chair_who_started_the_same_day_is_refused(world, planning):
    add(world, planning, world.councillor, MemberRole.CHAIR, D(2025, 9, 1))
    with pytest.raises(ValidationError) as error:
        add(world, planning, world.colleague, MemberRole.CHAIR, D(2025, 9, 1), replace_chair=True)
    assert "start_date" in error.value.message_dict
    assert CommitteeMembership.objects.get(role=MemberRole.CHAIR).end_date is None


def test_a_chair_whose_role_ended_does_not_block_a_new_chair(world, planning):
    old = add(world, planning, world.councillor, MemberRole.CHAIR)
    membership_end(actor=world.democratic, membership=old, end_date=D(2025, 8, 31))
    new = add(world, planning, world.colleague, MemberRole.CHAIR, D(2025, 9, 1))
    assert new.role == MemberRole.CHAIR


def test_end_date_not_before_start(world, planning):
    membership = add(world, planning, world.councillor, start=D(2025, 6, 1))
    with pytest.raises(ValidationError) as error:
        membership_end(actor=world.democratic, membership=membership, end_date=D(2025, 5, 31))
    assert "same as or after the start date, 1 June 2025" in str(
        error.value.message_dict["end_date"]
    )
    ended = membership_end(actor=world.democratic, membership=membership, end_date=D(2025, 6, 1))
    assert ended.end_date == D(2025, 6, 1)


def test_an_ended_role_cannot_be_ended_again(world, planning):
    membership = add(world, planning, world.councillor)
    membership_end(actor=world.democratic, membership=membership, end_date=D(2025, 12, 31))
    with pytest.raises(ValidationError):
        membership_end(actor=world.democratic, membership=membership, end_date=D(2026, 1, 31))
    membership.refresh_from_db()
    assert membership.end_date == D(2025, 12, 31)


def test_change_role_ends_one_row_and_starts_another(world, planning):
    membership = add(world, planning, world.councillor, start=D(2025, 6, 1))
    new = membership_change_role(
        actor=world.democratic,
        membership=membership,
        role=MemberRole.VICE_CHAIR,
        start_date=D(2026, 1, 1),
    )
    membership.refresh_from_db()
    assert membership.role == MemberRole.MEMBER and membership.end_date == D(2025, 12, 31)
    assert new.role == MemberRole.VICE_CHAIR and new.start_date == D(2026, 1, 1)
    assert new.pk != membership.pk
    rows = CommitteeMembership.objects.filter(committee=planning, councillor=world.councillor)
    assert rows.count() == 2


def test_change_to_chair_respects_the_one_chair_rule(world, planning):
    add(world, planning, world.colleague, MemberRole.CHAIR)
    vice = add(world, planning, world.councillor, MemberRole.VICE_CHAIR)
    with pytest.raises(ValidationError):
        membership_change_role(
            actor=world.democratic,
            membership=vice,
            role=MemberRole.CHAIR,
            start_date=D(2026, 1, 1),
        )
    vice.refresh_from_db()
    assert vice.end_date is None  # nothing changed: the whole change rolled back
    membership_change_role(
        actor=world.democratic,
        membership=vice,
        role=MemberRole.CHAIR,
        start_date=D(2026, 1, 1),
        replace_chair=True,
    )
    chairs = CommitteeMembership.objects.filter(committee=planning, role=MemberRole.CHAIR)
    assert [(m.councillor, m.end_date) for m in chairs.order_by("start_date")] == [
        (world.colleague, D(2025, 12, 31)),
        (world.councillor, None),
    ]


@pytest.mark.parametrize(
    "role,start,field",
    [
        (MemberRole.MEMBER, D(2026, 1, 1), "role"),  # the same role
        (MemberRole.SUBSTITUTE, D(2025, 6, 1), "start_date"),  # not after the start
        (MemberRole.SUBSTITUTE, D(2025, 5, 1), "start_date"),  # before the start
        ("boss", D(2026, 1, 1), "role"),
    ],
)
def test_change_role_refuses_nonsense(world, planning, role, start, field):
    membership = add(world, planning, world.councillor, start=D(2025, 6, 1))
    with pytest.raises(ValidationError) as error:
        membership_change_role(
            actor=world.democratic, membership=membership, role=role, start_date=start
        )
    assert field in error.value.message_dict
    assert CommitteeMembership.objects.count() == 1


def test_closed_committee_takes_no_members(world):
    committee = CommitteeFactory(is_active=False)
    with pytest.raises(ValidationError):
        add(world, committee, world.councillor)


def test_only_councillors_in_office_are_appointed(world, planning):
    with pytest.raises(ValidationError) as error:
        add(world, planning, world.support)
    assert error.value.message_dict["councillor"] == ["Select a councillor"]
    with pytest.raises(ValidationError) as error:
        add(world, planning, world.councillor, start=D(2029, 5, 4))  # after the term ends
    assert "term of office ended on 3 May 2029" in str(error.value.message_dict["councillor"])


def test_unknown_role_is_refused(world, planning):
    with pytest.raises(ValidationError) as error:
        add(world, planning, world.councillor, "emperor")
    assert "role" in error.value.message_dict


def test_members_may_not_change_memberships(world, planning):
    membership = add(world, planning, world.councillor)
    with pytest.raises(PermissionDenied):
        membership_end(actor=world.councillor, membership=membership, end_date=D(2026, 1, 1))
    with pytest.raises(PermissionDenied):
        membership_add(
            actor=world.whip,
            committee=planning,
            councillor=world.colleague,
            role=MemberRole.MEMBER,
            start_date=D(2026, 1, 1),
        )
    membership.refresh_from_db()
    assert membership.end_date is None


def test_database_refuses_two_open_chairs_and_bad_dates(world, planning):
    """The constraints back the service rules up."""
    from django.db import IntegrityError, transaction

    MembershipFactory(committee=planning, councillor=world.councillor, role=MemberRole.CHAIR)
    with pytest.raises(IntegrityError), transaction.atomic():
        MembershipFactory(committee=planning, councillor=world.colleague, role=MemberRole.CHAIR)
    with pytest.raises(IntegrityError), transaction.atomic():
        MembershipFactory(committee=planning, councillor=world.councillor)
    with pytest.raises(IntegrityError), transaction.atomic():
        MembershipFactory(
            committee=planning,
            councillor=world.other,
            start_date=D(2025, 6, 1),
            end_date=D(2025, 5, 1),
        )


def test_current_upcoming_and_ended(world, planning):
    today = D(2026, 3, 1)
    current = MembershipFactory(committee=planning, start_date=D(2025, 6, 1))
    ended = MembershipFactory(committee=planning, start_date=D(2025, 6, 1), end_date=D(2026, 2, 1))
    upcoming = MembershipFactory(committee=planning, start_date=D(2026, 4, 1))
    rows = CommitteeMembership.objects
    assert list(rows.current(today)) == [current]
    assert list(rows.ended(today)) == [ended]
    assert list(rows.upcoming(today)) == [upcoming]
    assert set(rows.open()) == {current, upcoming}


# --- Cabinet portfolios --------------------------------------------------------------------


def test_portfolio_create_and_update(world):
    portfolio = portfolio_create(
        actor=world.democratic, title="Highways", responsibilities="Roads", sort_order=3
    )
    portfolio_update(
        actor=world.democratic,
        portfolio=portfolio,
        title="Highways and Transport",
        responsibilities="Roads and buses",
        sort_order=3,
    )
    portfolio.refresh_from_db()
    assert portfolio.title == "Highways and Transport"
    assert portfolio.history.count() == 2
    assert AuditEvent.objects.filter(object_type="committees.cabinetportfolio").count() == 2
    with pytest.raises(ValidationError) as error:
        portfolio_create(actor=world.democratic, title="highways and transport", sort_order=1)
    assert "title" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        portfolio_create(actor=world.democratic, title="Other", sort_order=-1)
    assert "sort_order" in error.value.message_dict
    with pytest.raises(PermissionDenied):
        portfolio_create(actor=world.councillor, title="Mine", sort_order=1)
    assert CabinetPortfolio.objects.count() == 1


def test_one_holder_at_a_time(world):
    portfolio = PortfolioFactory()
    first = holding_add(
        actor=world.democratic,
        portfolio=portfolio,
        councillor=world.councillor,
        start_date=D(2025, 6, 1),
    )
    with pytest.raises(ValidationError) as error:
        holding_add(
            actor=world.democratic,
            portfolio=portfolio,
            councillor=world.colleague,
            start_date=D(2026, 1, 1),
        )
    assert "replace_holder" in error.value.message_dict
    second = holding_add(
        actor=world.democratic,
        portfolio=portfolio,
        councillor=world.colleague,
        start_date=D(2026, 1, 1),
        replace_holder=True,
    )
    first.refresh_from_db()
    assert first.end_date == D(2025, 12, 31) and second.end_date is None
    assert PortfolioHolding.objects.filter(portfolio=portfolio).count() == 2
    assert first.history.count() == 2


def test_holder_cannot_be_appointed_twice(world):
    portfolio = PortfolioFactory()
    holding_add(
        actor=world.democratic,
        portfolio=portfolio,
        councillor=world.councillor,
        start_date=D(2025, 6, 1),
    )
    with pytest.raises(ValidationError) as error:
        holding_add(
            actor=world.democratic,
            portfolio=portfolio,
            councillor=world.councillor,
            start_date=D(2026, 1, 1),
            replace_holder=True,
        )
    assert "already holds" in str(error.value.message_dict["councillor"])


def test_holding_end_dates(world):
    holding = HoldingFactory(councillor=world.councillor, start_date=D(2025, 6, 1))
    with pytest.raises(ValidationError):
        holding_end(actor=world.democratic, holding=holding, end_date=D(2025, 1, 1))
    holding_end(actor=world.democratic, holding=holding, end_date=D(2026, 1, 31))
    holding.refresh_from_db()
    assert holding.end_date == D(2026, 1, 31)
    with pytest.raises(ValidationError):
        holding_end(actor=world.democratic, holding=holding, end_date=D(2026, 2, 1))


def test_portfolio_with_a_holder_cannot_be_retired(world):
    holding = HoldingFactory(councillor=world.councillor)
    portfolio = holding.portfolio
    with pytest.raises(ValidationError):
        portfolio_update(
            actor=world.democratic,
            portfolio=portfolio,
            title=portfolio.title,
            sort_order=1,
            is_active=False,
        )
    holding_end(actor=world.democratic, holding=holding, end_date=D(2026, 1, 31))
    portfolio_update(
        actor=world.democratic,
        portfolio=portfolio,
        title=portfolio.title,
        sort_order=1,
        is_active=False,
    )
    portfolio.refresh_from_db()
    assert not portfolio.is_active
    with pytest.raises(ValidationError):
        holding_add(
            actor=world.democratic,
            portfolio=portfolio,
            councillor=world.colleague,
            start_date=D(2026, 2, 1),
        )
