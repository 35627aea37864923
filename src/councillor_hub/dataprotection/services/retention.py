"""Retention: when closed casework and enquiries fall due for destruction, the owner's
decision on each (keep, anonymise or delete), each councillor's own shorter period, and the
daily sweep that does the rest.

Due dates. A closed case that has not been anonymised is due on its `retain_until` date (set
by a "keep" decision) if it has one, otherwise on the day it closed (local date) plus the
owner's retention period in months: their own period if they chose one (never more than the
council's maximum), else the council's casework policy. Month arithmetic keeps the day of the
month, or takes the month's last day where it has no such day (31 January + 1 month = 28 or
29 February). Enquiries (the council's) work the same way from their `closed_at`, for the
statuses that end an enquiry (closed, redirected, duplicate). Open records are never due.

The sweep (`retention_sweep`, run daily by `manage.py retention_sweep` or the
`retention_sweep_task` task) does, each step exactly once however often it runs:
  1. drops pending reviews that no longer apply (the record was reopened, or anonymised or
     deleted another way);
  2. opens a review for each record due within the policy's notice period (the review's
     unique key, record type + reference + due date, makes this idempotent);
  3. tells each owner once about their newly opened reviews (the data protection officers
     for the council's enquiries), marking the reviews `owner_notified_at`;
  4. anonymises records still pending `grace_days` after their due date (and at least
     `grace_days` after the review opened, so an owner is always given that long);
  5. deletes attachments on closed cases older than the attachments policy, where it is
     shorter than the casework policy;
  6. sends the end-of-term reminders and anonymises the casework of councillors whose
     access has ended (services/handover.py);
  7. deletes audit records older than the audit policy.

Concurrent sweeps: every destructive step re-reads and locks its row (`select_for_update`
inside a transaction; SQLite runs IMMEDIATE transactions, so writers queue) and re-checks
that the work is still to do, so two sweeps at once never act twice; each run's report
counts only what it did itself.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from councillor_hub.accounts.models import User
from councillor_hub.accounts.roles import Role
from councillor_hub.audit.models import Action, AuditEvent
from councillor_hub.audit.services import audit_record
from councillor_hub.casework.models import Attachment, Case, Status
from councillor_hub.enquiries.models import Enquiry, EnquiryStatus
from councillor_hub.notifications.services import notify

from .. import permissions
from ..dates import add_months
from ..models import (
    CouncillorRetention,
    RecordType,
    RetentionPolicy,
    RetentionReview,
    RetentionRun,
    ReviewDecision,
)
from . import destruction
from .destruction import Reason

logger = logging.getLogger(__name__)

# The enquiry statuses that end an enquiry (an answered one may still be reopened by the
# member until its follow-up window closes it).
ENQUIRY_CLOSED_STATUSES = (
    EnquiryStatus.CLOSED,
    EnquiryStatus.REDIRECTED,
    EnquiryStatus.DUPLICATE,
)
ATTACHMENT_REASON = "attachment retention period passed"
# Month arithmetic can pull a date back by at most three days (31st -> 28th), so a record
# closed up to three days after "horizon minus N months" may still be due: the database
# filter allows for that and the exact date is worked out in Python.
_MONTH_END_SLACK = timedelta(days=4)
# The earliest and latest dates turned into datetimes (avoids overflow at date.min/max).
_EARLIEST = date(1900, 1, 1)
_LATEST = date(9999, 12, 1)


# --- Dates ----------------------------------------------------------------------------------


def long_date(day: date) -> str:
    """'5 March 2027': the GOV.UK style for dates in text."""
    return f"{day.day} {day:%B %Y}"


def _start_of(day: date) -> datetime:
    """Local midnight at the start of `day`, as an aware datetime."""
    day = min(max(day, _EARLIEST), _LATEST)
    return timezone.make_aware(datetime.combine(day, time.min))


def _closed_before(horizon: date, months: int) -> datetime:
    """A bound for the database: every record closed on a day `d` with
    add_months(d, months) <= horizon closed before this moment."""
    return _start_of(add_months(horizon, -months) + _MONTH_END_SLACK)


def _due_on(*, closed_at, retain_until, months: int) -> date:
    if retain_until is not None:
        return retain_until
    return add_months(timezone.localdate(closed_at), months)


def casework_maximum_months() -> int:
    return RetentionPolicy.for_type(RecordType.CASEWORK).keep_months


def councillor_months(owner_id: int | None) -> int | None:
    """The period the councillor chose for their closed casework, if any."""
    if owner_id is None:
        return None
    return (
        CouncillorRetention.objects.filter(councillor_id=owner_id)
        .values_list("casework_months", flat=True)
        .first()
    )


def casework_keep_months(owner_id: int | None, *, maximum: int | None = None) -> int:
    """How long this owner's closed cases are kept: their own period if they chose one,
    never more than the council's maximum (which may have come down since)."""
    maximum = casework_maximum_months() if maximum is None else maximum
    own = councillor_months(owner_id)
    return min(own, maximum) if own else maximum


def _owner_months(maximum: int) -> dict[int, int]:
    """{owner id: months} for every owner whose period differs from the council's maximum."""
    return {
        owner_id: min(months, maximum)
        for owner_id, months in CouncillorRetention.objects.values_list(
            "councillor_id", "casework_months"
        )
        if months and min(months, maximum) != maximum
    }


def case_due_on(case: Case, *, months: int | None = None) -> date | None:
    """When a case falls due for destruction, or None while it is open (or anonymised)."""
    if case.status != Status.CLOSED or case.closed_at is None or case.anonymised_at:
        return None
    if months is None:
        months = casework_keep_months(case.owner_id)
    return _due_on(closed_at=case.closed_at, retain_until=case.retain_until, months=months)


def enquiry_due_on(enquiry: Enquiry, *, months: int | None = None) -> date | None:
    """When an enquiry falls due for destruction, or None while it is open (or anonymised)."""
    if (
        enquiry.status not in ENQUIRY_CLOSED_STATUSES
        or enquiry.closed_at is None
        or enquiry.anonymised_at
    ):
        return None
    if months is None:
        months = RetentionPolicy.for_type(RecordType.ENQUIRIES).keep_months
    return _due_on(closed_at=enquiry.closed_at, retain_until=enquiry.retain_until, months=months)


def _pending_review(field: str) -> Exists:
    return Exists(
        RetentionReview.unrestricted.filter(
            **{field: OuterRef("pk")}, decision=ReviewDecision.PENDING
        )
    )


def due_cases(*, on_or_before: date) -> Iterator[tuple[Case, date]]:
    """(case, due date) for every closed case due on or before the date that has no pending
    review yet. The database narrows the cases to those nearly due; only they are loaded."""
    maximum = casework_maximum_months()
    custom = _owner_months(maximum)
    by_months: dict[int, list[int]] = defaultdict(list)
    for owner_id, months in custom.items():
        by_months[months].append(owner_id)
    no_keep = Q(retain_until__isnull=True)
    condition = Q(retain_until__lte=on_or_before)
    condition |= (
        no_keep
        & ~Q(owner_id__in=list(custom))
        & Q(closed_at__lt=_closed_before(on_or_before, maximum))
    )
    for months, owner_ids in by_months.items():
        condition |= (
            no_keep
            & Q(owner_id__in=owner_ids)
            & Q(closed_at__lt=_closed_before(on_or_before, months))
        )
    cases = (
        Case.unrestricted.filter(
            status=Status.CLOSED, closed_at__isnull=False, anonymised_at__isnull=True
        )
        .filter(condition)
        .exclude(_pending_review("case"))
        .only("pk", "reference", "owner_id", "status", "closed_at", "retain_until", "anonymised_at")
        .order_by("pk")
    )
    for case in cases.iterator(chunk_size=500):
        due = case_due_on(case, months=custom.get(case.owner_id, maximum))
        if due is not None and due <= on_or_before:
            yield case, due


def due_enquiries(*, on_or_before: date) -> Iterator[tuple[Enquiry, date]]:
    """(enquiry, due date) for every closed enquiry due on or before the date that has no
    pending review yet."""
    months = RetentionPolicy.for_type(RecordType.ENQUIRIES).keep_months
    condition = Q(retain_until__lte=on_or_before) | Q(
        retain_until__isnull=True, closed_at__lt=_closed_before(on_or_before, months)
    )
    enquiries = (
        Enquiry.unrestricted.filter(
            status__in=ENQUIRY_CLOSED_STATUSES,
            closed_at__isnull=False,
            anonymised_at__isnull=True,
        )
        .filter(condition)
        .exclude(_pending_review("enquiry"))
        .only("pk", "reference", "status", "closed_at", "retain_until", "anonymised_at")
        .order_by("pk")
    )
    for enquiry in enquiries.iterator(chunk_size=500):
        due = enquiry_due_on(enquiry, months=months)
        if due is not None and due <= on_or_before:
            yield enquiry, due


# --- The record behind a review --------------------------------------------------------------


def review_record(review: RetentionReview) -> Case | Enquiry | None:
    """The review's record if it is still due for a decision: closed, not anonymised, not
    deleted. None otherwise (the review no longer applies)."""
    if review.record_type == RecordType.CASEWORK:
        if review.case_id is None:
            return None
        case = (
            Case.unrestricted.select_related("category", "ward", "owner")
            .filter(pk=review.case_id, status=Status.CLOSED, anonymised_at__isnull=True)
            .first()
        )
        return case
    if review.enquiry_id is None:
        return None
    return (
        Enquiry.unrestricted.select_related("service_area", "category", "ward")
        .filter(
            pk=review.enquiry_id,
            status__in=ENQUIRY_CLOSED_STATUSES,
            anonymised_at__isnull=True,
        )
        .first()
    )


def _stale_reviews() -> QuerySet[RetentionReview]:
    """Pending reviews whose record has been reopened, anonymised or deleted another way."""
    case_gone = Q(case__isnull=True) | Q(case__anonymised_at__isnull=False)
    case_open = ~Q(case__status=Status.CLOSED)
    enquiry_gone = Q(enquiry__isnull=True) | Q(enquiry__anonymised_at__isnull=False)
    enquiry_open = ~Q(enquiry__status__in=ENQUIRY_CLOSED_STATUSES)
    return RetentionReview.unrestricted.filter(decision=ReviewDecision.PENDING).filter(
        Q(record_type=RecordType.CASEWORK) & (case_gone | case_open)
        | Q(record_type=RecordType.ENQUIRIES) & (enquiry_gone | enquiry_open)
    )


def keep_months_for(review: RetentionReview) -> int:
    if review.record_type == RecordType.CASEWORK:
        return casework_keep_months(review.owner_id)
    return RetentionPolicy.for_type(RecordType.ENQUIRIES).keep_months


def keep_until_range(review: RetentionReview, *, today: date | None = None) -> tuple[date, date]:
    """The earliest and latest dates a "keep" decision may choose: after today and the due
    date, and no more than one retention period beyond them."""
    today = today or timezone.localdate()
    start = max(today, review.due_on)
    return start + timedelta(days=1), add_months(start, keep_months_for(review))


def keep_errors(
    review: RetentionReview, *, keep_until: date | None, keep_reason: str, today: date | None = None
) -> dict[str, str]:
    """What is wrong with a "keep" decision's date and reason, by field ({} if nothing)."""
    errors = {}
    reason = (keep_reason or "").strip()
    if not reason:
        errors["keep_reason"] = "Enter why the record must be kept"
    elif len(reason) > 500:
        errors["keep_reason"] = "The reason must be 500 characters or fewer"
    earliest, latest = keep_until_range(review, today=today)
    if keep_until is None:
        errors["keep_until"] = "Enter the date to keep the record until"
    elif keep_until < earliest:
        errors["keep_until"] = (
            "The date to keep the record until must be after "
            f"{long_date(earliest - timedelta(days=1))}"
        )
    elif keep_until > latest:
        errors["keep_until"] = (
            f"The date to keep the record until must be no later than {long_date(latest)}"
        )
    return errors


# --- Decisions -------------------------------------------------------------------------------


def _clear_old_keep_reasons(review: RetentionReview) -> None:
    """A keep reason may name someone: once the record is destroyed, blank the reasons on
    its earlier reviews too."""
    RetentionReview.unrestricted.filter(record_type=review.record_type, label=review.label).exclude(
        pk=review.pk
    ).exclude(keep_reason="").update(keep_reason="")


def _destroy(review: RetentionReview, record, *, decision: str, actor, reason: str) -> None:
    is_case = review.record_type == RecordType.CASEWORK
    if decision == ReviewDecision.ANONYMISE:
        if is_case:
            destruction.case_anonymise(case=record, actor=actor, reason=reason)
        else:
            destruction.enquiry_anonymise(enquiry=record, actor=actor, reason=reason)
    elif is_case:
        destruction.case_destroy(case=record, actor=actor, reason=reason)
    else:
        destruction.enquiry_destroy(enquiry=record, actor=actor, reason=reason)
    _clear_old_keep_reasons(review)


_DECISION_FIELDS = [
    "decision",
    "keep_until",
    "keep_reason",
    "decided_by",
    "decided_at",
    "automatic",
    "done_at",
]


@transaction.atomic
def review_decide(
    *,
    actor,
    review: RetentionReview,
    decision: str,
    keep_until: date | None = None,
    keep_reason: str = "",
    request: HttpRequest | None = None,
) -> RetentionReview:
    """Carry out the owner's decision on one review straight away: keep the record until a
    new date (with a reason), anonymise it, or delete it."""
    if not permissions.can_decide_review(actor, review):
        raise PermissionDenied("You cannot decide this review")
    if decision not in (ReviewDecision.KEEP, ReviewDecision.ANONYMISE, ReviewDecision.DELETE):
        raise ValidationError({"decision": "Select what to do with the record"})
    review = RetentionReview.unrestricted.select_for_update().get(pk=review.pk)
    if review.decision != ReviewDecision.PENDING:
        raise ValidationError("This record has already been decided")
    record = review_record(review)
    if record is None:
        raise ValidationError(
            "This record is no longer due for review: it has been reopened, anonymised or deleted"
        )
    now = timezone.now()
    if decision == ReviewDecision.KEEP:
        errors = keep_errors(review, keep_until=keep_until, keep_reason=keep_reason)
        if errors:
            raise ValidationError(errors)
        type(record).unrestricted.filter(pk=record.pk).update(retain_until=keep_until)
        audit_record(
            actor=actor,
            action=Action.RETAIN,
            obj=record,
            label=review.label,
            data_controller=review.owner if review.owner_id else None,
            # The reason stays on the review: it may name someone, the audit trail must not.
            detail=f"Kept until {keep_until.isoformat()} on a retention review",
            request=request,
        )
        review.keep_until = keep_until
        review.keep_reason = keep_reason.strip()
    else:
        _destroy(review, record, decision=decision, actor=actor, reason=Reason.RETENTION_DECISION)
    review.decision = decision
    review.decided_by = actor
    review.decided_at = now
    review.done_at = now
    review.save(update_fields=_DECISION_FIELDS)
    return review


def reviews_decide_bulk(
    *, actor, review_ids: list[int], decision: str, request: HttpRequest | None = None
) -> int:
    """Anonymise or delete several records at once. Reviews the actor may not decide, or that
    are no longer pending, are skipped. Each record goes in its own transaction. Returns how
    many were done."""
    if decision not in (ReviewDecision.ANONYMISE, ReviewDecision.DELETE):
        raise ValidationError({"decision": "Choose anonymise or delete"})
    reviews = permissions.visible_reviews(actor).filter(
        pk__in=review_ids, decision=ReviewDecision.PENDING
    )
    done = 0
    for review in list(reviews.select_related("owner")):
        try:
            review_decide(actor=actor, review=review, decision=decision, request=request)
        except ValidationError:
            continue
        done += 1
    return done


@transaction.atomic
def councillor_retention_set(
    *, actor, months: int | None, request: HttpRequest | None = None
) -> CouncillorRetention | None:
    """Set (or, with None, clear) the councillor's own retention period for their closed
    casework. Reviews already open keep their dates; new reviews use the new period."""
    if not permissions.is_own_controller(actor):
        raise PermissionDenied("Only a councillor chooses a period for their casework")
    maximum = casework_maximum_months()
    if months is not None and not 1 <= months <= maximum:
        raise ValidationError(
            {"months": f"Enter a number of months from 1 to {maximum} (the council's maximum)"}
        )
    if months is None:
        CouncillorRetention.objects.filter(councillor=actor).delete()
        setting = None
        detail = "Casework retention period set to the council's maximum"
    else:
        setting, _ = CouncillorRetention.objects.update_or_create(
            councillor=actor, defaults={"casework_months": months}
        )
        detail = f"Casework retention period set to {months} months"
    audit_record(
        actor=actor,
        action=Action.UPDATE,
        object_type="dataprotection.councillorretention",
        object_id=actor.pk,
        label="Casework retention period",
        data_controller=actor,
        detail=detail,
        request=request,
    )
    return setting


# --- The sweep -------------------------------------------------------------------------------


def _open_reviews(today: date) -> int:
    # The due records are read in full before any review is written: writing while a SQLite
    # read cursor is still open cannot wait for another writer (the task worker, a request)
    # and fails at once with "database is locked".
    opened = 0
    policy = RetentionPolicy.for_type(RecordType.CASEWORK)
    for case, due in list(due_cases(on_or_before=today + timedelta(days=policy.notice_days))):
        _, created = RetentionReview.unrestricted.get_or_create(
            record_type=RecordType.CASEWORK,
            label=case.reference,
            due_on=due,
            defaults={"case_id": case.pk, "owner_id": case.owner_id},
        )
        opened += created
    policy = RetentionPolicy.for_type(RecordType.ENQUIRIES)
    for enquiry, due in list(
        due_enquiries(on_or_before=today + timedelta(days=policy.notice_days))
    ):
        _, created = RetentionReview.unrestricted.get_or_create(
            record_type=RecordType.ENQUIRIES,
            label=enquiry.reference,
            due_on=due,
            defaults={"enquiry_id": enquiry.pk, "owner": None},
        )
        opened += created
    return opened


def _count_phrase(count: int, one: str, many: str) -> str:
    return f"1 {one} is" if count == 1 else f"{count} {many} are"


def _notify_controller(owner_id: int | None, now: datetime) -> bool:
    """Tell one controller (an owner, or the council's data protection officers) once about
    their reviews nobody has been told of. Returns whether anyone was told."""
    with transaction.atomic():
        reviews = RetentionReview.unrestricted.select_for_update().filter(
            decision=ReviewDecision.PENDING, owner_notified_at__isnull=True
        )
        if owner_id is None:
            reviews = reviews.filter(owner__isnull=True)
            recipients = list(
                User.objects.filter(is_active=True, roles__role=Role.DATA_PROTECTION_OFFICER)
                .distinct()
                .order_by("pk")
            )
        else:
            reviews = reviews.filter(owner_id=owner_id)
            recipients = list(User.objects.filter(pk=owner_id, is_active=True))
        ids = list(reviews.values_list("pk", flat=True))
        if not ids or not recipients:
            # Nobody to tell yet (no officer appointed, or the owner's account is closed):
            # left untold, so whoever takes over is told.
            return False
        RetentionReview.unrestricted.filter(pk__in=ids).update(owner_notified_at=now)
        if owner_id is None:
            title = _count_phrase(len(ids), "enquiry", "enquiries")
        else:
            title = _count_phrase(len(ids), "case", "cases")
        notify(
            recipients=recipients,
            title=f"{title} due for retention review",
            url=reverse("dataprotection:retention_list"),
        )
        return True


def _notify_owners(now: datetime) -> int:
    owner_ids = set(
        RetentionReview.unrestricted.filter(
            decision=ReviewDecision.PENDING, owner_notified_at__isnull=True
        )
        .order_by()
        .values_list("owner_id", flat=True)
        .distinct()
    )
    ordered = sorted(owner_ids - {None}) + ([None] if None in owner_ids else [])
    return sum(_notify_controller(owner_id, now) for owner_id in ordered)


def _anonymise_one(review_id: int, now: datetime) -> bool:
    try:
        with transaction.atomic():
            review = (
                RetentionReview.unrestricted.select_for_update()
                .filter(pk=review_id, decision=ReviewDecision.PENDING)
                .first()
            )
            if review is None:  # decided meanwhile, or another sweep got there first
                return False
            record = review_record(review)
            if record is None:
                review.delete()
                return False
            _destroy(
                review,
                record,
                decision=ReviewDecision.ANONYMISE,
                actor=None,
                reason=Reason.RETENTION_UNREVIEWED,
            )
            review.decision = ReviewDecision.ANONYMISE
            review.automatic = True
            review.decided_at = now
            review.done_at = now
            review.save(update_fields=_DECISION_FIELDS)
            return True
    except Exception:
        logger.exception("Retention sweep could not anonymise review %s", review_id)
        return False


def _anonymise_unreviewed(today: date, now: datetime) -> int:
    done = 0
    for record_type in (RecordType.CASEWORK, RecordType.ENQUIRIES):
        policy = RetentionPolicy.for_type(record_type)
        limit = today - timedelta(days=policy.grace_days)
        ids = list(
            RetentionReview.unrestricted.filter(
                record_type=record_type,
                decision=ReviewDecision.PENDING,
                due_on__lte=limit,
                created_at__lt=_start_of(limit + timedelta(days=1)),
            )
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        done += sum(_anonymise_one(pk, now) for pk in ids)
    return done


def _remove_attachment(attachment_id: int, today: date, months: int) -> bool:
    try:
        with transaction.atomic():
            attachment = (
                Attachment.unrestricted.select_for_update(of=("self",))
                .select_related("case__owner")
                .filter(pk=attachment_id)
                .first()
            )
            if attachment is None:  # another sweep got there first
                return False
            case = attachment.case
            if (
                case.status != Status.CLOSED
                or case.closed_at is None
                or case.anonymised_at
                or (case.retain_until and case.retain_until >= today)
                or add_months(timezone.localdate(case.closed_at), months) > today
            ):
                return False
            destruction.case_attachment_destroy(
                attachment=attachment, actor=None, reason=ATTACHMENT_REASON
            )
            return True
    except Exception:
        logger.exception("Retention sweep could not remove attachment %s", attachment_id)
        return False


def _remove_old_attachments(today: date) -> int:
    """Attachments go sooner than the rest of a closed case where the council says so. Not
    on a case kept on a recorded decision (its `retain_until` has not passed)."""
    months = RetentionPolicy.for_type(RecordType.ATTACHMENTS).keep_months
    if months >= casework_maximum_months():
        return 0  # the casework review deals with them, with the rest of the case
    candidates = (
        Attachment.unrestricted.filter(
            case__status=Status.CLOSED,
            case__closed_at__lt=_closed_before(today, months),
            case__anonymised_at__isnull=True,
        )
        .exclude(case__retain_until__gte=today)
        .order_by("pk")
        .values_list("pk", "case__closed_at")
    )
    due = [
        pk
        for pk, closed_at in candidates.iterator(chunk_size=2000)
        if add_months(timezone.localdate(closed_at), months) <= today
    ]
    return sum(_remove_attachment(pk, today, months) for pk in due)


def _purge_audit(today: date) -> int:
    """Audit records made before the same day `keep_months` ago go, in one statement."""
    months = RetentionPolicy.for_type(RecordType.AUDIT).keep_months
    deleted, _ = AuditEvent.objects.filter(at__lt=_start_of(add_months(today, -months))).delete()
    return deleted


def _handover(today: date) -> tuple[int, int]:
    from .handover import anonymise_after_access_ended, handover_reminders_send

    return handover_reminders_send(today=today), anonymise_after_access_ended(today=today)


def retention_sweep(*, today: date | None = None) -> RetentionRun:
    """Run the retention sweep once for `today` (default: the local date) and return its
    report, saved as a RetentionRun. Safe to run again at any time: nothing is done twice."""
    today = today or timezone.localdate()
    now = timezone.now()
    run = RetentionRun.objects.create(started_at=now)
    dropped, _ = _stale_reviews().delete()
    if dropped:
        logger.info("Retention sweep dropped %s review(s) that no longer apply", dropped)
    run.reviews_opened = _open_reviews(today)
    run.owners_notified = _notify_owners(now)
    run.anonymised_unreviewed = _anonymise_unreviewed(today, now)
    run.attachments_removed = _remove_old_attachments(today)
    run.handover_reminders, run.anonymised_after_term = _handover(today)
    run.audit_records_removed = _purge_audit(today)
    run.finished_at = timezone.now()
    run.save()
    return run


@dataclass(frozen=True)
class ReportLine:
    label: str
    count: int


REPORT_LABELS = {
    "reviews_opened": "Reviews opened",
    "owners_notified": "Owners told about new reviews",
    "anonymised_unreviewed": "Records anonymised after no review",
    "attachments_removed": "Attachments removed",
    "audit_records_removed": "Audit records removed",
    "handover_reminders": "End-of-term reminders sent",
    "anonymised_after_term": "Cases anonymised after casework access ended",
}


def run_report(run: RetentionRun) -> list[ReportLine]:
    return [ReportLine(REPORT_LABELS[name], getattr(run, name)) for name in run.COUNT_FIELDS]
