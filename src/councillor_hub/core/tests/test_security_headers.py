"""Security headers on every page, no caching of signed-in pages, and production settings that
pass Django's deployment checks."""

import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings
from django.urls import reverse

from councillor_hub.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _csp(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        name, _, value = part.strip().partition(" ")
        directives[name] = value
    return directives


@pytest.fixture
def sign_in_page(client):
    return client.get(reverse("accounts:login"))


def test_content_security_policy_allows_only_our_own_scripts_and_styles(sign_in_page):
    csp = _csp(sign_in_page)
    assert csp["script-src"] == "'self'"
    assert csp["style-src"] == "'self'"
    assert csp["default-src"] == "'self'"
    assert csp["object-src"] == "'none'"
    assert csp["frame-ancestors"] == "'none'"
    assert csp["form-action"] == "'self'"
    assert "unsafe-inline" not in sign_in_page["Content-Security-Policy"]
    assert "unsafe-eval" not in sign_in_page["Content-Security-Policy"]


def test_pages_cannot_be_framed_or_sniffed(sign_in_page):
    assert sign_in_page["X-Frame-Options"] == "DENY"
    assert sign_in_page["X-Content-Type-Options"] == "nosniff"
    assert sign_in_page["Referrer-Policy"] == "same-origin"
    assert sign_in_page["Cross-Origin-Opener-Policy"] == "same-origin"


def test_pages_have_no_inline_scripts_or_styles(sign_in_page):
    html = sign_in_page.content.decode()
    assert "<script>" not in html
    assert "style=" not in html
    assert "<style" not in html


def test_signed_in_pages_are_not_stored_by_browsers(client):
    client.force_login(
        UserFactory(), backend="councillor_hub.accounts.backends.UserWithProfileBackend"
    )
    response = client.get(reverse("core:home"))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "Content-Security-Policy" in response
    assert response["X-Frame-Options"] == "DENY"


def test_session_and_csrf_cookies_are_not_readable_by_scripts(client):
    UserFactory(email="cookie@example.test")
    response = client.post(
        reverse("accounts:login"),
        {"username": "cookie@example.test", "password": "correct-horse-battery-staple"},
    )
    session = response.cookies[settings.SESSION_COOKIE_NAME]
    assert session["httponly"]
    assert session["samesite"] == "Lax"
    assert settings.CSRF_COOKIE_HTTPONLY


def _manage(env_overrides: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, **env_overrides}
    # Set by the browser tests' fixtures; a deployment must never have these.
    for name in ("DJANGO_DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE", "DATABASE_URL"):
        env.pop(name, None)
    return subprocess.run(  # noqa: S603 - fixed arguments, our own manage.py
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "councillor_hub.config.settings.production",
    "DJANGO_ALLOWED_HOSTS": "hub.example.org",
}


def test_production_settings_pass_the_deployment_checks():
    result = _manage(
        {**PRODUCTION, "DJANGO_SECRET_KEY": secrets.token_urlsafe(48)[:64]},
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_strong_secret_key():
    result = _manage({**PRODUCTION, "DJANGO_SECRET_KEY": "short"}, "check")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr
