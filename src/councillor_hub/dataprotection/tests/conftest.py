from datetime import timedelta

import pytest
from django.utils import timezone

from councillor_hub.accounts.roles import Role
from councillor_hub.accounts.tests.factories import UserFactory
from councillor_hub.conftest import refreshed
from councillor_hub.dataprotection.models import Breach


@pytest.fixture(scope="module")
def module_dpo(module_world, django_db_blocker):
    """The data protection officer, built once for a module that shares its records."""
    with django_db_blocker.unblock():
        return _make_dpo()


@pytest.fixture
def dpo(request, world):
    if "module_dpo" in request.fixturenames:
        return refreshed(request.getfixturevalue("module_dpo"))
    return _make_dpo()


def _make_dpo():
    return UserFactory(email="dpo@demo.test", roles=[Role.DATA_PROTECTION_OFFICER])


def make_breach(*, controller=None, recorded_by=None, **extra) -> Breach:
    values = {
        "reference": f"BR-2026-{Breach.unrestricted.count() + 1:05d}",
        "controller": controller,
        "controller_is_council": controller is None,
        "what_happened": "A letter went to the wrong address",
        "discovered_at": timezone.now() - timedelta(hours=2),
        "data_involved": "Name and address",
        "people_affected": 1,
        "recorded_by": recorded_by or controller,
        **extra,
    }
    return Breach.unrestricted.create(**values)


@pytest.fixture
def council_breach(dpo):
    return make_breach(controller=None, recorded_by=dpo)


@pytest.fixture
def councillor_breach(world):
    return make_breach(controller=world.councillor)
