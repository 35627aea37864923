"""Retention: the review list (a councillor's closed cases falling due, the council's
enquiries for the data protection officer), the decision on each record or on several at
once, a councillor's own shorter retention period, and the sweep's reports.

Reviews are fetched through the permission rules (dataprotection/permissions.py), so one the
user may not decide answers 404. Lists show references, categories, wards and dates only:
a case title may hold a name, so it is not shown here (the case page is a link away)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views import View

from councillor_hub.casework.models import Case
from councillor_hub.core.forms import form_add_service_errors
from councillor_hub.enquiries.models import Enquiry

from .. import permissions
from ..forms.retention import RetentionPeriodForm, ReviewDecisionForm
from ..models import RecordType, RetentionReview, RetentionRun, ReviewDecision
from ..services.retention import (
    REPORT_LABELS,
    casework_maximum_months,
    councillor_months,
    councillor_retention_set,
    long_date,
    review_decide,
    review_record,
    reviews_decide_bulk,
)

PAGE_SIZE = 50
RUNS_PAGE_SIZE = 25
# Ids beyond a 64-bit integer cannot exist; asking the database for one is an error on SQLite.
MAX_ID = 2**63 - 1
MAX_BULK = 500
SHOW = {"pending": "Waiting for a decision", "decided": "Decided"}
BULK_ACTIONS = {ReviewDecision.ANONYMISE: "anonymise", ReviewDecision.DELETE: "delete"}
OUTCOMES = {
    ReviewDecision.KEEP: "Kept",
    ReviewDecision.ANONYMISE: "Anonymised",
    ReviewDecision.DELETE: "Deleted",
}
DONE_WORDS = {
    ReviewDecision.ANONYMISE: "anonymised",
    ReviewDecision.DELETE: "deleted",
}


def _require_tools(user) -> None:
    if not permissions.can_use_controller_tools(user):
        raise Http404("No retention review")


def _reviews(user) -> QuerySet[RetentionReview]:
    return RetentionReview.visible_to(user).select_related(
        "case__category",
        "case__ward",
        "enquiry__service_area",
        "enquiry__ward",
        "decided_by",
    )


def _review_or_404(user, pk: int) -> RetentionReview:
    if pk > MAX_ID:
        raise Http404("No such review")
    return get_object_or_404(_reviews(user), pk=pk)


@dataclass(frozen=True)
class Row:
    """One review as the list and confirmation pages show it: no personal details."""

    review: RetentionReview
    kind: str
    category: str
    ward: str
    closed_on: date | None
    record_url: str
    overdue: bool
    outcome: str


def _row(review: RetentionReview, today: date) -> Row:
    if review.record_type == RecordType.CASEWORK:
        record = review.case
        kind = "Case"
        category = record.category.name if record else ""
        url = reverse("casework:case_detail", args=[record.reference]) if record else ""
    else:
        record = review.enquiry
        kind = "Enquiry"
        category = record.service_area.name if record else ""
        url = ""  # enquiries are the council's: officers see them in the enquiries service
    if review.decision == ReviewDecision.KEEP and review.keep_until:
        outcome = f"Kept until {review.keep_until.day} {review.keep_until:%b %Y}"
    else:
        outcome = OUTCOMES.get(review.decision, "")
    closed_at = record.closed_at if record else None
    return Row(
        review=review,
        kind=kind,
        category=category,
        ward=(record.ward.name if record and record.ward else ""),
        closed_on=timezone.localdate(closed_at) if closed_at else None,
        record_url=url,
        overdue=review.decision == ReviewDecision.PENDING and review.due_on < today,
        outcome=outcome,
    )


def _noun(rows: list[Row], count: int) -> str:
    kinds = {row.kind for row in rows}
    if kinds == {"Case"}:
        return "case" if count == 1 else "cases"
    if kinds == {"Enquiry"}:
        return "enquiry" if count == 1 else "enquiries"
    return "record" if count == 1 else "records"


def _render_list(request, *, error: str = ""):
    user = request.user
    show = request.GET.get("show")
    show = show if show in SHOW else "pending"
    reviews = _reviews(user)
    if show == "pending":
        reviews = reviews.filter(decision=ReviewDecision.PENDING).order_by("due_on", "id")
    else:
        reviews = reviews.exclude(decision=ReviewDecision.PENDING).order_by("-decided_at", "-id")
    paginator = Paginator(reviews, PAGE_SIZE)
    page_obj = paginator.get_page(request.GET.get("page"))
    today = timezone.localdate()
    return render(
        request,
        "dataprotection/retention/list.html",
        {
            "page_obj": page_obj,
            "rows": [_row(review, today) for review in page_obj.object_list],
            "count": paginator.count,
            "show": show,
            "show_label": SHOW[show],
            "tabs": [(key, label, key == show) for key, label in SHOW.items()],
            "is_dpo": permissions.is_data_protection_officer(user),
            "is_councillor": permissions.is_own_controller(user),
            "both_kinds": permissions.is_data_protection_officer(user)
            and permissions.is_own_controller(user),
            "bulk_error": error,
        },
    )


class ReviewListView(LoginRequiredMixin, View):
    """The records falling due under the retention policy that this person decides on."""

    def get(self, request):
        _require_tools(request.user)
        return _render_list(request)


def _summary(review: RetentionReview, record) -> list[tuple[str, str]]:
    """(label, value) rows describing the record: categories, ward, dates, no personal data."""
    rows = [("Reference", review.label)]
    if record is None:
        return rows
    closed = long_date(timezone.localdate(record.closed_at)) if record.closed_at else "Not closed"
    if isinstance(record, Case):
        rows += [
            ("Category", record.category.name),
            ("Ward", record.ward.name if record.ward else "No ward recorded"),
            ("Status", record.get_status_display()),
            ("Outcome", record.get_outcome_display() or "Not recorded"),
            ("Opened", long_date(timezone.localdate(record.opened_at))),
            ("Closed", closed),
        ]
    else:
        rows += [
            ("Service", record.service_area.name),
            ("Category", record.category.name if record.category else "Not recorded"),
            ("Ward", record.ward.name if record.ward else "No ward recorded"),
            ("Status", record.get_status_display()),
            ("Received", long_date(timezone.localdate(record.received_at))),
            ("Closed", closed),
        ]
    return rows


def _record_url(record, user) -> str:
    if isinstance(record, Case):
        if Case.visible_to(user).filter(pk=record.pk).exists():
            return reverse("casework:case_detail", args=[record.reference])
    elif isinstance(record, Enquiry) and Enquiry.visible_to(user).filter(pk=record.pk).exists():
        return reverse("enquiries:enquiry_detail", args=[record.reference])
    return ""


class ReviewDecideView(LoginRequiredMixin, View):
    """One record due under the retention policy: keep it (with a reason and a new date),
    anonymise it or delete it."""

    template_name = "dataprotection/retention/decide.html"

    def _render(self, request, review, form=None, status=200):
        record = review_record(review) if review.decision == ReviewDecision.PENDING else None
        if record is not None and form is None:
            form = ReviewDecisionForm(review=review)
        return render(
            request,
            self.template_name,
            {
                "review": review,
                "record": record,
                "kind": "case" if review.record_type == RecordType.CASEWORK else "enquiry",
                # A decided review describes what is left: the anonymised record, or nothing.
                "summary": _summary(review, record or review.case or review.enquiry),
                "record_url": _record_url(record, request.user) if record else "",
                "form": form if record is not None else None,
                "pending": review.decision == ReviewDecision.PENDING,
                "today": timezone.localdate(),
            },
            status=status,
        )

    def get(self, request, pk):
        return self._render(request, _review_or_404(request.user, pk))

    def post(self, request, pk):
        review = _review_or_404(request.user, pk)
        if review.decision != ReviewDecision.PENDING or review_record(review) is None:
            messages.info(request, f"{review.label} is no longer waiting for a decision")
            return redirect("dataprotection:retention_decide", pk=review.pk)
        form = ReviewDecisionForm(request.POST, review=review)
        if not form.is_valid():
            return self._render(request, review, form)
        decision = form.cleaned_data["decision"]
        try:
            review = review_decide(
                actor=request.user,
                review=review,
                decision=decision,
                keep_until=form.cleaned_data.get("keep_until"),
                keep_reason=form.cleaned_data.get("keep_reason", ""),
                request=request,
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
            return self._render(request, review, form)
        if decision == ReviewDecision.KEEP:
            done = f"kept until {long_date(review.keep_until)}"
        else:
            done = DONE_WORDS[decision]
        messages.success(request, f"{review.label} {done}")
        return redirect("dataprotection:retention_list")


def _ids(values: list[str]) -> list[int]:
    ids = []
    for value in values[:MAX_BULK]:
        value = value.strip()
        if value.isdigit() and len(value) <= 18:
            ids.append(int(value))
    return list(dict.fromkeys(ids))


class ReviewBulkView(LoginRequiredMixin, View):
    """Anonymise or delete several records at once, after a confirmation step."""

    template_name = "dataprotection/retention/bulk_confirm.html"

    def get(self, request):
        _require_tools(request.user)
        return redirect("dataprotection:retention_list")

    def post(self, request):
        _require_tools(request.user)
        action = request.POST.get("action", "")
        if action not in BULK_ACTIONS:
            return _render_list(request, error="Choose to anonymise or delete the selected records")
        reviews = list(
            _reviews(request.user)
            .filter(pk__in=_ids(request.POST.getlist("reviews")), decision=ReviewDecision.PENDING)
            .order_by("due_on", "id")
        )
        if not reviews:
            return _render_list(
                request, error=f"Select at least one record to {BULK_ACTIONS[action]}"
            )
        today = timezone.localdate()
        rows = [_row(review, today) for review in reviews]
        if request.POST.get("confirm") != "yes":
            return render(
                request,
                self.template_name,
                {
                    "rows": rows,
                    "count": len(rows),
                    "noun": _noun(rows, len(rows)),
                    "action": action,
                    "verb": BULK_ACTIONS[action],
                },
            )
        done = reviews_decide_bulk(
            actor=request.user,
            review_ids=[review.pk for review in reviews],
            decision=action,
            request=request,
        )
        messages.success(request, f"{done} {_noun(rows, done)} {DONE_WORDS[action]}")
        return redirect("dataprotection:retention_list")


class RetentionPeriodView(LoginRequiredMixin, View):
    """A councillor's own retention period for their closed casework (no longer than the
    council's maximum)."""

    template_name = "dataprotection/retention/period.html"

    def _render(self, request, form, maximum):
        return render(
            request,
            self.template_name,
            {
                "form": form,
                "maximum": maximum,
                "current": councillor_months(request.user.pk),
            },
        )

    def _check(self, request) -> int:
        if not permissions.is_own_controller(request.user):
            raise Http404("No casework of your own")
        return casework_maximum_months()

    def get(self, request):
        maximum = self._check(request)
        current = councillor_months(request.user.pk)
        form = RetentionPeriodForm(
            initial={"months": min(current, maximum) if current else ""}, maximum=maximum
        )
        return self._render(request, form, maximum)

    def post(self, request):
        maximum = self._check(request)
        form = RetentionPeriodForm(request.POST, maximum=maximum)
        if not form.is_valid():
            return self._render(request, form, maximum)
        months = form.cleaned_data["months"]
        try:
            councillor_retention_set(actor=request.user, months=months, request=request)
        except ValidationError as error:
            form_add_service_errors(form, error)
            return self._render(request, form, maximum)
        if months is None:
            messages.success(
                request,
                f"Your closed cases will be kept for the council's maximum of {maximum} months",
            )
        else:
            messages.success(request, f"Your closed cases will be kept for {months} months")
        return redirect("dataprotection:retention_period")


class RetentionRunListView(LoginRequiredMixin, View):
    """What each run of the retention sweep did (counts only)."""

    template_name = "dataprotection/retention/runs.html"

    def get(self, request):
        if not permissions.can_view_retention_runs(request.user):
            raise Http404("No retention reports")
        paginator = Paginator(RetentionRun.objects.all(), RUNS_PAGE_SIZE)
        page_obj = paginator.get_page(request.GET.get("page"))
        fields = RetentionRun.COUNT_FIELDS
        return render(
            request,
            self.template_name,
            {
                "page_obj": page_obj,
                "count": paginator.count,
                "headings": [REPORT_LABELS[name] for name in fields],
                "rows": [
                    (run, [getattr(run, name) for name in fields]) for run in page_obj.object_list
                ],
            },
        )
