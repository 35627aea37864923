"""The performance report counts in the database what it used to work out per enquiry in
Python (issue 7). These check the shortcuts give exactly the old answers."""

import datetime
import statistics

import pytest
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from councillor_hub.core.working_days import add_working_days, working_days_between
from councillor_hub.enquiries.models import Enquiry
from councillor_hub.enquiries.selectors.performance import (
    median_and_p90,
    percentile,
    received_by_age_at_least,
)

from .factories import EnquiryFactory

moments = st.builds(
    lambda day, minutes: timezone.make_aware(
        datetime.datetime.combine(day, datetime.time(minutes // 60, minutes % 60))
    ),
    st.dates(min_value=datetime.date(2024, 1, 1), max_value=datetime.date(2029, 12, 31)),
    st.integers(min_value=0, max_value=24 * 60 - 1),
)


@given(st.lists(st.integers(min_value=0, max_value=60), max_size=200))
def test_median_and_p90_from_counts_match_the_expanded_list(values):
    counts = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    median, p90 = median_and_p90(list(counts.items()))
    if not values:
        assert (median, p90) == (None, None)
    else:
        assert median == float(statistics.median(values))
        assert p90 == percentile(values, 0.9)


@settings(max_examples=150, deadline=None)
@given(moments, moments, st.sampled_from([1, 5, 6, 11, 21]))
def test_age_boundary_is_exact(received, now, days):
    """'At least `days` working days old at `now`' is exactly 'received at or before the
    boundary', for any receipt time."""
    if received > now:
        received, now = now, received
    boundary = received_by_age_at_least(days, now)
    assert (working_days_between(received, now) >= days) == (received <= boundary)
    # And the boundary itself is the last such moment.
    assert add_working_days(boundary, days) <= now
    assert add_working_days(boundary + datetime.timedelta(microseconds=1), days) > now


@pytest.mark.django_db
def test_answer_working_days_is_kept_when_answered(world):
    received = timezone.make_aware(datetime.datetime(2026, 3, 2, 10, 0))  # a Monday
    enquiry = EnquiryFactory(member=world.councillor, received_at=received)
    assert enquiry.answer_working_days is None
    enquiry.answered_at = received + datetime.timedelta(days=9)  # the next Wednesday
    enquiry.save(update_fields=["answered_at"])
    stored = Enquiry.unrestricted.values_list("answer_working_days", flat=True).get(pk=enquiry.pk)
    assert stored == working_days_between(received, enquiry.answered_at) == 7
    enquiry.answered_at = None
    enquiry.save()
    assert Enquiry.unrestricted.get(pk=enquiry.pk).answer_working_days is None
