"""Induction reads: derived checklist items (DBS tracker, buddies, mandatory training booked or
held), the intake grid and per-group summary, the whip's rows, the DBS tracker's filters and
the public programme."""

import datetime

import pytest
from django.utils import timezone

from councillor_hub.accounts.models import NON_ALIGNED_LABEL
from councillor_hub.accounts.roles import Role
from councillor_hub.accounts.tests.factories import CouncillorFactory
from councillor_hub.committees.tests.factories import CommitteeFactory, MembershipFactory
from councillor_hub.induction import selectors
from councillor_hub.induction.models import ChecklistItem, DerivedFrom
from councillor_hub.learning.models import BookingStatus
from councillor_hub.learning.tests.factories import (
    BookingFactory,
    CompletionFactory,
    SessionFactory,
    TopicFactory,
)

from .factories import (
    ChecklistProgressFactory,
    DbsCheckFactory,
    IntakeDateFactory,
    IntakeFactory,
    MemberInductionFactory,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 1)


def _state(checklist, derived_from):
    return next(s for s in checklist if s.item.derived_from == derived_from)


def test_dbs_and_buddy_items_follow_their_records(world):
    induction = MemberInductionFactory(member=world.councillor)
    checklist = selectors.checklist_for(induction, TODAY)
    for source in (
        DerivedFrom.DBS_SUBMITTED,
        DerivedFrom.DBS_VERIFIED,
        DerivedFrom.POLITICAL_BUDDY,
        DerivedFrom.OFFICER_BUDDY,
    ):
        assert not _state(checklist, source).done, source
    DbsCheckFactory(member=world.councillor, submitted_on=datetime.date(2026, 5, 9))
    induction.political_buddy = world.colleague
    induction.save()
    checklist = selectors.checklist_for(induction, TODAY)
    submitted = _state(checklist, DerivedFrom.DBS_SUBMITTED)
    assert submitted.done and submitted.done_on == datetime.date(2026, 5, 9)
    assert not _state(checklist, DerivedFrom.DBS_VERIFIED).done
    assert _state(checklist, DerivedFrom.POLITICAL_BUDDY).done
    assert not _state(checklist, DerivedFrom.OFFICER_BUDDY).done


def test_mandatory_training_item(world):
    induction = MemberInductionFactory(member=world.councillor)
    conduct = TopicFactory(
        name="Code of conduct", is_mandatory=True, required_for_roles=[Role.COUNCILLOR]
    )
    planning = CommitteeFactory(name="Planning")
    planning_topic = TopicFactory(name="Planning training", is_mandatory=True, valid_for_months=12)
    planning_topic.required_for_committees.add(planning)
    TopicFactory(name="Chairing skills", required_for_roles=[Role.COUNCILLOR])  # not mandatory
    TopicFactory(name="Officers' topic", is_mandatory=True, required_for_roles=[Role.DIRECTOR])

    state = _state(selectors.checklist_for(induction, TODAY), DerivedFrom.MANDATORY_TRAINING)
    assert not state.done
    assert state.derived_note == "Not yet booked: Code of conduct"

    # A cancelled booking, or a booking on a cancelled session, does not count.
    BookingFactory(member=world.councillor, session__topic=conduct, status=BookingStatus.CANCELLED)
    BookingFactory(member=world.councillor, session__topic=conduct, session__is_cancelled=True)
    assert not _state(
        selectors.checklist_for(induction, TODAY), DerivedFrom.MANDATORY_TRAINING
    ).done
    BookingFactory(member=world.councillor, session=SessionFactory(topic=conduct))
    assert _state(selectors.checklist_for(induction, TODAY), DerivedFrom.MANDATORY_TRAINING).done

    # Sitting on Planning adds its topic: an expired completion does not count, a valid one does.
    MembershipFactory(committee=planning, councillor=world.councillor)
    state = _state(selectors.checklist_for(induction, TODAY), DerivedFrom.MANDATORY_TRAINING)
    assert state.derived_note == "Not yet booked: Planning training"
    CompletionFactory(
        member=world.councillor, topic=planning_topic, completed_on=datetime.date(2024, 1, 1)
    )
    assert not _state(
        selectors.checklist_for(induction, TODAY), DerivedFrom.MANDATORY_TRAINING
    ).done
    CompletionFactory(
        member=world.councillor, topic=planning_topic, completed_on=datetime.date(2026, 1, 1)
    )
    assert _state(selectors.checklist_for(induction, TODAY), DerivedFrom.MANDATORY_TRAINING).done


def test_inactive_items_are_left_off(world):
    induction = MemberInductionFactory(member=world.councillor)
    item = ChecklistItem.objects.filter(derived_from="").first()
    ChecklistProgressFactory(induction=induction, item=item)
    item.is_active = False
    item.save()
    assert item not in [s.item for s in selectors.checklist_for(induction, TODAY)]


def test_intake_grid_and_group_summary(world):
    # Nobody has booked the mandatory topic, so that derived item is not done for anyone.
    TopicFactory(name="Code of conduct", is_mandatory=True, required_for_roles=[Role.COUNCILLOR])
    intake = IntakeFactory()
    items = selectors.active_items()
    manual = [item for item in items if item.is_manual]
    red = MemberInductionFactory(intake=intake, member=world.councillor)
    MemberInductionFactory(intake=intake, member=world.independent)
    blue = MemberInductionFactory(intake=intake, member=world.other)
    for item in manual[:3]:
        ChecklistProgressFactory(induction=red, item=item)
    ChecklistProgressFactory(induction=blue, item=manual[0])
    DbsCheckFactory(member=world.other, state="verified", verified_on=datetime.date(2026, 5, 1))
    MemberInductionFactory(member=world.colleague)  # another intake

    grid_items, rows = selectors.intake_grid(intake, TODAY)
    assert grid_items == items
    by_member = {row.induction.member: row for row in rows}
    assert set(by_member) == {world.councillor, world.independent, world.other}
    assert by_member[world.councillor].done_count == 3
    # Verified DBS counts for both DBS items.
    assert by_member[world.other].done_count == 3
    assert by_member[world.independent].group_label == NON_ALIGNED_LABEL
    summaries = selectors.group_summaries(rows, selectors.dbs_states([m.pk for m in by_member]))
    assert [(s.label, s.members, s.done, s.total, s.dbs_verified) for s in summaries] == [
        ("Blue Party", 1, 3, len(items), 1),
        ("Red Party", 1, 3, len(items), 0),
        (NON_ALIGNED_LABEL, 1, 0, len(items), 0),
    ]
    _, red_rows = selectors.intake_grid(intake, TODAY, group_ids={world.group_red.pk})
    assert [row.induction.member for row in red_rows] == [world.councillor]


def test_whip_rows_cover_only_their_groups_in_office(world):
    TopicFactory(name="Code of conduct", is_mandatory=True, required_for_roles=[Role.COUNCILLOR])
    intake = IntakeFactory()
    induction = MemberInductionFactory(intake=intake, member=world.councillor)
    ChecklistProgressFactory(
        induction=induction, item=ChecklistItem.objects.filter(derived_from="").first()
    )
    DbsCheckFactory(member=world.colleague)
    former = CouncillorFactory(profile__political_group=world.group_red)
    former.councillor_profile.term_end = datetime.date(2025, 1, 1)
    former.councillor_profile.save()
    rows = selectors.whip_rows({world.group_red.pk}, TODAY)
    assert {row.member for row in rows} == {world.councillor, world.colleague, world.whip}
    by_member = {row.member: row for row in rows}
    assert by_member[world.councillor].intake == intake
    assert by_member[world.councillor].done == 1
    assert by_member[world.colleague].intake is None
    assert by_member[world.colleague].dbs_state_label == "Submitted"
    assert by_member[world.whip].dbs_state_label == "Not started"


def test_dbs_rows_filters(world):
    DbsCheckFactory(member=world.councillor)
    DbsCheckFactory(member=world.other, state="verified", verified_on=datetime.date(2026, 5, 1))
    everyone = selectors.dbs_rows(TODAY)
    assert {row.member for row in everyone} == {
        world.councillor,
        world.colleague,
        world.other,
        world.independent,
        world.whip,
    }
    assert {r.member for r in selectors.dbs_rows(TODAY, state="not_started")} == {
        world.colleague,
        world.independent,
        world.whip,
    }
    assert {r.member for r in selectors.dbs_rows(TODAY, group="none")} == {world.independent}
    assert {r.member for r in selectors.dbs_rows(TODAY, group=str(world.group_blue.pk))} == {
        world.other
    }


def test_dbs_renewal_overdue(world):
    check = DbsCheckFactory(
        member=world.councillor,
        state="verified",
        verified_on=datetime.date(2023, 5, 1),
        renewal_due_on=datetime.date(2026, 5, 1),
    )
    row = selectors.DbsRow(world.councillor, "Red Party", check)
    assert row.renewal_overdue(TODAY)
    assert not row.renewal_overdue(datetime.date(2026, 5, 1))


def test_published_intakes(world):
    today = timezone.localdate()
    shown = IntakeFactory(name="Shown", published_from=today)
    IntakeFactory(name="Later", published_from=today + datetime.timedelta(days=1))
    IntakeFactory(name="Never")
    IntakeDateFactory(intake=shown)
    assert list(selectors.published_intakes(today)) == [shown]


def test_members_in_office_and_officers(world):
    members = set(selectors.members_in_office(TODAY))
    assert members == {
        world.councillor,
        world.colleague,
        world.other,
        world.independent,
        world.whip,
    }
    officers = set(selectors.officers())
    assert {world.support, world.democratic, world.admin, world.highways_officer} <= officers
    assert not officers & members
    assert world.mp not in officers and world.delegate not in officers
