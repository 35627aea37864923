"""The demo council's directory (core/demo/directory.py): a realistic organisation linked to
the service areas, officers for the officer logins plus about 300 more, a few leavers,
"who handles what" topics for council teams and outside bodies, and the emergency
arrangements on the out-of-hours page (core/demo/emergency.py)."""

import re

import pytest

from councillor_hub.accounts.models import User
from councillor_hub.core.demo.builder import DemoCouncilBuilder
from councillor_hub.core.demo.directory import DIRECTORY_ONLY_OFFICERS
from councillor_hub.directory.models import (
    EmergencyArrangement,
    Officer,
    OrgUnit,
    OutOfHoursContact,
    PartnerKind,
    Topic,
    UnitKind,
)


@pytest.fixture
def demo(db):
    builder = DemoCouncilBuilder(seed=7, cases=30, constituents=20, enquiries=20)
    # The builder runs build_directory itself (after the enquiries' partner organisations).
    return builder, builder.build()


def test_the_organisation_has_directorates_services_and_teams(demo):
    builder, counts = demo
    directorates = OrgUnit.objects.filter(kind=UnitKind.DIRECTORATE, parent=None)
    assert set(directorates.values_list("name", flat=True)) == {
        "Place",
        "People",
        "Resources",
        "Chief Executive's",
    }
    for team in OrgUnit.objects.filter(kind=UnitKind.TEAM).select_related("parent__parent"):
        assert [u.kind for u in team.path] == ["directorate", "service", "team"]
    # Every casework and enquiry service area has a service unit.
    linked = set(
        OrgUnit.objects.filter(kind=UnitKind.SERVICE, service_area__isnull=False).values_list(
            "service_area__slug", flat=True
        )
    )
    assert set(builder.services) <= linked
    assert OrgUnit.objects.filter(name="Democratic services").exists()
    assert OrgUnit.objects.filter(name="Member support").exists()
    assert counts["directorates, services and teams"] == OrgUnit.objects.count()
    assert OrgUnit.history.count() == OrgUnit.objects.count()


def test_officers_include_the_logins_and_hundreds_more(demo):
    _, counts = demo
    highways = Officer.objects.select_related("unit").get(user__email="highways@demo.test")
    assert highways.unit.name == "Highways maintenance"
    assert highways.email == "highways@demo.test"
    assert Officer.objects.get(user__email="support@demo.test").unit.name == "Member support"
    assert Officer.objects.get(user__email="democratic@demo.test").unit.name == (
        "Democratic services"
    )
    # Every service officer login is in the directory.
    officers = User.objects.filter(roles__role="service_officer").distinct()
    assert not officers.filter(officer_entry__isnull=True).exists()
    assert Officer.objects.filter(user__isnull=True).count() == DIRECTORY_ONLY_OFFICERS + 1
    assert all(
        re.fullmatch(r"D\d{5}", n) for n in Officer.objects.values_list("staff_number", flat=True)
    )
    leavers = Officer.objects.filter(is_active=False)
    assert leavers.count() == counts["former officers (leavers)"] > 0
    assert not leavers.filter(deactivated_at__isnull=True).exists()
    emails = list(Officer.objects.values_list("email", flat=True))
    assert len(emails) == len(set(emails))
    assert Officer.objects.filter(out_of_hours_phone__gt="").exists()


def test_who_handles_what_maps_topics_to_teams_and_outside_bodies(demo):
    _, counts = demo
    topics = Topic.objects.select_related("partner")
    assert topics.count() == counts["who-handles-what topics"] >= 40
    kinds = {t.partner.kind for t in topics if t.partner}
    assert {
        PartnerKind.POLICE,
        PartnerKind.NHS,
        PartnerKind.UTILITY,
        PartnerKind.COUNTY_COUNCIL,
        PartnerKind.DISTRICT_COUNCIL,
        PartnerKind.HOUSING_ASSOCIATION,
    } <= kinds
    assert topics.filter(unit__isnull=False).count() > 30
    assert Topic.objects.get(name="Potholes and road defects").unit.name == "Highways maintenance"


def test_emergency_arrangements_and_contacts_with_history(demo):
    _, counts = demo
    sections = list(EmergencyArrangement.objects.order_by("sort_order"))
    assert counts["emergency arrangement sections"] == len(sections) >= 5
    assert sections[0].title == "Major incident arrangements"
    titles = {s.title for s in sections}
    assert {"The councillor's role in an emergency", "Emergency rest centres"} <= titles
    assert any(s.members_only for s in sections) and not all(s.members_only for s in sections)
    assert any(s.review_due for s in sections) and not all(s.review_due for s in sections)
    assert all(s.blocks for s in sections)
    assert EmergencyArrangement.history.count() == len(sections)
    # Every out-of-hours contact starts its history (and keeps a plausible number).
    contacts = OutOfHoursContact.objects.all()
    assert contacts.exists()
    assert OutOfHoursContact.history.count() == contacts.count()
    for contact in contacts:
        contact.full_clean()
