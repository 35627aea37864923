"""Importing e-learning completions from a learning platform's CSV: the dry run lists what
would be recorded and what is skipped as already recorded; bad rows are listed by line and
nothing changes; applying records exactly what the dry run showed, and refuses when the
completions changed in between."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from councillor_hub.audit.models import AuditEvent
from councillor_hub.learning import importing
from councillor_hub.learning.models import Completion, CompletionSource
from councillor_hub.learning.services.catalogue import ImportChanged, completions_import_apply

from .factories import CompletionFactory, TopicFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("module_world")]

TODAY = datetime.date(2026, 6, 15)
URL = "/learning/completions/import/"


@pytest.fixture
def topics():
    return {
        "ig": TopicFactory(name="Information governance e-learning"),
        "safe": TopicFactory(name="Safeguarding"),
    }


def csv_text(world, *rows: str, header="email,course name,completion date,notes") -> str:
    return "\n".join([header, *rows]) + "\n"


def upload(text: str, name="report.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def test_parse_date_accepts_what_platforms_write():
    assert importing.parse_date("2026-03-14") == datetime.date(2026, 3, 14)
    assert importing.parse_date("14/03/2026") == datetime.date(2026, 3, 14)
    assert importing.parse_date("14/03/2026 10:22") == datetime.date(2026, 3, 14)
    assert importing.parse_date("2026-03-14T10:22:05Z") == datetime.date(2026, 3, 14)
    assert importing.parse_date("14 March 2026") == datetime.date(2026, 3, 14)
    assert importing.parse_date("31/02/2026") is None
    assert importing.parse_date("soon") is None


def test_the_dry_run_lists_new_and_already_recorded_completions(world, topics):
    CompletionFactory(member=world.colleague, topic=topics["safe"], completed_on=TODAY)
    text = csv_text(
        world,
        f"{world.councillor.email.upper()},information governance E-LEARNING,01/06/2026,Cert 12",
        f"{world.colleague.email},Safeguarding,2026-06-15,",
        f"{world.councillor.email},Information governance e-learning,2026-06-01,",
    )
    before = Completion.objects.count()

    plan = importing.plan_import(text, today=TODAY)

    assert plan.is_valid and plan.rows == 3
    assert [(p.line, p.member_id, p.topic_id, p.completed_on, p.note) for p in plan.to_record] == [
        (2, world.councillor.pk, topics["ig"].pk, datetime.date(2026, 6, 1), "Cert 12")
    ]
    assert [(s.line, s.reason) for s in plan.skipped] == [
        (3, "Already recorded"),
        (4, "Repeats line 2 of the file"),
    ]
    assert Completion.objects.count() == before


def test_bad_rows_are_listed_by_line_and_block_the_import(world, topics):
    text = csv_text(
        world,
        f"{world.councillor.email},Safeguarding,2026-06-01,",
        "nobody@example.org,Safeguarding,2026-06-01,",
        f"{world.support.email},Safeguarding,2026-06-01,",
        f"{world.colleague.email},Basket weaving,2026-06-01,",
        f"{world.colleague.email},Safeguarding,31/02/2026,",
        f"{world.colleague.email},Safeguarding,2026-07-01,",
        ",,,",
        ",Safeguarding,,",
    )
    plan = importing.plan_import(text, today=TODAY)
    assert not plan.is_valid
    assert [(e.line, e.message) for e in plan.errors] == [
        (3, "no one in the hub has the email address nobody@example.org"),
        (4, f"{world.support.email} is not a councillor or co-opted member in office"),
        (5, "there is no topic called “Basket weaving” in the catalogue"),
        (6, "“31/02/2026” is not a real date, like 2026-03-14 or 14/03/2026"),
        (7, "the date it was completed must be today or in the past"),
        (9, "enter the member's email address; enter the date it was completed"),
    ]
    with pytest.raises(ValidationError):
        completions_import_apply(
            actor=world.democratic, text=text, fingerprint=plan.fingerprint(), today=TODAY
        )
    assert Completion.objects.count() == 0


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "The selected file is empty"),
        ("email,topic\nx@example.org,Safeguarding\n", "Missing: completed on"),
        ("name,course\n", "Missing: email, completed on"),
        ("email,topic,completed_on\n", "no rows"),
        ("email,email,topic,completed_on\n", "more than once"),
        ('email,topic,completed_on\n"unclosed,x,y\n', "could not be read as CSV"),
    ],
)
def test_files_that_cannot_be_used(text, message, topics):
    with pytest.raises(importing.ImportFileError, match=message):
        importing.plan_import(text, today=TODAY)


def test_apply_records_exactly_the_dry_run(world, topics):
    text = csv_text(
        world,
        f"{world.councillor.email},Safeguarding,2026-06-01,From the LMS",
        f"{world.colleague.email},Information governance e-learning,2026-05-20,",
    )
    plan = importing.plan_import(text, today=TODAY)

    result = completions_import_apply(
        actor=world.democratic, text=text, fingerprint=plan.fingerprint(), today=TODAY
    )

    assert (result.recorded, result.skipped) == (2, 0)
    rows = set(
        Completion.objects.values_list("member_id", "topic_id", "completed_on", "source", "note")
    )
    assert rows == {
        (
            world.councillor.pk,
            topics["safe"].pk,
            datetime.date(2026, 6, 1),
            CompletionSource.IMPORT,
            "From the LMS",
        ),
        (
            world.colleague.pk,
            topics["ig"].pk,
            datetime.date(2026, 5, 20),
            CompletionSource.IMPORT,
            "",
        ),
    }
    assert Completion.history.count() == 2
    event = AuditEvent.objects.get(object_label="E-learning completions import")
    assert event.detail == "2 recorded, 0 skipped"
    # Importing the same report again records nothing new.
    again = importing.plan_import(text, today=TODAY)
    assert again.to_record == [] and len(again.skipped) == 2


def test_apply_refuses_when_the_completions_changed_after_the_dry_run(world, topics):
    text = csv_text(world, f"{world.councillor.email},Safeguarding,2026-06-01,")
    plan = importing.plan_import(text, today=TODAY)
    CompletionFactory(
        member=world.councillor, topic=topics["safe"], completed_on=datetime.date(2026, 6, 1)
    )
    with pytest.raises(ImportChanged) as changed:
        completions_import_apply(
            actor=world.democratic, text=text, fingerprint=plan.fingerprint(), today=TODAY
        )
    assert changed.value.plan.to_record == []
    assert Completion.objects.count() == 1


def test_only_managers_apply(world, topics):
    from django.core.exceptions import PermissionDenied

    text = csv_text(world, f"{world.councillor.email},Safeguarding,2026-06-01,")
    plan = importing.plan_import(text, today=TODAY)
    with pytest.raises(PermissionDenied):
        completions_import_apply(
            actor=world.councillor, text=text, fingerprint=plan.fingerprint(), today=TODAY
        )


# ------------------------------------------------------------------------------ the pages


def test_the_page_checks_then_applies(world, client_for, topics):
    client = client_for(world.democratic)
    today = timezone.localdate().isoformat()
    text = csv_text(world, f"{world.councillor.email},Safeguarding,{today},")

    checked = client.post(URL, {"action": "check", "file": upload(text)})

    assert checked.status_code == 200
    page = checked.content.decode()
    assert "Check the completions" in page and "Record these completions" in page
    assert Completion.objects.count() == 0
    token = checked.context["token"]

    applied = client.post(URL, {"action": "apply", "token": token})

    assert applied.status_code == 302
    assert Completion.objects.filter(member=world.councillor, topic=topics["safe"]).count() == 1
    # The token is spent: applying twice records nothing more.
    again = client.post(URL, {"action": "apply", "token": token})
    assert again.status_code == 200
    assert "no longer available" in again.content.decode()
    assert Completion.objects.count() == 1


def test_the_page_lists_bad_rows_and_changes_nothing(world, client_for, topics):
    client = client_for(world.democratic)
    text = csv_text(world, "nobody@example.org,Safeguarding,2026-01-01,")
    response = client.post(URL, {"action": "check", "file": upload(text)})
    page = response.content.decode()
    assert response.status_code == 200
    assert "The file has 1 problem: nothing has been recorded" in page
    assert "No one in the hub has the email address nobody@example.org" in page
    assert "<title>Error: " in page
    assert "token" not in response.context or not response.context.get("token")
    assert Completion.objects.count() == 0


@pytest.mark.parametrize(
    "file, message",
    [
        (
            SimpleUploadedFile("report.pdf", b"%PDF-1.4", content_type="application/pdf"),
            "must be a CSV",
        ),
        (SimpleUploadedFile("report.csv", b"\x00\x01\x02\x03" * 50), "must be a CSV"),
        (SimpleUploadedFile("report.csv", b"email,topic\n"), "Missing: completed on"),
    ],
)
def test_the_page_refuses_bad_files(world, client_for, file, message):
    response = client_for(world.democratic).post(URL, {"action": "check", "file": file})
    assert response.status_code == 200
    assert message in response.content.decode()


def test_the_page_needs_a_file_and_a_real_token(world, client_for):
    client = client_for(world.democratic)
    response = client.post(URL, {"action": "check"})
    assert "Select a CSV file" in response.content.decode()
    response = client.post(URL, {"action": "apply", "token": "../../etc/passwd"})
    assert response.status_code == 200
    assert "no longer available" in response.content.decode()
    response = client.post(URL, {"action": "cancel"})
    assert response.status_code == 302
