"""Who sees which item: a small matrix of item states (published, members only, draft,
scheduled, scheduled members only) against kinds of people, for the list, the item's page and
the home page's "latest" panel. A scheduled item appears when its time comes, with no save."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from councillor_hub.news.models import NewsState
from councillor_hub.news.selectors import (
    item_for_page,
    item_list,
    latest_for,
    live_items,
    visible_items,
)

from .factories import NewsItemFactory, attachment_for

pytestmark = pytest.mark.django_db

STATES = ["published", "members_only", "draft", "scheduled", "scheduled_members_only"]

# fmt: off
# Who sees each state:   pub    mem    draft  sched  sched+mem
SEES = {
    "democratic":       [True,  True,  True,  True,  True],
    "admin":            [True,  True,  True,  True,  True],
    "councillor":       [True,  True,  False, False, False],
    "mp":               [True,  True,  False, False, False],
    "highways_officer": [True,  False, False, False, False],
    "support":          [True,  False, False, False, False],
    "delegate":         [True,  False, False, False, False],
    "anonymous":        [False, False, False, False, False],
}
# fmt: on


@pytest.fixture
def items():
    later = timezone.now() + dt.timedelta(hours=2)
    return {
        "published": NewsItemFactory(title="Published"),
        "members_only": NewsItemFactory(title="Members only", members_only=True),
        "draft": NewsItemFactory(title="Draft", is_published=False),
        "scheduled": NewsItemFactory(title="Scheduled", published_at=later),
        "scheduled_members_only": NewsItemFactory(
            title="Scheduled members only", published_at=later, members_only=True
        ),
    }


def person(world, name):
    return AnonymousUser() if name == "anonymous" else getattr(world, name)


@pytest.mark.parametrize("name", list(SEES))
def test_visibility_matrix(world, items, name):
    user = person(world, name)
    expected = {state for state, sees in zip(STATES, SEES[name], strict=True) if sees}
    visible = set(visible_items(user).values_list("title", flat=True))
    assert visible == {items[state].title for state in expected}
    assert set(item_list(user=user).values_list("title", flat=True)) == visible
    for state in STATES:
        assert item_for_page(user=user, pk=items[state].pk).exists() == (state in expected)


@pytest.mark.parametrize("name", list(SEES))
def test_latest_shows_only_live_items_even_to_managers(world, items, name):
    user = person(world, name)
    live = {"published", "members_only"} & {
        state for state, sees in zip(STATES, SEES[name], strict=True) if sees
    }
    assert {item.title for item in latest_for(user, limit=10)} == {
        items[state].title for state in live
    }


def test_states(items):
    assert items["published"].current_state == NewsState.PUBLISHED
    assert items["draft"].current_state == NewsState.DRAFT
    assert items["scheduled"].current_state == NewsState.SCHEDULED


def test_a_scheduled_item_appears_when_its_time_comes_without_a_save(world, items):
    soon = timezone.now() + dt.timedelta(hours=3)
    titles = set(live_items(world.councillor, now=soon).values_list("title", flat=True))
    assert titles == {"Published", "Members only", "Scheduled", "Scheduled members only"}
    officer_titles = set(
        visible_items(world.highways_officer, now=soon).values_list("title", flat=True)
    )
    assert officer_titles == {"Published", "Scheduled"}
    assert items["scheduled"].state(soon) == NewsState.PUBLISHED


def test_latest_is_newest_first_and_limited(world):
    now = timezone.now()
    for n in range(5):
        item = NewsItemFactory(title=f"Item {n}", published_at=now - dt.timedelta(days=5 - n))
        if n == 4:
            attachment_for(item)
            attachment_for(item, title="Notes")
    latest = latest_for(world.councillor)
    assert [item.title for item in latest] == ["Item 4", "Item 3", "Item 2"]
    assert latest[0].attachment_count == 2
    assert latest_for(world.councillor, limit=0) == []
    assert len(latest_for(world.councillor, limit=10_000)) == 5


def test_a_former_member_loses_members_only_items(world, items):
    """A councillor whose casework access has ended is no longer a member
    (enquiries.permissions.is_member), so members-only items are hidden."""
    profile = world.other.councillor_profile
    profile.term_end = timezone.localdate() - dt.timedelta(days=400)
    profile.save()
    titles = set(visible_items(world.other).values_list("title", flat=True))
    assert "Members only" not in titles
    assert "Published" in titles
