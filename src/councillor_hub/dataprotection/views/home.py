"""The data protection start page: the tools this person may use, as the controller they act
for (a councillor for their casework, the data protection officer for the council)."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.views import View

from .. import permissions


class DataProtectionHomeView(LoginRequiredMixin, View):
    template_name = "dataprotection/home.html"

    def get(self, request):
        user = request.user
        tools = permissions.can_use_controller_tools(user)
        runs = permissions.can_view_retention_runs(user)
        if not (tools or runs):
            raise Http404("No data protection tools")
        profile = getattr(user, "councillor_profile", None)
        # Serving councillors have their next election as the term end; only a past one
        # starts the handover period.
        term_ended = bool(profile and profile.term_end and profile.term_end < timezone.localdate())
        return render(
            request,
            self.template_name,
            {
                "tools": tools,
                "runs": runs,
                "is_dpo": permissions.is_data_protection_officer(user),
                "is_councillor": permissions.is_own_controller(user),
                "can_hand_over": permissions.can_hand_over(user),
                "term_end": profile.term_end if term_ended else None,
                "access_ends_on": profile.casework_access_ends_on if term_ended else None,
            },
        )
