"""The Django admin is for administrators only."""

import re

import pytest
from django.urls import reverse

from councillor_hub.accounts.models import User

pytestmark = pytest.mark.django_db

ADMIN = reverse("admin:index")


def test_administrators_reach_the_admin(world, client_for):
    response = client_for(world.admin).get(ADMIN)
    assert response.status_code == 200


def test_administrators_can_manage_users_wards_and_groups(world, client_for):
    client = client_for(world.admin)
    for name in ("accounts_user", "accounts_ward", "accounts_politicalgroup"):
        assert client.get(reverse(f"admin:{name}_changelist")).status_code == 200
    assert (
        client.get(reverse("admin:accounts_user_change", args=[world.councillor.pk])).status_code
        == 200
    )
    assert client.get(reverse("admin:accounts_user_add")).status_code == 200


@pytest.mark.parametrize(
    "who", ["councillor", "delegate", "support", "highways_officer", "democratic", "mp"]
)
def test_everyone_else_is_sent_to_the_admin_sign_in(world, client_for, who):
    response = client_for(getattr(world, who)).get(ADMIN)
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_anonymous_people_are_sent_to_the_admin_sign_in(client):
    response = client.get(ADMIN)
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_admin_can_add_a_user_with_email_login(world, client_for):
    client = client_for(world.admin)
    response = client.post(
        reverse("admin:accounts_user_add"),
        {
            "email": "New.Person@Example.test",
            "full_name": "New Person",
            "password1": "marmalade-lighthouse-quiver",
            "password2": "marmalade-lighthouse-quiver",
            "usable_password": "true",
            "_save": "Save",
            **{
                f"{prefix}-{key}": value
                for prefix in ("roles", "councillor_profile")
                for key, value in (("TOTAL_FORMS", "0"), ("INITIAL_FORMS", "0"))
            },
        },
    )
    assert response.status_code == 302, re.findall(
        r"errorlist[^<]*<li>([^<]*)", response.content.decode()
    )
    assert User.objects.filter(email__iexact="new.person@example.test").exists()
