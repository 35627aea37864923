"""Query budget for the one search box's results page (issue 7, item 4).

The test counts the SQL queries of a search on a small hub, adds many more things that match
(officers, teams, topics, documents — some members only — FAQs and councillors), and counts
again: the count must not grow, and must stay within the budget below."""

from __future__ import annotations

from django.urls import reverse

from councillor_hub.accounts.tests.factories import CouncillorFactory
from councillor_hub.core.tests.budgets import check_growth
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
        f"{name} ({viewer})": (client_for(getattr(world, viewer)), url, params, SEARCH_PAGE_BUDGET)
        for viewer in ["councillor", "highways_officer"]
        for name, params in variants.items()
    }
    _grow(world, 3)
    check_growth(pages, lambda: _grow(world, 10, start=3))
