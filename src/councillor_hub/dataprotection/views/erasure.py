"""Erasure of one person's data: a councillor for a constituent in their own casework, the
data protection officer in the council's enquiries. Each shows a preview of everything that
would change, and erases only after an explicit confirmation.

Constituents are fetched through `permissions.erasable_constituents`, so anyone else's (a
colleague's shared case, a delegate's councillor) answers 404."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views import View

from councillor_hub.audit.models import Action
from councillor_hub.audit.services import audit_record
from councillor_hub.casework.selectors.constituents import constituent_search

from .. import permissions
from ..forms.erasure import (
    ConstituentErasureForm,
    ConstituentSearchForm,
    EnquiryErasureForm,
    EnquirySearchForm,
    ExtraTermsForm,
)
from ..services.erasure import (
    constituent_erase,
    constituent_erasure_plan,
    enquiries_erase,
    enquiry_erasure_plan,
)

SEARCH_LIMIT = 50
SEARCH_FIELDS = ("name", "email", "phone")


def _done_message(result) -> str:
    return f"Their data has been erased: {result.summary()}."


class ErasureStartView(LoginRequiredMixin, View):
    """Find one of your own constituents whose data is to be erased."""

    template_name = "dataprotection/erasure/start.html"

    def get(self, request):
        user = request.user
        if not permissions.is_own_controller(user):
            if permissions.can_erase_in_enquiries(user):
                return redirect("dataprotection:erasure_enquiries")
            raise Http404("No casework to erase from")
        form = ConstituentSearchForm(request.GET if "q" in request.GET else None)
        results = None
        if form.is_bound and form.is_valid():
            erasable = permissions.erasable_constituents(user).values("pk")
            results = list(
                constituent_search(user=user, q=form.cleaned_data["q"]).filter(pk__in=erasable)[
                    : SEARCH_LIMIT + 1
                ]
            )
        return render(
            request,
            self.template_name,
            {
                "form": form,
                "results": results[:SEARCH_LIMIT] if results is not None else None,
                "more": results is not None and len(results) > SEARCH_LIMIT,
                "limit": SEARCH_LIMIT,
                "q": form.cleaned_data.get("q", "") if form.is_bound and form.is_valid() else "",
                "can_erase_in_enquiries": permissions.can_erase_in_enquiries(user),
            },
        )


class ErasureConstituentView(LoginRequiredMixin, View):
    """Preview everything erasing a constituent would change; erase on confirmation."""

    template_name = "dataprotection/erasure/constituent.html"

    def _constituent(self, request, pk: int):
        return get_object_or_404(
            permissions.erasable_constituents(request.user).select_related("owner"), pk=pk
        )

    def get(self, request, pk: int):
        constituent = self._constituent(request, pk)
        also_form = ExtraTermsForm(request.GET if "also" in request.GET else None)
        valid = also_form.is_bound and also_form.is_valid()
        extra_terms = also_form.cleaned_data["also"] if valid else []
        audit_record(
            actor=request.user,
            action=Action.VIEW,
            obj=constituent,
            label=f"constituent #{constituent.pk}",
            data_controller=constituent.owner,
            detail="Erasure preview",
            request=request,
        )
        confirm_form = ConstituentErasureForm(initial={"also": "\n".join(extra_terms)})
        return self._render(request, constituent, extra_terms, confirm_form, also_form)

    def post(self, request, pk: int):
        constituent = self._constituent(request, pk)
        form = ConstituentErasureForm(request.POST)
        if not form.is_valid():
            extra_terms = form.cleaned_data.get("also") or []
            also_form = ExtraTermsForm(initial={"also": "\n".join(extra_terms)})
            return self._render(request, constituent, extra_terms, form, also_form)
        result = constituent_erase(
            actor=request.user,
            constituent=constituent,
            extra_terms=form.cleaned_data["also"],
            request=request,
        )
        messages.success(request, _done_message(result))
        return redirect("dataprotection:erasure_start")

    def _render(self, request, constituent, extra_terms, confirm_form, also_form):
        plan = constituent_erasure_plan(
            actor=request.user, constituent=constituent, extra_terms=extra_terms
        )
        return render(
            request,
            self.template_name,
            {
                # `form` is the one whose errors the page title reports.
                "form": also_form if also_form.errors else confirm_form,
                "confirm_form": confirm_form,
                "also_form": also_form,
                "constituent": constituent,
                "plan": plan,
            },
        )


class ErasureEnquiriesView(LoginRequiredMixin, View):
    """Find a person's details in the council's enquiries, preview, and erase them."""

    template_name = "dataprotection/erasure/enquiries.html"

    def _require(self, request) -> None:
        if not permissions.can_erase_in_enquiries(request.user):
            raise Http404("Only the data protection officer erases data in enquiries")

    def get(self, request):
        self._require(request)
        searched = any(name in request.GET for name in SEARCH_FIELDS)
        search_form = EnquirySearchForm(request.GET if searched else None)
        if not (searched and search_form.is_valid()):
            return render(
                request,
                self.template_name,
                {"form": search_form, "search_form": search_form, "plan": None},
            )
        search = search_form.search()
        plan = enquiry_erasure_plan(actor=request.user, **search)
        audit_record(
            actor=request.user,
            action=Action.SEARCH,
            object_type="enquiries.enquiry",
            label="Council enquiries",
            detail=f"Erasure preview: {len(plan.changes)} enquiries found",
            request=request,
        )
        confirm_form = EnquiryErasureForm(initial=self._hidden(search))
        return self._render(request, search_form, confirm_form, plan)

    def post(self, request):
        self._require(request)
        search_form = EnquirySearchForm(request.POST, submit="Find their details")
        if not search_form.is_valid():
            return render(
                request,
                self.template_name,
                {"form": search_form, "search_form": search_form, "plan": None},
            )
        search = search_form.search()
        form = EnquiryErasureForm(request.POST)
        if not form.is_valid():
            plan = enquiry_erasure_plan(actor=request.user, **search)
            return self._render(request, search_form, form, plan)
        result = enquiries_erase(actor=request.user, request=request, **search)
        messages.success(request, _done_message(result))
        return redirect("dataprotection:erasure_enquiries")

    @staticmethod
    def _hidden(search: dict) -> dict:
        return {
            "name": search["name"],
            "email": search["email"],
            "phone": search["phone"],
            "also": "\n".join(search["extra_terms"]),
        }

    def _render(self, request, search_form, confirm_form, plan):
        return render(
            request,
            self.template_name,
            {
                "form": confirm_form,
                "search_form": search_form,
                "confirm_form": confirm_form,
                "plan": plan,
            },
        )
