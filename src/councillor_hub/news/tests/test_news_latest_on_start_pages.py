"""The start pages show the latest news: the councillor's casework dashboard and the home page
officers land on. Only items the person may see appear."""

import pytest
from django.urls import reverse

from .factories import NewsItemFactory

pytestmark = pytest.mark.django_db


def test_dashboard_and_home_show_the_latest_news(world, client_for):
    NewsItemFactory(title="Winter gritting routes agreed")
    NewsItemFactory(title="Members-only budget briefing", members_only=True)

    dashboard = client_for(world.councillor).get(reverse("casework:dashboard"))
    assert "Winter gritting routes agreed" in dashboard.content.decode()
    assert "Members-only budget briefing" in dashboard.content.decode()

    home = client_for(world.highways_officer).get(reverse("core:home"))
    body = home.content.decode()
    assert "Latest news and briefings" in body
    assert "Winter gritting routes agreed" in body
    assert "Members-only budget briefing" not in body
