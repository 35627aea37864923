"""Support plan, role description and mentoring services: what they change, who may call
them, and the audit events they write (labels never carry a name or the member's words)."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from councillor_hub.audit.models import Action, AuditEvent
from councillor_hub.learning.tests.factories import TopicFactory
from councillor_hub.notifications.models import Notification
from councillor_hub.supportplans import services
from councillor_hub.supportplans.models import (
    MentoringStatus,
    PersonalSupportPlan,
    PlanNeed,
    PlanStatus,
    Priority,
)

from .factories import MentoringFactory, NeedFactory, PlanFactory, RoleFactory, SkillFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("module_world")]


# --- Roles and skills ------------------------------------------------------------------------


def test_managers_add_and_change_role_descriptions(world):
    chairing = SkillFactory(name="Chairing meetings")
    role = services.role_save(
        actor=world.democratic,
        title=" Committee chair ",
        purpose="Leads the committee.",
        responsibilities="Chair meetings\nAgree agendas",
        skills=[chairing],
    )
    assert role.title == "Committee chair"
    assert list(role.skills.all()) == [chairing]
    assert role.responsibility_lines == ["Chair meetings", "Agree agendas"]
    services.role_save(
        actor=world.admin,
        title="Committee chair",
        purpose="Leads the committee fairly.",
        responsibilities="Chair meetings",
        skills=[],
        role=role,
    )
    role.refresh_from_db()
    assert role.purpose == "Leads the committee fairly."
    assert not role.skills.exists()
    assert role.history.count() == 2
    event = AuditEvent.objects.filter(object_type="supportplans.roledescription").first()
    assert event.object_label == f"Role description #{role.pk}"


@pytest.mark.parametrize("person", ["councillor", "whip", "support", "mp"])
def test_only_managers_change_roles_and_skills(world, person):
    with pytest.raises(PermissionDenied):
        services.role_save(
            actor=getattr(world, person), title="X", purpose="Y", responsibilities="Z"
        )
    with pytest.raises(PermissionDenied):
        services.skill_save(actor=getattr(world, person), name="Listening")


def test_duplicate_titles_and_skills_are_refused_whatever_the_case(world):
    RoleFactory(title="Cabinet member")
    SkillFactory(name="Scrutiny")
    with pytest.raises(ValidationError) as error:
        services.role_save(
            actor=world.democratic, title="cabinet MEMBER", purpose="a", responsibilities="b"
        )
    assert "title" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.skill_save(actor=world.democratic, name="scrutiny")


# --- Plans ---------------------------------------------------------------------------------


def test_start_a_plan_once_per_year(world):
    plan = services.plan_start(actor=world.councillor, today=dt.date(2026, 6, 1))
    again = services.plan_start(actor=world.councillor, today=dt.date(2026, 9, 1))
    assert plan.pk == again.pk
    assert (plan.year, plan.status) == (2026, PlanStatus.DRAFT)
    assert AuditEvent.objects.filter(action=Action.CREATE, object_label=plan.label).count() == 1


def test_a_new_years_plan_starts_from_the_last_one(world):
    role = RoleFactory()
    old = PlanFactory(member=world.councillor, year=2025, strengths="Listening", completed=True)
    old.roles.add(role)
    topic = TopicFactory(name="Chairing skills")
    need = NeedFactory(plan=old, priority=Priority.HIGH)
    need.topics.add(topic)
    plan = services.plan_start(actor=world.councillor, today=dt.date(2026, 5, 2))
    assert plan.pk != old.pk
    assert plan.strengths == "Listening"
    assert list(plan.roles.all()) == [role]
    copied = plan.needs.get()
    assert (copied.skill, copied.priority) == (need.skill, Priority.HIGH)
    assert list(copied.topics.all()) == [topic]
    assert old.needs.count() == 1  # the old plan is untouched


@pytest.mark.parametrize("person", ["democratic", "support", "mp", "delegate"])
def test_only_members_in_office_keep_plans(world, person):
    with pytest.raises(PermissionDenied):
        services.plan_start(actor=getattr(world, person))


def test_nobody_changes_another_members_plan_not_even_managers(world):
    plan = PlanFactory(member=world.councillor)
    for actor in (world.colleague, world.democratic):
        with pytest.raises(PermissionDenied):
            services.plan_update(actor=actor, plan=plan, roles=[], strengths="x", aims="y")
        with pytest.raises(PermissionDenied):
            services.need_add(actor=actor, plan=plan, skill=None, description="x")
        with pytest.raises(PermissionDenied):
            services.plan_complete(actor=actor, plan=plan)


def test_last_years_plan_cannot_be_changed(world):
    plan = PlanFactory(member=world.councillor, year=2020)
    with pytest.raises(PermissionDenied):
        services.plan_update(actor=world.councillor, plan=plan, roles=[], strengths="", aims="")


def test_needs_need_a_skill_or_words(world):
    plan = PlanFactory(member=world.councillor)
    with pytest.raises(ValidationError) as error:
        services.need_add(actor=world.councillor, plan=plan, skill=None, description="  ")
    assert "description" in error.value.message_dict
    skill_only = services.need_add(
        actor=world.councillor, plan=plan, skill=SkillFactory(), description=""
    )
    words_only = services.need_add(
        actor=world.councillor, plan=plan, skill=None, description="Using the planning portal"
    )
    assert {skill_only.pk, words_only.pk} == set(plan.needs.values_list("pk", flat=True))
    services.need_remove(actor=world.councillor, need=skill_only)
    assert list(plan.needs.values_list("pk", flat=True)) == [words_only.pk]
    labels = set(AuditEvent.objects.values_list("object_label", flat=True))
    assert labels == {plan.label}
    assert not AuditEvent.objects.filter(detail__icontains="planning portal").exists()


def test_complete_reopen_and_review(world):
    plan = PlanFactory(member=world.councillor, aims="")
    with pytest.raises(ValidationError):
        services.plan_complete(actor=world.councillor, plan=plan)
    NeedFactory(plan=plan)
    services.plan_complete(actor=world.councillor, plan=plan)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.COMPLETED and plan.completed_at is not None
    services.plan_review(actor=world.democratic, plan=plan)
    plan.refresh_from_db()
    assert plan.reviewed_by == world.democratic
    with pytest.raises(PermissionDenied):
        services.plan_review(actor=world.councillor, plan=plan)
    services.plan_reopen(actor=world.councillor, plan=plan)
    plan.refresh_from_db()
    assert (plan.status, plan.completed_at, plan.reviewed_at) == (PlanStatus.DRAFT, None, None)
    with pytest.raises(ValidationError):
        services.plan_review(actor=world.democratic, plan=plan)


# --- Mentoring -------------------------------------------------------------------------------


def test_mentoring_request_match_and_close(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        request = services.mentoring_request_create(
            actor=world.councillor, wanted="  Help with my first budget meeting  "
        )
    assert request.wanted == "Help with my first budget meeting"
    told = Notification.objects.filter(url__endswith=f"/mentoring/{request.pk}/")
    assert set(told.values_list("recipient", flat=True)) == {world.democratic.pk, world.admin.pk}
    assert all("budget" not in title for title in told.values_list("title", flat=True))

    with django_capture_on_commit_callbacks(execute=True):
        services.mentoring_match(
            actor=world.democratic, request=request, mentor=world.whip, note="Meet monthly"
        )
    request.refresh_from_db()
    assert (request.status, request.mentor, request.handled_by) == (
        MentoringStatus.MATCHED,
        world.whip,
        world.democratic,
    )
    assert Notification.objects.filter(recipient=world.councillor, title__contains="matched")

    with django_capture_on_commit_callbacks(execute=True):
        services.mentoring_close(actor=world.democratic, request=request, note="")
    request.refresh_from_db()
    assert request.status == MentoringStatus.CLOSED
    assert request.note == "Meet monthly"  # an empty closing note keeps the earlier one
    with pytest.raises(ValidationError):
        services.mentoring_match(actor=world.democratic, request=request, mentor=world.other)


def test_mentoring_rules(world):
    with pytest.raises(PermissionDenied):
        services.mentoring_request_create(actor=world.support, wanted="x")
    with pytest.raises(ValidationError):
        services.mentoring_request_create(actor=world.councillor, wanted="   ")
    request = MentoringFactory(member=world.councillor)
    with pytest.raises(PermissionDenied):
        services.mentoring_match(actor=world.whip, request=request, mentor=world.colleague)
    with pytest.raises(ValidationError) as error:
        services.mentoring_match(actor=world.democratic, request=request, mentor=world.councillor)
    assert "mentor" in error.value.message_dict


def test_a_completed_plan_is_reopened_before_it_changes(world):
    plan = PlanFactory(member=world.councillor, completed=True)
    need = NeedFactory(plan=plan)
    with pytest.raises(ValidationError):
        services.plan_update(actor=world.councillor, plan=plan, roles=[], strengths="", aims="")
    with pytest.raises(ValidationError):
        services.need_add(actor=world.councillor, plan=plan, skill=None, description="x")
    with pytest.raises(ValidationError):
        services.need_remove(actor=world.councillor, need=need)
    services.plan_reopen(actor=world.councillor, plan=plan)
    services.need_remove(actor=world.councillor, need=need)
    assert not plan.needs.exists()


def test_plans_cannot_be_two_for_one_year(world):
    from django.db import IntegrityError, transaction

    PlanFactory(member=world.councillor, year=2026)
    with pytest.raises(IntegrityError), transaction.atomic():
        PersonalSupportPlan.objects.create(member=world.councillor, year=2026)


def test_a_need_without_skill_or_words_is_refused_by_the_database(world):
    from django.db import IntegrityError, transaction

    plan = PlanFactory(member=world.councillor)
    with pytest.raises(IntegrityError), transaction.atomic():
        PlanNeed.objects.create(plan=plan, skill=None, description="")
