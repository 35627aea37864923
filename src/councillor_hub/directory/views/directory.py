"""The council directory: search, officers, the organisation, "who handles what", and the
pages democratic services and administrators use to keep it current (including the staff
directory import). Every page is for signed-in users; the manage pages answer 404 to anyone
who may not manage hub content (directory.permissions)."""

from __future__ import annotations

import datetime
import re
import secrets

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views import View

from .. import importing, selectors, services
from ..forms import OfficerForm, OfficerImportForm, TopicForm, UnitForm
from ..models import Officer, OrgUnit, Topic
from ..permissions import can_manage_hub_content
from .manage import ManageFormView, ManagerRequiredMixin

IMPORT_SESSION_KEY = "directory_import"
IMPORT_FOLDER = "directory-imports"
IMPORT_KEEP_HOURS = 24
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")


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
def _import_path(token: str) -> str:
    return f"{IMPORT_FOLDER}/{token}.csv"


def _store_import(request, text: str, plan: importing.ImportPlan, file_name: str) -> str:
    """Keep the checked file's text on the server (outside the web root) until it is applied;
    the session holds only a random token for it and the dry run's fingerprint."""
    _discard_import(request)
    _sweep_old_imports()
    token = secrets.token_urlsafe(24)
    default_storage.save(_import_path(token), ContentFile(text.encode("utf-8")))
    request.session[IMPORT_SESSION_KEY] = {
        "token": token,
        "fingerprint": plan.fingerprint(),
        "file_name": file_name[:100],
    }
    return token


def _discard_import(request) -> None:
    pending = request.session.pop(IMPORT_SESSION_KEY, None)
    if pending and _TOKEN.match(pending.get("token", "")):
        default_storage.delete(_import_path(pending["token"]))


def _sweep_old_imports() -> None:
    """Delete checked files nobody applied within a day."""
    cutoff = timezone.now() - datetime.timedelta(hours=IMPORT_KEEP_HOURS)
    try:
        _, files = default_storage.listdir(IMPORT_FOLDER)
    except (FileNotFoundError, NotImplementedError):
        return
    for name in files:
        path = f"{IMPORT_FOLDER}/{name}"
        try:
            if default_storage.get_modified_time(path) < cutoff:
                default_storage.delete(path)
        except (FileNotFoundError, NotImplementedError):
            continue


def _load_import(request, token: str) -> tuple[dict, str] | None:
    pending = request.session.get(IMPORT_SESSION_KEY)
    if not pending or not _TOKEN.match(token or "") or pending.get("token") != token:
        return None
    try:
        with default_storage.open(_import_path(token), "rb") as handle:
            return pending, handle.read().decode("utf-8")
    except (FileNotFoundError, OSError, UnicodeDecodeError):
        return None


def _form_with_error(message: str) -> OfficerImportForm:
    """An empty upload form showing `message` in the error summary, on the file field."""
    form = OfficerImportForm()
    form.full_clean()  # unbound: sets up an empty error list
    form.cleaned_data = {}
    form.add_error("file", message)
    return form


class OfficerImportView(ManagerRequiredMixin, View):
    """Update the directory from a staff directory CSV: check it (a dry run), then apply."""

    template_name = "directory/officer_import.html"

    def get(self, request):
        return self._render(request, OfficerImportForm())

    def post(self, request):
        action = request.POST.get("action", "check")
        if action == "apply":
            return self._apply(request)
        if action == "cancel":
            _discard_import(request)
            messages.info(request, "Import cancelled: nothing was changed")
            return redirect("directory:officer_import")
        form = OfficerImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self._render(request, form)
        try:
            plan = importing.plan_import(form.text)
        except importing.ImportFileError as error:
            form.add_error("file", str(error))
            return self._render(request, form)
        file_name = form.cleaned_data["file"].name or ""
        if not plan.is_valid:
            form.add_error(
                "file",
                f"The file has {len(plan.errors)} problem{'s' if len(plan.errors) != 1 else ''}"
                ": nothing has been changed. Correct the rows listed and upload the file again",
            )
            return self._render(request, form, plan=plan, file_name=file_name)
        token = _store_import(request, form.text, plan, file_name) if plan.has_changes else ""
        return self._render(
            request, OfficerImportForm(), plan=plan, token=token, file_name=file_name
        )

    def _apply(self, request):
        token = request.POST.get("token", "")
        loaded = _load_import(request, token)
        if loaded is None:
            form = _form_with_error("The checked file is no longer available: upload it again")
            return self._render(request, form)
        pending, text = loaded
        try:
            result = services.officer_import_apply(
                actor=request.user,
                text=text,
                fingerprint=pending["fingerprint"],
                request=request,
            )
        except services.ImportChanged as changed:
            token = _store_import(request, text, changed.plan, pending.get("file_name", ""))
            return self._render(
                request,
                OfficerImportForm(),
                plan=changed.plan,
                token=token if changed.plan.has_changes else "",
                file_name=pending.get("file_name", ""),
                stale=True,
            )
        except (importing.ImportFileError, ValidationError):
            _discard_import(request)
            form = _form_with_error("The checked file can no longer be used: upload it again")
            return self._render(request, form)
        _discard_import(request)
        messages.success(
            request,
            f"Directory updated: {result.added} added, {result.changed} changed, "
            f"{result.deactivated} deactivated, {result.units_created} new "
            f"unit{'s' if result.units_created != 1 else ''}",
        )
        return redirect("directory:officer_import")

    def _render(self, request, form, **context):
        return render(
            request,
            self.template_name,
            {
                "form": form,
                "columns": importing.COLUMNS,
                "max_errors": importing.MAX_ROW_ERRORS_SHOWN,
                **context,
            },
        )
