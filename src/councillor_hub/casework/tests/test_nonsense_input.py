"""Nonsense in query strings and form posts never gives a server error on any casework page
(issue 2 item 13). The owner is used, since they reach every page's full code path."""

import pytest
from django.urls import reverse

from councillor_hub.casework.models import CaseShare
from councillor_hub.casework.tests.factories import (
    CaseFactory,
    CaseShareFactory,
    ConstituentFactory,
)

NASTY_VALUES = [
    "",
    "banana",
    "-1",
    "0",
    "99999999999999999999999",
    "1.5",
    "'; DROP TABLE casework_case; --",
    "<script>alert(1)</script>",
    "\x00",
    "%00",
    "2026-02-30",
    "9999-99-99",
    "x" * 5000,
]
PARAMS = [
    "page",
    "q",
    "status",
    "category",
    "ward",
    "owner",
    "follow_up",
    "shared",
    "sort",
    "constituent",
    "other",
    "action",
    "others_only",
    "opened_from",
    "opened_to",
]


@pytest.fixture
def scene(world):
    person = ConstituentFactory(owner=world.councillor)
    case = CaseFactory(owner=world.councillor, constituents=[person])
    share = CaseShareFactory(case=case, colleague=world.colleague)
    return {"case": case, "person": person, "share": share}


def _urls(scene) -> list[str]:
    ref = scene["case"].reference
    pk = scene["person"].pk
    return [
        reverse("casework:dashboard"),
        reverse("casework:case_list"),
        reverse("casework:patterns"),
        reverse("casework:case_create"),
        reverse("casework:case_detail", args=[ref]),
        reverse("casework:case_edit", args=[ref]),
        reverse("casework:case_status", args=[ref]),
        reverse("casework:case_constituent_add", args=[ref]),
        reverse("casework:case_link_add", args=[ref]),
        reverse("casework:case_history", args=[ref]),
        reverse("casework:case_sharing", args=[ref]),
        reverse("casework:access_settings"),
        reverse("casework:access_log"),
        reverse("casework:constituent_list"),
        reverse("casework:constituent_create"),
        reverse("casework:constituent_detail", args=[pk]),
        reverse("casework:constituent_history", args=[pk]),
        reverse("casework:constituent_edit", args=[pk]),
        reverse("casework:consent_add", args=[pk]),
        reverse("casework:constituent_merge", args=[pk]),
    ]


@pytest.mark.parametrize("value", NASTY_VALUES, ids=range(len(NASTY_VALUES)))
def test_nonsense_query_strings_never_give_a_server_error(world, scene, councillor_client, value):
    query = {name: value for name in PARAMS}
    for url in _urls(scene):
        response = councillor_client.get(url, query)
        assert response.status_code < 500, url


@pytest.mark.parametrize("value", NASTY_VALUES, ids=range(len(NASTY_VALUES)))
def test_nonsense_form_posts_never_give_a_server_error(world, scene, councillor_client, value):
    ref = scene["case"].reference
    extra = [
        reverse("casework:timeline_add", args=[ref]),
        reverse("casework:case_share_revoke", args=[ref, scene["share"].pk]),
    ]
    fields = [
        "title",
        "description",
        "category",
        "ward",
        "postcode",
        "channel",
        "priority",
        "follow_up_date",
        "status",
        "outcome",
        "kind",
        "body",
        "occurred_at",
        "colleague",
        "consent_method",
        "delegate",
        "first_name",
        "last_name",
        "email",
        "purpose",
        "given",
        "method",
        "other",
        "reference",
        "constituent",
        "owner",
        "confirm",
        "lawful_basis",
    ]
    payload = {name: value for name in fields}
    for url in _urls(scene) + extra:
        response = councillor_client.post(url, payload)
        assert response.status_code < 500, url
    # The share survives nonsense posted at its revoke button only if the button needs nothing;
    # either way the database is still consistent and the case is still there.
    assert CaseShare.unrestricted.filter(case=scene["case"]).exists()
