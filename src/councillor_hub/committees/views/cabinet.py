"""The Cabinet: the Leader and deputy (chair and vice-chair of the Cabinet committee), each
portfolio with its holder and responsibilities, and the pages where content managers add and
change portfolios and appoint and end holders."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views import View

from councillor_hub.core.forms import form_add_service_errors
from councillor_hub.directory.permissions import can_manage_hub_content

from .. import selectors
from ..forms import EndForm, HoldingForm, PortfolioForm
from ..models import CabinetPortfolio, PortfolioHolding
from ..services import (
    holding_add,
    holding_end,
    long_date,
    portfolio_create,
    portfolio_update,
)
from . import require_manager


class CabinetView(LoginRequiredMixin, View):
    """The Cabinet: portfolios, their holders and responsibilities."""

    template_name = "committees/cabinet.html"

    def get(self, request):
        today = timezone.localdate()
        can_manage = can_manage_hub_content(request.user)
        leader, deputy = selectors.leader_and_deputy(today)
        return render(
            request,
            self.template_name,
            {
                "leader": leader,
                "deputy": deputy,
                "cabinet_committee": selectors.cabinet_committee(),
                "portfolios": selectors.portfolios_with_holders(today),
                "retired": selectors.portfolios_with_holders(today, active=False)
                if can_manage
                else [],
                "can_manage": can_manage,
            },
        )


def _portfolio_values(form) -> dict:
    data = form.cleaned_data
    return {
        "title": data["title"],
        "responsibilities": data.get("responsibilities", ""),
        "sort_order": data["sort_order"],
        "is_active": data.get("is_active", False),
        "is_leader": data.get("is_leader", False),
    }


def _cabinet_anchor(portfolio: CabinetPortfolio) -> str:
    return f"{reverse('committees:cabinet')}#portfolio-{portfolio.pk}"


class PortfolioCreateView(LoginRequiredMixin, View):
    """Add a Cabinet portfolio (content managers)."""

    template_name = "committees/portfolio_form.html"

    def get(self, request):
        require_manager(request.user)
        form = PortfolioForm(initial={"is_active": True, "sort_order": 10}, submit="Add portfolio")
        return render(request, self.template_name, {"form": form})

    def post(self, request):
        require_manager(request.user)
        form = PortfolioForm(request.POST, submit="Add portfolio")
        if form.is_valid():
            try:
                portfolio = portfolio_create(
                    actor=request.user, request=request, **_portfolio_values(form)
                )
            except ValidationError as error:
                form_add_service_errors(form, error)
            else:
                messages.success(request, f"{portfolio.title} added")
                return redirect(_cabinet_anchor(portfolio))
        return render(request, self.template_name, {"form": form})


class PortfolioUpdateView(LoginRequiredMixin, View):
    """Change a Cabinet portfolio (content managers)."""

    template_name = "committees/portfolio_form.html"

    def get(self, request, pk):
        require_manager(request.user)
        portfolio = get_object_or_404(CabinetPortfolio, pk=pk)
        form = PortfolioForm(instance=portfolio, submit="Save changes")
        return render(request, self.template_name, {"form": form, "portfolio": portfolio})

    def post(self, request, pk):
        require_manager(request.user)
        portfolio = get_object_or_404(CabinetPortfolio, pk=pk)
        form = PortfolioForm(
            request.POST,
            instance=CabinetPortfolio.objects.get(pk=portfolio.pk),
            submit="Save changes",
        )
        if form.is_valid():
            try:
                portfolio_update(
                    actor=request.user,
                    portfolio=portfolio,
                    request=request,
                    **_portfolio_values(form),
                )
            except ValidationError as error:
                form_add_service_errors(form, error)
            else:
                messages.success(request, "Portfolio saved")
                return redirect(_cabinet_anchor(portfolio))
        return render(request, self.template_name, {"form": form, "portfolio": portfolio})


class HoldingCreateView(LoginRequiredMixin, View):
    """Appoint a councillor to a portfolio (content managers)."""

    template_name = "committees/holding_form.html"

    def get(self, request, pk):
        require_manager(request.user)
        portfolio = get_object_or_404(CabinetPortfolio, pk=pk, is_active=True)
        form = HoldingForm(initial={"start_date": timezone.localdate()})
        return render(request, self.template_name, {"form": form, "portfolio": portfolio})

    def post(self, request, pk):
        require_manager(request.user)
        portfolio = get_object_or_404(CabinetPortfolio, pk=pk, is_active=True)
        form = HoldingForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                holding = holding_add(
                    actor=request.user,
                    portfolio=portfolio,
                    councillor=data["councillor"],
                    start_date=data["start_date"],
                    replace_holder=data.get("replace_holder", False),
                    request=request,
                )
            except ValidationError as error:
                form_add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    f"{holding.councillor.full_name} holds {portfolio.title} from "
                    f"{long_date(holding.start_date)}",
                )
                return redirect(_cabinet_anchor(portfolio))
        return render(request, self.template_name, {"form": form, "portfolio": portfolio})


class HoldingEndView(LoginRequiredMixin, View):
    """End a holder's term on a portfolio, keeping it in the history (content managers)."""

    template_name = "committees/holding_end.html"

    def _holding(self, pk) -> PortfolioHolding:
        return get_object_or_404(
            PortfolioHolding.objects.open().select_related("portfolio", "councillor"), pk=pk
        )

    def get(self, request, pk):
        require_manager(request.user)
        holding = self._holding(pk)
        form = EndForm(initial={"end_date": timezone.localdate()}, submit="End term")
        return render(request, self.template_name, {"form": form, "holding": holding})

    def post(self, request, pk):
        require_manager(request.user)
        holding = self._holding(pk)
        form = EndForm(request.POST, submit="End term")
        if form.is_valid():
            try:
                holding_end(
                    actor=request.user,
                    holding=holding,
                    end_date=form.cleaned_data["end_date"],
                    request=request,
                )
            except ValidationError as error:
                form_add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    f"{holding.councillor.full_name}'s term as holder of "
                    f"{holding.portfolio.title} ends on "
                    f"{long_date(form.cleaned_data['end_date'])}",
                )
                return redirect(_cabinet_anchor(holding.portfolio))
        return render(request, self.template_name, {"form": form, "holding": holding})
