"""The history of changes to hub content (core/content.py): each change with when, who, what
kind, and field by field what it was before and after. Changes are made through the apps'
services, as the pages make them, so the history user is set."""

import datetime
import re

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from councillor_hub.committees.models import CommitteeMeeting
from councillor_hub.committees.services import portfolio_create, portfolio_update
from councillor_hub.core import content
from councillor_hub.core.views import HISTORY_PAGE_SIZE
from councillor_hub.directory import services as directory_services
from councillor_hub.directory.models import Officer
from councillor_hub.directory.tests.factories import OfficerFactory, OrgUnitFactory, TopicFactory
from councillor_hub.library.services import document_create, document_update
from councillor_hub.library.tests.factories import PDF

pytestmark = pytest.mark.django_db


def history_url(kind: str, pk: int) -> str:
    return reverse("core:content_history", args=[kind, pk])


def text_of(html: str) -> str:
    """The page's text with tags removed and spaces collapsed, for "before ... after" checks."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def row(html: str, label: str) -> str:
    """The text of the table row (or summary list row) for the field `label`."""
    match = re.search(
        rf'<(tr|div) class="govuk-[^"]*" data-field="{re.escape(label)}">(.*?)</\1>', html, re.S
    )
    assert match, f"No row for {label}"
    return text_of(match.group(2)).strip()


@pytest.fixture
def manager(world, client_for):
    return client_for(world.democratic)


def test_every_hub_model_is_registered():
    kinds = {kind.kind for kind in content.registered()}
    assert {
        "officer",
        "unit",
        "topic",
        "document",
        "faq",
        "committee",
        "membership",
        "portfolio",
        "holding",
        "councillor-contact",
        "meeting",
    } <= kinds


def test_officer_created_then_changed(world, manager):
    roads = OrgUnitFactory(name="Roads team")
    parks = OrgUnitFactory(name="Parks team")
    officer = directory_services.officer_create(
        actor=world.democratic,
        full_name="Olive Officer",
        job_title="Inspector",
        unit=roads,
        phone="01632 960001",
    )
    directory_services.officer_update(
        actor=world.admin, officer=officer, phone="01632 960999", unit=parks
    )
    html = manager.get(history_url("officer", officer.pk)).content.decode()
    text = text_of(html)
    assert "History of changes" in text and "Olive Officer" in text
    assert "2 changes recorded" in text
    # Newest first: the change, by the administrator, then the creation, by democratic services.
    changed_at = text.index("Changed on")
    created_at = text.index("Created on")
    assert changed_at < created_at
    assert escape(world.admin.full_name) in html[: html.index("Created on")]
    assert escape(world.democratic.full_name) in html[html.index("Created on") :]
    # Field by field, with the field's verbose name; the team by its name, never its id.
    assert row(html, "Phone") == "Phone 01632 960001 01632 960999"
    assert row(html, "Unit") == "Unit Roads team Parks team"
    assert f">{roads.pk}<" not in html
    # The creation lists what it was created with.
    assert "Job title" in html[html.index("Created on") :]


def test_when_is_london_time(world, manager):
    officer = directory_services.officer_create(
        actor=world.democratic, full_name="Olive Officer", job_title="Inspector"
    )
    summer = datetime.datetime(2025, 7, 1, 11, 30, tzinfo=datetime.UTC)
    officer.history.update(history_date=summer)
    html = manager.get(history_url("officer", officer.pk)).content.decode()
    assert "1 July 2025 at 12:30" in html  # BST


def test_no_history_user_is_system(world, manager):
    officer = OfficerFactory(full_name="Imported Person")
    html = manager.get(history_url("officer", officer.pk)).content.decode()
    assert content.SYSTEM_USER in html


def test_document_changes_and_responsible_officer_by_name(world, manager):
    first = OfficerFactory(full_name="Fiona First")
    second = OfficerFactory(full_name="Sam Second")
    document = document_create(
        actor=world.democratic,
        kind="policy",
        title="Highways policy",
        url="https://example.org/highways",
        responsible_officer=first,
        next_review_on=datetime.date(2026, 1, 31),
    )
    document_update(
        actor=world.democratic,
        document=document,
        kind="strategy",
        title="Highways strategy",
        url="https://example.org/highways",
        responsible_officer=second,
        next_review_on=datetime.date(2027, 1, 31),
        members_only=True,
    )
    html = manager.get(history_url("document", document.pk)).content.decode()
    assert row(html, "Title") == "Title Highways policy Highways strategy"
    assert row(html, "Kind") == "Kind Policy Strategy"  # the choice's label
    assert row(html, "Responsible officer") == "Responsible officer Fiona First Sam Second"
    assert row(html, "Next review on") == "Next review on 31 January 2026 31 January 2027"
    assert row(html, "Members only") == "Members only No Yes"


def test_document_file_replaced_is_not_shown_as_names(world, manager):
    document = document_create(
        actor=world.democratic,
        kind="policy",
        title="Uploaded policy",
        upload=SimpleUploadedFile("policy.pdf", PDF, content_type="application/pdf"),
    )
    old_name = document.file.name
    document_update(
        actor=world.democratic,
        document=document,
        kind="policy",
        title="Uploaded policy",
        upload=SimpleUploadedFile("policy-2.pdf", PDF, content_type="application/pdf"),
    )
    html = manager.get(history_url("document", document.pk)).content.decode()
    assert "File replaced" in html
    assert "File uploaded" in html
    assert old_name not in html and document.file.name not in html  # storage names stay hidden


def test_cabinet_portfolio_long_text_in_full_and_escaped(world, manager):
    portfolio = portfolio_create(
        actor=world.democratic, title="Highways", responsibilities="Roads."
    )
    long_text = "Roads, parking and transport.\n" + "Street lighting. " * 60 + "<script>x</script>"
    portfolio_update(
        actor=world.democratic,
        portfolio=portfolio,
        title="Highways and transport",
        responsibilities=long_text,
        sort_order=3,
    )
    html = manager.get(history_url("portfolio", portfolio.pk)).content.decode()
    assert row(html, "Title") == "Title Highways Highways and transport"
    assert row(html, "Order on the Cabinet page") == "Order on the Cabinet page 10 3"
    assert escape(long_text.strip()) in html  # in full, escaped
    assert "<script>x</script>" not in html
    assert reverse("committees:cabinet") + f"#portfolio-{portfolio.pk}" in html


def test_unknown_kind_or_record_is_404(world, manager):
    officer = OfficerFactory()
    assert manager.get(history_url("nonsense", officer.pk)).status_code == 404
    assert manager.get(history_url("officer", officer.pk + 1000)).status_code == 404
    assert manager.get(f"/manage/history/officer/{officer.pk}x/").status_code == 404


def test_a_deleted_record_keeps_its_history(world, manager):
    topic = TopicFactory(name="Fly-tipping")
    pk = topic.pk
    topic.delete()
    response = manager.get(history_url("topic", pk))
    assert response.status_code == 200
    html = response.content.decode()
    assert "has been deleted" in html and "Fly-tipping" in html
    assert "Deleted on" in html


def test_pages_and_bad_page_numbers(world, manager):
    officer = directory_services.officer_create(
        actor=world.democratic, full_name="Olive Officer", job_title="Inspector"
    )
    for number in range(HISTORY_PAGE_SIZE + 5):
        directory_services.officer_update(
            actor=world.democratic, officer=officer, phone=f"01632 960{number:03d}"
        )
    url = history_url("officer", officer.pk)
    first = manager.get(url).content.decode()
    assert first.count("data-history-entry") == HISTORY_PAGE_SIZE
    assert "Page 1 of 2" in first
    second = manager.get(url + "?page=2").content.decode()
    assert second.count("data-history-entry") == 6
    # The oldest change on page 2 still shows what it changed (compared with the creation).
    assert row(second, "Phone").startswith("Phone")
    assert "Created on" in second
    for page in ("nonsense", "999", "-1", "0"):
        assert manager.get(f"{url}?page={page}").status_code == 200


def test_the_last_entry_of_a_page_compares_with_the_one_before(world, manager):
    officer = directory_services.officer_create(
        actor=world.democratic,
        full_name="Olive Officer",
        job_title="Inspector",
        phone="01632 960001",
    )
    for number in range(HISTORY_PAGE_SIZE):
        directory_services.officer_update(
            actor=world.democratic, officer=officer, job_title=f"Title {number}"
        )
    html = manager.get(history_url("officer", officer.pk)).content.decode()
    # Page 1 holds the 25 changes; the oldest (Title 0) is compared with the creation.
    assert "Inspector Title 0" in text_of(html)


def test_history_page_query_count_does_not_grow(world, manager, django_assert_max_num_queries):
    unit = OrgUnitFactory(name="Roads team")
    officer = directory_services.officer_create(
        actor=world.democratic, full_name="Olive Officer", job_title="Inspector", unit=unit
    )
    units = [OrgUnitFactory() for _ in range(HISTORY_PAGE_SIZE)]
    for number, other in enumerate(units):
        directory_services.officer_update(
            actor=world.democratic, officer=officer, unit=other, phone=f"01632 960{number:03d}"
        )
    with django_assert_max_num_queries(20):
        response = manager.get(history_url("officer", officer.pk))
    assert response.status_code == 200


def test_history_link_on_the_officer_page_for_managers_only(world, manager, client_for):
    officer = OfficerFactory()
    url = history_url("officer", officer.pk)
    page = reverse("directory:officer_detail", args=[officer.pk])
    assert url in manager.get(page).content.decode()
    assert url not in client_for(world.councillor).get(page).content.decode()


def test_register_checks_its_arguments():
    from councillor_hub.accounts.models import User
    from councillor_hub.library.models import Document

    with pytest.raises(ImproperlyConfigured):
        content.register("officer", Document, label="Clash")
    with pytest.raises(ImproperlyConfigured):
        content.register("people", User, label="No history")
    with pytest.raises(ImproperlyConfigured):
        content.register("Bad Kind!", Officer, label="Bad")
    assert content.get_kind("officer").model is Officer


def test_secret_looking_fields_are_never_shown():
    assert content.SECRET_NAME.search("password")
    assert content.SECRET_NAME.search("api_token")
    assert not content.SECRET_NAME.search("phone")


def test_values_read_as_people_write_them():
    field = Officer._meta.get_field("deactivated_at")
    moment = timezone.make_aware(datetime.datetime(2025, 1, 2, 9, 5))
    assert content.display_value(field, moment, {}) == "2 January 2025, 09:05"
    assert content.display_value(Officer._meta.get_field("is_active"), False, {}) == "No"
    assert content.display_value(Officer._meta.get_field("unit"), 12345, {}) == (
        "A deleted record (#12345)"
    )
    assert content.display_value(Officer._meta.get_field("phone"), "", {}) == ""


def test_a_change_whose_earlier_version_was_not_recorded(world, manager):
    officer = directory_services.officer_create(
        actor=world.democratic, full_name="Olive Officer", job_title="Inspector"
    )
    directory_services.officer_update(actor=world.democratic, officer=officer, job_title="Chief")
    officer.history.filter(history_type="+").delete()  # e.g. loaded before history was kept
    html = manager.get(history_url("officer", officer.pk)).content.decode()
    assert "The version before this change was not recorded" in html


def test_changes_follow_the_form_order(world, manager):
    officer = directory_services.officer_create(
        actor=world.democratic, full_name="Olive Officer", job_title="Inspector"
    )
    directory_services.officer_update(
        actor=world.democratic, officer=officer, full_name="Olive Other", phone="01632 960001"
    )
    html = manager.get(history_url("officer", officer.pk)).content.decode()
    changed = html[: html.index("Created on")]
    assert changed.index('data-field="Full name"') < changed.index('data-field="Phone"')


def test_history_links_on_the_hub_pages_for_managers_only(world, manager, client_for):
    from councillor_hub.committees.tests.factories import (
        ContactFactory,
        MembershipFactory,
        PortfolioFactory,
    )
    from councillor_hub.faqs.tests.factories import FaqFactory
    from councillor_hub.library.tests.factories import DocumentFactory

    unit = OrgUnitFactory()
    topic = TopicFactory(unit=unit)
    document = DocumentFactory()
    faq = FaqFactory(service_area=world.highways)
    membership = MembershipFactory(councillor=world.councillor)
    portfolio = PortfolioFactory()
    contact = ContactFactory(councillor=world.colleague)
    meeting = CommitteeMeeting.objects.create(
        committee=membership.committee, starts_at=timezone.now() + datetime.timedelta(days=7)
    )
    pages = [
        (reverse("directory:unit_detail", args=[unit.pk]), history_url("unit", unit.pk)),
        (reverse("directory:topic_list"), history_url("topic", topic.pk)),
        (
            reverse("library:document_detail", args=[document.pk]),
            history_url("document", document.pk),
        ),
        (reverse("faqs:faq_detail", args=[faq.pk]), history_url("faq", faq.pk)),
        (
            reverse("committees:committee_detail", args=[membership.committee_id]),
            history_url("committee", membership.committee_id),
        ),
        (
            reverse("committees:committee_detail", args=[membership.committee_id]),
            history_url("membership", membership.pk),
        ),
        (reverse("committees:cabinet"), history_url("portfolio", portfolio.pk)),
        (
            reverse("committees:councillor_detail", args=[world.colleague.pk]),
            history_url("councillor-contact", contact.pk),
        ),
        (
            reverse("committees:committee_detail", args=[membership.committee_id]),
            history_url("meeting", meeting.pk),
        ),
    ]
    councillor = client_for(world.councillor)
    for page, link in pages:
        assert link in manager.get(page).content.decode(), page
        assert link not in councillor.get(page).content.decode(), page
        assert manager.get(link).status_code == 200, link
