"""Reads for one case's pages: the case page, its timeline and its field history. Every read
starts from a case the caller has already fetched through `permissions.visible_cases`."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.formats import date_format

from councillor_hub.accounts.models import User, Ward
from councillor_hub.core.models import ServiceArea

from ..models import (
    Attachment,
    Case,
    CaseConstituent,
    Channel,
    LawfulBasis,
    Outcome,
    Priority,
    SpecialCategoryCondition,
    Status,
    TimelineEntry,
)
from ..permissions import editable_cases, visible_cases


def case_for_page(*, user: User, reference: str) -> QuerySet[Case]:
    """The case with everything its page shows, in a fixed number of queries. Empty when the
    user may not see it."""
    links = CaseConstituent.unrestricted.select_related("constituent").order_by("added_at", "id")
    return (
        visible_cases(user)
        .filter(reference=reference)
        .select_related("owner", "category", "ward")
        .prefetch_related(
            Prefetch("case_constituents", queryset=links, to_attr="constituent_links"),
            "tags",
        )
    )


def case_related_visible(*, user: User, case: Case) -> QuerySet[Case]:
    """Related cases, only those the user may see themselves."""
    return (
        case.related_cases.filter(pk__in=visible_cases(user).values("pk"))
        .select_related("category")
        .order_by("reference")
    )


def case_timeline(*, case: Case) -> QuerySet[TimelineEntry]:
    """The timeline, newest first, with author and any attachment in the same query."""
    return TimelineEntry.unrestricted.filter(case=case).select_related("author", "attachment")


def case_attachments(*, case: Case) -> QuerySet[Attachment]:
    return Attachment.unrestricted.filter(case=case).select_related("uploaded_by", "entry")


def case_attachment(*, user: User, reference: str, pk: int) -> QuerySet[Attachment]:
    """One attachment, only if the user may see its case."""
    return Attachment.unrestricted.filter(
        pk=pk, case__in=visible_cases(user).filter(reference=reference)
    ).select_related("case", "case__owner")


def case_editable(*, user: User, reference: str) -> QuerySet[Case]:
    return editable_cases(user).filter(reference=reference).select_related("owner")


# Field history ---------------------------------------------------------------------------------

HISTORY_FIELDS = [
    "title",
    "description",
    "category",
    "ward",
    "location",
    "postcode",
    "channel",
    "status",
    "outcome",
    "priority",
    "follow_up_date",
    "lawful_basis",
    "has_special_category_data",
    "special_category_condition",
    "opened_at",
    "closed_at",
]

_CHOICES = {
    "channel": dict(Channel.choices),
    "status": dict(Status.choices),
    "outcome": dict(Outcome.choices),
    "priority": dict(Priority.choices),
    "lawful_basis": dict(LawfulBasis.choices),
    "special_category_condition": dict(SpecialCategoryCondition.choices),
}


@dataclass
class FieldChange:
    label: str
    old: str
    new: str


@dataclass
class HistoryRow:
    when: object
    who: str
    kind: str  # "Created" or "Changed"
    changes: list[FieldChange] = field(default_factory=list)


def _display(name: str, value, names: dict[str, dict[int, str]]) -> str:
    if value in (None, ""):
        return "(blank)"
    if name in _CHOICES:
        return str(_CHOICES[name].get(value, value))
    if name in names:
        return names[name].get(value, "(removed)")
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime.datetime):
        return date_format(timezone.localtime(value), "j F Y H:i")
    if isinstance(value, datetime.date):
        return date_format(value, "j F Y")
    return str(value)


def case_history(*, case: Case) -> list[HistoryRow]:
    """Field-level history, newest first: who changed which fields, from what to what.
    Three queries however long the history is."""
    records = list(case.history.select_related("history_user").order_by("history_date", "pk"))
    names = {
        "category": dict(ServiceArea.objects.values_list("pk", "name")),
        "ward": dict(Ward.objects.values_list("pk", "name")),
    }
    labels = {name: Case._meta.get_field(name).verbose_name for name in HISTORY_FIELDS}
    rows: list[HistoryRow] = []
    previous = None
    for record in records:
        who = record.history_user.full_name if record.history_user else "System"
        if previous is None or record.history_type == "+":
            rows.append(HistoryRow(record.history_date, who, "Created"))
        else:
            changes = []
            for name in HISTORY_FIELDS:
                attname = Case._meta.get_field(name).attname
                old, new = getattr(previous, attname), getattr(record, attname)
                if old != new:
                    changes.append(
                        FieldChange(
                            str(labels[name]).capitalize(),
                            _display(name, old, names),
                            _display(name, new, names),
                        )
                    )
            if changes:
                rows.append(HistoryRow(record.history_date, who, "Changed", changes))
        previous = record
    rows.reverse()
    return rows
