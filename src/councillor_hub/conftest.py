"""Shared fixtures: a small council with one person per role, and a signed-in test client for
each (the style of uktrade/icms: one client fixture per role)."""

from dataclasses import dataclass

import pytest
from django.test import Client

from councillor_hub.accounts.models import User, UserRole
from councillor_hub.accounts.roles import Role
from councillor_hub.accounts.tests.factories import (
    CouncillorFactory,
    PoliticalGroupFactory,
    ServiceAreaFactory,
    UserFactory,
    WardFactory,
)
from councillor_hub.casework.tests.factories import DelegateGrantFactory


@dataclass
class World:
    ward_a: object
    ward_b: object
    group_red: object
    group_blue: object
    highways: object
    councillor: User
    colleague: User
    other: User
    independent: User
    delegate: User
    support: User
    highways_officer: User
    manager: User
    mp: User
    whip: User
    democratic: User
    admin: User


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Attachments written by a test land in its own temporary folder, never in var/media."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media")},
        },
    }


@pytest.fixture
def world(db) -> World:
    ward_a = WardFactory(name="Abbey", ons_code="E05000001")
    ward_b = WardFactory(name="Brookside", ons_code="E05000002")
    red = PoliticalGroupFactory(name="Red Party")
    blue = PoliticalGroupFactory(name="Blue Party")
    highways = ServiceAreaFactory(name="Highways", slug="highways")
    councillor = CouncillorFactory(
        email="councillor@demo.test", profile__ward=ward_a, profile__political_group=red
    )
    colleague = CouncillorFactory(
        email="colleague@demo.test", profile__ward=ward_a, profile__political_group=red
    )
    other = CouncillorFactory(
        email="other@demo.test", profile__ward=ward_b, profile__political_group=blue
    )
    independent = CouncillorFactory(
        email="independent@demo.test", profile__ward=ward_b, profile__political_group=None
    )
    delegate = UserFactory(email="delegate@demo.test", roles=[Role.DELEGATE])
    DelegateGrantFactory(councillor=councillor, delegate=delegate)
    support = UserFactory(email="support@demo.test", roles=[Role.MEMBER_SUPPORT_OFFICER])
    highways_officer = UserFactory(email="highways@demo.test")
    UserRole.objects.create(user=highways_officer, role=Role.SERVICE_OFFICER, service_area=highways)
    manager = UserFactory(email="manager@demo.test")
    UserRole.objects.create(user=manager, role=Role.SERVICE_MANAGER, service_area=highways)
    mp = UserFactory(email="mp@demo.test", roles=[Role.MP])
    whip = CouncillorFactory(
        email="whip@demo.test", profile__ward=ward_b, profile__political_group=red
    )
    UserRole.objects.create(user=whip, role=Role.GROUP_WHIP, political_group=red)
    democratic = UserFactory(email="democratic@demo.test", roles=[Role.DEMOCRATIC_SERVICES_OFFICER])
    admin = UserFactory(
        email="admin@demo.test", roles=[Role.ADMINISTRATOR], is_staff=True, is_superuser=True
    )
    return World(
        ward_a=ward_a,
        ward_b=ward_b,
        group_red=red,
        group_blue=blue,
        highways=highways,
        councillor=councillor,
        colleague=colleague,
        other=other,
        independent=independent,
        delegate=delegate,
        support=support,
        highways_officer=highways_officer,
        manager=manager,
        mp=mp,
        whip=whip,
        democratic=democratic,
        admin=admin,
    )


def _client_for(user: User) -> Client:
    client = Client()
    client.force_login(user, backend="councillor_hub.accounts.backends.UserWithProfileBackend")
    return client


ROLE_NAMES = [
    "councillor",
    "colleague",
    "other",
    "independent",
    "delegate",
    "support",
    "highways_officer",
    "manager",
    "mp",
    "whip",
    "democratic",
    "admin",
]


@pytest.fixture
def client_for():
    """Make a signed-in client for any user."""
    return _client_for


@pytest.fixture
def councillor_client(world):
    return _client_for(world.councillor)


@pytest.fixture
def colleague_client(world):
    return _client_for(world.colleague)


@pytest.fixture
def other_client(world):
    return _client_for(world.other)


@pytest.fixture
def delegate_client(world):
    return _client_for(world.delegate)


@pytest.fixture
def support_client(world):
    return _client_for(world.support)


@pytest.fixture
def admin_client_(world):
    return _client_for(world.admin)
