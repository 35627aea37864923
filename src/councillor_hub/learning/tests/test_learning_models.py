"""Database rules on the learning models, and the municipal-year setting's parsing."""

import datetime

import pytest
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import IntegrityError, transaction

from councillor_hub.config.settings.env import env_month_day
from councillor_hub.learning.models import BookingStatus

from .factories import BookingFactory, CompletionFactory, SessionFactory, TopicFactory

pytestmark = pytest.mark.django_db


def test_session_must_end_after_it_starts():
    start = datetime.datetime(2026, 3, 1, 10, tzinfo=datetime.UTC)
    with pytest.raises(IntegrityError), transaction.atomic():
        SessionFactory(starts_at=start, ends_at=start)


def test_session_capacity_at_least_one():
    with pytest.raises(IntegrityError), transaction.atomic():
        SessionFactory(capacity=0)


def test_topic_valid_for_at_least_a_month():
    with pytest.raises(IntegrityError), transaction.atomic():
        TopicFactory(valid_for_months=0)


def test_one_active_booking_per_member_and_session():
    booking = BookingFactory(status=BookingStatus.CANCELLED)
    BookingFactory(session=booking.session, member=booking.member)
    with pytest.raises(IntegrityError), transaction.atomic():
        BookingFactory(session=booking.session, member=booking.member, status=BookingStatus.WAITING)


def test_one_completion_per_member_and_session():
    session = SessionFactory()
    completion = CompletionFactory(session=session, topic=session.topic)
    CompletionFactory(member=completion.member, topic=session.topic)  # no session: fine
    with pytest.raises(IntegrityError), transaction.atomic():
        CompletionFactory(member=completion.member, session=session, topic=session.topic)


def test_required_roles_must_be_known_roles():
    topic = TopicFactory.build(name="Ethics", required_for_roles=["councillor", "wizard"])
    with pytest.raises(ValidationError):
        topic.full_clean()
    topic.required_for_roles = ["councillor"]
    topic.full_clean()


def test_topic_keeps_history():
    topic = TopicFactory()
    topic.valid_for_months = 24
    topic.save()
    assert topic.history.count() == 2


@pytest.mark.parametrize(("value", "expected"), [("05-01", (5, 1)), (" 12-31 ", (12, 31))])
def test_municipal_year_start_setting(monkeypatch, value, expected):
    monkeypatch.setenv("X_START", value)
    assert env_month_day("X_START", "05-01") == expected


@pytest.mark.parametrize("value", ["02-29", "13-01", "5/1", "May", "", "04-31"])
def test_municipal_year_start_setting_rejects_bad_days(monkeypatch, value):
    monkeypatch.setenv("X_START", value)
    with pytest.raises(ImproperlyConfigured, match="MM-DD"):
        env_month_day("X_START", "05-01")
