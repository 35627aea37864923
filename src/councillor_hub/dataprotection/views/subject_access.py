"""Subject access requests: log, track the one-month deadline, find the person's records and
export them.

Requests are fetched through the permission rules (dataprotection/permissions.py): the data
protection officer answers for the council, a councillor or MP for their own casework, and a
request the user may not see answers 404 on every page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models.functions import Coalesce
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views import View

from councillor_hub.audit.models import Action
from councillor_hub.audit.services import audit_record
from councillor_hub.core.forms import form_add_service_errors

from .. import permissions
from ..dates import sar_latest_extended_due
from ..forms.subject_access import (
    COUNCIL,
    ConstituentSearchForm,
    SarCompleteForm,
    SarConstituentsForm,
    SarEnquiryMatchForm,
    SarExtendForm,
    SarForm,
    SarReopenForm,
    SarWithdrawForm,
)
from ..models import SarStatus, SubjectAccessRequest
from ..services import subject_access as services

PAGE_SIZE = 25
STATUS_FILTERS = {"open", "completed", "withdrawn"}


def _require_tools(user) -> None:
    if not permissions.can_use_controller_tools(user):
        raise Http404("No subject access requests")


def _sar(request, reference: str) -> SubjectAccessRequest:
    return get_object_or_404(
        SubjectAccessRequest.visible_to(request.user).select_related("controller", "recorded_by"),
        reference=reference[:20],
    )


class SarListView(LoginRequiredMixin, View):
    """The subject access requests of the controllers the user answers for."""

    template_name = "dataprotection/subject_access/list.html"

    def get(self, request):
        _require_tools(request.user)
        status = request.GET.get("status", "")
        status = status if status in STATUS_FILTERS else ""
        requests = (
            SubjectAccessRequest.visible_to(request.user)
            .select_related("controller")
            .annotate(
                current_due=Coalesce("extended_due_on", "due_on"),
                closed=models.Case(
                    models.When(status=SarStatus.OPEN, then=models.Value(0)),
                    default=models.Value(1),
                    output_field=models.IntegerField(),
                ),
            )
            .order_by("closed", "current_due", "-id")
        )
        if status:
            requests = requests.filter(status=status)
        paginator = Paginator(requests, PAGE_SIZE)
        page_obj = paginator.get_page(request.GET.get("page"))
        rows = [(sar, services.sar_deadline(sar)) for sar in page_obj.object_list]
        user = request.user
        return render(
            request,
            self.template_name,
            {
                "page_obj": page_obj,
                "rows": rows,
                "count": paginator.count,
                "status": status,
                "is_dpo": permissions.is_data_protection_officer(user),
                "show_controller": permissions.is_data_protection_officer(user)
                and permissions.is_own_controller(user),
            },
        )


class SarCreateView(LoginRequiredMixin, View):
    """Log a subject access request."""

    template_name = "dataprotection/subject_access/form.html"

    def _form(self, request, data=None) -> SarForm:
        user = request.user
        both = permissions.is_data_protection_officer(user) and permissions.is_own_controller(user)
        initial = {"received_on": timezone.localdate()}
        return SarForm(data, initial=initial, choose_controller=both)

    def _controller(self, request, form):
        user = request.user
        if "controller_choice" in form.cleaned_data:
            return None if form.cleaned_data["controller_choice"] == COUNCIL else user
        return user if permissions.is_own_controller(user) else None

    def get(self, request):
        _require_tools(request.user)
        return render(request, self.template_name, {"form": self._form(request)})

    def post(self, request):
        _require_tools(request.user)
        form = self._form(request, request.POST)
        if form.is_valid():
            try:
                sar = services.sar_record(
                    actor=request.user,
                    controller=self._controller(request, form),
                    request=request,
                    **form.service_fields(),
                )
            except ValidationError as error:
                form_add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    f"Request {sar.reference} logged: respond by {services.date_text(sar.due_on)}",
                )
                return redirect("dataprotection:sar_detail", reference=sar.reference)
        return render(request, self.template_name, {"form": form})


class SarDetailView(LoginRequiredMixin, View):
    """One request: its deadline, what has been found and what to do next."""

    template_name = "dataprotection/subject_access/detail.html"

    def get(self, request, reference):
        sar = _sar(request, reference)
        audit_record(
            actor=request.user,
            action=Action.VIEW,
            obj=sar,
            label=sar.reference,
            data_controller=sar.controller,
            request=request,
        )
        return render(
            request,
            self.template_name,
            {
                "sar": sar,
                "deadline": services.sar_deadline(sar),
                "found": services.sar_found(sar),
                "preview_limit": services.PREVIEW_LIMIT,
            },
        )


class SarUpdateView(LoginRequiredMixin, View):
    """Extend the deadline, mark the request completed or withdrawn, or reopen it."""

    template_name = "dataprotection/subject_access/update.html"

    def _forms(self, sar, action: str = "", data=None) -> dict:
        latest = sar_latest_extended_due(sar.due_on)
        return {
            "extend": SarExtendForm(data if action == "extend" else None, sar=sar, latest=latest),
            "complete": SarCompleteForm(data if action == "complete" else None, sar=sar),
            "withdraw": SarWithdrawForm(data if action == "withdraw" else None),
            "reopen": SarReopenForm(data if action == "reopen" else None),
        }

    def _render(self, request, sar, forms, action=""):
        return render(
            request,
            self.template_name,
            {
                "sar": sar,
                "forms": forms,
                # base.html and the error summary read `form`: the one that was sent.
                "form": forms.get(action),
                "latest": sar_latest_extended_due(sar.due_on),
                "deadline": services.sar_deadline(sar),
            },
        )

    def get(self, request, reference):
        sar = _sar(request, reference)
        return self._render(request, sar, self._forms(sar))

    def post(self, request, reference):
        sar = _sar(request, reference)
        action = request.POST.get("action", "")
        forms = self._forms(sar, action, request.POST)
        form = forms.get(action)
        if form is None:
            return redirect("dataprotection:sar_update", reference=sar.reference)
        if form.is_valid():
            try:
                self._apply(request, sar, action, form.cleaned_data)
            except ValidationError as error:
                form_add_service_errors(form, error)
            else:
                return redirect("dataprotection:sar_detail", reference=sar.reference)
        return self._render(request, sar, forms, action)

    def _apply(self, request, sar, action: str, data: dict) -> None:
        actor = request.user
        if action == "extend":
            services.sar_extend(
                actor=actor,
                sar=sar,
                extended_due_on=data["extended_due_on"],
                extension_reason=data["extension_reason"],
                requester_told_on=data["requester_told_on"],
                request=request,
            )
            messages.success(
                request, f"Deadline extended to {services.date_text(sar.extended_due_on)}"
            )
        elif action == "complete":
            services.sar_complete(
                actor=actor, sar=sar, completed_on=data["completed_on"], request=request
            )
            messages.success(request, f"Request {sar.reference} marked as completed")
        elif action == "withdraw":
            services.sar_withdraw(actor=actor, sar=sar, request=request)
            messages.success(request, f"Request {sar.reference} marked as withdrawn")
        else:
            services.sar_reopen(actor=actor, sar=sar, request=request)
            messages.success(request, f"Request {sar.reference} reopened")


class SarMatchView(LoginRequiredMixin, View):
    """Find the person's records: a councillor ticks their own constituent records; the data
    protection officer enters the details the council's enquiries are matched on."""

    template_name = "dataprotection/subject_access/match.html"

    def get(self, request, reference):
        sar = _sar(request, reference)
        if sar.controller_is_council:
            form = SarEnquiryMatchForm(
                initial={
                    "match_name": sar.match_name,
                    "match_email": sar.match_email,
                    "match_phone": sar.match_phone,
                }
            )
            return self._render_council(request, sar, form, searched=True)
        search = ConstituentSearchForm(request.GET or None)
        q = search.cleaned_data["q"] if search.is_valid() else ""
        return self._render_councillor(request, sar, search, q)

    def post(self, request, reference):
        sar = _sar(request, reference)
        if sar.controller_is_council:
            form = SarEnquiryMatchForm(request.POST)
            if form.is_valid():
                try:
                    services.sar_match_set(
                        actor=request.user, sar=sar, request=request, **form.cleaned_data
                    )
                except ValidationError as error:
                    form_add_service_errors(form, error)
                else:
                    messages.success(request, "Search details saved")
                    return redirect("dataprotection:sar_match", reference=sar.reference)
            return self._render_council(request, sar, form, searched=False)
        search = ConstituentSearchForm(request.POST)
        q = search.cleaned_data["q"] if search.is_valid() else ""
        form = SarConstituentsForm(
            request.POST,
            queryset=permissions.erasable_constituents(request.user).filter(
                owner_id=sar.controller_id
            ),
        )
        if form.is_valid():
            services.sar_constituents_set(
                actor=request.user,
                sar=sar,
                constituents=form.cleaned_data["constituents"],
                request=request,
            )
            count = len(form.cleaned_data["constituents"])
            messages.success(
                request, f"{count} constituent record{'s' if count != 1 else ''} chosen"
            )
            return redirect("dataprotection:sar_detail", reference=sar.reference)
        return self._render_councillor(request, sar, search, q, form=form)

    def _render_council(self, request, sar, form, *, searched: bool):
        enquiries = []
        if searched and (sar.match_name or sar.match_email or sar.match_phone):
            enquiries = services.sar_found(sar).enquiries
            audit_record(
                actor=request.user,
                action=Action.SEARCH,
                obj=sar,
                label=sar.reference,
                detail="Enquiries matching a subject access request",
                request=request,
            )
        return render(
            request,
            self.template_name,
            {
                "sar": sar,
                "form": form,
                "enquiries": enquiries,
                "searched": searched and bool(sar.match_name or sar.match_email or sar.match_phone),
                "preview_limit": services.PREVIEW_LIMIT,
            },
        )

    def _render_councillor(self, request, sar, search, q, *, form=None):
        chosen = list(services.sar_chosen_constituents(sar))
        results = []
        if q:
            results = list(
                services.sar_constituent_search(user=request.user, q=q)[: services.SEARCH_LIMIT]
            )
            audit_record(
                actor=request.user,
                action=Action.SEARCH,
                obj=sar,
                label=sar.reference,
                data_controller=sar.controller,
                detail="Constituents for a subject access request",
                request=request,
            )
        chosen_ids = {c.pk for c in chosen}
        shown = chosen + [c for c in results if c.pk not in chosen_ids]
        if form is None:
            form = SarConstituentsForm(initial={"constituents": list(chosen_ids)}, queryset=None)
        # Show the chosen records and the search results, whatever was posted.
        form.fields["constituents"].queryset = None
        form.fields["constituents"].choices = [
            (c.pk, form.fields["constituents"].label_from_instance(c)) for c in shown
        ]
        return render(
            request,
            self.template_name,
            {
                "sar": sar,
                "search": search,
                "q": q,
                "form": form,
                "chosen": chosen,
                "results": results,
                "more_results": len(results) >= services.SEARCH_LIMIT,
            },
        )


class SarExportView(LoginRequiredMixin, View):
    """Download everything found as a ZIP: a readable document, a JSON file and the files."""

    def get(self, request, reference):
        sar = _sar(request, reference)
        filename, handle = services.sar_export(actor=request.user, sar=sar, request=request)
        response = FileResponse(
            handle, as_attachment=True, filename=filename, content_type="application/zip"
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "no-store, private"
        return response
