"""Reads for the member support team: the triage queue, its counts and likely duplicates.

Everything starts from `Enquiry.visible_to(user)`, so a sensitive enquiry the team member is
not named on never appears here."""

from __future__ import annotations

import datetime
import re

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from councillor_hub.accounts.models import User
from councillor_hub.accounts.roles import Role
from councillor_hub.directory.models import PartnerOrganisation

from ..models import (
    OPEN_STATUSES,
    Enquiry,
    EnquiryResponse,
    EnquiryStatus,
    ResponseStatus,
)
from ..permissions import SERVICE_ROLES

QUEUE_TABS = {
    "new": "New",
    "awaiting": "Awaiting the member",
    "ready": "Response ready to check",
    "open": "All open",
    "overdue": "Overdue",
}
DEFAULT_TAB = "new"
DUPLICATE_WINDOW = datetime.timedelta(weeks=6)
SIMILARITY_THRESHOLD = 0.5

_COMMON_WORDS = """
    about above after again against all and any are because been before being below between
    both but can could did does doing down during each few for from further had has have
    having her here hers him his how into its just more most near not now off once only other
    our out over own please same she should some such than that the their them then there
    these they this those through too under until very was were what when where which while
    who whom why will with would you your
    """
_STOP_WORDS = frozenset(_COMMON_WORDS.split())


def _ready_response():
    return EnquiryResponse.unrestricted.filter(enquiry=OuterRef("pk"), status=ResponseStatus.READY)


def _with_ready_response():
    """The enquiries with a response ready to check, as one uncorrelated subquery over the
    few ready responses (response_ready_idx): counting the tab then looks each open enquiry up
    in that small set instead of probing the responses table once per open enquiry."""
    return EnquiryResponse.unrestricted.filter(status=ResponseStatus.READY).values("enquiry_id")


def _tab_filter(tab: str, now: datetime.datetime) -> Q:
    open_q = Q(status__in=OPEN_STATUSES)
    return {
        "new": Q(status=EnquiryStatus.NEW),
        "awaiting": Q(status=EnquiryStatus.AWAITING_MEMBER),
        "ready": open_q & Q(pk__in=_with_ready_response()),
        "open": open_q,
        "overdue": open_q & Q(due_at__lt=now, paused_at__isnull=True),
    }[tab]


def triage_queue(*, user, tab: str = DEFAULT_TAB) -> QuerySet[Enquiry]:
    """Enquiries for one tab of the team's queue, oldest first (the first to breach comes
    first). An unknown tab gives the new enquiries."""
    if tab not in QUEUE_TABS:
        tab = DEFAULT_TAB
    now = timezone.now()
    order = ["due_at", "received_at", "pk"] if tab == "overdue" else ["received_at", "pk"]
    return (
        Enquiry.visible_to(user)
        .filter(_tab_filter(tab, now))
        .select_related("member", "service_area", "category", "ward")
        .annotate(has_ready_response=Exists(_ready_response()))
        .order_by(*order)
    )


def triage_counts(*, user) -> dict[str, int]:
    """How many enquiries each tab holds, in one query."""
    now = timezone.now()
    # Every tab holds open enquiries only: counting among those lets the status index skip
    # the (far more numerous) closed ones instead of reading every enquiry.
    return (
        Enquiry.visible_to(user)
        .filter(status__in=OPEN_STATUSES)
        .aggregate(**{tab: Count("pk", filter=_tab_filter(tab, now)) for tab in QUEUE_TABS})
    )


def significant_words(text: str) -> frozenset[str]:
    """The words that carry meaning in a subject: lower case, three letters or more, and not
    a common English word."""
    words = re.findall(r"[a-z0-9]+", (text or "").lower())
    return frozenset(w for w in words if len(w) >= 3 and w not in _STOP_WORDS)


def subject_similarity(a: str, b: str) -> float:
    """The share of significant words the two texts have in common (Jaccard index: common
    words over all distinct words)."""
    first, second = significant_words(a), significant_words(b)
    if not first or not second:
        return 0.0
    return len(first & second) / len(first | second)


def likely_duplicates(*, user, enquiry: Enquiry, limit: int = 10) -> list[Enquiry]:
    """Open enquiries received in the last six weeks that look like the same problem: the same
    category at the same postcode or location, or a subject with at least half its
    significant words in common."""
    since = (enquiry.received_at or timezone.now()) - DUPLICATE_WINDOW
    candidates = (
        Enquiry.visible_to(user)
        .filter(status__in=OPEN_STATUSES, received_at__gte=since)
        .exclude(pk=enquiry.pk)
    )
    same_place = Q(pk__in=[])
    if enquiry.category_id:
        place = Q(pk__in=[])
        if enquiry.postcode:
            place |= Q(postcode__iexact=enquiry.postcode)
        if enquiry.location.strip():
            place |= Q(location__iexact=enquiry.location.strip())
        same_place = Q(category_id=enquiry.category_id) & place
    matched = set(candidates.filter(same_place).values_list("pk", flat=True))
    for pk, subject in candidates.exclude(pk__in=matched).values_list("pk", "subject"):
        if subject_similarity(enquiry.subject, subject) >= SIMILARITY_THRESHOLD:
            matched.add(pk)
    return list(
        Enquiry.unrestricted.filter(pk__in=matched)
        .select_related("member", "service_area", "category")
        .order_by("-received_at")[:limit]
    )


def routing_officers() -> QuerySet[User]:
    """People an enquiry can be assigned to by name: active users with a service role."""
    return (
        User.objects.filter(is_active=True, roles__role__in=SERVICE_ROLES)
        .distinct()
        .order_by("full_name", "email")
    )


def named_viewer_candidates() -> QuerySet[User]:
    """People who may be named on a sensitive enquiry: service officers and the team."""
    return (
        User.objects.filter(
            is_active=True, roles__role__in=[*SERVICE_ROLES, Role.MEMBER_SUPPORT_OFFICER]
        )
        .distinct()
        .order_by("full_name", "email")
    )


def active_partners() -> QuerySet[PartnerOrganisation]:
    return PartnerOrganisation.objects.filter(is_active=True).order_by("name")
