import pytest

from councillor_hub.core.demo.builder import DemoCouncilBuilder
from councillor_hub.core.demo.evaluations import build_evaluations
from councillor_hub.learning.models import Evaluation, ExternalActivity, TrainingSuggestion
from councillor_hub.learning.reporting import activities_to_evaluate, bookings_to_evaluate

from .factories import TopicFactory
from .factories_evaluations import attended_booking, past_session

pytestmark = pytest.mark.django_db


def test_the_demo_evaluates_attended_bookings_but_leaves_the_councillor_some_to_do(world):
    topic = TopicFactory(name="Planning committee training")
    for days_ago in (40, 30, 20):
        session = past_session(topic=topic, days_ago=days_ago)
        for member in (world.councillor, world.colleague, world.other, world.independent):
            attended_booking(session=session, member=member)
    builder = DemoCouncilBuilder(seed=7)
    builder.councillor, builder.democratic = world.councillor, world.democratic
    counts = build_evaluations(builder)
    assert counts["training evaluations"] == Evaluation.objects.count() > 0
    assert counts["external training activities"] == ExternalActivity.objects.count() == 8
    assert counts["training suggestions"] == TrainingSuggestion.objects.count() == 6
    assert bookings_to_evaluate(world.councillor).exists()
    assert activities_to_evaluate(world.councillor).exists()
    assert all(1 <= e.overall_rating <= 5 for e in Evaluation.objects.all())
    # Evaluations were only written for attended places of the member who attended.
    for evaluation in Evaluation.objects.filter(booking__isnull=False):
        assert evaluation.booking.attended and evaluation.booking.member_id == evaluation.member_id
    planned = TrainingSuggestion.objects.exclude(status="new")
    assert all(s.handled_by == world.democratic and s.response for s in planned)
    assert all(s.handled_at >= s.created_at for s in planned)
