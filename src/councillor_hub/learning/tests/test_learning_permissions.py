"""The permission functions of learning/permissions.py, walked as a matrix over the roles of
the shared world (no pages yet, so no URL matrix)."""

import datetime

import pytest

from councillor_hub.accounts.roles import Role
from councillor_hub.accounts.tests.factories import CouncillorFactory, UserFactory
from councillor_hub.learning.permissions import can_book_for, can_manage_learning, is_learner

pytestmark = pytest.mark.usefixtures("module_world")

PEOPLE = [
    "councillor",
    "colleague",
    "other",
    "independent",
    "delegate",
    "support",
    "highways_officer",
    "manager",
    "mp",
    "whip",
    "democratic",
    "admin",
]
MANAGERS = {"democratic", "admin"}
# Councillors (the whip is one too); MPs are not in the council's development programme.
LEARNERS = {"councillor", "colleague", "other", "independent", "whip"}


@pytest.mark.parametrize("who", PEOPLE)
def test_can_manage_learning(world, who):
    assert can_manage_learning(getattr(world, who)) == (who in MANAGERS)


@pytest.mark.parametrize("who", PEOPLE)
def test_is_learner(world, who):
    assert is_learner(getattr(world, who)) == (who in LEARNERS)


@pytest.mark.parametrize("actor", PEOPLE)
def test_can_book_for_the_councillor(world, actor):
    expected = actor in MANAGERS or actor == "councillor"
    assert can_book_for(getattr(world, actor), world.councillor) == expected


@pytest.mark.parametrize("actor", PEOPLE)
def test_nobody_books_for_a_non_member(world, actor):
    assert not can_book_for(getattr(world, actor), world.support)
    assert not can_book_for(getattr(world, actor), world.mp)


def test_edge_cases(world, django_user_model):
    from django.contrib.auth.models import AnonymousUser

    assert not can_manage_learning(AnonymousUser())
    assert not can_manage_learning(None)
    assert not can_book_for(AnonymousUser(), world.councillor)
    co_opted = UserFactory(roles=[Role.CO_OPTED_MEMBER])
    assert is_learner(co_opted) and can_book_for(co_opted, co_opted)
    former = CouncillorFactory(profile__term_end=datetime.date(2000, 5, 1))
    assert not is_learner(former)
    assert not can_book_for(world.democratic, former)
    world.democratic.is_active = False
    assert not can_manage_learning(world.democratic)
