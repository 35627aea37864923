"""The permission matrix for every library URL: for each person in the `world` fixture and
someone not signed in, the answer they get, and that a forbidden POST changes nothing.

The rules (directory/permissions.py, applied by library/selectors.py):
- everything is for signed-in people: anonymous visitors are sent to sign in;
- members-only documents: members in office (councillors, MPs) and content managers; other
  officers and delegates get 404 and do not see them in the list;
- unpublished documents: content managers only (404 for everyone else);
- add and change: content managers only (democratic services, administrators);
- the review report: content managers, and officers whose account is linked to a directory
  entry (here the highways officer); everyone else 404.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from councillor_hub.conftest import ROLE_NAMES, refreshed
from councillor_hub.library.models import Document

from .factories import PDF, DocumentFactory, OfficerFactory, document_with_file

PEOPLE = [*ROLE_NAMES, "anonymous"]
EVERYONE = set(ROLE_NAMES)
MANAGERS = {"democratic", "admin"}
MEMBERS = {"councillor", "colleague", "other", "independent", "mp", "whip"}
REPORT_READERS = MANAGERS | {"highways_officer"}

pytestmark = pytest.mark.usefixtures("module_world")


@pytest.fixture(scope="module")
def module_library(module_world, django_db_blocker):
    """Built once for the module; each test gets fresh copies in its own savepoint."""
    with django_db_blocker.unblock():
        return build_library(module_world)


@pytest.fixture
def library(module_library, db):
    return refreshed(module_library)


def build_library(world):
    OfficerFactory(full_name="Hana Highways", user=world.highways_officer)
    return {
        "open": DocumentFactory(title="Open policy"),
        "members_only": DocumentFactory(title="Secret briefing", members_only=True),
        "unpublished": DocumentFactory(title="Draft strategy", is_published=False),
        "open_file": document_with_file(title="Open file"),
        "members_only_file": document_with_file(title="Members file", members_only=True),
        "unpublished_file": document_with_file(title="Draft file", is_published=False),
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


@pytest.mark.parametrize("person", PEOPLE)
def test_document_list(person, world, library, client, client_for):
    response = _client(person, world, client, client_for).get(reverse("library:document_list"))
    _assert(person, EVERYONE, response)
    if person == "anonymous":
        return
    page = response.content.decode()
    assert "Open policy" in page
    assert ("Secret briefing" in page) == (person in MEMBERS | MANAGERS)
    assert ("Draft strategy" in page) == (person in MANAGERS)


@pytest.mark.parametrize("person", PEOPLE)
def test_review_report(person, world, library, client, client_for):
    response = _client(person, world, client, client_for).get(reverse("library:review_report"))
    _assert(person, REPORT_READERS, response)


@pytest.mark.parametrize("person", PEOPLE)
@pytest.mark.parametrize(
    ("which", "allowed"),
    [
        ("open", EVERYONE),
        ("members_only", MEMBERS | MANAGERS),
        ("unpublished", MANAGERS),
    ],
)
def test_document_detail(person, which, allowed, world, library, client, client_for):
    url = reverse("library:document_detail", args=[library[which].pk])
    response = _client(person, world, client, client_for).get(url)
    _assert(person, allowed, response)


@pytest.mark.parametrize("person", PEOPLE)
@pytest.mark.parametrize(
    ("which", "allowed"),
    [
        ("open_file", EVERYONE),
        ("members_only_file", MEMBERS | MANAGERS),
        ("unpublished_file", MANAGERS),
        ("open", set()),  # a link has no file to download
    ],
)
def test_document_download(person, which, allowed, world, library, client, client_for):
    url = reverse("library:document_download", args=[library[which].pk])
    response = _client(person, world, client, client_for).get(url)
    _assert(person, allowed, response)
    if response.status_code == 200:
        assert b"".join(response.streaming_content) == PDF


@pytest.mark.parametrize("person", PEOPLE)
def test_document_create_page(person, world, library, client, client_for):
    response = _client(person, world, client, client_for).get(reverse("library:document_create"))
    _assert(person, MANAGERS, response)


@pytest.mark.parametrize("person", PEOPLE)
def test_document_create_post_refused_to_others(person, world, library, client, client_for):
    before = Document.objects.count()
    response = _client(person, world, client, client_for).post(
        reverse("library:document_create"),
        {
            "kind": "policy",
            "title": "Posted policy",
            "upload": SimpleUploadedFile("posted.pdf", PDF),
            "is_published": "on",
        },
    )
    _assert(person, MANAGERS, response, ok=302)
    assert Document.objects.filter(title="Posted policy").exists() == (person in MANAGERS)
    assert Document.objects.count() == before + (1 if person in MANAGERS else 0)


@pytest.mark.parametrize("person", PEOPLE)
@pytest.mark.parametrize("which", ["open", "members_only", "unpublished"])
def test_document_update_page(person, which, world, library, client, client_for):
    url = reverse("library:document_update", args=[library[which].pk])
    response = _client(person, world, client, client_for).get(url)
    _assert(person, MANAGERS, response)


@pytest.mark.parametrize("person", PEOPLE)
def test_document_update_post_refused_to_others(person, world, library, client, client_for):
    document = library["open"]
    response = _client(person, world, client, client_for).post(
        reverse("library:document_update", args=[document.pk]),
        {"kind": "policy", "title": "Renamed", "url": document.url, "is_published": "on"},
    )
    _assert(person, MANAGERS, response, ok=302)
    document.refresh_from_db()
    assert (document.title == "Renamed") == (person in MANAGERS)
