"""Performance figures for the member support team and managers. Counts are made in the
database with portable Django expressions (SQLite and PostgreSQL alike); the working-day
durations (time to answer, age) are worked out in Python over one list of dates each, because
the working-day calendar (weekends and bank holidays) lives in Python.

Every figure is over enquiries *received* in the chosen date range, narrowed by service area
and ward when chosen. Sensitive enquiries are counted but never listed by reference."""

from __future__ import annotations

import datetime
import hashlib
import math
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import caches
from django.db.models import Avg, Count, F, Q, QuerySet
from django.utils import timezone

from councillor_hub.core.working_days import add_working_days, working_days_between

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
    generated_at: datetime.datetime | None = None
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


def _start_of(day: datetime.date) -> datetime.datetime:
    """Local midnight at the start of `day`, so a date filter is a plain range on received_at
    (which its index answers) rather than a date cast of every row."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def filtered_enquiries(filters: dict) -> QuerySet[Enquiry]:
    """Every enquiry received in the range (the report is the council's, across members)."""
    queryset = Enquiry.unrestricted.all()
    if filters.get("date_from"):
        queryset = queryset.filter(received_at__gte=_start_of(filters["date_from"]))
    if filters.get("date_to"):
        next_day = filters["date_to"] + datetime.timedelta(days=1)
        queryset = queryset.filter(received_at__lt=_start_of(next_day))
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


def _value_at_rank(counts: list[tuple[int, int]], rank: int) -> int:
    """The rank-th smallest value (1-based) of a multiset given as sorted (value, count)."""
    seen = 0
    for value, count in counts:
        seen += count
        if seen >= rank:
            return value
    raise ValueError("rank beyond the values")


def median_and_p90(counts: list[tuple[int, int]]) -> tuple[float | None, int | None]:
    """The median and the nearest-rank 90th percentile of a multiset of whole numbers given
    as (value, how many) pairs: the same answers as statistics.median and percentile over the
    expanded list, without expanding it."""
    counts = sorted((v, n) for v, n in counts if n)
    total = sum(n for _, n in counts)
    if not total:
        return None, None
    if total % 2:
        median = float(_value_at_rank(counts, total // 2 + 1))
    else:
        low = _value_at_rank(counts, total // 2)
        high = _value_at_rank(counts, total // 2 + 1)
        median = (low + high) / 2
    return median, _value_at_rank(counts, max(1, math.ceil(0.9 * total)))


def _months(first: datetime.datetime, last: datetime.datetime) -> list[datetime.date]:
    """The first day of every local calendar month from `first`'s to `last`'s."""
    month = timezone.localtime(first).date().replace(day=1)
    end = timezone.localtime(last).date().replace(day=1)
    months = []
    while month <= end:
        months.append(month)
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    return months


def received_by_age_at_least(days: int, now: datetime.datetime) -> datetime.datetime:
    """The latest receipt time whose age at `now` is at least `days` working days.

    Age (working_days_between) never grows when receipt is later, so "age >= days" is exactly
    "received at or before this moment": the report counts ages with a range on received_at
    instead of working out the age of every open enquiry. Found by bisection to the
    microsecond over the calendar's own add_working_days."""
    low = now - datetime.timedelta(days=days * 3 + 30)
    while add_working_days(low, days) > now:
        low -= datetime.timedelta(days=days * 3 + 30)
    high = now
    if add_working_days(high, days) <= now:
        return high
    step = datetime.timedelta(microseconds=1)
    while high - low > step:
        middle = low + (high - low) / 2
        if add_working_days(middle, days) <= now:
            low = middle
        else:
            high = middle
    return low


def performance_report(*, filters: dict, now: datetime.datetime | None = None) -> PerformanceReport:
    """The report in a fixed, small number of passes over the enquiries: one aggregate for the
    totals, months, ratings and open ages, one grouping each for service and category, ward,
    member and time to answer, and the overdue list (issue 7: each pass is a scan of the
    range, so fewer passes is what keeps the page fast on a large council)."""
    now = now or timezone.now()
    queryset = filtered_enquiries(filters)
    report = PerformanceReport(
        date_from=filters.get("date_from"), date_to=filters.get("date_to"), generated_at=now
    )

    first = queryset.order_by("received_at").values_list("received_at", flat=True).first()
    last = queryset.order_by("-received_at").values_list("received_at", flat=True).first()
    months = _months(first, last) if first and last else []
    month_ends = [*(_start_of(m) for m in months[1:]), None] if months else []

    is_open = Q(status__in=OPEN_STATUSES)
    bands = {}
    for index, (_label, low, high) in enumerate(AGE_BANDS):
        band = is_open
        if low:
            band &= Q(received_at__lte=received_by_age_at_least(low, now))
        if high is not None:
            band &= Q(received_at__gt=received_by_age_at_least(high + 1, now))
        bands[f"age_{index}"] = Count("id", filter=band)
    totals = queryset.aggregate(
        total=Count("id"),
        answered=Count("id", filter=Q(answered_at__isnull=False)),
        answered_with_due=Count("id", filter=Q(answered_at__isnull=False, due_at__isnull=False)),
        answered_in_time=Count(
            "id", filter=Q(answered_at__isnull=False, answered_at__lte=F("due_at"))
        ),
        rating_average=Avg("rating"),
        rating_count=Count("rating"),
        rating_other=Count("rating", filter=~Q(rating__in=RATING_SCALE)),
        open_count=Count("id", filter=is_open),
        **{f"rating_{value}": Count("id", filter=Q(rating=value)) for value in RATING_SCALE},
        **{
            f"month_{index}": Count(
                "id",
                filter=Q(received_at__gte=_start_of(month))
                & (Q(received_at__lt=end) if end else Q()),
            )
            for index, (month, end) in enumerate(zip(months, month_ends, strict=True))
        },
        **bands,
    )
    report.total = totals["total"]
    report.answered = totals["answered"]
    report.answered_with_due = totals["answered_with_due"]
    report.answered_in_time = totals["answered_in_time"]
    report.rating_count = totals["rating_count"]
    report.rating_average = (
        float(totals["rating_average"]) if totals["rating_average"] is not None else None
    )

    # Time to answer, in working days from receipt to the answer (kept on each enquiry).
    report.median_days, report.p90_days = median_and_p90(
        list(
            queryset.filter(answer_working_days__isnull=False)
            .values("answer_working_days")
            .annotate(n=Count("id"))
            .order_by()
            .values_list("answer_working_days", "n")
        )
    )

    by_category = _counts(queryset, "service_area__name", "category__name")
    per_service: dict[str, int] = {}
    for row in by_category:
        name = row["service_area__name"]
        per_service[name] = per_service.get(name, 0) + row["n"]
    report.by_service_area = [
        Figure(name, n) for name, n in sorted(per_service.items(), key=lambda i: (-i[1], i[0]))
    ]
    report.by_category = [
        Figure(
            f"{row['service_area__name']}: {row['category__name']}"
            if row["category__name"]
            else f"{row['service_area__name']}: no category",
            row["n"],
        )
        for row in by_category
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
        Figure(month.strftime("%B %Y"), totals[f"month_{index}"])
        for index, month in enumerate(months)
        if totals[f"month_{index}"]
    ]

    rated = {value: totals[f"rating_{value}"] for value in RATING_SCALE}
    if totals["rating_other"]:
        rated.update(
            {
                row["rating"]: row["n"]
                for row in _counts(queryset.filter(rating__isnull=False), "rating")
            }
        )
    report.ratings = [Figure(f"{value} out of 5", rated.get(value, 0)) for value in sorted(rated)]

    # Open enquiries by age, in working days since receipt.
    report.open_count = totals["open_count"]
    report.open_by_age = [
        Figure(label, totals[f"age_{index}"]) for index, (label, _, _) in enumerate(AGE_BANDS)
    ]

    # Overdue: open, past the due date, and the clock not paused for the member.
    overdue = queryset.filter(is_open, due_at__lt=now, paused_at__isnull=True)
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


def _cache_key(filters: dict) -> str:
    parts = sorted((name, str(getattr(value, "pk", value))) for name, value in filters.items())
    return "enquiries-performance:" + hashlib.sha256(repr(parts).encode()).hexdigest()


def _count_and_keep(filters: dict, seconds: int) -> PerformanceReport:
    report = performance_report(filters=filters)
    caches["reports"].set(_cache_key(filters), report, seconds)
    return report


def recent_performance_report(*, filters: dict) -> PerformanceReport:
    """The report for these filters, reused for settings.ENQUIRY_PERFORMANCE_CACHE_SECONDS.

    On a large council the council-wide report scans every enquiry several times (hundreds of
    milliseconds); it is a management report, so figures up to a few minutes old (the page
    says when they were counted) keep the page instant for everyone who opens it meanwhile."""
    seconds = settings.ENQUIRY_PERFORMANCE_CACHE_SECONDS
    if seconds <= 0:
        return performance_report(filters=filters)
    return caches["reports"].get(_cache_key(filters)) or _count_and_keep(filters, seconds)


def count_council_wide_report() -> PerformanceReport | None:
    """Count the report with no filters now and keep it (the enquiries sweep calls this every
    few minutes), so whoever opens the dashboard finds it counted instead of waiting for a
    count of every enquiry. Nothing when reuse is turned off."""
    seconds = settings.ENQUIRY_PERFORMANCE_CACHE_SECONDS
    if seconds <= 0:
        return None
    return _count_and_keep({}, seconds)
