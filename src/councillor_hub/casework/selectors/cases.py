"""Reads for the working views: the case list, the dashboard and the patterns page.

Everything starts from `permissions.visible_cases` (lists) or the user's own casework
(patterns), so a selector can never show more than the rules allow. Figures are counted by the
database (`values().annotate(Count())`), never by looping over cases in Python.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Case as CaseWhen
from django.db.models import Count, F, IntegerField, Prefetch, Q, QuerySet, When
from django.db.models.functions import TruncMonth
from django.utils import timezone

from councillor_hub.accounts.models import User, Ward

from ..models import Case, CaseConstituent, Channel, Priority, Status
from ..permissions import acting_for, shared_case_ids, visible_cases, visible_constituents

PAGE_SIZE = 25
MAX_SEARCH_WORDS = 10

SORTS: dict[str, str] = {
    "newest": "Newest first",
    "oldest": "Oldest first",
    "follow_up": "Follow-up date",
    "reference": "Reference",
    "updated": "Recently updated",
    "priority": "Priority",
}
DEFAULT_SORT = "newest"

FOLLOW_UPS: dict[str, str] = {
    "due": "Due today or earlier",
    "overdue": "Overdue",
    "week": "Due in the next 7 days",
}

SHARED: dict[str, str] = {
    "mine": "Cases I work on",
    "shared": "Cases shared with me",
}

_PRIORITY_RANK = CaseWhen(
    When(priority=Priority.URGENT, then=0),
    When(priority=Priority.HIGH, then=1),
    When(priority=Priority.NORMAL, then=2),
    When(priority=Priority.LOW, then=3),
    default=4,
    output_field=IntegerField(),
)


def _as_list(value) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, (list, tuple, set, frozenset)):
        return [str(v) for v in value if v not in (None, "")]
    return [str(value)]


def _as_int(value) -> int | None:
    try:
        return int(str(value))
    except (TypeError, ValueError):
        return None


def _search(queryset: QuerySet[Case], text: str, *, user: User) -> QuerySet[Case]:
    """Every word must match the reference, title, description or a constituent's first or
    last name, in any order. Plain `icontains`, so it behaves the same on SQLite and
    PostgreSQL.

    Names are matched among the constituents the user may see, in one uncorrelated subquery:
    the case filter stays driven by the owner index, where a correlated EXISTS per case cost a
    join for every case of a large councillor's casework (issue 7)."""
    words = [w for w in text.replace("\x00", "").split() if w][:MAX_SEARCH_WORDS]
    for word in words:
        named = visible_constituents(user).filter(
            Q(first_name__icontains=word) | Q(last_name__icontains=word)
        )
        on_cases = CaseConstituent.unrestricted.filter(constituent__in=named).values("case_id")
        queryset = queryset.filter(
            Q(reference__icontains=word)
            | Q(title__icontains=word)
            | Q(description__icontains=word)
            | Q(pk__in=on_cases)
        )
    return queryset


def _follow_up(queryset: QuerySet[Case], when: str, today: datetime.date) -> QuerySet[Case]:
    open_cases = queryset.exclude(status=Status.CLOSED).filter(follow_up_date__isnull=False)
    if when == "due":
        return open_cases.filter(follow_up_date__lte=today)
    if when == "overdue":
        return open_cases.filter(follow_up_date__lt=today)
    if when == "week":
        return open_cases.filter(
            follow_up_date__gte=today, follow_up_date__lte=today + datetime.timedelta(days=7)
        )
    return queryset


def _ordered(queryset: QuerySet[Case], sort: str) -> QuerySet[Case]:
    if sort == "oldest":
        return queryset.order_by("opened_at", "id")
    if sort == "follow_up":
        return queryset.order_by(F("follow_up_date").asc(nulls_last=True), "-opened_at", "-id")
    if sort == "reference":
        return queryset.order_by("reference")
    if sort == "updated":
        return queryset.order_by("-updated_at", "-id")
    if sort == "priority":
        return queryset.alias(priority_rank=_PRIORITY_RANK).order_by(
            "priority_rank", "-opened_at", "-id"
        )
    return queryset.order_by("-opened_at", "-id")


def _with_list_columns(queryset: QuerySet[Case]) -> QuerySet[Case]:
    """Only what a list row shows: no description, and only constituents' names. Each case
    gets `constituent_links` (in the order they were added) from one extra query."""
    links = (
        CaseConstituent.unrestricted.select_related("constituent")
        .only(
            "id",
            "case_id",
            "added_at",
            "constituent__id",
            "constituent__first_name",
            "constituent__last_name",
        )
        .order_by("added_at", "id")
    )
    return (
        queryset.defer("description")
        .select_related("category", "ward", "owner")
        .prefetch_related(
            Prefetch("case_constituents", queryset=links, to_attr="constituent_links")
        )
    )


def case_list(*, user: User, filters: dict) -> QuerySet[Case]:
    """The cases `user` may see, filtered and sorted. Unknown filter values are ignored.

    filters: status (one or several), category (ServiceArea id or slug), ward (id), owner
    (a user id among those the user acts for), follow_up ("due", "overdue", "week"),
    shared ("mine", "shared"), q (text), sort (a key of SORTS).
    """
    queryset = visible_cases(user)
    today = timezone.localdate()

    statuses = [s for s in _as_list(filters.get("status")) if s in Status.values]
    if statuses:
        queryset = queryset.filter(status__in=statuses)

    category = filters.get("category")
    if category not in (None, ""):
        category_id = _as_int(category)
        if category_id is not None:
            queryset = queryset.filter(category_id=category_id)
        else:
            queryset = queryset.filter(category__slug=str(category).replace("\x00", ""))

    ward_id = _as_int(filters.get("ward"))
    if ward_id is not None:
        queryset = queryset.filter(ward_id=ward_id)

    own_ids = acting_for(user) if {"owner", "shared"} & filters.keys() else []
    owner_id = _as_int(filters.get("owner"))
    if owner_id is not None and owner_id in own_ids:
        queryset = queryset.filter(owner_id=owner_id)

    if filters.get("follow_up") in FOLLOW_UPS:
        queryset = _follow_up(queryset, filters["follow_up"], today)

    shared = filters.get("shared")
    if shared == "mine":
        queryset = queryset.filter(owner_id__in=own_ids)
    elif shared == "shared":
        queryset = queryset.filter(pk__in=shared_case_ids(user)).exclude(owner_id__in=own_ids)

    text = filters.get("q")
    if isinstance(text, str) and text.strip():
        queryset = _search(queryset, text, user=user)

    sort = filters.get("sort")
    return _with_list_columns(_ordered(queryset, sort if sort in SORTS else DEFAULT_SORT))


def case_list_wards(*, user: User) -> list[tuple[int, str]]:
    """The wards of the cases the user can see, by name: the case list's ward filter offers
    these rather than every ward of a large council (hundreds of options to render and
    scroll through, most of which would find nothing)."""
    return list(
        Ward.objects.filter(pk__in=visible_cases(user).values("ward_id"))
        .order_by("name")
        .values_list("pk", "name")
    )


# Dashboard -----------------------------------------------------------------------------------


def follow_ups_due(*, user: User, limit: int = 10) -> QuerySet[Case]:
    """Open cases the user can see whose follow-up date is today or earlier, oldest first."""
    queryset = _follow_up(visible_cases(user), "due", timezone.localdate())
    return _with_list_columns(queryset.order_by("follow_up_date", "reference"))[:limit]


def follow_up_counts(*, user: User) -> dict[str, int]:
    """How many open cases are due today and how many are overdue, in one query."""
    today = timezone.localdate()
    figures = (
        visible_cases(user)
        .exclude(status=Status.CLOSED)
        .aggregate(
            due_today=Count("id", filter=Q(follow_up_date=today)),
            overdue=Count("id", filter=Q(follow_up_date__lt=today)),
        )
    )
    return {"due_today": figures["due_today"] or 0, "overdue": figures["overdue"] or 0}


@dataclass
class StatusCount:
    status: str
    label: str
    count: int


def status_counts(*, user: User) -> list[StatusCount]:
    """Cases the user can see, counted by status, in the order statuses are defined."""
    counts = dict(
        visible_cases(user)
        .order_by()
        .values("status")
        .annotate(n=Count("id"))
        .values_list("status", "n")
    )
    return [StatusCount(value, label, counts.get(value, 0)) for value, label in Status.choices]


def recently_updated(*, user: User, limit: int = 5) -> QuerySet[Case]:
    return _with_list_columns(visible_cases(user).order_by("-updated_at", "-id"))[:limit]


# Patterns ------------------------------------------------------------------------------------


@dataclass
class Figure:
    label: str
    count: int


@dataclass
class Patterns:
    total: int
    by_category: list[Figure] = field(default_factory=list)
    by_ward: list[Figure] = field(default_factory=list)
    by_channel: list[Figure] = field(default_factory=list)
    by_month: list[Figure] = field(default_factory=list)


def casework_owners(*, user: User) -> list[User]:
    """The casework owners `user` works for: themselves first (if they keep casework), then
    the councillors they are a delegate for, by name."""
    ids = acting_for(user)
    owners = list(User.objects.filter(pk__in=ids).order_by("full_name", "email"))
    owners.sort(key=lambda owner: owner.pk != user.pk)
    return owners


def own_cases(*, user: User, owner_id: int | None = None) -> QuerySet[Case]:
    """The casework of one owner the user works for (never cases merely shared with them):
    `owner_id` if the user may choose them, otherwise the first of `casework_owners`."""
    ids = [owner.pk for owner in casework_owners(user=user)]
    if not ids:
        return Case.unrestricted.none()
    return Case.unrestricted.filter(owner_id=owner_id if owner_id in ids else ids[0])


def _months_back(end: datetime.date, count: int) -> list[datetime.date]:
    year, month = end.year, end.month
    months = []
    for _ in range(count):
        months.append(datetime.date(year, month, 1))
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    return list(reversed(months))


def case_patterns(
    *,
    user: User,
    owner_id: int | None = None,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
    statuses: list[str] | None = None,
) -> Patterns:
    """Counts of the user's own casework by category, ward, channel and month opened.

    Months cover the twelve months up to `date_to` (or today)."""
    queryset = own_cases(user=user, owner_id=owner_id).order_by()
    if date_from:
        queryset = queryset.filter(opened_at__date__gte=date_from)
    if date_to:
        queryset = queryset.filter(opened_at__date__lte=date_to)
    statuses = [s for s in (statuses or []) if s in Status.values]
    if statuses:
        queryset = queryset.filter(status__in=statuses)

    by_category = [
        Figure(row["category__name"], row["n"])
        for row in queryset.values("category__name")
        .annotate(n=Count("id"))
        .order_by("-n", "category__name")
    ]
    by_ward = [
        Figure(row["ward__name"] or "No ward recorded", row["n"])
        for row in queryset.values("ward__name")
        .annotate(n=Count("id"))
        .order_by("-n", F("ward__name").asc(nulls_last=True))
    ]
    channel_labels = dict(Channel.choices)
    by_channel = [
        Figure(channel_labels.get(row["channel"], row["channel"]), row["n"])
        for row in queryset.values("channel").annotate(n=Count("id")).order_by("-n", "channel")
    ]

    end = date_to or timezone.localdate()
    months = _months_back(end, 12)
    in_months = queryset.filter(
        opened_at__date__gte=months[0],
        opened_at__date__lte=end,
    )
    per_month = {}
    for row in (
        in_months.annotate(month=TruncMonth("opened_at"))
        .values("month")
        .annotate(n=Count("id"))
        .order_by("month")
    ):
        month = row["month"]
        if isinstance(month, datetime.datetime):
            month = timezone.localtime(month).date() if timezone.is_aware(month) else month.date()
        per_month[month.replace(day=1)] = row["n"]
    by_month = [Figure(m.strftime("%B %Y"), per_month.get(m, 0)) for m in months]

    return Patterns(
        total=queryset.count(),
        by_category=by_category,
        by_ward=by_ward,
        by_channel=by_channel,
        by_month=by_month,
    )
