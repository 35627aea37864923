"""Query budgets (issue 7): how many SQL queries a page makes, counted the same way by every
app's test_query_budgets.py."""

from collections.abc import Callable

from django.db import connection
from django.test.utils import CaptureQueriesContext


def page_queries(client, url: str, data: dict | None = None) -> list[str]:
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


def assert_within(few: list[str], many: list[str], budget: int, label: str = "") -> None:
    """`many` (the queries with more rows) is no longer than `few`, which is within `budget`."""
    listing = "\n".join(f"{n}. {sql[:300]}" for n, sql in enumerate(many, 1))
    assert len(many) <= len(few), (
        f"{label}: {len(few)} queries grew to {len(many)} with more rows:\n{listing}"
    )
    assert len(few) <= budget, (
        f"{label}: {len(few)} queries, over the budget of {budget}:\n{listing}"
    )


def check_growth(pages: dict[str, tuple], grow: Callable[[], object]) -> None:
    """Count each page's queries (name -> (client, url, params, budget)), call `grow()` to add
    many more rows, and count again: no page may make more queries with more rows, and each
    stays within its budget. Pages share one world: building it is most of a test's time."""
    few = {name: page_queries(client, url, data) for name, (client, url, data, _) in pages.items()}
    grow()
    for name, (client, url, data, budget) in pages.items():
        assert_within(few[name], page_queries(client, url, data), budget, name)
