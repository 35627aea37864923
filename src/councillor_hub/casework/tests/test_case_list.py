"""The "My cases" selector and view: filters, search, sorting, pagination, who sees what, bad
input, and a query count that does not grow with the number of cases."""

import datetime
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from councillor_hub.accounts.tests.factories import ServiceAreaFactory, UserFactory
from councillor_hub.casework.models import Priority, Status
from councillor_hub.casework.selectors.cases import case_list

from .factories import (
    CaseFactory,
    CaseShareFactory,
    ConstituentFactory,
    DelegateGrantFactory,
    TimelineEntryFactory,
)

LIST_URL = reverse("casework:case_list")


def refs(queryset) -> list[str]:
    return [case.reference for case in queryset]


def listed(world, user=None, **filters) -> set[str]:
    return set(refs(case_list(user=user or world.councillor, filters=filters)))


@pytest.fixture
def parks(db):
    return ServiceAreaFactory(name="Parks and open spaces", slug="parks-and-open-spaces")


@pytest.fixture
def cases(world, parks):
    """Three cases of the councillor's, one of another councillor's."""
    today = timezone.localdate()
    ada = ConstituentFactory(owner=world.councillor, first_name="Ada", last_name="Lovelace")
    bob = ConstituentFactory(owner=world.councillor, first_name="Bob", last_name="Marley")
    pothole = CaseFactory(
        owner=world.councillor,
        title="Pothole on Mill Lane",
        description="Deep hole near the school gates",
        category=world.highways,
        ward=world.ward_a,
        status=Status.OPEN,
        priority=Priority.HIGH,
        follow_up_date=today - datetime.timedelta(days=3),
        constituents=[ada, bob],
        opened_at=timezone.now() - datetime.timedelta(days=10),
    )
    bins = CaseFactory(
        owner=world.councillor,
        title="Missed bin collection",
        description="Recycling not collected for three weeks",
        category=parks,
        ward=world.ward_b,
        status=Status.AWAITING_COUNCIL,
        priority=Priority.URGENT,
        follow_up_date=today + datetime.timedelta(days=3),
        constituents=[bob],
        opened_at=timezone.now() - datetime.timedelta(days=5),
    )
    closed = CaseFactory(
        owner=world.councillor,
        title="Broken swing",
        description="",
        category=parks,
        ward=world.ward_a,
        status=Status.CLOSED,
        priority=Priority.LOW,
        follow_up_date=today - datetime.timedelta(days=30),
        opened_at=timezone.now() - datetime.timedelta(days=20),
    )
    theirs = CaseFactory(
        owner=world.other,
        title="Pothole on Other Road",
        category=world.highways,
        ward=world.ward_b,
        constituents=[ConstituentFactory(owner=world.other, first_name="Ada", last_name="Other")],
    )
    return {"pothole": pothole, "bins": bins, "closed": closed, "theirs": theirs}


# Selector: filters --------------------------------------------------------------------------


def test_lists_only_visible_cases(world, cases):
    assert listed(world) == {c.reference for k, c in cases.items() if k != "theirs"}
    assert listed(world, world.other) == {cases["theirs"].reference}


def test_other_councillor_sees_none_of_ours(world, cases):
    assert cases["pothole"].reference not in listed(world, world.other)
    assert listed(world, world.independent) == set()


def test_filter_by_one_status(world, cases):
    assert listed(world, status="open") == {cases["pothole"].reference}


def test_filter_by_several_statuses(world, cases):
    assert listed(world, status=["open", "closed"]) == {
        cases["pothole"].reference,
        cases["closed"].reference,
    }


def test_unknown_status_is_ignored(world, cases):
    assert listed(world, status=["banana"]) == listed(world)


def test_filter_by_category_slug_and_id(world, cases, parks):
    expected = {cases["bins"].reference, cases["closed"].reference}
    assert listed(world, category=parks.slug) == expected
    assert listed(world, category=str(parks.pk)) == expected
    assert listed(world, category="no-such-thing") == set()


def test_filter_by_ward(world, cases):
    assert listed(world, ward=world.ward_b.pk) == {cases["bins"].reference}
    assert listed(world, ward="not-a-number") == listed(world)


def test_filter_follow_up_due_overdue_and_week(world, cases):
    today = timezone.localdate()
    due_today = CaseFactory(owner=world.councillor, follow_up_date=today)

    # The closed case's follow-up date has passed, but closed cases need no follow-up.
    assert listed(world, follow_up="due") == {cases["pothole"].reference, due_today.reference}
    assert listed(world, follow_up="overdue") == {cases["pothole"].reference}
    assert listed(world, follow_up="week") == {cases["bins"].reference, due_today.reference}


def test_owner_filter_for_delegate_of_several(world, cases):
    second = world.independent
    DelegateGrantFactory(councillor=second, delegate=world.delegate)
    theirs = CaseFactory(owner=second)
    everything = listed(world, world.delegate)
    assert theirs.reference in everything
    assert cases["pothole"].reference in everything

    assert listed(world, world.delegate, owner=second.pk) == {theirs.reference}
    # Someone the delegate does not act for is not a filter they can use.
    assert listed(world, world.delegate, owner=world.other.pk) == everything


def test_shared_filter(world, cases):
    mine = CaseFactory(owner=world.colleague)
    CaseShareFactory(case=cases["pothole"], colleague=world.colleague)

    assert listed(world, world.colleague, shared="shared") == {cases["pothole"].reference}
    assert listed(world, world.colleague, shared="mine") == {mine.reference}
    assert listed(world, world.colleague) == {mine.reference, cases["pothole"].reference}


# Selector: text search ----------------------------------------------------------------------


def test_search_title_and_description(world, cases):
    assert listed(world, q="pothole") == {cases["pothole"].reference}
    assert listed(world, q="RECYCLING") == {cases["bins"].reference}


def test_search_by_constituent_name(world, cases):
    assert listed(world, q="lovelace") == {cases["pothole"].reference}
    assert listed(world, q="Marley") == {cases["pothole"].reference, cases["bins"].reference}


def test_search_words_in_either_order(world, cases):
    assert listed(world, q="Ada Lovelace") == {cases["pothole"].reference}
    assert listed(world, q="lovelace ada") == {cases["pothole"].reference}
    # Words may match different places: a name and the title.
    assert listed(world, q="marley bin") == {cases["bins"].reference}


def test_search_every_word_must_match(world, cases):
    assert listed(world, q="pothole zebra") == set()


def test_search_by_reference(world, cases):
    assert listed(world, q=cases["bins"].reference.lower()) == {cases["bins"].reference}


def test_search_does_not_reach_other_councillors_constituents(world, cases):
    assert listed(world, q="Other") == set()


# Selector: sorting --------------------------------------------------------------------------


def test_sorts(world, cases):
    pothole, bins, closed = (cases[k].reference for k in ("pothole", "bins", "closed"))

    def order(sort):
        return refs(case_list(user=world.councillor, filters={"sort": sort}))

    assert order("newest") == [bins, pothole, closed]
    assert order("oldest") == [closed, pothole, bins]
    assert order("follow_up") == [closed, pothole, bins]
    assert order("priority") == [bins, pothole, closed]
    assert order("reference") == sorted([pothole, bins, closed])
    assert order("drop table") == order("newest")


def test_recently_updated_sort(world, cases):
    from councillor_hub.casework.models import Case

    Case.unrestricted.filter(pk=cases["closed"].pk).update(
        updated_at=timezone.now() + datetime.timedelta(minutes=5)
    )
    assert refs(case_list(user=world.councillor, filters={"sort": "updated"}))[0] == (
        cases["closed"].reference
    )


# Selector: sharing and delegation -----------------------------------------------------------


def test_shared_case_appears_for_colleague_until_revoked(world, cases):
    share = CaseShareFactory(case=cases["pothole"], colleague=world.colleague)
    assert listed(world, world.colleague) == {cases["pothole"].reference}

    share.revoked_at = timezone.now()
    share.save()
    assert listed(world, world.colleague) == set()


def test_delegate_sees_councillors_cases(world, cases):
    assert listed(world, world.delegate) == listed(world)


def test_revoked_delegate_sees_nothing(world, cases):
    from councillor_hub.casework.models import DelegateGrant

    DelegateGrant.unrestricted.filter(delegate=world.delegate).update(revoked_at=timezone.now())
    assert listed(world, world.delegate) == set()


# View ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["councillor", "delegate", "colleague", "mp"])
def test_list_page_for_casework_people(world, cases, client_for, role):
    response = client_for(getattr(world, role)).get(LIST_URL)

    assert response.status_code == 200
    assert "My cases" in response.content.decode()


@pytest.mark.parametrize("role", ["support", "highways_officer", "manager", "democratic", "admin"])
def test_list_page_404_for_people_without_casework(world, cases, client_for, role):
    response = client_for(getattr(world, role)).get(LIST_URL)

    assert response.status_code == 404


def test_anonymous_is_sent_to_sign_in(client, world):
    response = client.get(LIST_URL)

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_list_shows_row_columns(councillor_client, world, cases):
    html = councillor_client.get(LIST_URL).content.decode()

    assert "3 cases" in html
    assert cases["pothole"].reference in html
    assert "Pothole on Mill Lane" in html
    assert "Ada Lovelace (+1 more)" in html
    assert "Parks and open spaces" in html
    assert "Brookside" in html
    assert "Awaiting council" in html
    assert "Urgent" in html
    assert "Overdue" in html
    assert cases["theirs"].reference not in html
    assert "<caption" in html


def test_list_never_shows_sensitive_notes_or_descriptions(councillor_client, world, cases):
    TimelineEntryFactory(
        case=cases["pothole"], body="Diagnosed with a heart condition", is_sensitive=True
    )
    TimelineEntryFactory(case=cases["pothole"], body="Called the highways team")

    html = councillor_client.get(LIST_URL, {"q": "heart"}).content.decode()
    assert "heart condition" not in html
    html = councillor_client.get(LIST_URL).content.decode()
    assert "heart condition" not in html
    assert "Called the highways team" not in html
    assert "Deep hole near the school gates" not in html


def test_list_never_shows_constituent_contact_details(councillor_client, world, cases):
    ada = cases["pothole"].constituents.get(first_name="Ada")
    html = councillor_client.get(LIST_URL).content.decode()

    assert ada.email not in html
    assert ada.phone not in html


def test_filters_through_query_string(councillor_client, world, cases, parks):
    query = urlencode({"status": ["open", "awaiting_council"], "category": parks.slug}, doseq=True)
    html = councillor_client.get(f"{LIST_URL}?{query}").content.decode()

    assert "1 case" in html
    assert cases["bins"].reference in html
    assert cases["pothole"].reference not in html
    assert "Clear filters" in html


def test_search_through_query_string(councillor_client, world, cases):
    html = councillor_client.get(LIST_URL, {"q": "lovelace ada"}).content.decode()

    assert cases["pothole"].reference in html
    assert cases["bins"].reference not in html


def test_nonsense_parameters_are_ignored(councillor_client, world, cases):
    response = councillor_client.get(
        LIST_URL, {"status": "banana", "page": "-3", "sort": "drop table", "ward": "x"}
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "3 cases" in html
    assert "Select a status from the list" in html
    assert "Filters we did not recognise have been ignored." in html


def test_pagination_25_per_page_and_bad_pages(councillor_client, world):
    for _ in range(30):
        CaseFactory(owner=world.councillor)

    first = councillor_client.get(LIST_URL).content.decode()
    assert "30 cases" in first
    assert first.count('class="govuk-table__row"') == 26  # header + 25
    assert "Page 1 of 2" in first

    for page, expected in [("2", "Page 2 of 2"), ("99", "Page 2 of 2"), ("abc", "Page 1 of 2")]:
        response = councillor_client.get(LIST_URL, {"page": page})
        assert response.status_code == 200
        assert expected in response.content.decode()

    last = councillor_client.get(LIST_URL, {"page": "2"}).content.decode()
    assert last.count('class="govuk-table__row"') == 6


def test_pagination_keeps_filters(councillor_client, world):
    for _ in range(30):
        CaseFactory(owner=world.councillor, status=Status.OPEN)

    html = councillor_client.get(LIST_URL, {"status": "open"}).content.decode()
    assert "?status=open&amp;page=2" in html


def test_owner_choice_only_for_delegate_of_several(client_for, world):
    DelegateGrantFactory(councillor=world.independent, delegate=world.delegate)
    CaseFactory(owner=world.independent)

    delegate_html = client_for(world.delegate).get(LIST_URL).content.decode()
    councillor_html = client_for(world.councillor).get(LIST_URL).content.decode()

    assert 'name="owner"' in delegate_html
    assert 'name="owner"' not in councillor_html


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    params=st.lists(
        st.tuples(
            st.sampled_from(
                ["status", "category", "ward", "owner", "follow_up", "shared", "q", "sort"]
                + ["page", "x", "status[]"]
            ),
            st.text(st.characters(exclude_categories=("Cs",)), max_size=30),
        ),
        max_size=8,
    )
)
def test_random_query_strings_never_fail(councillor_client, cases, params):
    response = councillor_client.get(f"{LIST_URL}?{urlencode(params)}")

    assert response.status_code < 500


@pytest.mark.parametrize("count", [5, 50])
def test_list_query_count_does_not_grow(
    councillor_client, world, django_assert_max_num_queries, count, parks
):
    for index in range(count):
        constituents = [ConstituentFactory(owner=world.councillor) for _ in range(2)]
        CaseFactory(
            owner=world.councillor,
            category=parks if index % 2 else world.highways,
            ward=world.ward_a,
            constituents=constituents,
        )

    with django_assert_max_num_queries(16):
        response = councillor_client.get(LIST_URL, {"q": "pothole", "sort": "priority"})
    assert response.status_code == 200


def test_list_query_count_for_delegate(client_for, world, django_assert_max_num_queries):
    second = UserFactory(roles=["councillor"])
    DelegateGrantFactory(councillor=second, delegate=world.delegate)
    for _ in range(30):
        CaseFactory(owner=world.councillor, constituents=[ConstituentFactory()])
    client = client_for(world.delegate)

    with django_assert_max_num_queries(17):
        response = client.get(LIST_URL, {"owner": second.pk})
    assert response.status_code == 200


def test_filter_panel_is_a_plain_get_form(councillor_client, world, cases):
    html = councillor_client.get(LIST_URL).content.decode()

    assert f'<form method="get" action="{LIST_URL}"' in html
    assert "Apply filters" in html
    # No security token in a GET form: it would end up in the address bar and logs.
    filter_form = html.split(f'<form method="get" action="{LIST_URL}"')[1].split("</form>")[0]
    assert "csrfmiddlewaretoken" not in filter_form
    assert 'style="' not in html


def test_ward_filter_offers_the_wards_of_visible_cases_only(world, councillor_client):
    from councillor_hub.accounts.tests.factories import WardFactory

    elsewhere = WardFactory(name="Zetland")  # nobody's case is there
    CaseFactory(owner=world.councillor, ward=world.ward_a)
    CaseFactory(owner=world.other, ward=world.ward_b)  # not the councillor's
    form = councillor_client.get(reverse("casework:case_list")).context["form"]
    offered = dict(form.fields["ward"].choices)
    assert offered.get(str(world.ward_a.pk)) == world.ward_a.name
    assert str(world.ward_b.pk) not in offered
    assert str(elsewhere.pk) not in offered
