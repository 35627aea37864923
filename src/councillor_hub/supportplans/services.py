"""Changes to role descriptions, support plans and mentoring requests, and the support plan
reminder sweep. Each service checks permission (supportplans/permissions.py), raises
PermissionDenied when the actor may not act, and writes an audit event whose label names
the record by type and id only (never a person's name or their words)."""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from councillor_hub.audit.models import Action
from councillor_hub.audit.services import audit_record
from councillor_hub.notifications.services import notify

from . import permissions
from .due import reminder_due_on
from .models import (
    MentoringRequest,
    MentoringStatus,
    PersonalSupportPlan,
    PlanNeed,
    PlanStatus,
    Priority,
    RoleDescription,
    Skill,
    SupportPlanReminder,
)

logger = logging.getLogger(__name__)


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


# ------------------------------------------------------------------------ skills and roles
@transaction.atomic
def skill_save(*, actor, name: str, description: str = "", skill: Skill | None = None) -> Skill:
    """Add a skill, or change `skill`."""
    _require(permissions.can_manage(actor))
    name = name.strip()
    if not name:
        raise ValidationError({"name": "Enter the skill's name"})
    clash = Skill.objects.filter(name__iexact=name)
    if skill is not None:
        clash = clash.exclude(pk=skill.pk)
    if clash.exists():
        raise ValidationError({"name": "A skill with this name already exists"})
    created = skill is None
    skill = skill or Skill()
    skill.name, skill.description = name, description.strip()
    skill.save()
    audit_record(
        actor=actor,
        action=Action.CREATE if created else Action.UPDATE,
        obj=skill,
        label=f"Skill #{skill.pk}",
    )
    return skill


@transaction.atomic
def role_save(
    *,
    actor,
    title: str,
    purpose: str,
    responsibilities: str,
    skills: Iterable[Skill] = (),
    role: RoleDescription | None = None,
) -> RoleDescription:
    """Add a role description, or change `role`."""
    _require(permissions.can_manage(actor))
    title = title.strip()
    clash = RoleDescription.objects.filter(title__iexact=title)
    if role is not None:
        clash = clash.exclude(pk=role.pk)
    if clash.exists():
        raise ValidationError({"title": "A role description with this title already exists"})
    created = role is None
    role = role or RoleDescription()
    role.title = title
    role.purpose = purpose.strip()
    role.responsibilities = responsibilities.strip()
    role.full_clean()
    role.save()
    role.skills.set(list(skills))
    audit_record(
        actor=actor,
        action=Action.CREATE if created else Action.UPDATE,
        obj=role,
        label=f"Role description #{role.pk}",
    )
    return role


# ------------------------------------------------------------------------------ plans
def _plan_audit(actor, plan: PersonalSupportPlan, action, detail: str = "") -> None:
    audit_record(
        actor=actor,
        action=action,
        obj=plan,
        label=plan.label,
        data_controller=plan.member,
        detail=detail,
    )


@transaction.atomic
def plan_start(*, actor, today: datetime.date | None = None) -> PersonalSupportPlan:
    """The actor's plan for this year, started as a draft if there is none. A new plan
    starts from the member's latest earlier plan (roles, strengths, aims and needs), so a
    refresh is a review rather than a blank page."""
    _require(permissions.can_keep_plan(actor))
    year = (today or timezone.localdate()).year
    existing = PersonalSupportPlan.objects.filter(member=actor, year=year).first()
    if existing is not None:
        return existing
    previous = (
        PersonalSupportPlan.objects.filter(member=actor, year__lt=year)
        .order_by("-year")
        .prefetch_related("roles", "needs__topics")
        .first()
    )
    plan = PersonalSupportPlan.objects.create(
        member=actor,
        year=year,
        strengths=previous.strengths if previous else "",
        aims=previous.aims if previous else "",
    )
    if previous is not None:
        plan.roles.set(previous.roles.all())
        for need in previous.needs.all():
            copy = PlanNeed.objects.create(
                plan=plan, skill=need.skill, description=need.description, priority=need.priority
            )
            copy.topics.set(need.topics.all())
    _plan_audit(actor, plan, Action.CREATE)
    return plan


def _require_editable(actor, plan: PersonalSupportPlan) -> None:
    _require(permissions.can_edit_plan(actor, plan))


DRAFT_ONLY = 'Your plan is completed. Select "Change your plan" before you change it'


def _require_draft(actor, plan: PersonalSupportPlan) -> None:
    """Contents change only while the plan is a draft (a completed plan is reopened first,
    so what democratic services reviewed is what was completed)."""
    _require_editable(actor, plan)
    if plan.status != PlanStatus.DRAFT:
        raise ValidationError(DRAFT_ONLY)


@transaction.atomic
def plan_update(
    *,
    actor,
    plan: PersonalSupportPlan,
    roles: Iterable[RoleDescription],
    strengths: str,
    aims: str,
) -> PersonalSupportPlan:
    _require_draft(actor, plan)
    plan.strengths, plan.aims = strengths.strip(), aims.strip()
    plan.save()
    plan.roles.set(list(roles))
    _plan_audit(actor, plan, Action.UPDATE)
    return plan


def _clean_need(skill: Skill | None, description: str, priority: str) -> str:
    description = description.strip()
    if skill is None and not description:
        raise ValidationError({"description": "Choose a skill or describe what you need, or both"})
    if priority not in Priority.values:
        raise ValidationError({"priority": "Select the priority"})
    return description


@transaction.atomic
def need_add(
    *,
    actor,
    plan: PersonalSupportPlan,
    skill: Skill | None,
    description: str,
    topics: Iterable = (),
    priority: str = Priority.MEDIUM,
) -> PlanNeed:
    _require_draft(actor, plan)
    description = _clean_need(skill, description, priority)
    need = PlanNeed.objects.create(
        plan=plan, skill=skill, description=description, priority=priority
    )
    need.topics.set(list(topics))
    _plan_audit(actor, plan, Action.UPDATE, detail=f"Added need #{need.pk}")
    return need


@transaction.atomic
def need_update(
    *,
    actor,
    need: PlanNeed,
    skill: Skill | None,
    description: str,
    topics: Iterable = (),
    priority: str = Priority.MEDIUM,
) -> PlanNeed:
    _require_draft(actor, need.plan)
    need.description = _clean_need(skill, description, priority)
    need.skill, need.priority = skill, priority
    need.save()
    need.topics.set(list(topics))
    _plan_audit(actor, need.plan, Action.UPDATE, detail=f"Changed need #{need.pk}")
    return need


@transaction.atomic
def need_remove(*, actor, need: PlanNeed) -> None:
    plan = need.plan
    _require_draft(actor, plan)
    pk = need.pk
    need.delete()
    _plan_audit(actor, plan, Action.UPDATE, detail=f"Removed need #{pk}")


@transaction.atomic
def plan_complete(*, actor, plan: PersonalSupportPlan) -> PersonalSupportPlan:
    """Mark the plan completed (now). It needs at least one development need or an aim."""
    _require_editable(actor, plan)
    if plan.status == PlanStatus.COMPLETED:
        return plan
    if not plan.aims.strip() and not plan.needs.exists():
        raise ValidationError(
            "Add at least one development need, or say what you want to achieve this year, "
            "before you complete your plan"
        )
    plan.status = PlanStatus.COMPLETED
    plan.completed_at = timezone.now()
    plan.reviewed_at, plan.reviewed_by = None, None
    plan.save()
    _plan_audit(actor, plan, Action.UPDATE, detail="Completed")
    return plan


@transaction.atomic
def plan_reopen(*, actor, plan: PersonalSupportPlan) -> PersonalSupportPlan:
    """Back to draft so the member can change it; it counts again once completed again."""
    _require_editable(actor, plan)
    if plan.status == PlanStatus.DRAFT:
        return plan
    plan.status = PlanStatus.DRAFT
    plan.completed_at = None
    plan.reviewed_at, plan.reviewed_by = None, None
    plan.save()
    _plan_audit(actor, plan, Action.UPDATE, detail="Reopened")
    return plan


@transaction.atomic
def plan_review(*, actor, plan: PersonalSupportPlan) -> PersonalSupportPlan:
    """Democratic services record that they have reviewed a completed plan."""
    _require(permissions.can_manage(actor))
    if plan.status != PlanStatus.COMPLETED:
        raise ValidationError("Only a completed plan can be marked as reviewed")
    plan.reviewed_at, plan.reviewed_by = timezone.now(), actor
    plan.save()
    _plan_audit(actor, plan, Action.UPDATE, detail="Reviewed")
    return plan


# ---------------------------------------------------------------------------- mentoring
def _managers():
    from councillor_hub.accounts.models import User
    from councillor_hub.learning.permissions import MANAGER_ROLES

    return User.objects.filter(is_active=True, roles__role__in=MANAGER_ROLES).distinct()


def _mentoring_audit(actor, request: MentoringRequest, action, detail: str = "") -> None:
    audit_record(
        actor=actor,
        action=action,
        obj=request,
        label=request.label,
        data_controller=request.member,
        detail=detail,
    )


@transaction.atomic
def mentoring_request_create(*, actor, wanted: str) -> MentoringRequest:
    """A member asks for a mentor; democratic services are told (without the words)."""
    _require(permissions.can_keep_plan(actor))
    wanted = wanted.strip()
    if not wanted:
        raise ValidationError({"wanted": "Enter what you would like from a mentor"})
    request = MentoringRequest.objects.create(member=actor, wanted=wanted)
    _mentoring_audit(actor, request, Action.CREATE)
    url = reverse("supportplans:mentoring_detail", args=[request.pk])
    transaction.on_commit(
        lambda: notify(recipients=list(_managers()), title=f"New {request.label.lower()}", url=url)
    )
    return request


@transaction.atomic
def mentoring_match(
    *, actor, request: MentoringRequest, mentor, note: str = ""
) -> MentoringRequest:
    """Democratic services match a mentor; the member is told."""
    _require(permissions.can_manage(actor))
    if request.status == MentoringStatus.CLOSED:
        raise ValidationError("This request is closed")
    if mentor is None:
        raise ValidationError({"mentor": "Select the mentor"})
    if mentor.pk == request.member_id:
        raise ValidationError({"mentor": "Select someone other than the member who asked"})
    if not mentor.is_active:
        raise ValidationError({"mentor": "Select someone whose account is active"})
    request.mentor = mentor
    request.note = note.strip()
    request.status = MentoringStatus.MATCHED
    request.matched_at = timezone.now()
    request.handled_by = actor
    request.save()
    _mentoring_audit(actor, request, Action.UPDATE, detail="Matched")
    url = reverse("supportplans:mentoring_detail", args=[request.pk])
    member = request.member
    transaction.on_commit(
        lambda: notify(
            recipients=[member], title="Your request for a mentor has been matched", url=url
        )
    )
    return request


@transaction.atomic
def mentoring_close(*, actor, request: MentoringRequest, note: str = "") -> MentoringRequest:
    _require(permissions.can_manage(actor))
    if request.status == MentoringStatus.CLOSED:
        return request
    if note.strip():
        request.note = note.strip()
    request.status = MentoringStatus.CLOSED
    request.closed_at = timezone.now()
    request.handled_by = actor
    request.save()
    _mentoring_audit(actor, request, Action.UPDATE, detail="Closed")
    url = reverse("supportplans:mentoring_detail", args=[request.pk])
    member = request.member
    transaction.on_commit(
        lambda: notify(recipients=[member], title="Your request for a mentor is closed", url=url)
    )
    return request


# ---------------------------------------------------------------------------- reminders
def support_plan_reminders(*, today: datetime.date | None = None) -> int:
    """Remind each member in office whose plan is due (or overdue) about its due date, once
    per member per due date: first plans from SUPPORT_PLAN_REMINDER_DAYS_BEFORE days before
    the date, window refreshes from the day the window opens. A SupportPlanReminder row
    (unique per member and date) is written in the transaction that sends the reminder, so
    two runs at once cannot both send, and a failure sends nothing. Returns how many
    members were reminded."""
    from .selectors import member_plan_rows

    today = today or timezone.localdate()
    days_before = settings.SUPPORT_PLAN_REMINDER_DAYS_BEFORE
    already = set(
        SupportPlanReminder.objects.values_list("member_id", "due_on").filter(
            due_on__gte=today - datetime.timedelta(days=400)
        )
    )
    sent = 0
    for row in member_plan_rows(today=today):
        due_on = reminder_due_on(row.due, today=today, days_before=days_before)
        if due_on is None or (row.member.pk, due_on) in already:
            continue
        if row.due.is_first:
            title = f"Your first personal support plan is due by {due_on:%-d %B %Y}"
        else:
            title = f"Please review your personal support plan by {due_on:%-d %B %Y}"
        try:
            with transaction.atomic():
                SupportPlanReminder.objects.create(member=row.member, due_on=due_on)
                notify(recipients=[row.member], title=title, url=reverse("supportplans:my_plan"))
        except IntegrityError:
            continue  # another run reminded them first
        sent += 1
    return sent
