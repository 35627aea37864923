"""Factories for enquiries. Like services, they write through the `unrestricted` managers."""

import factory
from factory.django import DjangoModelFactory

from councillor_hub.accounts.tests.factories import ServiceAreaFactory, UserFactory
from councillor_hub.casework.services.references import reference_next
from councillor_hub.enquiries.models import (
    Enquiry,
    EnquiryAssignment,
    EnquiryCategory,
    EnquiryEvent,
    EnquiryResponse,
)


class _Unrestricted(DjangoModelFactory):
    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return model_class.unrestricted.create(*args, **kwargs)


class EnquiryCategoryFactory(DjangoModelFactory):
    class Meta:
        model = EnquiryCategory
        django_get_or_create = ["service_area", "name"]

    service_area = factory.SubFactory(ServiceAreaFactory, name="Highways", slug="highways")
    name = factory.Sequence(lambda n: f"Category {n}")


class EnquiryFactory(_Unrestricted):
    class Meta:
        model = Enquiry
        skip_postgeneration_save = True

    reference = factory.LazyFunction(lambda: reference_next(prefix="ENQ"))
    member = factory.SubFactory(UserFactory)
    raised_by = factory.LazyAttribute(lambda o: o.member)
    service_area = factory.SubFactory(ServiceAreaFactory, name="Highways", slug="highways")
    subject = factory.Sequence(lambda n: f"Pothole on road {n}")
    description = "There is a deep pothole by the bus stop."
    urgency = "standard"
    status = "in_progress"

    @factory.post_generation
    def named_viewers(self, create, extracted, **kwargs):
        if create and extracted:
            self.named_viewers.set(extracted)


class EnquiryAssignmentFactory(_Unrestricted):
    class Meta:
        model = EnquiryAssignment

    enquiry = factory.SubFactory(EnquiryFactory)
    service_area = factory.LazyAttribute(lambda o: o.enquiry.service_area)
    is_lead = True


class EnquiryEventFactory(_Unrestricted):
    class Meta:
        model = EnquiryEvent

    enquiry = factory.SubFactory(EnquiryFactory)
    kind = "note"
    body = "A note"


class EnquiryResponseFactory(_Unrestricted):
    class Meta:
        model = EnquiryResponse

    enquiry = factory.SubFactory(EnquiryFactory)
    body = "Thank you: the pothole will be filled this week."
    author = factory.SubFactory(UserFactory)
