"""The permission matrix for every councillors, committees and Cabinet URL: every signed-in
person reads; content managers (democratic services, administrators) manage and everyone else
gets 404 on the manage pages; anonymous visitors are sent to sign in. Forbidden POSTs change
nothing."""

import datetime

import pytest
from django.urls import reverse

from councillor_hub.audit.models import AuditEvent
from councillor_hub.committees import urls
from councillor_hub.committees.models import (
    CabinetPortfolio,
    Committee,
    CommitteeMeeting,
    CommitteeMembership,
    CouncillorContact,
    MemberRole,
    PortfolioHolding,
)
from councillor_hub.conftest import ROLE_NAMES, refreshed

from .factories import CommitteeFactory, ContactFactory, HoldingFactory, MembershipFactory
from .images import png_bytes, upload

PEOPLE = [*ROLE_NAMES, "anonymous"]
MANAGERS = {"democratic", "admin"}
EVERYONE = set(ROLE_NAMES)

pytestmark = pytest.mark.usefixtures("module_world")


@pytest.fixture(scope="module")
def module_things(module_world, django_db_blocker):
    """Built once for the module; each test gets fresh copies in its own savepoint."""
    with django_db_blocker.unblock():
        return build_things(module_world)


@pytest.fixture
def things(module_things, db):
    return refreshed(module_things)


def build_things(world):
    committee = CommitteeFactory(name="Planning Committee", requires_training=True)
    membership = MembershipFactory(
        committee=committee, councillor=world.councillor, role=MemberRole.MEMBER
    )
    ending = MembershipFactory(
        committee=committee, councillor=world.colleague, role=MemberRole.SUBSTITUTE
    )
    holding = HoldingFactory(councillor=world.colleague)
    meeting = CommitteeMeeting.objects.create(
        committee=committee,
        starts_at=datetime.datetime(2030, 6, 4, 18, 30, tzinfo=datetime.UTC),
        place="Council Chamber",
    )
    contact = ContactFactory(councillor=world.councillor)
    contact.photo.save("photo.png", upload("p.png", png_bytes()), save=False)
    contact.photo_content_type = "image/png"
    contact.save()
    return {
        "committee": committee,
        "membership": membership,
        "ending": ending,
        "holding": holding,
        "portfolio": holding.portfolio,
        "contact": contact,
        "meeting": meeting,
    }


def client_of(person, world, client, client_for):
    return client if person == "anonymous" else client_for(getattr(world, person))


def assert_answer(person, allowed, response, *, ok=200):
    if person == "anonymous":
        assert response.status_code == 302, response.status_code
        assert reverse("accounts:login") in response["Location"]
    elif person in allowed:
        assert response.status_code == ok, (person, response.status_code)
    else:
        assert response.status_code == 404, (person, response.status_code)


def read_urls(world, things):
    return [
        reverse("committees:councillor_list"),
        reverse("committees:councillor_detail", args=[world.councillor.pk]),
        reverse("committees:councillor_photo", args=[world.councillor.pk]),
        reverse("committees:committee_list"),
        reverse("committees:committee_detail", args=[things["committee"].pk]),
        reverse("committees:cabinet"),
    ]


def manage_urls(world, things):
    return [
        reverse("committees:councillor_contact_update", args=[world.councillor.pk]),
        reverse("committees:committee_create"),
        reverse("committees:committee_update", args=[things["committee"].pk]),
        reverse("committees:membership_create", args=[things["committee"].pk]),
        reverse("committees:membership_change", args=[things["membership"].pk]),
        reverse("committees:membership_end", args=[things["membership"].pk]),
        reverse("committees:portfolio_create"),
        reverse("committees:portfolio_update", args=[things["portfolio"].pk]),
        reverse("committees:holding_create", args=[things["portfolio"].pk]),
        reverse("committees:holding_end", args=[things["holding"].pk]),
        reverse("committees:meeting_create", args=[things["committee"].pk]),
        reverse("committees:meeting_update", args=[things["meeting"].pk]),
    ]


@pytest.mark.parametrize("person", PEOPLE)
def test_read_pages(person, world, things, client, client_for):
    browser = client_of(person, world, client, client_for)
    for url in read_urls(world, things):
        assert_answer(person, EVERYONE, browser.get(url))


@pytest.mark.parametrize("person", PEOPLE)
def test_manage_pages(person, world, things, client, client_for):
    browser = client_of(person, world, client, client_for)
    for url in manage_urls(world, things):
        assert_answer(person, MANAGERS, browser.get(url))


def _snapshot():
    return {
        "committees": list(Committee.objects.values_list("pk", "name", "is_active")),
        "memberships": list(
            CommitteeMembership.objects.values_list("pk", "role", "start_date", "end_date")
        ),
        "portfolios": list(CabinetPortfolio.objects.values_list("pk", "title", "is_active")),
        "holdings": list(PortfolioHolding.objects.values_list("pk", "councillor", "end_date")),
        "contacts": list(
            CouncillorContact.objects.values_list("pk", "public_email", "bio", "photo")
        ),
        "meetings": list(
            CommitteeMeeting.objects.values_list("pk", "starts_at", "place", "is_cancelled")
        ),
        "audit": AuditEvent.objects.count(),
    }


def forbidden_posts(world, things):
    """A valid POST for each manage URL (what a manager would send)."""
    committee, membership = things["committee"], things["membership"]
    portfolio, holding = things["portfolio"], things["holding"]
    return [
        (
            reverse("committees:councillor_contact_update", args=[world.councillor.pk]),
            {
                "public_email": "changed@example.org",
                "public_phone": "",
                "surgery_details": "",
                "bio": "Changed",
            },
        ),
        (
            reverse("committees:committee_create"),
            {"name": "New committee", "kind": "other", "is_active": "on"},
        ),
        (
            reverse("committees:committee_update", args=[committee.pk]),
            {"name": "Renamed", "kind": "other", "is_active": "on"},
        ),
        (
            reverse("committees:membership_create", args=[committee.pk]),
            {"councillor": world.independent.pk, "role": "substitute", "start_date": "2026-01-05"},
        ),
        (
            reverse("committees:membership_change", args=[membership.pk]),
            {"role": "vice_chair", "start_date": "2026-01-05"},
        ),
        (
            reverse("committees:membership_end", args=[things["ending"].pk]),
            {"end_date": "2026-01-05"},
        ),
        (
            reverse("committees:portfolio_create"),
            {
                "title": "New portfolio",
                "responsibilities": "",
                "sort_order": "5",
                "is_active": "on",
            },
        ),
        (
            reverse("committees:portfolio_update", args=[portfolio.pk]),
            {
                "title": "Renamed portfolio",
                "responsibilities": "",
                "sort_order": "5",
                "is_active": "on",
            },
        ),
        (
            reverse("committees:holding_end", args=[holding.pk]),
            {"end_date": "2026-01-05"},
        ),
        (
            reverse("committees:holding_create", args=[portfolio.pk]),
            {"councillor": world.other.pk, "start_date": "2026-01-06"},
        ),
        (
            reverse("committees:meeting_create", args=[committee.pk]),
            {"day": "2030-07-02", "time": "6:30pm", "place": "Committee Room 1"},
        ),
        (
            reverse("committees:meeting_update", args=[things["meeting"].pk]),
            {"day": "2030-06-04", "time": "18:30", "place": "Moved", "is_cancelled": "on"},
        ),
    ]


@pytest.mark.parametrize("person", sorted(set(PEOPLE) - MANAGERS))
def test_forbidden_posts_change_nothing(person, world, things, client, client_for):
    browser = client_of(person, world, client, client_for)
    before = _snapshot()
    for url, data in forbidden_posts(world, things):
        assert_answer(person, set(), browser.post(url, data))
    assert _snapshot() == before


@pytest.mark.parametrize("person", sorted(MANAGERS))
def test_managers_posts_work(person, world, things, client, client_for):
    browser = client_of(person, world, client, client_for)
    for url, data in forbidden_posts(world, things):
        response = browser.post(url, data)
        assert response.status_code == 302, (url, response.content.decode()[:3000])
    assert Committee.objects.filter(name="New committee").exists()
    assert Committee.objects.filter(name="Renamed").exists()
    assert CabinetPortfolio.objects.filter(title="Renamed portfolio").exists()
    assert CabinetPortfolio.objects.filter(title="New portfolio").exists()
    assert CouncillorContact.objects.get(councillor=world.councillor).bio == "Changed"
    things["membership"].refresh_from_db()
    things["ending"].refresh_from_db()
    assert things["membership"].end_date == datetime.date(2026, 1, 4)
    assert things["ending"].end_date == datetime.date(2026, 1, 5)
    assert CommitteeMembership.objects.filter(councillor=world.independent).exists()
    assert PortfolioHolding.objects.get(councillor=world.other).start_date == datetime.date(
        2026, 1, 6
    )
    assert CommitteeMeeting.objects.filter(place="Committee Room 1").exists()
    things["meeting"].refresh_from_db()
    assert things["meeting"].is_cancelled and things["meeting"].place == "Moved"


def test_ended_membership_has_no_manage_pages(world, things, client_for):
    membership = things["membership"]
    membership.end_date = datetime.date(2026, 1, 1)
    membership.save()
    browser = client_for(world.democratic)
    for name in ["committees:membership_change", "committees:membership_end"]:
        assert browser.get(reverse(name, args=[membership.pk])).status_code == 404
    holding = things["holding"]
    holding.end_date = datetime.date(2026, 1, 1)
    holding.save()
    assert browser.get(reverse("committees:holding_end", args=[holding.pk])).status_code == 404


def test_closed_committee_takes_no_members_page(world, things, client_for):
    committee = CommitteeFactory(is_active=False)
    url = reverse("committees:membership_create", args=[committee.pk])
    assert client_for(world.democratic).get(url).status_code == 404


def test_manage_links_only_for_managers(world, things, client_for):
    committee = things["committee"]
    pages = [
        (
            reverse("committees:committee_detail", args=[committee.pk]),
            reverse("committees:membership_create", args=[committee.pk]),
        ),
        (reverse("committees:committee_list"), reverse("committees:committee_create")),
        (reverse("committees:cabinet"), reverse("committees:portfolio_create")),
        (
            reverse("committees:councillor_detail", args=[world.councillor.pk]),
            reverse("committees:councillor_contact_update", args=[world.councillor.pk]),
        ),
    ]
    for person in ROLE_NAMES:
        browser = client_for(getattr(world, person))
        for page, link in pages:
            content = browser.get(page).content.decode()
            assert (f'href="{link}"' in content) == (person in MANAGERS), (person, page)


def test_every_url_is_in_this_matrix():
    from pathlib import Path

    text = Path(__file__).read_text()
    names = {pattern.name for pattern in urls.urlpatterns}
    missing = sorted(name for name in names if f'"committees:{name}"' not in text)
    assert missing == []
