"""The handover screen: the list, the confirmation step, bulk actions with mixed outcomes and
nonsense input."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from councillor_hub.audit.models import AuditEvent
from councillor_hub.casework.models import Case, ConsentPurpose, Constituent
from councillor_hub.dataprotection.services.destruction import Reason, case_anonymise
from councillor_hub.enquiries.models import Enquiry

from .handover_fixtures import case_for, closed_case_for, consent, end_term, person, reload

URL = reverse("dataprotection:handover")


def _post(client, cases, action, recipient=None, confirm=True, url=URL):
    data = {"cases": [c if isinstance(c, str) else c.reference for c in cases], "action": action}
    if recipient is not None:
        data["recipient"] = str(getattr(recipient, "pk", recipient))
    if confirm:
        data["confirm"] = "yes"
    return client.post(url, data)


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def _state():
    """What any action would change."""
    return (
        sorted(Case.unrestricted.values_list("pk", "owner_id", "anonymised_at")),
        sorted(Constituent.unrestricted.values_list("pk", "owner_id")),
        Enquiry.unrestricted.count(),
        AuditEvent.objects.exclude(action="view").count(),
    )


# --- The list ----------------------------------------------------------------------------------


def test_lists_open_and_retained_cases_only(world, client_for):
    open_case = case_for(world.councillor, title="Open one")
    retained = closed_case_for(world.councillor, title="Closed one")
    anonymised = closed_case_for(world.councillor)
    case_anonymise(case=anonymised, actor=None, reason=Reason.RETENTION_DECISION)
    colleagues = case_for(world.colleague, title="Colleague's")

    content = client_for(world.councillor).get(URL).content.decode()

    assert open_case.reference in content and retained.reference in content
    assert anonymised.reference not in content
    assert colleagues.reference not in content
    assert "You hold 1 open case and 1 closed case" in content


def test_shows_the_term_end_and_when_access_ends(world, client_for):
    end_term(world.councillor, days_ago=2, reason="stood_down")
    profile = world.councillor.councillor_profile
    content = client_for(world.councillor).get(URL).content.decode()
    assert (
        f"{profile.term_end.day} {profile.term_end:%B %Y} (stood down at the election)" in content
    )
    assert (
        f"{profile.casework_access_ends_on.day} {profile.casework_access_ends_on:%B %Y}" in content
    )


def test_marks_and_filters_cases_outside_the_current_ward(world, client_for):
    here = case_for(world.councillor, ward=world.ward_a)
    moved = case_for(world.councillor, ward=world.ward_b)
    client = client_for(world.councillor)

    content = client.get(URL).content.decode()
    assert content.count("Not your ward now") == 1
    assert "1 case is in wards you no longer represent" in content

    content = client.get(URL, {"ward": "outside"}).content.decode()
    assert moved.reference in content and here.reference not in content


def test_filters_by_status_and_consent(world, client_for):
    agreed = case_for(world.councillor, agreed=True)
    missing = closed_case_for(world.councillor)
    client = client_for(world.councillor)

    content = client.get(URL, {"consent": "agreed"}).content.decode()
    assert agreed.reference in content and missing.reference not in content
    content = client.get(URL, {"consent": "missing"}).content.decode()
    assert missing.reference in content and agreed.reference not in content
    content = client.get(URL, {"status": "retained"}).content.decode()
    assert missing.reference in content and agreed.reference not in content
    content = client.get(URL, {"status": "open"}).content.decode()
    assert agreed.reference in content and missing.reference not in content


def test_shows_agreement_and_links_to_record_it(world, client_for):
    agreed = case_for(world.councillor, agreed=True)
    first, second = person(world.councillor), person(world.councillor)
    consent(first)
    missing = case_for(world.councillor, first, second)

    content = client_for(world.councillor).get(URL).content.decode()

    assert "Agreed</strong>" in content and "Not agreed</strong>" in content
    detail = reverse("casework:constituent_detail", args=[second.pk])
    assert f'href="{detail}"' in content
    assert f'href="{reverse("casework:constituent_detail", args=[first.pk])}"' not in content
    assert f"for case {missing.reference}" in content
    assert agreed.reference in content


def test_no_sensitive_details_in_the_list(world, client_for):
    constituent = person(
        world.councillor,
        email="private.person@example.test",
        phone="07700 900999",
        vulnerability_note="Lives alone",
        is_vulnerable=True,
    )
    case_for(world.councillor, constituent, description="Very private description")
    content = client_for(world.councillor).get(URL).content.decode()
    for secret in ("private.person@example.test", "07700 900999", "Lives alone", "Very private"):
        assert secret not in content
    assert constituent.last_name in content  # the names the case list shows


def test_ward_colleagues_are_listed_first(world, client_for):
    case_for(world.councillor)
    content = client_for(world.councillor).get(URL).content.decode()
    colleague = content.index(f'value="{world.colleague.pk}"')
    assert colleague < content.index(f'value="{world.other.pk}"')
    assert colleague < content.index(f'value="{world.mp.pk}"')
    assert f'value="{world.support.pk}"' not in content
    assert "Your ward colleagues" in content


def test_list_query_count_does_not_grow(world, client_for, django_assert_max_num_queries):
    client = client_for(world.councillor)

    def add(n):
        for _ in range(n):
            constituents = [person(world.councillor), person(world.councillor)]
            consent(constituents[0])
            case_for(world.councillor, *constituents, ward=world.ward_b)

    add(2)
    with django_assert_max_num_queries(30) as few:
        client.get(URL)
    add(20)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(URL)


# --- Confirmation and carrying out --------------------------------------------------------


def test_first_post_asks_for_confirmation_and_changes_nothing(world, client_for):
    cases = [closed_case_for(world.councillor), case_for(world.councillor)]
    before = _state()
    response = _post(client_for(world.councillor), cases, "destroy", confirm=False)
    assert response.status_code == 200
    assert "You are about to destroy 2 cases" in response.content.decode()
    assert _state() == before


def test_confirmed_bulk_destroy(world, client_for):
    cases = [closed_case_for(world.councillor), case_for(world.councillor)]
    keep = case_for(world.councillor)
    response = _post(client_for(world.councillor), cases, "destroy")
    assert response.status_code == 302 and response["Location"] == URL
    assert all(reload(c) is None for c in cases)
    assert reload(keep) is not None
    assert any("2 cases deleted" in m for m in _messages(response))


def test_transfer_through_the_screen(world, client_for):
    case = case_for(world.councillor, agreed=True)
    client = client_for(world.councillor)
    confirm = _post(client, [case], "transfer", world.colleague, confirm=False)
    assert f"You are about to transfer 1 case to Cllr {world.colleague.full_name}" in (
        confirm.content.decode()
    )
    assert reload(case).owner == world.councillor

    response = _post(client, [case], "transfer", world.colleague)

    assert reload(case).owner == world.colleague
    assert any(case.reference in m and "transferred" in m for m in _messages(response))
    colleague = client_for(world.colleague)
    detail = reverse("casework:case_detail", args=[case.reference])
    assert colleague.get(detail).status_code == 200
    assert client.get(detail).status_code == 404
    assert client_for(world.delegate).get(detail).status_code == 404


def test_view_refuses_a_successor_without_recorded_consent(world, client_for):
    case = case_for(world.councillor)
    client = client_for(world.councillor)
    before = _state()

    confirm = _post(client, [case], "transfer", world.colleague, confirm=False)
    assert "None of these cases can be transferred" in confirm.content.decode()
    response = _post(client, [case], "transfer", world.colleague)

    assert _state() == before
    messages = _messages(response)
    assert any(case.reference in m and "agreed to a handover" in m for m in messages)


def test_bulk_transfer_with_mixed_outcomes(world, client_for):
    good = [case_for(world.councillor, agreed=True), closed_case_for(world.councillor)]
    consent(good[1].constituents.get())
    bad = case_for(world.councillor, agreed=False)
    client = client_for(world.councillor)

    confirm = _post(client, [*good, bad], "transfer", world.other, confirm=False)
    content = confirm.content.decode()
    assert "You are about to transfer 2 cases" in content
    assert bad.reference in content and "cannot be transferred" in content

    response = _post(client, [*good, bad], "transfer", world.other)

    assert [reload(c).owner for c in good] == [world.other, world.other]
    assert reload(bad).owner == world.councillor
    messages = _messages(response)
    assert any("2 cases transferred" in m for m in messages)
    assert any(bad.reference in m and "Not transferred" in m for m in messages)


def test_bulk_pass_to_council_with_and_without_details(world, client_for):
    agreeing = person(world.councillor)
    consent(agreeing, ConsentPurpose.PASS_TO_COUNCIL)
    with_details = case_for(world.councillor, agreeing)
    without = case_for(world.councillor)
    client = client_for(world.councillor)

    confirm = _post(client, [with_details, without], "council", confirm=False).content.decode()
    assert "You are about to pass 2 cases to the council" in confirm
    assert "with a constituent&#x27;s details" in confirm or "with a constituent's details" in (
        confirm
    )
    response = _post(client, [with_details, without], "council")

    assert reload(with_details) is None and reload(without) is None
    enquiries = {e.subject: e for e in Enquiry.unrestricted.all()}
    assert enquiries[with_details.title].constituent_name == agreeing.full_name
    assert enquiries[without.title].constituent_name == ""
    assert any("2 cases passed to the council" in m for m in _messages(response))


def test_a_case_gone_between_choosing_and_confirming_is_reported(world, client_for):
    cases = [case_for(world.councillor), case_for(world.councillor)]
    client = client_for(world.councillor)
    _post(client, cases, "destroy", confirm=False)
    from councillor_hub.dataprotection.services.handover import handover_destroy

    handover_destroy(actor=world.councillor, case=cases[0])
    response = _post(client, cases, "destroy")
    # The form no longer accepts the vanished reference: nothing else is destroyed either.
    assert response.status_code == 200
    assert reload(cases[1]) is not None


# --- Nonsense input -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        {"cases": ["CW-1999-99999"], "action": "destroy", "confirm": "yes"},
        {"cases": ["x" * 500], "action": "destroy", "confirm": "yes"},
        {"cases": ["THEIRS"], "action": "destroy", "confirm": "yes"},
        {"cases": ["MINE", "THEIRS"], "action": "destroy", "confirm": "yes"},
        {"cases": ["MINE"], "action": "transfer", "recipient": "999999", "confirm": "yes"},
        {"cases": ["MINE"], "action": "transfer", "recipient": "abc", "confirm": "yes"},
        {"cases": ["MINE"], "action": "transfer", "recipient": "SUPPORT", "confirm": "yes"},
        {"cases": ["MINE"], "action": "transfer", "recipient": "SELF", "confirm": "yes"},
        {"cases": ["MINE"], "action": "transfer", "confirm": "yes"},
        {"cases": ["MINE"], "confirm": "yes"},
        {"cases": ["MINE"], "action": "explode", "confirm": "yes"},
        {"action": "destroy", "confirm": "yes"},
        {"cases": ["MINE\x00"], "action": "destroy", "confirm": "yes"},
        {},
    ],
)
def test_nonsense_posts_change_nothing(world, client_for, data):
    mine = case_for(world.councillor, agreed=True)
    theirs = case_for(world.colleague, agreed=True)
    swap = {
        "MINE": mine.reference,
        "THEIRS": theirs.reference,
        "MINE\x00": mine.reference + "\x00",
        "SUPPORT": str(world.support.pk),
        "SELF": str(world.councillor.pk),
    }
    data = {
        k: [swap.get(v, v) for v in v] if isinstance(v, list) else swap.get(v, v)
        for k, v in data.items()
    }
    before = _state()
    response = client_for(world.councillor).post(URL, data)
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert _state() == before


@pytest.mark.parametrize(
    "query",
    [
        {"page": "999"},
        {"page": "abc"},
        {"status": "nonsense"},
        {"ward": "everywhere"},
        {"consent": ["agreed", "missing"]},
        {"status": "\x00"},
    ],
)
def test_nonsense_filters_are_ignored(world, client_for, query):
    case = case_for(world.councillor)
    response = client_for(world.councillor).get(URL, query)
    assert response.status_code == 200
    assert case.reference in response.content.decode()


def test_someone_elses_case_in_a_confirmed_post_is_not_touched(world, client_for):
    theirs = case_for(world.colleague, agreed=True)
    response = _post(client_for(world.councillor), [theirs], "transfer", world.other)
    assert response.status_code == 200
    assert reload(theirs).owner == world.colleague
