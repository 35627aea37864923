"""Committee meetings: content managers add, move and cancel the dates a committee meets.
Member development checks sitting members' training against the next meeting."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views import View

from councillor_hub.core.forms import form_add_service_errors

from ..forms import MeetingForm
from ..models import Committee, CommitteeMeeting
from ..services import long_date, meeting_create, meeting_update
from . import require_manager


class MeetingCreateView(LoginRequiredMixin, View):
    """Add a meeting date to a committee (content managers)."""

    template_name = "committees/meeting_form.html"

    def get(self, request, pk):
        require_manager(request.user)
        committee = get_object_or_404(Committee, pk=pk, is_active=True)
        form = MeetingForm(submit="Add meeting")
        return render(request, self.template_name, {"form": form, "committee": committee})

    def post(self, request, pk):
        require_manager(request.user)
        committee = get_object_or_404(Committee, pk=pk, is_active=True)
        form = MeetingForm(request.POST, submit="Add meeting")
        if form.is_valid():
            try:
                meeting = meeting_create(
                    actor=request.user,
                    committee=committee,
                    starts_at=form.starts_at(),
                    place=form.cleaned_data.get("place", ""),
                    request=request,
                )
            except ValidationError as error:
                form_add_service_errors(form, error)
            else:
                messages.success(
                    request, f"Meeting on {long_date(meeting.day)} added to {committee.name}"
                )
                return redirect(committee.get_absolute_url() + "#meetings")
        return render(request, self.template_name, {"form": form, "committee": committee})


class MeetingUpdateView(LoginRequiredMixin, View):
    """Change or cancel a committee meeting (content managers)."""

    template_name = "committees/meeting_form.html"

    def _meeting(self, pk) -> CommitteeMeeting:
        return get_object_or_404(CommitteeMeeting.objects.select_related("committee"), pk=pk)

    def get(self, request, pk):
        require_manager(request.user)
        meeting = self._meeting(pk)
        local = timezone.localtime(meeting.starts_at)
        form = MeetingForm(
            initial={
                "day": local.date(),
                "time": f"{local:%H:%M}",
                "place": meeting.place,
                "is_cancelled": meeting.is_cancelled,
            },
            submit="Save changes",
            changing=True,
        )
        return render(
            request,
            self.template_name,
            {"form": form, "committee": meeting.committee, "meeting": meeting},
        )

    def post(self, request, pk):
        require_manager(request.user)
        meeting = self._meeting(pk)
        form = MeetingForm(request.POST, submit="Save changes", changing=True)
        if form.is_valid():
            try:
                meeting = meeting_update(
                    actor=request.user,
                    meeting=meeting,
                    starts_at=form.starts_at(),
                    place=form.cleaned_data.get("place", ""),
                    is_cancelled=form.cleaned_data.get("is_cancelled", False),
                    request=request,
                )
            except ValidationError as error:
                form_add_service_errors(form, error)
            else:
                messages.success(request, "Meeting saved")
                return redirect(meeting.committee.get_absolute_url() + "#meetings")
        return render(
            request,
            self.template_name,
            {"form": form, "committee": meeting.committee, "meeting": meeting},
        )
