"""The erasure no-trace test (issue 4, item 4 and its Tests section).

A rich world is built around one person with a distinctive name, email address and phone
number: their constituent record (edited, so it has history), consent records, a case only
they are on and a case shared with another constituent, timeline notes, edits, files, a case
share, enquiries raised to the council from their cases with events, responses and a file,
subject access requests (the councillor's and the council's), other records that mention
them. The councillor erases them from the casework and the data protection officer from the
council's enquiries, through the real pages.

Afterwards every column of every table in the database, and every file under the media
root, is read and searched for the name (either word), the email address and the phone
number's digits (however written). Nothing may be found. Runs on SQLite and PostgreSQL:
    PG_TEST_PORT=54471 scripts/with_postgres.sh .venv/bin/pytest -q \\
        src/councillor_hub/dataprotection/tests/test_no_trace.py
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.db import connection
from django.urls import reverse

from councillor_hub.audit.models import Action, AuditEvent
from councillor_hub.casework.models import (
    Case,
    CaseConstituent,
    ConsentPurpose,
    Constituent,
    EntryKind,
)
from councillor_hub.casework.services.constituents import constituent_update
from councillor_hub.casework.tests.factories import CaseShareFactory
from councillor_hub.dataprotection.models import Breach, SubjectAccessRequest
from councillor_hub.enquiries.models import Enquiry
from councillor_hub.enquiries.services.events import event_add
from councillor_hub.enquiries.services.raising import enquiry_create
from councillor_hub.enquiries.tests.factories import EnquiryResponseFactory
from councillor_hub.notifications.models import Notification

from .erasure_fixtures import (
    attach,
    case,
    category,
    consent,
    constituent,
    edit,
    enquiry_attach,
    note,
    sar,
)

FIRST, LAST = "Zebedee", "Quillfeather"
EMAIL = "zq@example.invalid"
PHONE = "07700 900 456"
# The digits every way of writing the number contains (07700 900456, +44 7700 900456).
PHONE_DIGITS = "7700900456"
WORDS = [FIRST.lower(), LAST.lower(), EMAIL]


def traces(value) -> list[str]:
    """Which of the person's details `value` holds (names case-insensitively, the phone
    number by its digits)."""
    if isinstance(value, memoryview):
        value = value.tobytes()
    if isinstance(value, bytes):
        value = value.decode("utf-8", errors="ignore")
    elif isinstance(value, (dict, list)):
        value = json.dumps(value)
    if not isinstance(value, str):
        return []
    lowered = value.lower()
    found = [word for word in WORDS if word in lowered]
    if PHONE_DIGITS in re.sub(r"\D", "", value):
        found.append("phone")
    return found


def scan_database() -> list[tuple]:
    """Every value in every column of every table that holds one of the person's details."""
    hits = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            columns = [column[0] for column in cursor.description]
            for row in cursor.fetchall():
                for column, value in zip(columns, row, strict=True):
                    found = traces(value)
                    if found:
                        hits.append((table, column, found, str(value)[:120]))
    return hits


def scan_files() -> list[tuple]:
    root = Path(default_storage.location)
    hits = []
    for path in root.rglob("*"):
        found = traces(str(path.relative_to(root)))
        if path.is_file():
            found += traces(path.read_bytes())
        if found:
            hits.append((str(path), found))
    return hits


@pytest.fixture
def person_world(world, dpo):
    """Everything the councillor and the council hold about Zebedee Quillfeather."""
    owner = world.councillor
    zeb = constituent(
        owner,
        title="Mr",
        first_name=FIRST,
        last_name=LAST,
        address_line_1="2 Quill House",
        email=EMAIL,
        phone="07700900456",
        accessibility_needs="Mr Quillfeather uses a wheelchair",
    )
    # Edits: change history holding the details written different ways.
    constituent_update(actor=owner, constituent=zeb, phone=PHONE)
    constituent_update(actor=owner, constituent=zeb, email=EMAIL.upper())
    constituent_update(actor=owner, constituent=zeb, email=EMAIL)
    consent(zeb, note=f"{FIRST} {LAST} agreed at surgery")
    consent(zeb, purpose=ConsentPurpose.SHARE_WARD_COLLEAGUES)

    neighbour = constituent(
        owner,
        first_name="Oswin",
        last_name="Pargeter",
        email="oswin@example.test",
        phone="01632 960 001",
        accessibility_needs=f"His neighbour {FIRST} {LAST} helps with letters",
    )
    consent(neighbour, note=f"Agreed with {FIRST} {LAST} present")

    # A case only they are on: anonymised.
    own_case = case(
        owner,
        constituents=[zeb],
        title=f"{FIRST} {LAST}: leaking roof",
        description=f"Contact {EMAIL} or {PHONE}.",
        location="2 Quill House",
        tags=[f"{FIRST} {LAST}"],
    )
    edit(own_case, description=f"Mr {LAST} rang again on 07700900456.")
    note(own_case, f"Spoke to {FIRST.upper()} {LAST.upper()} about the roof.")
    note(own_case, f"{FIRST} has asthma", sensitive=True)
    attach(own_case, name=f"{LAST} letter.txt", text=f"Dear Cllr, I am {FIRST} {LAST}.")
    CaseShareFactory(case=own_case, colleague=world.colleague, consent_note=f"{FIRST} agreed")

    # A case shared with the neighbour: kept, without them.
    shared = case(
        owner,
        constituents=[zeb, neighbour],
        title=f"Hedge between Oswin Pargeter and {FIRST} {LAST}",
        description=f"{FIRST} {LAST} ({EMAIL}) and Oswin both complain.",
        location="Quill House gardens",
    )
    edit(shared, title="Overgrown hedge", description="Both neighbours complain about the hedge.")
    note(shared, f"{FIRST} {LAST} phoned from +44 7700 900456.", kind=EntryKind.CALL_IN)
    note(shared, "Oswin sent photos.")
    attach(shared, name="hedge.txt", text=f"Note from {FIRST}: the hedge is 3m high")
    attach(shared, name=f"{FIRST} {LAST} photo list.txt", text="Photos 1 to 4")
    kept_file = attach(shared, name="council reply.txt", text="The council will inspect.")
    CaseShareFactory(
        case=shared, colleague=world.colleague, consent_note=f"Mr {LAST} and Oswin agreed"
    )

    # Enquiries to the council, raised from each case with their details.
    housing = category("Housing")
    enquiry = enquiry_create(
        actor=owner,
        member=owner,
        service_area=housing,
        subject=f"Roof repair for {FIRST} {LAST}",
        description=f"Please contact {FIRST} on {PHONE}.",
        case=own_case,
        case_constituent=zeb,
        case_share=["name", "address", "email", "phone"],
    )
    event_add(enquiry=enquiry, kind="note", body=f"Rang {EMAIL}", visible_to_member=False)
    response = EnquiryResponseFactory(enquiry=enquiry, body=f"Dear Cllr, we met {FIRST} {LAST}.")
    response.body = f"Dear Cllr, we met Mr {LAST} and will repair the roof."
    response.save()
    enquiry_attach(enquiry, actor=world.support, text=f"Inspection at {FIRST} {LAST}'s flat")
    Enquiry.unrestricted.filter(pk=enquiry.pk).update(rating_comment=f"{FIRST} is happy")
    hedge_enquiry = enquiry_create(
        actor=owner,
        member=owner,
        service_area=housing,
        subject="Overgrown hedge",
        description="Two neighbours complain.",
        case=shared,
        case_constituent=zeb,
        case_share=["name"],
    )

    # Subject access requests: the councillor's (linked to them) and the council's.
    own_sar = sar(
        owner,
        requester_name=f"{FIRST} {LAST}",
        requester_contact=EMAIL,
        constituents=[zeb],
        identity_note=f"Known to the councillor; Mr {LAST} phoned",
    )
    own_sar.extension_reason = f"{FIRST} sent more papers"
    own_sar.save()
    sar(
        None,
        requester_name=f"Mr {FIRST} {LAST}",
        requester_contact=f"{PHONE}\n2 Quill House",
        match_name=f"{FIRST} {LAST}",
        match_email=EMAIL,
        match_phone=PHONE,
        recorded_by=dpo,
    )
    Breach.unrestricted.create(
        reference="BR-2026-00001",
        controller=owner,
        what_happened=f"A letter for {FIRST} {LAST} went to the wrong house",
        discovered_at=own_case.opened_at,
        data_involved="Name and address",
        people_affected=1,
        recorded_by=owner,
    )
    return {
        "zeb": zeb,
        "neighbour": neighbour,
        "own_case": own_case,
        "shared": shared,
        "kept_file": kept_file,
        "enquiry": enquiry,
        "hedge_enquiry": hedge_enquiry,
    }


def test_after_erasure_the_person_appears_nowhere(world, dpo, person_world, client_for):
    # The world really does hold them everywhere we look (the scan would find them).
    before = {table for table, *_ in scan_database()}
    for table in (
        "casework_constituent",
        "casework_historicalconstituent",
        "casework_consentrecord",
        "casework_case",
        "casework_historicalcase",
        "casework_timelineentry",
        "casework_historicaltimelineentry",
        "casework_attachment",
        "casework_caseshare",
        "casework_tag",
        "enquiries_enquiry",
        "enquiries_historicalenquiry",
        "enquiries_enquiryevent",
        "enquiries_enquiryresponse",
        "enquiries_historicalenquiryresponse",
        "dataprotection_subjectaccessrequest",
        "dataprotection_historicalsubjectaccessrequest",
        "dataprotection_breach",
    ):
        assert table in before, table
    assert scan_files()
    zeb, neighbour = person_world["zeb"], person_world["neighbour"]

    councillor = client_for(world.councillor)
    url = reverse("dataprotection:erasure_constituent", args=[zeb.pk])
    preview = councillor.get(url, {"also": FIRST})
    assert preview.status_code == 200
    done = councillor.post(url, {"also": FIRST, "confirm": "on"})
    assert done.status_code == 302, done.content.decode()[:2000]

    officer = client_for(dpo)
    details = {
        "name": f"{FIRST} {LAST}",
        "email": EMAIL,
        "phone": PHONE,
        "also": f"{FIRST}\n{LAST}",
    }
    preview = officer.get(reverse("dataprotection:erasure_enquiries"), details)
    assert preview.status_code == 200
    assert person_world["enquiry"].reference in preview.content.decode()
    done = officer.post(reverse("dataprotection:erasure_enquiries"), {**details, "confirm": "on"})
    assert done.status_code == 302, done.content.decode()[:2000]

    assert scan_database() == []
    assert scan_files() == []

    # What is not theirs survives: the neighbour, the shared case (without them), its other
    # file, the anonymised case for the figures, the enquiries and the request logs.
    assert Constituent.unrestricted.filter(pk=neighbour.pk).exists()
    shared = Case.unrestricted.get(pk=person_world["shared"].pk)
    assert list(shared.constituents.all()) == [neighbour]
    assert not shared.is_anonymised
    assert default_storage.exists(person_world["kept_file"].file.name)
    own_case = Case.unrestricted.get(pk=person_world["own_case"].pk)
    assert own_case.is_anonymised
    assert own_case.category == category("Housing")
    assert not CaseConstituent.unrestricted.filter(constituent_id=zeb.pk).exists()
    assert Enquiry.unrestricted.filter(pk=person_world["enquiry"].pk).exists()
    assert SubjectAccessRequest.unrestricted.count() == 2
    # Each erasure left one ERASE audit event, of counts only.
    erasures = AuditEvent.objects.filter(action=Action.ERASE)
    assert erasures.count() == 2
    assert all("anonymised" in e.detail or "enquiries" in e.detail for e in erasures)
    assert Notification.objects.exists()  # checked by the scan: titles name references only
