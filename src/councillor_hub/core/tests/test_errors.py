"""Error pages are GOV.UK pages that never show internals."""

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse

from councillor_hub.accounts.tests.factories import UserFactory
from councillor_hub.core import views

pytestmark = pytest.mark.django_db


def test_an_unknown_address_gives_the_govuk_page_not_found(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "<title>Page not found – Councillor Hub</title>" in html
    assert '<h1 class="govuk-heading-l">Page not found</h1>' in html
    assert "govuk-template" in html
    # Never Django's debug page.
    assert "URLconf" not in html
    assert "Traceback" not in html


def test_page_not_found_for_signed_in_people_keeps_the_navigation(client):
    client.force_login(
        UserFactory(), backend="councillor_hub.accounts.backends.UserWithProfileBackend"
    )
    response = client.get("/casework/cases/CW-1999-99999/nothing/")
    assert response.status_code == 404
    assert "Sign out" in response.content.decode()


def test_the_server_error_page_needs_no_request_context():
    response = views.server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert "Sorry, there is a problem with the service" in html
    assert "govuk-template" in html


@pytest.mark.parametrize(
    ("handler", "status", "heading"),
    [
        (views.permission_denied, 403, "You do not have permission to do that"),
        (views.bad_request, 400, "Bad request"),
    ],
)
def test_other_error_pages(handler, status, heading, client):
    request = RequestFactory().get("/")
    request.user = UserFactory()
    response = handler(request)
    assert response.status_code == status
    assert heading in response.content.decode()


def test_a_form_without_its_security_token_explains_what_to_do():
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        reverse("accounts:login"), {"username": "a@example.test", "password": "x"}
    )
    assert response.status_code == 403
    html = response.content.decode()
    assert "Your page has expired" in html
    assert "a@example.test" not in html


def test_a_bad_host_header_gets_400_not_500(client, settings):
    settings.ALLOWED_HOSTS = ["hub.example.org"]
    response = client.get("/accounts/sign-in/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert "Bad request" in response.content.decode()
