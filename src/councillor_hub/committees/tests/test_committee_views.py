"""The councillor, committee and Cabinet pages: what they show, the manage forms (errors
re-render with what was typed), nonsense input, and query counts that do not grow with rows."""

import datetime
import html

import pytest
from django.urls import reverse
from django.utils import timezone

from councillor_hub.accounts.tests.factories import CouncillorFactory
from councillor_hub.committees.models import (
    Committee,
    CommitteeKind,
    CommitteeMembership,
    MemberRole,
    PortfolioHolding,
)

from .factories import (
    CommitteeFactory,
    ContactFactory,
    HoldingFactory,
    MembershipFactory,
    PortfolioFactory,
)
from .images import png_bytes, upload

D = datetime.date


def text(response) -> str:
    return html.unescape(response.content.decode())


def today():
    return timezone.localdate()


# --- councillors ---------------------------------------------------------------------------


def test_councillor_list_shows_councillors_in_office_with_ward_and_group(world, client_for):
    former = CouncillorFactory(
        full_name="Frances Former",
        profile__ward=world.ward_a,
        profile__term_end=today() - datetime.timedelta(days=1),
    )
    content = text(client_for(world.support).get(reverse("committees:councillor_list")))
    content = content.split("data-councillors")[1].split("</table>")[0]
    for person in [world.councillor, world.colleague, world.other, world.independent, world.whip]:
        assert person.full_name in content
    assert former.full_name not in content
    assert f'data-councillor="{world.support.pk}"' not in content
    assert "Non-aligned (no political group)" in content
    assert "Red Party" in content and "Abbey" in content


@pytest.mark.parametrize(
    "query,shown,hidden",
    [
        ("ward={a}", ["councillor", "colleague"], ["other", "independent", "whip"]),
        ("group={red}", ["councillor", "colleague", "whip"], ["other", "independent"]),
        ("group=none", ["independent"], ["councillor", "other"]),
        ("ward={b}&group={red}", ["whip"], ["councillor", "other", "independent"]),
    ],
)
def test_councillor_filters(world, client_for, query, shown, hidden):
    query = query.format(a=world.ward_a.pk, b=world.ward_b.pk, red=world.group_red.pk)
    response = client_for(world.councillor).get(reverse("committees:councillor_list") + "?" + query)
    content = text(response)
    for name in shown:
        assert f'data-councillor="{getattr(world, name).pk}"' in content, name
    for name in hidden:
        assert f'data-councillor="{getattr(world, name).pk}"' not in content, name
    assert "Clear filters" in content


@pytest.mark.parametrize(
    "query",
    [
        "ward=999999",
        "ward=abc",
        "group=-1",
        "group=%00",
        "ward=1e9&group=<script>",
        "ward=&group=",
        "page=abc",
        "ward=" + "9" * 400,
    ],
)
def test_councillor_list_ignores_nonsense_filters(world, client_for, query):
    response = client_for(world.councillor).get(reverse("committees:councillor_list") + "?" + query)
    assert response.status_code == 200
    content = text(response)
    assert world.other.full_name in content  # unfiltered
    assert "govuk-error-summary" not in content


def test_councillor_list_shows_photo_thumbnails(world, client_for):
    contact = ContactFactory(councillor=world.colleague)
    contact.photo.save("x.png", upload("x.png", png_bytes()), save=False)
    contact.photo_content_type = "image/png"
    contact.save()
    content = text(client_for(world.councillor).get(reverse("committees:councillor_list")))
    assert reverse("committees:councillor_photo", args=[world.colleague.pk]) in content
    assert reverse("committees:councillor_photo", args=[world.councillor.pk]) not in content


def test_councillor_detail(world, client_for):
    ContactFactory(
        councillor=world.councillor,
        public_email="cllr.public@example.org",
        public_phone="01632 960123",
        surgery_details="Every Friday at Abbey Library",
        bio="Local champion for parks.",
    )
    planning = CommitteeFactory(name="Planning Committee", kind=CommitteeKind.PLANNING)
    licensing = CommitteeFactory(name="Licensing Committee", kind=CommitteeKind.LICENSING)
    MembershipFactory(
        committee=planning,
        councillor=world.councillor,
        role=MemberRole.VICE_CHAIR,
        start_date=D(2025, 5, 21),
    )
    MembershipFactory(
        committee=licensing,
        councillor=world.councillor,
        role=MemberRole.MEMBER,
        start_date=D(2025, 5, 21),
        end_date=today() - datetime.timedelta(days=30),
    )
    HoldingFactory(
        councillor=world.councillor,
        portfolio=PortfolioFactory(title="Parks and Leisure"),
        start_date=D(2025, 5, 21),
    )
    HoldingFactory(
        councillor=world.councillor,
        portfolio=PortfolioFactory(title="Old Portfolio"),
        start_date=D(2025, 5, 1),
        end_date=D(2025, 5, 20),
    )
    response = client_for(world.highways_officer).get(
        reverse("committees:councillor_detail", args=[world.councillor.pk])
    )
    content = text(response)
    assert world.councillor.full_name in content
    assert "cllr.public@example.org" in content and "01632 960123" in content
    assert "Every Friday at Abbey Library" in content and "Local champion for parks." in content
    assert "Red Party" in content and "Abbey" in content
    current, _, previously = content.partition('id="previously"')
    assert "Planning Committee" in current and "Vice-chair" in current
    assert "Parks and Leisure" in current
    assert "Licensing Committee" in previously and "Old Portfolio" in previously
    assert "Licensing Committee" not in current.split('id="committees"')[1]


def test_former_councillor_page_says_so(world, client_for):
    former = CouncillorFactory(profile__term_end=today() - datetime.timedelta(days=5))
    content = text(
        client_for(world.councillor).get(reverse("committees:councillor_detail", args=[former.pk]))
    )
    assert "is no longer a councillor" in content


@pytest.mark.parametrize("person", ["support", "democratic"])
def test_people_who_are_not_councillors_have_no_profile_page(world, client_for, person):
    url = reverse("committees:councillor_detail", args=[getattr(world, person).pk])
    assert client_for(world.councillor).get(url).status_code == 404


def test_unknown_ids_are_404(world, client_for):
    browser = client_for(world.democratic)
    for name in [
        "committees:councillor_detail",
        "committees:councillor_photo",
        "committees:councillor_contact_update",
        "committees:committee_detail",
        "committees:committee_update",
        "committees:membership_create",
        "committees:membership_change",
        "committees:membership_end",
        "committees:portfolio_update",
        "committees:holding_create",
        "committees:holding_end",
    ]:
        assert browser.get(reverse(name, args=[999999])).status_code == 404, name
    assert browser.get("/councillors/abc/").status_code == 404
    assert browser.get("/councillors/committees/99999999999999999999999/").status_code == 404


def test_contact_form_keeps_what_was_typed_on_error(world, client_for):
    url = reverse("committees:councillor_contact_update", args=[world.councillor.pk])
    response = client_for(world.democratic).post(
        url,
        {
            "public_email": "not an email",
            "public_phone": "call me maybe",
            "surgery_details": "Tuesdays",
            "bio": "Typed bio",
        },
    )
    assert response.status_code == 200
    content = text(response)
    assert "Enter an email address in the correct format" in content
    assert "Enter a phone number" in content
    assert "Typed bio" in content and "Tuesdays" in content


# --- committees ----------------------------------------------------------------------------


@pytest.fixture
def planning(world):
    committee = CommitteeFactory(
        name="Planning Committee",
        kind=CommitteeKind.PLANNING,
        requires_training=True,
        training_note="Annual planning training, refreshed every 12 months.",
        description="Decides major planning applications.",
    )
    start = D(2025, 5, 21)
    MembershipFactory(
        committee=committee, councillor=world.councillor, role="chair", start_date=start
    )
    MembershipFactory(
        committee=committee, councillor=world.colleague, role="vice_chair", start_date=start
    )
    MembershipFactory(committee=committee, councillor=world.other, role="member", start_date=start)
    MembershipFactory(
        committee=committee, councillor=world.independent, role="substitute", start_date=start
    )
    MembershipFactory(
        committee=committee,
        councillor=world.whip,
        role="chair",
        start_date=D(2025, 5, 1),
        end_date=D(2025, 5, 20),
    )
    return committee


def test_committee_detail(world, planning, client_for):
    response = client_for(world.mp).get(reverse("committees:committee_detail", args=[planning.pk]))
    content = text(response)
    summary = content.split("data-summary")[1].split("</dl>")[0]
    assert world.councillor.full_name in summary.split("Vice-chair")[0]
    assert world.colleague.full_name in summary.split("Vice-chair")[1]
    assert "Annual planning training, refreshed every 12 months." in content
    assert "Required" in content
    members = content.split("data-current-members")[1].split("</table>")[0]
    for person in [world.councillor, world.colleague, world.other]:
        assert person.full_name in members
    substitutes = content.split("data-substitutes")[1].split("</table>")[0]
    assert world.independent.full_name in substitutes
    history = content.split("data-history")[1].split("</table>")[0]
    assert world.whip.full_name in history and "20 May 2025" in history
    assert world.whip.full_name not in members


def test_committee_list(world, planning, client_for):
    CommitteeFactory(name="Full Council", kind=CommitteeKind.FULL_COUNCIL)
    CommitteeFactory(name="Old Panel", is_active=False)
    content = text(client_for(world.delegate).get(reverse("committees:committee_list")))
    table = content.split("data-committees")[1].split("</table>")[0]
    assert table.index("Full Council") < table.index("Planning Committee")
    row = table.split(f'data-committee="{planning.pk}"')[1].split("</tr>")[0]
    assert world.councillor.full_name in row and "Required" in row
    assert ">3<" in row.replace(" ", "")  # chair, vice-chair and one member
    assert ">1<" in row.replace(" ", "")  # one substitute
    assert "Old Panel" in content.split("data-closed-committees")[1]


def test_add_member_page_and_one_chair_error(world, planning, client_for):
    browser = client_for(world.democratic)
    url = reverse("committees:membership_create", args=[planning.pk])
    newcomer = CouncillorFactory(profile__ward=world.ward_a)
    response = browser.post(
        url, {"councillor": newcomer.pk, "role": "chair", "start_date": "2026-01-05"}
    )
    assert response.status_code == 200
    content = text(response)
    assert f"{world.councillor.full_name} is chair of this committee" in content
    assert "<title>Error:" in content
    response = browser.post(
        url,
        {
            "councillor": newcomer.pk,
            "role": "chair",
            "start_date": "2026-01-05",
            "replace_chair": "on",
        },
    )
    assert response.status_code == 302
    old = CommitteeMembership.objects.get(committee=planning, councillor=world.councillor)
    assert old.end_date == D(2026, 1, 4)


def test_membership_end_page_refuses_a_date_before_the_start(world, planning, client_for):
    membership = CommitteeMembership.objects.get(committee=planning, councillor=world.other)
    url = reverse("committees:membership_end", args=[membership.pk])
    response = client_for(world.democratic).post(url, {"end_date": "2024-01-01"})
    assert response.status_code == 200
    assert "End date must be the same as or after the start date" in text(response)
    membership.refresh_from_db()
    assert membership.end_date is None


@pytest.mark.parametrize(
    "data,message",
    [
        ({"start_date": ""}, "Enter start date"),
        ({"start_date": "2026-02-31"}, "Start date must be a real date"),
        ({"start_date": "99999-01-01"}, "Start date must be a real date"),
        ({"start_date": "yesterday"}, "Start date must be a real date"),
        ({"start_date": "0202-01-05"}, "Start date must be between 1 January 1900 and"),
        ({"start_date": "9999-12-31"}, "Start date must be between 1 January 1900 and"),
        ({"councillor": "abc"}, "Select a councillor from the list"),
        ({"councillor": "999999"}, "Select a councillor from the list"),
        ({"role": "emperor"}, "Select the role"),
        ({"role": ""}, "Select the role"),
    ],
)
def test_add_member_nonsense_input(world, planning, client_for, data, message):
    url = reverse("committees:membership_create", args=[planning.pk])
    newcomer = CouncillorFactory(profile__ward=world.ward_a)
    payload = {"councillor": newcomer.pk, "role": "member", "start_date": "2026-01-05", **data}
    before = CommitteeMembership.objects.count()
    response = client_for(world.democratic).post(url, payload)
    assert response.status_code == 200
    assert message in text(response)
    assert CommitteeMembership.objects.count() == before


def test_councillor_outside_the_list_cannot_be_posted(world, planning, client_for):
    """Someone who is not a councillor in office is not on offer, even by a crafted POST."""
    url = reverse("committees:membership_create", args=[planning.pk])
    response = client_for(world.democratic).post(
        url, {"councillor": world.support.pk, "role": "member", "start_date": "2026-01-05"}
    )
    assert response.status_code == 200
    assert "Select a councillor from the list" in text(response)


@pytest.mark.parametrize(
    "data,message",
    [
        ({"name": ""}, "Enter the committee's name"),
        ({"name": "x" * 151}, "Ensure this value has at most 150 characters"),
        ({"kind": "nonsense"}, "Select the type of committee"),
        ({"name": "planning committee"}, "A committee with this name already exists"),
    ],
)
def test_committee_form_nonsense(world, planning, client_for, data, message):
    payload = {"name": "Audit", "kind": "other", "is_active": "on", **data}
    response = client_for(world.democratic).post(reverse("committees:committee_create"), payload)
    assert response.status_code == 200
    assert message in text(response)
    assert Committee.objects.count() == 1


def test_closing_a_committee_with_members_shows_a_clear_error(world, planning, client_for):
    url = reverse("committees:committee_update", args=[planning.pk])
    response = client_for(world.democratic).post(
        url, {"name": planning.name, "kind": planning.kind, "requires_training": "on"}
    )
    assert response.status_code == 200
    assert "End the committee's 4 continuing memberships before closing it" in text(response)


def test_change_role_page(world, planning, client_for):
    membership = CommitteeMembership.objects.get(committee=planning, councillor=world.other)
    url = reverse("committees:membership_change", args=[membership.pk])
    browser = client_for(world.democratic)
    response = browser.post(url, {"role": "member", "start_date": "2026-01-05"})
    assert "Select a different role" in text(response)
    response = browser.post(url, {"role": "substitute", "start_date": "2026-01-05"})
    assert response.status_code == 302
    rows = CommitteeMembership.objects.filter(committee=planning, councillor=world.other)
    assert sorted((m.role, m.end_date) for m in rows) == [
        ("member", D(2026, 1, 4)),
        ("substitute", None),
    ]


# --- Cabinet -------------------------------------------------------------------------------


def test_cabinet_page(world, client_for):
    cabinet = CommitteeFactory(name="Cabinet", kind=CommitteeKind.CABINET)
    MembershipFactory(committee=cabinet, councillor=world.councillor, role="chair")
    MembershipFactory(committee=cabinet, councillor=world.colleague, role="vice_chair")
    leader = PortfolioFactory(
        title="Leader: Strategy",
        sort_order=1,
        responsibilities="Corporate strategy and partnerships.",
    )
    HoldingFactory(portfolio=leader, councillor=world.councillor)
    housing = PortfolioFactory(title="Housing", sort_order=5)
    HoldingFactory(
        portfolio=housing, councillor=world.whip, start_date=D(2025, 5, 1), end_date=D(2025, 9, 30)
    )
    HoldingFactory(portfolio=housing, councillor=world.colleague, start_date=D(2025, 10, 1))
    PortfolioFactory(title="Retired Portfolio", is_active=False)
    content = text(client_for(world.support).get(reverse("committees:cabinet")))
    leadership = content.split("data-leadership")[1].split("</dl>")[0]
    assert world.councillor.full_name in leadership.split("Deputy Leader")[0]
    assert world.colleague.full_name in leadership.split("Deputy Leader")[1]
    assert content.index("Leader: Strategy") < content.index("Housing")
    assert "Corporate strategy and partnerships." in content
    card = content.split(f'data-portfolio="{housing.pk}"')[1].split('govuk-summary-card"')[0]
    assert world.colleague.full_name in card
    assert "Previously" in card and world.whip.full_name in card
    assert "Retired Portfolio" not in content
    manager_view = text(client_for(world.democratic).get(reverse("committees:cabinet")))
    assert "Retired Portfolio" in manager_view


def test_councillor_detail_names_the_leader(world, client_for):
    cabinet = CommitteeFactory(name="Cabinet", kind=CommitteeKind.CABINET)
    MembershipFactory(committee=cabinet, councillor=world.councillor, role="chair")
    content = text(
        client_for(world.other).get(
            reverse("committees:councillor_detail", args=[world.councillor.pk])
        )
    )
    assert "Leader of the Council" in content


@pytest.mark.parametrize(
    "data,message",
    [
        ({"sort_order": "abc"}, "Order must be a whole number"),
        ({"sort_order": "-3"}, "Order must be a whole number between 0 and 999"),
        ({"sort_order": "100000"}, "Order must be a whole number between 0 and 999"),
        ({"title": ""}, "Enter the portfolio's title"),
    ],
)
def test_portfolio_form_nonsense(world, client_for, data, message):
    payload = {"title": "Highways", "responsibilities": "Roads", "sort_order": "3", **data}
    response = client_for(world.democratic).post(reverse("committees:portfolio_create"), payload)
    assert response.status_code == 200
    assert message in text(response)


def test_appoint_holder_requires_replace(world, client_for):
    holding = HoldingFactory(councillor=world.councillor)
    url = reverse("committees:holding_create", args=[holding.portfolio.pk])
    browser = client_for(world.democratic)
    response = browser.post(url, {"councillor": world.colleague.pk, "start_date": "2026-01-05"})
    assert response.status_code == 200
    assert f"{world.councillor.full_name} holds this portfolio" in text(response)
    response = browser.post(
        url,
        {"councillor": world.colleague.pk, "start_date": "2026-01-05", "replace_holder": "on"},
    )
    assert response.status_code == 302
    assert PortfolioHolding.objects.get(pk=holding.pk).end_date == D(2026, 1, 4)


# --- query counts --------------------------------------------------------------------------


def _more_councillors(world, count):
    for _ in range(count):
        person = CouncillorFactory(profile__ward=world.ward_b)
        ContactFactory(councillor=person)


def test_councillor_list_query_count_does_not_grow(
    world, client_for, django_assert_max_num_queries
):
    browser = client_for(world.councillor)
    url = reverse("committees:councillor_list")
    with django_assert_max_num_queries(30) as first:
        browser.get(url)
    _more_councillors(world, 12)
    with django_assert_max_num_queries(len(first.captured_queries)):
        response = browser.get(url)
    assert text(response).count("data-councillor=") == 5 + 12


def test_committee_list_query_count_does_not_grow(world, client_for, django_assert_max_num_queries):
    browser = client_for(world.councillor)
    url = reverse("committees:committee_list")
    committee = CommitteeFactory()
    MembershipFactory(committee=committee, role="chair")
    with django_assert_max_num_queries(30) as first:
        browser.get(url)
    for _ in range(8):
        committee = CommitteeFactory()
        MembershipFactory(committee=committee, role="chair")
        MembershipFactory(committee=committee)
        MembershipFactory(committee=committee, role="substitute")
    with django_assert_max_num_queries(len(first.captured_queries)):
        response = browser.get(url)
    assert text(response).count("data-committee=") == 9


def test_committee_detail_query_count_does_not_grow(
    world, client_for, django_assert_max_num_queries
):
    browser = client_for(world.councillor)
    committee = CommitteeFactory()
    MembershipFactory(committee=committee, role="chair")
    url = reverse("committees:committee_detail", args=[committee.pk])
    with django_assert_max_num_queries(30) as first:
        browser.get(url)
    for _ in range(10):
        MembershipFactory(committee=committee)
        MembershipFactory(committee=committee, end_date=D(2025, 12, 31))
    with django_assert_max_num_queries(len(first.captured_queries)):
        browser.get(url)


def test_cabinet_query_count_does_not_grow(world, client_for, django_assert_max_num_queries):
    browser = client_for(world.councillor)
    HoldingFactory()
    url = reverse("committees:cabinet")
    with django_assert_max_num_queries(30) as first:
        browser.get(url)
    for _ in range(8):
        HoldingFactory()
    with django_assert_max_num_queries(len(first.captured_queries)):
        browser.get(url)
