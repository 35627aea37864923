"""The support plan, role description and mentoring pages: what they show, what they change,
form errors, bad input (never a 500), audit of one member's plan seen by someone else, and
list pages whose query count does not grow with the number of members."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from councillor_hub.accounts.tests.factories import CouncillorFactory
from councillor_hub.audit.models import Action, AuditEvent
from councillor_hub.learning.tests.factories import SessionFactory, TopicFactory
from councillor_hub.notifications.models import Notification
from councillor_hub.supportplans.models import (
    MentoringRequest,
    MentoringStatus,
    PersonalSupportPlan,
    PlanStatus,
    Priority,
)

from .factories import MentoringFactory, NeedFactory, PlanFactory, RoleFactory, SkillFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("module_world")]

YEAR = timezone.localdate().year


def text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


# --- Role descriptions ------------------------------------------------------------------


def test_role_descriptions_for_everyone_signed_in(world, client_for):
    role = RoleFactory(
        title="Cabinet member",
        purpose="Leads a portfolio of services.",
        responsibilities="Take executive decisions\n\nAnswer questions at council",
    )
    role.skills.add(SkillFactory(name="Strategic leadership", description="Sets direction"))
    page = text(client_for(world.highways_officer).get(reverse("supportplans:role_list")))
    assert "Cabinet member" in page and "Strategic leadership" in page
    assert "Add a role description" not in page
    detail = text(
        client_for(world.councillor).get(reverse("supportplans:role_detail", args=[role.pk]))
    )
    assert "<li>Take executive decisions</li>" in detail
    assert "<li>Answer questions at council</li>" in detail
    assert "Sets direction" in detail


def test_manager_adds_a_role_and_errors_keep_what_was_typed(world, client_for):
    client = client_for(world.democratic)
    skill = SkillFactory(name="Chairing meetings")
    url = reverse("supportplans:role_create")
    response = client.post(url, {"title": "Committee chair", "purpose": "", "skills": [skill.pk]})
    assert response.status_code == 200
    page = text(response)
    assert "<title>Error: " in page
    assert "Enter the purpose of the role" in page
    assert 'value="Committee chair"' in page
    response = client.post(
        url,
        {
            "title": "Committee chair",
            "purpose": "Leads the committee.",
            "responsibilities": "Chair meetings",
            "skills": [skill.pk, 999999],
        },
    )
    assert response.status_code == 200
    assert "Select options from the list" in text(response)
    response = client.post(
        url,
        {
            "title": "Committee chair",
            "purpose": "Leads the committee.",
            "responsibilities": "Chair meetings",
            "skills": [skill.pk],
        },
    )
    assert response.status_code == 302
    assert response["Location"].endswith("/")
    response = client.post(
        url, {"title": "committee CHAIR", "purpose": "x", "responsibilities": "y"}
    )
    assert "A role description with this title already exists" in text(response)


def test_skills_add_and_change(world, client_for):
    client = client_for(world.admin)
    assert (
        client.post(reverse("supportplans:skill_create"), {"name": "Scrutiny"}).status_code == 302
    )
    skill = SkillFactory(name="Scrutiny")
    response = client.post(
        reverse("supportplans:skill_update", args=[skill.pk]), {"name": "", "description": ""}
    )
    assert "Enter the skill&#x27;s name" in text(response) or "Enter the skill's name" in text(
        response
    )
    page = text(client.get(reverse("supportplans:skill_list")))
    assert "Scrutiny" in page


# --- The member's plan --------------------------------------------------------------------


def test_member_writes_and_completes_a_plan(world, client_for):
    client = client_for(world.councillor)
    topic = TopicFactory(name="Chairing skills")
    session = SessionFactory(
        topic=topic, starts_at=timezone.now() + dt.timedelta(days=20), capacity=10
    )
    SessionFactory(topic=topic, starts_at=timezone.now() - dt.timedelta(days=20), capacity=10)
    skill = SkillFactory(name="Chairing meetings")
    role = RoleFactory(title="Committee chair")

    page = text(client.get(reverse("supportplans:my_plan")))
    assert "You have not started a plan yet" in page
    assert "due by" in page  # when the first plan is due

    assert client.post(reverse("supportplans:plan_start")).status_code == 302
    plan = PersonalSupportPlan.objects.get(member=world.councillor)
    assert (plan.year, plan.status) == (YEAR, PlanStatus.DRAFT)

    # Completing an empty plan is refused, with the reason in the error summary.
    response = client.post(reverse("supportplans:plan_complete"))
    assert response.status_code == 200
    assert "Add at least one development need" in text(response)

    response = client.post(
        reverse("supportplans:plan_update"),
        {"roles": [role.pk], "strengths": "Listening to residents", "aims": "Chair well"},
    )
    assert response.status_code == 302
    response = client.post(
        reverse("supportplans:need_create"),
        {"skill": skill.pk, "description": "", "topics": [topic.pk], "priority": Priority.HIGH},
    )
    assert response.status_code == 302
    page = text(client.get(reverse("supportplans:my_plan")))
    assert "Listening to residents" in page
    assert "Chairing meetings" in page and "Chairing skills" in page
    # The next session of the linked topic is listed (not the past one).
    assert timezone.localtime(session.starts_at).strftime("%-d %B %Y") in page
    assert page.count("session of Chairing skills") == 1
    assert f'href="/learning/sessions/{session.pk}/"' in page
    assert f'href="/learning/topics/{topic.pk}/"' in page

    response = client.post(reverse("supportplans:plan_complete"))
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.status == PlanStatus.COMPLETED
    page = text(client.get(reverse("supportplans:my_plan")))
    assert "Up to date" in page and "Completed" in page
    # A completed plan is changed only after reopening it.
    response = client.get(reverse("supportplans:need_create"))
    assert response.status_code == 302
    client.post(reverse("supportplans:plan_reopen"))
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT


def test_need_form_errors(world, client_for):
    PlanFactory(member=world.councillor)
    client = client_for(world.councillor)
    response = client.post(
        reverse("supportplans:need_create"), {"skill": "", "description": "  ", "priority": "x"}
    )
    page = text(response)
    assert response.status_code == 200
    assert "<title>Error: " in page
    assert "Select a valid option for priority" in page or "Select the priority" in page
    response = client.post(
        reverse("supportplans:need_create"), {"skill": "", "description": "", "priority": "low"}
    )
    assert "Choose a skill or describe what you need, or both" in text(response)
    response = client.post(
        reverse("supportplans:need_create"),
        {"skill": "not-a-number", "description": "Budget papers", "priority": "low"},
    )
    page = text(response)
    assert "Select a skill from the list" in page
    assert "Budget papers" in page


def test_remove_a_need_after_asking(world, client_for):
    plan = PlanFactory(member=world.councillor)
    need = NeedFactory(plan=plan, description="Reading budget papers")
    client = client_for(world.councillor)
    url = reverse("supportplans:need_delete", args=[need.pk])
    assert "Reading budget papers" in text(client.get(url))
    assert client.post(url).status_code == 302
    assert not plan.needs.exists()


def test_an_earlier_years_plan_is_read_only(world, client_for):
    old = PlanFactory(member=world.councillor, year=YEAR - 1, completed=True)
    NeedFactory(plan=old)
    client = client_for(world.councillor)
    page = text(client.get(reverse("supportplans:my_plan")))
    assert f"Your {YEAR - 1} plan" in page
    detail = text(client.get(reverse("supportplans:plan_detail", args=[old.pk])))
    assert "Change<span" not in detail
    assert "Mark as reviewed" not in detail
    # Starting this year's plan copies it.
    client.post(reverse("supportplans:plan_start"))
    assert PersonalSupportPlan.objects.get(member=world.councillor, year=YEAR).needs.count() == 1


# --- Managers ------------------------------------------------------------------------------


def test_manager_sees_a_plan_and_it_is_audited(world, client_for):
    plan = PlanFactory(member=world.councillor, completed=True)
    client = client_for(world.democratic)
    page = text(client.get(reverse("supportplans:plan_detail", args=[plan.pk])))
    assert world.councillor.full_name in page
    assert "other plans" not in page
    event = AuditEvent.objects.get(action=Action.VIEW, actor=world.democratic)
    assert event.object_label == f"Support plan #{plan.pk}"
    assert event.data_controller == world.councillor
    client_for(world.councillor).get(reverse("supportplans:plan_detail", args=[plan.pk]))
    assert not AuditEvent.objects.filter(action=Action.VIEW, actor=world.councillor).exists()
    older = PlanFactory(member=world.councillor, year=YEAR - 2)
    page = text(client.get(reverse("supportplans:plan_detail", args=[plan.pk])))
    assert f'href="/support-plans/plans/{older.pk}/"' in page
    assert AuditEvent.objects.filter(action=Action.VIEW, actor=world.democratic).count() == 2
    response = client.post(reverse("supportplans:plan_review", args=[plan.pk]))
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.reviewed_by == world.democratic


def test_plan_list_shows_each_members_status_and_filters(world, client_for):
    PlanFactory(member=world.councillor, completed=True)
    PlanFactory(member=world.colleague)  # a draft does not count
    client = client_for(world.democratic)
    response = client.get(reverse("supportplans:plan_list"))
    page = text(response)
    for name in ("councillor", "colleague", "other", "independent", "whip"):
        assert getattr(world, name).full_name in page
    listed = {row.member.pk for row in response.context["rows"]}
    members = {getattr(world, n).pk for n in ("councillor", "colleague", "other", "independent")}
    assert listed == members | {world.whip.pk}  # not the MP, officers or delegates
    assert world.mp.full_name not in page
    only_up_to_date = text(client.get(reverse("supportplans:plan_list") + "?state=complete"))
    assert world.councillor.full_name in only_up_to_date
    assert world.colleague.full_name not in only_up_to_date


@pytest.mark.parametrize(
    "query", ["?state=nonsense", "?page=999", "?page=abc", "?state=due&page=-1", "?state=%00"]
)
def test_plan_list_ignores_bad_input(world, client_for, query):
    response = client_for(world.democratic).get(reverse("supportplans:plan_list") + query)
    assert response.status_code == 200


@pytest.mark.parametrize("query", ["?year=abc", "?year=1900", "?year=", "?year=99999999999"])
def test_needs_report_ignores_bad_input(world, client_for, query):
    response = client_for(world.democratic).get(reverse("supportplans:needs_report") + query)
    assert response.status_code == 200
    assert f"Development needs in {YEAR} support plans" in text(response)


def test_plan_list_queries_do_not_grow_with_members(
    world, client_for, django_assert_max_num_queries
):
    client = client_for(world.democratic)
    url = reverse("supportplans:plan_list")
    client.get(url)
    with django_assert_max_num_queries(12) as few:
        client.get(url)
    for _ in range(8):
        member = CouncillorFactory()
        NeedFactory(plan=PlanFactory(member=member, completed=True))
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert response.status_code == 200


def test_needs_report_counts_without_names(world, client_for):
    chairing = TopicFactory(name="Chairing skills")
    budget = TopicFactory(name="Budget setting")
    skill = SkillFactory(name="Financial literacy")
    for member, priority in [(world.councillor, "high"), (world.colleague, "low")]:
        need = NeedFactory(
            plan=PlanFactory(member=member), skill=skill, priority=priority, description="Secret"
        )
        need.topics.add(budget)
    NeedFactory(plan=PlanFactory(member=world.other), skill=None, description="Other need")
    last_year = NeedFactory(plan=PlanFactory(member=world.whip, year=YEAR - 1))
    last_year.topics.add(chairing)

    response = client_for(world.democratic).get(reverse("supportplans:needs_report"))
    page = text(response)
    report = response.context["report"]
    assert [(row.name, row.needs, row.high) for row in report.by_topic] == [
        ("Budget setting", 2, 1)
    ]
    assert [(row.name, row.needs, row.high) for row in report.by_skill] == [
        ("Financial literacy", 2, 1)
    ]
    assert (report.plans, report.other) == (3, 1)
    for name in ("councillor", "colleague", "other"):
        assert getattr(world, name).full_name not in page
    assert "Secret" not in page and "Other need" not in page
    previous = client_for(world.democratic).get(
        reverse("supportplans:needs_report") + f"?year={YEAR - 1}"
    )
    assert [row.name for row in previous.context["report"].by_topic] == ["Chairing skills"]


# --- Mentoring ---------------------------------------------------------------------------


def test_mentoring_from_request_to_close(world, client_for, django_capture_on_commit_callbacks):
    member = client_for(world.councillor)
    response = member.post(reverse("supportplans:mentoring_create"), {"wanted": ""})
    assert "Enter what you would like from a mentor" in text(response)
    with django_capture_on_commit_callbacks(execute=True):
        response = member.post(
            reverse("supportplans:mentoring_create"), {"wanted": "Help with scrutiny"}
        )
    request = MentoringRequest.objects.get()
    assert response["Location"] == reverse("supportplans:mentoring_detail", args=[request.pk])
    mine = member.get(reverse("supportplans:mentoring_list")).context["requests"]
    assert [r.pk for r in mine] == [request.pk]

    manager = client_for(world.democratic)
    listing = text(manager.get(reverse("supportplans:mentoring_list") + "?status=new"))
    assert world.councillor.full_name in listing
    assert "Help with scrutiny" not in listing  # the words are on the request's page only
    match_url = reverse("supportplans:mentoring_match", args=[request.pk])
    response = manager.post(match_url, {"mentor": world.councillor.pk})
    assert "Select a mentor from the list" in text(response)  # not the member themselves
    with django_capture_on_commit_callbacks(execute=True):
        manager.post(match_url, {"mentor": world.whip.pk, "note": "Monthly coffee"})
    request.refresh_from_db()
    assert (request.status, request.mentor) == (MentoringStatus.MATCHED, world.whip)
    assert Notification.objects.filter(recipient=world.councillor, title__contains="matched")
    detail = text(member.get(reverse("supportplans:mentoring_detail", args=[request.pk])))
    assert world.whip.full_name in detail and "Monthly coffee" in detail
    assert (
        AuditEvent.objects.filter(
            action=Action.VIEW,
            actor=world.democratic,
            object_label=f"Mentoring request #{request.pk}",
        ).exists()
        is False
    )  # the manager has not opened the request's page yet
    manager.get(reverse("supportplans:mentoring_detail", args=[request.pk]))
    assert AuditEvent.objects.filter(action=Action.VIEW, actor=world.democratic).count() == 1

    manager.post(reverse("supportplans:mentoring_close", args=[request.pk]), {"note": ""})
    request.refresh_from_db()
    assert request.status == MentoringStatus.CLOSED
    # A closed request cannot be matched again: back to its page.
    response = manager.get(match_url)
    assert response.status_code == 302


@pytest.mark.parametrize("query", ["?status=bogus", "?page=50", "?status="])
def test_mentoring_list_ignores_bad_input(world, client_for, query):
    MentoringFactory(member=world.councillor)
    response = client_for(world.democratic).get(reverse("supportplans:mentoring_list") + query)
    assert response.status_code == 200


def test_member_sees_only_their_own_mentoring_requests(world, client_for):
    MentoringFactory(member=world.councillor, wanted="Mine")
    MentoringFactory(member=world.colleague, wanted="Theirs")
    page = text(client_for(world.councillor).get(reverse("supportplans:mentoring_list")))
    assert page.count("request ") >= 1
    response = client_for(world.councillor).get(reverse("supportplans:mentoring_list"))
    assert [r.wanted for r in response.context["requests"]] == ["Mine"]


@pytest.mark.parametrize(
    "name", ["role_detail", "plan_detail", "mentoring_detail", "need_update", "skill_update"]
)
def test_unknown_and_huge_ids_are_not_found(world, client_for, name):
    PlanFactory(member=world.councillor)
    for pk in (0, 424242, 10**20):
        url = reverse(f"supportplans:{name}", args=[pk])
        client = world.councillor if name in ("need_update",) else world.democratic
        assert client_for(client).get(url).status_code == 404
