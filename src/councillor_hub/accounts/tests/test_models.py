"""The custom user model: email is the login, roles live in UserRole rows."""

import pytest
from django.contrib.auth import get_user_model
from django.db import IntegrityError

from councillor_hub.accounts.models import NON_ALIGNED_LABEL, User, UserRole
from councillor_hub.accounts.roles import CASEWORK_OWNER_ROLES, Role
from councillor_hub.accounts.tests.factories import (
    CouncillorFactory,
    PoliticalGroupFactory,
    ServiceAreaFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_the_project_uses_the_custom_user_model():
    assert get_user_model() is User
    assert User.USERNAME_FIELD == "email"


def test_create_user_lower_cases_the_email_and_hashes_the_password():
    user = User.objects.create_user(
        "Ann.Smith@Example.TEST", "a-long-enough-password", full_name="Ann"
    )
    assert user.email == "ann.smith@example.test"
    assert user.check_password("a-long-enough-password")
    assert user.password != "a-long-enough-password"
    assert not user.is_staff
    assert not user.is_superuser
    assert user.role_set == frozenset()


def test_create_user_needs_an_email():
    with pytest.raises(ValueError, match="email"):
        User.objects.create_user("", "whatever-password")


def test_emails_are_unique_whatever_the_case_typed():
    User.objects.create_user("dup@example.test", "pw-pw-pw-pw-pw", full_name="One")
    with pytest.raises(IntegrityError):
        User.objects.create_user("DUP@example.test", "pw-pw-pw-pw-pw", full_name="Two")


def test_create_superuser_is_staff_and_holds_the_administrator_role():
    admin = User.objects.create_superuser("Boss@Example.test", "pw-pw-pw-pw-pw", full_name="Boss")
    assert admin.email == "boss@example.test"
    assert admin.is_staff and admin.is_superuser
    assert admin.has_role(Role.ADMINISTRATOR)
    assert not admin.is_casework_owner


def test_one_person_can_hold_several_roles():
    person = UserFactory(roles=[Role.MEMBER_SUPPORT_OFFICER, Role.DELEGATE])
    assert person.has_role(Role.DELEGATE)
    assert person.has_role(Role.MEMBER_SUPPORT_OFFICER)
    assert person.has_role(Role.COUNCILLOR, Role.DELEGATE)
    assert not person.has_role(Role.COUNCILLOR)
    assert not person.is_casework_owner
    assert person.roles.count() == 2


@pytest.mark.parametrize("role", sorted(CASEWORK_OWNER_ROLES))
def test_councillors_and_mps_own_casework(role):
    assert UserFactory(roles=[role]).is_casework_owner


def test_a_role_can_be_scoped_to_a_service_area_or_a_political_group():
    highways = ServiceAreaFactory(name="Highways", slug="highways")
    red = PoliticalGroupFactory(name="Red Party")
    officer = UserFactory()
    scoped = UserRole.objects.create(user=officer, role=Role.SERVICE_OFFICER, service_area=highways)
    whip = CouncillorFactory()
    whip_role = UserRole.objects.create(user=whip, role=Role.GROUP_WHIP, political_group=red)
    assert str(scoped) == "Service officer (Highways)"
    assert str(whip_role) == "Group whip (Red Party)"
    assert officer.has_role(Role.SERVICE_OFFICER)
    assert whip.has_role(Role.COUNCILLOR) and whip.has_role(Role.GROUP_WHIP)


@pytest.mark.parametrize("scoped", [False, True])
def test_the_same_role_with_the_same_scope_cannot_be_given_twice(scoped):
    scope = {"service_area": ServiceAreaFactory(name="Highways", slug="highways")} if scoped else {}
    officer = UserFactory()
    UserRole.objects.create(user=officer, role=Role.SERVICE_OFFICER, **scope)
    with pytest.raises(IntegrityError):
        UserRole.objects.create(user=officer, role=Role.SERVICE_OFFICER, **scope)


def test_the_same_role_in_two_scopes_is_allowed():
    officer = UserFactory()
    for name in ("Highways", "Housing"):
        area = ServiceAreaFactory(name=name, slug=name.lower())
        UserRole.objects.create(user=officer, role=Role.SERVICE_OFFICER, service_area=area)
    assert officer.roles.filter(role=Role.SERVICE_OFFICER).count() == 2


def test_non_aligned_councillors_have_a_first_class_label():
    aligned = CouncillorFactory(profile__political_group=PoliticalGroupFactory(name="Red Party"))
    independent = CouncillorFactory(profile__political_group=None)
    assert aligned.councillor_profile.group_label == "Red Party"
    assert independent.councillor_profile.group_label == NON_ALIGNED_LABEL


def test_names_for_display():
    user = UserFactory(full_name="Priya Shah", email="priya@example.test")
    assert str(user) == "Priya Shah"
    assert user.get_full_name() == "Priya Shah"
    assert user.get_short_name() == "Priya"
