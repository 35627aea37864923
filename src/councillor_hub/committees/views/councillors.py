"""Councillor profiles: the list of councillors in office, each councillor's page, their
photo, and the page where content managers change contact details and the photo."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views import View

from councillor_hub.accounts.models import PoliticalGroup, Ward
from councillor_hub.core.downloads import private_file_response
from councillor_hub.core.forms import form_add_service_errors
from councillor_hub.directory.permissions import can_manage_hub_content

from .. import selectors
from ..forms import NON_ALIGNED, ContactForm, CouncillorFilterForm
from ..models import CouncillorContact
from ..photos import photo_extension
from ..services import contact_update
from . import require_manager


def _councillor(pk: int):
    return get_object_or_404(selectors.councillors_with_profile(), pk=pk)


def _clean_filters(query: QueryDict, form: CouncillorFilterForm) -> dict[str, str]:
    """The filter values that are on offer; anything else is ignored (no error, no 500)."""
    values = {}
    for name in ("ward", "group"):
        value = query.get(name, "")
        if value and value in {str(key) for key, _ in form.fields[name].choices}:
            values[name] = value
    return values


class CouncillorListView(LoginRequiredMixin, View):
    """Every councillor in office, with filters by ward and political group."""

    template_name = "committees/councillor_list.html"

    def get(self, request):
        wards = list(Ward.objects.all())
        groups = list(PoliticalGroup.objects.all())
        form = CouncillorFilterForm(wards=wards, groups=groups)
        filters = _clean_filters(request.GET, form)
        form = CouncillorFilterForm(filters or None, wards=wards, groups=groups)
        form.is_valid()
        councillors = selectors.councillors_in_office()
        if "ward" in filters:
            councillors = councillors.filter(councillor_profile__ward_id=int(filters["ward"]))
        if filters.get("group") == NON_ALIGNED:
            councillors = councillors.filter(councillor_profile__political_group__isnull=True)
        elif "group" in filters:
            councillors = councillors.filter(
                councillor_profile__political_group_id=int(filters["group"])
            )
        rows = [(user, selectors.contact_of(user)) for user in councillors]
        return render(
            request,
            self.template_name,
            {
                "filter_form": form,
                "is_filtered": bool(filters),
                "rows": rows,
                "has_photos": any(contact and contact.photo for _, contact in rows),
                "can_manage": can_manage_hub_content(request.user),
            },
        )


class CouncillorDetailView(LoginRequiredMixin, View):
    """A councillor's profile: ward, group, contact details, committees and portfolios."""

    template_name = "committees/councillor_detail.html"

    def get(self, request, pk):
        councillor = _councillor(pk)
        today = timezone.localdate()
        leader, deputy = selectors.leader_and_deputy(today)
        return render(
            request,
            self.template_name,
            {
                "councillor": councillor,
                "profile": councillor.councillor_profile,
                "contact": selectors.contact_of(councillor),
                "in_office": selectors.is_in_office(councillor, today),
                "is_leader": any(u.pk == councillor.pk for u in leader),
                "is_deputy": any(u.pk == councillor.pk for u in deputy),
                "memberships": selectors.councillor_memberships(councillor, today),
                "holdings": selectors.councillor_holdings(councillor, today),
                "can_manage": can_manage_hub_content(request.user),
            },
        )


class CouncillorPhotoView(LoginRequiredMixin, View):
    """A councillor's photo, for signed-in users (stored outside the web root)."""

    def get(self, request, pk):
        contact = get_object_or_404(
            CouncillorContact.objects.filter(councillor__councillor_profile__isnull=False),
            councillor_id=pk,
        )
        if not contact.photo:
            raise Http404("No photo")
        return private_file_response(
            file=contact.photo,
            filename=f"councillor-{pk}{photo_extension(contact.photo_content_type)}",
            content_type=contact.photo_content_type,
        )


class CouncillorContactUpdateView(LoginRequiredMixin, View):
    """Change a councillor's public contact details and photo (content managers)."""

    template_name = "committees/contact_form.html"

    def _context(self, councillor, form):
        return {"councillor": councillor, "form": form, "contact": form.instance}

    def _contact(self, councillor) -> CouncillorContact:
        return selectors.contact_of(councillor) or CouncillorContact(councillor=councillor)

    def get(self, request, pk):
        require_manager(request.user)
        councillor = _councillor(pk)
        contact = self._contact(councillor)
        form = ContactForm(instance=contact, has_photo=bool(contact.photo))
        return render(request, self.template_name, self._context(councillor, form))

    def post(self, request, pk):
        require_manager(request.user)
        councillor = _councillor(pk)
        contact = self._contact(councillor)
        form = ContactForm(
            request.POST, request.FILES, instance=contact, has_photo=bool(contact.photo)
        )
        if form.is_valid():
            data = form.cleaned_data
            try:
                contact_update(
                    actor=request.user,
                    councillor=councillor,
                    public_email=data["public_email"],
                    public_phone=data["public_phone"],
                    surgery_details=data["surgery_details"],
                    bio=data["bio"],
                    photo=data.get("photo_upload") or None,
                    remove_photo=bool(data.get("remove_photo")),
                    request=request,
                )
            except ValidationError as error:
                form_add_service_errors(form, error, aliases={"photo": "photo_upload"})
            else:
                messages.success(request, f"Contact details for {councillor.full_name} saved")
                return redirect("committees:councillor_detail", pk=councillor.pk)
        return render(request, self.template_name, self._context(councillor, form))
