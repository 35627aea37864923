"""Reads for news and briefings: which items a person may see, the filtered list, one item's
page and the home page's "latest" panel. The rules come from directory/permissions.py (the
hub's one source of rules); this module only applies them.

Who sees an item:
- nobody who is not signed in;
- content managers (democratic services, administrators) see every item: drafts, scheduled
  items (published from a time still to come) and members-only items;
- everyone else signed in sees items that are published and whose publication time has come,
  except that members-only items are hidden from those who may not see members-only items.
"""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from councillor_hub.directory.permissions import (
    can_manage_hub_content,
    can_use_hub,
    visible_filter_members_only,
)

from .models import NewsAttachment, NewsItem

MAX_SEARCH_WORDS = 10


def live_items(user, *, now=None) -> QuerySet[NewsItem]:
    """Items published now that `user` may see (what everyone who is not a content manager
    sees; content managers see these and their drafts and scheduled items too)."""
    if not can_use_hub(user):
        return NewsItem.objects.none()
    return NewsItem.objects.filter(
        is_published=True,
        published_at__lte=now or timezone.now(),
        **visible_filter_members_only(user),
    )


def visible_items(user, *, now=None) -> QuerySet[NewsItem]:
    """Every item `user` may open (see the module docstring)."""
    if not can_use_hub(user):
        return NewsItem.objects.none()
    if can_manage_hub_content(user):
        return NewsItem.objects.all()
    return live_items(user, now=now)


def _search_words(text: str) -> list[str]:
    return [word for word in (text or "").split() if word][:MAX_SEARCH_WORDS]


def item_list(*, user, text: str = "", kind: str = "") -> QuerySet[NewsItem]:
    """The visible items, newest first, matching each word of `text` (any order) in the title,
    summary or body, and of `kind` when given; each with `attachment_count`."""
    items = visible_items(user)
    for word in _search_words(text):
        items = items.filter(
            Q(title__icontains=word) | Q(summary__icontains=word) | Q(body__icontains=word)
        )
    if kind:
        items = items.filter(kind=kind)
    return (
        items.select_related("service")
        .annotate(attachment_count=Count("attachments"))
        .order_by("-published_at", "-pk")
    )


def item_for_page(*, user, pk: int) -> QuerySet[NewsItem]:
    """The one item `pk` if `user` may see it (empty otherwise), with its attachments."""
    return (
        visible_items(user)
        .filter(pk=pk)
        .select_related("service", "presenter", "created_by")
        .prefetch_related(
            Prefetch("attachments", queryset=NewsAttachment.objects.order_by("uploaded_at", "pk"))
        )
    )


def attachment_for_download(*, user, item_pk: int, pk: int) -> QuerySet[NewsAttachment]:
    """The attachment `pk` of item `item_pk` if `user` may see the item (empty otherwise)."""
    return NewsAttachment.objects.filter(
        pk=pk, item_id=item_pk, item__in=visible_items(user).values("pk")
    )


def latest_for(user, limit: int = 3) -> list[NewsItem]:
    """The newest published items `user` may see, for the home page's "Latest news and
    briefings" panel: never drafts or scheduled items, even for content managers. Each has
    `attachment_count`. Empty for someone not signed in."""
    limit = max(0, min(int(limit), 20))
    if not limit:
        return []
    return list(
        live_items(user)
        .annotate(attachment_count=Count("attachments"))
        .order_by("-published_at", "-pk")[:limit]
    )
