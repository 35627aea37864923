import datetime

import factory
import faker
from factory.django import DjangoModelFactory

from councillor_hub.accounts.models import (
    CouncillorProfile,
    PoliticalGroup,
    User,
    UserRole,
    Ward,
)
from councillor_hub.accounts.roles import Role
from councillor_hub.core.models import ServiceArea

_fake = faker.Faker("en_GB")

TEST_PASSWORD = "correct-horse-battery-staple"


class WardFactory(DjangoModelFactory):
    class Meta:
        model = Ward
        django_get_or_create = ["ons_code"]

    name = factory.Sequence(lambda n: f"Ward {n}")
    ons_code = factory.Sequence(lambda n: f"E05{n:06d}")


class PoliticalGroupFactory(DjangoModelFactory):
    class Meta:
        model = PoliticalGroup
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Group {n}")


class ServiceAreaFactory(DjangoModelFactory):
    class Meta:
        model = ServiceArea
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Service {n}")
    slug = factory.LazyAttribute(lambda o: o.name.lower().replace(" ", "-"))


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["email"]
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.test")
    # Apostrophes (O'Brien) are HTML-escaped in pages, which makes "name in html" checks flaky.
    full_name = factory.LazyFunction(lambda: _fake.name().replace("'", ""))
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create:
            self.save()
            for role in extracted or []:
                UserRole.objects.get_or_create(user=self, role=role)


class CouncillorFactory(UserFactory):
    # A plain list here would be passed to User() as a field value (TypeError), so the
    # default role is given by overriding the post-generation hook instead.
    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create:
            self.save()
            for role in [Role.COUNCILLOR] if extracted is None else extracted:
                UserRole.objects.get_or_create(user=self, role=role)

    profile = factory.RelatedFactory(
        "councillor_hub.accounts.tests.factories.CouncillorProfileFactory", "user"
    )


class CouncillorProfileFactory(DjangoModelFactory):
    class Meta:
        model = CouncillorProfile

    user = factory.SubFactory(UserFactory)
    ward = factory.SubFactory(WardFactory)
    political_group = factory.SubFactory(PoliticalGroupFactory)
    term_start = datetime.date(2025, 5, 1)
    term_end = datetime.date(2029, 5, 3)
