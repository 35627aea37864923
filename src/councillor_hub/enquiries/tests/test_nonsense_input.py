"""Nonsense in query strings and form posts never gives a server error on any enquiries page,
for the member, the member support team and a service officer (each reaches different code)."""

import pytest
from django.urls import reverse

from councillor_hub.casework.tests.test_nonsense_input import NASTY_VALUES
from councillor_hub.enquiries.models import EnquiryResponse, ResponseStatus
from councillor_hub.enquiries.tests.factories import EnquiryAssignmentFactory, EnquiryFactory

PARAMS = ["page", "q", "status", "tab", "service_area", "ward", "date_from", "date_to", "print"]
FIELDS = [
    "member",
    "service_area",
    "category",
    "subject",
    "description",
    "location",
    "postcode",
    "ward",
    "suggested_urgency",
    "urgency",
    "raised_via",
    "decision",
    "process",
    "note",
    "question",
    "duplicate_of",
    "lead",
    "service_areas",
    "officers",
    "partners",
    "working_days",
    "reason",
    "body",
    "rating",
    "comment",
    "action",
    "send_name",
    "is_sensitive",
    "sensitive_reason",
    "named_viewers",
]


@pytest.fixture
def enquiry(world):
    enquiry = EnquiryFactory(member=world.councillor, service_area=world.highways)
    EnquiryAssignmentFactory(enquiry=enquiry, service_area=world.highways, is_lead=True)
    EnquiryResponse.unrestricted.create(
        enquiry=enquiry, body="We will repair it.", status=ResponseStatus.READY
    )
    return enquiry


def _urls(enquiry) -> list[str]:
    ref = enquiry.reference
    response = EnquiryResponse.unrestricted.get(enquiry=enquiry)
    return [
        reverse("enquiries:my_enquiries"),
        reverse("enquiries:enquiry_create"),
        reverse("enquiries:enquiry_detail", args=[ref]),
        reverse("enquiries:member_reply", args=[ref]),
        reverse("enquiries:rate", args=[ref]),
        reverse("enquiries:triage_queue"),
        reverse("enquiries:log_on_behalf"),
        reverse("enquiries:triage", args=[ref]),
        reverse("enquiries:extend", args=[ref]),
        reverse("enquiries:note", args=[ref]),
        reverse("enquiries:partner_response", args=[ref]),
        reverse("enquiries:send_response", args=[ref, response.pk]),
        reverse("enquiries:service_queue"),
        reverse("enquiries:draft_response", args=[ref]),
        reverse("enquiries:performance"),
        reverse("enquiries:performance_export", args=["csv"]),
        reverse("enquiries:performance_export", args=["xlsx"]),
        reverse("notifications:list"),
        reverse("directory:out_of_hours"),
    ]


@pytest.mark.parametrize("person", ["councillor", "support", "highways_officer"])
@pytest.mark.parametrize("value", NASTY_VALUES, ids=range(len(NASTY_VALUES)))
def test_nonsense_never_gives_a_server_error(world, client_for, enquiry, person, value):
    client = client_for(getattr(world, person))
    for url in _urls(enquiry):
        response = client.get(url, {name: value for name in PARAMS})
        assert response.status_code < 500, ("GET", url)
        response = client.post(url, {name: value for name in FIELDS})
        assert response.status_code < 500, ("POST", url)
