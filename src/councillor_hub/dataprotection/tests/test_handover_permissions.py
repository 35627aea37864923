"""The permission matrix for the handover screen: casework owners (councillors and MPs) hand
over their own casework; everyone else gets 404, and nobody touches another's cases."""

import pytest
from django.urls import reverse

from councillor_hub.audit.models import AuditEvent
from councillor_hub.casework.models import Case, Constituent

from .handover_fixtures import case_for, end_term
from .matrix import PEOPLE, assert_answer, person_client

# Every casework owner in office may open their own handover screen.
pytestmark = pytest.mark.usefixtures("module_world", "module_dpo")

ALLOWED = {"councillor", "colleague", "other", "independent", "mp", "whip"}


def _state():
    return (
        sorted(Case.unrestricted.values_list("pk", "owner_id")),
        sorted(Constituent.unrestricted.values_list("pk", "owner_id")),
        AuditEvent.objects.exclude(action="view").count(),
    )


@pytest.mark.parametrize("person", PEOPLE)
def test_handover_page(person, world, dpo, client, client_for):
    response = person_client(
        person, world=world, dpo=dpo, client=client, client_for=client_for
    ).get(reverse("dataprotection:handover"))
    assert_answer(person, ALLOWED, response)


@pytest.mark.parametrize("person", PEOPLE)
@pytest.mark.parametrize("action", ["destroy", "council", "transfer"])
def test_nobody_else_can_act_on_a_councillors_cases(person, action, world, dpo, client, client_for):
    """Forbidden POSTs (even confirmed ones naming the case) leave the database unchanged."""
    case = case_for(world.councillor, agreed=True)
    data = {
        "cases": [case.reference],
        "action": action,
        "recipient": str(world.independent.pk),
        "confirm": "yes",
    }
    before = _state()
    response = person_client(
        person, world=world, dpo=dpo, client=client, client_for=client_for
    ).post(reverse("dataprotection:handover"), data)
    if person == "councillor":
        assert response.status_code == 302
        return
    assert _state() == before
    # A casework owner sees the form again (it refuses a case that is not theirs): 200.
    assert_answer(person, ALLOWED, response)


def test_a_councillor_whose_access_ended_gets_404(world, client_for):
    case = case_for(world.councillor, agreed=True)
    end_term(world.councillor, days_ago=31)
    client = client_for(world.councillor)
    url = reverse("dataprotection:handover")
    before = _state()
    assert client.get(url).status_code == 404
    data = {"cases": [case.reference], "action": "destroy", "confirm": "yes"}
    assert client.post(url, data).status_code == 404
    assert _state() == before


def test_a_shared_case_does_not_appear_on_the_colleagues_screen(world, client_for):
    from councillor_hub.casework.tests.factories import CaseShareFactory

    case = case_for(world.councillor, agreed=True)
    CaseShareFactory(case=case, colleague=world.colleague)
    content = client_for(world.colleague).get(reverse("dataprotection:handover")).content
    assert case.reference not in content.decode()
