"""The casework permission rules, walked as a matrix: every person in the demo world, in every
state that matters (a colleague before and after sharing, a delegate before and after
revocation), against every rule in permissions.py and every sharing/access page.

The expectations are written out as data so a reviewer can read the policy at a glance."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from councillor_hub.casework import permissions
from councillor_hub.casework.models import CaseShare, DelegateGrant
from councillor_hub.casework.services.sharing import case_share, case_unshare, delegate_revoke

from .factories import CaseFactory, ConstituentFactory

T, F = True, False

# Columns, in order:
#   view      can_view_case(person, case)
#   edit      can_edit_case(person, case)
#   timeline  can_add_to_timeline(person, case)
#   share     can_share_case(person, case)
#   see_con   the case's constituent is in visible_constituents(person)
#   edit_con  the case's constituent is in editable_constituents(person)
#   delegates can_manage_delegates(person)
#   log       can_view_access_log(person, <the case owner>)
#   own_log   can_view_access_log(person, person)
#   casework  can_work_on_casework(person)
COLUMNS = [
    "view",
    "edit",
    "timeline",
    "share",
    "see_con",
    "edit_con",
    "delegates",
    "log",
    "own_log",
    "casework",
]
# fmt: off
EXPECTED = {
    #                           view edit tl  share see  edit dlg log own  work
    "councillor":               [T,  T,  T,  T,    T,   T,   T,  T,  T,   T],
    "colleague":                [F,  F,  F,  F,    F,   F,   T,  F,  T,   T],
    "colleague_after_sharing":  [T,  F,  T,  F,    T,   F,   T,  F,  T,   T],
    "colleague_after_unsharing": [F, F,  F,  F,    F,   F,   T,  F,  T,   T],
    "other":                    [F,  F,  F,  F,    F,   F,   T,  F,  T,   T],
    "independent":              [F,  F,  F,  F,    F,   F,   T,  F,  T,   T],
    "delegate":                 [T,  T,  T,  F,    T,   T,   F,  F,  F,   T],
    "delegate_after_revocation": [F, F,  F,  F,    F,   F,   F,  F,  F,   F],
    "support":                  [F,  F,  F,  F,    F,   F,   F,  F,  F,   F],
    "highways_officer":         [F,  F,  F,  F,    F,   F,   F,  F,  F,   F],
    "manager":                  [F,  F,  F,  F,    F,   F,   F,  F,  F,   F],
    "mp":                       [F,  F,  F,  F,    F,   F,   T,  F,  T,   T],
    "whip":                     [F,  F,  F,  F,    F,   F,   T,  F,  T,   T],
    "democratic":               [F,  F,  F,  F,    F,   F,   F,  F,  F,   F],
    "admin":                    [F,  F,  F,  F,    F,   F,   F,  F,  F,   F],
}
# fmt: on

# URL-level: status for GET of the sharing page and the access pages, and for the POST
# buttons that stop a share or revoke the delegate (302 = done, back to the page).
URL_COLUMNS = ["case_sharing", "access_settings", "access_log", "share_revoke", "delegate_revoke"]
# fmt: off
EXPECTED_STATUS = {
    #                            sharing settings log  unshare undelegate
    "councillor":                [200,   200,     200, 302,    302],
    "colleague":                 [404,   200,     200, 404,    404],
    "colleague_after_sharing":   [404,   200,     200, 404,    404],
    "colleague_after_unsharing": [404,   200,     200, 404,    404],
    "other":                     [404,   200,     200, 404,    404],
    "independent":               [404,   200,     200, 404,    404],
    "delegate":                  [404,   404,     404, 404,    404],
    "delegate_after_revocation": [404,   404,     404, 404,    404],
    "support":                   [404,   404,     404, 404,    404],
    "highways_officer":          [404,   404,     404, 404,    404],
    "manager":                   [404,   404,     404, 404,    404],
    "mp":                        [404,   200,     200, 404,    404],
    "whip":                      [404,   200,     200, 404,    404],
    "democratic":                [404,   404,     404, 404,    404],
    "admin":                     [404,   404,     404, 404,    404],
}
# fmt: on


def test_tables_cover_the_same_people():
    assert EXPECTED.keys() == EXPECTED_STATUS.keys()
    assert all(len(row) == len(COLUMNS) for row in EXPECTED.values())
    assert all(len(row) == len(URL_COLUMNS) for row in EXPECTED_STATUS.values())


@pytest.fixture
def scenario(world):
    """A case owned by the councillor with one constituent, the delegate grant from the
    world fixture, and a (revoked) share so the revoke buttons have something to act on."""
    constituent = ConstituentFactory(owner=world.councillor)
    case = CaseFactory(owner=world.councillor, constituents=[constituent])
    grant = DelegateGrant.unrestricted.get(councillor=world.councillor, delegate=world.delegate)
    return world, case, constituent, grant


def person_in_state(scenario, key: str):
    """The person named by `key`, after doing whatever the state in its name describes."""
    world, case, _constituent, grant = scenario
    if key.startswith("colleague_after"):
        share = case_share(
            actor=world.councillor, case=case, colleague=world.colleague, consent_method="verbal"
        )
        if key == "colleague_after_unsharing":
            case_unshare(actor=world.councillor, share=share)
        return world.colleague
    if key == "delegate_after_revocation":
        delegate_revoke(actor=world.councillor, grant=grant)
        return world.delegate
    return getattr(world, key)


@pytest.mark.parametrize("key", list(EXPECTED))
def test_permission_functions(scenario, key):
    world, case, constituent, _grant = scenario
    person = person_in_state(scenario, key)

    actual = {
        "view": permissions.can_view_case(person, case),
        "edit": permissions.can_edit_case(person, case),
        "timeline": permissions.can_add_to_timeline(person, case),
        "share": permissions.can_share_case(person, case),
        "see_con": permissions.visible_constituents(person).filter(pk=constituent.pk).exists(),
        "edit_con": permissions.editable_constituents(person).filter(pk=constituent.pk).exists(),
        "delegates": permissions.can_manage_delegates(person),
        "log": permissions.can_view_access_log(person, world.councillor),
        "own_log": permissions.can_view_access_log(person, person),
        "casework": permissions.can_work_on_casework(person),
    }

    assert actual == dict(zip(COLUMNS, EXPECTED[key], strict=True))
    # The querysets agree with the yes/no functions.
    assert permissions.visible_cases(person).filter(pk=case.pk).exists() == actual["view"]
    assert permissions.editable_cases(person).filter(pk=case.pk).exists() == actual["edit"]


@pytest.mark.parametrize("key", list(EXPECTED_STATUS))
def test_sharing_and_access_urls(scenario, client_for, key):
    world, case, _constituent, grant = scenario
    person = person_in_state(scenario, key)
    share = CaseShare.unrestricted.filter(case=case, revoked_at__isnull=True).first()
    if share is None:
        share = CaseShare.unrestricted.create(
            case=case, colleague=world.colleague, shared_by=world.councillor, consent_method="email"
        )
    client = client_for(person)

    actual = {
        "case_sharing": client.get(reverse("casework:case_sharing", args=[case.reference])),
        "access_settings": client.get(reverse("casework:access_settings")),
        "access_log": client.get(reverse("casework:access_log")),
        "share_revoke": client.post(
            reverse("casework:case_share_revoke", args=[case.reference, share.pk])
        ),
        "delegate_revoke": client.post(reverse("casework:delegate_revoke", args=[grant.pk])),
    }

    assert {name: r.status_code for name, r in actual.items()} == dict(
        zip(URL_COLUMNS, EXPECTED_STATUS[key], strict=True)
    )


def test_anonymous_user_is_refused_everything(scenario):
    _world, case, constituent, _grant = scenario
    anonymous = AnonymousUser()

    assert not permissions.can_view_case(anonymous, case)
    assert not permissions.can_edit_case(anonymous, case)
    assert not permissions.can_add_to_timeline(anonymous, case)
    assert not permissions.can_share_case(anonymous, case)
    assert not permissions.can_manage_delegates(anonymous)
    assert not permissions.visible_constituents(anonymous).exists()
    assert not permissions.can_work_on_casework(anonymous)
    assert permissions.acting_for(anonymous) == []


def test_deactivated_owner_loses_everything(scenario):
    world, case, constituent, _grant = scenario
    world.councillor.is_active = False
    world.councillor.save()

    assert not permissions.can_view_case(world.councillor, case)
    assert not permissions.can_share_case(world.councillor, case)
    # Their delegate stops acting for a councillor who has left.
    assert not permissions.can_view_case(world.delegate, case)


def test_share_with_a_colleague_does_not_open_the_owners_other_cases(scenario):
    world, case, _constituent, _grant = scenario
    unshared = CaseFactory(owner=world.councillor)
    case_share(actor=world.councillor, case=case, colleague=world.colleague, consent_method="email")

    assert permissions.can_view_case(world.colleague, case)
    assert not permissions.can_view_case(world.colleague, unshared)
