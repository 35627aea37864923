"""The one search box: officers, teams, who handles what, documents, FAQs and councillors,
filtered by what the signed-in person may see."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.shortcuts import render
from django.views import View

from ..services import MAX_QUERY_LENGTH, clean_query, kinds, search

PAGE_SIZE = 20
# Pages beyond this are not offered (the service stops at 10,000 results).
MAX_PAGE = 500


def _page_number(value: str) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return 1
    return min(max(number, 1), MAX_PAGE)


class SearchView(LoginRequiredMixin, View):
    """Search the hub and list the results, filterable by kind, a page at a time."""

    template_name = "search/search.html"

    def get(self, request):
        q = clean_query(request.GET.get("q", ""))
        known = dict(kinds())
        kind = request.GET.get("kind", "")
        kind = kind if kind in known else ""
        number = _page_number(request.GET.get("page", "1"))
        results = search(
            user=request.user,
            q=q,
            kinds=[kind] if kind else None,
            limit=PAGE_SIZE,
            offset=(number - 1) * PAGE_SIZE,
        )
        last_page = max(1, -(-results.total // PAGE_SIZE))
        if results.total and number > last_page:
            number = last_page
            results = search(
                user=request.user,
                q=q,
                kinds=[kind] if kind else None,
                limit=PAGE_SIZE,
                offset=(number - 1) * PAGE_SIZE,
            )
        page_obj = Paginator(range(results.total), PAGE_SIZE).get_page(number)
        filters = [
            {
                "kind": key,
                "label": label,
                "count": results.kind_counts.get(key, 0),
                "current": key == kind,
            }
            for key, label in known.items()
        ]
        context = {
            "q": q,
            "kind": kind,
            "kind_label": known.get(kind, ""),
            "results": results,
            "hits": results.hits,
            "page_obj": page_obj,
            "filters": filters,
            "max_length": MAX_QUERY_LENGTH,
        }
        return render(request, self.template_name, context)
