import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from councillor_hub.accounts.tests.factories import CouncillorFactory
from councillor_hub.supportplans.models import (
    MentoringRequest,
    PersonalSupportPlan,
    PlanNeed,
    PlanStatus,
    Priority,
    RoleDescription,
    Skill,
)


class SkillFactory(DjangoModelFactory):
    class Meta:
        model = Skill
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Skill {n}")


class RoleFactory(DjangoModelFactory):
    class Meta:
        model = RoleDescription
        django_get_or_create = ["title"]

    title = factory.Sequence(lambda n: f"Role {n}")
    purpose = "Represents the ward and takes part in decisions."
    responsibilities = "Attend council meetings\nHelp residents"


class PlanFactory(DjangoModelFactory):
    class Meta:
        model = PersonalSupportPlan

    member = factory.SubFactory(CouncillorFactory)
    year = factory.LazyFunction(lambda: timezone.localdate().year)
    aims = "Chair a committee well"

    class Params:
        completed = factory.Trait(
            status=PlanStatus.COMPLETED, completed_at=factory.LazyFunction(timezone.now)
        )


class NeedFactory(DjangoModelFactory):
    class Meta:
        model = PlanNeed

    plan = factory.SubFactory(PlanFactory)
    skill = factory.SubFactory(SkillFactory)
    description = "Confidence speaking at public meetings"
    priority = Priority.MEDIUM


class MentoringFactory(DjangoModelFactory):
    class Meta:
        model = MentoringRequest

    member = factory.SubFactory(CouncillorFactory)
    wanted = "Help preparing for my first Planning committee"
