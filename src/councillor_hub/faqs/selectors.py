"""Reads for FAQs: what a user may see, text search, matches for the enquiry form, the usage
report and the values that fill a model response's placeholders from a case. Who may see what
comes from directory/permissions.py (the one source of hub rules)."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from councillor_hub.core.models import ServiceArea
from councillor_hub.directory.permissions import (
    can_manage_hub_content,
    can_use_hub,
    visible_filter_members_only,
)

from .models import PLACEHOLDERS, Faq, UseKind

MAX_SEARCH_WORDS = 8
MAX_WORD_LENGTH = 40

# Words too common to tell one FAQ from another when matching an enquiry's text.
_STOP_WORDS = """
a about above after again against all also am an and any are as at be because been before
being below between both but by can could did do does doing down during each few for from
further get got had has have having he her here hers him his how i if in into is it its
just like me more most my no nor not now of off on once only or other our out over own
please same she should so some still such than that the their them then there these they
this those through to too under until up very was we were what when where which while who
whom why will with would you your yours council councillor resident residents constituent
asked asking ask thanks thank dear regards want wants know need needs help tell told said
one two many much new old week weeks day days month months year years time
"""
STOP_WORDS = frozenset(_STOP_WORDS.split())


def visible_faqs(user) -> QuerySet[Faq]:
    """The FAQs `user` may open: nothing for anyone signed out, published FAQs for everyone
    signed in (members-only ones for those who may see them), and drafts too for the people
    who manage the content."""
    if not can_use_hub(user):
        return Faq.objects.none()
    faqs = Faq.objects.select_related("service_area")
    if not can_manage_hub_content(user):
        faqs = faqs.filter(is_published=True)
    return faqs.filter(**visible_filter_members_only(user))


def search_words(text: str) -> list[str]:
    """The words of a search, lower-cased, without punctuation, at most MAX_SEARCH_WORDS."""
    words = re.findall(r"\w+", (text or "").lower())
    return [w[:MAX_WORD_LENGTH] for w in words][:MAX_SEARCH_WORDS]


def faq_search(faqs: QuerySet[Faq], text: str) -> QuerySet[Faq]:
    """FAQs whose question, answer or keywords contain every word, in any order."""
    for word in search_words(text):
        faqs = faqs.filter(
            Q(question__icontains=word) | Q(answer__icontains=word) | Q(keywords__icontains=word)
        )
    return faqs


def faq_list(
    *, user, service_area: ServiceArea | None = None, text: str = "", with_response=False
) -> QuerySet[Faq]:
    """The FAQs the list shows, in service-area order (for grouping) then by question."""
    faqs = visible_faqs(user)
    if service_area is not None:
        faqs = faqs.filter(service_area=service_area)
    if with_response:
        faqs = faqs.exclude(model_response="")
    return faq_search(faqs, text).order_by("service_area__name", "question", "pk")


def service_areas_with_faqs(user, *, with_response=False) -> QuerySet[ServiceArea]:
    """The service areas that have at least one FAQ the user may see (for the filter)."""
    faqs = visible_faqs(user)
    if with_response:
        faqs = faqs.exclude(model_response="")
    return ServiceArea.objects.filter(pk__in=faqs.values("service_area_id")).order_by("name")


# ---------------------------------------------------------------- the enquiry form


def _stem(word: str) -> str:
    """A crude singular: 'potholes' -> 'pothole', 'bins' -> 'bin', 'fees' -> 'fee'."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3]
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def enquiry_words(text: str) -> list[str]:
    """The distinct words of an enquiry worth matching on (no stop words, no short words)."""
    seen: list[str] = []
    for word in re.findall(r"[a-z0-9]+", (text or "").lower()):
        if len(word) < 3 or word in STOP_WORDS or word.isdigit():
            continue
        stem = _stem(word)[:MAX_WORD_LENGTH]
        if stem not in seen:
            seen.append(stem)
    return seen[:40]


def matching_faqs(
    service_area: ServiceArea | None, text: str, *, user=None, limit: int = 5
) -> list[Faq]:
    """Published FAQs of the service area whose words match the enquiry's subject and
    description, best first. Without a `user`, members-only FAQs are left out."""
    words = enquiry_words(text)
    if service_area is None or not words:
        return []
    faqs = Faq.objects.filter(service_area=service_area, is_published=True)
    if user is None:
        faqs = faqs.filter(members_only=False)
    else:
        if not can_use_hub(user):
            return []
        faqs = faqs.filter(**visible_filter_members_only(user))
    any_word = Q()
    for word in words:
        any_word |= Q(question__icontains=word) | Q(keywords__icontains=word)
        any_word |= Q(answer__icontains=word)
    scored = []
    patterns = {word: re.compile(r"\b" + re.escape(word)) for word in words}
    for faq in faqs.filter(any_word).select_related("service_area")[:200]:
        title = f"{faq.question} {faq.keywords}".lower()
        answer = faq.answer.lower()
        score = 0
        for pattern in patterns.values():
            if pattern.search(title):
                score += 3
            elif pattern.search(answer):
                score += 1
        if score >= 3:  # at least one word in the question or keywords
            scored.append((score, faq))
    scored.sort(key=lambda pair: (-pair[0], pair[1].question))
    return [faq for _, faq in scored[:limit]]


# ------------------------------------------------------------------ the usage report

USAGE_COLUMNS = {
    # sort key: (label, UseKind)
    "views": ("Views", UseKind.VIEWED),
    "shown": ("Shown on the enquiry form", UseKind.SHOWN_ON_ENQUIRY),
    "inserted": ("Inserted into a case", UseKind.INSERTED),
    "helpful": ("Marked helpful", UseKind.HELPFUL),
    "avoided": ("Enquiries not sent", UseKind.ENQUIRY_AVOIDED),
}
USAGE_PERIODS = {
    "": ("All time", None),
    "30": ("The last 30 days", 30),
    "90": ("The last 3 months", 90),
    "365": ("The last 12 months", 365),
}
USAGE_SORTS = {
    "question": "question",
    "service": "service_area__name",
    **{k: k for k in USAGE_COLUMNS},
}


def faq_usage(
    *,
    service_area: ServiceArea | None = None,
    days: int | None = None,
    sort: str = "views",
    descending: bool = True,
) -> QuerySet[Faq]:
    """Every FAQ with a count of each kind of use (in the last `days` days, if given), in one
    query: views, shown, inserted, helpful, avoided."""
    since = timezone.now() - datetime.timedelta(days=days) if days else None
    counts = {}
    for key, (_, kind) in USAGE_COLUMNS.items():
        condition = Q(uses__kind=kind)
        if since is not None:
            condition &= Q(uses__at__gte=since)
        counts[key] = Count("uses", filter=condition)
    faqs = Faq.objects.select_related("service_area").annotate(**counts)
    if service_area is not None:
        faqs = faqs.filter(service_area=service_area)
    field = USAGE_SORTS.get(sort, "views")
    first = f"-{field}" if descending else field
    return faqs.order_by(first, "service_area__name", "question", "pk")


# ------------------------------------------------------- placeholders filled from a case


@dataclass
class Filled:
    text: str
    unfilled: list[str]  # placeholder names still in the text, for the member to fill in


PLACEHOLDER_PATTERN = re.compile(r"\{(\w+)\}")


def placeholders_in(text: str) -> list[str]:
    """The distinct {placeholder} names in `text`, in order of first use."""
    names: list[str] = []
    for name in PLACEHOLDER_PATTERN.findall(text or ""):
        if name not in names:
            names.append(name)
    return names


def unknown_placeholders(text: str) -> list[str]:
    """Names written as placeholders that are not ones the app fills in."""
    return [name for name in placeholders_in(text) if name not in PLACEHOLDERS]


def placeholder_values(case) -> dict[str, str]:
    """What each placeholder means on this case. Empty when the case does not say (no
    constituent, no ward): the placeholder then stays for the member to fill in."""
    links = getattr(case, "constituent_links", None)
    if links is None:
        from councillor_hub.casework.models import CaseConstituent

        links = list(
            CaseConstituent.unrestricted.filter(case=case)
            .select_related("constituent")
            .order_by("added_at", "id")
        )
    first = links[0].constituent if links else None
    owner = case.owner
    return {
        "constituent_name": first.full_name if first else "",
        "constituent_first_name": first.first_name if first else "",
        "councillor_name": owner.full_name or "",
        "ward": case.ward.name if case.ward_id else "",
        "case_reference": case.reference,
        "council_name": settings.COUNCIL_NAME,
    }


def fill_model_response(faq: Faq, values: dict[str, str]) -> Filled:
    """The model response with what the case tells us filled in, and what is left to fill.

    One pass over the text (unlike replacing each placeholder in turn), so a value that
    itself contains braces, like a name typed as "{ward}", is inserted as it is."""
    unfilled: list[str] = []

    def fill(match: re.Match) -> str:
        name = match.group(1)
        value = values.get(name) if name in PLACEHOLDERS else None
        if value:
            return str(value)
        if name not in unfilled:
            unfilled.append(name)
        return match.group(0)

    text = PLACEHOLDER_PATTERN.sub(fill, faq.model_response or "")
    return Filled(text=text, unfilled=unfilled)
