import factory
import faker
from factory.django import DjangoModelFactory

from councillor_hub.accounts.tests.factories import ServiceAreaFactory, UserFactory
from councillor_hub.casework.models import (
    Case,
    CaseConstituent,
    CaseShare,
    ConsentMethod,
    Constituent,
    DelegateGrant,
    EntryKind,
    TimelineEntry,
)
from councillor_hub.casework.services.references import reference_next

_fake = faker.Faker("en_GB")


class ConstituentFactory(DjangoModelFactory):
    class Meta:
        model = Constituent
        # Factories write directly, like services, through the unrestricted manager.
        django_get_or_create = None

    owner = factory.SubFactory(UserFactory)
    first_name = factory.LazyFunction(lambda: _fake.first_name().replace("'", ""))
    last_name = factory.LazyFunction(lambda: _fake.last_name().replace("'", ""))
    address_line_1 = factory.Faker("street_address", locale="en_GB")
    town = "Demoton"
    postcode = "DT1 1AA"
    email = factory.Sequence(lambda n: f"resident{n}@example.test")
    phone = factory.Sequence(lambda n: f"07700 9{n:05d}")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return model_class.unrestricted.create(*args, **kwargs)


class CaseFactory(DjangoModelFactory):
    class Meta:
        model = Case
        skip_postgeneration_save = True

    reference = factory.LazyFunction(reference_next)
    owner = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Pothole outside number {n}")
    description = "The pothole is deep and a cyclist nearly fell."
    category = factory.SubFactory(ServiceAreaFactory, name="Highways", slug="highways")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return model_class.unrestricted.create(*args, **kwargs)

    @factory.post_generation
    def constituents(self, create, extracted, **kwargs):
        for constituent in extracted or []:
            CaseConstituent.unrestricted.create(case=self, constituent=constituent)


class TimelineEntryFactory(DjangoModelFactory):
    class Meta:
        model = TimelineEntry

    case = factory.SubFactory(CaseFactory)
    kind = EntryKind.NOTE
    body = "Spoke to the resident."
    author = factory.SelfAttribute("case.owner")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return model_class.unrestricted.create(*args, **kwargs)


class CaseShareFactory(DjangoModelFactory):
    class Meta:
        model = CaseShare

    case = factory.SubFactory(CaseFactory)
    colleague = factory.SubFactory(UserFactory)
    shared_by = factory.SelfAttribute("case.owner")
    consent_method = ConsentMethod.VERBAL

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return model_class.unrestricted.create(*args, **kwargs)


class DelegateGrantFactory(DjangoModelFactory):
    class Meta:
        model = DelegateGrant

    councillor = factory.SubFactory(UserFactory)
    delegate = factory.SubFactory(UserFactory)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return model_class.unrestricted.create(*args, **kwargs)
