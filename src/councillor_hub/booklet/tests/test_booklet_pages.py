"""The booklet page and its PDF show the live data: the Leader, the Cabinet, committee chairs,
contacts from the directory, out-of-hours numbers, the enquiry service level and key dates;
a change to any of them shows at once, on the page and in the PDF; members-only documents
reach only members and content managers; and the page's queries do not grow with the data."""

from __future__ import annotations

import datetime
import html as html_lib
import re
import sys

import pytest
from django.urls import reverse
from django.utils import timezone

from councillor_hub.accounts.tests.factories import CouncillorFactory
from councillor_hub.booklet.models import SectionKey
from councillor_hub.committees.models import CommitteeKind, MemberRole
from councillor_hub.committees.services import holding_add
from councillor_hub.committees.tests.factories import (
    CommitteeFactory,
    HoldingFactory,
    MembershipFactory,
    PortfolioFactory,
)
from councillor_hub.directory.models import Officer, OrgUnit, UnitKind
from councillor_hub.enquiries.models import ServiceLevel, Urgency
from councillor_hub.library.models import Document, DocumentKind

from .builders import (
    ALLOWANCES,
    HIGHWAYS_OUT_OF_HOURS,
    HIGHWAYS_PORTFOLIO,
    ICT_GUIDE,
    LEADER_PORTFOLIO,
    SUPPORT_OFFICER,
    SUPPORT_PHONE,
    build_booklet_records,
    section,
)
from .pdfcheck import pdf_text

pytestmark = pytest.mark.django_db

BOOKLET = reverse("booklet:booklet")
PDF = reverse("booklet:booklet_pdf")


@pytest.fixture
def records(world):
    return build_booklet_records(world)


def page_html(response) -> str:
    """The page's HTML with entities decoded, so "Members' allowances" matches as typed."""
    return html_lib.unescape(response.content.decode())


def text_of(response) -> str:
    """The page's visible words, tags removed, whitespace collapsed."""
    html = page_html(response)
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def section_html(response, key: str) -> str:
    html = page_html(response)
    start = html.index(f'data-section="{key}"')
    end = html.find("<section", start)
    return html[start : end if end != -1 else len(html)]


def test_the_booklet_shows_the_live_data_in_order(client_for, world, records):
    response = client_for(world.councillor).get(BOOKLET)
    assert response.status_code == 200
    text = text_of(response)
    # Every section, in the booklet's order, after the contents list.
    titles = [
        "Welcome",
        "Who's who",
        "Member support and democratic services",
        "How to raise an enquiry",
        "Service contacts and out-of-hours numbers",
        "ICT help",
        "Health and safety",
        "Allowances and expenses",
        "Committee structure",
    ]
    html = page_html(response)
    positions = [html.index(f'data-section="{key}"') for key in SectionKey.values]
    assert positions == sorted(positions)
    for title in titles:
        assert title in text
    # Who's who: the Leader's portfolio holder, the deputy, the Cabinet, the chairs.
    whos_who = section_html(response, SectionKey.WHOS_WHO)
    assert records.leader.full_name in whos_who
    assert LEADER_PORTFOLIO in whos_who
    assert records.deputy.full_name in whos_who
    assert HIGHWAYS_PORTFOLIO in whos_who and records.highways_holder.full_name in whos_who
    assert whos_who.index(LEADER_PORTFOLIO) < whos_who.index(HIGHWAYS_PORTFOLIO)
    assert "Vacant Portfolio" in whos_who and "Vacant" in whos_who
    assert records.planning_chair.full_name in whos_who
    assert "Old Committee" not in html
    # Member support: the contacts the content manager chose, live from the directory.
    support = section_html(response, SectionKey.MEMBER_SUPPORT)
    assert SUPPORT_OFFICER in support and SUPPORT_PHONE in support
    assert "member.support@council.example.org" in support
    assert "Lee Leaver" not in html
    # Enquiries: the default service level, with a link to the form.
    enquiries = section_html(response, SectionKey.ENQUIRIES)
    assert "within 5 working days" in enquiries
    assert reverse("enquiries:enquiry_create") in enquiries
    assert "2 working days" in enquiries and "10 working days" in enquiries
    assert "4 hours" in enquiries
    # Service contacts: the service's unit and its active out-of-hours numbers.
    contacts = section_html(response, SectionKey.SERVICE_CONTACTS)
    assert "Highways and transport" in contacts and "01632 960300" in contacts
    assert HIGHWAYS_OUT_OF_HOURS in contacts and "01632 960999" in contacts
    assert "Withdrawn rota" not in contacts
    # ICT: its contact and its public document.
    ict = section_html(response, SectionKey.ICT)
    assert "ICT service desk" in ict and ICT_GUIDE in ict
    # Committees: by type, chair, size, training.
    committees = section_html(response, SectionKey.COMMITTEES)
    assert "Regulatory: planning" in committees and "Planning Committee" in committees
    assert records.planning_chair.full_name in committees
    assert "and 1 substitute" in committees
    assert "Planning training every 12 months." in committees
    # Key dates: upcoming ones only.
    welcome = section_html(response, SectionKey.WELCOME)
    assert "Induction day" in welcome and "Budget-setting council" in welcome
    assert "Last year's budget council" not in welcome
    # The contents list, the PDF link and "Last updated".
    assert 'href="#section-whos-who"' in html
    assert PDF in html
    assert "Last updated" in text


def test_a_change_to_the_cabinet_shows_on_the_page_and_in_the_pdf(client_for, world, records):
    client = client_for(world.councillor)
    newcomer = CouncillorFactory(full_name="Nadia Newcomer", profile__ward=world.ward_a)
    assert "Nadia Newcomer" not in text_of(client.get(BOOKLET))
    holding_add(
        actor=world.democratic,
        portfolio=records.highways_portfolio,
        councillor=newcomer,
        start_date=timezone.localdate(),
        replace_holder=True,
    )
    whos_who = section_html(client.get(BOOKLET), SectionKey.WHOS_WHO)
    assert "Nadia Newcomer" in whos_who
    assert records.highways_holder.full_name not in whos_who
    text = pdf_text(client.get(PDF).content)
    assert "Nadia Newcomer" in text
    assert records.highways_holder.full_name not in text


def test_an_officers_new_phone_number_shows_on_the_page_and_in_the_pdf(client_for, world, records):
    client = client_for(world.councillor)
    Officer.objects.filter(pk=records.support_officer.pk).update(phone="01632 960777")
    page = text_of(client.get(BOOKLET))
    assert "01632 960777" in page and SUPPORT_PHONE not in page
    text = pdf_text(client.get(PDF).content)
    assert "01632 960777" in text and SUPPORT_PHONE not in text


def test_the_leader_falls_back_to_the_chair_of_cabinet(client_for, world, records):
    type(records.leader_portfolio).objects.filter(pk=records.leader_portfolio.pk).update(
        is_leader=False
    )
    chair = CouncillorFactory(full_name="Cara Chair", profile__ward=world.ward_a)
    records.cabinet.memberships.filter(role=MemberRole.CHAIR).update(
        end_date=timezone.localdate() - datetime.timedelta(days=1)
    )
    MembershipFactory(committee=records.cabinet, councillor=chair, role=MemberRole.CHAIR)
    html = page_html(client_for(world.councillor).get(BOOKLET))
    leader = html[html.index("data-leader") :]
    assert leader.index("Cara Chair") < leader.index("</dd>")


@pytest.mark.parametrize("person", ["highways_officer", "support", "delegate", "manager"])
def test_members_only_documents_are_absent_for_officers(client_for, world, records, person):
    client = client_for(getattr(world, person))
    html = page_html(client.get(BOOKLET))
    assert ALLOWANCES not in html
    assert f'data-document="{records.allowances.pk}"' not in html
    assert ICT_GUIDE in html
    assert ALLOWANCES not in pdf_text(client.get(PDF).content)


@pytest.mark.parametrize("person", ["councillor", "mp", "democratic", "admin"])
def test_members_only_documents_reach_members_and_content_managers(
    client_for, world, records, person
):
    html = page_html(client_for(getattr(world, person)).get(BOOKLET))
    assert ALLOWANCES in html
    # Unpublished documents are never listed, even to content managers.
    assert "Draft expenses guide" not in html


def test_the_pdf_is_made_for_its_reader(client_for, world, records):
    assert ALLOWANCES in pdf_text(client_for(world.councillor).get(PDF).content)


def test_a_changed_service_level_changes_the_enquiry_text(client_for, world, records):
    ServiceLevel.objects.filter(urgency=Urgency.STANDARD, category__isnull=True).update(
        working_days=7
    )
    enquiries = section_html(client_for(world.councillor).get(BOOKLET), SectionKey.ENQUIRIES)
    assert "within 7 working days" in enquiries


def test_edited_text_shows_in_paragraphs(client_for, world, records):
    from councillor_hub.booklet.services import section_update

    section_update(
        actor=world.democratic,
        key=SectionKey.WELCOME,
        title="Welcome to Demo Borough",
        body="First paragraph.\n\n\n\nSecond <b>paragraph</b>.",
    )
    html = page_html(client_for(world.councillor).get(BOOKLET))
    assert "Welcome to Demo Borough" in html
    assert '<p class="govuk-body">First paragraph.</p>' in html
    raw = client_for(world.councillor).get(BOOKLET).content.decode()
    assert "Second &lt;b&gt;paragraph&lt;/b&gt;." in raw


def test_last_updated_is_the_latest_change_to_any_source(client_for, world, records):
    client = client_for(world.councillor)
    from councillor_hub.booklet import selectors

    before = selectors.booklet_for(world.councillor).last_updated
    later = timezone.now() + datetime.timedelta(days=3)
    Officer.objects.filter(pk=records.support_officer.pk).update(updated_at=later)
    assert selectors.booklet_for(world.councillor).last_updated == later
    assert before < later
    html = page_html(client.get(BOOKLET))
    assert timezone.localtime(later).strftime("%-d %B %Y") in html


def test_a_missing_section_row_falls_back_to_the_default_text(client_for, world, records):
    section(SectionKey.HEALTH_AND_SAFETY).delete()
    response = client_for(world.councillor).get(BOOKLET)
    assert "Health and safety" in text_of(response)
    assert "Your safety matters." in text_of(response)


def test_managers_see_change_links_and_others_do_not(client_for, world, records):
    change = reverse("booklet:section_update", args=[SectionKey.WELCOME])
    assert change in page_html(client_for(world.democratic).get(BOOKLET))
    assert change not in page_html(client_for(world.councillor).get(BOOKLET))


def test_without_pango_the_pdf_answers_with_a_clear_page(client_for, world, records, monkeypatch):
    # A None entry in sys.modules makes `import weasyprint` fail, as a missing library does.
    monkeypatch.setitem(sys.modules, "weasyprint", None)
    client = client_for(world.councillor)
    response = client.get(PDF)
    assert response.status_code == 503
    assert response["Content-Type"].startswith("text/html")
    text = text_of(response)
    assert "The PDF cannot be made at the moment" in text
    assert reverse("booklet:booklet") in page_html(response)
    assert client.get(BOOKLET).status_code == 200


def _more_data(world, n: int) -> None:
    for i in range(n):
        committee = CommitteeFactory(kind=CommitteeKind.OTHER)
        MembershipFactory(committee=committee, role=MemberRole.CHAIR)
        MembershipFactory(committee=committee, role=MemberRole.VICE_CHAIR)
        MembershipFactory(committee=committee, role=MemberRole.MEMBER)
        HoldingFactory(portfolio=PortfolioFactory())
        unit = OrgUnit.objects.create(
            name=f"Extra team {i}", kind=UnitKind.TEAM, phone="01632 960555"
        )
        officer = Officer.objects.create(
            full_name=f"Extra Officer {i}", job_title="Officer", unit=unit
        )
        document = Document.objects.create(
            kind=DocumentKind.GUIDANCE, title=f"Extra guide {i}", url="https://example.org/x"
        )
        section(SectionKey.MEMBER_SUPPORT).units.add(unit)
        section(SectionKey.MEMBER_SUPPORT).officers.add(officer)
        section(SectionKey.ICT).documents.add(document)


def test_the_page_queries_do_not_grow_with_the_data(
    client_for, world, records, django_assert_max_num_queries
):
    client = client_for(world.councillor)
    client.get(BOOKLET)
    with django_assert_max_num_queries(40) as small:
        assert client.get(BOOKLET).status_code == 200
    _more_data(world, 8)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(BOOKLET)
    assert "Extra Officer 7" in page_html(response)


def test_the_pdf_is_drawn_once_until_something_in_it_changes(
    client_for, world, records, monkeypatch
):
    from councillor_hub.booklet import views
    from councillor_hub.directory.services import officer_update

    drawn = []
    real_render = views.render_pdf

    def counting_render(**kwargs):
        drawn.append(1)
        return real_render(**kwargs)

    monkeypatch.setattr(views, "render_pdf", counting_render)
    councillor = client_for(world.councillor)
    first = councillor.get(PDF).content
    assert client_for(world.colleague).get(PDF).content == first
    assert len(drawn) == 1

    # An officer sees no members-only documents, so gets a PDF of their own.
    client_for(world.highways_officer).get(PDF)
    assert len(drawn) == 2

    officer = Officer.objects.get(pk=records.support_officer.pk)
    officer_update(actor=world.democratic, officer=officer, phone="01632 960778")
    text = pdf_text(councillor.get(PDF).content)
    assert len(drawn) == 3
    assert "01632 960778" in text and SUPPORT_PHONE not in text
