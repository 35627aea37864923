"""The permission matrix for every news URL: for each person in the `world` fixture and
someone not signed in, the answer they get, and that a refused POST changes nothing.

The rules (directory/permissions.py, applied by news/selectors.py):
- everything is for signed-in people: anonymous visitors are sent to sign in;
- members-only items (and their attachments): members in office (councillors, MPs) and content
  managers; other officers and delegates get 404;
- drafts and scheduled items (published from a time to come): content managers only;
- add and change items, add and remove attachments: content managers only (democratic
  services, administrators); everyone else gets 404, whatever the item.
"""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from councillor_hub.conftest import ROLE_NAMES, refreshed
from councillor_hub.news.models import NewsAttachment, NewsItem, NewsKind

from .factories import PDF, NewsItemFactory, attachment_for

PEOPLE = [*ROLE_NAMES, "anonymous"]
EVERYONE = set(ROLE_NAMES)
MANAGERS = {"democratic", "admin"}
MEMBERS = {"councillor", "colleague", "other", "independent", "mp", "whip"}
NOBODY: set[str] = set()

VISIBLE_TO = {
    "open": EVERYONE,
    "members_only": MEMBERS | MANAGERS,
    "draft": MANAGERS,
    "scheduled": MANAGERS,
}

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("module_world")]


@pytest.fixture(scope="module")
def module_records(module_world, django_db_blocker):
    """Built once for the module; each test gets fresh copies in its own savepoint."""
    with django_db_blocker.unblock():
        return build_records(module_world)


@pytest.fixture
def records(module_records, db):
    return refreshed(module_records)


def build_records(world):
    later = timezone.now() + dt.timedelta(days=30)
    items = {
        "open": NewsItemFactory(title="Open news"),
        "members_only": NewsItemFactory(title="Members briefing", members_only=True),
        "draft": NewsItemFactory(title="Draft bulletin", is_published=False),
        "scheduled": NewsItemFactory(title="Scheduled news", published_at=later),
    }
    attachments = {which: attachment_for(item) for which, item in items.items()}
    return {"items": items, "attachments": attachments}


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


def snapshot() -> list:
    return [
        list(NewsItem.objects.order_by("pk").values()),
        list(NewsAttachment.objects.order_by("pk").values()),
    ]


def test_matrix_covers_every_news_url():
    from councillor_hub.news import urls as news_urls

    names = {pattern.name for pattern in news_urls.urlpatterns}
    assert names == {
        "item_list",
        "item_detail",
        "item_create",
        "item_update",
        "attachment_create",
        "attachment_download",
        "attachment_delete",
    }


# --- Reading -------------------------------------------------------------------------------


@pytest.mark.parametrize("person", PEOPLE)
def test_item_list(person, world, records, client, client_for):
    response = _client(person, world, client, client_for).get(reverse("news:item_list"))
    _assert(person, EVERYONE, response)
    if person == "anonymous":
        return
    page = response.content.decode()
    for which, item in records["items"].items():
        assert (item.title in page) == (person in VISIBLE_TO[which]), (which, person)


@pytest.mark.parametrize("person", PEOPLE)
@pytest.mark.parametrize("which", list(VISIBLE_TO))
def test_item_detail(person, which, world, records, client, client_for):
    url = reverse("news:item_detail", args=[records["items"][which].pk])
    response = _client(person, world, client, client_for).get(url)
    _assert(person, VISIBLE_TO[which], response)


@pytest.mark.parametrize("person", PEOPLE)
@pytest.mark.parametrize("which", list(VISIBLE_TO))
def test_attachment_download(person, which, world, records, client, client_for):
    item, attachment = records["items"][which], records["attachments"][which]
    url = reverse("news:attachment_download", args=[item.pk, attachment.pk])
    response = _client(person, world, client, client_for).get(url)
    _assert(person, VISIBLE_TO[which], response)
    if response.status_code == 200:
        assert b"".join(response.streaming_content) == PDF
        assert response["Content-Disposition"].startswith("attachment")
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("person", ["councillor", "democratic"])
def test_attachment_download_only_through_its_own_item(person, world, records, client_for):
    """An attachment asked for under another item's address is not found, even for someone
    who may see both."""
    open_item = records["items"]["open"]
    other = records["attachments"]["members_only"]
    url = reverse("news:attachment_download", args=[open_item.pk, other.pk])
    assert client_for(getattr(world, person)).get(url).status_code == 404


# --- Managing ------------------------------------------------------------------------------


@pytest.mark.parametrize("person", PEOPLE)
def test_item_create_page(person, world, records, client, client_for):
    response = _client(person, world, client, client_for).get(reverse("news:item_create"))
    _assert(person, MANAGERS, response)


@pytest.mark.parametrize("person", PEOPLE)
@pytest.mark.parametrize("which", list(VISIBLE_TO))
def test_item_update_page(person, which, world, records, client, client_for):
    url = reverse("news:item_update", args=[records["items"][which].pk])
    response = _client(person, world, client, client_for).get(url)
    _assert(person, MANAGERS, response)


@pytest.mark.parametrize("person", PEOPLE)
@pytest.mark.parametrize("which", ["open", "members_only"])
def test_attachment_create_page(person, which, world, records, client, client_for):
    url = reverse("news:attachment_create", args=[records["items"][which].pk])
    response = _client(person, world, client, client_for).get(url)
    _assert(person, MANAGERS, response)


@pytest.mark.parametrize("person", PEOPLE)
@pytest.mark.parametrize("which", ["open", "draft"])
def test_attachment_delete_page(person, which, world, records, client, client_for):
    item, attachment = records["items"][which], records["attachments"][which]
    url = reverse("news:attachment_delete", args=[item.pk, attachment.pk])
    response = _client(person, world, client, client_for).get(url)
    _assert(person, MANAGERS, response)
    if response.status_code == 200:
        assert "Are you sure you want to remove" in response.content.decode()


@pytest.mark.parametrize("person", PEOPLE)
def test_item_create_post(person, world, records, client, client_for):
    before = snapshot()
    response = _client(person, world, client, client_for).post(
        reverse("news:item_create"),
        {
            "kind": NewsKind.NEWS,
            "title": "Posted news",
            "summary": "Posted.",
            "published_at": "2026-01-05T09:00",
            "is_published": "on",
        },
    )
    _assert(person, MANAGERS, response, ok=302)
    assert NewsItem.objects.filter(title="Posted news").exists() == (person in MANAGERS)
    if person not in MANAGERS:
        assert snapshot() == before


@pytest.mark.parametrize("person", PEOPLE)
def test_item_update_post(person, world, records, client, client_for):
    item = records["items"]["open"]
    before = snapshot()
    response = _client(person, world, client, client_for).post(
        reverse("news:item_update", args=[item.pk]),
        {
            "kind": NewsKind.NEWS,
            "title": "Renamed",
            "summary": item.summary,
            "published_at": "2026-01-05T09:00",
            "is_published": "on",
        },
    )
    _assert(person, MANAGERS, response, ok=302)
    item.refresh_from_db()
    assert (item.title == "Renamed") == (person in MANAGERS)
    if person not in MANAGERS:
        assert snapshot() == before


@pytest.mark.parametrize("person", PEOPLE)
def test_attachment_create_post(person, world, records, client, client_for):
    item = records["items"]["open"]
    before = snapshot()
    response = _client(person, world, client, client_for).post(
        reverse("news:attachment_create", args=[item.pk]),
        {"title": "Posted slides", "upload": SimpleUploadedFile("posted.pdf", PDF)},
    )
    _assert(person, MANAGERS, response, ok=302)
    assert NewsAttachment.objects.filter(title="Posted slides").exists() == (person in MANAGERS)
    if person not in MANAGERS:
        assert snapshot() == before


@pytest.mark.parametrize("person", PEOPLE)
def test_attachment_delete_post(person, world, records, client, client_for):
    item, attachment = records["items"]["open"], records["attachments"]["open"]
    before = snapshot()
    response = _client(person, world, client, client_for).post(
        reverse("news:attachment_delete", args=[item.pk, attachment.pk])
    )
    _assert(person, MANAGERS, response, ok=302)
    assert NewsAttachment.objects.filter(pk=attachment.pk).exists() == (person not in MANAGERS)
    if person not in MANAGERS:
        assert snapshot() == before


@pytest.mark.parametrize("person", ["democratic", "admin"])
def test_managers_cannot_remove_an_attachment_through_another_item(
    person, world, records, client_for
):
    open_item = records["items"]["open"]
    other = records["attachments"]["draft"]
    before = snapshot()
    response = client_for(getattr(world, person)).post(
        reverse("news:attachment_delete", args=[open_item.pk, other.pk])
    )
    assert response.status_code == 404
    assert snapshot() == before


@pytest.mark.parametrize("person", PEOPLE)
@pytest.mark.parametrize("name", ["item_list", "item_detail", "attachment_download"])
def test_reading_pages_refuse_posts(person, name, world, records, client, client_for):
    item, attachment = records["items"]["open"], records["attachments"]["open"]
    url = {
        "item_list": reverse("news:item_list"),
        "item_detail": reverse("news:item_detail", args=[item.pk]),
        "attachment_download": reverse("news:attachment_download", args=[item.pk, attachment.pk]),
    }[name]
    before = snapshot()
    response = _client(person, world, client, client_for).post(url, {"title": "x"})
    _assert(person, EVERYONE, response, ok=405)
    assert snapshot() == before
