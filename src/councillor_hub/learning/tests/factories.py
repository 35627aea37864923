import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from councillor_hub.accounts.tests.factories import CouncillorFactory
from councillor_hub.learning.models import (
    Booking,
    BookingStatus,
    Completion,
    CompletionSource,
    TrainingSession,
    TrainingTopic,
)


class TopicFactory(DjangoModelFactory):
    class Meta:
        model = TrainingTopic
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Topic {n}")
    valid_for_months = 12


class SessionFactory(DjangoModelFactory):
    class Meta:
        model = TrainingSession

    topic = factory.SubFactory(TopicFactory)
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=14))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=2))
    location = "Committee Room 1"
    capacity = 10
    trainer = "Demo Training Ltd"


class BookingFactory(DjangoModelFactory):
    class Meta:
        model = Booking

    session = factory.SubFactory(SessionFactory)
    member = factory.SubFactory(CouncillorFactory)
    status = BookingStatus.BOOKED


class CompletionFactory(DjangoModelFactory):
    class Meta:
        model = Completion

    member = factory.SubFactory(CouncillorFactory)
    topic = factory.SubFactory(TopicFactory)
    completed_on = factory.LazyFunction(timezone.localdate)
    source = CompletionSource.MANUAL
