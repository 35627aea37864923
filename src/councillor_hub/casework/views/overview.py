"""The working views: the casework dashboard, "My cases" and the patterns page."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.views.generic import TemplateView

from councillor_hub.news.selectors import latest_for as latest_news_for

from ..forms.filters import CaseFilterForm, PatternsFilterForm
from ..permissions import acting_for, can_work_on_casework
from ..selectors.cases import (
    PAGE_SIZE,
    case_list,
    case_list_wards,
    case_patterns,
    casework_owners,
    follow_up_counts,
    follow_ups_due,
    recently_updated,
    status_counts,
)

# Geometry of the SVG bar charts, in viewBox units.
CHART_WIDTH = 640
CHART_LABEL_WIDTH = 220
CHART_BAR_SPACE = 360
CHART_ROW_HEIGHT = 32
CHART_BAR_HEIGHT = 22


class CaseworkOnlyMixin(LoginRequiredMixin):
    """Pages only for people with casework (their own or as a delegate): others get 404."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not can_work_on_casework(request.user):
            raise Http404("No casework")
        return super().dispatch(request, *args, **kwargs)


class DashboardView(LoginRequiredMixin, TemplateView):
    """Your casework: follow-ups due, cases by status, recently updated cases."""

    template_name = "casework/overview/dashboard.html"

    def get(self, request, *args, **kwargs):
        if not can_work_on_casework(request.user):
            return redirect("core:home")
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        user = self.request.user
        today = timezone.localdate()
        # A councillor whose term has ended is warned to hand over their cases before their
        # access ends (the handover page is in dataprotection).
        profile = getattr(user, "councillor_profile", None)
        term_ended = bool(
            user.is_casework_owner and profile and profile.term_end and profile.term_end < today
        )
        return super().get_context_data(
            follow_ups=list(follow_ups_due(user=user)),
            follow_up_counts=follow_up_counts(user=user),
            status_counts=status_counts(user=user),
            recent_cases=list(recently_updated(user=user)),
            today=today,
            handover_profile=profile if term_ended else None,
            latest_news=latest_news_for(user),
            **kwargs,
        )


class CaseListView(CaseworkOnlyMixin, TemplateView):
    """My cases: the cases the user can see, filtered, sorted and paginated."""

    template_name = "casework/overview/case_list.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        ids = acting_for(user)
        owners = casework_owners(user=user) if len(ids) > 1 else []
        form = CaseFilterForm(self.request.GET, owners=owners, wards=case_list_wards(user=user))
        filters = form.filters()
        paginator = Paginator(case_list(user=user, filters=filters), PAGE_SIZE)
        page_obj = paginator.get_page(self.request.GET.get("page"))
        return super().get_context_data(
            form=form,
            page_obj=page_obj,
            cases=page_obj.object_list,
            count=paginator.count,
            is_filtered=any(k != "sort" for k in filters),
            today=timezone.localdate(),
            **kwargs,
        )


def chart(figures) -> dict:
    """Bar positions for an SVG chart of `figures` (label, count); widths are attributes,
    so the strict CSP (no inline styles) is respected."""
    top = max((f.count for f in figures), default=0)
    rows = []
    for index, figure in enumerate(figures):
        width = round(figure.count / top * CHART_BAR_SPACE) if top else 0
        if figure.count and width < 2:
            width = 2
        y = index * CHART_ROW_HEIGHT + 4
        rows.append(
            {
                "label": figure.label,
                "count": figure.count,
                "y": y,
                "text_y": y + CHART_BAR_HEIGHT - 6,
                "width": width,
                "value_x": CHART_LABEL_WIDTH + width + 8,
            }
        )
    return {
        "rows": rows,
        "width": CHART_WIDTH,
        "height": len(rows) * CHART_ROW_HEIGHT + 8,
        "label_x": CHART_LABEL_WIDTH - 10,
        "bar_x": CHART_LABEL_WIDTH,
        "bar_height": CHART_BAR_HEIGHT,
    }


class PatternsView(CaseworkOnlyMixin, TemplateView):
    """Patterns in the user's own casework by category, ward, channel and month."""

    template_name = "casework/overview/patterns.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        owners = casework_owners(user=user)
        form = PatternsFilterForm(self.request.GET, owners=owners)
        filters = form.filters()
        owner_id = int(filters["owner"]) if "owner" in filters else None
        patterns = case_patterns(
            user=user,
            owner_id=owner_id,
            date_from=filters.get("date_from"),
            date_to=filters.get("date_to"),
            statuses=filters.get("status"),
        )
        ids = [o.pk for o in owners]
        chosen_id = owner_id if owner_id in ids else (ids[0] if ids else None)
        dimensions = [
            ("category", "Cases by category", "Category", patterns.by_category),
            ("ward", "Cases by ward", "Ward", patterns.by_ward),
            ("channel", "Cases by how they came in", "Channel", patterns.by_channel),
            ("month", "Cases opened by month", "Month", patterns.by_month),
        ]
        return super().get_context_data(
            form=form,
            patterns=patterns,
            owner=next((o for o in owners if o.pk == chosen_id), None),
            show_owner=len(owners) > 1,
            dimensions=[
                {
                    "slug": slug,
                    "title": title,
                    "column": column,
                    "figures": figures,
                    "chart": chart(figures),
                }
                for slug, title, column, figures in dimensions
            ],
            **kwargs,
        )
