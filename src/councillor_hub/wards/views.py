"""Ward profiles: the list of wards and each ward's profile for every signed-in member and
officer, and the pages content managers (democratic services and administrators) use to keep
them current, including the statistics import. The manage pages answer 404 to anyone else
(directory.permissions)."""

from __future__ import annotations

import csv
import io

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views import View

from councillor_hub.accounts.models import Ward
from councillor_hub.core.forms import form_add_service_errors
from councillor_hub.core.imports import DryRunImportView, PendingImport
from councillor_hub.directory.permissions import can_manage_hub_content, can_use_hub

from . import importing, selectors, services
from .forms import AmenityForm, StatisticsImportForm, WardProfileForm
from .models import WardAmenity
from .numbers import SUPPRESSED_TEXT

PENDING = PendingImport(session_key="wards_import", folder="ward-imports")
HISTORY_SHOWN = 20


class HubRequiredMixin(LoginRequiredMixin):
    """Signed-in members and officers (the hub's rule)."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not can_use_hub(request.user):
            return self.handle_no_permission()
        return super().dispatch(request, *args, **kwargs)


class ManagerRequiredMixin(LoginRequiredMixin):
    """Only democratic services and administrators; anyone else gets 404."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not can_manage_hub_content(request.user):
            raise Http404("Not found")
        return super().dispatch(request, *args, **kwargs)


# ------------------------------------------------------------------------- reading pages
class WardListView(HubRequiredMixin, View):
    """Every ward, with its councillors and population."""

    def get(self, request):
        return render(
            request,
            "wards/ward_list.html",
            {
                "wards": list(selectors.ward_list()),
                "can_manage": can_manage_hub_content(request.user),
            },
        )


class WardDetailView(HubRequiredMixin, View):
    """One ward's profile: summary, councillors, statistics, amenities, casework figures."""

    def get(self, request, pk: int):
        ward = selectors.ward_for_page(pk)
        if ward is None:
            raise Http404("No such ward")
        can_manage = can_manage_hub_content(request.user)
        return render(
            request,
            "wards/ward_detail.html",
            {
                "ward": ward,
                "profile": selectors.profile_of(ward),
                "topics": selectors.topic_blocks(ward),
                "amenity_groups": selectors.amenity_groups(ward),
                "closed_amenities": selectors.closed_amenities(ward) if can_manage else [],
                "activity": selectors.ward_activity(ward),
                "suppressed_text": SUPPRESSED_TEXT,
                "can_manage": can_manage,
            },
        )


# ---------------------------------------------------------------------------- managing
class WardProfileUpdateView(ManagerRequiredMixin, View):
    """Change a ward's summary and area."""

    template_name = "wards/profile_form.html"

    def get(self, request, pk: int):
        ward = get_object_or_404(Ward, pk=pk)
        profile = selectors.profile_of(ward)
        return self._render(request, ward, profile, WardProfileForm(profile=profile))

    def post(self, request, pk: int):
        ward = get_object_or_404(Ward, pk=pk)
        profile = selectors.profile_of(ward)
        form = WardProfileForm(request.POST, profile=profile)
        if form.is_valid():
            try:
                services.ward_profile_update(actor=request.user, ward=ward, **form.service_fields())
            except ValidationError as error:
                form_add_service_errors(form, error)
            else:
                messages.success(request, f"{ward.name} ward profile saved")
                return redirect("wards:ward_detail", pk=ward.pk)
        return self._render(request, ward, profile, form)

    def _render(self, request, ward, profile, form):
        history = (
            profile.history.select_related("history_user").order_by("-history_date")[:HISTORY_SHOWN]
            if profile
            else []
        )
        return render(
            request,
            self.template_name,
            {"ward": ward, "form": form, "history": history},
        )


class AmenityCreateView(ManagerRequiredMixin, View):
    """Add an amenity or facility to a ward."""

    template_name = "wards/amenity_form.html"

    def get(self, request, pk: int):
        ward = get_object_or_404(Ward, pk=pk)
        return render(request, self.template_name, {"ward": ward, "form": AmenityForm()})

    def post(self, request, pk: int):
        ward = get_object_or_404(Ward, pk=pk)
        form = AmenityForm(request.POST)
        if form.is_valid():
            try:
                amenity = services.amenity_create(
                    actor=request.user, ward=ward, **form.service_fields()
                )
            except ValidationError as error:
                form_add_service_errors(form, error)
            else:
                messages.success(request, f"{amenity.name} added to {ward.name}")
                return redirect(amenity.get_absolute_url())
        return render(request, self.template_name, {"ward": ward, "form": form})


class AmenityUpdateView(ManagerRequiredMixin, View):
    """Change an amenity, or mark it as no longer open."""

    template_name = "wards/amenity_form.html"

    def get(self, request, pk: int):
        amenity = get_object_or_404(WardAmenity.objects.select_related("ward"), pk=pk)
        return self._render(request, amenity, AmenityForm(amenity=amenity))

    def post(self, request, pk: int):
        amenity = get_object_or_404(WardAmenity.objects.select_related("ward"), pk=pk)
        form = AmenityForm(request.POST, amenity=amenity)
        if form.is_valid():
            try:
                services.amenity_update(
                    actor=request.user,
                    amenity=amenity,
                    is_active=form.is_active(),
                    **form.service_fields(),
                )
            except ValidationError as error:
                form_add_service_errors(form, error)
            else:
                messages.success(request, f"{amenity.name} saved")
                if not amenity.is_active:
                    return redirect("wards:ward_detail", pk=amenity.ward_id)
                return redirect(amenity.get_absolute_url())
        return self._render(request, amenity, form)

    def _render(self, request, amenity, form):
        history = amenity.history.select_related("history_user").order_by("-history_date")[
            :HISTORY_SHOWN
        ]
        return render(
            request,
            self.template_name,
            {"ward": amenity.ward, "amenity": amenity, "form": form, "history": history},
        )


# ------------------------------------------------------------------------------- import
class StatisticsImportView(ManagerRequiredMixin, DryRunImportView):
    """Update ward statistics from a CSV file: check it (a dry run), then apply."""

    template_name = "wards/statistics_import.html"
    form_class = StatisticsImportForm
    pending = PENDING
    importing = importing
    url_name = "wards:statistics_import"

    def apply(self, request, *, text, fingerprint):
        return services.ward_statistics_import_apply(
            actor=request.user, text=text, fingerprint=fingerprint, request=request
        )

    def success_message(self, result) -> str:
        return (
            f"Ward statistics updated: {result.added} added, {result.changed} changed, "
            f"{result.unchanged} unchanged"
        )

    def extra_context(self) -> dict:
        return {"units": importing.UNITS_LISTED}


class ImportTemplateView(ManagerRequiredMixin, View):
    """A statistics file to fill in: every ward, with the usual figures' values left empty."""

    def get(self, request):
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerows(importing.template_rows(list(Ward.objects.order_by("name"))))
        response = HttpResponse(
            "\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = 'attachment; filename="ward-statistics-template.csv"'
        return response
