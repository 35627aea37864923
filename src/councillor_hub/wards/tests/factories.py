import factory
from factory.django import DjangoModelFactory

from councillor_hub.accounts.tests.factories import WardFactory
from councillor_hub.wards.models import AmenityKind, Unit, WardAmenity, WardProfile, WardStatistic


class WardProfileFactory(DjangoModelFactory):
    class Meta:
        model = WardProfile
        django_get_or_create = ["ward"]

    ward = factory.SubFactory(WardFactory)
    summary = "A riverside ward of terraced streets around the old wharf."


class WardStatisticFactory(DjangoModelFactory):
    class Meta:
        model = WardStatistic

    ward = factory.SubFactory(WardFactory)
    topic = "Age"
    label = factory.Sequence(lambda n: f"Band {n}")
    value = 100
    unit = Unit.PEOPLE
    source = "ONS Census 2021 TS007"
    period = "2021"
    sort_order = factory.Sequence(lambda n: n)


class WardAmenityFactory(DjangoModelFactory):
    class Meta:
        model = WardAmenity

    ward = factory.SubFactory(WardFactory)
    kind = AmenityKind.LIBRARY
    name = factory.Sequence(lambda n: f"Amenity {n}")
    address = "1 High Street, DM1 1AA"
