import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from councillor_hub.accounts.tests.factories import CouncillorFactory
from councillor_hub.learning.models import (
    Evaluation,
    ExternalActivity,
    ExternalActivityKind,
    TrainingSuggestion,
)

from .factories import BookingFactory, SessionFactory


def past_session(**kwargs):
    """A session that started `days_ago` days ago (7 by default)."""
    days_ago = kwargs.pop("days_ago", 7)
    starts = timezone.now() - datetime.timedelta(days=days_ago)
    return SessionFactory(starts_at=starts, ends_at=starts + datetime.timedelta(hours=2), **kwargs)


def attended_booking(**kwargs):
    """A booked place on a past session, marked as attended."""
    session = kwargs.pop("session", None) or past_session()
    return BookingFactory(session=session, attended=True, **kwargs)


class ExternalActivityFactory(DjangoModelFactory):
    class Meta:
        model = ExternalActivity

    member = factory.SubFactory(CouncillorFactory)
    title = factory.Sequence(lambda n: f"Demo leadership course {n}")
    kind = ExternalActivityKind.COURSE
    provider = "Demo Local Government Association"
    attended_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=3))


class EvaluationFactory(DjangoModelFactory):
    """An evaluation of an attended booking (pass external_activity=..., booking=None for an
    external activity)."""

    class Meta:
        model = Evaluation

    booking = factory.LazyFunction(attended_booking)
    member = factory.LazyAttribute(
        lambda o: o.booking.member if o.booking is not None else o.external_activity.member
    )
    external_activity = None
    overall_rating = 4
    objectives_rating = 4
    presenter_rating = 5
    would_recommend = True


class SuggestionFactory(DjangoModelFactory):
    class Meta:
        model = TrainingSuggestion

    suggested_by = factory.SubFactory(CouncillorFactory)
    title = factory.Sequence(lambda n: f"Training on topic {n}")
    details = "It would help with casework."
