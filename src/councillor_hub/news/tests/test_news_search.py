"""News in the one search box: published items are indexed (title, summary, text and
attachment titles) and kept current as they change; members-only items are found only by those
who may see them; drafts and scheduled items are not indexed.

A scheduled item becomes visible when its time comes, without a save, and the search index
has no publication time to filter on. So it joins the index at the nightly `search_reindex`
(or when it is next saved): the chosen behaviour, tested here. Until then it is missing from
search, never shown early."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from councillor_hub.news.models import NewsItem, NewsKind
from councillor_hub.news.services import (
    news_attachment_add,
    news_attachment_remove,
    news_item_create,
    news_item_update,
)
from councillor_hub.search.models import SearchEntry
from councillor_hub.search.services import search

from .factories import PDF

pytestmark = pytest.mark.django_db


def titles(user, q) -> list[str]:
    return [hit.title for hit in search(user=user, q=q).hits]


def add(world, title, **extra):
    arguments = {
        "kind": NewsKind.BRIEFING,
        "summary": "What members need to know about the draft budget.",
        "body": "The finance director explained the savings proposals.",
        "briefing_on": dt.date(2026, 1, 20),
    }
    arguments.update(extra)
    return news_item_create(actor=world.democratic, title=title, **arguments)


def entry(item) -> SearchEntry | None:
    return SearchEntry.objects.filter(kind="news", object_id=str(item.pk)).first()


def test_search_finds_a_news_item(world):
    item = add(world, "Budget briefing for members")
    assert titles(world.highways_officer, "budget briefing") == ["Budget briefing for members"]
    assert titles(world.councillor, "savings proposals") == ["Budget briefing for members"]
    assert titles(world.councillor, "budgte") == ["Budget briefing for members"]  # a typo
    hit = search(user=world.councillor, q="budget").hits[0]
    assert hit.kind == "news"
    assert hit.kind_label == "News"
    assert hit.url == item.get_absolute_url()


def test_members_only_items_are_hidden_from_officers(world):
    add(world, "Confidential leadership briefing", members_only=True)
    assert titles(world.councillor, "leadership") == ["Confidential leadership briefing"]
    assert titles(world.mp, "leadership") == ["Confidential leadership briefing"]
    assert titles(world.democratic, "leadership") == ["Confidential leadership briefing"]
    assert titles(world.highways_officer, "leadership") == []
    assert titles(world.support, "leadership") == []
    assert titles(world.delegate, "leadership") == []
    assert entry(NewsItem.objects.get()).members_only is True


def test_attachment_titles_are_searchable(world, django_capture_on_commit_callbacks):
    item = add(world, "Planning training briefing")
    attachment = news_attachment_add(
        actor=world.democratic,
        item=item,
        upload=SimpleUploadedFile("deck.pdf", PDF),
        title="Committee procedure slides",
    )
    assert titles(world.councillor, "procedure slides") == ["Planning training briefing"]
    with django_capture_on_commit_callbacks(execute=True):
        news_attachment_remove(actor=world.democratic, attachment=attachment)
    assert titles(world.councillor, "procedure slides") == []


def test_drafts_are_not_indexed_until_published(world):
    item = add(world, "Draft bulletin on gritting", is_published=False)
    assert entry(item) is None
    assert titles(world.democratic, "gritting") == []
    news_item_update(
        actor=world.democratic,
        item=item,
        kind=item.kind,
        title=item.title,
        summary=item.summary,
        body=item.body,
        briefing_on=item.briefing_on,
        is_published=True,
    )
    assert titles(world.councillor, "gritting") == ["Draft bulletin on gritting"]
    news_item_update(
        actor=world.democratic,
        item=item,
        kind=item.kind,
        title=item.title,
        summary=item.summary,
        body=item.body,
        briefing_on=item.briefing_on,
        is_published=False,
    )
    assert entry(item) is None


def test_a_scheduled_item_joins_the_index_at_the_nightly_reindex(world):
    item = add(
        world, "Local plan consultation", published_at=timezone.now() + dt.timedelta(hours=6)
    )
    assert entry(item) is None
    assert titles(world.democratic, "consultation") == []
    # Its time comes (moved without a save, as the clock would: no signal fires).
    NewsItem.objects.filter(pk=item.pk).update(
        published_at=timezone.now() - dt.timedelta(minutes=1)
    )
    assert titles(world.councillor, "consultation") == []
    call_command("search_reindex", stdout=io.StringIO())
    assert titles(world.councillor, "consultation") == ["Local plan consultation"]


def test_a_reindex_leaves_scheduled_items_out(world):
    item = add(world, "Future briefing", published_at=timezone.now() + dt.timedelta(days=1))
    out = io.StringIO()
    call_command("search_reindex", stdout=out)
    assert entry(item) is None
    assert "News and briefings: 0" in out.getvalue()
