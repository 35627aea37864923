"""End of term and boundary changes: a councillor's handover screen. It lists their open and
retained cases; they tick cases and choose one action (transfer, pass to the council, or
delete), confirm, and each case is handled by a service that re-checks permission.

Only a councillor (or MP) with their casework access still open may use it; everyone else
gets 404 (dataprotection/permissions.py `can_hand_over`)."""

from __future__ import annotations

from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views import View

from .. import permissions
from ..forms.handover import (
    ACTION_LABELS,
    COUNCIL,
    DESTROY,
    TRANSFER,
    HandoverFilterForm,
    HandoverForm,
)
from ..selectors.handover import current_ward_id, handover_cases, handover_counts
from ..services.handover import case_pass_to_council, cases_transfer, handover_destroy

PAGE_SIZE = 50


def _plural(count: int, word: str = "case") -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _references(references) -> str:
    return ", ".join(references)


class HandoverView(LoginRequiredMixin, View):
    """Hand over, pass to the council or delete your cases at the end of your term."""

    template_name = "dataprotection/handover/list.html"
    confirm_template_name = "dataprotection/handover/confirm.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not permissions.can_hand_over(request.user):
            raise Http404("No casework to hand over")
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return self._list(request, form=HandoverForm(owner=request.user))

    def post(self, request):
        form = HandoverForm(request.POST, owner=request.user)
        if not form.is_valid():
            return self._list(request, form=form, selected=request.POST.getlist("cases"))
        if request.POST.get("confirm") != "yes":
            return self._confirm(request, form)
        action = form.cleaned_data["action"]
        if action == TRANSFER:
            self._transfer(request, form)
        else:
            self._one_by_one(request, form, action)
        return redirect("dataprotection:handover")

    # --- Pages ---------------------------------------------------------------------------

    def _list(self, request, *, form, selected=()):
        user = request.user
        filter_form = HandoverFilterForm(request.GET or None)
        filters = filter_form.filters()
        paginator = Paginator(handover_cases(owner=user, filters=filters), PAGE_SIZE)
        page_obj = paginator.get_page(request.GET.get("page"))
        profile = getattr(user, "councillor_profile", None)
        today = timezone.localdate()
        return render(
            request,
            self.template_name,
            {
                "form": form,
                "filter_form": filter_form,
                "is_filtered": bool(filters),
                "page_obj": page_obj,
                "cases": page_obj.object_list,
                "count": paginator.count,
                "counts": handover_counts(owner=user),
                "selected": set(selected),
                "profile": profile,
                # A serving councillor's term end is their next election: only a past one
                # starts the handover period.
                "term_ended": bool(profile and profile.term_end and profile.term_end < today),
                "has_ward": current_ward_id(user) is not None,
            },
        )

    def _confirm(self, request, form):
        cases = list(
            handover_cases(owner=request.user, filters={}).filter(
                pk__in=[case.pk for case in form.cleaned_data["cases"]]
            )
        )
        action = form.cleaned_data["action"]
        refused = [case for case in cases if case.handover_blocked] if action == TRANSFER else []
        return render(
            request,
            self.confirm_template_name,
            {
                "form": form,
                "action": action,
                "action_label": ACTION_LABELS[action],
                "cases": cases,
                "refused": refused,
                "going": len(cases) - len(refused),
                "recipient": form.cleaned_data.get("recipient"),
                "references": [case.reference for case in cases],
            },
        )

    # --- Carrying it out ------------------------------------------------------------------

    def _transfer(self, request, form):
        recipient = form.cleaned_data["recipient"]
        try:
            outcome = cases_transfer(
                actor=request.user, cases=form.cleaned_data["cases"], recipient=recipient
            )
        except PermissionDenied as error:
            messages.error(request, f"No cases were transferred: {error}")
            return
        if outcome.transferred:
            references = [case.reference for case in outcome.transferred]
            messages.success(
                request,
                f"{_plural(len(references))} transferred to Cllr {recipient.full_name}: "
                f"{_references(references)}",
            )
        by_reason = defaultdict(list)
        for reference, why in outcome.refused.items():
            by_reason[why].append(reference)
        for why, references in by_reason.items():
            messages.error(request, f"Not transferred ({_references(references)}): {why}.")

    def _one_by_one(self, request, form, action):
        done, refused = [], []
        for case in form.cleaned_data["cases"]:
            try:
                if action == COUNCIL:
                    enquiry = case_pass_to_council(actor=request.user, case=case)
                    done.append(f"{case.reference} (enquiry {enquiry.reference})")
                elif action == DESTROY:
                    handover_destroy(actor=request.user, case=case)
                    done.append(case.reference)
            except PermissionDenied as error:
                # The services' refusals start with the case reference.
                refused.append(str(error))
            except ValidationError as error:
                refused.append(f"{case.reference}: {' '.join(error.messages)}")
        if done:
            if action == COUNCIL:
                text = f"{_plural(len(done))} passed to the council and deleted"
            else:
                text = f"{_plural(len(done))} deleted"
            messages.success(request, f"{text}: {_references(done)}")
        for why in refused:
            messages.error(request, f"Not done: {why}.")
