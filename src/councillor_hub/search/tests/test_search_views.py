"""The search results page and the header search box."""

from __future__ import annotations

import pytest
from django.urls import reverse

from councillor_hub.search.views.search import PAGE_SIZE

from .conftest import make_officer

URL = reverse("search:search")


def test_results_page(hub, councillor_client):
    response = councillor_client.get(URL, {"q": "hihgways"})
    page = response.content.decode()
    assert '<h1 class="govuk-heading-l">7 results for ‘hihgways’</h1>' in page
    assert "Showing results for <strong>highways</strong>" in page
    assert f'href="/directory/officers/{hub.engineer.pk}/"' in page
    assert "<mark>highways</mark>" in page
    assert "Officers (2)" in page and "FAQs (2)" in page and "Documents (1)" in page
    assert "Councillors (" not in page  # kinds without results are not offered
    assert "<title>Search results for ‘hihgways’ – Councillor Hub</title>" in page
    assert 'id="header-search"' not in page  # one search box on the search page


def test_filter_by_kind(hub, councillor_client):
    page = councillor_client.get(URL, {"q": "highways", "kind": "officer"}).content.decode()
    assert "2 results for ‘highways’ in Officers" in page
    assert "Priya Smith" in page and "How do I report a pothole?" not in page
    assert '<strong aria-current="page">Officers (2)</strong>' in page
    assert "All results (7)" in page


def test_unknown_kind_is_ignored(hub, councillor_client):
    page = councillor_client.get(URL, {"q": "highways", "kind": "casework"}).content.decode()
    assert "7 results for ‘highways’" in page


def test_empty_search(hub, councillor_client):
    page = councillor_client.get(URL).content.decode()
    assert '<h1 class="govuk-heading-l">Search</h1>' in page
    assert "no matching results" not in page
    assert '<label class="govuk-label govuk-label--s" for="search-q">' in page


def test_no_results(hub, councillor_client):
    page = councillor_client.get(URL, {"q": "xylophone"}).content.decode()
    assert "0 results for ‘xylophone’" in page
    assert "There are no matching results." in page
    assert "Showing results for" not in page


def test_results_are_escaped(hub, councillor_client):
    make_officer("<b>Bold</b> Quimby", '<script>alert("x")</script> culvert <img src=x>')
    page = councillor_client.get(URL, {"q": "<script> culvert"}).content.decode()
    assert "<script>alert" not in page
    assert "<img src=x>" not in page
    assert "<b>Bold</b>" not in page
    assert "&lt;b&gt;Bold&lt;/b&gt; Quimby" in page
    assert (
        "&lt;<mark>script</mark>&gt;alert(&quot;x&quot;)&lt;/<mark>script</mark>&gt; "
        "<mark>culvert</mark> &lt;img src=x&gt;"
    ) in page
    assert "results for ‘&lt;script&gt; culvert’" in page


def test_pages(hub, councillor_client):
    for n in range(PAGE_SIZE + 5):
        make_officer(f"Person {n:02d} Okonkwo", "Gully inspector")
    first = councillor_client.get(URL, {"q": "okonkwo"}).content.decode()
    assert "25 results for ‘okonkwo’" in first
    assert "Page 1 of 2" in first
    assert first.count("govuk-tag--grey") == PAGE_SIZE
    second = councillor_client.get(URL, {"q": "okonkwo", "page": "2"}).content.decode()
    assert second.count("govuk-tag--grey") == 5
    assert "(page 2 of 2)" in second
    too_far = councillor_client.get(URL, {"q": "okonkwo", "page": "99"}).content.decode()
    assert "Page 2 of 2" in too_far


@pytest.mark.parametrize(
    "params",
    [
        {"q": "highways", "page": "banana"},
        {"q": "highways", "page": "-1"},
        {"q": "highways", "page": "99999999999999999999999"},
        {"q": "highways", "kind": "<script>"},
        {"q": "x" * 5000},
        {"q": "%00"},
        {"q": "\x00"},
        {"q": ["a", "b"]},
        {"q": '"unbalanced'},
        {"q": "NEAR(a b)"},
        {"kind": "officer"},
    ],
)
def test_nonsense_does_not_fail(hub, councillor_client, params):
    assert councillor_client.get(URL, params).status_code == 200


def test_queries_do_not_grow_with_results(hub, councillor_client, django_assert_max_num_queries):
    with django_assert_max_num_queries(40) as few:
        councillor_client.get(URL, {"q": "okonkwo"})
    for n in range(15):
        make_officer(f"Person {n:02d} Okonkwo", "Gully inspector", hub.highways)
    with django_assert_max_num_queries(len(few.captured_queries)):
        councillor_client.get(URL, {"q": "okonkwo"})


def test_header_search_box_for_signed_in_people_only(world, client, councillor_client):
    page = councillor_client.get(reverse("core:home"), follow=True).content.decode()
    assert 'action="/search/"' in page
    assert '<label class="govuk-visually-hidden" for="header-search">Search the hub</label>' in page
    signed_out = client.get(reverse("accounts:login")).content.decode()
    assert 'id="header-search"' not in signed_out


def test_a_kind_without_results(hub, councillor_client):
    page = councillor_client.get(URL, {"q": "highways", "kind": "councillor"}).content.decode()
    assert "0 results for ‘highways’ in Councillors" in page
    assert "No results of this type match ‘highways’." in page
    assert "See all 7 results" in page
