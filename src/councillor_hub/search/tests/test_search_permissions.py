"""Who may use the search page: everyone signed in (results are filtered per person, see
test_search_services.py); nobody signed out."""

import pytest
from django.urls import reverse

from councillor_hub.conftest import ROLE_NAMES
from councillor_hub.search.models import SearchEntry, SearchTerm

pytestmark = pytest.mark.usefixtures("module_world")

PEOPLE = [*ROLE_NAMES, "anonymous"]
# Members in office and hub content managers also see members-only results.
SEES_MEMBERS_ONLY = {
    "councillor",
    "colleague",
    "other",
    "independent",
    "mp",
    "whip",
    "democratic",
    "admin",
}


def browser_for(person, world, client, client_for):
    return client if person == "anonymous" else client_for(getattr(world, person))


@pytest.mark.parametrize("person", PEOPLE)
def test_search_page(person, hub, world, client, client_for):
    response = browser_for(person, world, client, client_for).get(
        reverse("search:search"), {"q": "allowances"}
    )
    if person == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))
        return
    assert response.status_code == 200
    page = response.content.decode()
    found = "Members&#x27; allowances scheme" in page
    assert found == (person in SEES_MEMBERS_ONLY), person


@pytest.mark.parametrize("person", PEOPLE)
def test_search_page_without_a_query(person, world, client, client_for):
    response = browser_for(person, world, client, client_for).get(reverse("search:search"))
    if person == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))
    else:
        assert response.status_code == 200


@pytest.mark.parametrize("person", PEOPLE)
def test_posting_changes_nothing(person, hub, world, client, client_for):
    entries = sorted(SearchEntry.objects.values_list("id", "title", "body"))
    terms = sorted(SearchTerm.objects.values_list("word", "entries"))
    response = browser_for(person, world, client, client_for).post(
        reverse("search:search"), {"q": "highways"}
    )
    if person == "anonymous":
        assert response.status_code == 302
    else:
        assert response.status_code == 405
    assert sorted(SearchEntry.objects.values_list("id", "title", "body")) == entries
    assert sorted(SearchTerm.objects.values_list("word", "entries")) == terms
