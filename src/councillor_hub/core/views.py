from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseServerError
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.views import View
from django.views.generic import TemplateView

from councillor_hub.casework.permissions import can_work_on_casework
from councillor_hub.directory.permissions import can_manage_hub_content
from councillor_hub.news.selectors import latest_for as latest_news_for

from . import content

HISTORY_PAGE_SIZE = 25
RECENT_CHANGES = 10


def home(request):
    """Send a person to the start page their roles need."""
    if not request.user.is_authenticated:
        return redirect("accounts:login")
    if can_work_on_casework(request.user):
        return redirect("casework:dashboard")
    return render(
        request,
        "core/home.html",
        {
            "can_manage_content": can_manage_hub_content(request.user),
            "latest_news": latest_news_for(request.user),
        },
    )


class PrivacyView(TemplateView):
    """How Councillor Hub handles personal data."""

    template_name = "core/privacy.html"


class AccessibilityView(TemplateView):
    """Accessibility statement."""

    template_name = "core/accessibility.html"


class ContentManagerMixin(LoginRequiredMixin):
    """Democratic services officers and administrators only; anyone else gets 404."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not can_manage_hub_content(request.user):
            raise Http404("Not found")
        return super().dispatch(request, *args, **kwargs)


class ContentHomeView(ContentManagerMixin, View):
    """Manage hub content: every part of the hub, what needs attention and recent changes."""

    def get(self, request):
        return render(
            request,
            "core/content_home.html",
            {
                "sections": content.manage_sections(),
                "attention": content.needs_attention(),
                "recent": content.recent_changes(RECENT_CHANGES),
            },
        )


class ContentHistoryView(ContentManagerMixin, View):
    """The history of changes to one hub record: who changed what, when, before and after."""

    def get(self, request, kind: str, pk: int):
        entry = content.get_kind(kind)
        if entry is None:
            raise Http404("No such kind of content")
        history = content.object_history(entry, pk)
        obj = entry.model._base_manager.filter(pk=pk).first()
        deleted = obj is None
        if deleted:
            latest = history.first()
            if latest is None:
                raise Http404("No such record")
            obj = latest.instance
        if not entry.can_view(request.user, obj):
            raise Http404("No such record")
        paginator = Paginator(history, HISTORY_PAGE_SIZE)
        page_obj = paginator.get_page(request.GET.get("page"))
        records = list(page_obj.object_list)
        older = None
        if records and records[-1].history_type == "~":
            # The version before the page's oldest entry, to show what that entry changed.
            after = page_obj.end_index()
            older = next(iter(history[after : after + 1]), None)
        return render(
            request,
            "core/content_history.html",
            {
                "kind": entry,
                "name": entry.name_of(obj),
                "detail_url": None if deleted else entry.url_of(obj),
                "deleted": deleted,
                "page_obj": page_obj,
                "entries": content.history_entries(entry, records, older),
                "count": paginator.count,
            },
        )


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
