from django.conf import settings
from django.http import HttpResponseServerError
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.views.generic import TemplateView

from councillor_hub.casework.permissions import can_work_on_casework


def home(request):
    """Send a person to the start page their roles need."""
    if not request.user.is_authenticated:
        return redirect("accounts:login")
    if can_work_on_casework(request.user):
        return redirect("casework:dashboard")
    return render(request, "core/home.html")


class PrivacyView(TemplateView):
    """How Councillor Hub handles personal data."""

    template_name = "core/privacy.html"


class AccessibilityView(TemplateView):
    """Accessibility statement."""

    template_name = "core/accessibility.html"


def page_not_found(request, exception=None):
    return render(request, "core/404.html", status=404)


def server_error(request):
    # Rendered without the request: context processors may need the database that just failed.
    html = render_to_string(
        "core/500.html",
        {"service_name": "Councillor Hub", "council_name": settings.COUNCIL_NAME},
    )
    return HttpResponseServerError(html)


def permission_denied(request, exception=None):
    return render(request, "core/403.html", status=403)


def bad_request(request, exception=None):
    return render(request, "core/400.html", status=400)


def csrf_failure(request, reason=""):
    """A form was sent without a valid security token (often an expired session or a stale
    tab). Nothing the person typed is shown back, but we explain how to recover."""
    return render(request, "core/csrf_failure.html", status=403)
