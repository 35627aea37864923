"""Shared pieces of the data protection permission matrix tests (test_*_permissions.py).

Each matrix module keeps its own expectations (which people are allowed) and names its URLs
literally as "dataprotection:<name>" (test_url_guard.py looks for them there); this module
holds only the scaffolding: who the people are, a client signed in as each, and the answer
each should get.
"""

from django.test import Client
from django.urls import reverse

from councillor_hub.conftest import ROLE_NAMES

# Everyone in the `world` fixture, then the data protection officer (the `dpo` fixture) and
# someone who is not signed in.
PEOPLE = [*ROLE_NAMES, "dpo", "anonymous"]


def person_user(person, *, world, dpo):
    """The user called `person`: the `dpo` fixture, or that attribute of `world`."""
    return dpo if person == "dpo" else getattr(world, person)


def person_client(person, *, world, dpo, client, client_for) -> Client:
    """A client signed in as `person`, or the plain (signed-out) client for "anonymous"."""
    if person == "anonymous":
        return client
    return client_for(person_user(person, world=world, dpo=dpo))


def assert_sent_to_sign_in(response):
    """The answer a signed-out visitor gets: a redirect to the sign-in page."""
    assert response.status_code == 302, response.status_code
    assert reverse("accounts:login") in response["Location"]


def assert_answer(person, allowed, response, *, ok=200):
    """Anonymous is sent to sign in; the `allowed` people get `ok`; everyone else 404."""
    if person == "anonymous":
        assert_sent_to_sign_in(response)
    elif person in allowed:
        assert response.status_code == ok, (person, response.status_code)
    else:
        assert response.status_code == 404, (person, response.status_code)
