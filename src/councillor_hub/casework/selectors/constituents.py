"""Reads for constituents: search over what a user may see, and possible duplicates."""

from __future__ import annotations

import re

from django.db.models import Count, Q, QuerySet, Value
from django.db.models.functions import Replace, Upper

from councillor_hub.accounts.models import User

from ..models import Case, ConsentRecord, Constituent
from ..permissions import visible_cases, visible_constituents

__all__ = [
    "constituent_cases",
    "constituent_consents",
    "constituent_search",
    "possible_duplicates",
]


def _compact(value: str) -> str:
    """A phone number or postcode with spaces and hyphens removed, upper-cased."""
    return re.sub(r"[\s-]+", "", value or "").upper()


def _with_compact_fields(qs: QuerySet[Constituent]) -> QuerySet[Constituent]:
    def strip(field: str):
        return Replace(Replace(Upper(field), Value(" "), Value("")), Value("-"), Value(""))

    return qs.annotate(phone_compact=strip("phone"), postcode_compact=strip("postcode"))


def constituent_search(*, user: User, q: str = "") -> QuerySet[Constituent]:
    """Constituents the user may see, matching `q` against names (in any order), email, phone
    or postcode (spaces ignored), ordered by name, each with `case_count`: the number of their
    cases the user may see."""
    visible_case_ids = visible_cases(user).values("pk")
    qs = (
        visible_constituents(user)
        .select_related("owner")
        .annotate(
            case_count=Count(
                "case_links",
                filter=Q(case_links__case_id__in=visible_case_ids),
                distinct=True,
            )
        )
        .order_by("last_name", "first_name", "pk")
    )
    q = (q or "").strip()[:200]
    if not q:
        return qs
    words = q.split()
    names = Q()
    for word in words:
        names &= (
            Q(first_name__icontains=word) | Q(last_name__icontains=word) | Q(title__iexact=word)
        )
    match = names | Q(email__icontains=q)
    compact = _compact(q)
    if any(ch.isdigit() for ch in compact):
        qs = _with_compact_fields(qs)
        match |= Q(phone_compact__contains=compact) | Q(postcode_compact__startswith=compact)
    return qs.filter(match)


def possible_duplicates(
    *,
    owner: User,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    phone: str = "",
    postcode: str = "",
    exclude_pk: int | None = None,
) -> QuerySet[Constituent]:
    """Records in `owner`'s casework that may be the same person: the same email (any case),
    the same phone number (spaces ignored), or the same first and last name at the same
    postcode. The caller must already have checked that the user acts for `owner`."""
    match = Q()
    email = (email or "").strip()
    if email:
        match |= Q(email__iexact=email)
    phone_key = _compact(phone)
    if phone_key:
        match |= Q(phone_compact=phone_key)
    postcode_key = _compact(postcode)
    first_name, last_name = (first_name or "").strip(), (last_name or "").strip()
    if first_name and last_name and postcode_key:
        match |= Q(
            first_name__iexact=first_name,
            last_name__iexact=last_name,
            postcode_compact=postcode_key,
        )
    if not match:
        return Constituent.unrestricted.none()
    qs = _with_compact_fields(Constituent.unrestricted.filter(owner=owner)).filter(match)
    if exclude_pk is not None:
        qs = qs.exclude(pk=exclude_pk)
    return qs.order_by("last_name", "first_name", "pk")


def constituent_cases(*, user: User, constituent: Constituent) -> QuerySet[Case]:
    """The constituent's cases that the user may see, newest first."""
    return (
        visible_cases(user)
        .filter(case_constituents__constituent=constituent)
        .order_by("-opened_at")
        .distinct()
    )


def constituent_consents(*, constituent: Constituent) -> QuerySet[ConsentRecord]:
    return ConsentRecord.unrestricted.filter(constituent=constituent).select_related("recorded_by")
