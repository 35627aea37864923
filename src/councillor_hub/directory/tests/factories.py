"""Factories for the directory: units, officers, topics, partner organisations, out-of-hours
contacts and emergency arrangement sections."""

import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from councillor_hub.directory.models import (
    ContactKind,
    EmergencyArrangement,
    Officer,
    OrgUnit,
    OutOfHoursContact,
    PartnerKind,
    PartnerOrganisation,
    Topic,
    UnitKind,
)


class OrgUnitFactory(DjangoModelFactory):
    class Meta:
        model = OrgUnit

    name = factory.Sequence(lambda n: f"Unit {n}")
    kind = UnitKind.TEAM
    parent = None


class OfficerFactory(DjangoModelFactory):
    class Meta:
        model = Officer

    full_name = factory.Sequence(lambda n: f"Officer Person{n}")
    job_title = "Officer"
    unit = factory.SubFactory(OrgUnitFactory)
    email = factory.Sequence(lambda n: f"officer{n}@council.example.org")
    phone = "01632 960000"
    staff_number = factory.Sequence(lambda n: f"T{n:05d}")


class PartnerFactory(DjangoModelFactory):
    class Meta:
        model = PartnerOrganisation
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Partner {n}")
    kind = PartnerKind.OTHER
    email = "partner@example.org"


class TopicFactory(DjangoModelFactory):
    class Meta:
        model = Topic

    name = factory.Sequence(lambda n: f"Topic {n}")
    unit = factory.SubFactory(OrgUnitFactory)


def in_days(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


class OutOfHoursContactFactory(DjangoModelFactory):
    class Meta:
        model = OutOfHoursContact

    service_area = None
    kind = ContactKind.OUT_OF_HOURS
    name = factory.Sequence(lambda n: f"Duty team {n}")
    phone = "01632 960000"
    review_date = factory.LazyFunction(lambda: in_days(90))


class EmergencyArrangementFactory(DjangoModelFactory):
    class Meta:
        model = EmergencyArrangement

    title = factory.Sequence(lambda n: f"Arrangements {n}")
    body = "What to do."
    sort_order = factory.Sequence(lambda n: n * 10)
    review_date = factory.LazyFunction(lambda: in_days(90))
