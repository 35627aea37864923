"""The "Manage hub content" start page: links to every part of the hub that exists, what
needs attention (documents and out-of-hours contacts past their review date) and the latest
changes across all registered content."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from councillor_hub.committees.services import portfolio_create
from councillor_hub.core import content
from councillor_hub.directory import services as directory_services
from councillor_hub.directory.models import ContactKind, OutOfHoursContact
from councillor_hub.directory.tests.factories import OfficerFactory
from councillor_hub.library.tests.factories import DocumentFactory

pytestmark = pytest.mark.django_db

URL = reverse("core:content_home")


@pytest.fixture
def manager(world, client_for):
    return client_for(world.democratic)


def _contact(name: str, review_date: datetime.date, **extra) -> OutOfHoursContact:
    return OutOfHoursContact.objects.create(
        kind=ContactKind.OUT_OF_HOURS,
        name=name,
        phone="01632 960123",
        review_date=review_date,
        **extra,
    )


def test_links_to_every_part_that_exists(world, manager):
    html = manager.get(URL).content.decode()
    for name in (
        "directory:officer_create",
        "directory:unit_create",
        "directory:topic_create",
        "directory:officer_import",
        "library:document_create",
        "library:review_report",
        "faqs:faq_create",
        "faqs:usage",
        "committees:committee_create",
        "committees:portfolio_create",
        "committees:councillor_list",
    ):
        assert f'href="{reverse(name)}"' in html, name


def test_a_link_whose_page_does_not_exist_yet_is_left_out(monkeypatch):
    monkeypatch.setattr(
        content,
        "MANAGE_SECTIONS",
        [
            ("Real", "", [("Add an FAQ", ("faqs:nothing", "faqs:faq_create"))]),
            ("Missing", "", [("Nowhere", ("nowhere:at_all",))]),
        ],
    )
    sections = content.manage_sections()
    assert [s.title for s in sections] == ["Real"]
    assert sections[0].links[0].url == reverse("faqs:faq_create")


def test_lists_documents_past_their_review_date(world, manager):
    today = timezone.localdate()
    officer = OfficerFactory(full_name="Rita Reviewer")
    DocumentFactory(
        title="Overdue policy",
        next_review_on=today - datetime.timedelta(days=3),
        responsible_officer=officer,
    )
    DocumentFactory(title="Due today policy", next_review_on=today)
    DocumentFactory(title="Future policy", next_review_on=today + datetime.timedelta(days=30))
    DocumentFactory(
        title="Unpublished policy",
        next_review_on=today - datetime.timedelta(days=3),
        is_published=False,
    )
    html = manager.get(URL).content.decode()
    table = html[html.index("data-overdue-documents") : html.index("</table>")]
    assert "1 document past its review date" in table
    assert "Overdue policy" in table and "Rita Reviewer" in table
    assert "Future policy" not in table and "Unpublished policy" not in table
    assert "Due today policy" not in table


def test_lists_out_of_hours_contacts_due_for_review(world, manager):
    today = timezone.localdate()
    _contact("Overdue duty engineer", today - datetime.timedelta(days=1))
    _contact("Retired duty engineer", today - datetime.timedelta(days=1), is_active=False)
    _contact("Current duty engineer", today + datetime.timedelta(days=90))
    html = manager.get(URL).content.decode()
    table = html[html.index("data-overdue-contacts") :]
    table = table[: table.index("</table>")]
    assert "1 out-of-hours contact due for review" in table
    assert "Overdue duty engineer" in table
    assert "Retired duty engineer" not in table and "Current duty engineer" not in table


def test_nothing_needs_attention(world, manager):
    assert "Nothing needs attention" in manager.get(URL).content.decode()


def test_recent_changes_newest_first_with_who_and_a_link(world, manager):
    officer = directory_services.officer_create(
        actor=world.democratic, full_name="Olive Officer", job_title="Inspector"
    )
    directory_services.officer_update(actor=world.admin, officer=officer, phone="01632 960555")
    portfolio = portfolio_create(actor=world.democratic, title="Highways and transport")
    OfficerFactory(full_name="Imported Person", unit=None)
    html = manager.get(URL).content.decode()
    recent = html[html.index("data-recent-changes") :]
    assert recent.index("Imported Person") < recent.index("Highways and transport")
    assert recent.index("Highways and transport") < recent.index("Olive Officer")
    assert content.SYSTEM_USER in recent
    assert escape(world.admin.full_name) in recent
    assert "changed (phone)" in recent
    assert reverse("core:content_history", args=["officer", officer.pk]) in recent
    assert reverse("core:content_history", args=["portfolio", portfolio.pk]) in recent


def test_only_the_ten_latest_changes(world, manager):
    for number in range(15):
        OfficerFactory(full_name=f"Person Number{number:02d}", unit=None)
    html = manager.get(URL).content.decode()
    recent = html[html.index("data-recent-changes") :]
    assert "Person Number14" in recent and "Person Number05" in recent
    assert "Person Number04" not in recent


def test_query_count_does_not_grow_with_content(world, manager, django_assert_max_num_queries):
    today = timezone.localdate()
    for number in range(30):
        officer = directory_services.officer_create(
            actor=world.democratic, full_name=f"Officer {number}", job_title="Inspector"
        )
        directory_services.officer_update(
            actor=world.democratic, officer=officer, phone=f"01632 960{number:03d}"
        )
        DocumentFactory(
            title=f"Overdue {number}",
            next_review_on=today - datetime.timedelta(days=number + 1),
            responsible_officer=officer,
        )
        _contact(f"Contact {number}", today - datetime.timedelta(days=number + 1))
    # Sessions and user, one query per registered kind for its latest changes, at most two per
    # recent change, and the lists needing attention (whatever their length).
    budget = 10 + len(content.registered()) + 2 * 10 + 8
    with django_assert_max_num_queries(budget):
        response = manager.get(URL)
    assert response.status_code == 200
    assert "30 documents past their review date" in response.content.decode()
