"""The patterns page: counts of a councillor's own casework by category, ward, channel and
month, drawn as an accessible chart with the same figures in a table."""

import datetime
import html as html_lib
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from councillor_hub.accounts.tests.factories import ServiceAreaFactory
from councillor_hub.casework.models import Channel, Status
from councillor_hub.casework.selectors.cases import case_patterns

from .factories import CaseFactory, CaseShareFactory, DelegateGrantFactory

PATTERNS_URL = reverse("casework:patterns")

CHART_ROW = re.compile(
    r'<g data-label="([^"]*)" data-count="(\d+)">\s*<text[^>]*>[^<]*</text>\s*'
    r"<rect[^>]*></rect>\s*<text[^>]*>(\d+)</text>"
)
TABLE_ROW = re.compile(
    r'<th scope="row" class="govuk-table__header">([^<]*)</th>\s*'
    r'<td class="govuk-table__cell govuk-table__cell--numeric">(\d+)</td>'
)


def section(page: str, slug: str) -> str:
    return page.split(f'id="pattern-{slug}"')[1].split("</section>")[0]


def chart_figures(page: str, slug: str) -> list[tuple[str, int]]:
    figures = []
    for label, count, shown in CHART_ROW.findall(section(page, slug)):
        assert count == shown
        figures.append((html_lib.unescape(label), int(count)))
    return figures


def table_figures(page: str, slug: str) -> list[tuple[str, int]]:
    return [
        (html_lib.unescape(label), int(count))
        for label, count in TABLE_ROW.findall(section(page, slug))
    ]


def month_start(today: datetime.date, back: int) -> datetime.date:
    year, month = today.year, today.month - back
    while month < 1:
        year, month = year - 1, month + 12
    return datetime.date(year, month, 1)


def opened(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(day.year, day.month, day.day, 12))


@pytest.fixture
def housing(db):
    return ServiceAreaFactory(name="Housing", slug="housing")


@pytest.fixture
def known_cases(world, housing):
    """Five cases of the councillor's in a known pattern, plus cases that must not count."""
    today = timezone.localdate()
    this_month = opened(today)
    last_month = opened(month_start(today, 1) + datetime.timedelta(days=9))
    long_ago = opened(month_start(today, 14))
    make = CaseFactory
    make(
        owner=world.councillor,
        category=world.highways,
        ward=world.ward_a,
        channel=Channel.EMAIL,
        opened_at=this_month,
    )
    make(
        owner=world.councillor,
        category=world.highways,
        ward=world.ward_a,
        channel=Channel.PHONE,
        opened_at=this_month,
    )
    make(
        owner=world.councillor,
        category=world.highways,
        ward=world.ward_b,
        channel=Channel.EMAIL,
        opened_at=last_month,
        status=Status.CLOSED,
    )
    make(
        owner=world.councillor,
        category=housing,
        ward=None,
        channel=Channel.SURGERY,
        opened_at=last_month,
    )
    make(
        owner=world.councillor,
        category=housing,
        ward=world.ward_a,
        channel=Channel.EMAIL,
        opened_at=long_ago,
    )
    # Not the councillor's own: another councillor's, and a colleague's shared with them.
    make(owner=world.other, category=housing, ward=world.ward_b, opened_at=this_month)
    shared = make(owner=world.colleague, category=housing, opened_at=this_month)
    CaseShareFactory(case=shared, colleague=world.councillor)
    return today


def test_patterns_selector_counts(world, known_cases):
    today = known_cases
    patterns = case_patterns(user=world.councillor)

    assert patterns.total == 5
    assert [(f.label, f.count) for f in patterns.by_category] == [("Highways", 3), ("Housing", 2)]
    assert [(f.label, f.count) for f in patterns.by_ward] == [
        ("Abbey", 3),
        ("Brookside", 1),
        ("No ward recorded", 1),
    ]
    assert [(f.label, f.count) for f in patterns.by_channel] == [
        ("Email", 3),
        ("Phone", 1),
        ("Surgery", 1),
    ]
    months = [(f.label, f.count) for f in patterns.by_month]
    assert len(months) == 12
    assert months[-1] == (today.strftime("%B %Y"), 2)
    assert months[-2] == (month_start(today, 1).strftime("%B %Y"), 2)
    assert sum(count for _, count in months) == 4  # the case from 14 months ago is older


def test_patterns_status_and_date_filters(world, known_cases):
    today = known_cases
    assert case_patterns(user=world.councillor, statuses=["closed"]).total == 1
    assert case_patterns(user=world.councillor, statuses=["banana"]).total == 5
    recent = case_patterns(user=world.councillor, date_from=month_start(today, 0))
    assert recent.total == 2
    assert case_patterns(user=world.councillor, date_to=month_start(today, 12)).total == 1


def name_owners(world):
    """Fix the order delegates see their councillors in (by name)."""
    world.councillor.full_name = "Alice Able"
    world.councillor.save()
    world.independent.full_name = "Zoe Zed"
    world.independent.save()


def test_patterns_for_delegate_and_owner_choice(world, known_cases):
    assert case_patterns(user=world.delegate).total == 5

    name_owners(world)
    DelegateGrantFactory(councillor=world.independent, delegate=world.delegate)
    CaseFactory(owner=world.independent)
    assert case_patterns(user=world.delegate, owner_id=world.independent.pk).total == 1
    assert case_patterns(user=world.delegate, owner_id=world.councillor.pk).total == 5
    # An owner the delegate does not act for falls back to the first they do.
    assert case_patterns(user=world.delegate, owner_id=world.other.pk).total == 5


def test_colleague_patterns_exclude_shared_cases(world, known_cases):
    assert case_patterns(user=world.colleague).total == 1
    assert case_patterns(user=world.other).total == 1
    assert case_patterns(user=world.highways_officer).total == 0


def test_page_table_and_chart_show_same_figures(councillor_client, world, known_cases):
    page = councillor_client.get(PATTERNS_URL).content.decode()

    expected = {
        "category": [("Highways", 3), ("Housing", 2)],
        "ward": [("Abbey", 3), ("Brookside", 1), ("No ward recorded", 1)],
        "channel": [("Email", 3), ("Phone", 1), ("Surgery", 1)],
    }
    for slug, figures in expected.items():
        assert table_figures(page, slug) == figures
        assert chart_figures(page, slug) == figures
    months = table_figures(page, "month")
    assert len(months) == 12
    assert chart_figures(page, "month") == months
    assert months[-1][1] == 2
    assert "5 cases counted." in page


def test_chart_is_accessible_and_has_no_inline_styles(councillor_client, world, known_cases):
    page = councillor_client.get(PATTERNS_URL).content.decode()

    assert 'style="' not in page
    assert "<style" not in page
    assert page.count('<svg class="app-chart" role="img"') == 4
    for slug in ["category", "ward", "channel", "month"]:
        assert f'aria-labelledby="chart-{slug}-title chart-{slug}-desc"' in page
        assert f'<title id="chart-{slug}-title">' in page
    assert page.count("<caption") == 4
    # The longest bar fills the space; others are in proportion.
    category = section(page, "category")
    assert re.findall(r'<rect [^>]*width="(\d+)"', category) == ["360", "240"]


def test_status_filter_through_query_string(councillor_client, world, known_cases):
    page = councillor_client.get(PATTERNS_URL, {"status": "closed"}).content.decode()

    assert "1 case counted." in page
    assert table_figures(page, "category") == [("Highways", 1)]


@pytest.mark.parametrize("role", ["councillor", "delegate", "colleague", "mp"])
def test_patterns_page_for_casework_people(world, client_for, role):
    assert client_for(getattr(world, role)).get(PATTERNS_URL).status_code == 200


@pytest.mark.parametrize("role", ["support", "highways_officer", "manager", "democratic", "admin"])
def test_patterns_page_404_for_others(world, client_for, role):
    assert client_for(getattr(world, role)).get(PATTERNS_URL).status_code == 404


def test_delegate_of_several_chooses_councillor(client_for, world, known_cases):
    name_owners(world)
    DelegateGrantFactory(councillor=world.independent, delegate=world.delegate)
    CaseFactory(owner=world.independent)
    client = client_for(world.delegate)

    first = client.get(PATTERNS_URL).content.decode()
    chosen = client.get(PATTERNS_URL, {"owner": world.independent.pk}).content.decode()
    refused = client.get(PATTERNS_URL, {"owner": world.other.pk})

    assert 'name="owner"' in first
    assert "5 cases counted." in first
    assert "1 case counted." in chosen
    assert world.independent.full_name in chosen
    assert refused.status_code == 200
    assert "Select a councillor from the list" in refused.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        {"date_from": "banana", "date_to": "2026-02-30"},
        {"date_from": "0001-01-01", "date_to": "0001-01-01"},
        {"date_from": "2026-05-01", "date_to": "2026-01-01"},
        {"date_to": "9999-12-31"},
        {"status": ["closed", "\x00"], "owner": "drop table"},
    ],
)
def test_nonsense_parameters_never_fail(councillor_client, world, known_cases, query):
    response = councillor_client.get(PATTERNS_URL, query)

    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()


@pytest.mark.parametrize("count", [5, 50])
def test_patterns_query_count_does_not_grow(
    councillor_client, world, housing, django_assert_max_num_queries, count
):
    for index in range(count):
        CaseFactory(
            owner=world.councillor,
            category=housing if index % 2 else world.highways,
            ward=world.ward_a if index % 3 else world.ward_b,
            channel=Channel.values[index % len(Channel.values)],
            opened_at=timezone.now() - datetime.timedelta(days=index * 9),
        )

    with django_assert_max_num_queries(18):
        response = councillor_client.get(PATTERNS_URL)
    assert response.status_code == 200
