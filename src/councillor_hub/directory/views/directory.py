"""The council directory: search, officers, the organisation, "who handles what", and the
pages democratic services and administrators use to keep it current (including the staff
directory import). Every page is for signed-in users; the manage pages answer 404 to anyone
who may not manage hub content (directory.permissions)."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import get_object_or_404, render
from django.views import View

from councillor_hub.core.imports import DryRunImportView, PendingImport

from .. import importing, selectors, services
from ..forms import OfficerForm, OfficerImportForm, TopicForm, UnitForm
from ..models import Officer, OrgUnit, Topic
from ..permissions import can_manage_hub_content
from .manage import ManageFormView, ManagerRequiredMixin

IMPORT_SESSION_KEY = "directory_import"
PENDING = PendingImport(session_key=IMPORT_SESSION_KEY, folder="directory-imports")


def _can_manage(request) -> bool:
    return can_manage_hub_content(request.user)


# ------------------------------------------------------------------------- reading pages
class DirectorySearchView(LoginRequiredMixin, View):
    """Search the directory: officers, teams and who handles what."""

    def get(self, request):
        q = request.GET.get("q", "").strip()[: selectors.MAX_QUERY_LENGTH]
        results = selectors.directory_search(q, user=request.user)
        return render(
            request,
            "directory/home.html",
            {
                "q": q,
                "searched": bool(selectors.search_words(q)),
                "results": results,
                "can_manage": _can_manage(request),
            },
        )


class OfficerDetailView(LoginRequiredMixin, View):
    """One officer: job title, team, contact and out-of-hours details."""

    def get(self, request, pk: int):
        officer = get_object_or_404(selectors.officers_for_display(), pk=pk)
        topics = []
        if officer.is_active and officer.unit_id:
            topics = list(Topic.objects.filter(unit_id=officer.unit_id).order_by("name"))
        return render(
            request,
            "directory/officer_detail.html",
            {"officer": officer, "topics": topics, "can_manage": _can_manage(request)},
        )


class UnitListView(LoginRequiredMixin, View):
    """The organisation: directorates, their services and teams."""

    def get(self, request):
        can_manage = _can_manage(request)
        return render(
            request,
            "directory/unit_list.html",
            {"tree": selectors.unit_tree(include_inactive=can_manage), "can_manage": can_manage},
        )


class UnitDetailView(LoginRequiredMixin, View):
    """One directorate, service or team: its people, its parts and what it handles."""

    def get(self, request, pk: int):
        can_manage = _can_manage(request)
        units = OrgUnit.objects.select_related("parent__parent__parent", "service_area")
        if not can_manage:
            units = units.filter(is_active=True)
        unit = get_object_or_404(units, pk=pk)
        return render(
            request,
            "directory/unit_detail.html",
            {
                "unit": unit,
                "can_manage": can_manage,
                **selectors.unit_detail(unit, include_inactive=can_manage),
            },
        )


class TopicListView(LoginRequiredMixin, View):
    """Who handles what, A to Z: a council team, or an outside body and how to ask them."""

    def get(self, request):
        groups = selectors.topics_a_to_z()
        return render(
            request,
            "directory/topic_list.html",
            {"groups": groups, "can_manage": _can_manage(request)},
        )


# ---------------------------------------------------------------------- managing records
class OfficerFormView(ManageFormView):
    """Add an officer, or change an officer's details (or mark them as having left)."""

    template_name = "directory/officer_form.html"
    form_class = OfficerForm
    queryset = Officer.objects.select_related("unit")
    object_kwarg = "officer"
    create_service = staticmethod(services.officer_create)
    update_service = staticmethod(services.officer_update)


class UnitFormView(ManageFormView):
    """Add a directorate, service or team, or change one (including where it sits)."""

    template_name = "directory/unit_form.html"
    form_class = UnitForm
    queryset = OrgUnit.objects.select_related("parent")
    object_kwarg = "unit"
    create_service = staticmethod(services.unit_create)
    update_service = staticmethod(services.unit_update)


class TopicFormView(ManageFormView):
    """Add a "who handles what" topic, or change one."""

    template_name = "directory/topic_form.html"
    form_class = TopicForm
    queryset = Topic.objects.select_related("unit", "partner")
    object_kwarg = "topic"
    create_service = staticmethod(services.topic_create)
    update_service = staticmethod(services.topic_update)


# ------------------------------------------------------------------------------- import
class OfficerImportView(ManagerRequiredMixin, DryRunImportView):
    """Update the directory from a staff directory CSV: check it (a dry run), then apply."""

    template_name = "directory/officer_import.html"
    form_class = OfficerImportForm
    pending = PENDING
    importing = importing
    url_name = "directory:officer_import"

    def apply(self, request, *, text, fingerprint):
        return services.officer_import_apply(
            actor=request.user, text=text, fingerprint=fingerprint, request=request
        )

    def success_message(self, result) -> str:
        return (
            f"Directory updated: {result.added} added, {result.changed} changed, "
            f"{result.deactivated} deactivated, {result.units_created} new "
            f"unit{'s' if result.units_created != 1 else ''}"
        )
