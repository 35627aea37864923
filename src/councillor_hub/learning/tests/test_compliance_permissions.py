"""Every compliance URL for every person in the `world` fixture and for someone not signed
in. A member sees their own record; democratic services and administrators see everyone's;
a whip sees their own political group's members only (a member of another group is 404);
the committee training page is for everyone signed in. All are read-only pages."""

import datetime

import pytest
from django.urls import reverse

from councillor_hub.committees.models import MemberRole
from councillor_hub.committees.tests.factories import CommitteeFactory, MembershipFactory
from councillor_hub.conftest import refreshed
from councillor_hub.core.tests.matrix import IN, NA, NF, OK, PEOPLE, check, client_for_person

from .factories import TopicFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("module_world")]

# fmt: off
GET_EXPECTED = {
    #                               cou col oth ind dlg sup hwy mgr mp  whp dem adm anon
    "my_training":                  [OK, OK, OK, OK, NF, NF, NF, NF, NF, OK, NF, NF, IN],
    "compliance_dashboard":         [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, OK, OK, IN],
    "compliance_group":             [NF, NF, NF, NF, NF, NF, NF, NF, NF, OK, NF, NF, IN],
    # The councillor is in the whip's group (red)...
    "compliance_member_same_group": [OK, NF, NF, NF, NF, NF, NF, NF, NF, OK, OK, OK, IN],
    # ...the other councillor is not: the whip gets 404.
    "compliance_member_other_group": [NF, NF, OK, NF, NF, NF, NF, NF, NF, NF, OK, OK, IN],
    # Not a member of the development programme: nobody sees a record.
    "compliance_member_officer":    [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, IN],
    "committee_training":           [OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, IN],
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
    committee = CommitteeFactory(name="Planning Committee", requires_training=True)
    topic = TopicFactory(name="Planning committee training")
    topic.required_for_committees.add(committee)
    MembershipFactory(
        committee=committee,
        councillor=world.councillor,
        role=MemberRole.MEMBER,
        start_date=datetime.date(2025, 5, 21),
    )
    return {"committee": committee, "topic": topic}


def url_for(name, world, records):
    if name == "my_training":
        return reverse("learning:my_training")
    if name == "compliance_dashboard":
        return reverse("learning:compliance_dashboard")
    if name == "compliance_group":
        return reverse("learning:compliance_group")
    if name == "compliance_member_same_group":
        return reverse("learning:compliance_member", args=[world.councillor.pk])
    if name == "compliance_member_other_group":
        return reverse("learning:compliance_member", args=[world.other.pk])
    if name == "compliance_member_officer":
        return reverse("learning:compliance_member", args=[world.support.pk])
    return reverse("learning:committee_training", args=[records["committee"].pk])


@pytest.mark.parametrize("name", sorted(GET_EXPECTED))
@pytest.mark.parametrize("index,person", list(enumerate(PEOPLE)))
def test_get(name, index, person, world, records, client_for):
    browser = client_for_person(world, client_for, person)
    check(browser.get(url_for(name, world, records)), GET_EXPECTED[name][index])


@pytest.mark.parametrize("name", sorted(GET_EXPECTED))
@pytest.mark.parametrize("index,person", list(enumerate(PEOPLE)))
def test_post_is_not_allowed(name, index, person, world, records, client_for):
    browser = client_for_person(world, client_for, person)
    expected = IN if person == "anonymous" else NA
    check(browser.post(url_for(name, world, records), {}), expected)


def test_unknown_member_and_committee_are_404(world, client_for):
    browser = client_for(world.democratic)
    assert browser.get(reverse("learning:compliance_member", args=[999999])).status_code == 404
    assert browser.get(reverse("learning:committee_training", args=[999999])).status_code == 404
