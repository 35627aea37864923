"""Cases and their timeline: open, read, change, log, attach, link, history.

Cases are fetched through the permission rules (casework/permissions.py via the selectors), so
a case the user may not see, or may not change, answers 404."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views import View

from councillor_hub.accounts.models import User
from councillor_hub.audit.models import Action
from councillor_hub.core.downloads import private_file_response
from councillor_hub.core.forms import form_add_service_errors

from .. import permissions
from ..forms.cases import (
    CaseConstituentAddForm,
    CaseCreateForm,
    CaseEditForm,
    CaseLinkForm,
    CaseStatusForm,
    TimelineEntryForm,
)
from ..models import Case, Status
from ..selectors import case_page
from ..services.attachments import attachment_max_bytes
from ..services.case_audit import audit_case
from ..services.cases import (
    EDITABLE_FIELDS,
    case_change_status,
    case_constituent_add,
    case_constituent_remove,
    case_create,
    case_link_add,
    case_update,
    timeline_entry_add,
)


def _editable_case(request, reference: str) -> Case:
    return get_object_or_404(case_page.case_editable(user=request.user, reference=reference))


def _audit_view(request, case: Case, detail: str = "") -> None:
    audit_case(
        actor=request.user,
        action=Action.VIEW,
        case=case,
        detail=detail,
        request=request,
    )


class CaseCreateView(LoginRequiredMixin, View):
    """Open a new case for the councillor the user works for."""

    template_name = "casework/cases/case_form.html"

    def _owners(self):
        return User.objects.filter(pk__in=permissions.acting_for(self.request.user)).order_by(
            "full_name", "email"
        )

    def _constituents(self):
        return permissions.editable_constituents(self.request.user).order_by(
            "last_name", "first_name", "pk"
        )

    def _form(self, data=None) -> CaseCreateForm:
        owners = self._owners()
        if not owners:
            raise Http404("No casework")
        initial = {}
        constituent_id = self.request.GET.get("constituent", "")
        if constituent_id.isdigit():
            constituent = (
                permissions.editable_constituents(self.request.user)
                .filter(pk=int(constituent_id))
                .first()
            )
            if constituent is not None:
                initial = {"constituent": constituent.pk, "owner": constituent.owner_id}
                if constituent.ward_id:
                    initial["ward"] = constituent.ward_id
                if constituent.postcode:
                    initial["postcode"] = constituent.postcode
        if len(owners) == 1 and "ward" not in initial:
            profile = getattr(owners[0], "councillor_profile", None)
            if profile is not None:
                initial["ward"] = profile.ward_id
        return CaseCreateForm(
            data, initial=initial, owners=owners, constituents=self._constituents()
        )

    def get(self, request):
        return render(request, self.template_name, {"form": self._form()})

    def post(self, request):
        form = self._form(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            constituent = data.get("constituent")
            try:
                case = case_create(
                    actor=request.user,
                    owner=data["owner"],
                    title=data["title"],
                    description=data["description"],
                    category=data["category"],
                    ward=data["ward"],
                    location=data["location"],
                    postcode=data["postcode"],
                    channel=data["channel"],
                    priority=data["priority"],
                    follow_up_date=data["follow_up_date"],
                    tags=data["tags"],
                    constituents=[constituent] if constituent else [],
                    lawful_basis=data["lawful_basis"],
                    has_special_category_data=data["has_special_category_data"],
                    special_category_condition=data["special_category_condition"],
                    request=request,
                )
            except PermissionDenied:
                raise Http404("No casework") from None
            except ValidationError as error:
                form_add_service_errors(form, error)
            else:
                messages.success(request, f"Case {case.reference} opened")
                return redirect("casework:case_detail", reference=case.reference)
        return render(request, self.template_name, {"form": form})


def _case_page_context(request, case: Case, entry_form: TimelineEntryForm | None = None) -> dict:
    timeline = list(case_page.case_timeline(case=case))
    for entry in timeline:
        # The reverse one-to-one raises when there is no attachment; templates want None.
        entry.file = getattr(entry, "attachment", None)
    return {
        "case": case,
        "constituent_links": case.constituent_links,
        "tags": list(case.tags.all()),
        "related_cases": list(case_page.case_related_visible(user=request.user, case=case)),
        "timeline": timeline,
        "attachments": [entry.file for entry in timeline if entry.file is not None],
        "can_edit": permissions.can_edit_case(request.user, case),
        "can_share": permissions.can_share_case(request.user, case),
        "entry_form": entry_form or TimelineEntryForm(),
        "form": entry_form,  # so the page title says "Error:" when the entry form failed
        "max_upload_mb": attachment_max_bytes() // (1024 * 1024),
    }


class CaseDetailView(LoginRequiredMixin, View):
    """The case page: details, constituents, related cases and the timeline."""

    template_name = "casework/cases/case_detail.html"

    def get(self, request, reference: str):
        case = get_object_or_404(case_page.case_for_page(user=request.user, reference=reference))
        _audit_view(request, case)
        return render(request, self.template_name, _case_page_context(request, case))


class CaseEditView(LoginRequiredMixin, View):
    """Change a case's details (owner and delegates only)."""

    template_name = "casework/cases/case_form.html"

    def _initial(self, case: Case) -> dict:
        initial = {name: getattr(case, name) for name in EDITABLE_FIELDS}
        initial["category"] = case.category_id
        initial["ward"] = case.ward_id
        initial["tags"] = ", ".join(case.tags.values_list("name", flat=True))
        return initial

    def get(self, request, reference: str):
        case = _editable_case(request, reference)
        form = CaseEditForm(initial=self._initial(case))
        return render(request, self.template_name, {"form": form, "case": case})

    def post(self, request, reference: str):
        case = _editable_case(request, reference)
        form = CaseEditForm(request.POST, initial=self._initial(case))
        if form.is_valid():
            fields = {name: form.cleaned_data[name] for name in EDITABLE_FIELDS}
            try:
                case_update(
                    actor=request.user,
                    case=case,
                    tags=form.cleaned_data["tags"],
                    request=request,
                    **fields,
                )
            except ValidationError as error:
                form_add_service_errors(form, error)
            else:
                messages.success(request, "Case details saved")
                return redirect("casework:case_detail", reference=case.reference)
        return render(request, self.template_name, {"form": form, "case": case})


class CaseStatusView(LoginRequiredMixin, View):
    """Change a case's status; closing asks for the outcome."""

    template_name = "casework/cases/case_status.html"

    def get(self, request, reference: str):
        case = _editable_case(request, reference)
        form = CaseStatusForm(initial={"status": case.status, "outcome": case.outcome})
        return render(request, self.template_name, {"form": form, "case": case})

    def post(self, request, reference: str):
        case = _editable_case(request, reference)
        form = CaseStatusForm(request.POST)
        if form.is_valid():
            try:
                case_change_status(
                    actor=request.user,
                    case=case,
                    status=form.cleaned_data["status"],
                    outcome=form.cleaned_data["outcome"],
                    note=form.cleaned_data["note"],
                    request=request,
                )
            except ValidationError as error:
                form_add_service_errors(form, error)
            else:
                label = Status(case.status).label
                messages.success(request, f"Case {case.reference} is now {label.lower()}")
                return redirect("casework:case_detail", reference=case.reference)
        return render(request, self.template_name, {"form": form, "case": case})


class TimelineAddView(LoginRequiredMixin, View):
    """Log a note, call, letter, email or meeting on a case, with an optional attachment."""

    def get(self, request, reference: str):
        get_object_or_404(case_page.case_for_page(user=request.user, reference=reference))
        return redirect(
            reverse("casework:case_detail", kwargs={"reference": reference}) + "#add-entry"
        )

    def post(self, request, reference: str):
        case = get_object_or_404(case_page.case_for_page(user=request.user, reference=reference))
        form = TimelineEntryForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                timeline_entry_add(
                    actor=request.user,
                    case=case,
                    kind=form.cleaned_data["kind"],
                    body=form.cleaned_data["body"],
                    occurred_at=form.occurred_at(),
                    is_sensitive=form.cleaned_data["is_sensitive"],
                    upload=form.cleaned_data.get("upload") or None,
                    request=request,
                )
            except PermissionDenied:
                raise Http404("No such case") from None
            except ValidationError as error:
                form_add_service_errors(form, error)
            else:
                messages.success(request, "Added to the timeline")
                return redirect("casework:case_detail", reference=case.reference)
        return render(
            request,
            CaseDetailView.template_name,
            _case_page_context(request, case, entry_form=form),
            status=200,
        )


class AttachmentDownloadView(LoginRequiredMixin, View):
    """Serve an attachment, after the permission check, as a download."""

    def get(self, request, reference: str, pk: int):
        attachment = get_object_or_404(
            case_page.case_attachment(user=request.user, reference=reference, pk=pk)
        )
        response = private_file_response(
            file=attachment.file,
            filename=attachment.original_name,
            content_type=attachment.content_type,
        )
        audit_case(
            actor=request.user,
            action=Action.DOWNLOAD,
            case=attachment.case,
            obj=attachment,
            request=request,
        )
        return response


class CaseConstituentAddView(LoginRequiredMixin, View):
    """Add one of the owner's constituents to a case."""

    template_name = "casework/cases/case_constituent_add.html"

    def _form(self, case: Case, data=None) -> CaseConstituentAddForm:
        choices = (
            permissions.editable_constituents(self.request.user)
            .filter(owner_id=case.owner_id)
            .exclude(case_links__case=case)
            .order_by("last_name", "first_name", "pk")
        )
        initial = {}
        wanted = self.request.GET.get("constituent", "")
        if wanted.isdigit():
            initial["constituent"] = int(wanted)
        return CaseConstituentAddForm(data, initial=initial, constituents=choices)

    def get(self, request, reference: str):
        case = _editable_case(request, reference)
        return render(request, self.template_name, {"form": self._form(case), "case": case})

    def post(self, request, reference: str):
        case = _editable_case(request, reference)
        form = self._form(case, request.POST)
        if form.is_valid():
            try:
                case_constituent_add(
                    actor=request.user,
                    case=case,
                    constituent=form.cleaned_data["constituent"],
                    request=request,
                )
            except ValidationError as error:
                form_add_service_errors(form, error)
            else:
                messages.success(request, "Constituent added to the case")
                return redirect("casework:case_detail", reference=case.reference)
        return render(request, self.template_name, {"form": form, "case": case})


class CaseConstituentRemoveView(LoginRequiredMixin, View):
    """Confirm, then take a constituent off a case."""

    template_name = "casework/cases/case_constituent_remove.html"

    def _objects(self, request, reference: str, pk: int):
        case = _editable_case(request, reference)
        constituent = get_object_or_404(
            permissions.editable_constituents(request.user).filter(case_links__case=case), pk=pk
        )
        return case, constituent

    def get(self, request, reference: str, pk: int):
        case, constituent = self._objects(request, reference, pk)
        return render(request, self.template_name, {"case": case, "constituent": constituent})

    def post(self, request, reference: str, pk: int):
        case, constituent = self._objects(request, reference, pk)
        case_constituent_remove(
            actor=request.user, case=case, constituent=constituent, request=request
        )
        messages.success(request, "Constituent removed from the case")
        return redirect("casework:case_detail", reference=case.reference)


class CaseLinkAddView(LoginRequiredMixin, View):
    """Link a related case by its reference."""

    template_name = "casework/cases/case_link_add.html"

    def get(self, request, reference: str):
        case = _editable_case(request, reference)
        return render(request, self.template_name, {"form": CaseLinkForm(), "case": case})

    def post(self, request, reference: str):
        case = _editable_case(request, reference)
        form = CaseLinkForm(request.POST)
        if form.is_valid():
            other = permissions.editable_cases(request.user).filter(
                reference=form.cleaned_data["reference"]
            )
            other = other.first()
            if other is None:
                form.add_error(
                    "reference",
                    "Enter the reference of a case you work on, like CW-2026-00123",
                )
            else:
                try:
                    case_link_add(actor=request.user, case=case, other=other, request=request)
                except (ValidationError, PermissionDenied) as error:
                    if isinstance(error, PermissionDenied):
                        error = ValidationError(
                            {"reference": ["Enter the reference of a case you work on"]}
                        )
                    form_add_service_errors(form, error)
                else:
                    messages.success(request, f"Linked to {other.reference}")
                    return redirect("casework:case_detail", reference=case.reference)
        return render(request, self.template_name, {"form": form, "case": case})


class CaseHistoryView(LoginRequiredMixin, View):
    """Who changed which of the case's details, when, from what to what."""

    template_name = "casework/cases/case_history.html"

    def get(self, request, reference: str) -> HttpResponse:
        case = get_object_or_404(case_page.case_for_page(user=request.user, reference=reference))
        _audit_view(request, case, detail="History")
        rows = case_page.case_history(case=case)
        return render(request, self.template_name, {"case": case, "rows": rows})
