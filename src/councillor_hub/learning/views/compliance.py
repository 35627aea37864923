"""Compliance: a member's own training record, the democratic services dashboard (every
learner against every topic they must hold), one member's record for managers and their
whip, the whip's view of their own group, and a committee's introduction and required
training (where a newly appointed member is sent)."""

from __future__ import annotations

from collections import Counter

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views import View

from councillor_hub.accounts.models import PoliticalGroup, User, Ward
from councillor_hub.audit.models import Action
from councillor_hub.audit.services import audit_record
from councillor_hub.committees.models import Committee, CommitteeMembership, govuk_time
from councillor_hub.committees.selectors import councillor_memberships

from ..forms.compliance import NON_ALIGNED, ComplianceFilterForm, clean_filters
from ..models import TrainingSession, TrainingTopic
from ..permissions import (
    can_manage_learning,
    can_view_member_training,
    is_learner,
    whip_group_ids,
)
from ..selectors import (
    compliance_records,
    learners_in_office,
    member_topic_statuses,
    member_training_record,
    next_meeting,
)
from ..validity import STATUS_LABELS, Status

ROWS_PER_PAGE = 50
STATUS_ORDER = {Status.EXPIRED: 0, Status.MISSING: 1, Status.EXPIRING: 2, Status.VALID: 3}


def _page_number(request) -> int:
    """The page asked for; anything that is not a whole number is page 1."""
    try:
        return max(1, int(request.GET.get("page", "1")))
    except ValueError:
        return 1


def compliance_table(request, members, *, groups, non_aligned: bool = True) -> dict:
    """The dashboard's context for `members` (a queryset of learners): the filter form, the
    counts by status, and a page of rows (member × required topic). A fixed number of queries
    whatever the number of rows."""
    today = timezone.localdate()
    wards = list(Ward.objects.order_by("name"))
    committees = list(Committee.objects.filter(is_active=True).order_by("name"))
    topics = list(TrainingTopic.objects.order_by("name"))
    options = {
        "groups": groups,
        "wards": wards,
        "committees": committees,
        "topics": topics,
        "non_aligned": non_aligned,
    }
    filters = clean_filters(request.GET, ComplianceFilterForm(**options))
    form = ComplianceFilterForm(filters or None, **options)
    form.is_valid()

    if filters.get("group") == NON_ALIGNED:
        members = members.filter(councillor_profile__political_group__isnull=True)
    elif "group" in filters:
        members = members.filter(councillor_profile__political_group_id=int(filters["group"]))
    if "ward" in filters:
        members = members.filter(councillor_profile__ward_id=int(filters["ward"]))
    if "committee" in filters:
        sitting = CommitteeMembership.objects.current(today).filter(
            committee_id=int(filters["committee"])
        )
        members = members.filter(pk__in=sitting.values("councillor_id"))
    members = members.select_related(
        "councillor_profile__ward", "councillor_profile__political_group"
    ).order_by("full_name", "pk")

    records = compliance_records(members, today)
    rows = [row for member_rows in records.values() for row in member_rows]
    if "topic" in filters:
        rows = [row for row in rows if str(row.topic.pk) == filters["topic"]]
    counts = Counter(row.status.status for row in rows)
    if "status" in filters:
        rows = [row for row in rows if row.status.status == filters["status"]]
    rows.sort(key=lambda row: (row.member.full_name, row.member.pk, row.topic.name))
    page_obj = Paginator(rows, ROWS_PER_PAGE).get_page(_page_number(request))
    return {
        "filter_form": form,
        "is_filtered": bool(filters),
        "counts": [
            {"status": status, "label": STATUS_LABELS[status], "count": counts.get(status, 0)}
            for status in (Status.VALID, Status.EXPIRING, Status.EXPIRED, Status.MISSING)
        ],
        "member_count": len({row.member.pk for row in rows}),
        "row_count": len(rows),
        "page_obj": page_obj,
        "rows": page_obj.object_list,
        "today": today,
    }


class MyTrainingView(LoginRequiredMixin, View):
    """A member's own training record: each topic they must hold and why."""

    template_name = "learning/compliance/my_training.html"

    def get(self, request):
        if not is_learner(request.user):
            raise Http404("Not found")
        today = timezone.localdate()
        return render(
            request,
            self.template_name,
            {
                "rows": sorted(
                    member_training_record(request.user, today),
                    key=lambda row: (STATUS_ORDER[row.status.status], row.topic.name),
                ),
                "today": today,
            },
        )


class ComplianceDashboardView(LoginRequiredMixin, View):
    """Every learner against every topic they must hold, with filters (democratic services)."""

    template_name = "learning/compliance/dashboard.html"

    def get(self, request):
        if not can_manage_learning(request.user):
            raise Http404("Not found")
        today = timezone.localdate()
        context = compliance_table(
            request,
            learners_in_office(today),
            groups=list(PoliticalGroup.objects.order_by("name")),
        )
        return render(request, self.template_name, context)


class GroupComplianceView(LoginRequiredMixin, View):
    """A whip's view of their own political group's training (nobody else's)."""

    template_name = "learning/compliance/group.html"

    def get(self, request):
        group_ids = whip_group_ids(request.user)
        if not group_ids:
            raise Http404("Not found")
        today = timezone.localdate()
        groups = list(PoliticalGroup.objects.filter(pk__in=group_ids).order_by("name"))
        context = compliance_table(
            request,
            learners_in_office(today).filter(councillor_profile__political_group_id__in=group_ids),
            groups=groups,
            non_aligned=False,
        )
        context["groups"] = groups
        return render(request, self.template_name, context)


class MemberComplianceView(LoginRequiredMixin, View):
    """One member's training record, for democratic services and the member's group whip."""

    template_name = "learning/compliance/member.html"

    def get(self, request, pk):
        member = get_object_or_404(
            User.objects.select_related(
                "councillor_profile__ward", "councillor_profile__political_group"
            ),
            pk=pk,
            is_active=True,
        )
        if not is_learner(member) or not can_view_member_training(request.user, member):
            raise Http404("Not found")
        today = timezone.localdate()
        if member.pk != request.user.pk:
            audit_record(
                actor=request.user,
                action=Action.VIEW,
                obj=member,
                label=f"Training record #{member.pk}",
                request=request,
            )
        return render(
            request,
            self.template_name,
            {
                "member": member,
                "rows": sorted(
                    member_training_record(member, today),
                    key=lambda row: (STATUS_ORDER[row.status.status], row.topic.name),
                ),
                "is_manager": can_manage_learning(request.user),
                "places": councillor_memberships(member, today)["current"],
                "today": today,
            },
        )


class CommitteeTrainingView(LoginRequiredMixin, View):
    """A committee's introduction and the training it requires, with upcoming sessions."""

    template_name = "learning/compliance/committee_training.html"

    def get(self, request, pk):
        committee = get_object_or_404(Committee, pk=pk)
        today = timezone.localdate()
        topics = list(
            committee.required_training_topics.order_by("name").prefetch_related(
                _upcoming_sessions()
            )
        )
        learner = is_learner(request.user)
        mine = member_topic_statuses(request.user, topics, today) if learner else {}
        for topic in topics:
            topic.my_status = mine.get(topic.pk)
            for session in topic.upcoming_sessions:
                session.time_label = govuk_time(session.starts_at)
        return render(
            request,
            self.template_name,
            {
                "committee": committee,
                "topics": topics,
                "is_learner": learner,
                "next_meeting": next_meeting(committee, today),
            },
        )


def _upcoming_sessions():
    from django.db.models import Prefetch

    return Prefetch(
        "sessions",
        queryset=TrainingSession.objects.filter(
            is_cancelled=False, starts_at__gte=timezone.now()
        ).order_by("starts_at", "pk"),
        to_attr="upcoming_sessions",
    )
