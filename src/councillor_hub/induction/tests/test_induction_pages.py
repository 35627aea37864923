"""Induction pages: what each page shows, forms that re-render with what was typed, bad input
that never gives a 500, audit of views of a member's induction and DBS details, and list pages
whose query count does not grow with their rows."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from councillor_hub.accounts.tests.factories import CouncillorFactory
from councillor_hub.audit.models import Action, AuditEvent
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
    ChecklistProgressFactory,
    DbsCheckFactory,
    IntakeDateFactory,
    IntakeFactory,
    MemberInductionFactory,
)

pytestmark = pytest.mark.django_db


def _today():
    return timezone.localdate()


def _page(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


# --- Public programme ----------------------------------------------------------------------


def test_public_programme_shows_published_intakes_and_no_personal_data(world, client):
    today = _today()
    published = IntakeFactory(
        name="May 2027 elections", published_from=today, public_summary="What to expect."
    )
    IntakeDateFactory(
        intake=published, title="Induction day", on=datetime.date(2027, 5, 12), location="Town Hall"
    )
    MemberInductionFactory(
        intake=published, member=world.councillor, political_buddy=world.colleague
    )
    IntakeFactory(name="Secret by-election", published_from=today + datetime.timedelta(days=1))
    IntakeFactory(name="Draft intake")
    page = _page(client.get(reverse("induction:programme")))
    assert "May 2027 elections" in page
    assert "What to expect." in page
    assert "Induction day" in page and "Town Hall" in page
    assert "Secret by-election" not in page and "Draft intake" not in page
    assert world.councillor.full_name not in page
    assert world.colleague.full_name not in page
    assert "Sign out" not in page


def test_public_programme_without_intakes(client):
    page = _page(client.get(reverse("induction:programme")))
    assert "No induction programme has been published yet" in page


# --- My induction --------------------------------------------------------------------------


def test_my_induction_shows_checklist_buddies_dates_and_dbs(world, client_for):
    induction = MemberInductionFactory(
        member=world.councillor, political_buddy=world.colleague, officer_buddy=world.support
    )
    IntakeDateFactory(intake=induction.intake, title="Meet the chief executive")
    item = ChecklistItem.objects.get(title="Register of interests completed")
    ChecklistProgressFactory(
        induction=induction, item=item, done_by=world.democratic, done_on=datetime.date(2026, 5, 11)
    )
    DbsCheckFactory(member=world.councillor, submitted_on=datetime.date(2026, 5, 9))
    page = _page(client_for(world.councillor).get(reverse("induction:home")))
    assert "My induction" in page
    assert induction.intake.name in page
    assert "Register of interests completed" in page and "11 May 2026" in page
    assert world.colleague.full_name in page and world.support.email in page
    assert "Meet the chief executive" in page
    assert "Submitted" in page and "9 May 2026" in page
    # Members do not tick their own items.
    assert reverse("induction:member_item", args=[induction.pk, item.pk]) not in page
    assert "Manage induction" not in page
    assert not AuditEvent.objects.filter(action=Action.VIEW).exists()


def test_my_induction_without_an_intake(world, client_for):
    page = _page(client_for(world.colleague).get(reverse("induction:home")))
    assert "You are not in an induction intake" in page
    assert "Not started" in page


def test_manager_home_has_management_links(world, client_for):
    page = _page(client_for(world.democratic).get(reverse("induction:home")))
    for name in ("intake_list", "item_list", "dbs_list", "programme"):
        assert reverse(f"induction:{name}") in page
    assert "Your DBS check" not in page


# --- Whip ----------------------------------------------------------------------------------


def test_whip_sees_own_group_progress_and_dbs_state_only(world, client_for):
    induction = MemberInductionFactory(member=world.councillor)
    ChecklistProgressFactory(
        induction=induction,
        item=ChecklistItem.objects.filter(derived_from="").first(),
        note="Asset 999",
    )
    DbsCheckFactory(
        member=world.colleague,
        state="verified",
        submitted_on=datetime.date(2026, 3, 2),
        verified_on=datetime.date(2026, 3, 17),
        renewal_due_on=datetime.date(2029, 3, 17),
    )
    page = _page(client_for(world.whip).get(reverse("induction:group_progress")))
    assert world.councillor.full_name in page and world.colleague.full_name in page
    assert world.other.full_name not in page and world.independent.full_name not in page
    assert "Verified" in page and "Not started" in page
    assert "2026" not in page.split("<main")[1].replace(induction.intake.name, "")
    assert "Asset 999" not in page
    event = AuditEvent.objects.get(action=Action.VIEW, actor=world.whip)
    assert event.object_label == "Group induction progress"


# --- Checklist items -----------------------------------------------------------------------


def test_item_create_errors_keep_what_was_typed(world, client_for):
    client = client_for(world.democratic)
    response = client.post(
        reverse("induction:item_create"),
        {"title": "", "description": "Kept text", "order": "x"},
    )
    page = _page(response)
    assert "<title>Error: " in page
    assert "Enter the title" in page
    assert "Position must be a whole number, like 10" in page
    assert "Kept text" in page
    response = client.post(
        reverse("induction:item_create"), {"title": "Photo for the website", "order": "500"}
    )
    assert response.status_code == 302
    item = ChecklistItem.objects.get(title="Photo for the website")
    assert item.order == 500 and item.is_manual
    assert "Photo for the website" in _page(client.get(reverse("induction:item_list")))


def test_item_update_retires_an_item(world, client_for):
    item = ChecklistItemFactory(title="Parking permit")
    client = client_for(world.admin)
    page = _page(client.get(reverse("induction:item_update", args=[item.pk])))
    assert 'value="Parking permit"' in page
    response = client.post(
        reverse("induction:item_update", args=[item.pk]), {"title": "Parking permit", "order": "3"}
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert not item.is_active
    assert "Retired" in _page(client.get(reverse("induction:item_list")))


# --- Intakes -------------------------------------------------------------------------------


def test_intake_create_update_and_bad_dates(world, client_for):
    client = client_for(world.democratic)
    response = client.post(
        reverse("induction:intake_create"),
        {"name": "Abbey by-election", "kind": "by_election", "election_date": "2026-02-30"},
    )
    page = _page(response)
    assert "Election date must be a real date" in page
    assert 'value="Abbey by-election"' in page
    response = client.post(
        reverse("induction:intake_create"),
        {"name": "Abbey by-election", "kind": "by_election", "election_date": "20266-01-01"},
    )
    assert "Election date must be a real date" in _page(response)
    response = client.post(
        reverse("induction:intake_create"),
        {
            "name": "Abbey by-election",
            "kind": "by_election",
            "election_date": "2026-09-10",
            "published_from": "2026-07-01",
        },
    )
    intake = Intake.objects.get(name="Abbey by-election")
    assert response["Location"] == reverse("induction:intake_detail", args=[intake.pk])
    response = client.post(
        reverse("induction:intake_update", args=[intake.pk]),
        {"name": "Abbey ward by-election", "kind": "by_election", "election_date": "2026-09-10"},
    )
    assert response.status_code == 302
    intake.refresh_from_db()
    assert intake.name == "Abbey ward by-election" and intake.published_from is None
    IntakeFactory(name="Taken")
    response = client.post(
        reverse("induction:intake_update", args=[intake.pk]),
        {"name": "Taken", "kind": "by_election", "election_date": "2026-09-10"},
    )
    assert "There is already an intake with this name" in _page(response)


def test_intake_dates_pages(world, client_for):
    intake = IntakeFactory()
    client = client_for(world.democratic)
    url = reverse("induction:intake_date_create", args=[intake.pk])
    assert "Enter the title" in _page(client.post(url, {"kind": "event", "on": "2026-05-12"}))
    response = client.post(
        url,
        {"kind": "event", "title": "Induction day", "on": "2026-05-12", "time": "9:30am to 4pm"},
    )
    assert response.status_code == 302
    date = IntakeDate.objects.get(intake=intake)
    page = _page(client.get(reverse("induction:intake_detail", args=[intake.pk])))
    assert "Induction day" in page and "9:30am to 4pm" in page
    delete = reverse("induction:intake_date_delete", args=[intake.pk, date.pk])
    assert "Remove Induction day?" in _page(client.get(delete))
    assert client.post(delete).status_code == 302
    assert not IntakeDate.objects.exists()


def test_add_members_page(world, client_for):
    intake = IntakeFactory()
    MemberInductionFactory(intake=intake, member=world.councillor)
    client = client_for(world.democratic)
    url = reverse("induction:intake_members_add", args=[intake.pk])
    page = _page(client.get(url))
    assert world.colleague.full_name in page and world.independent.full_name in page
    assert world.councillor.full_name not in page  # already in the intake
    assert world.support.full_name not in page  # not a member
    assert "Select at least one member to add" in _page(client.post(url, {}))
    assert "Select members from the list" in _page(
        client.post(url, {"members": [world.support.pk]})
    )
    assert "Select members from the list" in _page(client.post(url, {"members": ["abc"]}))
    response = client.post(url, {"members": [world.colleague.pk, world.other.pk]})
    assert response.status_code == 302
    assert set(intake.inductions.values_list("member", flat=True)) == {
        world.councillor.pk,
        world.colleague.pk,
        world.other.pk,
    }


def test_intake_detail_grid_and_audit(world, client_for):
    intake = IntakeFactory()
    induction = MemberInductionFactory(intake=intake, member=world.councillor)
    MemberInductionFactory(intake=intake, member=world.other)
    ChecklistProgressFactory(
        induction=induction, item=ChecklistItem.objects.filter(derived_from="").first()
    )
    page = _page(
        client_for(world.democratic).get(reverse("induction:intake_detail", args=[intake.pk]))
    )
    assert reverse("induction:member_induction", args=[induction.pk]) in page
    assert "Red Party" in page and "Blue Party" in page
    assert "Progress by political group" in page
    assert AuditEvent.objects.filter(
        action=Action.VIEW, object_type="induction.intake", object_id=str(intake.pk)
    ).exists()


def _grow_intake(intake, count):
    items = list(ChecklistItem.objects.filter(derived_from=""))
    for _ in range(count):
        induction = MemberInductionFactory(intake=intake)
        DbsCheckFactory(member=induction.member)
        for item in items[:2]:
            ChecklistProgressFactory(induction=induction, item=item)


def test_intake_detail_query_count_does_not_grow(world, client_for, django_assert_max_num_queries):
    from councillor_hub.learning.tests.factories import TopicFactory

    TopicFactory(is_mandatory=True, required_for_roles=["councillor"])
    intake = IntakeFactory()
    client = client_for(world.democratic)
    url = reverse("induction:intake_detail", args=[intake.pk])
    _grow_intake(intake, 2)
    with django_assert_max_num_queries(40) as few:
        client.get(url)
    _grow_intake(intake, 8)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200


# --- One member's induction ----------------------------------------------------------------


def test_member_induction_tick_form_and_audit(world, client_for):
    induction = MemberInductionFactory(member=world.councillor)
    manual = list(ChecklistItem.objects.filter(derived_from="", is_active=True))
    client = client_for(world.democratic)
    url = reverse("induction:member_induction", args=[induction.pk])
    page = _page(client.get(url))
    assert world.councillor.full_name in page
    assert reverse("induction:member_item", args=[induction.pk, manual[0].pk]) in page
    event = AuditEvent.objects.get(action=Action.VIEW, object_type="induction.memberinduction")
    assert event.object_label == f"Induction #{induction.pk}"
    assert event.data_controller == world.councillor
    response = client.post(url, {"items": [manual[0].pk, manual[1].pk]})
    assert response["Location"] == url
    done = ChecklistProgress.objects.filter(induction=induction)
    assert set(done.values_list("item", flat=True)) == {manual[0].pk, manual[1].pk}
    assert all(p.done_by == world.democratic and p.done_on == _today() for p in done)
    # A derived or unknown item in the post is an error, and nothing changes.
    derived = ChecklistItem.objects.exclude(derived_from="").first()
    page = _page(client.post(url, {"items": [derived.pk]}))
    assert "Select items from the checklist" in page
    assert _page(client.post(url, {"items": ["nonsense"]}))
    assert done.count() == 2
    client.post(url, {})
    assert not ChecklistProgress.objects.filter(induction=induction).exists()


def test_member_item_page(world, client_for):
    induction = MemberInductionFactory(member=world.councillor)
    item = ChecklistItem.objects.get(title="IT kit issued and accounts set up")
    client = client_for(world.democratic)
    url = reverse("induction:member_item", args=[induction.pk, item.pk])
    tomorrow = (_today() + datetime.timedelta(days=1)).isoformat()
    page = _page(client.post(url, {"done": "on", "done_on": tomorrow, "note": "Laptop 7"}))
    assert "The date it was done must be today or in the past" in page and "Laptop 7" in page
    response = client.post(url, {"done": "on", "done_on": "2026-05-08", "note": "Laptop 7"})
    assert response.status_code == 302
    progress = ChecklistProgress.objects.get(induction=induction, item=item)
    assert (progress.done_on, progress.note) == (datetime.date(2026, 5, 8), "Laptop 7")
    page = _page(client.get(reverse("induction:member_induction", args=[induction.pk])))
    assert "Laptop 7" in page and "8 May 2026" in page


def test_buddies_page(world, client_for):
    induction = MemberInductionFactory(member=world.councillor)
    client = client_for(world.democratic)
    url = reverse("induction:member_buddies", args=[induction.pk])
    page = _page(client.get(url))
    assert world.colleague.full_name in page and world.support.full_name in page
    response = client.post(url, {"political_buddy": world.councillor.pk})
    assert "Select a councillor from the list" in _page(response)
    response = client.post(
        url, {"political_buddy": world.colleague.pk, "officer_buddy": world.support.pk}
    )
    assert response.status_code == 302
    induction.refresh_from_db()
    assert induction.political_buddy == world.colleague and induction.officer_buddy == world.support
    assert MemberInduction.objects.count() == 1


# --- DBS -----------------------------------------------------------------------------------


def test_dbs_list_filters_and_bad_values(world, client_for):
    DbsCheckFactory(member=world.councillor)
    client = client_for(world.democratic)
    page = _page(client.get(reverse("induction:dbs_list")))
    for member in (world.councillor, world.colleague, world.other, world.independent, world.whip):
        assert member.full_name in page
    assert world.support.full_name not in page.split("<main")[1].split("Signed in as")[0]
    page = _page(client.get(reverse("induction:dbs_list"), {"state": "submitted"}))
    assert world.councillor.full_name in page and world.colleague.full_name not in page
    page = _page(client.get(reverse("induction:dbs_list"), {"state": "evil", "group": "99999"}))
    assert "Filters we did not recognise have been ignored" in page
    assert world.colleague.full_name in page
    assert AuditEvent.objects.filter(action=Action.VIEW, object_label="DBS tracker").exists()


def test_dbs_list_query_count_does_not_grow(world, client_for, django_assert_max_num_queries):
    client = client_for(world.democratic)
    url = reverse("induction:dbs_list")
    with django_assert_max_num_queries(30) as few:
        client.get(url)
    for _ in range(8):
        DbsCheckFactory(member=CouncillorFactory())
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200


def test_dbs_update_page(world, client_for):
    client = client_for(world.democratic)
    url = reverse("induction:dbs_update", args=[world.colleague.pk])
    page = _page(client.get(url))
    assert "Do not record the certificate number" in page
    event = AuditEvent.objects.get(action=Action.VIEW, object_type="induction.dbscheck")
    assert event.data_controller == world.colleague
    assert world.colleague.full_name not in event.object_label
    page = _page(client.post(url, {"state": "verified", "submitted_on": "2026-04-01"}))
    assert "Enter the date the DBS check was verified" in page
    assert 'value="2026-04-01"' in page
    page = _page(client.post(url, {"state": "nonsense"}))
    assert "Select the state of the DBS check" in page
    response = client.post(
        url, {"state": "verified", "submitted_on": "2026-04-01", "verified_on": "2026-04-20"}
    )
    assert response["Location"] == reverse("induction:dbs_list")
    check = DbsCheck.objects.get(member=world.colleague)
    assert (check.state, check.renewal_due_on) == ("verified", datetime.date(2029, 4, 20))
    assert "20 Apr 2029" in _page(client.get(reverse("induction:dbs_list")))


def test_intake_grid_filtered_by_group(world, client_for):
    intake = IntakeFactory()
    MemberInductionFactory(intake=intake, member=world.councillor)
    MemberInductionFactory(intake=intake, member=world.other)
    client = client_for(world.democratic)
    url = reverse("induction:intake_detail", args=[intake.pk])

    def grid(params):
        page = _page(client.get(url, params))
        return page.split('id="members-heading"')[1]

    shown = grid({"group": "Blue Party"})
    assert world.other.full_name in shown and world.councillor.full_name not in shown
    for ignored in ({"group": "No such group"}, {"group": "x" * 5000}):
        shown = grid(ignored)
        assert world.other.full_name in shown and world.councillor.full_name in shown


def test_my_induction_links_mandatory_topics_still_to_book(world, client_for):
    from councillor_hub.learning.tests.factories import TopicFactory

    topic = TopicFactory(
        name="Code of conduct", is_mandatory=True, required_for_roles=["councillor"]
    )
    MemberInductionFactory(member=world.councillor)
    page = _page(client_for(world.councillor).get(reverse("induction:home")))
    assert "Not yet booked or held:" in page
    assert reverse("learning:topic_detail", args=[topic.pk]) in page
