"""Factories for the directory: units, officers, topics and partner organisations."""

import factory
from factory.django import DjangoModelFactory

from councillor_hub.directory.models import (
    Officer,
    OrgUnit,
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
