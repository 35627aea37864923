"""Every supportplans URL for every person in the `world` fixture and for someone not signed
in, as a matrix (supportplans/permissions.py):

- role descriptions: everyone signed in reads them; democratic services and administrators
  add and change them and the skills;
- a support plan and mentoring requests: the member in office keeps their own (councillors
  and co-opted members; the whip is a councillor too, with no plan here); democratic
  services and administrators see everyone's and handle mentoring; nobody else, whips
  included, sees them (404);
- the councillor has a draft plan for this year with a need; the colleague a completed plan
  (its contents change only after reopening it, so those pages send them back to the plan);
  other members have not started one (the plan's pages answer 404 until they do).
A refused request changes nothing."""

import pytest
from django.urls import reverse
from django.utils import timezone

from councillor_hub.conftest import refreshed
from councillor_hub.core.tests.matrix import IN, NA, NF, OK, PEOPLE, RD, check, client_for_person
from councillor_hub.learning.tests.factories import TopicFactory
from councillor_hub.supportplans.models import (
    MentoringRequest,
    PersonalSupportPlan,
    PlanNeed,
    RoleDescription,
    Skill,
)

from .factories import MentoringFactory, NeedFactory, PlanFactory, RoleFactory, SkillFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("module_world")]

# fmt: off
GET_EXPECTED = {
    #                    cou col oth ind dlg sup hwy mgr mp  whp dem adm anon
    "home":             [OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, IN],
    "role_list":        [OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, IN],
    "role_detail":      [OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, IN],
    "role_create":      [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, OK, OK, IN],
    "role_update":      [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, OK, OK, IN],
    "skill_list":       [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, OK, OK, IN],
    "skill_create":     [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, OK, OK, IN],
    "skill_update":     [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, OK, OK, IN],
    "my_plan":          [OK, OK, OK, OK, NF, NF, NF, NF, NF, OK, NF, NF, IN],
    "plan_start":       [NA, NA, NA, NA, NF, NF, NF, NF, NF, NA, NF, NF, IN],
    "plan_update":      [OK, RD, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, IN],
    "plan_complete":    [OK, RD, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, IN],
    "plan_reopen":      [NA, NA, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, IN],
    "need_create":      [OK, RD, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, IN],
    "need_update":      [OK, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, IN],
    "need_delete":      [OK, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, IN],
    "plan_list":        [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, OK, OK, IN],
    "plan_detail":      [OK, NF, NF, NF, NF, NF, NF, NF, NF, NF, OK, OK, IN],
    "plan_review":      [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NA, NA, IN],
    "needs_report":     [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, OK, OK, IN],
    "mentoring_list":   [OK, OK, OK, OK, NF, NF, NF, NF, NF, OK, OK, OK, IN],
    "mentoring_create": [OK, OK, OK, OK, NF, NF, NF, NF, NF, OK, NF, NF, IN],
    "mentoring_detail": [OK, NF, NF, NF, NF, NF, NF, NF, NF, NF, OK, OK, IN],
    "mentoring_match":  [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, OK, OK, IN],
    "mentoring_close":  [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, OK, OK, IN],
}

POST_EXPECTED = {
    #                    cou col oth ind dlg sup hwy mgr mp  whp dem adm anon
    "home":             [NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, IN],
    "role_list":        [NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, IN],
    "role_detail":      [NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, IN],
    "role_create":      [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, RD, RD, IN],
    "role_update":      [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, RD, RD, IN],
    "skill_list":       [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NA, NA, IN],
    "skill_create":     [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, RD, RD, IN],
    "skill_update":     [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, RD, RD, IN],
    "my_plan":          [NA, NA, NA, NA, NF, NF, NF, NF, NF, NA, NF, NF, IN],
    "plan_start":       [RD, RD, RD, RD, NF, NF, NF, NF, NF, RD, NF, NF, IN],
    "plan_update":      [RD, RD, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, IN],
    "plan_complete":    [RD, RD, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, IN],
    "plan_reopen":      [RD, RD, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, IN],
    "need_create":      [RD, RD, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, IN],
    "need_update":      [RD, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, IN],
    "need_delete":      [RD, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, IN],
    "plan_list":        [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NA, NA, IN],
    "plan_detail":      [NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, IN],
    "plan_review":      [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, RD, RD, IN],
    "needs_report":     [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NA, NA, IN],
    "mentoring_list":   [NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, IN],
    "mentoring_create": [RD, RD, RD, RD, NF, NF, NF, NF, NF, RD, NF, NF, IN],
    "mentoring_detail": [NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, IN],
    "mentoring_match":  [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, RD, RD, IN],
    "mentoring_close":  [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, RD, RD, IN],
}
# fmt: on

# Redirects that rightly change nothing: starting a plan that exists, the colleague's
# completed plan sending them back to it, reopening a plan that is already a draft.
UNCHANGED_REDIRECTS = {
    ("plan_start", "councillor"),
    ("plan_start", "colleague"),
    ("plan_update", "colleague"),
    ("plan_complete", "colleague"),
    ("need_create", "colleague"),
    ("plan_reopen", "councillor"),
}


@pytest.fixture(scope="module")
def module_records(module_world, django_db_blocker):
    """Built once for the module; each test gets fresh copies in its own savepoint."""
    with django_db_blocker.unblock():
        return build_records(module_world)


@pytest.fixture
def records(module_records, db):
    return refreshed(module_records)


def build_records(world):
    skill = SkillFactory(name="Chairing meetings")
    role = RoleFactory(title="Committee chair")
    role.skills.add(skill)
    topic = TopicFactory(name="Chairing skills")
    year = timezone.localdate().year
    plan = PlanFactory(member=world.councillor, year=year)
    need = NeedFactory(plan=plan, skill=skill)
    need.topics.add(topic)
    completed = PlanFactory(member=world.colleague, year=year, completed=True)
    NeedFactory(plan=completed, skill=skill)
    mentoring = MentoringFactory(member=world.councillor)
    return {
        "skill": skill,
        "role": role,
        "topic": topic,
        "plan": plan,
        "need": need,
        "completed": completed,
        "mentoring": mentoring,
    }


def urls(records) -> dict[str, str]:
    role, skill, need = records["role"].pk, records["skill"].pk, records["need"].pk
    plan, completed, mentoring = (
        records["plan"].pk,
        records["completed"].pk,
        records["mentoring"].pk,
    )
    return {
        "home": reverse("supportplans:home"),
        "role_list": reverse("supportplans:role_list"),
        "role_detail": reverse("supportplans:role_detail", args=[role]),
        "role_create": reverse("supportplans:role_create"),
        "role_update": reverse("supportplans:role_update", args=[role]),
        "skill_list": reverse("supportplans:skill_list"),
        "skill_create": reverse("supportplans:skill_create"),
        "skill_update": reverse("supportplans:skill_update", args=[skill]),
        "my_plan": reverse("supportplans:my_plan"),
        "plan_start": reverse("supportplans:plan_start"),
        "plan_update": reverse("supportplans:plan_update"),
        "plan_complete": reverse("supportplans:plan_complete"),
        "plan_reopen": reverse("supportplans:plan_reopen"),
        "need_create": reverse("supportplans:need_create"),
        "need_update": reverse("supportplans:need_update", args=[need]),
        "need_delete": reverse("supportplans:need_delete", args=[need]),
        "plan_list": reverse("supportplans:plan_list"),
        "plan_detail": reverse("supportplans:plan_detail", args=[plan]),
        "plan_review": reverse("supportplans:plan_review", args=[completed]),
        "needs_report": reverse("supportplans:needs_report"),
        "mentoring_list": reverse("supportplans:mentoring_list"),
        "mentoring_create": reverse("supportplans:mentoring_create"),
        "mentoring_detail": reverse("supportplans:mentoring_detail", args=[mentoring]),
        "mentoring_match": reverse("supportplans:mentoring_match", args=[mentoring]),
        "mentoring_close": reverse("supportplans:mentoring_close", args=[mentoring]),
    }


def post_data(name: str, records, world) -> dict:
    skill, topic = records["skill"].pk, records["topic"].pk
    return {
        "role_create": {
            "title": "Cabinet member",
            "purpose": "Leads a portfolio.",
            "responsibilities": "Take decisions",
            "skills": [skill],
        },
        "role_update": {
            "title": "Committee chair",
            "purpose": "Leads the committee fairly.",
            "responsibilities": "Chair meetings",
        },
        "skill_create": {"name": "Scrutiny questioning"},
        "skill_update": {"name": "Chairing meetings", "description": "Keeping order"},
        "plan_update": {"strengths": "Listening", "aims": "Chair a committee"},
        "need_create": {"description": "Reading budget papers", "priority": "high"},
        "need_update": {"skill": skill, "topics": [topic], "priority": "low"},
        "mentoring_create": {"wanted": "Help with my first budget meeting"},
        "mentoring_match": {"mentor": world.whip.pk, "note": "Meet monthly"},
        "mentoring_close": {"note": "Ended"},
    }.get(name, {"anything": "x"})


def snapshot() -> list:
    return [
        list(Skill.objects.order_by("pk").values()),
        list(RoleDescription.objects.order_by("pk").values()),
        list(RoleDescription.skills.through.objects.order_by("pk").values()),
        list(PersonalSupportPlan.objects.order_by("pk").values()),
        list(PlanNeed.objects.order_by("pk").values()),
        list(PlanNeed.topics.through.objects.order_by("pk").values()),
        list(MentoringRequest.objects.order_by("pk").values()),
    ]


def test_matrix_covers_every_supportplans_url(records):
    from councillor_hub.supportplans import urls as supportplans_urls

    names = {pattern.name for pattern in supportplans_urls.urlpatterns}
    assert names == set(GET_EXPECTED) == set(POST_EXPECTED) == set(urls(records))
    assert all(len(row) == len(PEOPLE) for row in [*GET_EXPECTED.values(), *POST_EXPECTED.values()])


@pytest.mark.parametrize("name", list(GET_EXPECTED))
@pytest.mark.parametrize("person", PEOPLE)
def test_get(world, client_for, records, name, person):
    expected = GET_EXPECTED[name][PEOPLE.index(person)]
    before = snapshot()
    response = client_for_person(world, client_for, person).get(urls(records)[name])
    check(response, expected)
    assert snapshot() == before


@pytest.mark.parametrize("name", list(POST_EXPECTED))
@pytest.mark.parametrize("person", PEOPLE)
def test_post(world, client_for, records, name, person):
    expected = POST_EXPECTED[name][PEOPLE.index(person)]
    before = snapshot()
    response = client_for_person(world, client_for, person).post(
        urls(records)[name], post_data(name, records, world)
    )
    check(response, expected)
    if expected == RD and (name, person) not in UNCHANGED_REDIRECTS:
        assert snapshot() != before
    else:
        assert snapshot() == before
