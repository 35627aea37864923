"""FAQs and model responses: the list and an FAQ's page for everyone signed in, adding,
changing and the usage report for the people who manage hub content, and inserting a model
response into a case note for those who may add to the case.

Who may see what comes from directory/permissions.py (hub content) and casework/permissions.py
(the case); anything a user may not see answers 404."""

from __future__ import annotations

import itertools

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views import View

from councillor_hub.audit.models import Action
from councillor_hub.casework.models import Case, CaseConstituent, EntryKind
from councillor_hub.casework.permissions import can_add_to_timeline, can_work_on_casework
from councillor_hub.casework.services.case_audit import audit_case
from councillor_hub.core.forms import form_add_service_errors
from councillor_hub.core.models import ServiceArea
from councillor_hub.directory.permissions import can_manage_hub_content
from councillor_hub.enquiries.permissions import can_raise

from .. import selectors, services
from ..forms import (
    FaqFilterForm,
    FaqForm,
    InsertModelResponseForm,
    ModelResponseFilterForm,
    UsageFilterForm,
)
from ..models import PLACEHOLDERS, Faq, FaqUse, UseKind

PAGE_SIZE = 100
USAGE_PAGE_SIZE = 50
CHOOSE_PAGE_SIZE = 25


def _faq_or_404(request, pk: int) -> Faq:
    return get_object_or_404(selectors.visible_faqs(request.user), pk=pk)


def _require_manager(request) -> None:
    if not can_manage_hub_content(request.user):
        raise Http404("No such page")


def _grouped(faqs) -> list[tuple[object, list[Faq]]]:
    """FAQs (already in service-area order) as (service area, FAQs) pairs."""
    return [
        (area, list(items))
        for area, items in itertools.groupby(faqs, key=lambda faq: faq.service_area)
    ]


def _placeholder_notes(names: list[str]) -> list[tuple[str, str]]:
    """Each placeholder written in braces, with what it means."""
    return [
        ("{" + name + "}", PLACEHOLDERS.get(name, "Not a placeholder we can fill in"))
        for name in names
    ]


class FaqListView(LoginRequiredMixin, View):
    """FAQs grouped by service area, with a search box and a service filter."""

    template_name = "faqs/faq_list.html"

    def get(self, request):
        user = request.user
        form = FaqFilterForm(request.GET or None, areas=selectors.service_areas_with_faqs(user))
        area, text = form.area(), form.text()
        faqs = selectors.faq_list(user=user, service_area=area, text=text)
        page_obj = Paginator(faqs, PAGE_SIZE).get_page(request.GET.get("page"))
        return render(
            request,
            self.template_name,
            {
                "filter_form": form,
                "page_obj": page_obj,
                "groups": _grouped(page_obj.object_list),
                "count": page_obj.paginator.count,
                "is_filtered": bool(area or text),
                "area": area,
                "text": text,
                "can_manage": can_manage_hub_content(user),
            },
        )


class FaqDetailView(LoginRequiredMixin, View):
    """One FAQ: the question, the answer for members and the model response."""

    template_name = "faqs/faq_detail.html"

    def get(self, request, pk: int):
        faq = _faq_or_404(request, pk)
        services.faq_use_record(faq=faq, kind=UseKind.VIEWED, user=request.user)
        helped = FaqUse.objects.filter(faq=faq, kind=UseKind.HELPFUL, user=request.user).exists()
        return render(
            request,
            self.template_name,
            {
                "faq": faq,
                "placeholders": _placeholder_notes(selectors.placeholders_in(faq.model_response)),
                "helped": helped,
                "can_manage": can_manage_hub_content(request.user),
                "has_casework": bool(faq.model_response) and can_work_on_casework(request.user),
            },
        )


class FaqHelpfulView(LoginRequiredMixin, View):
    """Count an FAQ as helpful (once per person), or as having answered an enquiry that the
    member then did not send (from the enquiry form)."""

    def get(self, request, pk: int):
        return redirect("faqs:faq_detail", pk=_faq_or_404(request, pk).pk)

    def post(self, request, pk: int):
        faq = _faq_or_404(request, pk)
        if request.POST.get("avoided"):
            services.faq_use_record(faq=faq, kind=UseKind.ENQUIRY_AVOIDED, user=request.user)
            services.faq_mark_helpful(actor=request.user, faq=faq)
            messages.success(
                request,
                "Your enquiry has not been sent. Thank you for telling us the answer helped",
            )
            if can_raise(request.user):
                return redirect("enquiries:my_enquiries")
            return redirect("faqs:faq_detail", pk=faq.pk)
        if services.faq_mark_helpful(actor=request.user, faq=faq):
            messages.success(request, "Thank you. We have counted this answer as helpful")
        else:
            messages.info(request, "You have already told us this answer helped")
        return redirect("faqs:faq_detail", pk=faq.pk)


class FaqCreateView(LoginRequiredMixin, View):
    """Add an FAQ (democratic services and administrators)."""

    template_name = "faqs/faq_form.html"

    def get(self, request):
        _require_manager(request)
        area = request.GET.get("service_area", "")
        initial = {"service_area": area} if area.isdigit() else {}
        return render(request, self.template_name, {"form": FaqForm(initial=initial)})

    def post(self, request):
        _require_manager(request)
        form = FaqForm(request.POST)
        if form.is_valid():
            fields = {name: form.cleaned_data[name] for name in services.FAQ_FIELDS}
            try:
                faq = services.faq_create(actor=request.user, request=request, **fields)
            except PermissionDenied:
                raise Http404("No such page") from None
            except ValidationError as error:
                form_add_service_errors(form, error)
            else:
                messages.success(request, "FAQ added")
                return redirect("faqs:faq_detail", pk=faq.pk)
        return render(request, self.template_name, {"form": form})


class FaqUpdateView(LoginRequiredMixin, View):
    """Change an FAQ (democratic services and administrators), with its history of changes."""

    template_name = "faqs/faq_form.html"

    def _context(self, faq: Faq, form: FaqForm) -> dict:
        history = faq.history.select_related("history_user").order_by("-history_date")[:20]
        return {"form": form, "faq": faq, "history": history}

    def get(self, request, pk: int):
        _require_manager(request)
        faq = _faq_or_404(request, pk)
        return render(request, self.template_name, self._context(faq, FaqForm(instance=faq)))

    def post(self, request, pk: int):
        _require_manager(request)
        faq = _faq_or_404(request, pk)
        # The form works on a copy, so a failed save leaves the page's FAQ as it was.
        form = FaqForm(request.POST, instance=Faq.objects.get(pk=faq.pk))
        if form.is_valid():
            fields = {name: form.cleaned_data[name] for name in services.FAQ_FIELDS}
            try:
                services.faq_update(actor=request.user, faq=faq, request=request, **fields)
            except PermissionDenied:
                raise Http404("No such page") from None
            except ValidationError as error:
                form_add_service_errors(form, error)
            else:
                messages.success(request, "FAQ saved")
                return redirect("faqs:faq_detail", pk=faq.pk)
        return render(request, self.template_name, self._context(faq, form))


class FaqUsageView(LoginRequiredMixin, View):
    """How each FAQ is used: views, shown on the enquiry form, inserted, helpful, avoided."""

    template_name = "faqs/usage.html"

    def get(self, request):
        _require_manager(request)
        areas = ServiceArea.objects.filter(pk__in=Faq.objects.values("service_area_id")).order_by(
            "name"
        )
        form = UsageFilterForm(request.GET or None, areas=areas)
        sort = request.GET.get("sort", "views")
        if sort not in selectors.USAGE_SORTS:
            sort = "views"
        default_desc = sort in selectors.USAGE_COLUMNS
        direction = request.GET.get("dir", "")
        descending = default_desc if direction not in ("asc", "desc") else direction == "desc"
        faqs = selectors.faq_usage(
            service_area=form.area(), days=form.days(), sort=sort, descending=descending
        )
        page_obj = Paginator(faqs, USAGE_PAGE_SIZE).get_page(request.GET.get("page"))
        columns = [("question", "Question"), ("service", "Service")] + [
            (key, label) for key, (label, _) in selectors.USAGE_COLUMNS.items()
        ]
        headers = []
        for key, label in columns:
            current = key == sort
            if current:
                next_dir = "asc" if descending else "desc"
            else:
                next_dir = "desc" if key in selectors.USAGE_COLUMNS else "asc"
            headers.append(
                {
                    "key": key,
                    "label": label,
                    "current": current,
                    "aria_sort": ("descending" if descending else "ascending")
                    if current
                    else "none",
                    "dir": next_dir,
                    "numeric": key in selectors.USAGE_COLUMNS,
                }
            )
        return render(
            request,
            self.template_name,
            {
                "filter_form": form,
                "page_obj": page_obj,
                "faqs": page_obj.object_list,
                "count": page_obj.paginator.count,
                "headers": headers,
                "sort": sort,
                "descending": descending,
            },
        )


class InsertIntoCaseView(LoginRequiredMixin, View):
    """Choose a model response, see it filled in from the case, edit it and add it to the
    case's timeline (for anyone who may add to the case)."""

    template_name = "faqs/insert_into_case.html"

    def _case(self, request, reference: str) -> Case:
        links = CaseConstituent.unrestricted.select_related("constituent").order_by(
            "added_at", "id"
        )
        case = get_object_or_404(
            Case.visible_to(request.user)
            .select_related("owner", "ward", "category")
            .prefetch_related(
                Prefetch("case_constituents", queryset=links, to_attr="constituent_links")
            ),
            reference=reference[:20],
        )
        if not can_add_to_timeline(request.user, case):
            raise Http404("No such case")
        return case

    def _faq(self, request, value) -> Faq | None:
        value = str(value or "")
        if not value.isdigit() or len(value) > 12:
            return None
        return (
            selectors.visible_faqs(request.user)
            .exclude(model_response="")
            .filter(pk=int(value))
            .first()
        )

    def _choose_context(self, request, case: Case) -> dict:
        user = request.user
        areas = list(selectors.service_areas_with_faqs(user, with_response=True))
        data = request.GET.copy()
        if "service_area" not in data and any(a.pk == case.category_id for a in areas):
            data["service_area"] = str(case.category_id)
        form = ModelResponseFilterForm(data, areas=areas)
        area, text = form.area(), form.text()
        faqs = selectors.faq_list(user=user, service_area=area, text=text, with_response=True)
        page_obj = Paginator(faqs, CHOOSE_PAGE_SIZE).get_page(request.GET.get("page"))
        return {
            "filter_form": form,
            "page_obj": page_obj,
            "faqs": page_obj.object_list,
            "count": page_obj.paginator.count,
            "area": area,
            "text": text,
            "category_first": area is not None and area.pk == case.category_id,
        }

    def _render(self, request, case: Case, faq: Faq | None = None, form=None, filled=None):
        context = {"case": case, "faq": faq, "form": form}
        if faq is None:
            context.update(self._choose_context(request, case))
        else:
            context["unfilled"] = _placeholder_notes(filled.unfilled if filled else [])
        return render(request, self.template_name, context)

    def get(self, request, reference: str):
        case = self._case(request, reference)
        faq = self._faq(request, request.GET.get("faq"))
        audit_case(
            actor=request.user,
            action=Action.VIEW,
            case=case,
            detail="Model responses",
            request=request,
        )
        if faq is None:
            return self._render(request, case)
        filled = selectors.fill_model_response(faq, selectors.placeholder_values(case))
        form = InsertModelResponseForm(initial={"body": filled.text, "kind": EntryKind.NOTE})
        return self._render(request, case, faq, form, filled)

    def post(self, request, reference: str):
        case = self._case(request, reference)
        faq = self._faq(request, request.POST.get("faq"))
        if faq is None:
            messages.error(request, "That model response is not available. Choose another")
            return redirect("faqs:insert_into_case", reference=case.reference)
        form = InsertModelResponseForm(request.POST)
        if form.is_valid():
            try:
                services.model_response_insert(
                    actor=request.user,
                    case=case,
                    faq=faq,
                    body=form.cleaned_data["body"],
                    kind=form.cleaned_data["kind"],
                    is_sensitive=form.cleaned_data["is_sensitive"],
                    request=request,
                )
            except PermissionDenied:
                raise Http404("No such case") from None
            except ValidationError as error:
                form_add_service_errors(form, error)
            else:
                messages.success(request, "Model response added to the case timeline")
                return redirect(
                    reverse("casework:case_detail", args=[case.reference]) + "#timeline"
                )
        unfilled = selectors.Filled(
            text="", unfilled=selectors.placeholders_in(request.POST.get("body", ""))
        )
        return self._render(request, case, faq, form, unfilled)
