"""Builders shared by the destruction and erasure tests: records made through the real
services where they exist, so change history and files are written as in use."""

from __future__ import annotations

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from councillor_hub.casework.models import (
    ConsentMethod,
    ConsentPurpose,
    ConsentRecord,
    EntryKind,
)
from councillor_hub.casework.services.cases import (
    case_create,
    case_update,
    timeline_entry_add,
)
from councillor_hub.casework.services.references import reference_next
from councillor_hub.core.models import ServiceArea
from councillor_hub.dataprotection.models import IdentityCheck, SubjectAccessRequest
from councillor_hub.enquiries.services.raising import enquiry_attachment_store

from ...casework.tests.factories import ConstituentFactory


def category(name: str = "Housing") -> ServiceArea:
    return ServiceArea.objects.get(name=name)


def constituent(owner, **fields):
    return ConstituentFactory(owner=owner, **fields)


def consent(person, *, purpose=ConsentPurpose.CASEWORK, note: str = "") -> ConsentRecord:
    return ConsentRecord.unrestricted.create(
        constituent=person,
        purpose=purpose,
        method=ConsentMethod.VERBAL,
        recorded_by=person.owner,
        note=note,
    )


def case(owner, *, constituents=(), title="Damp in the back bedroom", **fields):
    fields.setdefault("category", category())
    return case_create(
        actor=owner, owner=owner, title=title, constituents=list(constituents), **fields
    )


def edit(case_, **fields):
    return case_update(actor=case_.owner, case=case_, **fields)


def note(case_, body: str, *, actor=None, kind=EntryKind.NOTE, sensitive=False):
    return timeline_entry_add(
        actor=actor or case_.owner, case=case_, kind=kind, body=body, is_sensitive=sensitive
    )


def text_file(name: str, text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(), content_type="text/plain")


def attach(case_, *, name="letter.txt", text="A letter.", body="Letter received", actor=None):
    """A letter on the case's timeline with a file; returns the attachment."""
    entry = timeline_entry_add(
        actor=actor or case_.owner,
        case=case_,
        kind=EntryKind.LETTER_IN,
        body=body,
        upload=text_file(name, text),
    )
    return entry.attachment


def enquiry_attach(enquiry, *, actor, name="photo.txt", text="A photo."):
    upload = text_file(name, text)
    return enquiry_attachment_store(
        actor=actor, enquiry=enquiry, upload=upload, content_type="text/plain; charset=utf-8"
    )


def sar(controller, *, requester_name, requester_contact="", constituents=(), **fields):
    received = timezone.localdate() - datetime.timedelta(days=3)
    values = {
        "reference": reference_next(prefix="SAR"),
        "controller": controller,
        "controller_is_council": controller is None,
        "requester_name": requester_name,
        "requester_contact": requester_contact,
        "received_on": received,
        "identity_check": IdentityCheck.KNOWN,
        "due_on": received + datetime.timedelta(days=30),
        "recorded_by": controller,
        **fields,
    }
    request = SubjectAccessRequest.unrestricted.create(**values)
    request.constituents.set(constituents)
    return request


def history_count(model, **filters) -> int:
    return model.history.model.objects.filter(**filters).count()
