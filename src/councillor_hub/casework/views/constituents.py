"""Constituents: search, add (with a duplicate check), view, change, record consent, merge.

Anyone who may see a constituent (owner, delegates, colleagues with a shared case) reaches the
detail page; only those who act for the owner reach the pages that change it. Everyone else
gets 404. There is deliberately no export of constituents: casework is not a mailing list."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views import View

from councillor_hub.accounts.models import User, Ward
from councillor_hub.audit.models import Action
from councillor_hub.audit.services import audit_record
from councillor_hub.core.forms import form_add_service_errors

from ..forms.constituents import ConsentForm, ConstituentForm, MergeSearchForm
from ..models import Constituent, ContactMethod
from ..permissions import acting_for, editable_constituents
from ..selectors.constituents import (
    constituent_cases,
    constituent_consents,
    constituent_search,
    possible_duplicates,
)
from ..selectors.history import field_history
from ..services.constituents import (
    consent_record_add,
    constituent_create,
    constituent_label,
    constituent_merge,
    constituent_update,
)

PAGE_SIZE = 25
# Details shown on the history page; the owner and timestamps are not a person's details.
HISTORY_FIELDS = [
    "title",
    "first_name",
    "last_name",
    "address_line_1",
    "address_line_2",
    "town",
    "postcode",
    "ward",
    "email",
    "phone",
    "preferred_contact",
    "accessibility_needs",
    "is_vulnerable",
    "vulnerability_note",
]
MERGE_SEARCH_LIMIT = 20


def _editable(request, pk: int) -> Constituent:
    return get_object_or_404(
        editable_constituents(request.user).select_related("owner", "ward"), pk=pk
    )


def _owners_for(user) -> list[User]:
    ids = acting_for(user)
    by_id = User.objects.in_bulk(ids)
    return [by_id[pk] for pk in ids if pk in by_id]


class ConstituentListView(LoginRequiredMixin, View):
    """Search the constituents the user may see."""

    def get(self, request):
        owner_ids = acting_for(request.user)
        if not owner_ids:
            raise Http404("No casework")
        q = request.GET.get("q", "").strip()[:200]
        paginator = Paginator(constituent_search(user=request.user, q=q), PAGE_SIZE)
        page_obj = paginator.get_page(request.GET.get("page"))
        rows = list(page_obj.object_list)
        return render(
            request,
            "casework/constituents/list.html",
            {
                "q": q,
                "page_obj": page_obj,
                "constituents": rows,
                # Name the councillor when the list mixes casework (delegates, shared cases).
                "show_owner": len(owner_ids) > 1
                or any(row.owner_id not in owner_ids for row in rows),
            },
        )


class ConstituentCreateView(LoginRequiredMixin, View):
    """Add a constituent, warning about possible duplicates first."""

    template_name = "casework/constituents/form.html"

    def get(self, request):
        owners = self._owners(request)
        form = ConstituentForm(owners=owners, initial={"owner": self._default_owner(request)})
        return self._render(request, form)

    def post(self, request):
        owners = self._owners(request)
        form = ConstituentForm(request.POST, owners=owners)
        if not form.is_valid():
            return self._render(request, form)
        owner = form.cleaned_data.get("owner") or owners[0]
        fields = form.constituent_fields()
        duplicates = list(
            possible_duplicates(
                owner=owner,
                first_name=fields["first_name"],
                last_name=fields["last_name"],
                email=fields["email"],
                phone=fields["phone"],
                postcode=fields["postcode"],
            )[:10]
        )
        if duplicates and not form.cleaned_data.get("confirm_different"):
            return self._render(request, form, duplicates=duplicates)
        try:
            constituent = constituent_create(actor=request.user, owner=owner, **fields)
        except ValidationError as error:
            form_add_service_errors(form, error)
            return self._render(request, form)
        messages.success(request, f"{constituent.full_name} added")
        return redirect("casework:constituent_detail", pk=constituent.pk)

    def _owners(self, request) -> list[User]:
        owners = _owners_for(request.user)
        if not owners:
            raise Http404("No casework")
        return owners

    def _default_owner(self, request) -> int | None:
        ids = acting_for(request.user)
        if request.user.is_casework_owner or len(ids) == 1:
            return ids[0]
        return None

    def _render(self, request, form, duplicates=None):
        return render(
            request,
            self.template_name,
            {"form": form, "duplicates": duplicates or [], "creating": True},
        )


class ConstituentDetailView(LoginRequiredMixin, View):
    """One constituent: details, their cases and consent records."""

    def get(self, request, pk: int):
        constituent = get_object_or_404(
            Constituent.visible_to(request.user).select_related("owner", "ward"), pk=pk
        )
        audit_record(
            actor=request.user,
            action=Action.VIEW,
            obj=constituent,
            label=constituent_label(constituent),
            data_controller=constituent.owner,
            request=request,
        )
        can_edit = constituent.owner_id in acting_for(request.user)
        cases = constituent_cases(user=request.user, constituent=constituent)
        return render(
            request,
            "casework/constituents/detail.html",
            {
                "constituent": constituent,
                "cases": cases,
                "consents": constituent_consents(constituent=constituent),
                "can_edit": can_edit,
            },
        )


class ConstituentHistoryView(LoginRequiredMixin, View):
    """Who changed which of a constituent's details, when, from what to what."""

    def get(self, request, pk: int):
        constituent = get_object_or_404(
            Constituent.visible_to(request.user).select_related("owner"), pk=pk
        )
        audit_record(
            actor=request.user,
            action=Action.VIEW,
            obj=constituent,
            label=constituent_label(constituent),
            data_controller=constituent.owner,
            detail="History",
            request=request,
        )
        rows = field_history(
            obj=constituent,
            fields=HISTORY_FIELDS,
            choices={"preferred_contact": dict(ContactMethod.choices)},
            names={"ward": dict(Ward.objects.values_list("pk", "name"))},
        )
        return render(
            request,
            "casework/constituents/history.html",
            {"constituent": constituent, "rows": rows},
        )


class ConstituentEditView(LoginRequiredMixin, View):
    """Change a constituent's details."""

    template_name = "casework/constituents/form.html"

    def get(self, request, pk: int):
        constituent = _editable(request, pk)
        return self._render(request, constituent, ConstituentForm(instance=constituent))

    def post(self, request, pk: int):
        constituent = _editable(request, pk)
        # A copy, so a failed validation cannot leave the page showing half-applied values.
        form = ConstituentForm(request.POST, instance=_editable(request, pk))
        if not form.is_valid():
            return self._render(request, constituent, form)
        try:
            constituent_update(
                actor=request.user, constituent=constituent, **form.constituent_fields()
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
            return self._render(request, constituent, form)
        messages.success(request, "Details saved")
        return redirect("casework:constituent_detail", pk=constituent.pk)

    def _render(self, request, constituent, form):
        return render(
            request,
            self.template_name,
            {"form": form, "constituent": constituent, "creating": False, "duplicates": []},
        )


class ConsentAddView(LoginRequiredMixin, View):
    """Record a constituent's consent, or its refusal or withdrawal."""

    template_name = "casework/constituents/consent_form.html"

    def get(self, request, pk: int):
        constituent = _editable(request, pk)
        return render(
            request, self.template_name, {"form": ConsentForm(), "constituent": constituent}
        )

    def post(self, request, pk: int):
        constituent = _editable(request, pk)
        form = ConsentForm(request.POST)
        if form.is_valid():
            try:
                consent_record_add(actor=request.user, constituent=constituent, **form.cleaned_data)
            except ValidationError as error:
                form_add_service_errors(form, error)
            else:
                messages.success(request, "Consent recorded")
                return redirect("casework:constituent_detail", pk=constituent.pk)
        return render(request, self.template_name, {"form": form, "constituent": constituent})


class ConstituentMergeView(LoginRequiredMixin, View):
    """Choose a duplicate record, compare the two, and merge it into this one."""

    def get(self, request, pk: int):
        keep = _editable(request, pk)
        other = self._other(request, keep, request.GET.get("other"))
        if other is not None:
            return self._confirm(request, keep, other)
        search = MergeSearchForm(request.GET or None)
        q = search.cleaned_data["q"].strip() if search.is_valid() else ""
        results = []
        if q:
            results = list(
                constituent_search(user=request.user, q=q)
                .filter(owner_id=keep.owner_id)
                .exclude(pk=keep.pk)[:MERGE_SEARCH_LIMIT]
            )
        duplicates = possible_duplicates(
            owner=keep.owner,
            first_name=keep.first_name,
            last_name=keep.last_name,
            email=keep.email,
            phone=keep.phone,
            postcode=keep.postcode,
            exclude_pk=keep.pk,
        )[:MERGE_SEARCH_LIMIT]
        return render(
            request,
            "casework/constituents/merge_choose.html",
            {
                "constituent": keep,
                "duplicates": duplicates,
                "search": search,
                "q": q,
                "results": results,
            },
        )

    def post(self, request, pk: int):
        keep = _editable(request, pk)
        other = self._other(request, keep, request.POST.get("other"))
        if other is None:
            return redirect("casework:constituent_merge", pk=keep.pk)
        try:
            kept = constituent_merge(actor=request.user, keep=keep, merge_away=other)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("casework:constituent_merge", pk=keep.pk)
        messages.success(request, "Records merged. The other record has been deleted.")
        return redirect("casework:constituent_detail", pk=kept.pk)

    def _other(self, request, keep: Constituent, raw: str | None) -> Constituent | None:
        """The record to merge away, from the same owner's casework; None if not given."""
        try:
            other_pk = int(raw or "")
        except ValueError:
            return None
        if other_pk == keep.pk:
            return None
        return get_object_or_404(
            editable_constituents(request.user)
            .filter(owner_id=keep.owner_id)
            .select_related("ward"),
            pk=other_pk,
        )

    def _confirm(self, request, keep: Constituent, other: Constituent):
        fields = [
            ("Name", "full_name"),
            ("Address", "address_lines"),
            ("Ward", "ward"),
            ("Email", "email"),
            ("Phone", "phone"),
            ("Preferred contact", "get_preferred_contact_display"),
            ("Vulnerability or safeguarding concern", "is_vulnerable"),
        ]
        rows = []
        for label, attr in fields:
            values = []
            for record in (keep, other):
                value = getattr(record, attr)
                value = value() if callable(value) else value
                if isinstance(value, list):
                    value = ", ".join(value)
                if isinstance(value, bool):
                    value = "Yes" if value else "No"
                values.append(value or "")
            rows.append({"label": label, "keep": values[0], "other": values[1]})
        counts = {
            record.pk: {
                "cases": record.case_links.count(),
                "consents": record.consents.count(),
            }
            for record in (keep, other)
        }
        return render(
            request,
            "casework/constituents/merge_confirm.html",
            {
                "constituent": keep,
                "other": other,
                "rows": rows,
                "keep_counts": counts[keep.pk],
                "other_counts": counts[other.pk],
            },
        )
