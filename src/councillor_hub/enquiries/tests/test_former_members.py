"""A councillor whose term has ended stays a member (and their delegates act for them) through
the handover period, then neither raises nor follows enquiries."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from councillor_hub.enquiries import permissions


def _end_term(user, *, days_ago: int) -> None:
    profile = user.councillor_profile
    profile.term_end = timezone.localdate() - dt.timedelta(days=days_ago)
    profile.save()


@pytest.mark.parametrize(
    ("days_ago", "still_member"), [(0, True), (30, True), (31, False), (400, False)]
)
def test_member_until_access_ends(world, settings, days_ago, still_member):
    settings.CASEWORK_ACCESS_DAYS_AFTER_TERM = 30
    _end_term(world.councillor, days_ago=days_ago)
    councillor = type(world.councillor).objects.get(pk=world.councillor.pk)
    assert permissions.is_member(councillor) is still_member
    acting = permissions.members_acting_for(world.delegate)
    assert (world.councillor.pk in acting) is still_member


def test_former_member_cannot_open_the_raise_form(world, settings, client_for):
    settings.CASEWORK_ACCESS_DAYS_AFTER_TERM = 30
    _end_term(world.councillor, days_ago=31)
    response = client_for(world.councillor).get(reverse("enquiries:enquiry_create"))
    assert response.status_code == 404
