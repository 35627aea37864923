"""Helpers for the handover tests: cases with constituents, consent records and term ends."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from councillor_hub.casework.models import (
    Case,
    ConsentMethod,
    ConsentPurpose,
    ConsentRecord,
    Constituent,
    Status,
)
from councillor_hub.casework.tests.factories import CaseFactory, ConstituentFactory

HANDOVER_URL_NAME = "dataprotection:handover"


def consent(constituent: Constituent, purpose=ConsentPurpose.HANDOVER, *, given=True, by=None):
    return ConsentRecord.unrestricted.create(
        constituent=constituent,
        purpose=purpose,
        given=given,
        method=ConsentMethod.VERBAL,
        recorded_by=by or constituent.owner,
        note="Agreed on the phone",
    )


def person(owner, **extra) -> Constituent:
    return ConstituentFactory(owner=owner, **extra)


def case_for(owner, *constituents, agreed=None, **extra) -> Case:
    """A case of `owner` with the given constituents (a new one if none given). `agreed`:
    True records each constituent's agreement to a handover, False a refusal, None nothing."""
    if not constituents:
        constituents = (person(owner),)
    case = CaseFactory(owner=owner, constituents=list(constituents), **extra)
    if agreed is not None:
        for constituent in constituents:
            consent(constituent, given=agreed)
    return case


def closed_case_for(owner, *constituents, **extra) -> Case:
    return case_for(owner, *constituents, status=Status.CLOSED, closed_at=timezone.now(), **extra)


def end_term(user, *, days_ago: int, reason: str = "not_re_elected") -> None:
    """Record that `user`'s term ended `days_ago` days ago (on the same instance the tests
    use, so its cached profile agrees)."""
    profile = user.councillor_profile
    profile.term_end = timezone.localdate() - timedelta(days=days_ago)
    profile.term_end_reason = reason
    profile.save()


def reload(case: Case) -> Case | None:
    return Case.unrestricted.filter(pk=case.pk).select_related("owner").first()
