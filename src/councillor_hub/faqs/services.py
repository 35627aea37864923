"""Writes for FAQs: adding and changing them (content managers only, audited, with history),
counting their uses, and inserting a model response into a case note through the casework
service, so the note is checked, audited and kept in history like any other."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest

from councillor_hub.audit.models import Action
from councillor_hub.audit.services import audit_record
from councillor_hub.casework.models import Case, EntryKind, TimelineEntry
from councillor_hub.casework.services.cases import timeline_entry_add
from councillor_hub.directory.permissions import can_manage_hub_content

from .models import PLACEHOLDERS, Faq, FaqUse, UseKind
from .selectors import unknown_placeholders, visible_faqs

__all__ = [
    "FAQ_FIELDS",
    "INSERT_KINDS",
    "faq_create",
    "faq_mark_helpful",
    "faq_update",
    "faq_use_record",
    "faqs_shown_on_enquiry",
    "model_response_insert",
    "placeholder_errors",
]

# The fields a content manager sets.
FAQ_FIELDS = (
    "service_area",
    "question",
    "answer",
    "model_response",
    "keywords",
    "members_only",
    "is_published",
)
# What a model response may be recorded as on a case timeline.
INSERT_KINDS = (EntryKind.NOTE, EntryKind.LETTER_OUT, EntryKind.EMAIL_OUT)


def placeholder_errors(text: str) -> list[str]:
    """One message per unknown {placeholder}, naming it and the ones that work."""
    known = ", ".join("{" + key + "}" for key in PLACEHOLDERS)
    return [
        f"{{{name}}} is not a placeholder we can fill in. Use one of {known}, or remove the braces"
        for name in unknown_placeholders(text)
    ]


def _require_manager(actor) -> None:
    if not can_manage_hub_content(actor):
        raise PermissionDenied("You cannot manage FAQs")


def _clean(fields: dict) -> dict:
    unknown = set(fields) - set(FAQ_FIELDS)
    if unknown:
        raise TypeError(f"Unknown FAQ fields: {', '.join(sorted(unknown))}")
    cleaned = dict(fields)
    for name in ("question", "answer", "model_response", "keywords"):
        if name in cleaned:
            cleaned[name] = (cleaned[name] or "").strip()
    errors: dict[str, list[str]] = {}
    if "question" in cleaned and not cleaned["question"]:
        errors["question"] = ["Enter the question"]
    if "answer" in cleaned and not cleaned["answer"]:
        errors["answer"] = ["Enter the answer for members"]
    if "service_area" in cleaned and cleaned["service_area"] is None:
        errors["service_area"] = ["Select the service the FAQ is about"]
    problems = placeholder_errors(cleaned.get("model_response", ""))
    if problems:
        errors["model_response"] = problems
    if errors:
        raise ValidationError(errors)
    return cleaned


def _history_user(faq: Faq, actor) -> None:
    if getattr(actor, "is_authenticated", False):
        faq._history_user = actor


@transaction.atomic
def faq_create(*, actor, request: HttpRequest | None = None, **fields) -> Faq:
    """Add an FAQ. Unknown placeholders in the model response are refused, each named."""
    _require_manager(actor)
    faq = Faq(**_clean(fields))
    _history_user(faq, actor)
    faq.save()
    audit_record(
        actor=actor,
        action=Action.CREATE,
        obj=faq,
        label=f"FAQ {faq.pk}",
        detail="FAQ added" + ("" if faq.is_published else " (not published)"),
        request=request,
    )
    return faq


@transaction.atomic
def faq_update(*, actor, faq: Faq, request: HttpRequest | None = None, **fields) -> Faq:
    """Change an FAQ; the audit event names the fields that changed (never their content)."""
    _require_manager(actor)
    cleaned = _clean(fields)
    changed = [name for name, value in cleaned.items() if getattr(faq, name) != value]
    if not changed:
        return faq
    for name in changed:
        setattr(faq, name, cleaned[name])
    _history_user(faq, actor)
    faq.save()
    audit_record(
        actor=actor,
        action=Action.UPDATE,
        obj=faq,
        label=f"FAQ {faq.pk}",
        detail="Changed " + ", ".join(Faq._meta.get_field(n).verbose_name for n in changed),
        request=request,
    )
    return faq


def faq_use_record(*, faq: Faq, kind: str, user=None) -> FaqUse:
    """Count one use of an FAQ (never shown per person)."""
    if kind not in UseKind.values:
        raise ValueError(f"Unknown use: {kind}")
    return FaqUse.objects.create(
        faq=faq, kind=kind, user=user if getattr(user, "is_authenticated", False) else None
    )


@transaction.atomic
def faq_mark_helpful(*, actor, faq: Faq) -> bool:
    """Count the FAQ as helpful, once per person. True if this was the first time."""
    if not getattr(actor, "is_authenticated", False):
        raise PermissionDenied("Sign in to mark an answer as helpful")
    # Lock the FAQ row so two quick clicks cannot both count.
    Faq.objects.select_for_update().filter(pk=faq.pk).exists()
    if FaqUse.objects.filter(faq=faq, kind=UseKind.HELPFUL, user=actor).exists():
        return False
    faq_use_record(faq=faq, kind=UseKind.HELPFUL, user=actor)
    return True


def faqs_shown_on_enquiry(*, user, faqs: Iterable) -> list:
    """Count the FAQs the enquiry form shows as matches; returns them as a list."""
    faqs = list(faqs)
    shown = [f for f in faqs if isinstance(f, Faq) and f.pk is not None]
    if shown:
        recorded_by = user if getattr(user, "is_authenticated", False) else None
        FaqUse.objects.bulk_create(
            FaqUse(faq=faq, kind=UseKind.SHOWN_ON_ENQUIRY, user=recorded_by) for faq in shown
        )
    return faqs


@transaction.atomic
def model_response_insert(
    *,
    actor,
    case: Case,
    faq: Faq,
    body: str,
    kind: str = EntryKind.NOTE,
    is_sensitive: bool = False,
    request: HttpRequest | None = None,
) -> TimelineEntry:
    """Add a (filled-in, perhaps edited) model response to a case's timeline as a note, letter
    or email, through the casework service (which checks the actor may add to the case and
    records the audit event and history), and count the insertion."""
    if not visible_faqs(actor).filter(pk=faq.pk).exists():
        raise PermissionDenied("You cannot use this FAQ")
    if kind not in INSERT_KINDS:
        raise ValidationError({"kind": ["Select how to record the response"]})
    entry = timeline_entry_add(
        actor=actor,
        case=case,
        kind=kind,
        body=body,
        is_sensitive=is_sensitive,
        request=request,
    )
    faq_use_record(faq=faq, kind=UseKind.INSERTED, user=actor)
    return entry
