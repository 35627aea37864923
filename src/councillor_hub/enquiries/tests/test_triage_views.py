"""The member support team's pages: queue, log on behalf, triage, extend, note, partner
response and send."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from councillor_hub.audit.models import AuditEvent
from councillor_hub.enquiries.models import (
    Enquiry,
    EnquiryAssignment,
    EnquiryEvent,
    EnquiryResponse,
    EnquiryStatus,
    EventKind,
    ResponseStatus,
)
from councillor_hub.notifications.models import Notification

from .factories import EnquiryResponseFactory
from .triage_helpers import SECRET, new_enquiry, police

pytestmark = pytest.mark.django_db

OTHERS = ["councillor", "delegate", "highways_officer", "manager", "mp", "admin", "democratic"]


def _routed(world, **kwargs):
    fields = {
        "status": EnquiryStatus.IN_PROGRESS,
        "urgency": "standard",
        "due_at": timezone.now() + datetime.timedelta(days=5),
        **kwargs,
    }
    enquiry = new_enquiry(world, **fields)
    EnquiryAssignment.unrestricted.create(enquiry=enquiry, service_area=world.highways)
    return enquiry


def _urls(enquiry, response):
    ref = enquiry.reference
    return [
        reverse("enquiries:triage_queue"),
        reverse("enquiries:log_on_behalf"),
        reverse("enquiries:triage", args=[ref]),
        reverse("enquiries:extend", args=[ref]),
        reverse("enquiries:partner_response", args=[ref]),
        reverse("enquiries:send_response", args=[ref, response.pk]),
    ]


@pytest.mark.parametrize("who", OTHERS)
def test_support_pages_are_404_for_everyone_else(world, client_for, who):
    enquiry = _routed(world)
    response = EnquiryResponseFactory(enquiry=enquiry, status=ResponseStatus.READY)
    client = client_for(getattr(world, who))
    urls = _urls(enquiry, response)
    for url in urls:
        assert client.get(url).status_code == 404, url
    for url in urls[1:]:
        assert client.post(url, {"decision": "info", "info-question": "x"}).status_code == 404
    enquiry.refresh_from_db()
    assert enquiry.status == EnquiryStatus.IN_PROGRESS


def test_support_pages_open_for_the_team(world, support_client):
    enquiry = _routed(world)
    EnquiryAssignment.unrestricted.create(enquiry=enquiry, partner=police())
    response = EnquiryResponseFactory(enquiry=enquiry, status=ResponseStatus.READY)
    for url in _urls(enquiry, response):
        assert support_client.get(url).status_code == 200, url


def test_sensitive_enquiry_hidden_from_support_unless_named(world, support_client):
    enquiry = _routed(world, is_sensitive=True, sensitive_reason="personal")
    url = reverse("enquiries:triage", args=[enquiry.reference])
    assert support_client.get(url).status_code == 404
    queue = support_client.get(reverse("enquiries:triage_queue") + "?tab=open")
    assert enquiry.reference not in queue.content.decode()
    enquiry.named_viewers.add(world.support)
    assert support_client.get(url).status_code == 200


def test_queue_lists_new_enquiries_oldest_first_with_triage_by(world, support_client):
    now = timezone.now()
    late = new_enquiry(world, subject="Old one", received_at=now - datetime.timedelta(days=9))
    recent = new_enquiry(world, subject="Fresh one", received_at=now)
    _routed(world, subject="Being worked on")
    page = support_client.get(reverse("enquiries:triage_queue")).content.decode()
    assert page.index(late.reference) < page.index(recent.reference)
    assert "Being worked on" not in page
    assert "Overdue for triage" in page
    assert "New (2)" in page and "All open (3)" in page
    assert SECRET not in page


@pytest.mark.parametrize(
    ("tab", "expected"),
    [("awaiting", "Waiting"), ("ready", "Has a reply"), ("overdue", "Late"), ("open", "Late")],
)
def test_queue_tabs(world, support_client, tab, expected):
    new_enquiry(world, subject="Waiting", status=EnquiryStatus.AWAITING_MEMBER)
    ready = _routed(world, subject="Has a reply")
    EnquiryResponseFactory(enquiry=ready, status=ResponseStatus.READY)
    late = _routed(world, subject="Late")
    late.due_at = timezone.now() - datetime.timedelta(days=1)
    late.save()
    page = support_client.get(reverse("enquiries:triage_queue") + f"?tab={tab}").content.decode()
    assert expected in page
    if tab != "open":
        assert "Broken streetlight" not in page


def test_ready_tab_counts_enquiries_with_a_ready_response_once(world, support_client):
    """Counted from the ready responses: two ready responses on one enquiry count it once; a
    draft or a sent response, or a ready one on a closed enquiry, does not count."""
    twice = _routed(world, subject="Two ready replies")
    EnquiryResponseFactory(enquiry=twice, status=ResponseStatus.READY)
    EnquiryResponseFactory(enquiry=twice, status=ResponseStatus.READY)
    EnquiryResponseFactory(enquiry=_routed(world, subject="Draft only"))
    EnquiryResponseFactory(enquiry=_routed(world, subject="Sent"), status=ResponseStatus.SENT)
    closed = _routed(world, subject="Closed with a ready reply")
    EnquiryResponseFactory(enquiry=closed, status=ResponseStatus.READY)
    closed.status = EnquiryStatus.CLOSED
    closed.save()
    page = support_client.get(reverse("enquiries:triage_queue") + "?tab=ready").content.decode()
    assert "Response ready to check (1)" in page
    assert "Two ready replies" in page
    assert "Draft only" not in page and "Closed with a ready reply" not in page


def test_queue_shows_25_a_page_oldest_first(world, support_client):
    now = timezone.now()
    for n in range(26):
        new_enquiry(
            world, subject=f"Queued {n:02d}", received_at=now - datetime.timedelta(hours=60 - n)
        )
    url = reverse("enquiries:triage_queue")
    first = support_client.get(url).content.decode()
    second = support_client.get(url + "?page=2").content.decode()
    assert "New (26)" in first and "Queued 00" in first and "Queued 24" in first
    assert "Queued 25" not in first and "(page 1 of 2)" in first
    assert "Queued 25" in second and "Queued 24" not in second


def test_queue_ignores_nonsense(world, support_client):
    new_enquiry(world)
    url = reverse("enquiries:triage_queue") + "?tab=%00nope&page=zzz"
    assert support_client.get(url).status_code == 200


def test_queue_query_count_does_not_grow(world, support_client, django_assert_max_num_queries):
    for _ in range(3):
        new_enquiry(world)
    with django_assert_max_num_queries(20) as few:
        support_client.get(reverse("enquiries:triage_queue"))
    for _ in range(20):
        new_enquiry(world, member=world.other)
    with django_assert_max_num_queries(len(few.captured_queries)):
        support_client.get(reverse("enquiries:triage_queue"))


def test_log_on_behalf(world, support_client):
    data = {
        "member": world.mp.pk,
        "raised_via": "phone",
        "service_area": world.highways.pk,
        "subject": "Flooded underpass",
        "description": "Water knee deep",
        "suggested_urgency": "urgent",
        "postcode": "dt1 1aa",
    }
    response = support_client.post(reverse("enquiries:log_on_behalf"), data)
    enquiry = Enquiry.unrestricted.get(subject="Flooded underpass")
    assert response.status_code == 302
    assert response.url == reverse("enquiries:triage", args=[enquiry.reference])
    assert enquiry.member == world.mp and enquiry.raised_by == world.support
    assert enquiry.raised_via == "phone" and enquiry.status == EnquiryStatus.NEW


def test_log_on_behalf_errors_rerender(world, support_client):
    response = support_client.post(
        reverse("enquiries:log_on_behalf"), {"subject": "Kept", "member": world.support.pk}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Error:" in page and "Select a councillor or MP" in page and 'value="Kept"' in page


def test_triage_page_shows_duplicates_and_audits(world, support_client):
    enquiry = new_enquiry(world, subject="Streetlight broken by the primary school")
    twin = _routed(world, subject="Broken streetlight near the primary school")
    page = support_client.get(reverse("enquiries:triage", args=[enquiry.reference]))
    assert twin.reference in page.content.decode()
    assert AuditEvent.objects.filter(action="view", object_label=enquiry.reference).exists()


def _post(client, enquiry, data):
    return client.post(reverse("enquiries:triage", args=[enquiry.reference]), data)


def test_triage_redirect_decision(world, support_client):
    enquiry = new_enquiry(world)
    response = _post(
        support_client,
        enquiry,
        {"decision": "redirect", "redirect-process": "foi", "redirect-note": "Use FOI"},
    )
    assert response.status_code == 302
    enquiry.refresh_from_db()
    assert enquiry.status == EnquiryStatus.REDIRECTED


def test_triage_redirect_without_note_shows_error(world, support_client):
    enquiry = new_enquiry(world)
    response = _post(support_client, enquiry, {"decision": "redirect", "redirect-process": "foi"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Enter a note to the member saying where to go" in page
    assert "<title>Error:" in page


def test_triage_duplicate_decision_by_suggestion_and_by_reference(world, support_client):
    twin = _routed(world, subject="Broken streetlight by the primary school gate")
    enquiry = new_enquiry(world)
    response = _post(
        support_client,
        enquiry,
        {"decision": "duplicate", "duplicate-duplicate_of": twin.reference},
    )
    assert response.status_code == 302
    enquiry.refresh_from_db()
    assert enquiry.status == EnquiryStatus.DUPLICATE and enquiry.duplicate_of == twin

    other = _routed(world, subject="Unrelated")
    third = new_enquiry(world, subject="Totally different")
    _post(
        support_client,
        third,
        {"decision": "duplicate", "duplicate-reference": other.reference.lower()},
    )
    third.refresh_from_db()
    assert third.duplicate_of == other


def test_triage_duplicate_of_unknown_reference(world, support_client):
    enquiry = new_enquiry(world)
    response = _post(
        support_client, enquiry, {"decision": "duplicate", "duplicate-reference": "ENQ-1999-00001"}
    )
    assert "Enter the reference of another open enquiry" in response.content.decode()


def test_triage_information_decision(world, support_client):
    enquiry = new_enquiry(world)
    _post(support_client, enquiry, {"decision": "info", "info-question": "Which school?"})
    enquiry.refresh_from_db()
    assert enquiry.status == EnquiryStatus.AWAITING_MEMBER and enquiry.paused_at


def test_triage_route_decision(world, support_client):
    partner = police()
    enquiry = new_enquiry(world)
    page = support_client.get(reverse("enquiries:triage", args=[enquiry.reference]))
    assert "neighbourhood@police.test" in page.content.decode()
    response = _post(
        support_client,
        enquiry,
        {
            "decision": "route",
            "route-service_area": world.highways.pk,
            "route-urgency": "urgent",
            "route-service_areas": [world.highways.pk],
            "route-officers": [world.highways_officer.pk],
            "route-partners": [partner.pk],
            "route-lead": f"officer:{world.highways_officer.pk}",
        },
    )
    assert response.status_code == 302
    enquiry.refresh_from_db()
    assert enquiry.status == EnquiryStatus.IN_PROGRESS and enquiry.urgency == "urgent"
    lead = EnquiryAssignment.unrestricted.get(enquiry=enquiry, is_lead=True)
    assert lead.officer == world.highways_officer
    assert EnquiryAssignment.unrestricted.filter(enquiry=enquiry).count() == 3


def test_triage_route_single_assignee_needs_no_lead(world, support_client):
    enquiry = new_enquiry(world)
    _post(
        support_client,
        enquiry,
        {
            "decision": "route",
            "route-service_area": world.highways.pk,
            "route-urgency": "standard",
            "route-service_areas": [world.highways.pk],
        },
    )
    enquiry.refresh_from_db()
    assert enquiry.status == EnquiryStatus.IN_PROGRESS


def test_triage_route_several_without_lead_is_an_error(world, support_client):
    enquiry = new_enquiry(world)
    response = _post(
        support_client,
        enquiry,
        {
            "decision": "route",
            "route-service_area": world.highways.pk,
            "route-urgency": "standard",
            "route-service_areas": [world.highways.pk],
            "route-officers": [world.highways_officer.pk],
            "route-lead": "officer:nonsense",
        },
    )
    assert response.status_code == 400
    assert "Select a lead" in response.content.decode()


def test_unknown_decision_is_harmless(world, support_client):
    enquiry = new_enquiry(world)
    assert _post(support_client, enquiry, {"decision": "explode"}).status_code == 302
    enquiry.refresh_from_db()
    assert enquiry.status == EnquiryStatus.NEW


def test_extend_once_only(world, support_client):
    enquiry = _routed(world, urgency="complex")
    url = reverse("enquiries:extend", args=[enquiry.reference])
    due = enquiry.due_at
    response = support_client.post(url, {"working_days": 5, "reason": "Needs a site visit"})
    assert response.status_code == 302
    enquiry.refresh_from_db()
    assert enquiry.extended_at and enquiry.due_at > due
    assert Notification.objects.filter(recipient=world.councillor).exists()
    again = support_client.post(url, {"working_days": 5, "reason": "Again"})
    assert again.status_code == 200
    assert "already been extended" in again.content.decode()


def test_extend_needs_a_reason(world, support_client):
    enquiry = _routed(world)
    url = reverse("enquiries:extend", args=[enquiry.reference])
    response = support_client.post(url, {"working_days": "abc"})
    page = response.content.decode()
    assert "Enter why the enquiry needs longer" in page
    assert "whole number" in page


def test_note_by_support_and_routed_officer(world, client_for, support_client):
    enquiry = _routed(world)
    url = reverse("enquiries:note", args=[enquiry.reference])
    assert support_client.post(url, {"body": "Chased"}).status_code == 302
    officer = client_for(world.highways_officer)
    assert officer.get(url).status_code == 200
    assert officer.post(url, {"body": "On it"}).status_code == 302
    notes = EnquiryEvent.unrestricted.filter(enquiry=enquiry, kind=EventKind.NOTE)
    assert notes.count() == 2 and not notes.filter(visible_to_member=True).exists()
    assert client_for(world.councillor).get(url).status_code == 404


def test_partner_response_then_send(world, support_client):
    partner = police()
    enquiry = _routed(world)
    EnquiryAssignment.unrestricted.create(enquiry=enquiry, partner=partner)
    response = support_client.post(
        reverse("enquiries:partner_response", args=[enquiry.reference]),
        {"partner": partner.pk, "body": "Officers attended"},
    )
    logged = EnquiryResponse.unrestricted.get(enquiry=enquiry)
    assert response.url == reverse("enquiries:send_response", args=[enquiry.reference, logged.pk])
    send_url = response.url
    page = support_client.get(send_url).content.decode()
    assert "Officers attended" in page
    sent = support_client.post(send_url, {"body": "Dear Cllr, the police attended."})
    assert sent.status_code == 302
    enquiry.refresh_from_db()
    logged.refresh_from_db()
    assert enquiry.status == EnquiryStatus.ANSWERED and enquiry.follow_up_until
    assert logged.status == ResponseStatus.SENT and logged.body.startswith("Dear Cllr")
    # A sent response cannot be sent again.
    assert support_client.get(send_url).status_code == 404


def test_send_response_needs_text(world, support_client):
    enquiry = _routed(world)
    ready = EnquiryResponseFactory(enquiry=enquiry, status=ResponseStatus.READY)
    url = reverse("enquiries:send_response", args=[enquiry.reference, ready.pk])
    response = support_client.post(url, {"body": ""})
    assert "Enter the reply to the member" in response.content.decode()
    ready.refresh_from_db()
    assert ready.status == ResponseStatus.READY
