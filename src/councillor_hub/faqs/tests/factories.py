"""Factories for FAQs and their uses."""

import factory
from factory.django import DjangoModelFactory

from councillor_hub.accounts.tests.factories import ServiceAreaFactory
from councillor_hub.faqs.models import Faq, FaqUse, UseKind


class FaqFactory(DjangoModelFactory):
    class Meta:
        model = Faq

    service_area = factory.SubFactory(ServiceAreaFactory, name="Highways", slug="highways")
    question = factory.Sequence(lambda n: f"How are potholes number {n} repaired?")
    answer = "Highways inspect within 5 working days and repair within 28 days."
    model_response = (
        "Dear {constituent_name},\n\nThank you for contacting me about the pothole.\n\n"
        "Yours sincerely,\n{councillor_name}"
    )
    keywords = "pothole road"


class FaqUseFactory(DjangoModelFactory):
    class Meta:
        model = FaqUse

    faq = factory.SubFactory(FaqFactory)
    kind = UseKind.VIEWED
