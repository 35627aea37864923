from django.conf import settings
from django.urls import reverse

from councillor_hub.casework.permissions import can_work_on_casework
from councillor_hub.enquiries.permissions import is_member
from councillor_hub.notifications.models import Notification


def site(request):
    """Service name and the navigation a signed-in person's roles allow."""
    context = {"service_name": "Councillor Hub", "council_name": settings.COUNCIL_NAME}
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return context
    items = [("Home", reverse("core:home"))]
    casework = can_work_on_casework(user)
    if casework:
        items += [
            ("My cases", reverse("casework:case_list")),
            ("Constituents", reverse("casework:constituent_list")),
            ("Patterns", reverse("casework:patterns")),
        ]
    if user.is_casework_owner:
        items.append(("Access", reverse("casework:access_settings")))
    # enquiries.permissions.can_raise without another query: a member, or a delegate (whose
    # grants are what give them casework).
    if is_member(user) or casework:
        items.append(("Enquiries", reverse("enquiries:my_enquiries")))
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True).count()
    items.append((f"Notifications ({unread})", reverse("notifications:list")))
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
