"""Induction services: each re-checks permission, validates in GOV.UK wording, keeps history
and records an audit event that names records by type and id only."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from councillor_hub.accounts.tests.factories import CouncillorFactory
from councillor_hub.audit.models import Action, AuditEvent
from councillor_hub.induction import services
from councillor_hub.induction.models import (
    ChecklistItem,
    ChecklistProgress,
    DbsCheck,
    DbsState,
    DerivedFrom,
    IntakeKind,
)

from .factories import (
    ChecklistItemFactory,
    DbsCheckFactory,
    IntakeFactory,
    MemberInductionFactory,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 1)


def _errors(excinfo) -> dict:
    return excinfo.value.message_dict


# --- Checklist items -----------------------------------------------------------------------


def test_only_managers_change_the_checklist(world):
    for person in (world.councillor, world.whip, world.support, world.manager):
        with pytest.raises(PermissionDenied):
            services.checklist_item_create(actor=person, title="Photo taken")
    assert not ChecklistItem.objects.filter(title="Photo taken").exists()


def test_item_create_goes_to_the_end_and_is_audited_without_its_title(world):
    last = ChecklistItem.objects.order_by("-order").first().order
    item = services.checklist_item_create(actor=world.democratic, title="  Photo taken  ")
    assert item.title == "Photo taken"
    assert item.order == last + 10
    assert item.is_active and item.is_manual
    event = AuditEvent.objects.get(action=Action.CREATE, object_id=str(item.pk))
    assert event.object_label == f"Checklist item #{item.pk}"
    assert "Photo" not in event.object_label + event.detail
    assert item.history.first().history_user == world.democratic


def test_item_needs_a_title_and_a_known_source(world):
    with pytest.raises(ValidationError) as excinfo:
        services.checklist_item_create(actor=world.democratic, title=" ", derived_from="magic")
    assert _errors(excinfo) == {
        "title": ["Enter the title"],
        "derived_from": ["Select how the item is completed"],
    }


def test_item_update_retires_and_reorders(world):
    item = ChecklistItemFactory(title="Parking permit")
    services.checklist_item_update(
        actor=world.admin, item=item, title="Parking permit issued", order=3, is_active=False
    )
    item.refresh_from_db()
    assert (item.title, item.order, item.is_active) == ("Parking permit issued", 3, False)


# --- Intakes and dates ---------------------------------------------------------------------


def test_intake_create_and_duplicate_name(world):
    intake = services.intake_create(
        actor=world.democratic,
        name="May 2027 elections",
        kind=IntakeKind.ELECTION,
        election_date=datetime.date(2027, 5, 6),
        published_from=datetime.date(2027, 1, 4),
    )
    assert intake.published_from == datetime.date(2027, 1, 4)
    with pytest.raises(ValidationError) as excinfo:
        services.intake_create(
            actor=world.democratic,
            name="may 2027 ELECTIONS",
            kind="referendum",
            election_date=None,
        )
    assert _errors(excinfo) == {
        "name": ["There is already an intake with this name"],
        "kind": ["Select whether this is an election or a by-election"],
        "election_date": ["Enter the date of the election"],
    }
    # Saving an intake under its own name is fine.
    services.intake_update(
        actor=world.democratic,
        intake=intake,
        name="May 2027 elections",
        kind=IntakeKind.ELECTION,
        election_date=datetime.date(2027, 5, 6),
    )
    intake.refresh_from_db()
    assert intake.published_from is None


def test_intake_dates_added_changed_and_removed(world):
    intake = IntakeFactory()
    date = services.intake_date_save(
        actor=world.democratic,
        intake=intake,
        kind="key_date",
        title="Declaration of results",
        on=datetime.date(2026, 5, 8),
    )
    services.intake_date_save(
        actor=world.democratic,
        intake=intake,
        date=date,
        kind="event",
        title="Induction day",
        on=datetime.date(2026, 5, 12),
        location="Council Chamber",
    )
    date.refresh_from_db()
    assert (date.title, date.location) == ("Induction day", "Council Chamber")
    other = IntakeFactory()
    with pytest.raises(PermissionDenied):
        services.intake_date_save(
            actor=world.democratic, intake=other, date=date, kind="event", title="x", on=TODAY
        )
    services.intake_date_delete(actor=world.democratic, date=date)
    assert not intake.dates.exists()
    assert AuditEvent.objects.filter(action=Action.DELETE, object_type="induction.intakedate")


def test_intake_date_needs_kind_title_and_date(world):
    with pytest.raises(ValidationError) as excinfo:
        services.intake_date_save(
            actor=world.democratic, intake=IntakeFactory(), kind="", title="", on=None
        )
    assert set(_errors(excinfo)) == {"kind", "title", "on"}


# --- Members and buddies -------------------------------------------------------------------


def test_members_added_once_and_only_members_in_office(world):
    intake = IntakeFactory()
    created = services.intake_members_add(
        actor=world.democratic, intake=intake, members=[world.councillor, world.colleague]
    )
    assert {i.member for i in created} == {world.councillor, world.colleague}
    again = services.intake_members_add(
        actor=world.democratic, intake=intake, members=[world.councillor, world.other]
    )
    assert [i.member for i in again] == [world.other]
    assert intake.inductions.count() == 3
    for not_members in ([], [world.support], [world.mp]):
        with pytest.raises(ValidationError):
            services.intake_members_add(actor=world.democratic, intake=intake, members=not_members)
    former = CouncillorFactory()
    former.councillor_profile.term_end = datetime.date(2020, 5, 1)
    former.councillor_profile.save()
    with pytest.raises(ValidationError):
        services.intake_members_add(actor=world.democratic, intake=intake, members=[former])
    with pytest.raises(PermissionDenied):
        services.intake_members_add(actor=world.whip, intake=intake, members=[world.colleague])


def test_buddies(world):
    induction = MemberInductionFactory(member=world.councillor)
    services.induction_buddies_set(
        actor=world.democratic,
        induction=induction,
        political_buddy=world.colleague,
        officer_buddy=world.support,
    )
    induction.refresh_from_db()
    assert (induction.political_buddy, induction.officer_buddy) == (world.colleague, world.support)
    with pytest.raises(ValidationError) as excinfo:
        services.induction_buddies_set(
            actor=world.democratic,
            induction=induction,
            political_buddy=world.councillor,
            officer_buddy=world.colleague,
        )
    assert _errors(excinfo) == {
        "political_buddy": ["A member cannot be their own political buddy"],
        "officer_buddy": ["Select an officer from the list as officer buddy"],
    }
    with pytest.raises(ValidationError) as excinfo:
        services.induction_buddies_set(
            actor=world.democratic,
            induction=induction,
            political_buddy=world.support,
            officer_buddy=None,
        )
    assert "political_buddy" in _errors(excinfo)
    services.induction_buddies_set(
        actor=world.democratic, induction=induction, political_buddy=None, officer_buddy=None
    )
    induction.refresh_from_db()
    assert induction.political_buddy is None and induction.officer_buddy is None


# --- Progress ------------------------------------------------------------------------------


def test_progress_record_done_and_undone(world):
    induction = MemberInductionFactory(member=world.councillor)
    item = ChecklistItemFactory(title="Laptop issued")
    progress = services.progress_record(
        actor=world.democratic,
        induction=induction,
        item=item,
        done=True,
        note="Asset 42",
        today=TODAY,
    )
    assert (progress.done_on, progress.done_by, progress.note) == (
        TODAY,
        world.democratic,
        "Asset 42",
    )
    # Saving again without a date keeps the date recorded.
    later = TODAY + datetime.timedelta(days=5)
    progress = services.progress_record(
        actor=world.admin, induction=induction, item=item, done=True, note="Asset 43", today=later
    )
    assert progress.done_on == TODAY and progress.note == "Asset 43"
    assert progress.done_by == world.admin
    assert (
        services.progress_record(
            actor=world.democratic, induction=induction, item=item, done=False, today=TODAY
        )
        is None
    )
    assert not ChecklistProgress.objects.filter(induction=induction).exists()
    assert ChecklistProgress.history.filter(history_type="-").count() == 1
    labels = set(
        AuditEvent.objects.filter(object_type="induction.checklistprogress").values_list(
            "object_label", flat=True
        )
    )
    assert labels == {f"Induction #{induction.pk}"}


def test_progress_refuses_future_dates_derived_items_and_non_managers(world):
    induction = MemberInductionFactory(member=world.councillor)
    item = ChecklistItemFactory()
    with pytest.raises(ValidationError) as excinfo:
        services.progress_record(
            actor=world.democratic,
            induction=induction,
            item=item,
            done=True,
            done_on=TODAY + datetime.timedelta(days=1),
            today=TODAY,
        )
    assert _errors(excinfo) == {"done_on": ["The date it was done must be today or in the past"]}
    derived = ChecklistItem.objects.get(derived_from=DerivedFrom.DBS_VERIFIED)
    with pytest.raises(ValidationError):
        services.progress_record(
            actor=world.democratic, induction=induction, item=derived, done=True
        )
    with pytest.raises(PermissionDenied):
        services.progress_record(actor=world.councillor, induction=induction, item=item, done=True)
    assert not ChecklistProgress.objects.exists()


def test_progress_tick_sets_exactly_the_ticked_manual_items(world):
    induction = MemberInductionFactory(member=world.councillor)
    manual = list(ChecklistItem.objects.filter(derived_from="", is_active=True))
    retired = ChecklistItemFactory(is_active=False)
    derived = ChecklistItem.objects.exclude(derived_from="").first()
    first, second = manual[0], manual[1]
    ticked, unticked = services.progress_tick(
        actor=world.democratic,
        induction=induction,
        done_item_ids={first.pk, second.pk, derived.pk, retired.pk},
        today=TODAY,
    )
    assert (ticked, unticked) == (2, 0)
    assert set(induction.progress.values_list("item_id", flat=True)) == {first.pk, second.pk}
    ticked, unticked = services.progress_tick(
        actor=world.democratic, induction=induction, done_item_ids={second.pk}, today=TODAY
    )
    assert (ticked, unticked) == (0, 1)
    assert set(induction.progress.values_list("item_id", flat=True)) == {second.pk}


# --- DBS -----------------------------------------------------------------------------------


def test_dbs_check_has_no_certificate_or_outcome_fields():
    names = {field.name for field in DbsCheck._meta.get_fields()}
    assert names == {
        "id",
        "member",
        "state",
        "submitted_on",
        "verified_on",
        "renewal_due_on",
        "updated_by",
        "updated_at",
    }


def test_dbs_states_and_dates(world):
    submitted = datetime.date(2026, 5, 10)
    check = services.dbs_check_set(
        actor=world.democratic,
        member=world.councillor,
        state=DbsState.SUBMITTED,
        submitted_on=submitted,
        verified_on=datetime.date(2026, 5, 20),
        today=TODAY,
    )
    # Dates that do not belong to the state are dropped.
    assert (check.state, check.submitted_on, check.verified_on) == ("submitted", submitted, None)
    check = services.dbs_check_set(
        actor=world.democratic,
        member=world.councillor,
        state=DbsState.VERIFIED,
        submitted_on=submitted,
        verified_on=datetime.date(2026, 5, 29),
        today=TODAY,
    )
    assert check.renewal_due_on == datetime.date(2029, 5, 29)  # 3 years unless given
    assert DbsCheck.objects.filter(member=world.councillor).count() == 1
    check = services.dbs_check_set(
        actor=world.democratic,
        member=world.councillor,
        state=DbsState.NOT_STARTED,
        submitted_on=submitted,
        today=TODAY,
    )
    assert (check.submitted_on, check.verified_on, check.renewal_due_on) == (None, None, None)
    assert check.history.count() == 3
    events = AuditEvent.objects.filter(object_type="induction.dbscheck")
    assert {e.object_label for e in events} == {f"DBS check #{check.pk}"}


@pytest.mark.parametrize(
    ("arguments", "errors"),
    [
        ({"state": "lost"}, {"state"}),
        ({"state": "submitted"}, {"submitted_on"}),
        ({"state": "verified"}, {"verified_on"}),
        ({"state": "submitted", "submitted_on": datetime.date(2026, 6, 2)}, {"submitted_on"}),
        ({"state": "verified", "verified_on": datetime.date(2026, 6, 2)}, {"verified_on"}),
        (
            {
                "state": "verified",
                "submitted_on": datetime.date(2026, 5, 2),
                "verified_on": datetime.date(2026, 5, 1),
            },
            {"verified_on"},
        ),
        (
            {
                "state": "verified",
                "verified_on": datetime.date(2026, 5, 1),
                "renewal_due_on": datetime.date(2026, 5, 1),
            },
            {"renewal_due_on"},
        ),
    ],
)
def test_dbs_refuses_bad_dates(world, arguments, errors):
    with pytest.raises(ValidationError) as excinfo:
        services.dbs_check_set(
            actor=world.democratic, member=world.councillor, today=TODAY, **arguments
        )
    assert set(_errors(excinfo)) == errors
    assert not DbsCheck.objects.exists()


def test_dbs_only_for_members_in_office_and_only_by_managers(world):
    with pytest.raises(PermissionDenied):
        services.dbs_check_set(actor=world.democratic, member=world.support, state="not_started")
    with pytest.raises(PermissionDenied):
        services.dbs_check_set(actor=world.whip, member=world.councillor, state="not_started")
    DbsCheckFactory(member=world.colleague)
    with pytest.raises(PermissionDenied):
        services.dbs_check_set(
            actor=world.colleague,
            member=world.colleague,
            state="verified",
            verified_on=TODAY,
            today=TODAY,
        )
    assert DbsCheck.objects.get(member=world.colleague).state == "submitted"


def test_members_added_are_told_after_commit(world, django_capture_on_commit_callbacks):
    from councillor_hub.notifications.models import Notification

    intake = IntakeFactory()
    with django_capture_on_commit_callbacks(execute=True):
        services.intake_members_add(
            actor=world.democratic, intake=intake, members=[world.councillor]
        )
    notification = Notification.objects.get(recipient=world.councillor)
    assert notification.title == services.NEW_MEMBER_TITLE
    assert notification.url == "/induction/"
    with django_capture_on_commit_callbacks(execute=True):
        services.intake_members_add(
            actor=world.democratic, intake=intake, members=[world.councillor]
        )
    assert Notification.objects.filter(recipient=world.councillor).count() == 1
