"""Password reset by email, with NCSC-style password rules and no account enumeration."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from councillor_hub.accounts.models import User
from councillor_hub.accounts.tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

RESET = reverse("accounts:password_reset")
SENT = reverse("accounts:password_reset_done")
COMPLETE = reverse("accounts:password_reset_complete")
NEW_PASSWORD = "marmalade-lighthouse-quiver"


@pytest.fixture
def person():
    return UserFactory(email="person@example.test", full_name="Sam Person")


def _link_from_email(message) -> str:
    match = re.search(
        r"https?://testserver(/accounts/password-reset/[^/\s]+/[^/\s]+/)", message.body
    )
    assert match, message.body
    return match.group(1)


def _open_link(client, person):
    client.post(RESET, {"email": person.email})
    link = _link_from_email(mail.outbox[-1])
    # Django swaps the token in the address for a session marker, then shows the form.
    response = client.get(link, follow=True)
    assert response.status_code == 200
    assert response.context["validlink"] is True
    return response.redirect_chain[-1][0]


def test_reset_page_shows_a_form(client):
    response = client.get(RESET)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Reset your password" in html
    assert 'value="Send reset link"' in html


def test_asking_for_a_reset_sends_an_email_with_a_link(client, person):
    response = client.post(RESET, {"email": "Person@Example.test"})
    assert response.status_code == 302
    assert response.url == SENT
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["person@example.test"]
    assert message.subject == "Reset your Councillor Hub password"
    assert "/accounts/password-reset/" in message.body
    assert "Check your email" in client.get(SENT).content.decode()


def test_an_unknown_email_gets_the_same_confirmation_and_no_email(client, person):
    known = client.post(RESET, {"email": person.email}, follow=True)
    mail.outbox.clear()
    unknown = client.post(RESET, {"email": "nobody@example.test"}, follow=True)
    assert unknown.redirect_chain == known.redirect_chain == [(SENT, 302)]
    assert unknown.content == known.content
    assert mail.outbox == []


def test_a_malformed_email_is_an_error_with_govuk_wording(client):
    response = client.post(RESET, {"email": "not an email"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert "Enter an email address in the correct format, like name@example.com" in html
    assert 'value="not an email"' in html


def test_the_link_sets_a_new_password(client, person):
    form_url = _open_link(client, person)
    response = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302
    assert response.url == COMPLETE
    assert "Password changed" in client.get(COMPLETE).content.decode()
    person.refresh_from_db()
    assert person.check_password(NEW_PASSWORD)
    assert not person.check_password(TEST_PASSWORD)
    signed_in = client.post(
        reverse("accounts:login"), {"username": person.email, "password": NEW_PASSWORD}
    )
    assert signed_in.status_code == 302


def test_the_link_works_only_once(client, person):
    client.post(RESET, {"email": person.email})
    link = _link_from_email(mail.outbox[-1])
    form_url = client.get(link, follow=True).redirect_chain[-1][0]
    client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    again = client.get(link, follow=True)
    assert again.context["validlink"] is False
    assert "This link has expired" in again.content.decode()


def test_a_tampered_link_is_refused(client, person):
    response = client.get(
        reverse("accounts:password_reset_confirm", args=["MQ", "abc-0123456789abcdef"])
    )
    assert response.status_code == 200
    assert "This link has expired" in response.content.decode()


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("password123", "This password is too common."),
        ("password123", "This password is too short. It must contain at least 12 characters."),
        ("Tr0ub4dor&3", "This password is too short. It must contain at least 12 characters."),
        ("123456789012345", "This password is entirely numeric."),
        ("qwertyuiop123", "This password is too common."),
    ],
)
def test_ncsc_rules_reject_weak_passwords_with_clear_messages(client, person, password, message):
    form_url = _open_link(client, person)
    response = client.post(form_url, {"new_password1": password, "new_password2": password})
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert message in html
    person.refresh_from_db()
    assert person.check_password(TEST_PASSWORD)


def test_a_password_like_the_persons_name_or_email_is_refused(client):
    person = UserFactory(email="ps@example.test", full_name="Priya Shah")
    form_url = _open_link(client, person)
    for similar, attribute in (("priyashah2026", "full name"), ("ps@example.test", "email")):
        response = client.post(form_url, {"new_password1": similar, "new_password2": similar})
        assert f"The password is too similar to the {attribute}" in response.content.decode()


def test_the_two_passwords_must_match(client, person):
    form_url = _open_link(client, person)
    response = client.post(
        form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD + "x"}
    )
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    assert User.objects.get(pk=person.pk).check_password(TEST_PASSWORD)


def test_long_passphrases_without_symbols_are_fine(client, person):
    """No composition rules: NCSC advises length and a deny-list, not symbol rules."""
    form_url = _open_link(client, person)
    phrase = "three random words here"
    response = client.post(form_url, {"new_password1": phrase, "new_password2": phrase})
    assert response.status_code == 302
