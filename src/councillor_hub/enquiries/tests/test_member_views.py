"""The member's pages: raise, list, detail, reply, rate, download."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from councillor_hub.audit.models import Action, AuditEvent
from councillor_hub.casework.tests.factories import CaseFactory, ConstituentFactory
from councillor_hub.enquiries.models import Enquiry, EnquiryAttachment
from councillor_hub.enquiries.services.raising import enquiry_attachment_store
from councillor_hub.enquiries.tests.factories import (
    EnquiryAssignmentFactory,
    EnquiryEventFactory,
    EnquiryFactory,
    EnquiryResponseFactory,
)

pytestmark = pytest.mark.django_db

CREATE = reverse("enquiries:enquiry_create")


def _detail(enquiry):
    return reverse("enquiries:enquiry_detail", args=[enquiry.reference])


def _post_data(world, **extra):
    data = {
        "service_area": str(world.highways.pk),
        "subject": "Pothole on Mill Lane",
        "description": "A deep pothole outside number 12.",
        "location": "Mill Lane",
        "postcode": "dt1 1aa",
        "ward": str(world.ward_a.pk),
        "suggested_urgency": "standard",
        "submit": "send",
    }
    data.update(extra)
    return data


def test_raise_page_shows_the_template_form(councillor_client, world, highways_on_call):
    response = councillor_client.get(CREATE)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Raise an enquiry with the council" in html
    assert 'name="member"' not in html  # acting only for themselves
    assert "Emergencies must also be phoned in" in html
    assert "Highways duty engineer" in html
    assert 'name="constituent_name"' in html


def test_delegate_of_a_member_who_is_also_a_member_chooses(world, client_for):
    from councillor_hub.casework.tests.factories import DelegateGrantFactory

    DelegateGrantFactory(councillor=world.colleague, delegate=world.councillor)
    response = client_for(world.councillor).get(CREATE)
    assert 'name="member"' in response.content.decode()


def test_raise_creates_and_redirects(councillor_client, world):
    response = councillor_client.post(CREATE, _post_data(world))
    enquiry = Enquiry.unrestricted.get()
    assert response.status_code == 302
    assert response["Location"] == _detail(enquiry)
    assert enquiry.postcode == "DT1 1AA"
    assert enquiry.member == world.councillor


def test_errors_keep_what_was_typed(councillor_client, world):
    data = _post_data(world, subject="", postcode="nonsense", constituent_name="Ann Smith")
    response = councillor_client.post(CREATE, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error:" in html
    assert "Enter a subject" in html
    assert "Enter a real postcode" in html
    assert "A deep pothole outside number 12." in html
    assert 'value="Ann Smith"' in html
    assert 'value="Mill Lane"' in html
    assert not Enquiry.unrestricted.exists()


def test_bad_upload_shows_an_error(councillor_client, world):
    data = _post_data(world, uploads=SimpleUploadedFile("x.pdf", b"not a pdf"))
    response = councillor_client.post(CREATE, data)
    assert response.status_code == 200
    assert "must be a PDF" in response.content.decode()
    assert not Enquiry.unrestricted.exists()


def test_several_uploads(councillor_client, world):
    files = [
        SimpleUploadedFile("a.txt", b"hello"),
        SimpleUploadedFile("b.png", b"\x89PNG\r\n\x1a\n" + b"0" * 20),
    ]
    councillor_client.post(CREATE, _post_data(world, uploads=files))
    assert EnquiryAttachment.unrestricted.count() == 2


def test_check_shows_faqs_without_sending(councillor_client, world, monkeypatch):
    class Faq:
        question = "How are potholes repaired?"
        answer = "Within 28 days."
        url = ""

    monkeypatch.setattr(
        "councillor_hub.enquiries.views.member.matching_faqs",
        # The hook is asked with the signed-in user, so members-only answers can be shown.
        lambda area, text, *, user: [Faq()] if user == world.councillor else [],
    )
    response = councillor_client.post(CREATE, _post_data(world, submit="", check="1"))
    html = response.content.decode()
    assert "How are potholes repaired?" in html
    assert html.index("How are potholes repaired?") < html.index("Send enquiry")
    assert not Enquiry.unrestricted.exists()


def test_faq_hook_is_empty_for_now(world):
    from councillor_hub.enquiries.selectors.faq import matching_faqs

    assert matching_faqs(world.highways, "pothole") == []


def test_from_a_case(councillor_client, world):
    resident = ConstituentFactory(
        owner=world.councillor, first_name="Ann", last_name="Smith", email="ann@example.test"
    )
    case = CaseFactory(
        owner=world.councillor,
        category=world.highways,
        title="Broken street light",
        constituents=[resident],
    )
    url = f"{CREATE}?case={case.reference}"
    html = councillor_client.get(url).content.decode()
    assert "Send their name: Ann Smith" in html
    assert "Send their email address: ann@example.test" in html
    assert 'value="Broken street light"' in html
    assert 'name="constituent_name"' not in html
    response = councillor_client.post(url, _post_data(world, case_share=["name"]))
    assert response.status_code == 302
    enquiry = Enquiry.unrestricted.get()
    assert enquiry.case == case
    assert enquiry.constituent_name == "Ann Smith"
    assert enquiry.constituent_email == ""


def test_from_someone_elses_case_is_404(councillor_client, world, client_for):
    case = CaseFactory(owner=world.colleague, category=world.highways)
    assert councillor_client.get(f"{CREATE}?case={case.reference}").status_code == 404
    assert councillor_client.get(f"{CREATE}?case=CW-nonsense").status_code == 404


@pytest.mark.parametrize("who", ["highways_officer", "support", "democratic"])
def test_raise_page_is_404_for_non_members(world, client_for, who):
    assert client_for(getattr(world, who)).get(CREATE).status_code == 404


def test_detail_404_for_non_viewers(world, client_for):
    enquiry = EnquiryFactory(member=world.councillor, service_area=world.highways)
    for who in ("colleague", "other", "democratic", "highways_officer"):
        assert client_for(getattr(world, who)).get(_detail(enquiry)).status_code == 404
    assert client_for(world.councillor).get(_detail(enquiry)).status_code == 200
    assert client_for(world.delegate).get(_detail(enquiry)).status_code == 200


def test_detail_for_the_member_hides_internal_events(world, client_for):
    enquiry = EnquiryFactory(
        member=world.councillor, service_area=world.highways, is_sensitive=False
    )
    EnquiryAssignmentFactory(enquiry=enquiry, officer=world.highways_officer)
    EnquiryEventFactory(
        enquiry=enquiry, kind="note", body="Internal gossip", visible_to_member=False
    )
    EnquiryEventFactory(enquiry=enquiry, kind="acknowledged", body="We have it")
    EnquiryResponseFactory(enquiry=enquiry, body="Draft not sent", status="draft")
    html = client_for(world.councillor).get(_detail(enquiry)).content.decode()
    assert "We have it" in html
    assert "Internal gossip" not in html
    assert "Draft not sent" not in html
    assert world.highways_officer.full_name in html  # who holds it
    assert reverse("enquiries:triage", args=[enquiry.reference]) not in html
    assert AuditEvent.objects.filter(
        action=Action.VIEW, object_label=enquiry.reference, actor=world.councillor
    ).exists()
    officer_html = client_for(world.highways_officer).get(_detail(enquiry)).content.decode()
    assert "Internal gossip" in officer_html
    assert "Draft not sent" in officer_html
    assert reverse("enquiries:draft_response", args=[enquiry.reference]) in officer_html
    support_html = client_for(world.support).get(_detail(enquiry)).content.decode()
    assert reverse("enquiries:triage", args=[enquiry.reference]) in support_html


def test_sensitive_tag(world, councillor_client):
    enquiry = EnquiryFactory(
        member=world.councillor, is_sensitive=True, sensitive_reason="personal"
    )
    assert "Sensitive</strong>" in councillor_client.get(_detail(enquiry)).content.decode()


def test_reply_resumes_the_clock(world, councillor_client):
    now = timezone.now()
    enquiry = EnquiryFactory(
        member=world.councillor,
        status="awaiting_member",
        due_at=now + datetime.timedelta(days=2),
        paused_at=now - datetime.timedelta(days=7),
    )
    html = councillor_client.get(_detail(enquiry)).content.decode()
    assert "Send the information asked for" in html
    url = reverse("enquiries:member_reply", args=[enquiry.reference])
    response = councillor_client.post(url, {"body": ""})
    assert response.status_code == 200
    assert "Enter your reply" in response.content.decode()
    response = councillor_client.post(url, {"body": "It is by the school gates."})
    assert response.status_code == 302
    enquiry = Enquiry.unrestricted.get(pk=enquiry.pk)
    assert enquiry.status == "in_progress" and enquiry.paused_at is None
    assert enquiry.due_at > now + datetime.timedelta(days=4)


def test_reply_404_for_officers(world, client_for):
    enquiry = EnquiryFactory(member=world.councillor, status="awaiting_member")
    url = reverse("enquiries:member_reply", args=[enquiry.reference])
    assert client_for(world.support).post(url, {"body": "x"}).status_code == 404
    assert client_for(world.colleague).post(url, {"body": "x"}).status_code == 404


def test_rating_once(world, councillor_client):
    enquiry = EnquiryFactory(member=world.councillor, status="answered", answered_at=timezone.now())
    assert "Rate the answer" in councillor_client.get(_detail(enquiry)).content.decode()
    url = reverse("enquiries:rate", args=[enquiry.reference])
    response = councillor_client.post(url, {"rating": "7"})
    assert "Select how good the answer was" in response.content.decode()
    assert councillor_client.post(url, {"rating": "5"}).status_code == 302
    html = councillor_client.get(_detail(enquiry)).content.decode()
    assert "You rated the answer 5 out of 5" in html
    assert 'name="rating"' not in html
    response = councillor_client.post(url, {"rating": "1"})
    assert "already rated" in response.content.decode()
    assert Enquiry.unrestricted.get(pk=enquiry.pk).rating == 5


def test_my_enquiries_lists_and_filters(world, councillor_client):
    mine = EnquiryFactory(member=world.councillor, subject="Broken bench", status="in_progress")
    EnquiryFactory(member=world.councillor, subject="Bins missed", status="closed")
    EnquiryFactory(member=world.colleague, subject="Not mine")
    url = reverse("enquiries:my_enquiries")
    html = councillor_client.get(url).content.decode()
    assert "Broken bench" in html and "Bins missed" in html and "Not mine" not in html
    html = councillor_client.get(url, {"status": "open"}).content.decode()
    assert "Broken bench" in html and "Bins missed" not in html
    html = councillor_client.get(url, {"q": mine.reference}).content.decode()
    assert "Broken bench" in html and "Bins missed" not in html
    assert councillor_client.get(url, {"status": "nonsense", "page": "x"}).status_code == 200


def test_my_enquiries_overdue_tag(world, councillor_client):
    EnquiryFactory(
        member=world.councillor,
        status="in_progress",
        due_at=timezone.now() - datetime.timedelta(days=1),
    )
    html = councillor_client.get(reverse("enquiries:my_enquiries")).content.decode()
    assert "Overdue" in html


def test_my_enquiries_query_count_does_not_grow(world, councillor_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count_queries():
        with CaptureQueriesContext(connection) as context:
            response = councillor_client.get(reverse("enquiries:my_enquiries"))
        assert response.status_code == 200
        return len(context)

    def add(n):
        for _ in range(n):
            enquiry = EnquiryFactory(member=world.councillor, service_area=world.highways)
            EnquiryAssignmentFactory(enquiry=enquiry, officer=world.highways_officer)

    add(1)
    one = count_queries()
    add(9)
    assert count_queries() == one <= 18


def test_download_checks_and_audits(world, client_for):
    enquiry = EnquiryFactory(member=world.councillor)
    attachment = enquiry_attachment_store(
        actor=world.councillor,
        enquiry=enquiry,
        upload=SimpleUploadedFile("notes.txt", b"hello"),
        content_type="text/plain; charset=utf-8",
    )
    url = reverse("enquiries:attachment_download", args=[enquiry.reference, attachment.pk])
    response = client_for(world.councillor).get(url)
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "attachment" in response["Content-Disposition"]
    assert AuditEvent.objects.filter(
        action=Action.DOWNLOAD, object_label=enquiry.reference
    ).exists()
    assert client_for(world.colleague).get(url).status_code == 404


def test_member_cannot_download_files_of_an_unsent_response(world, client_for):
    enquiry = EnquiryFactory(member=world.councillor)
    draft = EnquiryResponseFactory(enquiry=enquiry, status="draft")
    attachment = enquiry_attachment_store(
        actor=world.support,
        enquiry=enquiry,
        upload=SimpleUploadedFile("draft.txt", b"hello"),
        content_type="text/plain; charset=utf-8",
        response=draft,
    )
    url = reverse("enquiries:attachment_download", args=[enquiry.reference, attachment.pk])
    assert client_for(world.councillor).get(url).status_code == 404
    assert client_for(world.support).get(url).status_code == 200


def test_case_page_links_to_raising_and_lists_enquiries(world, client_for):
    case = CaseFactory(owner=world.councillor, category=world.highways)
    enquiry = EnquiryFactory(member=world.councillor, case=case, status="in_progress")
    url = reverse("casework:case_detail", args=[case.reference])
    html = client_for(world.councillor).get(url).content.decode()
    assert f"{CREATE}?case={case.reference}" in html
    assert enquiry.reference in html
    from councillor_hub.casework.tests.factories import CaseShareFactory

    CaseShareFactory(case=case, colleague=world.colleague, shared_by=world.councillor)
    shared_html = client_for(world.colleague).get(url).content.decode()
    assert "Raise a council enquiry" not in shared_html
    assert enquiry.reference not in shared_html


def test_navigation_shows_enquiries_to_those_who_can_raise(world, client_for):
    home = reverse("core:home")
    html = client_for(world.delegate).get(home, follow=True).content.decode()
    assert f'href="{reverse("enquiries:my_enquiries")}"' in html
    html = client_for(world.highways_officer).get(home, follow=True).content.decode()
    assert f'href="{reverse("enquiries:my_enquiries")}"' not in html
