"""Reads for the end-of-term handover screen: a councillor's cases that still hold personal
data (open ones, and closed ones not yet anonymised), whether every constituent on each has
agreed to a handover, and which lie outside the ward the councillor now represents (after a
boundary change).

Everything starts from `Case.visible_to(owner)` narrowed to the owner's own cases, so these
reads can never show more than the casework rules allow."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)

from councillor_hub.casework.models import (
    Case,
    CaseConstituent,
    ConsentPurpose,
    ConsentRecord,
    Status,
)

from .. import permissions

STATUSES: dict[str, str] = {
    "open": "Open cases",
    "retained": "Closed cases still held",
}
WARDS: dict[str, str] = {
    "outside": "Only cases in wards you no longer represent",
}
CONSENTS: dict[str, str] = {
    "agreed": "Every constituent has agreed to a handover",
    "missing": "Agreement to a handover is missing",
}


def current_ward_id(owner) -> int | None:
    profile = getattr(owner, "councillor_profile", None)
    return profile.ward_id if profile is not None else None


def _latest_given(constituent_ref: str, purpose: str = ConsentPurpose.HANDOVER) -> Subquery:
    """The `given` flag of the constituent's latest consent record for `purpose` (None if
    there is none): the rule of permissions.handover_consent_missing, in SQL."""
    return Subquery(
        ConsentRecord.unrestricted.filter(constituent_id=OuterRef(constituent_ref), purpose=purpose)
        .order_by("-recorded_at", "-id")
        .values("given")[:1],
        output_field=BooleanField(),
    )


def _handover_blocked() -> Exists:
    without = (
        CaseConstituent.unrestricted.filter(case=OuterRef("pk"))
        .annotate(given=_latest_given("constituent_id"))
        .filter(Q(given__isnull=True) | Q(given=False))
    )
    return Exists(without)


def _council_details_agreed() -> Exists:
    """Whether a constituent on the case agreed to their details being passed to the council
    (case_pass_to_council then sends them with the enquiry)."""
    agreed = (
        CaseConstituent.unrestricted.filter(case=OuterRef("pk"))
        .annotate(given=_latest_given("constituent_id", ConsentPurpose.PASS_TO_COUNCIL))
        .filter(given=True)
    )
    return Exists(agreed)


def _outside_ward(owner):
    ward_id = current_ward_id(owner)
    if ward_id is None:
        return Value(False, output_field=BooleanField())
    return ExpressionWrapper(
        Q(ward__isnull=False) & ~Q(ward_id=ward_id), output_field=BooleanField()
    )


def handover_base(*, owner) -> QuerySet[Case]:
    """Every case the owner still holds personal data in: open, or closed and not
    anonymised."""
    return Case.visible_to(owner).filter(owner_id=owner.pk, anonymised_at__isnull=True)


def handover_cases(*, owner, filters: dict) -> QuerySet[Case]:
    """The owner's handover list, filtered. filters: status ("open"/"retained"), ward
    ("outside"), consent ("agreed"/"missing"); unknown values are ignored. Each case carries
    `outside_ward`, `handover_blocked`, `council_details_agreed` and `constituent_links`
    (names only, each link with `handover_given`)."""
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
        .annotate(handover_given=_latest_given("constituent_id"))
        .order_by("added_at", "id")
    )
    queryset = (
        handover_base(owner=owner)
        .annotate(
            outside_ward=_outside_ward(owner),
            handover_blocked=_handover_blocked(),
            council_details_agreed=_council_details_agreed(),
        )
        .select_related("category", "ward")
        .prefetch_related(
            Prefetch("case_constituents", queryset=links, to_attr="constituent_links")
        )
    )
    status = filters.get("status")
    if status == "open":
        queryset = queryset.exclude(status=Status.CLOSED)
    elif status == "retained":
        queryset = queryset.filter(status=Status.CLOSED)
    if filters.get("ward") == "outside":
        queryset = queryset.filter(outside_ward=True)
    consent = filters.get("consent")
    if consent == "agreed":
        queryset = queryset.filter(handover_blocked=False)
    elif consent == "missing":
        queryset = queryset.filter(handover_blocked=True)
    return queryset.order_by("-opened_at", "-id")


@dataclass(frozen=True)
class HandoverCounts:
    open: int
    retained: int
    outside_ward: int

    @property
    def total(self) -> int:
        return self.open + self.retained


def handover_counts(*, owner) -> HandoverCounts:
    """How many open and retained cases the owner holds, and how many lie outside their
    current ward: one query."""
    figures = (
        handover_base(owner=owner)
        .annotate(outside_ward=_outside_ward(owner))
        .aggregate(
            open=Count("pk", filter=~Q(status=Status.CLOSED)),
            retained=Count("pk", filter=Q(status=Status.CLOSED)),
            outside=Count("pk", filter=Q(outside_ward=True)),
        )
    )
    return HandoverCounts(
        open=figures["open"] or 0,
        retained=figures["retained"] or 0,
        outside_ward=figures["outside"] or 0,
    )


def recipient_choices(*, owner) -> list[tuple[str, list[tuple[str, str]]]]:
    """Who may receive cases, grouped for a select: ward colleagues first, then every other
    councillor and MP in office."""
    ward_id = current_ward_id(owner)
    colleagues, others = [], []
    for person in permissions.handover_recipients(owner).select_related("councillor_profile__ward"):
        profile = getattr(person, "councillor_profile", None)
        name = person.full_name or person.email
        label = f"{name} ({profile.ward.name})" if profile is not None else name
        choice = (str(person.pk), label)
        if ward_id is not None and profile is not None and profile.ward_id == ward_id:
            colleagues.append(choice)
        else:
            others.append(choice)
    groups = []
    if colleagues:
        groups.append(("Your ward colleagues", colleagues))
    if others:
        groups.append(("Other councillors and MPs", others))
    return groups
