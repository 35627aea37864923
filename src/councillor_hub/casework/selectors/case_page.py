"""Reads for one case's pages: the case page, its timeline and its field history. Every read
starts from a case the caller has already fetched through `permissions.visible_cases`."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

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
from .history import HistoryRow, field_history


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


def case_history(*, case: Case) -> list[HistoryRow]:
    """Field-level history of the case's details, newest first."""
    return field_history(
        obj=case,
        fields=HISTORY_FIELDS,
        choices=_CHOICES,
        names={
            "category": dict(ServiceArea.objects.values_list("pk", "name")),
            "ward": dict(Ward.objects.values_list("pk", "name")),
        },
    )
