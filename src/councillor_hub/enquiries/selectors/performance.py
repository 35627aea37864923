"""Performance figures for the member support team and managers. Counts are made in the
database with portable Django expressions (SQLite and PostgreSQL alike); the working-day
durations (time to answer, age) are worked out in Python over one list of dates each, because
the working-day calendar (weekends and bank holidays) lives in Python.

Every figure is over enquiries *received* in the chosen date range, narrowed by service area
and ward when chosen. Sensitive enquiries are counted but never listed by reference."""

from __future__ import annotations

import datetime
import math
import statistics
from dataclasses import dataclass, field

from django.db.models import Avg, Count, F, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone

from councillor_hub.core.working_days import working_days_between

from ..models import OPEN_STATUSES, Enquiry, Urgency

AGE_BANDS = [
    ("0 to 5 working days", 0, 5),
    ("6 to 10 working days", 6, 10),
    ("11 to 20 working days", 11, 20),
    ("More than 20 working days", 21, None),
]
RATING_SCALE = [1, 2, 3, 4, 5]
OVERDUE_LIST_LIMIT = 500


@dataclass(frozen=True)
class Figure:
    label: str
    count: int


@dataclass(frozen=True)
class OverdueRow:
    service: str
    reference: str
    urgency: str
    due_at: datetime.datetime
    working_days_overdue: int


@dataclass
class Table:
    """One table of the report, as shown on the page and written to CSV and XLSX."""

    slug: str
    title: str
    columns: list[str]
    rows: list[list]
    figures: list[Figure] | None = None  # set for a count table that also has a chart


@dataclass
class PerformanceReport:
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    total: int = 0
    answered: int = 0
    answered_with_due: int = 0
    answered_in_time: int = 0
    median_days: float | None = None
    p90_days: int | None = None
    rating_average: float | None = None
    rating_count: int = 0
    open_count: int = 0
    overdue_count: int = 0
    sensitive_overdue: int = 0
    by_service_area: list[Figure] = field(default_factory=list)
    by_category: list[Figure] = field(default_factory=list)
    by_ward: list[Figure] = field(default_factory=list)
    by_member: list[Figure] = field(default_factory=list)
    by_month: list[Figure] = field(default_factory=list)
    ratings: list[Figure] = field(default_factory=list)
    open_by_age: list[Figure] = field(default_factory=list)
    overdue_by_service: list[Figure] = field(default_factory=list)
    overdue: list[OverdueRow] = field(default_factory=list)

    @property
    def share_in_time(self) -> float | None:
        """Percentage of answered enquiries (with a due date) answered by the due date."""
        if not self.answered_with_due:
            return None
        return round(100 * self.answered_in_time / self.answered_with_due, 1)

    def key_figures(self) -> list[list]:
        def shown(value, suffix=""):
            return "Not enough data" if value is None else f"{value:g}{suffix}"

        return [
            ["Enquiries received", self.total],
            ["Enquiries answered", self.answered],
            ["Answered within the service level", shown(self.share_in_time, "%")],
            ["Median time to answer (working days)", shown(self.median_days)],
            ["90% answered within (working days)", shown(self.p90_days)],
            [
                "Members' average satisfaction (1 to 5)",
                shown(None if self.rating_average is None else round(self.rating_average, 2)),
            ],
            ["Ratings given", self.rating_count],
            ["Open enquiries", self.open_count],
            ["Overdue enquiries", self.overdue_count],
        ]

    def tables(self) -> list[Table]:
        def counts(slug, title, column, figures):
            return Table(
                slug=slug,
                title=title,
                columns=[column, "Enquiries"],
                rows=[[f.label, f.count] for f in figures],
                figures=figures,
            )

        return [
            Table("key", "Key figures", ["Measure", "Value"], self.key_figures()),
            counts("service", "Enquiries by service area", "Service area", self.by_service_area),
            counts("category", "Enquiries by category", "Category", self.by_category),
            counts("ward", "Enquiries by ward", "Ward", self.by_ward),
            counts("member", "Enquiries by member", "Member", self.by_member),
            counts("month", "Enquiries by month received", "Month", self.by_month),
            Table(
                "satisfaction",
                "Members' satisfaction ratings",
                ["Rating", "Enquiries"],
                [[f.label, f.count] for f in self.ratings],
                figures=self.ratings,
            ),
            counts("age", "Open enquiries by age", "Age", self.open_by_age),
            counts(
                "overdue-service",
                "Overdue enquiries by service",
                "Service area",
                self.overdue_by_service,
            ),
            Table(
                "overdue",
                "Overdue enquiries",
                ["Service area", "Reference", "Urgency", "Due", "Working days overdue"],
                [
                    [
                        row.service,
                        row.reference,
                        row.urgency,
                        timezone.localtime(row.due_at).strftime("%d/%m/%Y %H:%M"),
                        row.working_days_overdue,
                    ]
                    for row in self.overdue
                ],
            ),
        ]


def filtered_enquiries(filters: dict) -> QuerySet[Enquiry]:
    """Every enquiry received in the range (the report is the council's, across members)."""
    queryset = Enquiry.unrestricted.all()
    if filters.get("date_from"):
        queryset = queryset.filter(received_at__date__gte=filters["date_from"])
    if filters.get("date_to"):
        queryset = queryset.filter(received_at__date__lte=filters["date_to"])
    if filters.get("service_area"):
        queryset = queryset.filter(service_area=filters["service_area"])
    if filters.get("ward"):
        queryset = queryset.filter(ward=filters["ward"])
    return queryset


def _counts(queryset, *fields, order=None) -> list[dict]:
    return list(
        queryset.values(*fields).annotate(n=Count("id")).order_by(*(order or ["-n", *fields]))
    )


def percentile(values: list[int], share: float) -> int | None:
    """Nearest-rank percentile: the smallest value with at least `share` of values at or
    below it (so '90% answered within N working days' holds exactly)."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(share * len(ordered)))
    return ordered[rank - 1]


def performance_report(*, filters: dict, now: datetime.datetime | None = None) -> PerformanceReport:
    now = now or timezone.now()
    queryset = filtered_enquiries(filters)
    report = PerformanceReport(date_from=filters.get("date_from"), date_to=filters.get("date_to"))

    totals = queryset.aggregate(
        total=Count("id"),
        answered=Count("id", filter=Q(answered_at__isnull=False)),
        answered_with_due=Count("id", filter=Q(answered_at__isnull=False, due_at__isnull=False)),
        answered_in_time=Count(
            "id", filter=Q(answered_at__isnull=False, answered_at__lte=F("due_at"))
        ),
        rating_average=Avg("rating"),
        rating_count=Count("rating"),
    )
    report.total = totals["total"]
    report.answered = totals["answered"]
    report.answered_with_due = totals["answered_with_due"]
    report.answered_in_time = totals["answered_in_time"]
    report.rating_count = totals["rating_count"]
    report.rating_average = (
        float(totals["rating_average"]) if totals["rating_average"] is not None else None
    )

    # Time to answer, in working days from receipt to the answer.
    durations = [
        working_days_between(received, answered)
        for received, answered in queryset.filter(answered_at__isnull=False).values_list(
            "received_at", "answered_at"
        )
    ]
    if durations:
        report.median_days = float(statistics.median(durations))
        report.p90_days = percentile(durations, 0.9)

    report.by_service_area = [
        Figure(row["service_area__name"], row["n"])
        for row in _counts(queryset, "service_area__name")
    ]
    report.by_category = [
        Figure(
            f"{row['service_area__name']}: {row['category__name']}"
            if row["category__name"]
            else f"{row['service_area__name']}: no category",
            row["n"],
        )
        for row in _counts(queryset, "service_area__name", "category__name")
    ]
    report.by_ward = [
        Figure(row["ward__name"] or "No ward given", row["n"])
        for row in _counts(queryset, "ward__name")
    ]
    report.by_member = [
        Figure(row["member__full_name"] or "Unnamed member", row["n"])
        for row in _counts(queryset, "member_id", "member__full_name")
    ]
    report.by_month = [
        Figure(row["month"].strftime("%B %Y"), row["n"])
        for row in _counts(
            queryset.annotate(month=TruncMonth("received_at")), "month", order=["month"]
        )
        if row["month"] is not None
    ]

    rated = {
        row["rating"]: row["n"] for row in _counts(queryset.filter(rating__isnull=False), "rating")
    }
    scale = sorted(set(RATING_SCALE) | set(rated))
    report.ratings = [Figure(f"{value} out of 5", rated.get(value, 0)) for value in scale]

    # Open enquiries by age, in working days since receipt.
    open_queryset = queryset.filter(status__in=OPEN_STATUSES)
    ages = [
        working_days_between(received, now)
        for received in open_queryset.values_list("received_at", flat=True)
    ]
    report.open_count = len(ages)
    report.open_by_age = [
        Figure(label, sum(1 for age in ages if age >= low and (high is None or age <= high)))
        for label, low, high in AGE_BANDS
    ]

    # Overdue: open, past the due date, and the clock not paused for the member.
    overdue = open_queryset.filter(due_at__lt=now, paused_at__isnull=True)
    report.overdue_by_service = [
        Figure(row["service_area__name"], row["n"])
        for row in _counts(overdue, "service_area__name")
    ]
    report.overdue_count = sum(f.count for f in report.overdue_by_service)
    report.sensitive_overdue = overdue.filter(is_sensitive=True).count()
    urgency_labels = dict(Urgency.choices)
    report.overdue = [
        OverdueRow(
            service=row["service_area__name"],
            reference=row["reference"],
            urgency=urgency_labels.get(row["urgency"], "Not set"),
            due_at=row["due_at"],
            working_days_overdue=working_days_between(row["due_at"], now),
        )
        for row in overdue.filter(is_sensitive=False)
        .order_by("service_area__sort_order", "service_area__name", "due_at")
        .values("service_area__name", "reference", "urgency", "due_at")[:OVERDUE_LIST_LIMIT]
    ]
    return report
