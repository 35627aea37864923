import datetime

import factory
from factory.django import DjangoModelFactory

from councillor_hub.accounts.tests.factories import CouncillorFactory
from councillor_hub.induction.models import (
    ChecklistItem,
    ChecklistProgress,
    DateKind,
    DbsCheck,
    DbsState,
    Intake,
    IntakeDate,
    IntakeKind,
    MemberInduction,
)


class ChecklistItemFactory(DjangoModelFactory):
    class Meta:
        model = ChecklistItem

    title = factory.Sequence(lambda n: f"Checklist item {n}")
    order = factory.Sequence(lambda n: 1000 + n)


class IntakeFactory(DjangoModelFactory):
    class Meta:
        model = Intake

    name = factory.Sequence(lambda n: f"Election intake {n}")
    kind = IntakeKind.ELECTION
    election_date = datetime.date(2026, 5, 7)
    public_summary = "Induction for councillors elected in May."


class IntakeDateFactory(DjangoModelFactory):
    class Meta:
        model = IntakeDate

    intake = factory.SubFactory(IntakeFactory)
    kind = DateKind.EVENT
    title = factory.Sequence(lambda n: f"Induction event {n}")
    on = datetime.date(2026, 5, 12)


class MemberInductionFactory(DjangoModelFactory):
    class Meta:
        model = MemberInduction

    intake = factory.SubFactory(IntakeFactory)
    member = factory.SubFactory(CouncillorFactory)


class ChecklistProgressFactory(DjangoModelFactory):
    class Meta:
        model = ChecklistProgress

    induction = factory.SubFactory(MemberInductionFactory)
    item = factory.SubFactory(ChecklistItemFactory)
    done_on = datetime.date(2026, 5, 10)


class DbsCheckFactory(DjangoModelFactory):
    class Meta:
        model = DbsCheck

    member = factory.SubFactory(CouncillorFactory)
    state = DbsState.SUBMITTED
    submitted_on = datetime.date(2026, 5, 9)
