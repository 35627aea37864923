"""Query budget for the one search box's results page (issue 7, item 4).

The test counts the SQL queries of a search on a small hub, adds many more things that match
(officers, teams, topics, documents — some members only — FAQs and councillors), and counts
again: the count must not grow, and must stay within the budget below."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from councillor_hub.accounts.tests.factories import CouncillorFactory
from councillor_hub.directory.models import UnitKind
from councillor_hub.directory.tests.factories import OfficerFactory, OrgUnitFactory, TopicFactory
from councillor_hub.faqs.models import Faq
from councillor_hub.library.models import Document, DocumentKind

# The most queries a results page may make, whatever the number of matches (measured 8, 9 for
# a misspelling, 10 for a page number past the last page, which is searched again for the last
# page): the request itself (5: the session, the signed-in user with their profile, the
# councillors they act for, their roles, the navigation's unread notifications; the session's
# keep-alive write, at most once a minute, is left out: see _queries) + the
# spelling-correction terms (1-2) + the counts by kind (1) + the page of ranked hits (1).
# Results are drawn from the index rows themselves: no query per hit.
SEARCH_PAGE_BUDGET = 10


def _queries(client, url: str, data: dict | None = None) -> list[str]:
    """The SQL of a GET of `url`: after a first GET, the shorter of two, so one-off work (a
    cache fill, the session's keep-alive write at most once a minute) is never counted."""
    assert client.get(url, data).status_code == 200
    runs = []
    for _ in range(2):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url, data)
        assert response.status_code == 200
        runs.append([query["sql"] for query in captured.captured_queries])
    return min(runs, key=len)


def _assert_within(few: list[str], many: list[str], budget: int, label: str = "") -> None:
    """`many` (the queries with more rows) is no longer than `few`, which is within `budget`."""
    listing = "\n".join(f"{n}. {sql[:300]}" for n, sql in enumerate(many, 1))
    assert len(many) <= len(few), (
        f"{label}: {len(few)} queries grew to {len(many)} with more rows:\n{listing}"
    )
    assert len(few) <= budget, (
        f"{label}: {len(few)} queries, over the budget of {budget}:\n{listing}"
    )


def _grow(world, count: int, *, start: int = 0) -> None:
    """`count` more of each kind of thing the search box finds, all about drainage."""
    service = OrgUnitFactory(
        name=f"Drainage service {start}", kind=UnitKind.SERVICE, service_area=world.highways
    )
    for index in range(start, start + count):
        team = OrgUnitFactory(name=f"Drainage team {index}", parent=service)
        OfficerFactory(full_name=f"Person{index} Okonkwo", job_title="Drainage engineer", unit=team)
        TopicFactory(name=f"Drainage question {index}", keywords="gully, flooding", unit=team)
        Document.objects.create(
            title=f"Drainage policy {index}",
            kind=DocumentKind.POLICY,
            summary="How gullies are cleared.",
            url="https://example.org/papers/drainage",
            members_only=index % 3 == 0,
        )
        Faq.objects.create(
            question=f"Who clears drain {index}?",
            answer="The drainage team clears gullies every year.",
            service_area=world.highways,
            members_only=index % 4 == 0,
        )
        CouncillorFactory(full_name=f"Councillor{index} Okonkwo", profile__ward=world.ward_a)


def test_search_page_budget(world, client_for):
    """All kinds, one kind, a misspelling and page 2, for a councillor (who sees members-only
    entries) and an officer (who does not)."""
    variants = {
        "all kinds": {"q": "drainage"},
        "one kind": {"q": "okonkwo", "kind": "officer"},
        "misspelt": {"q": "drainag gully"},
        "page 2": {"q": "drainage", "page": "2"},
    }
    url = reverse("search:search")
    pages = {
        f"{name} ({viewer})": (client_for(getattr(world, viewer)), url, params)
        for viewer in ["councillor", "highways_officer"]
        for name, params in variants.items()
    }
    _grow(world, 3)
    few = {name: _queries(client, url, data) for name, (client, url, data) in pages.items()}
    _grow(world, 10, start=3)
    for name, (client, url, data) in pages.items():
        _assert_within(few[name], _queries(client, url, data), SEARCH_PAGE_BUDGET, name)
