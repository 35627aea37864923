"""Every induction URL for every person in the `world` fixture and for someone not signed in,
as a matrix (induction/permissions.py):

- the induction programme page is public: everyone, signed in or not, sees it;
- "My induction" is for members in office (councillors, including the whip), democratic
  services and administrators (their management links); officers, delegates and the MP get 404;
- the group page is the whip's alone (their own group's progress and DBS state);
- everything else (checklist, intakes, dates, members, progress, buddies, DBS tracker) is for
  democratic services and administrators; everyone else gets 404 and a refused POST changes
  nothing."""

import datetime

import pytest
from django.urls import reverse

from councillor_hub.conftest import refreshed
from councillor_hub.core.tests.matrix import (
    IN,
    NA,
    NF,
    OK,
    PEOPLE,
    RD,
    check,
    check_post,
    client_for_person,
)
from councillor_hub.induction.models import (
    ChecklistItem,
    ChecklistProgress,
    DbsCheck,
    Intake,
    IntakeDate,
    MemberInduction,
)

from .factories import (
    ChecklistItemFactory,
    IntakeDateFactory,
    IntakeFactory,
    MemberInductionFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("module_world")]

TODAY = datetime.date.today()

# fmt: off
GET_EXPECTED = {
    #                        cou col oth ind dlg sup hwy mgr mp  whp dem adm anon
    "programme":             [OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK],
    "home":                  [OK, OK, OK, OK, NF, NF, NF, NF, NF, OK, OK, OK, IN],
    "group_progress":        [NF, NF, NF, NF, NF, NF, NF, NF, NF, OK, NF, NF, IN],
    "item_list":             [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, OK, OK, IN],
    "item_create":           [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, OK, OK, IN],
    "item_update":           [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, OK, OK, IN],
    "intake_list":           [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, OK, OK, IN],
    "intake_create":         [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, OK, OK, IN],
    "intake_detail":         [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, OK, OK, IN],
    "intake_update":         [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, OK, OK, IN],
    "intake_date_create":    [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, OK, OK, IN],
    "intake_date_update":    [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, OK, OK, IN],
    "intake_date_delete":    [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, OK, OK, IN],
    "intake_members_add":    [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, OK, OK, IN],
    "member_induction":      [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, OK, OK, IN],
    "member_buddies":        [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, OK, OK, IN],
    "member_item":           [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, OK, OK, IN],
    "dbs_list":              [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, OK, OK, IN],
    "dbs_update":            [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, OK, OK, IN],
}

POST_EXPECTED = {
    #                        cou col oth ind dlg sup hwy mgr mp  whp dem adm anon
    "programme":             [NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA],
    "home":                  [NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, IN],
    "group_progress":        [NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, IN],
    "item_list":             [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NA, NA, IN],
    "item_create":           [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, RD, RD, IN],
    "item_update":           [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, RD, RD, IN],
    "intake_list":           [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NA, NA, IN],
    "intake_create":         [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, RD, RD, IN],
    "intake_detail":         [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NA, NA, IN],
    "intake_update":         [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, RD, RD, IN],
    "intake_date_create":    [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, RD, RD, IN],
    "intake_date_update":    [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, RD, RD, IN],
    "intake_date_delete":    [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, RD, RD, IN],
    "intake_members_add":    [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, RD, RD, IN],
    "member_induction":      [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, RD, RD, IN],
    "member_buddies":        [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, RD, RD, IN],
    "member_item":           [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, RD, RD, IN],
    "dbs_list":              [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NA, NA, IN],
    "dbs_update":            [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, RD, RD, IN],
}
# fmt: on


@pytest.fixture(scope="module")
def module_records(module_world, django_db_blocker):
    with django_db_blocker.unblock():
        return build_records(module_world)


@pytest.fixture
def records(module_records, db):
    return refreshed(module_records)


def build_records(world):
    intake = IntakeFactory(name="May elections", published_from=TODAY)
    date = IntakeDateFactory(intake=intake, title="Induction day")
    induction = MemberInductionFactory(intake=intake, member=world.councillor)
    item = ChecklistItemFactory(title="Laptop issued")
    return {"intake": intake, "date": date, "induction": induction, "item": item}


def urls(records, world) -> dict[str, str]:
    intake, date, induction, item = (
        records["intake"].pk,
        records["date"].pk,
        records["induction"].pk,
        records["item"].pk,
    )
    return {
        "programme": reverse("induction:programme"),
        "home": reverse("induction:home"),
        "group_progress": reverse("induction:group_progress"),
        "item_list": reverse("induction:item_list"),
        "item_create": reverse("induction:item_create"),
        "item_update": reverse("induction:item_update", args=[item]),
        "intake_list": reverse("induction:intake_list"),
        "intake_create": reverse("induction:intake_create"),
        "intake_detail": reverse("induction:intake_detail", args=[intake]),
        "intake_update": reverse("induction:intake_update", args=[intake]),
        "intake_date_create": reverse("induction:intake_date_create", args=[intake]),
        "intake_date_update": reverse("induction:intake_date_update", args=[intake, date]),
        "intake_date_delete": reverse("induction:intake_date_delete", args=[intake, date]),
        "intake_members_add": reverse("induction:intake_members_add", args=[intake]),
        "member_induction": reverse("induction:member_induction", args=[induction]),
        "member_buddies": reverse("induction:member_buddies", args=[induction]),
        "member_item": reverse("induction:member_item", args=[induction, item]),
        "dbs_list": reverse("induction:dbs_list"),
        "dbs_update": reverse("induction:dbs_update", args=[world.colleague.pk]),
    }


def post_data(name: str, records, world) -> dict:
    day = (TODAY - datetime.timedelta(days=3)).isoformat()
    return {
        "item_create": {"title": "Photo taken for the website", "order": "5"},
        "item_update": {"title": "Laptop and phone issued", "order": "7", "is_active": "on"},
        "intake_create": {"name": "By-election", "kind": "by_election", "election_date": day},
        "intake_update": {"name": "May elections 2026", "kind": "election", "election_date": day},
        "intake_date_create": {"kind": "key_date", "title": "Results", "on": day},
        "intake_date_update": {"kind": "event", "title": "Induction day (moved)", "on": day},
        "intake_members_add": {"members": [world.colleague.pk]},
        "member_induction": {"items": [records["item"].pk]},
        "member_buddies": {"political_buddy": world.colleague.pk},
        "member_item": {"done": "on", "done_on": day, "note": "Asset 123"},
        "dbs_update": {"state": "submitted", "submitted_on": day},
    }.get(name, {"anything": "x"})


def snapshot() -> list:
    return [
        list(model.objects.order_by("pk").values())
        for model in (
            ChecklistItem,
            Intake,
            IntakeDate,
            MemberInduction,
            ChecklistProgress,
            DbsCheck,
        )
    ]


def test_matrix_covers_every_induction_url(records, world):
    from councillor_hub.induction import urls as induction_urls

    names = {pattern.name for pattern in induction_urls.urlpatterns}
    assert names == set(GET_EXPECTED) == set(POST_EXPECTED) == set(urls(records, world))
    assert all(len(row) == len(PEOPLE) for row in [*GET_EXPECTED.values(), *POST_EXPECTED.values()])


@pytest.mark.parametrize("name", list(GET_EXPECTED))
@pytest.mark.parametrize("person", PEOPLE)
def test_get(world, client_for, records, name, person):
    expected = GET_EXPECTED[name][PEOPLE.index(person)]
    response = client_for_person(world, client_for, person).get(urls(records, world)[name])
    check(response, expected)


@pytest.mark.parametrize("name", list(POST_EXPECTED))
@pytest.mark.parametrize("person", PEOPLE)
def test_post(world, client_for, records, name, person):
    expected = POST_EXPECTED[name][PEOPLE.index(person)]
    client = client_for_person(world, client_for, person)
    check_post(
        client, urls(records, world)[name], post_data(name, records, world), expected, snapshot
    )


@pytest.mark.parametrize("person", ["democratic", "admin"])
def test_unknown_records_are_not_found(world, client_for, records, person):
    client = client_for(getattr(world, person))
    intake, induction = records["intake"].pk, records["induction"].pk
    other_intake = IntakeFactory(name="Another intake")
    missing = [
        reverse("induction:item_update", args=[999999]),
        reverse("induction:intake_detail", args=[999999]),
        reverse("induction:intake_date_update", args=[other_intake.pk, records["date"].pk]),
        reverse("induction:intake_date_delete", args=[other_intake.pk, records["date"].pk]),
        reverse("induction:member_induction", args=[999999]),
        reverse("induction:member_item", args=[induction, 999999]),
        # A derived item cannot be ticked by hand.
        reverse(
            "induction:member_item",
            args=[induction, ChecklistItem.objects.exclude(derived_from="").first().pk],
        ),
        # Officers have no DBS check to track.
        reverse("induction:dbs_update", args=[world.support.pk]),
        reverse("induction:dbs_update", args=[999999]),
    ]
    for url in missing:
        assert client.get(url).status_code == 404, url
    assert client.get(reverse("induction:intake_detail", args=[intake])).status_code == 200
