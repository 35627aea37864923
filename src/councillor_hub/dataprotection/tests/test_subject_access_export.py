"""The subject access export: a ZIP with a readable document, a JSON file and the files,
other people's details marked for review, and fast enough for a constituent with 100 cases."""

# The fixtures are imported from this area's fixtures module and named as test arguments.
# ruff: noqa: F811

import io
import json
import re
import time
import zipfile
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils import timezone

from councillor_hub.audit.models import Action, AuditEvent
from councillor_hub.casework.models import (
    CaseConstituent,
    ConsentMethod,
    ConsentPurpose,
    ConsentRecord,
    EntryKind,
    TimelineEntry,
)
from councillor_hub.casework.services.cases import timeline_entry_add
from councillor_hub.casework.tests.factories import (
    CaseFactory,
    ConstituentFactory,
    TimelineEntryFactory,
)
from councillor_hub.dataprotection.services.subject_access import sar_export, sar_export_data
from councillor_hub.enquiries.models import EnquiryAttachment, ResponseStatus
from councillor_hub.enquiries.tests.factories import (
    EnquiryEventFactory,
    EnquiryFactory,
    EnquiryResponseFactory,
)

from .subject_access_fixtures import council_sar, councillor_sar  # noqa: F401 (pytest fixtures)

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n"


def _open(handle) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(handle.read()))


@pytest.fixture
def casework(world, councillor_sar):
    """Alice (the requester, with two records), and Bob, who shares one of her cases."""
    alice = ConstituentFactory(
        owner=world.councillor, first_name="Alice", last_name="Applegate", phone="07700 900111"
    )
    alice_old = ConstituentFactory(
        owner=world.councillor, first_name="Alice", last_name="Applegate", email="a@old.test"
    )
    bob = ConstituentFactory(
        owner=world.councillor,
        first_name="Bob",
        last_name="Brown",
        email="bob.brown@example.test",
        phone="07700 900222",
    )
    ConsentRecord.unrestricted.create(
        constituent=alice,
        purpose=ConsentPurpose.CASEWORK,
        method=ConsentMethod.EMAIL,
        recorded_by=world.councillor,
    )
    own = CaseFactory(
        owner=world.councillor,
        category=world.highways,
        title="Alice's pothole",
        constituents=[alice],
    )
    shared = CaseFactory(
        owner=world.councillor,
        category=world.highways,
        title="Noise from the flats",
        description="Bob Brown says the noise is worse at night.",
        constituents=[alice_old, bob],
    )
    TimelineEntryFactory(case=own, body="Alice called about her health", is_sensitive=True)
    TimelineEntryFactory(case=shared, body="Rang bob.brown@example.test back")
    TimelineEntryFactory(case=shared, body="Left a message on 07700-900 222")
    TimelineEntryFactory(case=shared, body="Nothing about anyone else")
    timeline_entry_add(
        actor=world.councillor,
        case=own,
        kind=EntryKind.LETTER_IN,
        body="Letter from Alice",
        upload=SimpleUploadedFile("../../Reply to Alice é <1>.pdf", PDF),
    )
    # Someone else's case, not Alice's: must not appear.
    CaseFactory(
        owner=world.councillor,
        category=world.highways,
        title="Bob's bins",
        constituents=[bob],
    )
    # An enquiry the councillor sent to the council from Alice's case: the council's.
    EnquiryFactory(member=world.councillor, case=own, subject="Pothole enquiry")
    councillor_sar.constituents.set([alice, alice_old])
    return {"alice": alice, "alice_old": alice_old, "bob": bob, "own": own, "shared": shared}


def test_councillor_export_zip(world, councillor_sar, casework):
    name, handle = sar_export(actor=world.councillor, sar=councillor_sar)
    assert name == f"{councillor_sar.reference}-subject-access.zip"
    archive = _open(handle)
    names = archive.namelist()
    assert "report.html" in names and "data.json" in names
    files = [n for n in names if n.startswith("attachments/")]
    assert len(files) == 1
    # A safe name: no folders, no spaces or accents, the extension kept.
    assert re.fullmatch(r"attachments/CW-\d{4}-\d{5}-\d+-Reply-to-Alice-e-1\.pdf", files[0])
    assert archive.read(files[0]) == PDF

    data = json.loads(archive.read("data.json"))
    assert data["request"]["reference"] == councillor_sar.reference
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", data["request"]["received_on"])
    assert {c["id"] for c in data["constituents"]} == {
        casework["alice"].pk,
        casework["alice_old"].pk,
    }
    alice = next(c for c in data["constituents"] if c["id"] == casework["alice"].pk)
    assert alice["consents"][0]["purpose"] == "Handle their issue as casework"
    assert {c["reference"] for c in data["cases"]} == {
        casework["own"].reference,
        casework["shared"].reference,
    }
    own = next(c for c in data["cases"] if c["reference"] == casework["own"].reference)
    texts = [entry["text"] for entry in own["timeline"]]
    # Sensitive entries are the person's own data: included, and labelled.
    assert "Alice called about her health" in texts
    sensitive = next(e for e in own["timeline"] if e["text"] == "Alice called about her health")
    assert sensitive["special_category"] is True
    assert own["council_enquiries_not_included"] == 1
    assert own["review_before_release"] is False
    assert own["other_people"] == []
    assert re.match(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}", own["opened_at"])
    assert data["council_enquiries_not_included"] == 1
    assert "Pothole enquiry" not in json.dumps(data)


def test_other_peoples_details_are_marked_for_review(world, councillor_sar, casework):
    data, _ = sar_export_data(councillor_sar)
    shared = next(c for c in data["cases"] if c["reference"] == casework["shared"].reference)
    assert shared["other_people"] == [
        {
            "name": "Bob Brown",
            "review_before_release": True,
            "review_reason": shared["other_people"][0]["review_reason"],
        }
    ]
    # The description names Bob.
    assert shared["review_before_release"] is True
    assert "Bob Brown" in shared["review_reason"]
    flagged = {e["text"]: e["review_before_release"] for e in shared["timeline"]}
    assert flagged == {
        "Rang bob.brown@example.test back": True,  # his email
        "Left a message on 07700-900 222": True,  # his phone, spaced differently
        "Nothing about anyone else": False,
    }
    assert all(e["review_reason"] for e in shared["timeline"] if e["review_before_release"])
    # Alice's own records are not "other people" to each other.
    names = [p["name"] for c in data["cases"] for p in c["other_people"]]
    assert "Alice Applegate" not in names
    assert len(data["for_review_before_release"]) == 4
    # The case only Bob is on is not included.
    assert "Bob's bins" not in json.dumps(data, cls=DjangoJSONEncoder)


def test_report_is_a_self_contained_accessible_document(world, councillor_sar, casework):
    _, handle = sar_export(actor=world.councillor, sar=councillor_sar)
    html = _open(handle).read("report.html").decode()
    assert html.startswith("<!DOCTYPE html>")
    assert '<html lang="en-GB">' in html
    assert html.count("<h1>") == 1
    assert "<title>" in html
    assert "For review before release" in html
    assert "<caption>" in html and 'scope="col"' in html
    assert "Alice called about her health" in html
    assert "Special category information" in html
    assert "not included" in html.lower()
    assert "the council is the controller of enquiries" in html.lower()
    # No external assets or scripts.
    assert "<script" not in html
    assert "<link" not in html
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)
    assert "<img" not in html
    assert 'href="attachments/' in html


def test_export_view_downloads_and_audits(world, councillor_sar, casework, client_for):
    response = client_for(world.councillor).get(
        reverse("dataprotection:sar_export", args=[councillor_sar.reference])
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith("attachment;")
    assert councillor_sar.reference in response["Content-Disposition"]
    assert "Alice" not in response["Content-Disposition"]
    assert response["Cache-Control"] == "no-store, private"
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert "data.json" in archive.namelist()
    event = AuditEvent.objects.get(action=Action.EXPORT)
    assert event.object_label == councillor_sar.reference
    assert event.data_controller == world.councillor
    assert "Alice" not in event.detail
    assert event.detail == "Subject access export: 2 cases, 1 files"


def test_a_missing_file_is_noted_not_an_error(world, councillor_sar, casework):
    attachment = casework["own"].attachments.get()
    attachment.file.storage.delete(attachment.file.name)
    _, handle = sar_export(actor=world.councillor, sar=councillor_sar)
    archive = _open(handle)
    data = json.loads(archive.read("data.json"))
    own = next(c for c in data["cases"] if c["reference"] == casework["own"].reference)
    assert own["attachments"][0]["file_missing"] is True
    assert not [n for n in archive.namelist() if n.startswith("attachments/")]
    assert "could not be found" in archive.read("report.html").decode()


def test_export_with_nothing_chosen(world, councillor_sar):
    _, handle = sar_export(actor=world.councillor, sar=councillor_sar)
    archive = _open(handle)
    data = json.loads(archive.read("data.json"))
    assert data["constituents"] == [] and data["cases"] == []
    assert "No constituent records were chosen" in archive.read("report.html").decode()


def test_council_export(world, dpo, council_sar):
    enquiry = EnquiryFactory(
        member=world.councillor,
        constituent_name="Alice Applegate",
        constituent_email="alice@example.test",
        constituent_phone="07700 900111",
    )
    partial = EnquiryFactory(member=world.councillor, constituent_name="Alice May Applegate")
    EnquiryFactory(member=world.councillor, constituent_name="Bob Brown")
    EnquiryEventFactory(enquiry=enquiry, body="Shown to the member", visible_to_member=True)
    EnquiryEventFactory(enquiry=enquiry, body="Officers only", visible_to_member=False)
    sent = EnquiryResponseFactory(
        enquiry=enquiry,
        body="Filled on Monday",
        status=ResponseStatus.SENT,
        sent_at=timezone.now(),
    )
    EnquiryResponseFactory(enquiry=enquiry, body="Draft wording", status=ResponseStatus.DRAFT)
    draft = enquiry.responses.get(status=ResponseStatus.DRAFT)
    for response, name in [(None, "photo.png"), (sent, "reply.pdf"), (draft, "draft.pdf")]:
        attachment = EnquiryAttachment(
            enquiry=enquiry,
            response=response,
            original_name=name,
            content_type="application/pdf",
            size=len(PDF),
        )
        attachment.file.save(name, ContentFile(PDF), save=False)
        attachment.save()
    council_sar.match_name = "Alice Applegate"
    council_sar.save()

    _, handle = sar_export(actor=dpo, sar=council_sar)
    archive = _open(handle)
    data = json.loads(archive.read("data.json"))
    assert [e["reference"] for e in data["enquiries"]] == [enquiry.reference, partial.reference]
    first = data["enquiries"][0]
    assert [(e["text"], e["visible_to_member"]) for e in first["events"]] == [
        ("Shown to the member", True),
        ("Officers only", False),
    ]
    assert [r["text"] for r in first["responses"]] == ["Filled on Monday"]
    assert sorted(a["name"] for a in first["attachments"]) == ["photo.png", "reply.pdf"]
    assert len([n for n in archive.namelist() if n.startswith("attachments/")]) == 2
    assert first["review_before_release"] is False
    assert data["enquiries"][1]["review_before_release"] is True
    assert data["for_review_before_release"][0]["where"] == f"Enquiry {partial.reference}"
    html = archive.read("report.html").decode()
    assert "Officers only" in html and "No (internal note)" in html
    assert "Draft wording" not in html
    assert AuditEvent.objects.get(action=Action.EXPORT).data_controller is None


def _bulk_casework(owner, category, person, cases: int, entries: int = 5, other=None):
    built = [
        CaseFactory.build(owner=owner, category=category, reference=f"CW-2026-{n + 1:05d}")
        for n in range(cases)
    ]
    from councillor_hub.casework.models import Case

    created = Case.unrestricted.bulk_create(built)
    links = [CaseConstituent(case=case, constituent=person) for case in created]
    if other is not None:
        links += [CaseConstituent(case=case, constituent=other) for case in created[::2]]
    CaseConstituent.unrestricted.bulk_create(links)
    now = timezone.now()
    TimelineEntry.unrestricted.bulk_create(
        [
            TimelineEntryFactory.build(
                case=case,
                author=owner,
                body=f"Entry {n} on {case.reference}: spoke to Bob Brown" if n == 0 else "Note",
                occurred_at=now - timedelta(hours=n),
                is_sensitive=n == 4,
            )
            for case in created
            for n in range(entries)
        ]
    )
    return created


@pytest.mark.django_db
def test_export_of_100_cases_is_fast_and_queries_are_bounded(
    world,
    councillor_sar,
    django_assert_max_num_queries,
):
    person = ConstituentFactory(owner=world.councillor, first_name="Alice", last_name="Applegate")
    bob = ConstituentFactory(owner=world.councillor, first_name="Bob", last_name="Brown")
    councillor_sar.constituents.set([person])
    _bulk_casework(world.councillor, world.highways, person, cases=2, other=bob)
    with django_assert_max_num_queries(40) as few:
        sar_export(actor=world.councillor, sar=councillor_sar)
    TimelineEntry.unrestricted.all().delete()
    CaseConstituent.unrestricted.all().delete()
    from councillor_hub.casework.models import Case

    Case.unrestricted.all().delete()
    _bulk_casework(world.councillor, world.highways, person, cases=100, other=bob)
    assert TimelineEntry.unrestricted.count() == 500

    started = time.perf_counter()
    with django_assert_max_num_queries(len(few.captured_queries)):
        _, handle = sar_export(actor=world.councillor, sar=councillor_sar)
    elapsed = time.perf_counter() - started
    assert elapsed < 5, f"export took {elapsed:.2f}s"
    data = json.loads(_open(handle).read("data.json"))
    assert len(data["cases"]) == 100
    assert sum(len(case["timeline"]) for case in data["cases"]) == 500
    # Bob is on half the cases and named in the first entry of every case.
    assert sum(bool(case["other_people"]) for case in data["cases"]) == 50
    assert sum(e["review_before_release"] for c in data["cases"] for e in c["timeline"]) == 50
