"""Sharing a case with ward colleagues, delegate access, and the access log. Only the casework
owner reaches these pages; everyone else gets 404 so nothing leaks."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views import View

from councillor_hub.audit.models import Action

from ..forms.sharing import AccessLogFilterForm, CaseShareForm, DelegateGrantForm
from ..models import Case, CaseShare, DelegateGrant
from ..permissions import can_manage_delegates, can_share_case, can_view_access_log
from ..selectors import access
from ..services.case_audit import audit_case
from ..services.sharing import case_share, case_unshare, delegate_grant, delegate_revoke


def _owned_case(request, reference: str) -> Case:
    case = get_object_or_404(
        Case.visible_to(request.user).select_related("owner"), reference=reference
    )
    if not can_share_case(request.user, case):
        raise Http404("No such case")
    return case


class CaseSharingView(LoginRequiredMixin, View):
    """Who a case is shared with; share it with a ward colleague."""

    template_name = "casework/sharing/case_sharing.html"

    def get(self, request, reference: str):
        case = _owned_case(request, reference)
        audit_case(
            actor=request.user,
            action=Action.VIEW,
            case=case,
            detail="Sharing page",
            request=request,
        )
        form = CaseShareForm(colleagues=access.share_colleague_choices(case=case))
        return self._render(request, case, form)

    def post(self, request, reference: str):
        case = _owned_case(request, reference)
        form = CaseShareForm(request.POST, colleagues=access.share_colleague_choices(case=case))
        if not form.is_valid():
            return self._render(request, case, form)
        share = case_share(
            actor=request.user,
            case=case,
            colleague=form.cleaned_data["colleague"],
            consent_method=form.cleaned_data["consent_method"],
            consent_note=form.cleaned_data["consent_note"],
            request=request,
        )
        messages.success(request, f"{case.reference} is now shared with {share.colleague}")
        return redirect("casework:case_sharing", reference=case.reference)

    def _render(self, request, case: Case, form: CaseShareForm):
        shares = list(access.case_shares(case=case))
        return render(
            request,
            self.template_name,
            {
                "case": case,
                "form": form,
                "has_colleagues": form.fields["colleague"].queryset.exists(),
                "active_shares": [s for s in shares if s.is_active],
                "past_shares": [s for s in shares if not s.is_active],
            },
        )


class CaseShareRevokeView(LoginRequiredMixin, View):
    """Stop sharing a case with a colleague (POST only)."""

    http_method_names = ["post"]

    def post(self, request, reference: str, pk: int):
        case = _owned_case(request, reference)
        share = get_object_or_404(
            CaseShare.unrestricted.select_related("colleague"), pk=pk, case=case
        )
        if share.is_active:
            case_unshare(actor=request.user, share=share, request=request)
            messages.success(
                request, f"{case.reference} is no longer shared with {share.colleague}"
            )
        return redirect("casework:case_sharing", reference=case.reference)


class AccessSettingsView(LoginRequiredMixin, View):
    """Who can reach the councillor's casework: delegates and shared cases."""

    template_name = "casework/sharing/access_settings.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not can_manage_delegates(request.user):
            raise Http404("No such page")
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        form = DelegateGrantForm(candidates=access.delegate_choices(councillor=request.user))
        return self._render(request, form)

    def post(self, request):
        form = DelegateGrantForm(
            request.POST, candidates=access.delegate_choices(councillor=request.user)
        )
        if not form.is_valid():
            return self._render(request, form)
        grant = delegate_grant(
            actor=request.user, delegate=form.cleaned_data["delegate"], request=request
        )
        messages.success(request, f"{grant.delegate} can now work on your casework")
        return redirect("casework:access_settings")

    def _render(self, request, form: DelegateGrantForm):
        grants = list(access.delegate_grants(councillor=request.user))
        return render(
            request,
            self.template_name,
            {
                "form": form,
                "has_candidates": form.fields["delegate"].queryset.exists(),
                "active_grants": [g for g in grants if g.is_active],
                "past_grants": [g for g in grants if not g.is_active],
                "shares": access.shares_by_owner(owner=request.user),
            },
        )


class DelegateRevokeView(LoginRequiredMixin, View):
    """End a delegate's access to the councillor's casework (POST only)."""

    http_method_names = ["post"]

    def post(self, request, pk: int):
        if not can_manage_delegates(request.user):
            raise Http404("No such page")
        grant = get_object_or_404(
            DelegateGrant.unrestricted.select_related("delegate"), pk=pk, councillor=request.user
        )
        if grant.is_active:
            delegate_revoke(actor=request.user, grant=grant, request=request)
            messages.success(request, f"{grant.delegate} can no longer work on your casework")
        return redirect("casework:access_settings")


class AccessLogView(LoginRequiredMixin, View):
    """Who viewed or changed the councillor's casework, newest first."""

    template_name = "casework/sharing/access_log.html"
    paginate_by = 50

    def get(self, request):
        if not can_view_access_log(request.user, request.user):
            raise Http404("No such page")
        filter_form = AccessLogFilterForm(request.GET)
        events = access.access_log(owner=request.user, **filter_form.filters())
        page_obj = Paginator(events, self.paginate_by).get_page(request.GET.get("page"))
        return render(
            request,
            self.template_name,
            {"filter_form": filter_form, "page_obj": page_obj, "events": page_obj.object_list},
        )
