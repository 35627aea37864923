"""The retention sweep: the notice window, exactly-once notifications, anonymising what
nobody reviewed after the grace period, attachments and audit records, idempotence, two
sweeps at once, the management command and the task."""

import re
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from councillor_hub.accounts.roles import Role
from councillor_hub.accounts.tests.factories import UserFactory
from councillor_hub.audit.models import Action, AuditEvent
from councillor_hub.casework.models import (
    Attachment,
    Case,
    Constituent,
    Status,
    TimelineEntry,
)
from councillor_hub.dataprotection.models import (
    RecordType,
    RetentionReview,
    RetentionRun,
    ReviewDecision,
)
from councillor_hub.dataprotection.services import retention
from councillor_hub.dataprotection.services.destruction import Reason
from councillor_hub.dataprotection.services.retention import retention_sweep, review_decide
from councillor_hub.dataprotection.tasks import retention_sweep_task
from councillor_hub.enquiries.models import Enquiry
from councillor_hub.notifications.models import Notification

from .retention_fixtures import (
    CONSTITUENT_LAST,
    attach,
    closed_case,
    closed_enquiry,
    closed_on_for_due,
    open_case,
    set_policy,
    standard_policies,
)


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def policies(db):
    standard_policies()


def _due_in(days: int, today):
    """The closing date (24-month policy) that makes a record due `days` from today."""
    return closed_on_for_due(today + timedelta(days=days))


def _counts(run: RetentionRun) -> dict[str, int]:
    return {name: getattr(run, name) for name in RetentionRun.COUNT_FIELDS}


ZERO = dict.fromkeys(RetentionRun.COUNT_FIELDS, 0)


# --- Opening reviews ----------------------------------------------------------------------------


def test_review_opens_within_the_notice_period(world, policies, today):
    inside = closed_case(world.councillor, closed_on=_due_in(30, today))
    outside = closed_case(world.councillor, closed_on=_due_in(31, today))
    run = retention_sweep(today=today)
    assert run.reviews_opened == 1
    review = RetentionReview.unrestricted.get()
    assert review.case == inside
    assert review.label == inside.reference
    assert review.owner == world.councillor
    assert review.record_type == RecordType.CASEWORK
    assert review.due_on == today + timedelta(days=30)
    assert review.decision == ReviewDecision.PENDING
    assert not RetentionReview.unrestricted.filter(label=outside.reference).exists()


def test_open_cases_are_never_reviewed(world, policies, today):
    open_case(world.councillor, opened_at=timezone.now() - timedelta(days=4000))
    closed_case(world.councillor, closed_on=_due_in(-500, today), status=Status.AWAITING_COUNCIL)
    assert retention_sweep(today=today).reviews_opened == 0


def test_enquiry_reviews_belong_to_the_council(world, policies, today):
    enquiry = closed_enquiry(world.councillor, closed_on=_due_in(10, today))
    closed_enquiry(world.councillor, closed_on=_due_in(10, today), status="answered")
    assert retention_sweep(today=today).reviews_opened == 1
    review = RetentionReview.unrestricted.get()
    assert review.enquiry == enquiry
    assert review.owner is None
    assert review.record_type == RecordType.ENQUIRIES


def test_councillors_shorter_period_brings_the_review_forward(world, policies, today):
    from councillor_hub.dataprotection.models import CouncillorRetention

    CouncillorRetention.objects.create(councillor=world.councillor, casework_months=6)
    closed = retention.add_months(today + timedelta(days=5), -6)
    mine = closed_case(world.councillor, closed_on=closed)
    colleagues = closed_case(world.colleague, closed_on=closed)
    retention_sweep(today=today)
    assert list(RetentionReview.unrestricted.values_list("label", "due_on")) == [
        (mine.reference, today + timedelta(days=5))
    ]
    assert not RetentionReview.unrestricted.filter(label=colleagues.reference).exists()


def test_notice_period_is_per_policy(world, policies, today):
    set_policy(RecordType.CASEWORK, 24, notice_days=60)
    closed_case(world.councillor, closed_on=_due_in(59, today))
    closed_enquiry(world.councillor, closed_on=_due_in(59, today))
    run = retention_sweep(today=today)
    assert run.reviews_opened == 1
    assert RetentionReview.unrestricted.get().record_type == RecordType.CASEWORK


# --- Notifications --------------------------------------------------------------------------


@pytest.fixture
def dpo(world):
    return UserFactory(email="dpo@demo.test", roles=[Role.DATA_PROTECTION_OFFICER])


def test_each_owner_told_once(world, policies, today, dpo, mailoutbox):
    closed_case(world.councillor, closed_on=_due_in(5, today), with_person=True)
    closed_case(world.councillor, closed_on=_due_in(6, today))
    closed_case(world.colleague, closed_on=_due_in(7, today))
    closed_enquiry(world.other, closed_on=_due_in(8, today))
    run = retention_sweep(today=today)
    assert run.reviews_opened == 4
    assert run.owners_notified == 3  # two councillors and the council
    url = reverse("dataprotection:retention_list")
    assert list(
        Notification.objects.filter(recipient=world.councillor).values_list("title", "url")
    ) == [("2 cases are due for retention review", url)]
    assert list(Notification.objects.filter(recipient=world.colleague).values_list("title")) == [
        ("1 case is due for retention review",)
    ]
    assert list(Notification.objects.filter(recipient=dpo).values_list("title")) == [
        ("1 enquiry is due for retention review",)
    ]
    assert not Notification.objects.filter(recipient=world.other).exists()
    assert len(mailoutbox) == 3
    assert all(CONSTITUENT_LAST not in m.body + m.subject for m in mailoutbox)
    assert not RetentionReview.unrestricted.filter(owner_notified_at__isnull=True).exists()

    again = retention_sweep(today=today)
    assert _counts(again) == ZERO
    assert Notification.objects.count() == 3
    assert len(mailoutbox) == 3

    # Tomorrow another case falls into the window: the owner hears about that one only.
    closed_case(world.councillor, closed_on=_due_in(31, today))
    later = retention_sweep(today=today + timedelta(days=1))
    assert (later.reviews_opened, later.owners_notified) == (1, 1)
    titles = list(
        Notification.objects.filter(recipient=world.councillor)
        .order_by("id")
        .values_list("title", flat=True)
    )
    assert titles == [
        "2 cases are due for retention review",
        "1 case is due for retention review",
    ]


def test_council_reviews_wait_for_a_data_protection_officer(world, policies, today):
    closed_enquiry(world.councillor, closed_on=_due_in(5, today))
    run = retention_sweep(today=today)
    assert (run.reviews_opened, run.owners_notified) == (1, 0)
    assert RetentionReview.unrestricted.get().owner_notified_at is None
    officer = UserFactory(roles=[Role.DATA_PROTECTION_OFFICER])
    second = UserFactory(roles=[Role.DATA_PROTECTION_OFFICER])
    assert retention_sweep(today=today).owners_notified == 1
    assert Notification.objects.filter(recipient__in=[officer, second]).count() == 2
    assert retention_sweep(today=today).owners_notified == 0


# --- Anonymising what nobody reviewed -----------------------------------------------------------


def test_unreviewed_case_anonymised_after_the_grace_period(world, policies, today):
    case = closed_case(world.councillor, closed_on=_due_in(10, today), with_person=True)
    attachment = attach(case)
    storage, name = attachment.file.storage, attachment.file.name
    retention_sweep(today=today)
    review = RetentionReview.unrestricted.get()
    due = review.due_on

    day_before = retention_sweep(today=due + timedelta(days=29))
    assert day_before.anonymised_unreviewed == 0
    run = retention_sweep(today=due + timedelta(days=30))
    assert run.anonymised_unreviewed == 1

    case = Case.unrestricted.get(pk=case.pk)
    assert case.is_anonymised
    assert CONSTITUENT_LAST not in case.title + case.description
    assert case.category.name == "Highways" and case.ward == world.ward_a
    assert case.outcome and case.closed_at
    assert not Constituent.unrestricted.filter(last_name=CONSTITUENT_LAST).exists()
    assert not TimelineEntry.unrestricted.filter(case=case).exists()
    assert not Attachment.unrestricted.filter(case=case).exists()
    assert not storage.exists(name)
    review.refresh_from_db()
    assert review.decision == ReviewDecision.ANONYMISE
    assert review.automatic
    assert review.decided_by is None
    assert review.done_at and review.decided_at
    events = AuditEvent.objects.filter(action=Action.ANONYMISE, object_label=case.reference)
    assert events.count() == 1
    assert Reason.RETENTION_UNREVIEWED in events.get().detail
    assert events.get().actor is None

    again = retention_sweep(today=due + timedelta(days=30))
    assert _counts(again) == ZERO
    assert events.count() == 1
    assert retention_sweep(today=due + timedelta(days=31)).anonymised_unreviewed == 0


def test_unreviewed_enquiry_anonymised(world, policies, today):
    enquiry = closed_enquiry(world.councillor, closed_on=_due_in(0, today))
    retention_sweep(today=today)
    run = retention_sweep(today=today + timedelta(days=30))
    assert run.anonymised_unreviewed == 1
    enquiry = Enquiry.unrestricted.get(pk=enquiry.pk)
    assert enquiry.anonymised_at and enquiry.constituent_name == ""
    assert RetentionReview.unrestricted.get().automatic


def test_a_backlog_gets_the_full_grace_period(world, policies, today):
    """Records long overdue when the sweep first sees them are not anonymised the same day:
    the owner is told and gets the grace period from then."""
    case = closed_case(world.councillor, closed_on=_due_in(-400, today))
    run = retention_sweep(today=today)
    assert (run.reviews_opened, run.anonymised_unreviewed) == (1, 0)
    assert retention_sweep(today=today + timedelta(days=29)).anonymised_unreviewed == 0
    assert retention_sweep(today=today + timedelta(days=30)).anonymised_unreviewed == 1
    assert Case.unrestricted.get(pk=case.pk).is_anonymised


def test_a_kept_case_is_not_anonymised_and_comes_back_for_review(world, policies, today):
    case = closed_case(world.councillor, closed_on=_due_in(5, today))
    retention_sweep(today=today)
    review = RetentionReview.unrestricted.get()
    keep_until = today + timedelta(days=200)
    review_decide(
        actor=world.councillor,
        review=review,
        decision=ReviewDecision.KEEP,
        keep_until=keep_until,
        keep_reason="Complaint to the ombudsman still open",
    )
    assert retention_sweep(today=today + timedelta(days=60)).anonymised_unreviewed == 0
    assert not Case.unrestricted.get(pk=case.pk).is_anonymised
    # 30 days before the new date, a new review opens.
    run = retention_sweep(today=keep_until - timedelta(days=30))
    assert run.reviews_opened == 1
    new = RetentionReview.unrestricted.get(decision=ReviewDecision.PENDING)
    assert new.due_on == keep_until and new.label == case.reference


def test_a_reopened_case_loses_its_review(world, policies, today):
    case = closed_case(world.councillor, closed_on=_due_in(5, today), with_person=True)
    retention_sweep(today=today)
    Case.unrestricted.filter(pk=case.pk).update(status=Status.OPEN)
    run = retention_sweep(today=today + timedelta(days=60))
    assert run.anonymised_unreviewed == 0
    assert not RetentionReview.unrestricted.exists()
    assert not Case.unrestricted.get(pk=case.pk).is_anonymised


def test_one_failure_does_not_stop_the_sweep(world, policies, today, monkeypatch):
    first = closed_case(world.councillor, closed_on=_due_in(0, today))
    second = closed_case(world.councillor, closed_on=_due_in(0, today))
    retention_sweep(today=today)
    real = retention.destruction.case_anonymise

    def flaky(*, case, actor, reason):
        if case.pk == first.pk:
            raise RuntimeError("disk full")
        return real(case=case, actor=actor, reason=reason)

    monkeypatch.setattr(retention.destruction, "case_anonymise", flaky)
    run = retention_sweep(today=today + timedelta(days=30))
    assert run.anonymised_unreviewed == 1
    assert not Case.unrestricted.get(pk=first.pk).is_anonymised
    assert Case.unrestricted.get(pk=second.pk).is_anonymised
    assert RetentionReview.unrestricted.get(case=first).decision == ReviewDecision.PENDING
    monkeypatch.setattr(retention.destruction, "case_anonymise", real)
    assert retention_sweep(today=today + timedelta(days=30)).anonymised_unreviewed == 1


# --- Attachments and audit records ---------------------------------------------------------------


def test_old_attachments_removed_when_their_policy_is_shorter(world, policies, today):
    set_policy(RecordType.ATTACHMENTS, 6)
    old = closed_case(world.councillor, closed_on=retention.add_months(today, -6))
    young = closed_case(world.councillor, closed_on=retention.add_months(today, -6) + timedelta(1))
    kept = closed_case(
        world.councillor,
        closed_on=retention.add_months(today, -7),
        retain_until=today + timedelta(days=100),
    )
    still_open = open_case(world.councillor)
    gone = attach(old)
    storage, name = gone.file.storage, gone.file.name
    stays = [attach(young), attach(kept), attach(still_open)]
    run = retention_sweep(today=today)
    assert run.attachments_removed == 1
    assert not Attachment.unrestricted.filter(pk=gone.pk).exists()
    assert not storage.exists(name)
    assert TimelineEntry.unrestricted.get(pk=gone.entry_id).body == (
        "Attachment removed under the retention policy."
    )
    assert set(Attachment.unrestricted.values_list("pk", flat=True)) == {a.pk for a in stays}
    assert (
        AuditEvent.objects.filter(
            action=Action.DELETE, object_type="casework.attachment", object_id=str(gone.pk)
        ).count()
        == 1
    )
    assert retention_sweep(today=today).attachments_removed == 0


def test_attachments_left_to_the_case_review_when_not_shorter(world, policies, today):
    set_policy(RecordType.ATTACHMENTS, 24)
    case = closed_case(world.councillor, closed_on=retention.add_months(today, -23))
    attach(case)
    assert retention_sweep(today=today).attachments_removed == 0


def test_audit_records_older_than_the_policy_removed(world, policies, today):
    set_policy(RecordType.AUDIT, 72)
    cutoff = retention.add_months(today, -72)
    old = [
        AuditEvent.objects.create(action=Action.VIEW, object_label="CW-2019-00001")
        for _ in range(3)
    ]
    AuditEvent.objects.filter(pk__in=[e.pk for e in old]).update(
        at=retention._start_of(cutoff) - timedelta(seconds=1)
    )
    young = AuditEvent.objects.create(action=Action.VIEW, object_label="CW-2020-00001")
    AuditEvent.objects.filter(pk=young.pk).update(at=retention._start_of(cutoff))
    run = retention_sweep(today=today)
    assert run.audit_records_removed == 3
    assert list(AuditEvent.objects.values_list("pk", flat=True)) == [young.pk]
    assert retention_sweep(today=today).audit_records_removed == 0


# --- Idempotence and concurrency ---------------------------------------------------------------


def test_second_run_the_same_day_does_nothing(world, policies, today, dpo):
    set_policy(RecordType.ATTACHMENTS, 6)
    closed_case(world.councillor, closed_on=_due_in(3, today), with_person=True)
    closed_enquiry(world.councillor, closed_on=_due_in(3, today))
    overdue = closed_case(world.colleague, closed_on=_due_in(-31, today))
    RetentionReview.unrestricted.create(
        record_type=RecordType.CASEWORK,
        case=overdue,
        label=overdue.reference,
        owner=world.colleague,
        due_on=today - timedelta(days=31),
        owner_notified_at=timezone.now(),
    )
    RetentionReview.unrestricted.filter(case=overdue).update(
        created_at=timezone.now() - timedelta(days=40)
    )
    attach(closed_case(world.other, closed_on=retention.add_months(today, -7)))
    old = AuditEvent.objects.create(action=Action.VIEW, object_label="CW-2018-00001")
    AuditEvent.objects.filter(pk=old.pk).update(at=timezone.now() - timedelta(days=365 * 7))

    first = retention_sweep(today=today)
    assert _counts(first) == {
        **ZERO,
        "reviews_opened": 2,  # the councillor's case and the enquiry
        "owners_notified": 2,  # the councillor and the council (the colleague was told before)
        "anonymised_unreviewed": 1,
        "attachments_removed": 1,
        "audit_records_removed": 1,
    }
    assert first.did_anything and first.finished_at
    audit_count = AuditEvent.objects.count()
    notes = Notification.objects.count()
    reviews = list(RetentionReview.unrestricted.order_by("pk").values())

    second = retention_sweep(today=today)
    assert _counts(second) == ZERO
    assert not second.did_anything
    assert AuditEvent.objects.count() == audit_count
    assert Notification.objects.count() == notes
    assert list(RetentionReview.unrestricted.order_by("pk").values()) == reviews
    assert RetentionRun.objects.count() == 2


def test_two_sweeps_at_once_act_once(world, policies, today, monkeypatch):
    """Sweep A lists the overdue reviews; before it acts, sweep B runs from start to finish.
    A then finds each review already done and does nothing: each record is anonymised,
    and each owner told, exactly once."""
    cases = [closed_case(world.councillor, closed_on=_due_in(0, today)) for _ in range(3)]
    retention_sweep(today=today)
    later = today + timedelta(days=30)
    real = retention._anonymise_one
    runs = []
    started = []

    def interleaved(review_id, now):
        if not started:
            started.append(True)
            runs.append(retention_sweep(today=later))  # sweep B, inside sweep A
        return real(review_id, now)

    monkeypatch.setattr(retention, "_anonymise_one", interleaved)
    sweep_a = retention_sweep(today=later)
    (sweep_b,) = runs
    assert sweep_b.anonymised_unreviewed == 3
    assert sweep_a.anonymised_unreviewed == 0
    for case in cases:
        assert (
            AuditEvent.objects.filter(action=Action.ANONYMISE, object_label=case.reference).count()
            == 1
        )


def test_the_claims_are_exactly_once(world, policies, today):
    closed_case(world.councillor, closed_on=_due_in(0, today))
    retention._open_reviews(today)
    review = RetentionReview.unrestricted.get()
    now = timezone.now()
    assert retention._notify_controller(world.councillor.pk, now) is True
    assert retention._notify_controller(world.councillor.pk, now) is False
    RetentionReview.unrestricted.filter(pk=review.pk).update(created_at=now - timedelta(days=40))
    assert retention._anonymise_one(review.pk, now) is True
    assert retention._anonymise_one(review.pk, now) is False
    assert Notification.objects.filter(recipient=world.councillor).count() == 1
    assert AuditEvent.objects.filter(action=Action.ANONYMISE).count() == 1


def test_sweep_query_count_does_not_grow_with_records(world, policies, today):
    def queries_for(count: int) -> int:
        for _ in range(count):
            closed_case(world.councillor, closed_on=today - timedelta(days=100))
            closed_enquiry(world.councillor, closed_on=today - timedelta(days=100))
            open_case(world.councillor)
        with CaptureQueriesContext(connection) as captured:
            retention_sweep(today=today)
        return len(captured)

    assert queries_for(2) == queries_for(30)


# --- Command and task ----------------------------------------------------------------------------


def test_management_command_prints_the_report(world, policies, today):
    closed_case(world.councillor, closed_on=_due_in(3, today))
    out = StringIO()
    call_command("retention_sweep", "--date", today.isoformat(), stdout=out)
    text = out.getvalue()
    assert "Reviews opened: 1" in text
    assert "Owners told about new reviews: 1" in text
    assert re.search(r"Retention sweep run \d+ finished\.", text)
    out = StringIO()
    call_command("retention_sweep", "--date", today.isoformat(), stdout=out)
    assert "Reviews opened: 0" in out.getvalue()
    assert "finished: nothing was due" in out.getvalue()


@pytest.mark.parametrize("bad", ["tomorrow", "2026-02-30", "2026-13-01", "99999-01-01"])
def test_management_command_refuses_a_bad_date(db, bad):
    with pytest.raises(CommandError, match="real date"):
        call_command("retention_sweep", "--date", bad, stdout=StringIO())


def test_task_runs_the_sweep(world, policies, today):
    closed_case(world.councillor, closed_on=_due_in(3, today))
    result = retention_sweep_task.enqueue(today.isoformat())
    assert result.return_value["reviews_opened"] == 1
    assert retention_sweep_task.enqueue().return_value["reviews_opened"] == 0
    assert RetentionRun.objects.count() == 2


def test_two_sweeps_in_parallel_on_postgresql(transactional_db, world, today):
    """Two sweeps in separate threads (separate connections and transactions) at the same
    moment: each review is opened, each owner told and each record anonymised exactly once.
    PostgreSQL only: the test database of SQLite is an in-memory one shared between threads."""
    import threading

    from django.db import connections

    if connection.vendor != "postgresql":
        pytest.skip("needs a database with row locks and real concurrent connections")
    standard_policies()
    overdue = [closed_case(world.councillor, closed_on=_due_in(-40, today)) for _ in range(8)]
    for case in overdue:
        RetentionReview.unrestricted.create(
            record_type=RecordType.CASEWORK,
            case=case,
            label=case.reference,
            owner=world.councillor,
            due_on=today - timedelta(days=40),
            owner_notified_at=timezone.now(),
        )
    RetentionReview.unrestricted.update(created_at=timezone.now() - timedelta(days=60))
    for _ in range(8):
        closed_case(world.colleague, closed_on=_due_in(5, today))
    barrier = threading.Barrier(2)
    runs, errors = [], []

    def sweep():
        try:
            barrier.wait(timeout=10)
            runs.append(retention_sweep(today=today))
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=sweep) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    assert sum(run.anonymised_unreviewed for run in runs) == 8
    assert sum(run.reviews_opened for run in runs) == 8
    assert sum(run.owners_notified for run in runs) == 1
    assert Notification.objects.filter(recipient=world.colleague).count() == 1
    for case in overdue:
        events = AuditEvent.objects.filter(action=Action.ANONYMISE, object_label=case.reference)
        assert events.count() == 1
    assert RetentionReview.unrestricted.filter(owner=world.colleague).count() == 8
