"""The Leader's portfolio (CabinetPortfolio.is_leader): set on the portfolio form, at most one
(a clear error from the service, and a conditional unique constraint underneath), never a
retired portfolio, kept in history and shown on the Cabinet page."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from councillor_hub.committees.models import CabinetPortfolio
from councillor_hub.committees.services import portfolio_create, portfolio_update
from councillor_hub.committees.tests.factories import PortfolioFactory

pytestmark = pytest.mark.django_db


def test_one_leaders_portfolio_at_most(world):
    leader = portfolio_create(
        actor=world.democratic, title="Leader of the Council", sort_order=1, is_leader=True
    )
    assert leader.is_leader
    with pytest.raises(ValidationError) as error:
        portfolio_create(actor=world.democratic, title="Deputy", sort_order=2, is_leader=True)
    assert error.value.message_dict["is_leader"] == [
        "Leader of the Council is already the Leader's portfolio. Untick it there first"
    ]
    other = portfolio_create(actor=world.democratic, title="Deputy", sort_order=2)
    with pytest.raises(ValidationError):
        portfolio_update(
            actor=world.democratic, portfolio=other, title="Deputy", sort_order=2, is_leader=True
        )
    # Moving it: untick the old one, then tick the new one.
    portfolio_update(actor=world.democratic, portfolio=leader, title=leader.title, sort_order=1)
    portfolio_update(
        actor=world.democratic, portfolio=other, title="Deputy", sort_order=2, is_leader=True
    )
    assert list(CabinetPortfolio.objects.filter(is_leader=True)) == [other]
    assert other.history.latest().is_leader is True


def test_the_database_refuses_a_second_leaders_portfolio(db):
    PortfolioFactory(is_leader=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        PortfolioFactory(is_leader=True)


def test_a_retired_portfolio_cannot_be_the_leaders(world):
    with pytest.raises(ValidationError) as error:
        portfolio_create(
            actor=world.democratic, title="Old", sort_order=1, is_active=False, is_leader=True
        )
    assert "is_leader" in error.value.message_dict


def test_the_portfolio_form_sets_it_and_the_cabinet_page_shows_it(client_for, world):
    client = client_for(world.democratic)
    form_page = client.get(reverse("committees:portfolio_create")).content.decode()
    assert 'name="is_leader"' in form_page
    response = client.post(
        reverse("committees:portfolio_create"),
        {"title": "Leader of the Council", "sort_order": "1", "is_active": "on", "is_leader": "on"},
    )
    assert response.status_code == 302
    portfolio = CabinetPortfolio.objects.get()
    assert portfolio.is_leader
    assert "Leader's portfolio" in client.get(reverse("committees:cabinet")).content.decode()
    change = client.get(reverse("committees:portfolio_update", args=[portfolio.pk])).content
    tick = change.decode().split('name="is_leader"')[1].split(">")[0]
    assert "checked" in tick
    # A second one is a form error in GOV.UK words, not a crash.
    response = client.post(
        reverse("committees:portfolio_create"),
        {"title": "Another", "sort_order": "2", "is_active": "on", "is_leader": "on"},
    )
    assert response.status_code == 200
    assert "is already the Leader" in response.content.decode()
    assert CabinetPortfolio.objects.count() == 1
