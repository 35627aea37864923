"""Role descriptions, personal support plans and mentoring pages.

Who sees what is decided in supportplans/permissions.py: role descriptions are for everyone
signed in; a member's plan and mentoring requests for the member and democratic services
(who get 404 elsewhere, so nothing says a record exists). Showing one member's plan or
request to someone else records an audit VIEW event. Changes go through services.py."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views import View
from django.views.generic import FormView, TemplateView

from councillor_hub.audit.models import Action
from councillor_hub.audit.services import audit_record
from councillor_hub.core.forms import GovukForm, form_add_service_errors

from . import permissions, selectors, services
from .due import STATE_LABELS, State
from .forms import (
    MentoringCloseForm,
    MentoringFilterForm,
    MentoringMatchForm,
    MentoringRequestForm,
    NeedForm,
    PlanFilterForm,
    PlanForm,
    RoleForm,
    SkillForm,
)
from .models import (
    PRIORITY_ORDER,
    MentoringRequest,
    MentoringStatus,
    PersonalSupportPlan,
    PlanNeed,
    PlanStatus,
    RoleDescription,
    Skill,
)

PAGE_SIZE = 50


def learning_url(name: str, *args) -> str:
    """A page of the training catalogue, when it has one (the catalogue is built alongside)."""
    try:
        return reverse(f"learning:{name}", args=args)
    except NoReverseMatch:
        return ""


# ------------------------------------------------------------------------------ mixins
class ManagerMixin(LoginRequiredMixin):
    """Democratic services and administrators only; others 404."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not permissions.can_manage(request.user):
            raise Http404("Not found")
        return super().dispatch(request, *args, **kwargs)


class MemberMixin(LoginRequiredMixin):
    """Members in office (councillors, co-opted members) only; others 404."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not permissions.can_keep_plan(request.user):
            raise Http404("Not found")
        return super().dispatch(request, *args, **kwargs)


class ServiceFormView(FormView):
    """A form whose valid data goes to a service; its ValidationErrors show on the form."""

    success_message = ""

    def save(self, form):  # pragma: no cover - each view defines it
        raise NotImplementedError

    def form_valid(self, form):
        try:
            result = self.save(form)
        except ValidationError as error:
            form_add_service_errors(form, error)
            return self.form_invalid(form)
        if self.success_message:
            messages.success(self.request, self.success_message)
        return redirect(self.success_url_for(result))

    def success_url_for(self, result) -> str:  # pragma: no cover - each view defines it
        raise NotImplementedError


# -------------------------------------------------------------------------------- home
class HomeView(LoginRequiredMixin, TemplateView):
    """Role descriptions, your support plan and mentoring, and the managers' pages."""

    template_name = "supportplans/home.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        context = {
            "is_member": permissions.can_keep_plan(user),
            "can_manage": permissions.can_manage(user),
        }
        if context["is_member"]:
            context["due"] = selectors.member_due(user, timezone.localdate())
        return super().get_context_data(**context, **kwargs)


# ------------------------------------------------------------------- role descriptions
class RoleListView(LoginRequiredMixin, TemplateView):
    """Every role description, with the skills each needs."""

    template_name = "supportplans/role_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            roles=RoleDescription.objects.prefetch_related("skills"),
            can_manage=permissions.can_manage(self.request.user),
            **kwargs,
        )


class RoleDetailView(LoginRequiredMixin, TemplateView):
    """One role description: purpose, responsibilities and skills."""

    template_name = "supportplans/role_detail.html"

    def get_context_data(self, **kwargs):
        role = get_object_or_404(
            RoleDescription.objects.prefetch_related("skills"), pk=self.kwargs["pk"]
        )
        return super().get_context_data(
            role=role, can_manage=permissions.can_manage(self.request.user), **kwargs
        )


class RoleFormMixin(ManagerMixin, ServiceFormView):
    template_name = "supportplans/role_form.html"
    form_class = RoleForm
    role = None

    def get_context_data(self, **kwargs):
        return super().get_context_data(role=self.role, **kwargs)

    def save(self, form):
        data = form.cleaned_data
        return services.role_save(
            actor=self.request.user,
            title=data["title"],
            purpose=data["purpose"],
            responsibilities=data["responsibilities"],
            skills=data["skills"],
            role=self.role,
        )

    def success_url_for(self, role) -> str:
        return reverse("supportplans:role_detail", args=[role.pk])


class RoleCreateView(RoleFormMixin):
    """Add a role description."""

    success_message = "Role description added"


class RoleUpdateView(RoleFormMixin):
    """Change a role description."""

    success_message = "Role description saved"

    def dispatch(self, request, *args, **kwargs):
        self.role = get_object_or_404(RoleDescription, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["submit"] = "Save changes"
        if self.request.method == "GET":
            kwargs["initial"] = {
                "title": self.role.title,
                "purpose": self.role.purpose,
                "responsibilities": self.role.responsibilities,
                "skills": list(self.role.skills.all()),
            }
        return kwargs


class SkillListView(ManagerMixin, TemplateView):
    """The skills role descriptions and plans choose from, with how often each is used."""

    template_name = "supportplans/skill_list.html"

    def get_context_data(self, **kwargs):
        from django.db.models import Count

        skills = Skill.objects.annotate(
            role_count=Count("roles", distinct=True), need_count=Count("needs", distinct=True)
        )
        return super().get_context_data(skills=skills, **kwargs)


class SkillFormMixin(ManagerMixin, ServiceFormView):
    template_name = "supportplans/skill_form.html"
    form_class = SkillForm
    skill = None

    def get_context_data(self, **kwargs):
        return super().get_context_data(skill=self.skill, **kwargs)

    def save(self, form):
        return services.skill_save(
            actor=self.request.user,
            name=form.cleaned_data["name"],
            description=form.cleaned_data["description"],
            skill=self.skill,
        )

    def success_url_for(self, skill) -> str:
        return reverse("supportplans:skill_list")


class SkillCreateView(SkillFormMixin):
    """Add a skill."""

    success_message = "Skill added"


class SkillUpdateView(SkillFormMixin):
    """Change a skill's name or description."""

    success_message = "Skill saved"

    def dispatch(self, request, *args, **kwargs):
        self.skill = get_object_or_404(Skill, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["submit"] = "Save changes"
        if self.request.method == "GET":
            kwargs["initial"] = {"name": self.skill.name, "description": self.skill.description}
        return kwargs


# ------------------------------------------------------------------------ plan display
def plan_context(plan: PersonalSupportPlan) -> dict:
    """The plan's needs in priority order, each topic with its page and next sessions."""
    needs = sorted(plan.needs.all(), key=lambda need: (PRIORITY_ORDER[need.priority], need.pk))
    topic_ids = {topic.pk for need in needs for topic in need.topics.all()}
    sessions = selectors.upcoming_sessions_by_topic(topic_ids)
    for need in needs:
        need.topic_rows = [
            {
                "topic": topic,
                "url": learning_url("topic_detail", topic.pk),
                "sessions": [
                    {"session": session, "url": learning_url("session_detail", session.pk)}
                    for session in sessions.get(topic.pk, [])
                ],
            }
            for topic in need.topics.all()
        ]
    return {"plan": plan, "needs": needs, "roles": list(plan.roles.all())}


def _plans():
    return PersonalSupportPlan.objects.select_related("member", "reviewed_by").prefetch_related(
        "roles", selectors.needs_prefetch()
    )


class MyPlanView(MemberMixin, TemplateView):
    """The member's support plan for this year, when it is due, and earlier plans."""

    template_name = "supportplans/my_plan.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        today = timezone.localdate()
        plan = _plans().filter(member=user, year=today.year).first()
        context = plan_context(plan) if plan else {"plan": None}
        context["due"] = selectors.member_due(user, today)
        context["earlier"] = PersonalSupportPlan.objects.filter(
            member=user, year__lt=today.year
        ).order_by("-year")
        context["can_edit"] = plan is not None and permissions.can_edit_plan(user, plan)
        context["editable"] = context["can_edit"] and not plan.is_completed
        return super().get_context_data(**context, **kwargs)


class PlanStartView(MemberMixin, View):
    """Start this year's plan (POST), from last year's if there is one."""

    http_method_names = ["post"]

    def post(self, request):
        services.plan_start(actor=request.user)
        return redirect("supportplans:my_plan")


class CurrentPlanMixin(MemberMixin):
    """Pages that change the member's plan for this year (404 until it is started). Pages
    that change its contents (`draft_only`) send a completed plan back to the plan page:
    the member reopens it first."""

    draft_only = False

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and permissions.can_keep_plan(request.user):
            self.plan = get_object_or_404(
                PersonalSupportPlan, member=request.user, year=timezone.localdate().year
            )
            if self.draft_only and self.plan.is_completed:
                messages.info(request, services.DRAFT_ONLY)
                return redirect("supportplans:my_plan")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(plan=self.plan, **kwargs)

    def success_url_for(self, result) -> str:
        return reverse("supportplans:my_plan")


class PlanUpdateView(CurrentPlanMixin, ServiceFormView):
    """Change the plan's roles, strengths and aims."""

    template_name = "supportplans/plan_form.html"
    form_class = PlanForm
    draft_only = True
    success_message = "Plan saved"

    def get_initial(self):
        return {
            "roles": list(self.plan.roles.all()),
            "strengths": self.plan.strengths,
            "aims": self.plan.aims,
        }

    def save(self, form):
        data = form.cleaned_data
        return services.plan_update(
            actor=self.request.user,
            plan=self.plan,
            roles=data["roles"],
            strengths=data["strengths"],
            aims=data["aims"],
        )


class NeedCreateView(CurrentPlanMixin, ServiceFormView):
    """Add a development need to the plan."""

    template_name = "supportplans/need_form.html"
    form_class = NeedForm
    success_message = "Need added"
    draft_only = True

    def save(self, form):
        data = form.cleaned_data
        return services.need_add(
            actor=self.request.user,
            plan=self.plan,
            skill=data["skill"],
            description=data["description"],
            topics=data["topics"],
            priority=data["priority"],
        )


class NeedMixin(CurrentPlanMixin):
    draft_only = True

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and permissions.can_keep_plan(request.user):
            self.need = get_object_or_404(
                PlanNeed,
                pk=kwargs["pk"],
                plan__member=request.user,
                plan__year=timezone.localdate().year,
            )
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(need=self.need, **kwargs)


class NeedUpdateView(NeedMixin, ServiceFormView):
    """Change a development need."""

    template_name = "supportplans/need_form.html"
    form_class = NeedForm
    success_message = "Need saved"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["submit"] = "Save changes"
        return kwargs

    def get_initial(self):
        return {
            "skill": self.need.skill,
            "description": self.need.description,
            "topics": list(self.need.topics.all()),
            "priority": self.need.priority,
        }

    def save(self, form):
        data = form.cleaned_data
        return services.need_update(
            actor=self.request.user,
            need=self.need,
            skill=data["skill"],
            description=data["description"],
            topics=data["topics"],
            priority=data["priority"],
        )


class ConfirmForm(GovukForm):
    """No fields: the page writes its own button; errors from the service show on it."""


class NeedDeleteView(NeedMixin, ServiceFormView):
    """Remove a development need, after asking."""

    template_name = "supportplans/need_confirm_delete.html"
    form_class = ConfirmForm
    success_message = "Need removed"

    def save(self, form):
        services.need_remove(actor=self.request.user, need=self.need)


class PlanCompleteView(CurrentPlanMixin, ServiceFormView):
    """Check the plan and mark it completed."""

    template_name = "supportplans/plan_complete.html"
    form_class = ConfirmForm
    success_message = "Plan completed. Democratic services will use it to plan training."

    def get(self, request, *args, **kwargs):
        if self.plan.status == PlanStatus.COMPLETED:
            return redirect("supportplans:my_plan")
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        plan = _plans().get(pk=self.plan.pk)
        return {**super().get_context_data(**kwargs), **plan_context(plan)}

    def save(self, form):
        return services.plan_complete(actor=self.request.user, plan=self.plan)


class PlanReopenView(CurrentPlanMixin, View):
    """Open a completed plan for changes again (POST)."""

    http_method_names = ["post"]

    def post(self, request):
        services.plan_reopen(actor=request.user, plan=self.plan)
        messages.success(request, "You can now change your plan. Complete it again when ready.")
        return redirect("supportplans:my_plan")


# ---------------------------------------------------------------------------- managers
class PlanListView(ManagerMixin, TemplateView):
    """Every member in office with where their plan stands: up to date, due or overdue."""

    template_name = "supportplans/plan_list.html"

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        form = PlanFilterForm(self.request.GET or None)
        state = form.chosen_state()
        all_rows = selectors.member_plan_rows(today=today)
        rows = [row for row in all_rows if row.due.state == state] if state else all_rows
        page_obj = Paginator(rows, PAGE_SIZE).get_page(self.request.GET.get("page"))
        counts = selectors.state_counts(all_rows)
        return super().get_context_data(
            form=form,
            page_obj=page_obj,
            rows=page_obj.object_list,
            count=len(rows),
            state_label=STATE_LABELS.get(State(state)) if state else "",
            counts=[(STATE_LABELS[s], counts[s.value], s.value) for s in State],
            today=today,
            **kwargs,
        )


class PlanDetailView(LoginRequiredMixin, TemplateView):
    """One plan: for its member, or (audited) for democratic services."""

    template_name = "supportplans/plan_detail.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        plan = get_object_or_404(_plans(), pk=self.kwargs["pk"])
        if not permissions.can_view_plan(user, plan):
            raise Http404("Not found")
        if plan.member_id != user.pk:
            audit_record(
                actor=user,
                action=Action.VIEW,
                obj=plan,
                label=plan.label,
                data_controller=plan.member,
                request=self.request,
            )
        context = plan_context(plan)
        context["is_own"] = plan.member_id == user.pk
        context["can_manage"] = permissions.can_manage(user)
        context["due"] = selectors.member_due(plan.member, timezone.localdate())
        context["other_plans"] = (
            PersonalSupportPlan.objects.filter(member_id=plan.member_id)
            .exclude(pk=plan.pk)
            .order_by("-year")
        )
        return super().get_context_data(**context, **kwargs)


class PlanReviewView(ManagerMixin, View):
    """Record that democratic services have reviewed a completed plan (POST)."""

    http_method_names = ["post"]

    def post(self, request, pk):
        plan = get_object_or_404(PersonalSupportPlan, pk=pk)
        try:
            services.plan_review(actor=request.user, plan=plan)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "Plan marked as reviewed")
        return redirect("supportplans:plan_detail", pk=plan.pk)


class NeedsReportView(ManagerMixin, TemplateView):
    """Needs in a year's plans counted by training topic and by skill, without names."""

    template_name = "supportplans/needs_report.html"

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        years = selectors.report_years()
        if today.year not in years:
            years = sorted({*years, today.year}, reverse=True)
        try:
            year = int(self.request.GET.get("year", today.year))
        except (TypeError, ValueError):
            year = today.year
        if year not in years:
            year = today.year
        report = selectors.needs_report(year=year)
        for row in report.by_topic:
            row.url = learning_url("topic_detail", row.pk)
        return super().get_context_data(report=report, years=years, year=year, **kwargs)


# --------------------------------------------------------------------------- mentoring
class MentoringListView(LoginRequiredMixin, TemplateView):
    """A member's own mentoring requests; democratic services see everyone's."""

    template_name = "supportplans/mentoring_list.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        can_manage = permissions.can_manage(user)
        if not can_manage and not permissions.can_keep_plan(user):
            raise Http404("Not found")
        requests = MentoringRequest.objects.select_related("member", "mentor")
        form = None
        if can_manage:
            form = MentoringFilterForm(self.request.GET or None)
            status = form.chosen_status()
            if status:
                requests = requests.filter(status=status)
        else:
            requests = requests.filter(member=user)
        page_obj = Paginator(requests, PAGE_SIZE).get_page(self.request.GET.get("page"))
        return super().get_context_data(
            form=form,
            page_obj=page_obj,
            requests=page_obj.object_list,
            can_manage=can_manage,
            can_ask=permissions.can_keep_plan(user),
            **kwargs,
        )


class MentoringCreateView(MemberMixin, ServiceFormView):
    """Ask democratic services for a mentor."""

    template_name = "supportplans/mentoring_form.html"
    form_class = MentoringRequestForm
    success_message = "Request sent. Democratic services will be in touch."

    def save(self, form):
        return services.mentoring_request_create(
            actor=self.request.user, wanted=form.cleaned_data["wanted"]
        )

    def success_url_for(self, request) -> str:
        return reverse("supportplans:mentoring_detail", args=[request.pk])


def _visible_request(user, pk) -> MentoringRequest:
    request = get_object_or_404(
        MentoringRequest.objects.select_related("member", "mentor", "handled_by"), pk=pk
    )
    if not permissions.can_view_mentoring(user, request):
        raise Http404("Not found")
    return request


class MentoringDetailView(LoginRequiredMixin, TemplateView):
    """One mentoring request: for the member, or (audited) for democratic services."""

    template_name = "supportplans/mentoring_detail.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        request = _visible_request(user, self.kwargs["pk"])
        if request.member_id != user.pk:
            audit_record(
                actor=user,
                action=Action.VIEW,
                obj=request,
                label=request.label,
                data_controller=request.member,
                request=self.request,
            )
        return super().get_context_data(
            mentoring=request,
            can_manage=permissions.can_manage(user),
            is_open=request.status != MentoringStatus.CLOSED,
            **kwargs,
        )


class MentoringActionMixin(ManagerMixin):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and permissions.can_manage(request.user):
            self.mentoring = get_object_or_404(
                MentoringRequest.objects.select_related("member"), pk=kwargs["pk"]
            )
            if self.mentoring.status == MentoringStatus.CLOSED:
                messages.error(request, "This request is closed")
                return redirect("supportplans:mentoring_detail", pk=self.mentoring.pk)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(mentoring=self.mentoring, **kwargs)

    def success_url_for(self, result) -> str:
        return reverse("supportplans:mentoring_detail", args=[self.mentoring.pk])


class MentoringMatchView(MentoringActionMixin, ServiceFormView):
    """Match a mentor to the request; the member is told."""

    template_name = "supportplans/mentoring_match.html"
    form_class = MentoringMatchForm
    success_message = "Mentor matched. The member has been told."

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.mentoring}

    def get_initial(self):
        return {"mentor": self.mentoring.mentor_id, "note": self.mentoring.note}

    def save(self, form):
        return services.mentoring_match(
            actor=self.request.user,
            request=self.mentoring,
            mentor=form.cleaned_data["mentor"],
            note=form.cleaned_data["note"],
        )


class MentoringCloseView(MentoringActionMixin, ServiceFormView):
    """Close the request, with an optional note for the member."""

    template_name = "supportplans/mentoring_close.html"
    form_class = MentoringCloseForm
    success_message = "Request closed. The member has been told."

    def save(self, form):
        return services.mentoring_close(
            actor=self.request.user, request=self.mentoring, note=form.cleaned_data["note"]
        )
