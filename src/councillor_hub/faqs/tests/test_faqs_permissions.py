"""The permission matrix for every FAQs URL: for each person in the `world` fixture and
someone not signed in, the answer they get, and that a refused POST changes nothing.

The rules (directory/permissions.py for hub content, casework/permissions.py for the case):
- everything is for signed-in people: anonymous visitors are sent to sign in;
- members-only FAQs: members in office (councillors, MPs) and content managers; everyone
  else gets 404 and does not see them in the list;
- unpublished FAQs: content managers only;
- add, change and the usage report: content managers only (democratic services and
  administrators);
- inserting a model response into a case: whoever may add to the case's timeline (its owner,
  their active delegate, a ward colleague it is shared with); everyone else 404.
"""

import pytest
from django.urls import reverse

from councillor_hub.casework.models import TimelineEntry
from councillor_hub.casework.tests.factories import CaseFactory, CaseShareFactory
from councillor_hub.conftest import ROLE_NAMES, refreshed
from councillor_hub.faqs.models import Faq, FaqUse, UseKind

from .factories import FaqFactory

PEOPLE = [*ROLE_NAMES, "anonymous"]
EVERYONE = set(ROLE_NAMES)
MANAGERS = {"democratic", "admin"}
MEMBERS = {"councillor", "colleague", "other", "independent", "mp", "whip"}
ON_THE_CASE = {"councillor", "delegate"}  # the owner and their active delegate
ON_THE_SHARED_CASE = ON_THE_CASE | {"colleague"}  # ...and the ward colleague it is shared with

pytestmark = pytest.mark.usefixtures("module_world")


@pytest.fixture(scope="module")
def module_faqs(module_world, django_db_blocker):
    """Built once for the module; each test gets fresh copies in its own savepoint."""
    with django_db_blocker.unblock():
        return build_faqs(module_world)


@pytest.fixture
def faqs(module_faqs, db):
    return refreshed(module_faqs)


def build_faqs(world):
    return {
        "open": FaqFactory(question="Open question", service_area=world.highways),
        "members_only": FaqFactory(question="Members question", members_only=True),
        "unpublished": FaqFactory(question="Draft question", is_published=False),
    }


@pytest.fixture(scope="module")
def module_cases(module_world, django_db_blocker):
    """Built once for the module; each test gets fresh copies in its own savepoint."""
    with django_db_blocker.unblock():
        return build_cases(module_world)


@pytest.fixture
def cases(module_cases, db):
    return refreshed(module_cases)


def build_cases(world):
    shared = CaseFactory(owner=world.councillor, category=world.highways, title="Shared case")
    CaseShareFactory(case=shared, colleague=world.colleague)
    return {
        "private": CaseFactory(owner=world.councillor, category=world.highways, title="Own case"),
        "shared": shared,
    }


def _client(person, world, client, client_for):
    if person == "anonymous":
        return client
    return client_for(getattr(world, person))


def _assert(person, allowed, response, *, ok=200):
    if person == "anonymous":
        assert response.status_code == 302, response.status_code
        assert reverse("accounts:login") in response["Location"]
    elif person in allowed:
        assert response.status_code == ok, (person, response.status_code)
    else:
        assert response.status_code == 404, (person, response.status_code)


def _state():
    """Everything a refused POST must leave alone."""
    return (
        list(Faq.objects.order_by("pk").values()),
        FaqUse.objects.count(),
        TimelineEntry.unrestricted.count(),
    )


def _faq_data(world, question="Changed question"):
    return {
        "service_area": str(world.highways.pk),
        "question": question,
        "answer": "An answer.",
        "model_response": "Dear {constituent_name}",
        "keywords": "",
        "is_published": "on",
    }


# ------------------------------------------------------------------------------- the list


@pytest.mark.parametrize("person", PEOPLE)
def test_faq_list(person, world, faqs, client, client_for):
    response = _client(person, world, client, client_for).get(reverse("faqs:faq_list"))
    _assert(person, EVERYONE, response)
    if person == "anonymous":
        return
    page = response.content.decode()
    assert "Open question" in page
    assert ("Members question" in page) == (person in MEMBERS | MANAGERS)
    assert ("Draft question" in page) == (person in MANAGERS)


@pytest.mark.parametrize("person", PEOPLE)
def test_faq_list_post(person, world, faqs, client, client_for):
    before = _state()
    response = _client(person, world, client, client_for).post(reverse("faqs:faq_list"))
    if person == "anonymous":
        _assert(person, set(), response)
    else:
        assert response.status_code == 405
    assert _state() == before


# ------------------------------------------------------------------------ one FAQ's page

FAQ_READERS = {"open": EVERYONE, "members_only": MEMBERS | MANAGERS, "unpublished": MANAGERS}


@pytest.mark.parametrize("person", PEOPLE)
@pytest.mark.parametrize("which", list(FAQ_READERS))
def test_faq_detail(person, which, world, faqs, client, client_for):
    faq = faqs[which]
    response = _client(person, world, client, client_for).get(
        reverse("faqs:faq_detail", args=[faq.pk])
    )
    _assert(person, FAQ_READERS[which], response)
    if response.status_code == 404:
        assert faq.question not in response.content.decode()
        assert not FaqUse.objects.exists()


@pytest.mark.parametrize("person", PEOPLE)
@pytest.mark.parametrize("which", list(FAQ_READERS))
def test_faq_helpful(person, which, world, faqs, client, client_for):
    faq = faqs[which]
    browser = _client(person, world, client, client_for)
    url = reverse("faqs:faq_helpful", args=[faq.pk])
    before = _state()
    response = browser.post(url)
    _assert(person, FAQ_READERS[which], response, ok=302)
    if response.status_code == 302 and person != "anonymous":
        assert FaqUse.objects.filter(faq=faq, kind=UseKind.HELPFUL).count() == 1
    else:
        assert _state() == before
    if person != "anonymous":
        allowed = person in FAQ_READERS[which]
        assert browser.get(url).status_code == (302 if allowed else 404)


@pytest.mark.parametrize("person", PEOPLE)
def test_faq_helpful_avoided(person, world, faqs, client, client_for):
    before = _state()
    response = _client(person, world, client, client_for).post(
        reverse("faqs:faq_helpful", args=[faqs["members_only"].pk]), {"avoided": "1"}
    )
    _assert(person, MEMBERS | MANAGERS, response, ok=302)
    if response.status_code == 302 and person != "anonymous":
        assert FaqUse.objects.filter(kind=UseKind.ENQUIRY_AVOIDED).count() == 1
    else:
        assert _state() == before


# ------------------------------------------------------------------ content management


@pytest.mark.parametrize("person", PEOPLE)
def test_faq_create(person, world, faqs, client, client_for):
    browser = _client(person, world, client, client_for)
    _assert(person, MANAGERS, browser.get(reverse("faqs:faq_create")))
    before = _state()
    response = browser.post(reverse("faqs:faq_create"), _faq_data(world, "A new question"))
    _assert(person, MANAGERS, response, ok=302)
    if person in MANAGERS:
        assert Faq.objects.filter(question="A new question").exists()
    else:
        assert _state() == before


@pytest.mark.parametrize("person", PEOPLE)
@pytest.mark.parametrize("which", list(FAQ_READERS))
def test_faq_update(person, which, world, faqs, client, client_for):
    faq = faqs[which]
    browser = _client(person, world, client, client_for)
    url = reverse("faqs:faq_update", args=[faq.pk])
    _assert(person, MANAGERS, browser.get(url))
    before = _state()
    response = browser.post(url, _faq_data(world))
    _assert(person, MANAGERS, response, ok=302)
    faq.refresh_from_db()
    if person in MANAGERS:
        assert faq.question == "Changed question"
    else:
        assert _state() == before
        assert faq.question != "Changed question"


@pytest.mark.parametrize("person", PEOPLE)
def test_usage(person, world, faqs, client, client_for):
    browser = _client(person, world, client, client_for)
    _assert(person, MANAGERS, browser.get(reverse("faqs:usage")))
    before = _state()
    response = browser.post(reverse("faqs:usage"))
    if person == "anonymous":
        _assert(person, set(), response)
    elif person in MANAGERS:
        assert response.status_code == 405
    else:
        assert response.status_code in (404, 405)
    assert _state() == before


# ------------------------------------------------------------ inserting into a case note

CASE_WORKERS = {"private": ON_THE_CASE, "shared": ON_THE_SHARED_CASE}


@pytest.mark.parametrize("person", PEOPLE)
@pytest.mark.parametrize("which", list(CASE_WORKERS))
def test_insert_into_case(person, which, world, faqs, cases, client, client_for):
    case = cases[which]
    browser = _client(person, world, client, client_for)
    url = reverse("faqs:insert_into_case", args=[case.reference])
    response = browser.get(url, {"faq": faqs["open"].pk})
    _assert(person, CASE_WORKERS[which], response)
    if response.status_code == 404:
        assert case.title not in response.content.decode()
    before = _state()
    response = browser.post(url, {"faq": faqs["open"].pk, "body": "Dear Ann", "kind": "note"})
    _assert(person, CASE_WORKERS[which], response, ok=302)
    if person in CASE_WORKERS[which]:
        entry = TimelineEntry.unrestricted.get(case=case)
        assert entry.author == getattr(world, person)
        assert FaqUse.objects.filter(kind=UseKind.INSERTED).count() == 1
    else:
        assert _state() == before
