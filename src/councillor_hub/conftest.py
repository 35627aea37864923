"""Shared fixtures: a small council with one person per role, and a signed-in test client for
each (the style of uktrade/icms: one client fixture per role).

Permission matrices run hundreds of tests against the same records. Building those records for
every test was most of `make test`'s time, so a module may build them once instead: it uses the
`module_world` fixture (or `pytestmark = pytest.mark.usefixtures("module_world")`), and its own
module-scoped fixtures build inside `module_db`'s transaction with `django_db_blocker.unblock()`.
Each test still runs in its own savepoint, so whatever it changes is rolled back, and gets fresh
copies of the shared rows through `refreshed()` (the `world` fixture does this by itself)."""

import copy
import dataclasses
import os
import shutil
import zlib
from dataclasses import dataclass
from types import SimpleNamespace

import pytest
from django.conf import settings as django_settings
from django.db import models, transaction
from django.test import Client
from django.test.utils import override_settings

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

# The PostgreSQL pass of `make test` runs every test, except that the permission matrices run a
# fixed third of their cells there: the matrices check rules written once in Python and the ORM
# (the same on both databases) and run in full on SQLite; a third of the cells on PostgreSQL
# still renders every page for several people. Set COUNCILLOR_HUB_FULL_MATRICES=1 for all.
MATRIX_SAMPLE_ON_POSTGRES = 3


def _runs_on_postgres() -> bool:
    return os.environ.get("DATABASE_URL", "").startswith(("postgres", "postgresql"))


def pytest_collection_modifyitems(config, items):
    if not _runs_on_postgres() or os.environ.get("COUNCILLOR_HUB_FULL_MATRICES") == "1":
        return
    kept, dropped = [], []
    for item in items:
        in_matrix = "permission" in item.path.name and hasattr(item, "callspec")
        if in_matrix and zlib.crc32(item.nodeid.encode()) % MATRIX_SAMPLE_ON_POSTGRES:
            dropped.append(item)
        else:
            kept.append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


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


def _storages_in(folder) -> dict:
    from django.conf import settings

    return {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(folder)},
        },
    }


@pytest.fixture(scope="module")
def module_db(django_db_setup, django_db_blocker, tmp_path_factory):
    """One transaction around a whole module, rolled back at its end, for records its
    module-scoped fixtures build once. Files they write go to a module folder that each test
    gets a copy of (tests write to their own folder, see `_media_in_tmp`)."""
    media = tmp_path_factory.mktemp("module-media")
    storages = override_settings(STORAGES=_storages_in(media))
    with django_db_blocker.unblock():
        storages.enable()
        atomic = transaction.atomic()
        atomic.__enter__()
    try:
        yield SimpleNamespace(media=media)
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            storages.disable()


def refreshed(value):
    """`value` with every model instance in it read again from the database: a test sharing
    module-built records must not see another test's in-memory changes (its database changes
    were rolled back). Handles dataclasses, dicts, lists and tuples, recursively. One query per
    model class, however many instances: this runs before every test of a shared module."""
    wanted: dict[type, set] = {}
    _collect(value, wanted)
    fresh = {model: model._base_manager.in_bulk(sorted(pks)) for model, pks in wanted.items()}
    return _rebuild(value, fresh)


def _collect(value, wanted: dict[type, set]) -> None:
    if isinstance(value, models.Model):
        wanted.setdefault(type(value), set()).add(value.pk)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            _collect(getattr(value, f.name), wanted)
    elif isinstance(value, dict):
        for item in value.values():
            _collect(item, wanted)
    elif isinstance(value, (list, tuple)):
        for item in value:
            _collect(item, wanted)


def _rebuild(value, fresh: dict[type, dict]):
    if isinstance(value, models.Model):
        found = fresh[type(value)].get(value.pk)
        if found is None:
            raise type(value).DoesNotExist(f"{type(value).__name__} #{value.pk} has gone")
        # A fresh instance per place it appears, as separate reads would give.
        return copy.copy(found)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {
            f.name: _rebuild(getattr(value, f.name), fresh) for f in dataclasses.fields(value)
        }
        return dataclasses.replace(value, **changes)
    if isinstance(value, dict):
        return {key: _rebuild(item, fresh) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(_rebuild(item, fresh) for item in value)
    return value


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache (the booklet keeps its PDF there)."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _media_in_tmp(request, settings, tmp_path):
    """Attachments written by a test land in its own temporary folder, never in var/media (with
    a copy of the files a module-scoped fixture wrote, when the module shares records)."""
    if "module_db" in request.fixturenames or request.module in _SHARED_WORLDS:
        module_media = request.getfixturevalue("module_db").media
        shutil.copytree(module_media, tmp_path / "media", dirs_exist_ok=True)
    settings.STORAGES = _storages_in(tmp_path / "media")


@pytest.fixture(scope="module")
def module_world(module_db, django_db_blocker) -> World:
    """The `world` built once for the module (see the module docstring), with a signed-in
    session for each of its people that `client_for` reuses in the module's tests."""
    with django_db_blocker.unblock():
        world = build_world()
        for field in dataclasses.fields(world):
            person = getattr(world, field.name)
            if isinstance(person, User):
                _MODULE_SESSIONS[person.pk] = _signed_in_session(person)
    yield world
    _MODULE_SESSIONS.clear()


# Fixtures that flush or commit: a module with any of them builds its world per test.
_TRANSACTIONAL = {
    "transactional_db",
    "live_server",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
}
_SHARED_WORLDS: dict = {}  # module -> its world, for modules that share one


def _module_can_share_world(session, module) -> bool:
    """Whether every test of `module` may share one world: every test that uses the database
    uses the world, none needs a real commit or flush, and the module has not asked for a
    fresh world per test (`pytestmark = pytest.mark.fresh_world`)."""
    by_module = session.stash.setdefault(_ITEMS_BY_MODULE, {})
    if not by_module:
        for item in session.items:
            by_module.setdefault(getattr(item, "module", None), []).append(item)
    items = by_module.get(module, [])
    if not any("world" in item.fixturenames for item in items):
        return False
    for item in items:
        uses_database = "db" in item.fixturenames or item.get_closest_marker("django_db")
        if uses_database and "world" not in item.fixturenames:
            return False  # a test that expects an empty database
        if item.get_closest_marker("fresh_world") or _TRANSACTIONAL & set(item.fixturenames):
            return False
        marker = item.get_closest_marker("django_db")
        if marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")):
            return False
    return True


_ITEMS_BY_MODULE = pytest.StashKey[dict]()


@pytest.fixture(scope="module", autouse=True)
def _share_the_world(request):
    """Build the `world` once for each module whose tests can share it (most of them): see the
    module docstring. It runs before any test's own database fixture, as it must."""
    if not _module_can_share_world(request.session, request.module):
        yield
        return
    _SHARED_WORLDS[request.module] = request.getfixturevalue("module_world")
    yield
    _SHARED_WORLDS.pop(request.module, None)


@pytest.fixture
def world(request, db) -> World:
    """A small council with one person per role: fresh copies of the module's shared world,
    or (in modules that cannot share one) built for this test."""
    if "module_world" in request.fixturenames:
        return refreshed(request.getfixturevalue("module_world"))
    if request.module in _SHARED_WORLDS:
        return refreshed(_SHARED_WORLDS[request.module])
    return build_world()


def build_world() -> World:
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


SIGN_IN_BACKEND = "councillor_hub.accounts.backends.UserWithProfileBackend"
# user id -> session key made once for a module's shared world (in the module transaction, so
# each test's savepoint leaves it as it was). Signing in anew for every test cost a session
# row, a last_login update and an access-log row each time.
_MODULE_SESSIONS: dict[int, str] = {}


def _signed_in_session(user: User) -> str:
    """A session signed in as `user`, as Client.force_login makes one, without the sign-in
    signals (last_login, access log)."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = user._meta.pk.value_to_string(user)
    session[BACKEND_SESSION_KEY] = SIGN_IN_BACKEND
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    # As signing in does (accounts.middleware.mark_refreshed): no session write on the next
    # request. Module sessions live for a module's run, so a fixed far-future moment.
    session["_refreshed_at"] = 2**40
    session.save()
    return session.session_key


def _client_for(user: User) -> Client:
    client = Client()
    session_key = _MODULE_SESSIONS.get(user.pk)
    if session_key is None:
        client.force_login(user, backend=SIGN_IN_BACKEND)
    else:
        client.cookies[django_settings.SESSION_COOKIE_NAME] = session_key
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
