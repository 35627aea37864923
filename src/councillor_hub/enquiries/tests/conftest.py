"""Shared enquiry fixtures (additive: several areas' tests use them)."""

import datetime

import pytest

from councillor_hub.enquiries.tests.factories import EnquiryCategoryFactory


@pytest.fixture
def potholes(world):
    """A Highways enquiry category."""
    return EnquiryCategoryFactory(service_area=world.highways, name="Potholes")


@pytest.fixture
def highways_on_call(world):
    """An out-of-hours contact for Highways."""
    from councillor_hub.directory.models import ContactKind, OutOfHoursContact

    return OutOfHoursContact.objects.create(
        service_area=world.highways,
        kind=ContactKind.ON_CALL,
        name="Highways duty engineer",
        phone="01632 960 111",
        hours="5pm to 9am and weekends",
        review_date=datetime.date.today() + datetime.timedelta(days=90),
    )
