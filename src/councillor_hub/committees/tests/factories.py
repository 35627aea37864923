import datetime

import factory
from factory.django import DjangoModelFactory

from councillor_hub.accounts.tests.factories import CouncillorFactory
from councillor_hub.committees.models import (
    CabinetPortfolio,
    Committee,
    CommitteeKind,
    CommitteeMembership,
    CouncillorContact,
    MemberRole,
    PortfolioHolding,
)


class CommitteeFactory(DjangoModelFactory):
    class Meta:
        model = Committee

    name = factory.Sequence(lambda n: f"Committee {n}")
    kind = CommitteeKind.OTHER


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = CommitteeMembership

    committee = factory.SubFactory(CommitteeFactory)
    councillor = factory.SubFactory(CouncillorFactory)
    role = MemberRole.MEMBER
    start_date = datetime.date(2025, 5, 21)


class PortfolioFactory(DjangoModelFactory):
    class Meta:
        model = CabinetPortfolio

    title = factory.Sequence(lambda n: f"Portfolio {n}")
    responsibilities = "Highways, parking and transport."


class HoldingFactory(DjangoModelFactory):
    class Meta:
        model = PortfolioHolding

    portfolio = factory.SubFactory(PortfolioFactory)
    councillor = factory.SubFactory(CouncillorFactory)
    start_date = datetime.date(2025, 5, 21)


class ContactFactory(DjangoModelFactory):
    class Meta:
        model = CouncillorContact

    councillor = factory.SubFactory(CouncillorFactory)
    public_email = factory.Sequence(lambda n: f"cllr.{n}@example.org")
    public_phone = factory.Sequence(lambda n: f"01632 960{n % 1000:03d}")
    surgery_details = "First Saturday of the month, 10am to noon, Abbey Library."
