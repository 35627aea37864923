"""Reads for the ward pages: the list of wards, a ward's profile (statistics grouped by topic
with charts and borough averages, amenities by kind, councillors in office) and the casework
and enquiry figures for a ward.

The casework and enquiry figures are counts, aggregated in the database: no case or enquiry
row is ever read here, and nothing is counted per councillor. They cover every councillor's
casework in the ward (Case.unrestricted, on purpose: a ward total is not any one councillor's
data) and every enquiry about the ward, sensitive ones included (they count, and are never
listed). Counts from 1 to 4 leave this module only as "fewer than 5" (numbers.shown_count),
and a count the total would give away is "withheld" (numbers.shown_column)."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Avg, Count, Max, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import TruncMonth
from django.utils import timezone

from councillor_hub.accounts.models import CouncillorProfile, Ward
from councillor_hub.core.models import ServiceArea

from . import charts
from .models import AmenityKind, Unit, WardAmenity, WardProfile, WardStatistic
from .numbers import (
    ShownCount,
    average_places,
    format_short,
    format_value,
    shown_column,
    shown_count,
)

POPULATION_TOPIC = "population"
MONTHS = 12


# ------------------------------------------------------------------------------- wards
def councillors_in_office_prefetch(today: datetime.date | None = None) -> Prefetch:
    """A ward's councillors whose term has not ended, as `ward.current_councillors`."""
    today = today or timezone.localdate()
    return Prefetch(
        "councillors",
        queryset=CouncillorProfile.objects.filter(user__is_active=True)
        .filter(Q(term_end__isnull=True) | Q(term_end__gte=today))
        .select_related("user", "political_group")
        .order_by("user__full_name"),
        to_attr="current_councillors",
    )


def population_subquery() -> Subquery:
    """A ward's population: the largest figure in people under the topic Population (the
    total, e.g. "All usual residents", is never smaller than any part of it)."""
    return Subquery(
        WardStatistic.objects.filter(
            ward=OuterRef("pk"), topic__iexact=POPULATION_TOPIC, unit=Unit.PEOPLE
        )
        .order_by()
        .values("ward")
        .annotate(top=Max("value"))
        .values("top")[:1]
    )


def ward_list(today: datetime.date | None = None) -> QuerySet[Ward]:
    """Every ward, A to Z, with `current_councillors` and `population` (None if unknown)."""
    return (
        Ward.objects.annotate(population=population_subquery())
        .prefetch_related(councillors_in_office_prefetch(today))
        .order_by("name")
    )


def ward_for_page(pk: int, today: datetime.date | None = None) -> Ward | None:
    return (
        Ward.objects.select_related("profile")
        .prefetch_related(councillors_in_office_prefetch(today))
        .filter(pk=pk)
        .first()
    )


def profile_of(ward: Ward) -> WardProfile | None:
    try:
        return ward.profile
    except WardProfile.DoesNotExist:
        return None


# -------------------------------------------------------------------------- statistics
@dataclass
class StatisticLine:
    label: str
    value_text: str
    average_text: str
    source: str
    period: str


@dataclass
class TopicBlock:
    """One topic of a ward's statistics: a chart per unit, and one table of the same figures."""

    topic: str
    slug: str
    lines: list[StatisticLine]
    charts: list[charts.Chart]
    has_average: bool
    sources: list[str]


def _slug(text: str, used: set[str]) -> str:
    base = "".join(ch if ch.isalnum() else "-" for ch in text.lower()).strip("-")
    base = "-".join(part for part in base.split("-") if part) or "topic"
    slug, n = base, 1
    while slug in used:
        n += 1
        slug = f"{base}-{n}"
    used.add(slug)
    return slug


def borough_averages(ward_count: int | None = None) -> dict[tuple[str, str, str], Decimal]:
    """The mean of each figure that every ward has, by (topic, label, unit), matched
    ignoring case. One query (and one more to count the wards, unless given)."""
    if ward_count is None:
        ward_count = Ward.objects.count()
    if ward_count < 2:
        return {}
    averages = {}
    rows = (
        WardStatistic.objects.order_by()
        .values("topic", "label", "unit")
        .annotate(wards=Count("ward", distinct=True), average=Avg("value"))
        .filter(wards=ward_count)
    )
    for row in rows:
        key = (row["topic"].casefold(), row["label"].casefold(), row["unit"])
        averages[key] = Decimal(row["average"]) if row["average"] is not None else None
    return averages


def topic_blocks(ward: Ward) -> list[TopicBlock]:
    """The ward's statistics by topic, topics in the order of their first figure (the order
    of the imported file), each with its charts and table rows."""
    statistics = list(WardStatistic.objects.filter(ward=ward).order_by("sort_order", "pk"))
    if not statistics:
        return []
    averages = borough_averages()
    by_topic: dict[str, list[WardStatistic]] = defaultdict(list)
    names: dict[str, str] = {}
    for statistic in statistics:
        key = statistic.topic.casefold()
        by_topic[key].append(statistic)
        names.setdefault(key, statistic.topic)
    used: set[str] = set()
    blocks = []
    for key, items in by_topic.items():
        topic = names[key]
        slug = _slug(topic, used)
        lines, rows_by_unit = [], defaultdict(list)
        for statistic in items:
            average = averages.get((key, statistic.label.casefold(), statistic.unit))
            places = average_places(statistic.unit)
            lines.append(
                StatisticLine(
                    label=statistic.label,
                    value_text=format_value(statistic.value, statistic.unit),
                    average_text=format_value(average, statistic.unit, places=places)
                    if average is not None
                    else "",
                    source=statistic.source,
                    period=statistic.period,
                )
            )
            rows_by_unit[statistic.unit].append(
                charts.ChartRow(
                    label=statistic.label,
                    value=statistic.value,
                    value_text=format_short(statistic.value, statistic.unit),
                    average=average,
                    average_text=format_short(average, statistic.unit, places=places)
                    if average is not None
                    else "",
                )
            )
        several = len(rows_by_unit) > 1
        topic_charts = [
            charts.bar_chart(
                slug=f"{slug}-{unit.replace('_', '-')}" if several else slug,
                title=f"{topic} ({Unit(unit).label})" if several else topic,
                unit=unit,
                rows=rows,
            )
            for unit, rows in rows_by_unit.items()
        ]
        sources = []
        for statistic in items:
            text = statistic.source + (f" ({statistic.period})" if statistic.period else "")
            if text.strip() and text not in sources:
                sources.append(text)
        blocks.append(
            TopicBlock(
                topic=topic,
                slug=slug,
                lines=lines,
                charts=topic_charts,
                has_average=any(line.average_text for line in lines),
                sources=sources,
            )
        )
    return blocks


# --------------------------------------------------------------------------- amenities
@dataclass
class AmenityGroup:
    kind: str
    label: str
    amenities: list[WardAmenity]


def amenity_groups(ward: Ward) -> list[AmenityGroup]:
    """The ward's open amenities by kind, in the order of the kinds."""
    by_kind: dict[str, list[WardAmenity]] = defaultdict(list)
    for amenity in WardAmenity.objects.filter(ward=ward, is_active=True).order_by("name", "pk"):
        by_kind[amenity.kind].append(amenity)
    return [
        AmenityGroup(kind, label, by_kind[kind])
        for kind, label in AmenityKind.choices
        if by_kind.get(kind)
    ]


def closed_amenities(ward: Ward) -> list[WardAmenity]:
    """Amenities marked as no longer open (for content managers, to reopen or check)."""
    return list(WardAmenity.objects.filter(ward=ward, is_active=False).order_by("name", "pk"))


# ------------------------------------------------------------ casework and enquiries
@dataclass(frozen=True)
class ActivityRow:
    label: str
    cases: ShownCount
    enquiries: ShownCount


@dataclass
class WardActivity:
    """Casework and enquiry counts for a ward, ready to show: every count is a ShownCount."""

    start: datetime.date
    end: datetime.date
    by_area: list[ActivityRow] = field(default_factory=list)
    by_month: list[ActivityRow] = field(default_factory=list)
    total: ActivityRow | None = None


def _month_starts(today: datetime.date, months: int = MONTHS) -> list[datetime.date]:
    year, month = today.year, today.month
    starts = []
    for _ in range(months):
        starts.append(datetime.date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return starts[::-1]


def _window_start(today: datetime.date) -> datetime.datetime:
    first = _month_starts(today)[0]
    return timezone.make_aware(datetime.datetime(first.year, first.month, first.day))


@dataclass
class ActivityCounts:
    """The exact counts (only this module and tests see them)."""

    by_area: dict[int, int]
    by_month: dict[datetime.date, int]

    @property
    def total(self) -> int:
        return sum(self.by_area.values())


def _counts(queryset, *, area_field: str, date_field: str) -> ActivityCounts:
    """One query: counts by service area and month together, summed each way."""
    rows = (
        queryset.annotate(month=TruncMonth(date_field))
        .values(area_field, "month")
        .annotate(n=Count("pk"))
        .order_by()
    )
    by_area: dict[int, int] = defaultdict(int)
    by_month: dict[datetime.date, int] = defaultdict(int)
    for row in rows:
        month = row["month"]
        if isinstance(month, datetime.datetime):
            month = timezone.localtime(month).date() if timezone.is_aware(month) else month.date()
        by_area[row[area_field]] += row["n"]
        by_month[month.replace(day=1)] += row["n"]
    return ActivityCounts(dict(by_area), dict(by_month))


def case_counts(ward: Ward, today: datetime.date | None = None) -> ActivityCounts:
    """Cases opened in the ward in the last 12 months (this month and the 11 before it),
    by category and month, across every councillor's casework."""
    from councillor_hub.casework.models import Case

    today = today or timezone.localdate()
    cases = Case.unrestricted.filter(ward=ward, opened_at__gte=_window_start(today))
    return _counts(cases, area_field="category_id", date_field="opened_at")


def enquiry_counts(ward: Ward, today: datetime.date | None = None) -> ActivityCounts:
    """Enquiries about the ward received in the last 12 months, by service area and month.
    Sensitive enquiries count; duplicates of another enquiry do not (they are one issue)."""
    from councillor_hub.enquiries.models import Enquiry, EnquiryStatus

    today = today or timezone.localdate()
    enquiries = Enquiry.unrestricted.filter(
        ward=ward, received_at__gte=_window_start(today)
    ).exclude(status=EnquiryStatus.DUPLICATE)
    return _counts(enquiries, area_field="service_area_id", date_field="received_at")


def ward_activity(ward: Ward, today: datetime.date | None = None) -> WardActivity:
    """The ward's casework and enquiry counts for the page: by service area (only areas with
    any), by month (all twelve), and in total, with counts from 1 to 4 suppressed."""
    today = today or timezone.localdate()
    cases = case_counts(ward, today)
    enquiries = enquiry_counts(ward, today)
    months = _month_starts(today)
    area_ids = {pk for pk, n in [*cases.by_area.items(), *enquiries.by_area.items()] if n}
    areas = list(ServiceArea.objects.filter(pk__in=area_ids).order_by("sort_order", "name"))
    area_cases = shown_column([cases.by_area.get(area.pk, 0) for area in areas])
    area_enquiries = shown_column([enquiries.by_area.get(area.pk, 0) for area in areas])
    month_cases = shown_column([cases.by_month.get(month, 0) for month in months])
    month_enquiries = shown_column([enquiries.by_month.get(month, 0) for month in months])
    return WardActivity(
        start=months[0],
        end=today,
        by_area=[
            ActivityRow(area.name, area_cases[index], area_enquiries[index])
            for index, area in enumerate(areas)
        ],
        by_month=[
            ActivityRow(month.strftime("%B %Y"), month_cases[index], month_enquiries[index])
            for index, month in enumerate(months)
        ],
        total=ActivityRow("Total", shown_count(cases.total), shown_count(enquiries.total)),
    )
