"""The permission matrix for every breach register URL: who gets the page, who gets 404."""

import pytest
from django.urls import reverse

from councillor_hub.dataprotection.models import Breach

from .matrix import PEOPLE, assert_answer, person_client, person_user

# Who may open the register (list and record pages): DPOs and casework owners (councillors,
# whatever their group or role in it, and MPs).
pytestmark = pytest.mark.usefixtures("module_world", "module_dpo")

REGISTER = {"councillor", "colleague", "other", "independent", "mp", "whip", "dpo"}
# Who may see and change each breach.
COUNCIL_BREACH = {"dpo"}
COUNCILLOR_BREACH = {"councillor"}


@pytest.mark.parametrize("person", PEOPLE)
@pytest.mark.parametrize("name", ["dataprotection:breach_list", "dataprotection:breach_create"])
def test_register_pages(person, name, world, dpo, client, client_for):
    response = person_client(
        person, world=world, dpo=dpo, client=client, client_for=client_for
    ).get(reverse(name))
    assert_answer(person, REGISTER, response)


@pytest.mark.parametrize("person", PEOPLE)
@pytest.mark.parametrize("name", ["dataprotection:breach_detail", "dataprotection:breach_update"])
@pytest.mark.parametrize("which", ["council", "councillor"])
def test_breach_pages(
    person, name, which, world, dpo, council_breach, councillor_breach, client, client_for
):
    breach = council_breach if which == "council" else councillor_breach
    allowed = COUNCIL_BREACH if which == "council" else COUNCILLOR_BREACH
    url = reverse(name, args=[breach.reference])
    response = person_client(
        person, world=world, dpo=dpo, client=client, client_for=client_for
    ).get(url)
    assert_answer(person, allowed, response)


@pytest.mark.parametrize("person", PEOPLE)
def test_post_to_update_is_refused_to_others(
    person, world, dpo, councillor_breach, client, client_for
):
    url = reverse("dataprotection:breach_update", args=[councillor_breach.reference])
    data = {
        "what_happened": "Changed",
        "discovered_at": "2026-01-01T10:00",
        "data_involved": "Names",
        "people_affected": "3",
        "ico_decision": "undecided",
    }
    response = person_client(
        person, world=world, dpo=dpo, client=client, client_for=client_for
    ).post(url, data)
    if person == "councillor":
        assert response.status_code == 302
    else:
        assert_answer(person, set(), response)
    councillor_breach.refresh_from_db()
    assert (councillor_breach.what_happened == "Changed") == (person == "councillor")


@pytest.mark.parametrize(
    "person,sees",
    [
        ("dpo", {"council"}),
        ("councillor", {"councillor"}),
        ("colleague", set()),
        ("other", set()),
    ],
)
def test_list_shows_only_own_controller(
    person, sees, world, dpo, council_breach, councillor_breach, client_for
):
    user = person_user(person, world=world, dpo=dpo)
    content = client_for(user).get(reverse("dataprotection:breach_list")).content.decode()
    assert (council_breach.reference in content) == ("council" in sees)
    assert (councillor_breach.reference in content) == ("councillor" in sees)


def test_navigation_link(world, dpo, client_for):
    """ "Data protection" is in the navigation for controllers (and administrators, for the
    retention sweep reports); the breach register is linked from there."""
    url = reverse("dataprotection:home")
    home = reverse("core:home")
    for user, shown in [
        (dpo, True),
        (world.councillor, True),
        (world.delegate, False),
        (world.support, False),
        (world.admin, True),
    ]:
        content = client_for(user).get(home, follow=True).content.decode()
        assert (f'href="{url}"' in content) == shown, user


def test_list_query_count_does_not_grow(world, client_for, django_assert_max_num_queries):
    from .conftest import make_breach

    client = client_for(world.councillor)
    make_breach(controller=world.councillor)
    with django_assert_max_num_queries(30) as first:
        client.get(reverse("dataprotection:breach_list"))
    for _ in range(10):
        make_breach(controller=world.councillor)
    with django_assert_max_num_queries(len(first.captured_queries)):
        response = client.get(reverse("dataprotection:breach_list"))
    assert response.content.decode().count("BR-2026-") >= 11
    assert Breach.unrestricted.count() == 11


def test_data_protection_home_links_the_register_for_controllers(world, dpo, client_for):
    url = reverse("dataprotection:breach_list")
    for user, shown in [(dpo, True), (world.councillor, True), (world.admin, False)]:
        content = client_for(user).get(reverse("dataprotection:home")).content.decode()
        assert (f'href="{url}"' in content) == shown, user
    for user in [world.delegate, world.support, world.highways_officer]:
        assert client_for(user).get(reverse("dataprotection:home")).status_code == 404
