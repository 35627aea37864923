"""Committees: the list, each committee's page (its people now, its training requirement and
its membership history), and the pages where content managers add and change committees and
appoint, re-role and end members."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views import View

from councillor_hub.core.forms import form_add_service_errors
from councillor_hub.directory.permissions import can_manage_hub_content
from councillor_hub.learning.permissions import can_manage_learning
from councillor_hub.learning.selectors import committee_training_flags

from .. import selectors
from ..forms import CommitteeForm, EndForm, MembershipChangeForm, MembershipForm
from ..models import Committee, CommitteeMembership, MemberRole
from ..services import (
    committee_create,
    committee_update,
    long_date,
    membership_add,
    membership_change_role,
    membership_end,
)
from . import require_manager


class CommitteeListView(LoginRequiredMixin, View):
    """Every committee with its chair, its size and whether members need training."""

    template_name = "committees/committee_list.html"

    def get(self, request):
        today = timezone.localdate()
        committees = list(
            selectors.committees_in_order().prefetch_related(
                selectors.current_memberships_prefetch(today)
            )
        )
        rows = []
        for committee in committees:
            current = committee.current_memberships
            rows.append(
                {
                    "committee": committee,
                    "chairs": [m.councillor for m in current if m.role == MemberRole.CHAIR],
                    "members": sum(1 for m in current if m.role != MemberRole.SUBSTITUTE),
                    "substitutes": sum(1 for m in current if m.role == MemberRole.SUBSTITUTE),
                }
            )
        return render(
            request,
            self.template_name,
            {
                "active_rows": [r for r in rows if r["committee"].is_active],
                "closed_rows": [r for r in rows if not r["committee"].is_active],
                "can_manage": can_manage_hub_content(request.user),
            },
        )


class CommitteeDetailView(LoginRequiredMixin, View):
    """One committee: chair, vice-chair, members, substitutes, training and history."""

    template_name = "committees/committee_detail.html"

    def get(self, request, pk):
        committee = get_object_or_404(Committee, pk=pk)
        today = timezone.localdate()
        can_manage = can_manage_hub_content(request.user)
        return render(
            request,
            self.template_name,
            {
                "committee": committee,
                "people": selectors.committee_members(committee),
                "can_manage": can_manage,
                "meetings": selectors.upcoming_meetings(committee, today),
                # Who lacks training is for democratic services, who act on it.
                "training": committee_training_flags(committee, today)
                if can_manage_learning(request.user)
                else None,
                "overrides": selectors.training_overrides(committee, today) if can_manage else [],
            },
        )


def _training_required(committee: Committee) -> bool:
    return committee.required_training_topics.exists()


def _membership_context(form, committee: Committee) -> dict:
    return {
        "form": form,
        "committee": committee,
        "required_topics": list(committee.required_training_topics.all()),
    }


def _committee_values(form) -> dict:
    data = form.cleaned_data
    return {
        "name": data["name"],
        "kind": data["kind"],
        "description": data.get("description", ""),
        "requires_training": data.get("requires_training", False),
        "training_note": data.get("training_note", ""),
        "is_active": data.get("is_active", False),
    }


class CommitteeCreateView(LoginRequiredMixin, View):
    """Add a committee (content managers)."""

    template_name = "committees/committee_form.html"

    def get(self, request):
        require_manager(request.user)
        form = CommitteeForm(initial={"is_active": True}, submit="Add committee")
        return render(request, self.template_name, {"form": form})

    def post(self, request):
        require_manager(request.user)
        form = CommitteeForm(request.POST, submit="Add committee")
        if form.is_valid():
            try:
                committee = committee_create(
                    actor=request.user, request=request, **_committee_values(form)
                )
            except ValidationError as error:
                form_add_service_errors(form, error)
            else:
                messages.success(request, f"{committee.name} added")
                return redirect(committee.get_absolute_url())
        return render(request, self.template_name, {"form": form})


class CommitteeUpdateView(LoginRequiredMixin, View):
    """Change a committee (content managers)."""

    template_name = "committees/committee_form.html"

    def get(self, request, pk):
        require_manager(request.user)
        committee = get_object_or_404(Committee, pk=pk)
        form = CommitteeForm(instance=committee, submit="Save changes")
        return render(request, self.template_name, {"form": form, "committee": committee})

    def post(self, request, pk):
        require_manager(request.user)
        committee = get_object_or_404(Committee, pk=pk)
        form = CommitteeForm(
            request.POST, instance=Committee.objects.get(pk=committee.pk), submit="Save changes"
        )
        if form.is_valid():
            try:
                committee_update(
                    actor=request.user,
                    committee=committee,
                    request=request,
                    **_committee_values(form),
                )
            except ValidationError as error:
                form_add_service_errors(form, error)
            else:
                messages.success(request, "Committee details saved")
                return redirect(committee.get_absolute_url())
        return render(request, self.template_name, {"form": form, "committee": committee})


class MembershipCreateView(LoginRequiredMixin, View):
    """Appoint a councillor to a committee in a role (content managers)."""

    template_name = "committees/membership_form.html"

    def get(self, request, pk):
        require_manager(request.user)
        committee = get_object_or_404(Committee, pk=pk, is_active=True)
        form = MembershipForm(
            initial={"role": MemberRole.MEMBER, "start_date": timezone.localdate()},
            training_required=_training_required(committee),
        )
        return render(request, self.template_name, _membership_context(form, committee))

    def post(self, request, pk):
        require_manager(request.user)
        committee = get_object_or_404(Committee, pk=pk, is_active=True)
        form = MembershipForm(request.POST, training_required=_training_required(committee))
        if form.is_valid():
            data = form.cleaned_data
            try:
                membership = membership_add(
                    actor=request.user,
                    committee=committee,
                    councillor=data["councillor"],
                    role=data["role"],
                    start_date=data["start_date"],
                    replace_chair=data.get("replace_chair", False),
                    training_override_reason=data.get("training_override_reason", ""),
                    request=request,
                )
            except ValidationError as error:
                form_add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    f"{membership.councillor.full_name} added as "
                    f"{membership.get_role_display().lower()}",
                )
                return redirect(committee.get_absolute_url())
        return render(request, self.template_name, _membership_context(form, committee))


def _open_membership(pk: int) -> CommitteeMembership:
    return get_object_or_404(
        CommitteeMembership.objects.open().select_related("committee", "councillor"), pk=pk
    )


class MembershipChangeView(LoginRequiredMixin, View):
    """Change a member's role from a date: the old role ends the day before (managers)."""

    template_name = "committees/membership_change.html"

    def get(self, request, pk):
        require_manager(request.user)
        membership = _open_membership(pk)
        form = MembershipChangeForm(
            initial={"start_date": timezone.localdate()},
            training_required=_training_required(membership.committee),
        )
        return render(request, self.template_name, {"form": form, "membership": membership})

    def post(self, request, pk):
        require_manager(request.user)
        membership = _open_membership(pk)
        form = MembershipChangeForm(
            request.POST, training_required=_training_required(membership.committee)
        )
        if form.is_valid():
            data = form.cleaned_data
            try:
                new = membership_change_role(
                    actor=request.user,
                    membership=membership,
                    role=data["role"],
                    start_date=data["start_date"],
                    replace_chair=data.get("replace_chair", False),
                    training_override_reason=data.get("training_override_reason", ""),
                    request=request,
                )
            except ValidationError as error:
                form_add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    f"{membership.councillor.full_name} is "
                    f"{new.get_role_display().lower()} from {long_date(new.start_date)}",
                )
                return redirect(membership.committee.get_absolute_url())
        return render(request, self.template_name, {"form": form, "membership": membership})


class MembershipEndView(LoginRequiredMixin, View):
    """End a member's role on a committee, keeping it in the history (content managers)."""

    template_name = "committees/membership_end.html"

    def get(self, request, pk):
        require_manager(request.user)
        membership = _open_membership(pk)
        form = EndForm(initial={"end_date": timezone.localdate()})
        return render(request, self.template_name, {"form": form, "membership": membership})

    def post(self, request, pk):
        require_manager(request.user)
        membership = _open_membership(pk)
        form = EndForm(request.POST)
        if form.is_valid():
            try:
                membership_end(
                    actor=request.user,
                    membership=membership,
                    end_date=form.cleaned_data["end_date"],
                    request=request,
                )
            except ValidationError as error:
                form_add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    f"{membership.councillor.full_name}'s role as "
                    f"{membership.get_role_display().lower()} ends on "
                    f"{long_date(form.cleaned_data['end_date'])}",
                )
                return redirect(membership.committee.get_absolute_url())
        return render(request, self.template_name, {"form": form, "membership": membership})
