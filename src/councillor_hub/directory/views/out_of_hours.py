"""The out-of-hours and emergency arrangements page, and the pages content managers use to keep
it current: add and change contacts and arrangement sections, and mark them reviewed. The page
is for every signed-in member and officer (members-only sections for those who may see them);
the manage pages answer 404 to anyone who may not manage hub content. Enquiries link here
from the emergency urgency question."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import get_object_or_404, redirect
from django.views import View
from django.views.generic import TemplateView

from .. import selectors, services
from ..forms import ArrangementForm, ContactForm
from ..models import EmergencyArrangement, OutOfHoursContact
from ..permissions import can_manage_hub_content
from .manage import ManageFormView, ManagerRequiredMixin


class OutOfHoursView(LoginRequiredMixin, TemplateView):
    """Emergency arrangements, council-wide contacts, then each service's contacts."""

    template_name = "directory/out_of_hours.html"

    def get_context_data(self, **kwargs):
        can_manage = can_manage_hub_content(self.request.user)
        page = selectors.out_of_hours_page(self.request.user, include_withdrawn=can_manage)
        return super().get_context_data(page=page, can_manage=can_manage, **kwargs)


class ContactFormView(ManageFormView):
    """Add an out-of-hours or emergency contact, or change one (or withdraw it)."""

    template_name = "directory/contact_form.html"
    form_class = ContactForm
    queryset = OutOfHoursContact.objects.select_related("service_area")
    object_kwarg = "contact"
    create_service = staticmethod(services.contact_create)
    update_service = staticmethod(services.contact_update)


class ArrangementFormView(ManageFormView):
    """Add a section to the emergency arrangements, or change one (or take it off the page)."""

    template_name = "directory/arrangement_form.html"
    form_class = ArrangementForm
    queryset = EmergencyArrangement.objects.all()
    object_kwarg = "arrangement"
    create_service = staticmethod(services.arrangement_create)
    update_service = staticmethod(services.arrangement_update)


class _MarkReviewedView(ManagerRequiredMixin, View):
    """A POST that records a review: the next review date moves twelve months ahead."""

    http_method_names = ["post"]
    queryset = None
    object_kwarg = ""
    service = None

    def post(self, request, pk: int):
        obj = get_object_or_404(self.queryset.all(), pk=pk)
        obj = self.service(actor=request.user, **{self.object_kwarg: obj})
        due = obj.review_date
        messages.success(request, f"{obj} marked as reviewed: next review by {due.day} {due:%B %Y}")
        return redirect(obj.get_absolute_url())


class ContactReviewedView(_MarkReviewedView):
    """Record that a contact's details have been checked."""

    queryset = OutOfHoursContact.objects.all()
    object_kwarg = "contact"
    service = staticmethod(services.contact_mark_reviewed)


class ArrangementReviewedView(_MarkReviewedView):
    """Record that an arrangement section has been checked."""

    queryset = EmergencyArrangement.objects.all()
    object_kwarg = "arrangement"
    service = staticmethod(services.arrangement_mark_reviewed)
