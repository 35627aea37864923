"""Fixtures and builders for the subject access tests (owned by that area, so the shared
conftest stays small). Import the fixtures you use into the test module."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from councillor_hub.casework.tests.factories import CaseFactory, ConstituentFactory
from councillor_hub.dataprotection.dates import sar_due_date
from councillor_hub.dataprotection.models import IdentityCheck, SubjectAccessRequest


def make_sar(*, controller=None, received_on: date | None = None, **extra) -> SubjectAccessRequest:
    received_on = received_on or timezone.localdate() - timedelta(days=3)
    values = {
        "reference": f"SAR-2026-{SubjectAccessRequest.unrestricted.count() + 1:05d}",
        "controller": controller,
        "controller_is_council": controller is None,
        "requester_name": "Alice Applegate",
        "requester_contact": "alice@example.test",
        "received_on": received_on,
        "identity_check": IdentityCheck.DOCUMENT,
        "due_on": sar_due_date(received_on),
        "recorded_by": controller,
        **extra,
    }
    return SubjectAccessRequest.unrestricted.create(**values)


@pytest.fixture
def council_sar(dpo):
    return make_sar(controller=None, recorded_by=dpo)


@pytest.fixture
def councillor_sar(world):
    return make_sar(controller=world.councillor)


@pytest.fixture
def subject(world):
    """Alice, a constituent of world.councillor, on one case of theirs."""
    alice = ConstituentFactory(
        owner=world.councillor,
        first_name="Alice",
        last_name="Applegate",
        email="alice@example.test",
        phone="07700 900111",
    )
    CaseFactory(owner=world.councillor, category=world.highways, constituents=[alice])
    return alice
