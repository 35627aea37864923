"""Directory services: only content managers may change the directory; each change is
audited (by id, never a name) and kept in history; leavers are deactivated, never deleted;
a unit cannot be its own ancestor; a topic is handled by a unit or an outside body."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from councillor_hub.audit.models import Action, AuditEvent
from councillor_hub.directory.models import Officer, UnitKind
from councillor_hub.directory.services import (
    officer_create,
    officer_deactivate,
    officer_update,
    topic_create,
    topic_update,
    unit_create,
    unit_update,
)
from councillor_hub.search.services import search

from .factories import OfficerFactory, OrgUnitFactory, PartnerFactory, TopicFactory

NOT_MANAGERS = [
    "councillor",
    "delegate",
    "support",
    "highways_officer",
    "manager",
    "mp",
    "whip",
]


@pytest.fixture
def team(db):
    place = OrgUnitFactory(name="Place", kind=UnitKind.DIRECTORATE)
    return OrgUnitFactory(name="Roads", kind=UnitKind.TEAM, parent=place)


@pytest.mark.parametrize("person", NOT_MANAGERS)
def test_only_content_managers_change_the_directory(world, team, person):
    actor = getattr(world, person)
    officer = OfficerFactory(unit=team)
    topic = TopicFactory(unit=team)
    attempts = [
        lambda: officer_create(actor=actor, full_name="X", job_title="Y", unit=team),
        lambda: officer_update(actor=actor, officer=officer, job_title="Changed"),
        lambda: officer_deactivate(actor=actor, officer=officer),
        lambda: unit_create(actor=actor, name="New", kind=UnitKind.TEAM),
        lambda: unit_update(actor=actor, unit=team, name="Renamed"),
        lambda: topic_create(actor=actor, name="New topic", unit=team),
        lambda: topic_update(actor=actor, topic=topic, name="Renamed topic"),
    ]
    for attempt in attempts:
        with pytest.raises(PermissionDenied):
            attempt()
    officer.refresh_from_db()
    team.refresh_from_db()
    assert officer.job_title == "Officer" and officer.is_active and team.name == "Roads"
    assert not AuditEvent.objects.exists()


def test_create_and_update_an_officer_are_audited_without_names(world, team):
    officer = officer_create(
        actor=world.admin,
        full_name=" Pat Person ",
        job_title="Engineer",
        unit=team,
        email="pat@council.example.org",
        staff_number=" D00042 ",
    )
    assert (officer.full_name, officer.staff_number) == ("Pat Person", "D00042")
    officer_update(actor=world.admin, officer=officer, job_title="Senior engineer", phone="1")
    events = list(AuditEvent.objects.order_by("pk"))
    assert [e.action for e in events] == [Action.CREATE, Action.UPDATE]
    assert all(e.object_label == f"officer #{officer.pk}" for e in events)
    assert "Pat" not in events[1].detail and "job_title" in events[1].detail
    assert [h.job_title for h in officer.history.order_by("history_id")] == [
        "Engineer",
        "Senior engineer",
    ]
    assert officer.history.first().history_user == world.admin


def test_an_update_that_changes_nothing_is_not_audited(world, team):
    officer = OfficerFactory(unit=team, job_title="Engineer")
    officer_update(actor=world.admin, officer=officer, job_title="Engineer", unit=team)
    assert not AuditEvent.objects.exists()
    assert officer.history.count() == 1


def test_leavers_are_deactivated_never_deleted(world, team):
    officer = OfficerFactory(unit=team)
    officer_deactivate(actor=world.democratic, officer=officer)
    officer = Officer.objects.get(pk=officer.pk)
    assert officer.is_active is False and officer.deactivated_at is not None
    assert officer.history.first().history_change_reason == "Deactivated (left)"
    officer_update(actor=world.democratic, officer=officer, is_active=True)
    officer.refresh_from_db()
    assert officer.is_active and officer.deactivated_at is None


def test_staff_numbers_are_unique(world, team):
    OfficerFactory(unit=team, staff_number="D1")
    with pytest.raises(ValidationError) as caught:
        officer_create(
            actor=world.admin, full_name="A", job_title="B", unit=team, staff_number="D1"
        )
    assert caught.value.message_dict["staff_number"] == [
        "Another officer already has this staff number"
    ]
    # Several officers may have no staff number.
    officer_create(actor=world.admin, full_name="A", job_title="B", unit=team, staff_number="")
    officer_create(actor=world.admin, full_name="C", job_title="D", unit=team, staff_number="")
    assert Officer.objects.filter(staff_number__isnull=True).count() == 2


def test_a_unit_cannot_be_its_own_ancestor(world, team):
    place = team.parent
    for parent in [place, team]:
        with pytest.raises(ValidationError) as caught:
            unit_update(actor=world.admin, unit=place, parent=parent)
        assert "cannot be inside itself" in caught.value.message_dict["parent"][0]
    place.refresh_from_db()
    assert place.parent is None


def test_unit_names_are_unique_within_their_parent(world, team):
    with pytest.raises(ValidationError) as caught:
        unit_create(actor=world.admin, name="roads", kind=UnitKind.TEAM, parent=team.parent)
    assert caught.value.message_dict["name"] == ["There is already a unit called roads in Place"]
    with pytest.raises(ValidationError):
        unit_create(actor=world.admin, name="PLACE", kind=UnitKind.DIRECTORATE)
    other = unit_create(actor=world.admin, name="Roads", kind=UnitKind.TEAM)  # top level
    assert other.parent is None


def test_units_are_audited_and_closed_not_deleted(world, team):
    unit_update(actor=world.democratic, unit=team, is_active=False, description="Merged")
    team.refresh_from_db()
    assert not team.is_active
    event = AuditEvent.objects.get()
    assert event.object_label == f"unit #{team.pk}" and "is_active" in event.detail


def test_a_topic_needs_a_unit_or_a_partner(world, team):
    with pytest.raises(ValidationError) as caught:
        topic_create(actor=world.admin, name="Bins")
    assert "unit" in caught.value.message_dict
    topic = topic_create(actor=world.admin, name="Buses", partner=PartnerFactory())
    with pytest.raises(ValidationError):
        topic_update(actor=world.admin, topic=topic, partner=None)
    with pytest.raises(ValidationError) as caught:
        topic_create(actor=world.admin, name="buses", unit=team)
    assert caught.value.message_dict["name"] == ["There is already a topic called buses"]


def test_unknown_fields_are_a_programming_error(world, team):
    with pytest.raises(TypeError):
        officer_create(actor=world.admin, full_name="A", job_title="B", is_superuser=True)


def test_changes_reach_the_shared_search_index(world, team):
    officer = officer_create(
        actor=world.admin, full_name="Quentin Quirk", job_title="Clerk", unit=team
    )
    assert [h.object_id for h in search(user=world.councillor, q="quirk").hits] == [str(officer.pk)]
    officer_deactivate(actor=world.admin, officer=officer)
    assert search(user=world.councillor, q="quirk").hits == []


def test_deactivating_in_the_django_admin_records_when(world, client_for, team):
    officer = OfficerFactory(unit=team, full_name="Admin Case", job_title="Clerk")
    client = client_for(world.admin)
    url = reverse("admin:directory_officer_change", args=[officer.pk])
    assert client.get(url).status_code == 200
    data = {
        "full_name": officer.full_name,
        "job_title": officer.job_title,
        "unit": team.pk,
        "email": officer.email,
        "phone": officer.phone,
        "staff_number": officer.staff_number,
    }  # is_active left out: unticked
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    officer.refresh_from_db()
    assert officer.is_active is False and officer.deactivated_at is not None
