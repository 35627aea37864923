from django.conf import settings
from django.urls import reverse

from councillor_hub.casework.permissions import can_work_on_casework


def site(request):
    """Service name and the navigation a signed-in person's roles allow."""
    context = {"service_name": "Councillor Hub", "council_name": settings.COUNCIL_NAME}
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return context
    items = [("Home", reverse("core:home"))]
    if can_work_on_casework(user):
        items += [
            ("My cases", reverse("casework:case_list")),
            ("Constituents", reverse("casework:constituent_list")),
            ("Patterns", reverse("casework:patterns")),
        ]
    if user.is_casework_owner:
        items.append(("Access", reverse("casework:access_settings")))
    path = request.path
    context["navigation"] = [
        {
            "label": label,
            "url": url,
            "active": path == url if url == "/" else path.startswith(url),
        }
        for label, url in items
    ]
    return context
