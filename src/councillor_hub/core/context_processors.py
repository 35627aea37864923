from django.conf import settings
from django.urls import reverse

from councillor_hub.casework.permissions import can_work_on_casework
from councillor_hub.dataprotection.permissions import (
    can_use_breach_register,
    can_view_retention_runs,
)
from councillor_hub.directory.permissions import can_manage_hub_content
from councillor_hub.enquiries.permissions import (
    SERVICE_ROLES,
    can_view_performance,
    is_member,
    is_support,
)
from councillor_hub.learning.permissions import (
    can_manage_learning,
    can_view_group_progress,
    is_learner,
)
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
    if is_support(user):
        items.append(("Triage", reverse("enquiries:triage_queue")))
    if user.has_role(*SERVICE_ROLES):
        items.append(("Service enquiries", reverse("enquiries:service_queue")))
    if can_view_performance(user):
        items.append(("Performance", reverse("enquiries:performance")))
    # Member development: members in the programme, those who run it, and whips.
    if is_learner(user) or can_manage_learning(user) or can_view_group_progress(user):
        items.append(("Training", reverse("learning:home")))
    if can_use_breach_register(user) or can_view_retention_runs(user):
        items.append(("Data protection", reverse("dataprotection:home")))
    # The information hub (search, directory, councillors, library, FAQs) is for everyone
    # signed in: one menu item, its start page links each part.
    items.append(("Information", reverse("search:search")))
    if can_manage_hub_content(user):
        items.append(("Manage content", reverse("core:content_home")))
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True).count()
    items.append((f"Notifications ({unread})", reverse("notifications:list")))
    # The most specific item is the current one: /enquiries/team/queue/ is "Triage", not
    # "Enquiries" as well.
    path = request.path
    matches = [url for _, url in items if path == url or (url != "/" and path.startswith(url))]
    current = max(matches, key=len, default=None)
    context["navigation"] = [
        {"label": label, "url": url, "active": url == current} for label, url in items
    ]
    return context
