"""The member support team's pages: the triage queue, logging an enquiry for a member, the
triage decisions, extensions, internal notes, partner responses and sending replies.

Enquiries are fetched through `Enquiry.visible_to(user)` and the permission rules, so anyone
who may not triage (or a sensitive enquiry the team member is not named on) answers 404."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views import View

from councillor_hub.audit.models import Action
from councillor_hub.core.forms import form_add_service_errors
from councillor_hub.core.working_days import next_working_day_end

from .. import permissions
from ..forms.triage import (
    DuplicateForm,
    ExtendForm,
    InformationRequestForm,
    LogOnBehalfForm,
    NoteForm,
    PartnerResponseForm,
    RedirectForm,
    RouteForm,
    SendResponseForm,
)
from ..models import Enquiry, EnquiryResponse, EnquiryStatus, EventKind, ResponseStatus
from ..selectors.triage import QUEUE_TABS, likely_duplicates, triage_counts, triage_queue
from ..services import service_level
from ..services.enquiry_audit import audit_enquiry
from ..services.raising import enquiry_create
from ..services.sending import partner_assignments, partner_response_log, response_send
from ..services.triage import (
    ROUTABLE_STATUSES,
    UNTRIAGED_STATUSES,
    enquiry_mark_duplicate,
    enquiry_note_add,
    enquiry_redirect,
    enquiry_request_information,
    enquiry_route,
)

# As "My cases" and "My enquiries": a page a phone shows without a long scroll, and half the
# drawing of 50 rows (issue 7). The tabs' counts say how many there are.
PAGE_SIZE = 25
# Services name a few fields differently from the forms here.
FIELD_ALIASES = {"uploads": "upload", "duplicate_of": "reference", "process": "process"}


def _support_only(request) -> None:
    if not permissions.is_support(request.user):
        raise Http404("Not found")


def _triage_enquiry(request, reference: str) -> Enquiry:
    _support_only(request)
    enquiry = get_object_or_404(
        Enquiry.visible_to(request.user).select_related(
            "member", "raised_by", "service_area", "category", "ward", "duplicate_of"
        ),
        reference=reference,
    )
    if not permissions.can_triage(request.user, enquiry):
        raise Http404("Not found")
    return enquiry


class TriageQueueView(LoginRequiredMixin, View):
    """The member support team's queue: new enquiries oldest first, and the other tabs."""

    template_name = "enquiries/triage/queue.html"

    def get(self, request):
        _support_only(request)
        tab = request.GET.get("tab", "new")
        if tab not in QUEUE_TABS:
            tab = "new"
        queue = triage_queue(user=request.user, tab=tab)
        # The page's ids first, then those 25 enquiries with their member, service and so on:
        # sorting the thousands of open enquiries as bare ids instead of as joined rows took
        # the "All open" and "Overdue" tabs from ~60 to ~35 ms on a large council (issue 7).
        paginator = Paginator(queue.values_list("pk", flat=True), PAGE_SIZE)
        page_obj = paginator.get_page(request.GET.get("page"))
        page_ids = list(page_obj.object_list)
        found = queue.in_bulk(page_ids)
        now = timezone.now()
        rows = []
        for enquiry in (found[pk] for pk in page_ids if pk in found):
            triage_by = next_working_day_end(enquiry.received_at)
            rows.append(
                {
                    "enquiry": enquiry,
                    "triage_by": triage_by,
                    "triage_overdue": enquiry.status == EnquiryStatus.NEW and triage_by < now,
                    "overdue": bool(
                        enquiry.due_at
                        and enquiry.due_at < now
                        and enquiry.paused_at is None
                        and enquiry.is_open
                    ),
                }
            )
        counts = triage_counts(user=request.user)
        tabs = [
            {"key": key, "label": label, "count": counts[key], "current": key == tab}
            for key, label in QUEUE_TABS.items()
        ]
        context = {
            "tab": tab,
            "tab_label": QUEUE_TABS[tab],
            "tabs": tabs,
            "rows": rows,
            "count": paginator.count,
            "page_obj": page_obj,
        }
        return render(request, self.template_name, context)


class LogOnBehalfView(LoginRequiredMixin, View):
    """Log an enquiry that reached the team by email, phone or an officer, for a member."""

    template_name = "enquiries/triage/log_on_behalf.html"

    def get(self, request):
        _support_only(request)
        return render(request, self.template_name, {"form": LogOnBehalfForm()})

    def post(self, request):
        _support_only(request)
        form = LogOnBehalfForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            try:
                enquiry = enquiry_create(
                    actor=request.user,
                    member=data["member"],
                    service_area=data["service_area"],
                    subject=data["subject"],
                    description=data["description"],
                    category=data["category"],
                    location=data["location"],
                    postcode=data["postcode"],
                    ward=data["ward"],
                    suggested_urgency=data["suggested_urgency"],
                    raised_via=data["raised_via"],
                    constituent_fields=form.constituent_fields(),
                    is_sensitive=data["is_sensitive"],
                    sensitive_reason=data["sensitive_reason"],
                    uploads=[data["upload"]] if data.get("upload") else (),
                    request=request,
                )
            except PermissionDenied:
                raise Http404("Not found") from None
            except ValidationError as error:
                form_add_service_errors(form, error, aliases=FIELD_ALIASES)
            else:
                messages.success(request, f"Enquiry {enquiry.reference} logged")
                if permissions.can_triage(request.user, enquiry):
                    return redirect("enquiries:triage", reference=enquiry.reference)
                return redirect("enquiries:triage_queue")
        return render(request, self.template_name, {"form": form})


def _decision_forms(request, enquiry: Enquiry, suggestions, data=None, posted: str = ""):
    """The four decision forms; only the posted one is bound."""
    candidates = Enquiry.visible_to(request.user)

    def bound(name):
        return data if posted == name else None

    route_initial = {
        "service_area": enquiry.service_area_id,
        "category": enquiry.category_id,
        "urgency": enquiry.urgency or enquiry.suggested_urgency,
        "service_areas": [enquiry.service_area_id],
        "is_sensitive": enquiry.is_sensitive,
        "sensitive_reason": enquiry.sensitive_reason,
        "named_viewers": list(enquiry.named_viewers.values_list("pk", flat=True)),
    }
    return {
        "redirect": RedirectForm(bound("redirect")),
        "duplicate": DuplicateForm(
            bound("duplicate"), enquiry=enquiry, candidates=candidates, suggestions=suggestions
        ),
        "info": InformationRequestForm(bound("info")),
        "route": RouteForm(bound("route"), initial=route_initial),
    }


class TriageView(LoginRequiredMixin, View):
    """Triage one enquiry: redirect it, mark it a duplicate, ask the member, or route it."""

    template_name = "enquiries/triage/triage.html"

    def _render(self, request, enquiry: Enquiry, forms: dict, suggestions, failed=None):
        responses = list(
            EnquiryResponse.unrestricted.filter(enquiry=enquiry)
            .select_related("author", "partner", "sent_by")
            .prefetch_related("attachments")
        )
        context = {
            "enquiry": enquiry,
            "forms": forms,
            "form": failed,  # the title says "Error:" when the posted form failed
            "failed": failed,
            "suggestions": suggestions,
            "can_decide": enquiry.status in UNTRIAGED_STATUSES,
            "can_route": enquiry.status in ROUTABLE_STATUSES,
            "assignments": list(
                enquiry.assignments.filter(removed_at__isnull=True).select_related(
                    "service_area", "officer", "partner"
                )
            ),
            "responses": responses,
            "ready_responses": [r for r in responses if r.status == ResponseStatus.READY],
            "events": list(enquiry.events.select_related("author")),
            "attachments": list(enquiry.attachments.filter(response__isnull=True)),
            "named_viewers": list(enquiry.named_viewers.all()),
            "can_extend": enquiry.is_open and enquiry.extended_at is None and enquiry.due_at,
            "has_partners": partner_assignments(enquiry=enquiry).exists(),
            "ack_kind": EventKind.ACKNOWLEDGED,
        }
        return render(request, self.template_name, context, status=400 if failed else 200)

    def get(self, request, reference: str):
        enquiry = _triage_enquiry(request, reference)
        audit_enquiry(actor=request.user, action=Action.VIEW, enquiry=enquiry, request=request)
        suggestions = likely_duplicates(user=request.user, enquiry=enquiry)
        forms = _decision_forms(request, enquiry, suggestions)
        return self._render(request, enquiry, forms, suggestions)

    def post(self, request, reference: str):
        enquiry = _triage_enquiry(request, reference)
        decision = request.POST.get("decision", "")
        suggestions = likely_duplicates(user=request.user, enquiry=enquiry)
        forms = _decision_forms(request, enquiry, suggestions, request.POST, decision)
        form = forms.get(decision)
        if form is None:
            messages.error(request, "Choose one of the decisions below")
            return redirect("enquiries:triage", reference=enquiry.reference)
        if form.is_valid():
            try:
                message = self._apply(request, enquiry, decision, form.cleaned_data)
            except PermissionDenied:
                raise Http404("Not found") from None
            except ValidationError as error:
                form_add_service_errors(form, error, aliases=FIELD_ALIASES)
            else:
                messages.success(request, message)
                return redirect("enquiries:triage", reference=enquiry.reference)
        return self._render(request, enquiry, forms, suggestions, failed=form)

    def _apply(self, request, enquiry: Enquiry, decision: str, data: dict) -> str:
        common = {"actor": request.user, "enquiry": enquiry, "request": request}
        if decision == "redirect":
            enquiry_redirect(process=data["process"], note=data["note"], **common)
            return f"Enquiry {enquiry.reference} redirected; the member has been told"
        if decision == "duplicate":
            enquiry_mark_duplicate(duplicate_of=data["other"], **common)
            return (
                f"Enquiry {enquiry.reference} marked as a duplicate of "
                f"{data['other'].reference}; the member has been told"
            )
        if decision == "info":
            enquiry_request_information(question=data["question"], **common)
            return f"Question sent to the member; the clock is paused for {enquiry.reference}"
        enquiry_route(
            service_area=data["service_area"],
            category=data["category"],
            urgency=data["urgency"],
            service_areas=data["service_areas"],
            officers=data["officers"],
            partners=data["partners"],
            lead=data["lead_holder"],
            is_sensitive=data["is_sensitive"],
            sensitive_reason=data["sensitive_reason"],
            named_viewers=data["named_viewers"],
            **common,
        )
        return f"Enquiry {enquiry.reference} routed and acknowledged"


class ExtendView(LoginRequiredMixin, View):
    """Extend an enquiry's due date, once, telling the member why."""

    template_name = "enquiries/triage/extend.html"

    def _enquiry(self, request, reference):
        enquiry = _triage_enquiry(request, reference)
        if not enquiry.is_open or enquiry.due_at is None:
            raise Http404("Not found")
        return enquiry

    def get(self, request, reference: str):
        enquiry = self._enquiry(request, reference)
        return render(request, self.template_name, {"enquiry": enquiry, "form": ExtendForm()})

    def post(self, request, reference: str):
        enquiry = self._enquiry(request, reference)
        form = ExtendForm(request.POST)
        if form.is_valid() and enquiry.extended_at is not None:
            form.add_error(None, "The due date has already been extended once")
        elif form.is_valid():
            try:
                service_level.due_date_extend(
                    actor=request.user,
                    enquiry=enquiry,
                    working_days=form.cleaned_data["working_days"],
                    reason=form.cleaned_data["reason"],
                    request=request,
                )
            except PermissionDenied:
                raise Http404("Not found") from None
            except ValidationError as error:
                form_add_service_errors(form, error, aliases=FIELD_ALIASES)
            else:
                messages.success(
                    request, f"Due date for {enquiry.reference} extended; the member has been told"
                )
                return redirect("enquiries:triage", reference=enquiry.reference)
        return render(request, self.template_name, {"enquiry": enquiry, "form": form})


class NoteView(LoginRequiredMixin, View):
    """Add an internal note that the member does not see."""

    template_name = "enquiries/triage/note.html"

    def _enquiry(self, request, reference):
        enquiry = get_object_or_404(Enquiry.visible_to(request.user), reference=reference)
        if not permissions.can_draft_response(request.user, enquiry):
            raise Http404("Not found")
        return enquiry

    def _back(self, request, enquiry):
        if permissions.can_triage(request.user, enquiry):
            return "enquiries:triage"
        return "enquiries:draft_response"

    def get(self, request, reference: str):
        enquiry = self._enquiry(request, reference)
        context = {"enquiry": enquiry, "form": NoteForm(), "back": self._back(request, enquiry)}
        return render(request, self.template_name, context)

    def post(self, request, reference: str):
        enquiry = self._enquiry(request, reference)
        form = NoteForm(request.POST)
        if form.is_valid():
            try:
                enquiry_note_add(
                    actor=request.user,
                    enquiry=enquiry,
                    body=form.cleaned_data["body"],
                    request=request,
                )
            except PermissionDenied:
                raise Http404("Not found") from None
            except ValidationError as error:
                form_add_service_errors(form, error, aliases=FIELD_ALIASES)
            else:
                messages.success(request, "Note added")
                return redirect(self._back(request, enquiry), reference=enquiry.reference)
        context = {"enquiry": enquiry, "form": form, "back": self._back(request, enquiry)}
        return render(request, self.template_name, context)


class PartnerResponseView(LoginRequiredMixin, View):
    """Log a partner organisation's response, ready to check and send."""

    template_name = "enquiries/triage/partner_response.html"

    def _enquiry(self, request, reference):
        enquiry = _triage_enquiry(request, reference)
        if not enquiry.is_open:
            raise Http404("Not found")
        return enquiry

    def get(self, request, reference: str):
        enquiry = self._enquiry(request, reference)
        form = PartnerResponseForm(partners=partner_assignments(enquiry=enquiry))
        return render(request, self.template_name, {"enquiry": enquiry, "form": form})

    def post(self, request, reference: str):
        enquiry = self._enquiry(request, reference)
        form = PartnerResponseForm(
            request.POST, request.FILES, partners=partner_assignments(enquiry=enquiry)
        )
        if form.is_valid():
            try:
                response = partner_response_log(
                    actor=request.user,
                    enquiry=enquiry,
                    partner=form.cleaned_data["partner"],
                    body=form.cleaned_data["body"],
                    upload=form.cleaned_data.get("upload"),
                    request=request,
                )
            except PermissionDenied:
                raise Http404("Not found") from None
            except ValidationError as error:
                form_add_service_errors(form, error, aliases=FIELD_ALIASES)
            else:
                messages.success(request, "Partner response logged, ready to check and send")
                return redirect(
                    "enquiries:send_response", reference=enquiry.reference, pk=response.pk
                )
        return render(request, self.template_name, {"enquiry": enquiry, "form": form})


class SendResponseView(LoginRequiredMixin, View):
    """Check a ready response, edit it into a personal reply and send it to the member."""

    template_name = "enquiries/triage/send_response.html"

    def _objects(self, request, reference, pk):
        enquiry = _triage_enquiry(request, reference)
        response = get_object_or_404(
            EnquiryResponse.unrestricted.select_related("author", "partner").prefetch_related(
                "attachments"
            ),
            enquiry=enquiry,
            pk=pk,
            status=ResponseStatus.READY,
        )
        return enquiry, response

    def _context(self, enquiry, response, form):
        return {"enquiry": enquiry, "response": response, "form": form}

    def get(self, request, reference: str, pk: int):
        enquiry, response = self._objects(request, reference, pk)
        audit_enquiry(
            actor=request.user,
            action=Action.VIEW,
            enquiry=enquiry,
            detail="response checked",
            request=request,
        )
        form = SendResponseForm(initial={"body": response.body})
        return render(request, self.template_name, self._context(enquiry, response, form))

    def post(self, request, reference: str, pk: int):
        enquiry, response = self._objects(request, reference, pk)
        form = SendResponseForm(request.POST)
        if form.is_valid():
            try:
                response_send(
                    actor=request.user,
                    response=response,
                    body=form.cleaned_data["body"],
                    request=request,
                )
            except PermissionDenied:
                raise Http404("Not found") from None
            except ValidationError as error:
                form_add_service_errors(form, error, aliases=FIELD_ALIASES)
            else:
                messages.success(request, f"Reply sent; enquiry {enquiry.reference} is answered")
                return redirect("enquiries:triage", reference=enquiry.reference)
        return render(request, self.template_name, self._context(enquiry, response, form))
