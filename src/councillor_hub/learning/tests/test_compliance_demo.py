"""core/demo/compliance.py: meetings for every active committee, one appointment made without
valid training (who and why), and a Licensing member whose training lapses before the next
meeting; it runs after the learning demo, and copes when its topics are not there."""

import pytest

from councillor_hub.committees.models import Committee, CommitteeMeeting, CommitteeMembership
from councillor_hub.core.demo.builder import DemoCouncilBuilder
from councillor_hub.core.demo.committees import build_committees
from councillor_hub.core.demo.compliance import build_compliance
from councillor_hub.learning.models import TrainingTopic
from councillor_hub.learning.selectors import committee_training_flags

pytestmark = pytest.mark.django_db


def _builder():
    builder = DemoCouncilBuilder(seed=2026, cases=0, constituents=0, enquiries=0)
    builder.build_places()
    builder.build_people()
    build_committees(builder)
    return builder


def test_demo_with_the_learning_topics():
    builder = _builder()
    # What the learning demo makes (its topics, by name).
    TrainingTopic.objects.create(
        name="Planning committee training", valid_for_months=12, validity_basis="municipal_year"
    )
    TrainingTopic.objects.create(name="Licensing committee training", valid_for_months=12)
    counts = build_compliance(builder)

    active = Committee.objects.filter(is_active=True).count()
    assert counts["committee meetings"] == CommitteeMeeting.objects.count() == active * 8
    assert CommitteeMeeting.objects.filter(starts_at__date__gt=builder.today).count() == active * 6
    assert counts["appointments without valid training"] == 1
    override = CommitteeMembership.objects.exclude(training_override_reason="").get()
    assert override.committee.name == "Planning Committee"
    assert override.training_override_by == builder.democratic
    assert override.history.exists()
    assert counts["committee members whose training lapses before the next meeting"] == 1

    licensing = Committee.objects.get(name="Licensing Committee")
    training = committee_training_flags(licensing, builder.today)
    assert [flag for flag in training.flags if flag.lapsing]
    planning = Committee.objects.get(name="Planning Committee")
    flagged = {f.membership.pk for f in committee_training_flags(planning, builder.today).flags}
    assert override.pk in flagged


def test_demo_without_topics_still_builds_meetings():
    builder = _builder()
    counts = build_compliance(builder)
    assert counts["committee meetings"] > 0
    assert counts["appointments without valid training"] == 0
    assert counts["committee members whose training lapses before the next meeting"] == 0
