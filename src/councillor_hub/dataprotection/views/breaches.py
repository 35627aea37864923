"""The breach register (for the data protection officer and each councillor) and the public
privacy notice pages.

Breaches are fetched through the permission rules (dataprotection/permissions.py), so one the
user may not see answers 404."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views import View

from councillor_hub.accounts.models import User
from councillor_hub.accounts.roles import Role
from councillor_hub.audit.models import Action
from councillor_hub.audit.services import audit_record

from .. import permissions
from ..countdown import breach_countdown
from ..forms.breaches import COUNCIL, BreachForm
from ..models import Breach, PrivacyNoticeTemplate
from ..services.breaches import breach_record, breach_update

PAGE_SIZE = 25


def _require_register(user) -> None:
    if not permissions.can_use_breach_register(user):
        raise Http404("No breach register")


class BreachListView(LoginRequiredMixin, View):
    """The breach register: the breaches of the controllers the user answers for."""

    template_name = "dataprotection/breaches/list.html"

    def get(self, request):
        _require_register(request.user)
        breaches = Breach.visible_to(request.user).select_related("controller")
        paginator = Paginator(breaches, PAGE_SIZE)
        page_obj = paginator.get_page(request.GET.get("page"))
        now = timezone.now()
        rows = [(breach, breach_countdown(breach, now=now)) for breach in page_obj.object_list]
        return render(
            request,
            self.template_name,
            {
                "page_obj": page_obj,
                "rows": rows,
                "count": paginator.count,
                "is_dpo": permissions.is_data_protection_officer(request.user),
            },
        )


class BreachCreateView(LoginRequiredMixin, View):
    """Record a personal data breach."""

    template_name = "dataprotection/breaches/form.html"

    def _form(self, request, data=None) -> BreachForm:
        user = request.user
        both = permissions.is_data_protection_officer(user) and permissions.is_own_controller(user)
        return BreachForm(data, choose_controller=both, submit="Record breach")

    def _controller(self, request, form):
        user = request.user
        if "controller_choice" in form.cleaned_data:
            return None if form.cleaned_data["controller_choice"] == COUNCIL else user
        return user if permissions.is_own_controller(user) else None

    def get(self, request):
        _require_register(request.user)
        return render(request, self.template_name, {"form": self._form(request)})

    def post(self, request):
        _require_register(request.user)
        form = self._form(request, request.POST)
        if not form.is_valid():
            return render(request, self.template_name, {"form": form})
        breach = breach_record(
            actor=request.user,
            controller=self._controller(request, form),
            request=request,
            **form.changes(),
        )
        messages.success(request, f"Breach {breach.reference} recorded")
        return redirect("dataprotection:breach_detail", reference=breach.reference)


class BreachDetailView(LoginRequiredMixin, View):
    """One breach, with the countdown to the ICO reporting deadline."""

    template_name = "dataprotection/breaches/detail.html"

    def get(self, request, reference):
        breach = get_object_or_404(
            Breach.visible_to(request.user).select_related("controller", "recorded_by"),
            reference=reference[:20],
        )
        audit_record(
            actor=request.user,
            action=Action.VIEW,
            obj=breach,
            label=breach.reference,
            data_controller=breach.controller,
            request=request,
        )
        return render(
            request,
            self.template_name,
            {"breach": breach, "countdown": breach_countdown(breach)},
        )


class BreachUpdateView(LoginRequiredMixin, View):
    """Change a breach: actions taken, the ICO decision and when it was reported."""

    template_name = "dataprotection/breaches/form.html"

    def _breach(self, request, reference) -> Breach:
        return get_object_or_404(
            Breach.visible_to(request.user).select_related("controller"),
            reference=reference[:20],
        )

    def get(self, request, reference):
        breach = self._breach(request, reference)
        form = BreachForm(instance=breach, submit="Save changes")
        return render(request, self.template_name, {"form": form, "breach": breach})

    def post(self, request, reference):
        breach = self._breach(request, reference)
        form = BreachForm(request.POST, instance=Breach.unrestricted.get(pk=breach.pk))
        if not form.is_valid():
            return render(request, self.template_name, {"form": form, "breach": breach})
        breach_update(actor=request.user, breach=breach, request=request, **form.changes())
        messages.success(request, f"Breach {breach.reference} updated")
        return redirect("dataprotection:breach_detail", reference=breach.reference)


def _active_councillor(councillor_id: int) -> User:
    today = timezone.localdate()
    return get_object_or_404(
        User.objects.select_related("councillor_profile__ward")
        .filter(is_active=True, roles__role=Role.COUNCILLOR, councillor_profile__isnull=False)
        .filter(
            Q(councillor_profile__term_end__isnull=True)
            | Q(councillor_profile__term_end__gte=today)
        )
        .distinct(),
        pk=councillor_id,
    )


def notice_paragraphs(text: str) -> list[tuple[str, str]]:
    """('h2' | 'p', text) blocks: a blank line separates paragraphs, '## ' starts a heading."""
    blocks = []
    for block in text.replace("\r\n", "\n").split("\n\n"):
        block = block.strip()
        if not block:
            continue
        if block.startswith("## "):
            heading, _, rest = block.partition("\n")
            blocks.append(("h2", heading[3:].strip()))
            if rest.strip():
                blocks.append(("p", rest.strip()))
        else:
            blocks.append(("p", block))
    return blocks


class PrivacyNoticeView(View):
    """A councillor's public privacy notice, built from the council's template (no sign-in)."""

    template_name = "dataprotection/privacy/notice.html"

    def get(self, request, councillor_id):
        councillor = _active_councillor(councillor_id)
        template = PrivacyNoticeTemplate.objects.filter(is_active=True).first()
        if template is None:
            raise Http404("No privacy notice")
        text = template.render(
            {
                "councillor_name": councillor.full_name,
                "ward": councillor.councillor_profile.ward.name,
                "council_name": settings.COUNCIL_NAME,
                "contact_email": councillor.email,
                "retention_years": template.retention_years,
            }
        )
        return render(
            request,
            self.template_name,
            {"councillor": councillor, "blocks": notice_paragraphs(text)},
        )
