"""The member's side of enquiries: raise one, follow it, reply, rate the answer.

Enquiries are fetched through the permission rules (enquiries/permissions.py), so one the user
may not see answers 404."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views import View

from councillor_hub.accounts.models import User
from councillor_hub.audit.models import Action
from councillor_hub.casework.models import Constituent
from councillor_hub.casework.permissions import editable_cases
from councillor_hub.core.downloads import private_file_response
from councillor_hub.core.forms import form_add_service_errors
from councillor_hub.faqs.services import faqs_shown_on_enquiry

from .. import permissions
from ..forms.member import EnquiryRaiseForm, MemberReplyForm, MyEnquiriesFilterForm, RatingForm
from ..models import Enquiry, ResponseStatus, Urgency
from ..selectors import member as selectors
from ..selectors.faq import matching_faqs
from ..services.enquiry_audit import audit_enquiry
from ..services.member import can_rate, can_reply, enquiry_rate, member_reply
from ..services.raising import constituent_values, enquiry_create

PAGE_SIZE = 25


class MyEnquiriesView(LoginRequiredMixin, View):
    """Your enquiries: those of the members you act for, filtered and paginated."""

    template_name = "enquiries/member/my_enquiries.html"

    def get(self, request):
        if not permissions.can_raise(request.user):
            raise Http404("No enquiries")
        form = MyEnquiriesFilterForm(request.GET or None)
        filters = form.filters()
        paginator = Paginator(selectors.my_enquiries(user=request.user, **filters), PAGE_SIZE)
        page_obj = paginator.get_page(request.GET.get("page"))
        enquiries = list(page_obj.object_list)
        for enquiry in enquiries:
            enquiry.holder = selectors.holder_label(enquiry)
        return render(
            request,
            self.template_name,
            {
                "filter_form": form,
                "page_obj": page_obj,
                "enquiries": enquiries,
                "count": paginator.count,
                "is_filtered": bool(filters),
                "now": timezone.now(),
                "several_members": len(permissions.members_acting_for(request.user)) > 1,
            },
        )


class EnquiryCreateView(LoginRequiredMixin, View):
    """Raise an enquiry on the template form, optionally from one of your cases."""

    template_name = "enquiries/member/enquiry_form.html"

    def _setup(self, request) -> None:
        ids = permissions.members_acting_for(request.user)
        if not ids:
            raise Http404("No enquiries")
        self.case = None
        self.constituents: list[Constituent] = []
        reference = request.GET.get("case", "")
        if reference:
            self.case = get_object_or_404(
                editable_cases(request.user).select_related("owner"), reference=reference[:20]
            )
            if self.case.owner_id not in ids:
                raise Http404("No such case")
            self.members = [self.case.owner]
            self.constituents = list(
                Constituent.unrestricted.filter(case_links__case=self.case).order_by(
                    "case_links__added_at", "pk"
                )
            )
        else:
            self.members = list(User.objects.filter(pk__in=ids).order_by("full_name", "email"))

    def _initial(self) -> dict:
        case = self.case
        if case is None:
            initial = {}
            if len(self.members) == 1:
                profile = getattr(self.members[0], "councillor_profile", None)
                if profile is not None:
                    initial["ward"] = profile.ward_id
            return initial
        return {
            "subject": case.title[:200],
            "description": case.description,
            "location": case.location,
            "postcode": case.postcode,
            "ward": case.ward_id,
            "service_area": str(case.category_id),
        }

    def _form(self, data=None, files=None) -> EnquiryRaiseForm:
        share_values = None
        if len(self.constituents) == 1:
            share_values = constituent_values(self.constituents[0])
        return EnquiryRaiseForm(
            data,
            files,
            initial=self._initial(),
            members=self.members,
            case=self.case,
            case_constituents=self.constituents,
            share_values=share_values,
        )

    def _render(self, request, form: EnquiryRaiseForm, faqs=None, checked=False):
        area = None
        urgency = ""
        if form.is_bound:
            area = form.service_areas.get(form.data.get("service_area", ""))
            urgency = form.data.get("suggested_urgency", "")
        else:
            area = form.service_areas.get(str(form.initial.get("service_area", "")))
        if faqs is None:
            text = f"{form['subject'].value() or ''} {form['description'].value() or ''}"
            faqs = (
                matching_faqs(area, text.strip(), user=request.user)
                if (area and text.strip())
                else []
            )
        faqs = faqs_shown_on_enquiry(user=request.user, faqs=faqs)  # counted as shown
        office_hours = selectors.is_office_hours()
        context = {
            "form": form,
            "case": self.case,
            "faqs": faqs,
            "checked": checked,
            "emergency_area": area,
            "emergency_contacts": selectors.out_of_hours_contacts(area),
            "emergency_chosen": urgency == Urgency.EMERGENCY,
            "office_hours": office_hours,
        }
        return render(request, self.template_name, context)

    def get(self, request):
        self._setup(request)
        return self._render(request, self._form())

    def post(self, request):
        self._setup(request)
        form = self._form(request.POST, request.FILES)
        if not form.is_valid():
            return self._render(request, form)
        data = form.cleaned_data
        if "check" in request.POST:
            text = f"{data['subject']} {data['description']}"
            faqs = matching_faqs(data["service_area"], text, user=request.user)
            return self._render(request, form, faqs=faqs, checked=True)
        try:
            enquiry = enquiry_create(
                actor=request.user,
                member=form.member_choice(),
                service_area=data["service_area"],
                category=data["category"],
                subject=data["subject"],
                description=data["description"],
                location=data["location"],
                postcode=data["postcode"],
                ward=data["ward"],
                suggested_urgency=data["suggested_urgency"],
                case=self.case,
                constituent_fields=form.constituent_fields(),
                case_constituent=data.get("case_constituent"),
                case_share=data.get("case_share") or (),
                is_sensitive=data["is_sensitive"],
                sensitive_reason=data["sensitive_reason"],
                uploads=data["uploads"],
                request=request,
            )
        except PermissionDenied:
            raise Http404("No enquiries") from None
        except ValidationError as error:
            form_add_service_errors(form, error)
            return self._render(request, form)
        messages.success(request, f"Enquiry {enquiry.reference} sent to the member support team")
        return redirect("enquiries:enquiry_detail", reference=enquiry.reference)


def _get_enquiry(request, reference: str) -> Enquiry:
    return get_object_or_404(selectors.enquiry_for_page(user=request.user, reference=reference))


def _is_internal(user, enquiry: Enquiry) -> bool:
    """Officers and the support team see internal notes and unsent drafts."""
    return permissions.can_triage(user, enquiry) or permissions.can_draft_response(user, enquiry)


def _detail_context(request, enquiry: Enquiry, reply_form=None, rating_form=None) -> dict:
    user = request.user
    internal = _is_internal(user, enquiry)
    members_side = permissions.is_members_side(user, enquiry)
    responses = list(selectors.enquiry_responses(enquiry=enquiry, internal=internal))
    now = timezone.now()
    return {
        "enquiry": enquiry,
        "holder": selectors.holder_label(enquiry),
        "events": list(selectors.enquiry_events(enquiry=enquiry, internal=internal)),
        "responses": responses,
        "files": list(selectors.enquiry_files(enquiry=enquiry)),
        "internal": internal,
        "members_side": members_side,
        "overdue": enquiry.is_open and enquiry.due_at is not None and enquiry.due_at < now,
        "can_triage": permissions.can_triage(user, enquiry),
        "can_draft": permissions.can_draft_response(user, enquiry),
        "can_reply": members_side and can_reply(enquiry, now),
        "can_rate": members_side and can_rate(enquiry),
        "reply_form": reply_form or MemberReplyForm(),
        "rating_form": rating_form or RatingForm(),
        "form": reply_form or rating_form,  # "Error:" in the title when one failed
        "ResponseStatus": ResponseStatus,
    }


class EnquiryDetailView(LoginRequiredMixin, View):
    """One enquiry: status, who holds it, due date, history and replies."""

    template_name = "enquiries/member/enquiry_detail.html"

    def get(self, request, reference: str):
        enquiry = _get_enquiry(request, reference)
        audit_enquiry(actor=request.user, action=Action.VIEW, enquiry=enquiry, request=request)
        return render(request, self.template_name, _detail_context(request, enquiry))


class MemberReplyView(LoginRequiredMixin, View):
    """The member's reply: more information, or a follow-up to the answer."""

    def get(self, request, reference: str):
        enquiry = _get_enquiry(request, reference)
        return redirect(f"{enquiry_url(enquiry)}#reply")

    def post(self, request, reference: str):
        enquiry = _get_enquiry(request, reference)
        if not permissions.is_members_side(request.user, enquiry):
            raise Http404("No such enquiry")
        form = MemberReplyForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                member_reply(
                    actor=request.user,
                    enquiry=enquiry,
                    body=form.cleaned_data["body"],
                    uploads=form.cleaned_data["uploads"],
                    request=request,
                )
            except PermissionDenied:
                raise Http404("No such enquiry") from None
            except ValidationError as error:
                form_add_service_errors(form, error)
            else:
                messages.success(request, "Your reply has been sent")
                return redirect("enquiries:enquiry_detail", reference=enquiry.reference)
        return render(
            request,
            EnquiryDetailView.template_name,
            _detail_context(request, enquiry, reply_form=form),
        )


class RateView(LoginRequiredMixin, View):
    """Rate the answer, once."""

    def get(self, request, reference: str):
        enquiry = _get_enquiry(request, reference)
        return redirect(f"{enquiry_url(enquiry)}#rate")

    def post(self, request, reference: str):
        enquiry = _get_enquiry(request, reference)
        if not permissions.is_members_side(request.user, enquiry):
            raise Http404("No such enquiry")
        form = RatingForm(request.POST)
        if form.is_valid():
            try:
                enquiry_rate(
                    actor=request.user,
                    enquiry=enquiry,
                    rating=form.cleaned_data["rating"],
                    comment=form.cleaned_data["comment"],
                    request=request,
                )
            except PermissionDenied:
                raise Http404("No such enquiry") from None
            except ValidationError as error:
                form_add_service_errors(form, error)
            else:
                messages.success(request, "Thank you for rating the answer")
                return redirect("enquiries:enquiry_detail", reference=enquiry.reference)
        return render(
            request,
            EnquiryDetailView.template_name,
            _detail_context(request, enquiry, rating_form=form),
        )


class AttachmentDownloadView(LoginRequiredMixin, View):
    """Serve an enquiry's file, after the permission check, as a download."""

    def get(self, request, reference: str, pk: int):
        attachment = get_object_or_404(
            selectors.enquiry_attachment(user=request.user, reference=reference, pk=pk)
        )
        enquiry = attachment.enquiry
        response_obj = attachment.response
        if (
            response_obj is not None
            and response_obj.status != ResponseStatus.SENT
            and not _is_internal(request.user, enquiry)
        ):
            raise Http404("No such file")
        response = private_file_response(
            file=attachment.file,
            filename=attachment.original_name,
            content_type=attachment.content_type,
        )
        audit_enquiry(
            actor=request.user,
            action=Action.DOWNLOAD,
            enquiry=enquiry,
            obj=attachment,
            request=request,
        )
        return response


def enquiry_url(enquiry: Enquiry) -> str:
    from django.urls import reverse

    return reverse("enquiries:enquiry_detail", args=[enquiry.reference])
