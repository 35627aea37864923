"""Subject access pages: logging a request, the list with its deadline tags, extending,
completing, finding the person's records; nonsense input never gives a 500 and keeps what
was typed."""

# The fixtures are imported from this area's fixtures module and named as test arguments.
# ruff: noqa: F811

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from councillor_hub.accounts.roles import Role
from councillor_hub.accounts.tests.factories import CouncillorFactory
from councillor_hub.audit.models import Action, AuditEvent
from councillor_hub.casework.tests.factories import ConstituentFactory
from councillor_hub.dataprotection.dates import sar_latest_extended_due
from councillor_hub.dataprotection.models import SarStatus, SubjectAccessRequest
from councillor_hub.enquiries.tests.factories import EnquiryFactory

from .subject_access_fixtures import council_sar, councillor_sar, make_sar, subject  # noqa: F401 (pytest fixtures)

CREATE = reverse("dataprotection:sar_create")


def _valid(**extra):
    return {
        "requester_name": "Alice Applegate",
        "requester_contact": "1 High Street",
        "received_on": (timezone.localdate() - timedelta(days=1)).isoformat(),
        "identity_check": "document",
        "identity_note": "Passport seen",
        **extra,
    }


def test_log_a_request(world, client_for):
    client = client_for(world.councillor)
    response = client.post(CREATE, _valid(), follow=True)
    sar = SubjectAccessRequest.unrestricted.get()
    assert response.redirect_chain[-1][0] == reverse(
        "dataprotection:sar_detail", args=[sar.reference]
    )
    page = response.content.decode()
    assert "logged: respond by" in page
    assert sar.controller == world.councillor
    assert sar.identity_note == "Passport seen"
    assert sar.due_on > sar.received_on
    assert AuditEvent.objects.filter(action=Action.VIEW, object_label=sar.reference).exists()


def test_someone_who_is_both_chooses_the_controller(world, client_for):
    both = CouncillorFactory(
        email="both@demo.test",
        roles=[Role.COUNCILLOR, Role.DATA_PROTECTION_OFFICER],
        profile__ward=world.ward_a,
    )
    client = client_for(both)
    page = client.get(CREATE).content.decode()
    assert 'name="controller_choice"' in page
    response = client.post(CREATE, _valid())
    assert "Select whose data the request is for" in response.content.decode()
    client.post(CREATE, _valid(controller_choice="council"))
    client.post(CREATE, _valid(controller_choice="own", requester_name="Carol"))
    council = SubjectAccessRequest.unrestricted.get(requester_name="Alice Applegate")
    assert council.controller_is_council
    assert SubjectAccessRequest.unrestricted.get(requester_name="Carol").controller == both
    listing = client.get(reverse("dataprotection:sar_list")).content.decode()
    assert "The council" in listing  # the controller column, for someone who is both


def test_a_councillor_only_form_has_no_controller_choice(world, client_for):
    page = client_for(world.councillor).get(CREATE).content.decode()
    assert 'name="controller_choice"' not in page


@pytest.mark.parametrize(
    "changes,message",
    [
        ({"received_on": "2026-02-30"}, "The date the request was received must be a real date"),
        ({"received_on": "yesterday"}, "The date the request was received must be a real date"),
        ({"received_on": ""}, "Enter the date the request was received"),
        ({"requester_name": "   "}, "Enter the requester&#x27;s full name"),
        ({"identity_check": "psychic"}, "Select a valid option"),
        ({"identity_check": ""}, "Select how their identity was checked"),
        ({"requester_contact": ""}, "Enter where to send the response"),
    ],
)
def test_bad_input_is_shown_with_what_was_typed(changes, message, world, client_for):
    data = _valid(**changes)
    response = client_for(world.councillor).post(CREATE, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert "<title>Error:" in page
    assert 'value="Alice Applegate"' in page or changes.get("requester_name")
    for name, value in changes.items():
        if value.strip() and name != "identity_check":
            assert f'value="{value}"' in page
    assert "Passport seen" in page
    assert not SubjectAccessRequest.unrestricted.exists()


def test_a_future_received_date_is_refused(world, client_for):
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client_for(world.councillor).post(CREATE, _valid(received_on=tomorrow))
    page = response.content.decode()
    assert "The date the request was received must be today or in the past" in page
    assert f'value="{tomorrow}"' in page
    assert not SubjectAccessRequest.unrestricted.exists()


def test_list_shows_deadlines(world, client_for):
    today = timezone.localdate()
    overdue = make_sar(controller=world.councillor, received_on=today - timedelta(days=40))
    soon = make_sar(controller=world.councillor, received_on=today - timedelta(days=27))
    done = make_sar(controller=world.councillor, status=SarStatus.COMPLETED, completed_on=today)
    client = client_for(world.councillor)
    page = client.get(reverse("dataprotection:sar_list")).content.decode()
    assert "overdue" in page and "govuk-tag--red" in page
    assert "days left" in page
    assert "Completed" in page
    # Open requests first, the most urgent at the top.
    assert page.index(overdue.reference) < page.index(soon.reference) < page.index(done.reference)
    filtered = client.get(reverse("dataprotection:sar_list"), {"status": "completed"})
    assert overdue.reference not in filtered.content.decode()
    assert done.reference in filtered.content.decode()
    for junk in [{"status": "nonsense"}, {"page": "999"}, {"page": "-1"}, {"page": "x"}]:
        assert client.get(reverse("dataprotection:sar_list"), junk).status_code == 200


def test_list_query_count_does_not_grow(world, client_for, django_assert_max_num_queries):
    client = client_for(world.councillor)
    make_sar(controller=world.councillor)
    with django_assert_max_num_queries(30) as first:
        client.get(reverse("dataprotection:sar_list"))
    for _ in range(10):
        make_sar(controller=world.councillor)
    with django_assert_max_num_queries(len(first.captured_queries)):
        response = client.get(reverse("dataprotection:sar_list"))
    assert response.content.decode().count("SAR-2026-") >= 11


@pytest.mark.parametrize(
    "reference",
    [
        "SAR-9999-99999",
        "nonsense",
        "x" * 300,
        "..%2F..%2Fetc%2Fpasswd",
        "..",
        "%00",
        "SAR-2026-00001'--",
        "é",
    ],
)
@pytest.mark.parametrize(
    "name",
    [
        "dataprotection:sar_detail",
        "dataprotection:sar_update",
        "dataprotection:sar_match",
        "dataprotection:sar_export",
    ],
)
def test_bad_references_answer_404(reference, name, world, councillor_sar, client_for):
    response = client_for(world.councillor).get(reverse(name, args=[reference]))
    assert response.status_code == 404


def _update(client, sar, **data):
    return client.post(reverse("dataprotection:sar_update", args=[sar.reference]), data)


def test_extend(world, councillor_sar, client_for):
    client = client_for(world.councillor)
    new_due = councillor_sar.due_on + timedelta(days=30)
    response = _update(
        client,
        councillor_sar,
        action="extend",
        extended_due_on=new_due.isoformat(),
        extension_reason="Many cases to read",
        requester_told_on=timezone.localdate().isoformat(),
    )
    assert response.status_code == 302
    councillor_sar.refresh_from_db()
    assert councillor_sar.extended_due_on == new_due
    page = client.get(response["Location"]).content.decode()
    assert "Deadline extended" in page and "Many cases to read" in page


def test_an_extension_beyond_the_limit_is_refused_and_keeps_what_was_typed(
    world,
    councillor_sar,
    client_for,
):
    too_late = sar_latest_extended_due(councillor_sar.due_on) + timedelta(days=1)
    response = _update(
        client_for(world.councillor),
        councillor_sar,
        action="extend",
        extended_due_on=too_late.isoformat(),
        extension_reason="Complex <b>request</b>",
        requester_told_on=timezone.localdate().isoformat(),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "The new due date must be no later than" in page
    assert f'value="{too_late.isoformat()}"' in page
    assert "Complex &lt;b&gt;request&lt;/b&gt;" in page
    assert "<title>Error:" in page
    councillor_sar.refresh_from_db()
    assert councillor_sar.extended_due_on is None


@pytest.mark.parametrize(
    "data,message",
    [
        ({}, "Enter the new due date"),
        ({"extended_due_on": "2026-13-45"}, "The new due date must be a real date"),
        ({"requester_told_on": "soon"}, "The date the requester was told must be a real date"),
        ({"extension_reason": " "}, "Enter why the response needs more time"),
    ],
)
def test_extension_errors(data, message, world, councillor_sar, client_for):
    response = _update(client_for(world.councillor), councillor_sar, action="extend", **data)
    assert response.status_code == 200
    assert message in response.content.decode()


def test_complete_and_reopen(world, councillor_sar, client_for):
    client = client_for(world.councillor)
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = _update(client, councillor_sar, action="complete", completed_on=tomorrow)
    assert (
        "The date the response was sent must be today or in the past" in response.content.decode()
    )
    assert f'value="{tomorrow}"' in response.content.decode()
    response = _update(
        client, councillor_sar, action="complete", completed_on=timezone.localdate().isoformat()
    )
    assert response.status_code == 302
    councillor_sar.refresh_from_db()
    assert councillor_sar.status == SarStatus.COMPLETED
    page = client.get(reverse("dataprotection:sar_update", args=[councillor_sar.reference]))
    assert "Reopen the request" in page.content.decode()
    # Extending a completed request is refused with a message, not a 500.
    response = _update(
        client,
        councillor_sar,
        action="extend",
        extended_due_on=(councillor_sar.due_on + timedelta(days=5)).isoformat(),
        extension_reason="x",
        requester_told_on=timezone.localdate().isoformat(),
    )
    assert response.status_code == 200
    assert "already completed" in response.content.decode()
    assert _update(client, councillor_sar, action="reopen").status_code == 302
    councillor_sar.refresh_from_db()
    assert councillor_sar.status == SarStatus.OPEN


def test_withdraw_and_unknown_actions(world, councillor_sar, client_for):
    client = client_for(world.councillor)
    assert _update(client, councillor_sar, action="explode").status_code == 302
    assert _update(client, councillor_sar).status_code == 302
    councillor_sar.refresh_from_db()
    assert councillor_sar.status == SarStatus.OPEN
    _update(client, councillor_sar, action="withdraw")
    councillor_sar.refresh_from_db()
    assert councillor_sar.status == SarStatus.WITHDRAWN


def test_councillor_finds_and_ticks_records(world, councillor_sar, subject, client_for):
    second = ConstituentFactory(
        owner=world.councillor, first_name="Alice", last_name="Smith", email="as@x.test"
    )
    client = client_for(world.councillor)
    url = reverse("dataprotection:sar_match", args=[councillor_sar.reference])
    page = client.get(url, {"q": "alice"}).content.decode()
    assert f'value="{subject.pk}"' in page and f'value="{second.pk}"' in page
    assert AuditEvent.objects.filter(action=Action.SEARCH).exists()
    response = client.post(url, {"constituents": [subject.pk, second.pk], "q": "alice"})
    assert response.status_code == 302
    assert set(councillor_sar.constituents.all()) == {subject, second}
    detail = client.get(response["Location"]).content.decode()
    assert "2 constituent records chosen" in detail
    assert "1 case" in detail or "1 case " in detail
    # Chosen records are shown, ticked, without a search; unticking removes one.
    page = client.get(url).content.decode()
    assert page.count("checked") >= 2
    client.post(url, {"constituents": [subject.pk]})
    assert list(councillor_sar.constituents.all()) == [subject]


@pytest.mark.parametrize(
    "data",
    [
        {"constituents": ["abc"]},
        {"constituents": ["99999"]},
        {"constituents": ["1.5"]},
        {"constituents": [""]},
        {"q": "x" * 500, "constituents": ["-1"]},
    ],
)
def test_nonsense_record_choices_never_500(data, world, councillor_sar, subject, client_for):
    url = reverse("dataprotection:sar_match", args=[councillor_sar.reference])
    response = client_for(world.councillor).post(url, data)
    assert response.status_code in (200, 302)
    assert not councillor_sar.constituents.exclude(pk=subject.pk).exists()


@pytest.mark.parametrize("q", ["", " ", "%", "_", "'; drop table", "x" * 1000, "0", "é"])
def test_nonsense_searches_never_500(q, world, councillor_sar, client_for):
    url = reverse("dataprotection:sar_match", args=[councillor_sar.reference])
    assert client_for(world.councillor).get(url, {"q": q}).status_code == 200


def test_dpo_matches_enquiries(world, dpo, council_sar, client_for):
    hit = EnquiryFactory(member=world.councillor, constituent_name="Alice Applegate")
    partial = EnquiryFactory(member=world.councillor, constituent_name="Alice Mary Applegate")
    miss = EnquiryFactory(member=world.councillor, constituent_name="Bob Brown")
    client = client_for(dpo)
    url = reverse("dataprotection:sar_match", args=[council_sar.reference])
    response = client.post(url, {"match_name": "alice applegate", "match_phone": ""})
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert hit.reference in page and partial.reference in page
    assert miss.reference not in page
    assert "Check before release" in page
    detail = client.get(reverse("dataprotection:sar_detail", args=[council_sar.reference]))
    assert hit.reference in detail.content.decode()


@pytest.mark.parametrize(
    "data,message",
    [
        ({}, "Enter a name, email address or phone number to search for"),
        ({"match_email": "not an email"}, "Enter an email address in the correct format"),
        ({"match_phone": "12", "match_name": "Zed"}, "Enter a phone number, like"),
        ({"match_name": "A"}, "The name must be 2 characters or more"),
    ],
)
def test_dpo_match_errors_keep_what_was_typed(data, message, world, dpo, council_sar, client_for):
    url = reverse("dataprotection:sar_match", args=[council_sar.reference])
    response = client_for(dpo).post(url, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    for value in data.values():
        assert f'value="{value}"' in page
    council_sar.refresh_from_db()
    assert not (council_sar.match_name or council_sar.match_email or council_sar.match_phone)
