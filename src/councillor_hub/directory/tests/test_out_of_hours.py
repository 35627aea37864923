"""The out-of-hours and emergency arrangements page: the arrangement sections (with contents
links, in their order, members-only ones only for those who may see them), the council-wide
contacts by kind, then a table of contacts for each service. Review dates, "Review due"
tags, change links and withdrawn items are for content managers only."""

import pytest
from django.urls import reverse

from councillor_hub.accounts.tests.factories import ServiceAreaFactory
from councillor_hub.directory.models import ContactKind

from .factories import EmergencyArrangementFactory, OutOfHoursContactFactory, in_days

URL = reverse("directory:out_of_hours")


def contact(**kwargs):
    return OutOfHoursContactFactory(**kwargs)


def card(html: str, attribute: str, pk: int) -> str:
    """The HTML of one contact or section, up to the next one."""
    return html.split(f'{attribute}="{pk}"')[1].split("data-")[0]


@pytest.fixture
def contacts(world):
    waste = ServiceAreaFactory(name="Waste test", slug="waste-test", sort_order=500)
    return {
        "emergency": contact(
            name="Emergency planning duty officer", kind=ContactKind.MAJOR_INCIDENT
        ),
        "council_ooh": contact(name="Council out-of-hours line", hours="5pm to 9am"),
        "council_on_call": contact(name="Council on-call manager", kind=ContactKind.ON_CALL),
        "highways_on_call": contact(
            name="Highways on-call engineer", service_area=world.highways, kind=ContactKind.ON_CALL
        ),
        "highways_ooh": contact(
            name="Highways duty team",
            service_area=world.highways,
            email="highways-duty@example.test",
            notes="Fallen trees and flooding.",
        ),
        "waste_bank": contact(
            name="Waste bank holiday desk", service_area=waste, kind=ContactKind.BANK_HOLIDAY
        ),
        "stale": contact(
            name="Safeguarding duty desk", kind=ContactKind.SAFEGUARDING, review_date=in_days(-1)
        ),
        "inactive": contact(name="Old number nobody answers", is_active=False),
    }


@pytest.fixture
def sections(db):
    return {
        "role": EmergencyArrangementFactory(
            title="The councillor's role in an emergency",
            body="Be a link with your community.\n\nDo not self-deploy:\n- call first\n- wait",
            sort_order=20,
        ),
        "major": EmergencyArrangementFactory(
            title="Major incident arrangements",
            body="The council's emergency plan <script>alert(1)</script>",
            sort_order=10,
            review_date=in_days(-3),
        ),
        "members": EmergencyArrangementFactory(
            title="Briefing for members on call",
            body="Members only.",
            sort_order=30,
            members_only=True,
        ),
        "withdrawn": EmergencyArrangementFactory(
            title="Old flu pandemic plan", sort_order=5, is_active=False
        ),
    }


def page(client_for, user) -> str:
    response = client_for(user).get(URL)
    assert response.status_code == 200
    return response.content.decode()


def test_sections_come_first_in_order_with_contents_links(world, client_for, contacts, sections):
    html = page(client_for, world.councillor)
    assert '<h1 class="govuk-heading-l">Out-of-hours and emergency arrangements</h1>' in html
    major, role = sections["major"].pk, sections["role"].pk
    order = [
        f'href="#section-{major}"',  # contents
        f'href="#section-{role}"',
        'href="#council-wide"',
        'href="#service-contacts"',
        f'id="section-{major}"',  # the sections themselves
        f'id="section-{role}"',
        'id="council-wide"',
        'id="service-contacts"',
    ]
    positions = [html.index(text) for text in order]
    assert positions == sorted(positions)
    # Plain text, escaped: paragraphs and a bulleted list, never the author's HTML.
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    role_html = html.split(f'id="section-{role}"')[1].split("</section>")[0]
    assert '<p class="govuk-body">Be a link with your community.</p>' in role_html
    assert "<li>call first</li>" in role_html and "<li>wait</li>" in role_html
    assert "Old flu pandemic plan" not in html


def test_council_wide_by_kind_then_a_table_per_service(world, client_for, contacts):
    html = page(client_for, world.councillor)
    order = [
        'id="council-wide"',
        "Emergency planning duty officer",  # major incident before...
        "Council on-call manager",  # ...on-call before...
        "Safeguarding duty desk",  # ...safeguarding before...
        "Council out-of-hours line",  # ...the general out-of-hours line
        'id="service-contacts"',
        'id="service-highways"',
        "Highways duty team",  # out of hours before on-call
        "Highways on-call engineer",
        'id="service-waste-test"',
        "Waste bank holiday desk",
    ]
    positions = [html.index(text) for text in order]
    assert positions == sorted(positions)
    assert 'href="#service-highways"' in html and 'href="#service-waste-test"' in html
    assert html.count('<table class="govuk-table app-contacts-table">') == 2
    assert "Out-of-hours contacts for Highways</caption>" in html
    assert "Old number nobody answers" not in html
    assert "highways-duty@example.test" in html
    assert "Fallen trees and flooding." in html
    assert "5pm to 9am" in html
    assert 'href="tel:01632960000"' in html


@pytest.mark.parametrize(
    ("person", "sees"),
    [
        ("councillor", True),
        ("mp", True),
        ("whip", True),
        ("democratic", True),
        ("admin", True),
        ("support", False),
        ("highways_officer", False),
        ("manager", False),
        ("delegate", False),
    ],
)
def test_members_only_sections_are_hidden_from_others(world, client_for, sections, person, sees):
    html = page(client_for, getattr(world, person))
    members = sections["members"]
    assert ("Briefing for members on call" in html) is sees
    assert (f'href="#section-{members.pk}"' in html) is sees
    assert ("Members only" in html) is sees
    assert "Major incident arrangements" in html  # everyone sees the others


@pytest.mark.parametrize("person", ["councillor", "support", "highways_officer", "mp"])
def test_review_dates_and_manage_links_are_for_content_managers_only(
    world, client_for, contacts, sections, person
):
    html = page(client_for, getattr(world, person))
    assert "Review due" not in html
    assert "Next review by" not in html
    assert "as reviewed</button>" not in html
    assert "/change/" not in html and "/reviewed/" not in html
    assert "Taken off this page" not in html
    assert "/admin/" not in html


@pytest.mark.parametrize("person", ["democratic", "admin"])
def test_content_managers_see_reviews_due_and_manage_links(
    world, client_for, contacts, sections, person
):
    html = page(client_for, getattr(world, person))
    stale = card(html, "data-contact", contacts["stale"].pk)
    fresh = card(html, "data-contact", contacts["council_ooh"].pk)
    assert "Review due" in stale and "Review due" not in fresh
    assert reverse("directory:contact_update", args=[contacts["stale"].pk]) in stale
    assert reverse("directory:contact_reviewed", args=[contacts["stale"].pk]) in stale
    major = html.split(f'id="section-{sections["major"].pk}"')[1].split("</section>")[0]
    role = html.split(f'id="section-{sections["role"].pk}"')[1].split("</section>")[0]
    assert "Review due" in major and "Review due" not in role
    assert "Next review by" in role
    assert reverse("directory:arrangement_update", args=[sections["major"].pk]) in major
    assert reverse("directory:arrangement_reviewed", args=[sections["major"].pk]) in major
    # The summary a reminder links to, listing what is due.
    due = html.split('id="review-due"')[1].split("</div>")[0]
    assert "Safeguarding duty desk" in due and "Major incident arrangements" in due
    assert "Council out-of-hours line" not in due
    # Withdrawn items, to put back.
    withdrawn = html.split('id="withdrawn"')[1]
    assert "Old flu pandemic plan" in withdrawn and "Old number nobody answers" in withdrawn
    assert reverse("directory:contact_create") in html
    assert reverse("directory:arrangement_create") in html


@pytest.mark.parametrize("name", ["councillor", "mp", "support", "highways_officer", "delegate"])
def test_signed_in_people_see_it(world, client_for, name):
    response = client_for(getattr(world, name)).get(URL)
    assert response.status_code == 200
    assert "No out-of-hours contacts have been added yet" in response.content.decode()


def test_anonymous_is_sent_to_sign_in(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_footer_links_to_the_page(world, client_for):
    html = client_for(world.councillor).get(reverse("core:home"), follow=True).content.decode()
    assert f'href="{URL}"' in html


def test_print_friendly(world, client_for, contacts, sections):
    html = page(client_for, world.admin)
    assert 'class="app-emergency"' in html
    assert "app-print-only" in html  # "Printed <date>" on paper
    # Managing controls are left off the printout.
    assert 'class="app-no-print govuk-!-margin-bottom-6" id="manage"' in html
    assert html.count("govuk-button-group app-no-print") >= 2


@pytest.mark.parametrize("person", ["admin", "councillor"])
def test_queries_do_not_grow_with_rows(world, client_for, person, django_assert_max_num_queries):
    client = client_for(getattr(world, person))
    contact(name="One", service_area=world.highways)
    EmergencyArrangementFactory(title="One section")
    with django_assert_max_num_queries(30) as few:
        client.get(URL)
    for n in range(10):
        area = ServiceAreaFactory(name=f"Area {n}", slug=f"area-{n}")
        contact(name=f"Contact {n}", service_area=area, review_date=in_days(-n))
        contact(name=f"Wide {n}", kind=ContactKind.MAJOR_INCIDENT, is_active=n % 2 == 0)
        EmergencyArrangementFactory(title=f"Section {n}", members_only=n % 2 == 0)
        EmergencyArrangementFactory(title=f"Old {n}", is_active=False)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(URL)
    assert "Contact 9" in response.content.decode()
