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
from django.db.models import Avg, Count, F, IntegerField, Q, QuerySet, Value
from django.utils import timezone

from councillor_hub.accounts.models import User, Ward
from councillor_hub.core.models import ServiceArea
from councillor_hub.core.working_days import add_working_days, working_days_between

from ..models import OPEN_STATUSES, Enquiry, EnquiryCategory, Urgency

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


def _counts_by_id(queryset, field_name: str, *, narrowed: bool) -> dict[int | None, int]:
    """How many enquiries per value of a foreign key, grouped by the id alone: no join, so the
    database counts from an index instead of joining and sorting every row by a name.

    `narrowed`: the enquiries are filtered by service area. Then the key is
    grouped as an expression (id + 0) so that SQLite finds the few rows by the filter's index
    and sorts them, instead of walking the whole grouping index and reading every enquiry to
    test the filter (334 ms against 89 on a large council); PostgreSQL plans both alike."""
    key = F(field_name) + Value(0) if narrowed else F(field_name)
    return dict(
        queryset.order_by()
        .annotate(key=key)
        .values("key")
        .annotate(n=Count("id"))
        .values_list("key", "n")
    )


def _named_figures(counts: dict, names: dict, missing: str) -> list[Figure]:
    """Figures labelled by name, merging ids with the same name, most first then by name."""
    merged: dict[str, int] = {}
    for key, n in counts.items():
        label = names.get(key) or missing
        merged[label] = merged.get(label, 0) + n
    return [Figure(label, n) for label, n in sorted(merged.items(), key=lambda i: (-i[1], i[0]))]


def _month_counts(queryset, months: list[datetime.date]) -> list[int]:
    """Enquiries received in each local calendar month, as one query of range counts (each a
    search of the received_at index) rather than a comparison per month on every row: a
    council with three years of enquiries had 37 filtered counts per row (issue 7)."""
    if not months:
        return []
    ends = [*(_start_of(m) for m in months[1:]), None]
    parts = []
    for index, (month, end) in enumerate(zip(months, ends, strict=True)):
        in_month = queryset.filter(received_at__gte=_start_of(month))
        if end is not None:
            in_month = in_month.filter(received_at__lt=end)
        parts.append(
            in_month.order_by()
            .annotate(month=Value(index, output_field=IntegerField()))
            .values("month")
            .annotate(n=Count("id"))
            .values_list("month", "n")
        )
    counts = dict(parts[0].union(*parts[1:], all=True)) if len(parts) > 1 else dict(parts[0])
    return [counts.get(index, 0) for index in range(len(months))]


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
    """The report in a fixed, small number of queries (issue 7): one aggregate for the totals
    and ratings; groupings by id for service and category, ward, member and time to answer,
    which indexes answer; the months as range counts on received_at; the open ages among the
    open enquiries only; and the overdue list. Each figure is made where an index can make it
    rather than by testing every enquiry against every month, band and name."""
    now = now or timezone.now()
    queryset = filtered_enquiries(filters)
    report = PerformanceReport(
        date_from=filters.get("date_from"), date_to=filters.get("date_to"), generated_at=now
    )

    first = queryset.order_by("received_at").values_list("received_at", flat=True).first()
    last = queryset.order_by("-received_at").values_list("received_at", flat=True).first()
    months = _months(first, last) if first and last else []

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
        **{f"rating_{value}": Count("id", filter=Q(rating=value)) for value in RATING_SCALE},
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

    # By service area and category, ward and member: grouped by ids, which indexes answer
    # (enquiry_service_category_idx, the ward and member indexes), then named from the small
    # tables; grouping by the names joined and sorted every enquiry (issue 7).
    pairs = list(
        queryset.order_by()
        .values("service_area_id", "category_id")
        .annotate(n=Count("id"))
        .values_list("service_area_id", "category_id", "n")
    )
    service_names = dict(
        ServiceArea.objects.filter(pk__in={a for a, _, _ in pairs}).values_list("pk", "name")
    )
    category_names = dict(
        EnquiryCategory.objects.filter(pk__in={c for _, c, _ in pairs if c}).values_list(
            "pk", "name"
        )
    )
    per_service: dict[int, int] = {}
    per_category: dict[tuple[int, int | None], int] = {}
    for area, category, n in pairs:
        per_service[area] = per_service.get(area, 0) + n
        per_category[(area, category)] = n
    report.by_service_area = _named_figures(per_service, service_names, "No service area")
    report.by_category = _named_figures(
        per_category,
        {
            (area, category): f"{service_names.get(area, 'No service area')}: "
            + (category_names.get(category) or "no category")
            for area, category in per_category
        },
        "No service area: no category",
    )
    # Measured on the large council: only the service area filter makes SQLite's choice of the
    # grouping index a poor one (date ranges and wards are answered well either way).
    narrowed = bool(filters.get("service_area"))
    ward_counts = _counts_by_id(queryset, "ward_id", narrowed=narrowed)
    report.by_ward = _named_figures(
        ward_counts,
        dict(Ward.objects.filter(pk__in=[w for w in ward_counts if w]).values_list("pk", "name")),
        "No ward given",
    )
    # One line per member, even when two members share a name.
    member_counts = _counts_by_id(queryset, "member_id", narrowed=narrowed)
    member_names = dict(
        User.objects.filter(pk__in=[m for m in member_counts if m]).values_list("pk", "full_name")
    )
    report.by_member = sorted(
        (Figure(member_names.get(pk) or "Unnamed member", n) for pk, n in member_counts.items()),
        key=lambda figure: (-figure.count, figure.label),
    )
    report.by_month = [
        Figure(month.strftime("%B %Y"), n)
        for month, n in zip(months, _month_counts(queryset, months), strict=True)
        if n
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

    # Open enquiries by age, in working days since receipt: counted among the open ones only
    # (the status index), with exact receipt-time boundaries for each band.
    is_open = Q(status__in=OPEN_STATUSES)
    bands = {}
    for index, (_label, low, high) in enumerate(AGE_BANDS):
        band = Q()
        if low:
            band &= Q(received_at__lte=received_by_age_at_least(low, now))
        if high is not None:
            band &= Q(received_at__gt=received_by_age_at_least(high + 1, now))
        bands[f"age_{index}"] = Count("id", filter=band) if band else Count("id")
    ages = queryset.filter(is_open).aggregate(open_count=Count("id"), **bands)
    report.open_count = ages["open_count"]
    report.open_by_age = [
        Figure(label, ages[f"age_{index}"]) for index, (label, _, _) in enumerate(AGE_BANDS)
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
