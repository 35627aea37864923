"""A request remembers a person's casework scope (whom they act for, what is shared with them)
so a page asks once; a change to a grant or share within the request is seen at once, and
nothing is remembered outside a request."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from councillor_hub.casework.permissions import (
    acting_for,
    can_view_case,
    request_scope,
    shared_case_ids,
    visible_cases,
)

from .factories import CaseFactory, CaseShareFactory, DelegateGrantFactory


def test_a_request_asks_the_database_once(world):
    with request_scope():
        acting_for(world.councillor)
        shared_case_ids(world.councillor)
        with CaptureQueriesContext(connection) as queries:
            for _ in range(5):
                acting_for(world.councillor)
                shared_case_ids(world.councillor)
        assert len(queries) == 0


def test_outside_a_request_every_call_asks(world):
    with CaptureQueriesContext(connection) as queries:
        acting_for(world.delegate)
        acting_for(world.delegate)
    assert len(queries) >= 2


def test_callers_cannot_change_what_is_remembered(world):
    with request_scope():
        first = acting_for(world.councillor)
        first.append(999_999)
        assert 999_999 not in acting_for(world.councillor)


def test_a_share_made_during_the_request_is_seen(world):
    case = CaseFactory(owner=world.councillor, ward=world.ward_a)
    with request_scope():
        assert not visible_cases(world.colleague).filter(pk=case.pk).exists()
        share = CaseShareFactory(case=case, colleague=world.colleague, shared_by=world.councillor)
        assert visible_cases(world.colleague).filter(pk=case.pk).exists()
        assert can_view_case(world.colleague, case)
        share.revoked_at = timezone.now()
        share.save()
        assert not visible_cases(world.colleague).filter(pk=case.pk).exists()
        assert not can_view_case(world.colleague, case)


def test_a_delegate_grant_made_or_revoked_during_the_request_is_seen(world):
    with request_scope():
        assert world.other.pk not in acting_for(world.delegate)
        grant = DelegateGrantFactory(councillor=world.other, delegate=world.delegate)
        assert world.other.pk in acting_for(world.delegate)
        grant.revoked_at = timezone.now()
        grant.save()
        assert world.other.pk not in acting_for(world.delegate)


def test_scopes_do_not_leak_between_requests(world):
    case = CaseFactory(owner=world.councillor, ward=world.ward_a)
    with request_scope():
        assert case.pk not in shared_case_ids(world.colleague)
    # Made outside any request (as by another process): the next request sees it.
    CaseShareFactory(case=case, colleague=world.colleague, shared_by=world.councillor)
    with request_scope():
        assert case.pk in shared_case_ids(world.colleague)
