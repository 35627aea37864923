"""Service officers: the enquiries routed to their service, and drafting a reply for the
member support team to check."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from councillor_hub.audit.models import Action
from councillor_hub.core.forms import form_add_service_errors

from ..forms.answering import READY, DraftResponseForm
from ..permissions import can_draft_response
from ..selectors.answering import (
    DRAFTABLE_STATUSES,
    draft_for,
    due_soon_limit,
    due_state,
    enquiry_files,
    enquiry_for_answering,
    enquiry_history,
    has_service_role,
    service_queue,
)
from ..services.answering import response_draft_save, response_mark_ready
from ..services.enquiry_audit import audit_enquiry

PAGE_SIZE = 50


def _back_url(user, enquiry) -> str:
    """Officers go back to their queue; the member support team to the enquiry's page."""
    if has_service_role(user):
        return reverse("enquiries:service_queue")
    return reverse("enquiries:enquiry_detail", kwargs={"reference": enquiry.reference})


class ServiceQueueView(LoginRequiredMixin, TemplateView):
    """Enquiries for your service: open enquiries routed to your service area or to you."""

    template_name = "enquiries/answering/queue.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not has_service_role(request.user):
            raise Http404("No service role")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        paginator = Paginator(service_queue(user=self.request.user), PAGE_SIZE)
        page_obj = paginator.get_page(self.request.GET.get("page"))
        now = timezone.now()
        soon = due_soon_limit(now)
        rows = [
            {"enquiry": enquiry, "due": due_state(enquiry, now=now, soon=soon)}
            for enquiry in page_obj.object_list
        ]
        return super().get_context_data(
            page_obj=page_obj, rows=rows, count=paginator.count, **kwargs
        )


class DraftResponseView(LoginRequiredMixin, View):
    """Write or change your reply to an enquiry and mark it ready for checking."""

    template_name = "enquiries/answering/draft.html"

    def _enquiry(self, request, reference: str):
        enquiry = enquiry_for_answering(user=request.user, reference=reference)
        if not can_draft_response(request.user, enquiry):
            raise Http404("Not routed to you")
        return enquiry

    def _render(self, request, enquiry, form, draft):
        files = enquiry_files(enquiry=enquiry)
        return render(
            request,
            self.template_name,
            {
                "enquiry": enquiry,
                "form": form,
                "draft": draft,
                "draft_files": [f for f in files if draft and f.response_id == draft.pk],
                "enquiry_files": [f for f in files if f.response_id is None],
                "history": enquiry_history(enquiry=enquiry),
                "can_write": enquiry.status in DRAFTABLE_STATUSES,
                "back_url": _back_url(request.user, enquiry),
            },
        )

    def get(self, request, reference: str):
        enquiry = self._enquiry(request, reference)
        draft = draft_for(enquiry=enquiry, author=request.user)
        form = DraftResponseForm(initial={"body": draft.body if draft else ""})
        audit_enquiry(
            actor=request.user,
            action=Action.VIEW,
            enquiry=enquiry,
            detail="Viewed to reply",
            request=request,
        )
        return self._render(request, enquiry, form, draft)

    def post(self, request, reference: str):
        enquiry = self._enquiry(request, reference)
        form = DraftResponseForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data.get("upload")
            try:
                response = response_draft_save(
                    actor=request.user,
                    enquiry=enquiry,
                    body=form.cleaned_data["body"],
                    uploads=[upload] if upload else [],
                    request=request,
                )
                if form.action() == READY:
                    response_mark_ready(actor=request.user, response=response, request=request)
            except PermissionDenied as error:
                raise Http404("Not routed to you") from error
            except ValidationError as error:
                form_add_service_errors(form, error)
            else:
                if form.action() == READY:
                    messages.success(
                        request,
                        f"Your response to {enquiry.reference} is ready for the member "
                        "support team to check",
                    )
                    return redirect(_back_url(request.user, enquiry))
                messages.success(request, "Draft saved")
                return redirect(
                    reverse("enquiries:draft_response", kwargs={"reference": enquiry.reference})
                )
        draft = draft_for(enquiry=enquiry, author=request.user)
        return self._render(request, enquiry, form, draft)
