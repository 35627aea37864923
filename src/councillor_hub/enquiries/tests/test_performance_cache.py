"""The performance report is reused for a few minutes (issue 7) and says when it was counted."""

import pytest
from django.core.cache import caches
from django.test import override_settings
from django.urls import reverse

from .factories import EnquiryFactory


@pytest.fixture(autouse=True)
def _empty_cache():
    caches["reports"].clear()
    yield
    caches["reports"].clear()


def _body(response) -> str:
    text = response.content.decode()
    return text[text.index('<div class="govuk-grid-row">') : text.index("</main>")]


@override_settings(ENQUIRY_PERFORMANCE_CACHE_SECONDS=300)
def test_the_report_is_reused_until_it_expires(world, client_for):
    client = client_for(world.support)
    url = reverse("enquiries:performance")
    EnquiryFactory(member=world.councillor)
    first = client.get(url)
    assert first.context["report"].total == 1
    assert "counted again at most every 5 minutes" in first.content.decode()
    EnquiryFactory(member=world.councillor)
    again = client.get(url)
    assert again.context["report"].total == 1  # the same counted figures
    # ... and the same drawn page (kept with the report), word for word.
    assert _body(again) == _body(first)
    assert "Enquiries received" in _body(again)
    # Other filters are counted on their own.
    other = client.get(url, {"date_from": "2000-01-01"})
    assert other.context["report"].total == 2
    caches["reports"].clear()  # as when the five minutes are up
    assert client.get(url).context["report"].total == 2


@override_settings(ENQUIRY_PERFORMANCE_CACHE_SECONDS=300)
def test_a_kept_page_does_not_build_its_tables_again(world, client_for, monkeypatch):
    from councillor_hub.enquiries.views.performance import PerformanceView

    built = []
    original = PerformanceView.drawn_tables

    def counting(self, report):
        built.append(report)
        return original(self, report)

    monkeypatch.setattr(PerformanceView, "drawn_tables", counting)
    client = client_for(world.support)
    url = reverse("enquiries:performance")
    EnquiryFactory(member=world.councillor)
    first = client.get(url)
    again = client.get(url)
    assert _body(again) == _body(first) and "Enquiries received" in _body(again)
    assert len(built) == 1  # drawn for the first view only


@override_settings(ENQUIRY_PERFORMANCE_CACHE_SECONDS=0)
def test_no_reuse_when_turned_off(world, client_for):
    client = client_for(world.support)
    url = reverse("enquiries:performance")
    EnquiryFactory(member=world.councillor)
    assert client.get(url).context["report"].total == 1
    EnquiryFactory(member=world.councillor)
    response = client.get(url)
    assert response.context["report"].total == 2
    assert "counted again" not in response.content.decode()


def test_long_tables_show_the_first_rows_and_downloads_have_all(world, client_for):
    from councillor_hub.accounts.tests.factories import CouncillorFactory
    from councillor_hub.enquiries.views.performance import SCREEN_ROWS

    members = [CouncillorFactory() for _ in range(SCREEN_ROWS + 3)]
    for member in members:
        EnquiryFactory(member=member)
    client = client_for(world.support)
    page = client.get(reverse("enquiries:performance"))
    table = next(t for t in page.context["tables"] if t.slug == "member")
    assert len(table.rows) == SCREEN_ROWS and table.row_count == SCREEN_ROWS + 3
    assert f"Showing the first {SCREEN_ROWS} of {SCREEN_ROWS + 3}" in page.content.decode()
    printed = client.get(reverse("enquiries:performance"), {"print": "1"})
    assert all(m.full_name in printed.content.decode() for m in members)
    csv_text = client.get(reverse("enquiries:performance_export", args=["csv"])).content.decode()
    assert all(m.full_name in csv_text for m in members)


def test_a_range_with_no_enquiries_gives_an_empty_report(world, client_for):
    EnquiryFactory(member=world.councillor)
    response = client_for(world.support).get(
        reverse("enquiries:performance"), {"date_from": "1995-01-01", "date_to": "1995-12-31"}
    )
    assert response.status_code == 200
    assert response.context["report"].total == 0
    assert response.context["report"].by_month == []


@override_settings(ENQUIRY_PERFORMANCE_CACHE_SECONDS=300)
def test_the_sweep_counts_the_council_wide_report_ahead(world, client_for):
    from django.core.management import call_command

    EnquiryFactory(member=world.councillor)
    call_command("enquiries_sweep", verbosity=0)
    EnquiryFactory(member=world.councillor)  # after the count: shown at the next sweep
    response = client_for(world.support).get(reverse("enquiries:performance"))
    assert response.context["report"].total == 1
    call_command("enquiries_sweep", verbosity=0)
    assert (
        client_for(world.support).get(reverse("enquiries:performance")).context["report"].total == 2
    )
