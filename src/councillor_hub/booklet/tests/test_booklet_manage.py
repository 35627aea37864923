"""The booklet's manage pages, as democratic services use them: change a section's text and see
it in the booklet, find and list contacts and documents, add, change and remove key dates;
bad input re-renders with GOV.UK errors and what was typed, never a 500."""

from __future__ import annotations

import datetime
import html

import pytest
from django.urls import reverse
from django.utils import timezone

from councillor_hub.booklet.models import BookletSection, KeyDate, SectionKey
from councillor_hub.directory.models import Officer, OrgUnit, UnitKind
from councillor_hub.library.models import Document, DocumentKind

from .builders import ensure_sections

pytestmark = pytest.mark.django_db

MANAGE = reverse("booklet:manage")


@pytest.fixture
def manager(client_for, world):
    ensure_sections()
    return client_for(world.democratic)


def page(response) -> str:
    return html.unescape(response.content.decode())


def test_the_manage_page_lists_sections_in_order_and_key_dates(manager):
    today = timezone.localdate()
    KeyDate.objects.create(title="Induction day", date=today + datetime.timedelta(days=5))
    KeyDate.objects.create(title="Old meeting", date=today - datetime.timedelta(days=5))
    text = page(manager.get(MANAGE))
    positions = [text.index(f'data-section="{key}"') for key in SectionKey.values]
    assert positions == sorted(positions)
    assert (
        text.index("Induction day") < text.index("Past key dates (1)") < text.index("Old meeting")
    )


def test_a_changed_welcome_shows_in_the_booklet(manager):
    url = reverse("booklet:section_update", args=[SectionKey.WELCOME])
    assert "Welcome to the council." in page(manager.get(url))
    response = manager.post(
        url, {"title": "Welcome, new councillors", "body": "We are glad you are here."}
    )
    assert response.status_code == 302 and response["Location"] == MANAGE
    booklet = page(manager.get(reverse("booklet:booklet")))
    assert "Welcome, new councillors" in booklet
    assert "We are glad you are here." in booklet


def test_a_section_without_a_title_is_an_error(manager):
    url = reverse("booklet:section_update", args=[SectionKey.ICT])
    response = manager.post(url, {"title": "  ", "body": "Kept text"})
    assert response.status_code == 200
    text = page(response)
    assert "<title>Error:" in text
    assert "Enter the section's title" in text
    assert "Kept text" in text
    assert BookletSection.objects.get(key=SectionKey.ICT).title == "ICT help"


def test_find_add_and_remove_contacts_and_documents(manager):
    unit = OrgUnit.objects.create(name="ICT service desk", kind=UnitKind.TEAM)
    officer = Officer.objects.create(
        full_name="Ivy Ict", job_title="Members' ICT officer", unit=unit
    )
    Officer.objects.create(full_name="Ivan Leaver", job_title="ICT", unit=unit, is_active=False)
    guide = Document.objects.create(
        kind=DocumentKind.GUIDANCE, title="ICT acceptable use", url="https://example.org/i"
    )
    url = reverse("booklet:section_links", args=[SectionKey.ICT])
    found = page(manager.get(url, {"q": "ict"}))
    assert f'data-candidate-unit="{unit.pk}"' in found
    assert f'data-candidate-officer="{officer.pk}"' in found
    assert f'data-candidate-document="{guide.pk}"' in found
    assert "Ivan Leaver" not in found
    for kind, pk in (("unit", unit.pk), ("officer", officer.pk), ("document", guide.pk)):
        response = manager.post(url, {"action": "add", "kind": kind, "pk": pk, "q": "ict"})
        assert response.status_code == 302 and response["Location"] == f"{url}?q=ict"
    listed = page(manager.get(url, {"q": "ict"}))
    assert f'data-listed-unit="{unit.pk}"' in listed
    assert f'data-listed-officer="{officer.pk}"' in listed
    assert "Listed" in listed
    ict = page(manager.get(reverse("booklet:booklet")))
    assert "Ivy Ict" in ict and "ICT acceptable use" in ict
    manager.post(url, {"action": "remove", "kind": "officer", "pk": officer.pk})
    assert not BookletSection.objects.get(key=SectionKey.ICT).officers.exists()
    # A leaver who was listed is flagged for the manager and left out of the booklet.
    Officer.objects.filter(pk=officer.pk).update(is_active=False)
    manager.post(url, {"action": "add", "kind": "unit", "pk": unit.pk})
    BookletSection.objects.get(key=SectionKey.ICT).officers.add(officer)
    assert "Left: not shown" in page(manager.get(url))
    assert "Ivy Ict" not in page(manager.get(reverse("booklet:booklet")))


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"action": "add", "kind": "unit", "pk": "x"},
        {"action": "add", "kind": "user", "pk": "1"},
        {"action": "delete", "kind": "unit", "pk": "1"},
        {"action": "add", "kind": "unit", "pk": "999999"},
    ],
)
def test_nonsense_link_posts_change_nothing(manager, data):
    url = reverse("booklet:section_links", args=[SectionKey.ICT])
    response = manager.post(url, data)
    assert response.status_code == 302
    assert not BookletSection.objects.get(key=SectionKey.ICT).units.exists()
    assert manager.get(response["Location"]).status_code == 200


def test_add_change_and_remove_a_key_date(manager):
    day = timezone.localdate() + datetime.timedelta(days=20)
    response = manager.post(
        reverse("booklet:key_date_create"),
        {"title": "Full Council", "date": day.isoformat(), "description": "Council Chamber, 7pm."},
    )
    assert response.status_code == 302
    key_date = KeyDate.objects.get()
    assert "Full Council" in page(manager.get(reverse("booklet:booklet")))
    change = reverse("booklet:key_date_update", args=[key_date.pk])
    assert day.isoformat() in page(manager.get(change))
    response = manager.post(
        change,
        {
            "title": "Full Council (extra)",
            "date": day.isoformat(),
            "end_date": (day + datetime.timedelta(days=1)).isoformat(),
        },
    )
    assert response.status_code == 302
    key_date.refresh_from_db()
    assert key_date.title == "Full Council (extra)" and key_date.end_date
    remove = reverse("booklet:key_date_delete", args=[key_date.pk])
    assert "Remove Full Council (extra)?" in page(manager.get(remove))
    assert manager.post(remove).status_code == 302
    assert not KeyDate.objects.exists()
    assert KeyDate.history.count() == 3


@pytest.mark.parametrize(
    "data, message",
    [
        ({"title": "", "date": "2030-01-01"}, "Enter what is happening"),
        ({"title": "x", "date": ""}, "Enter the date"),
        ({"title": "x", "date": "2030-02-31"}, "Date must be a real date"),
        ({"title": "x", "date": "0202-01-01"}, "Date must be between"),
        (
            {"title": "x", "date": "2030-01-02", "end_date": "2030-01-01"},
            "The last day must be the same as or after the date",
        ),
    ],
)
def test_bad_key_dates_re_render_with_errors(manager, data, message):
    response = manager.post(reverse("booklet:key_date_create"), data)
    assert response.status_code == 200
    assert message in page(response)
    assert "<title>Error:" in page(response)
    assert not KeyDate.objects.exists()
