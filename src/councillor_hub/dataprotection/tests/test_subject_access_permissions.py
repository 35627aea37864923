"""The permission matrix for every subject access URL: who gets the page, who gets 404, and
that a refused POST changes nothing."""

# The fixtures are imported from this area's fixtures module and named as test arguments.
# ruff: noqa: F811

import pytest
from django.urls import reverse
from django.utils import timezone

from councillor_hub.dataprotection.models import SarStatus, SubjectAccessRequest

from .matrix import PEOPLE, assert_answer, person_client, person_user
from .subject_access_fixtures import council_sar, councillor_sar, subject  # noqa: F401 (pytest fixtures)

# Who may open the list and log a request: the DPO (for the council) and every casework
# owner (councillors and MPs, for their own casework). Delegates, officers and
# administrators may not: disclosing personal data is the controller's decision.
pytestmark = pytest.mark.usefixtures("module_world", "module_dpo")

TOOLS = {"councillor", "colleague", "other", "independent", "mp", "whip", "dpo"}
# Who may see and act on each request.
COUNCIL_SAR = {"dpo"}
COUNCILLOR_SAR = {"councillor"}


@pytest.mark.parametrize("person", PEOPLE)
def test_list(person, world, dpo, client, client_for):
    response = person_client(
        person, world=world, dpo=dpo, client=client, client_for=client_for
    ).get(reverse("dataprotection:sar_list"))
    assert_answer(person, TOOLS, response)


@pytest.mark.parametrize("person", PEOPLE)
def test_create_page(person, world, dpo, client, client_for):
    response = person_client(
        person, world=world, dpo=dpo, client=client, client_for=client_for
    ).get(reverse("dataprotection:sar_create"))
    assert_answer(person, TOOLS, response)


@pytest.mark.parametrize("person", PEOPLE)
def test_create_post(person, world, dpo, client, client_for):
    data = {
        "requester_name": "Bob Brown",
        "requester_contact": "bob@example.test",
        "received_on": timezone.localdate().isoformat(),
        "identity_check": "known",
    }
    response = person_client(
        person, world=world, dpo=dpo, client=client, client_for=client_for
    ).post(reverse("dataprotection:sar_create"), data)
    assert_answer(person, TOOLS, response, ok=302)
    created = SubjectAccessRequest.unrestricted.filter(requester_name="Bob Brown")
    assert created.count() == (1 if person in TOOLS else 0)
    if person in TOOLS:
        sar = created.get()
        if person == "dpo":
            assert sar.controller_is_council and sar.controller is None
        else:
            assert sar.controller == getattr(world, person)


@pytest.mark.parametrize("person", PEOPLE)
@pytest.mark.parametrize(
    "name",
    [
        "dataprotection:sar_detail",
        "dataprotection:sar_update",
        "dataprotection:sar_match",
        "dataprotection:sar_export",
    ],
)
@pytest.mark.parametrize("which", ["council", "councillor"])
def test_request_pages(
    person,
    name,
    which,
    world,
    dpo,
    council_sar,
    councillor_sar,
    client,
    client_for,
):
    sar = council_sar if which == "council" else councillor_sar
    allowed = COUNCIL_SAR if which == "council" else COUNCILLOR_SAR
    url = reverse(name, args=[sar.reference])
    response = person_client(
        person, world=world, dpo=dpo, client=client, client_for=client_for
    ).get(url)
    assert_answer(person, allowed, response)
    if name == "dataprotection:sar_export" and person in allowed:
        assert response["Content-Type"] == "application/zip"


@pytest.mark.parametrize("person", PEOPLE)
@pytest.mark.parametrize("action", ["extend", "complete", "withdraw"])
def test_update_post_is_refused_to_others(
    person,
    action,
    world,
    dpo,
    councillor_sar,
    client,
    client_for,
):
    today = timezone.localdate()
    data = {
        "action": action,
        "extended_due_on": (councillor_sar.due_on + timezone.timedelta(days=20)).isoformat(),
        "extension_reason": "Complex",
        "requester_told_on": today.isoformat(),
        "completed_on": today.isoformat(),
    }
    url = reverse("dataprotection:sar_update", args=[councillor_sar.reference])
    response = person_client(
        person, world=world, dpo=dpo, client=client, client_for=client_for
    ).post(url, data)
    assert_answer(person, COUNCILLOR_SAR, response, ok=302)
    councillor_sar.refresh_from_db()
    changed = councillor_sar.extended_due_on is not None or councillor_sar.status != SarStatus.OPEN
    assert changed == (person == "councillor")


@pytest.mark.parametrize("person", PEOPLE)
def test_match_post_is_refused_to_others(
    person,
    world,
    dpo,
    councillor_sar,
    subject,
    client,
    client_for,
):
    url = reverse("dataprotection:sar_match", args=[councillor_sar.reference])
    response = person_client(
        person, world=world, dpo=dpo, client=client, client_for=client_for
    ).post(url, {"constituents": [subject.pk]})
    assert_answer(person, COUNCILLOR_SAR, response, ok=302)
    assert councillor_sar.constituents.exists() == (person == "councillor")


@pytest.mark.parametrize("person", PEOPLE)
def test_council_match_post_is_refused_to_others(
    person,
    world,
    dpo,
    council_sar,
    client,
    client_for,
):
    url = reverse("dataprotection:sar_match", args=[council_sar.reference])
    response = person_client(
        person, world=world, dpo=dpo, client=client, client_for=client_for
    ).post(url, {"match_name": "Alice Applegate"})
    assert_answer(person, COUNCIL_SAR, response, ok=302)
    council_sar.refresh_from_db()
    assert (council_sar.match_name == "Alice Applegate") == (person == "dpo")


@pytest.mark.parametrize(
    "person,sees",
    [
        ("dpo", {"council"}),
        ("councillor", {"councillor"}),
        ("colleague", set()),
        ("mp", set()),
    ],
)
def test_list_shows_only_own_controller(
    person,
    sees,
    world,
    dpo,
    council_sar,
    councillor_sar,
    client_for,
):
    user = person_user(person, world=world, dpo=dpo)
    content = client_for(user).get(reverse("dataprotection:sar_list")).content.decode()
    assert (council_sar.reference in content) == ("council" in sees)
    assert (councillor_sar.reference in content) == ("councillor" in sees)


def test_a_councillor_cannot_choose_a_colleagues_constituent(
    world,
    councillor_sar,
    client_for,
):
    """Even a constituent on a case shared with them: only their own records."""
    from councillor_hub.casework.tests.factories import (
        CaseFactory,
        CaseShareFactory,
        ConstituentFactory,
    )

    theirs = ConstituentFactory(owner=world.colleague, first_name="Alice")
    case = CaseFactory(owner=world.colleague, category=world.highways, constituents=[theirs])
    CaseShareFactory(case=case, colleague=world.councillor)
    client = client_for(world.councillor)
    url = reverse("dataprotection:sar_match", args=[councillor_sar.reference])
    page = client.get(url, {"q": "Alice"}).content.decode()
    assert f'value="{theirs.pk}"' not in page
    response = client.post(url, {"constituents": [theirs.pk]})
    assert response.status_code == 200
    assert "Select only your own constituent records" in response.content.decode()
    assert not councillor_sar.constituents.exists()
