"""Shared pieces of the table-style permission matrices (test_*_permissions.py): the outcome
codes written in the GET_EXPECTED / POST_EXPECTED tables, the columns (everyone in the root
`world` fixture, then someone not signed in), a client for each column and the check of one
cell. Each matrix module keeps its own tables and names its URLs literally (the project-wide
core/tests/test_every_url_has_a_permission_test.py looks for them there)."""

from django.test import Client
from django.urls import reverse

from councillor_hub.conftest import ROLE_NAMES

OK = 200  # the page
RD = 302  # a redirect after a change (not to the sign-in page)
NF = 404  # not found: refused without saying the record exists
NA = 405  # method not allowed
IN = "sign-in"  # sent to the sign-in page

PEOPLE = [*ROLE_NAMES, "anonymous"]


def client_for_person(world, client_for, person: str) -> Client:
    """A client signed in as `person` from the world, or a signed-out one for "anonymous"."""
    return Client() if person == "anonymous" else client_for(getattr(world, person))


def check(response, expected) -> None:
    """The response is the outcome a cell of the table expects."""
    if expected == IN:
        assert response.status_code == 302, response.status_code
        assert reverse("accounts:login") in response["Location"]
    elif expected == RD:
        assert response.status_code == 302, response.status_code
        assert reverse("accounts:login") not in response["Location"]
    else:
        assert response.status_code == expected, (response.status_code, expected)


def check_post(client: Client, url: str, data, expected, snapshot) -> None:
    """POST `data` to `url`: the response is the cell's outcome, and the records `snapshot()`
    reads changed exactly when the cell expects a successful write (a redirect, RD)."""
    before = snapshot()
    check(client.post(url, data), expected)
    if expected == RD:
        assert snapshot() != before
    else:
        assert snapshot() == before
