"""Signing in and out, throttling of repeated failures, and idle session expiry."""

import time
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from councillor_hub.accounts.tests.factories import TEST_PASSWORD, UserFactory
from councillor_hub.audit.models import Action, AuditEvent

pytestmark = pytest.mark.django_db

SIGN_IN = reverse("accounts:login")
SIGN_OUT = reverse("accounts:logout")
HOME = reverse("core:home")
IP = "203.0.113.7"


def sign_in(client, email, password=TEST_PASSWORD, ip=IP, **extra):
    return client.post(SIGN_IN, {"username": email, "password": password}, REMOTE_ADDR=ip, **extra)


@pytest.fixture
def person():
    # No casework roles, so the home page renders rather than redirecting to casework.
    return UserFactory(email="person@example.test", full_name="Sam Person")


def test_sign_in_page_shows_the_form(client):
    response = client.get(SIGN_IN)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Sign in – Councillor Hub</title>" in html
    assert 'for="id_username"' in html and "Email address" in html
    assert 'type="password"' in html
    assert 'type="submit"' in html and 'value="Sign in"' in html
    assert 'autocomplete="email"' in html


def test_home_sends_anonymous_people_to_sign_in(client):
    response = client.get(HOME)
    assert response.status_code == 302
    assert response.url.startswith(SIGN_IN)


def test_sign_in_lands_on_the_start_page_and_is_audited(client, person):
    response = sign_in(client, "person@example.test")
    assert response.status_code == 302
    assert response.url == HOME
    assert client.session["_auth_user_id"] == str(person.pk)
    home = client.get(HOME)
    assert home.status_code == 200
    assert "Sam Person" in home.content.decode()
    event = AuditEvent.objects.get(action=Action.LOGIN)
    assert event.actor == person
    assert event.object_type == "accounts.user"
    assert event.object_id == str(person.pk)
    assert event.ip_address == IP


def test_email_is_not_case_sensitive(client, person):
    response = sign_in(client, "  Person@Example.TEST ")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(person.pk)


def test_sign_in_follows_a_safe_next_link_only(client, person):
    response = client.post(
        f"{SIGN_IN}?next=/privacy/",
        {"username": person.email, "password": TEST_PASSWORD},
        REMOTE_ADDR=IP,
    )
    assert response.url == "/privacy/"
    client.post(SIGN_OUT)
    response = client.post(
        f"{SIGN_IN}?next=https://evil.example/",
        {"username": person.email, "password": TEST_PASSWORD},
        REMOTE_ADDR=IP,
    )
    assert response.url == HOME


def test_wrong_password_shows_the_error_summary_and_keeps_the_email(client, person):
    response = sign_in(client, "person@example.test", "not-my-password")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Error: Sign in – Councillor Hub</title>" in html
    assert "govuk-error-summary" in html
    assert "There is a problem" in html
    assert "Enter a correct email address and password" in html
    assert 'value="person@example.test"' in html
    # The password is never sent back.
    assert "not-my-password" not in html
    assert "_auth_user_id" not in client.session
    assert not AuditEvent.objects.filter(action=Action.LOGIN).exists()


def test_a_failed_sign_in_is_audited_without_personal_details(client, person):
    sign_in(client, "person@example.test", "not-my-password")
    event = AuditEvent.objects.get(action=Action.LOGIN_FAILED)
    assert event.actor is None
    assert event.object_id == str(person.pk)
    assert "person@example.test" not in f"{event.object_label}{event.detail}"
    assert event.ip_address == IP


def test_empty_fields_get_govuk_messages(client):
    response = sign_in(client, "", "")
    html = response.content.decode()
    assert "Enter your email address" in html
    assert "Enter your password" in html


def test_unknown_email_gets_the_same_message(client, person):
    response = sign_in(client, "nobody@example.test", "whatever-password")
    assert response.status_code == 200
    assert "Enter a correct email address and password" in response.content.decode()


def test_a_closed_account_cannot_sign_in(client):
    UserFactory(email="closed@example.test", is_active=False)
    response = sign_in(client, "closed@example.test")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_signed_in_people_skip_the_sign_in_page(client, person):
    sign_in(client, person.email)
    response = client.get(SIGN_IN)
    assert response.status_code == 302


def test_sign_out_needs_a_post_and_is_audited(client, person):
    sign_in(client, person.email)
    assert client.get(SIGN_OUT).status_code == 405
    assert "_auth_user_id" in client.session
    response = client.post(SIGN_OUT)
    assert response.status_code == 302
    assert response.url == SIGN_IN
    assert "_auth_user_id" not in client.session
    event = AuditEvent.objects.get(action=Action.LOGOUT)
    assert event.actor == person
    assert client.get(HOME).status_code == 302


def test_pages_for_signed_in_people_offer_sign_out_as_a_form(client, person):
    sign_in(client, person.email)
    html = client.get(HOME).content.decode()
    assert f'action="{SIGN_OUT}"' in html
    assert "Sign out" in html


# --- Throttling (django-axes) ----------------------------------------------------------------


def test_limit_is_five_failures():
    assert settings.AXES_FAILURE_LIMIT == 5


def test_repeated_wrong_passwords_lock_the_account_even_for_the_right_password(client, person):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, person.email, "not-my-password")
    response = sign_in(client, person.email, TEST_PASSWORD)
    assert response.status_code == 429
    html = response.content.decode()
    assert "Too many attempts to sign in" in html
    assert "reset your password" in html
    assert "_auth_user_id" not in client.session
    assert not AuditEvent.objects.filter(action=Action.LOGIN).exists()


def test_changing_the_case_of_the_email_does_not_get_round_the_lock(client, person):
    variants = ["person@example.test", "PERSON@example.test", "Person@Example.Test"]
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, variants[attempt % len(variants)], "not-my-password")
    response = sign_in(client, "PeRsOn@example.test", TEST_PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_fewer_failures_than_the_limit_still_allow_sign_in(client, person):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, person.email, "not-my-password")
    response = sign_in(client, person.email, TEST_PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(person.pk)


def test_one_locked_account_does_not_lock_another(client, person):
    other = UserFactory(email="other@example.test")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, person.email, "not-my-password")
    response = sign_in(client, other.email)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(other.pk)


# --- Idle session expiry ---------------------------------------------------------------------


def test_sessions_expire_after_inactivity_and_use_extends_them():
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert "councillor_hub.accounts.middleware.IdleSessionMiddleware" in settings.MIDDLEWARE


def test_a_request_a_minute_later_pushes_the_expiry_forward(client, person, monkeypatch):
    from councillor_hub.accounts import middleware

    sign_in(client, person.email)
    session = Session.objects.get(session_key=client.session.session_key)
    Session.objects.filter(pk=session.pk).update(expire_date=timezone.now() + timedelta(minutes=1))
    later = time.time() + middleware.REFRESH_EVERY_SECONDS
    monkeypatch.setattr(middleware.time, "time", lambda: later)
    assert client.get(HOME).status_code == 200
    refreshed = Session.objects.get(pk=session.pk).expire_date
    expected = timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE)
    assert abs((refreshed - expected).total_seconds()) < 60


def test_requests_within_the_minute_do_not_write_the_session(client, person):
    sign_in(client, person.email)
    client.get(HOME)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(HOME).status_code == 200
    writes = [q["sql"] for q in queries if "django_session" in q["sql"]]
    assert not any(sql.lstrip().upper().startswith(("UPDATE", "INSERT")) for sql in writes)


def test_an_idle_session_is_signed_out(client, person, settings):
    settings.SESSION_COOKIE_AGE = 60
    sign_in(client, person.email)
    assert client.get(HOME).status_code == 200
    key = client.session.session_key
    # Nobody touched the session for longer than the idle timeout.
    Session.objects.filter(session_key=key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    response = client.get(HOME)
    assert response.status_code == 302
    assert response.url.startswith(SIGN_IN)
