"""The staff directory import: a dry run that reports what would be added, changed (field by
field) and deactivated; bad files and bad rows rejected with line numbers, changing nothing;
applying does exactly what the dry run said; leavers deactivated, never deleted; a second
import of the same file changes nothing; arbitrary text never crashes it."""

import csv
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from councillor_hub.audit.models import AuditEvent
from councillor_hub.directory import importing
from councillor_hub.directory.importing import ImportFileError, decode_upload, plan_import
from councillor_hub.directory.models import Officer, OrgUnit, UnitKind
from councillor_hub.directory.services import ImportChanged, officer_import_apply
from councillor_hub.directory.views.directory import IMPORT_SESSION_KEY

from .factories import OfficerFactory, OrgUnitFactory

URL = reverse("directory:officer_import")
HEADER = "staff_number,full_name,job_title,team,service,directorate,email,phone,out_of_hours_phone"


def csv_text(*rows: str, header: str = HEADER) -> str:
    return "\n".join([header, *rows]) + "\n"


def upload(text: str | bytes, name: str = "staff.csv") -> SimpleUploadedFile:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return SimpleUploadedFile(name, data, content_type="text/csv")


def snapshot() -> list[tuple]:
    """Everything an import may touch, to prove nothing changed."""
    return [
        *Officer.objects.order_by("pk").values_list(
            "pk",
            "staff_number",
            "full_name",
            "job_title",
            "unit_id",
            "email",
            "phone",
            "out_of_hours_phone",
            "is_active",
            "deactivated_at",
        ),
        *OrgUnit.objects.order_by("pk").values_list("pk", "name", "parent_id", "kind"),
    ]


def apply(text: str, actor):
    return officer_import_apply(actor=actor, text=text, fingerprint=plan_import(text).fingerprint())


@pytest.fixture
def org(db):
    place = OrgUnitFactory(name="Place", kind=UnitKind.DIRECTORATE)
    highways = OrgUnitFactory(name="Highways", kind=UnitKind.SERVICE, parent=place)
    maintenance = OrgUnitFactory(name="Maintenance", kind=UnitKind.TEAM, parent=highways)
    return {"place": place, "highways": highways, "maintenance": maintenance}


@pytest.fixture
def staff(org):
    return {
        "amy": OfficerFactory(
            staff_number="D00001",
            full_name="Amy Adams",
            job_title="Engineer",
            unit=org["maintenance"],
            email="amy.adams@council.example.org",
            phone="01632 960001",
            out_of_hours_phone="",
        ),
        "ben": OfficerFactory(
            staff_number="D00002",
            full_name="Ben Brown",
            job_title="Team leader",
            unit=org["maintenance"],
            email="ben.brown@council.example.org",
            phone="01632 960002",
            out_of_hours_phone="07700 900002",
        ),
        "cal": OfficerFactory(
            staff_number="D00003",
            full_name="Cal Clarke",
            job_title="Inspector",
            unit=org["maintenance"],
            email="cal.clarke@council.example.org",
            phone="01632 960003",
            out_of_hours_phone="",
        ),
        # Added by hand, no staff number: imports never deactivate them.
        "manual": OfficerFactory(staff_number=None, full_name="Dee Manual", unit=org["place"]),
    }


AMY = (
    "D00001,Amy Adams,Engineer,Maintenance,Highways,Place,amy.adams@council.example.org,"
    "01632 960001,"
)
BEN_PROMOTED = (
    "D00002,Ben Brown,Highways manager,Street lighting,Highways,Place,"
    "ben.brown@council.example.org,01632 960002,07700 900002"
)
NEW = "D00009,Zara Young,Planner,Development management,Planning,Place,zara@council.example.org,,"


# ----------------------------------------------------------------------------- dry run
def test_dry_run_reports_additions_changes_leavers_and_new_units(staff):
    before = snapshot()
    plan = plan_import(csv_text(AMY, BEN_PROMOTED, NEW))
    assert plan.is_valid
    assert snapshot() == before  # a dry run changes nothing
    assert [a.staff_number for a in plan.additions] == ["D00009"]
    assert [c.staff_number for c in plan.changes] == ["D00002"]
    changes = {item.field: (item.old, item.new) for item in plan.changes[0].changes}
    assert changes == {
        "job_title": ("Team leader", "Highways manager"),
        "unit": ("Place > Highways > Maintenance", "Place > Highways > Street lighting"),
    }
    assert [leaver.staff_number for leaver in plan.leavers] == ["D00003"]
    assert plan.unchanged == 1
    assert [importing.path_label(p) for p in plan.new_units] == [
        "Place > Planning",
        "Place > Highways > Street lighting",
        "Place > Planning > Development management",
    ]


def test_dry_run_page_lists_everything_and_stores_the_file_server_side(world, client_for, staff):
    client = client_for(world.democratic)
    before = snapshot()
    response = client.post(URL, {"file": upload(csv_text(AMY, BEN_PROMOTED, NEW))})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Check the changes" in html
    assert "Zara Young" in html  # to add
    assert "Highways manager" in html and "Team leader" in html  # changed, old and new
    assert "Cal Clarke" in html  # leaver
    assert "Development management" in html  # new unit
    assert "Apply these changes" in html
    assert snapshot() == before
    pending = client.session[IMPORT_SESSION_KEY]
    # Only a token and a fingerprint are in the session, and only the token in the page.
    assert set(pending) == {"token", "fingerprint", "file_name"}
    assert f'value="{pending["token"]}"' in html
    assert default_storage.exists(f"directory-imports/{pending['token']}.csv")


def test_apply_does_exactly_what_the_dry_run_said(world, client_for, staff):
    client = client_for(world.democratic)
    text = csv_text(AMY, BEN_PROMOTED, NEW)
    client.post(URL, {"file": upload(text)})
    token = client.session[IMPORT_SESSION_KEY]["token"]
    response = client.post(URL, {"action": "apply", "token": token})
    assert response.status_code == 302
    assert IMPORT_SESSION_KEY not in client.session
    assert not default_storage.exists(f"directory-imports/{token}.csv")

    ben = Officer.objects.get(staff_number="D00002")
    assert ben.job_title == "Highways manager"
    assert [u.name for u in ben.unit.path] == ["Place", "Highways", "Street lighting"]
    assert ben.unit.kind == UnitKind.TEAM
    zara = Officer.objects.get(staff_number="D00009")
    assert (zara.full_name, zara.is_active) == ("Zara Young", True)
    assert [u.name for u in zara.unit.path] == ["Place", "Planning", "Development management"]
    assert OrgUnit.objects.get(name="Planning").kind == UnitKind.SERVICE
    # The leaver is deactivated, not deleted; the hand-added officer is untouched.
    cal = Officer.objects.get(staff_number="D00003")
    assert cal.is_active is False and cal.deactivated_at is not None
    assert Officer.objects.get(pk=staff["manual"].pk).is_active
    # Nothing is left to do: the dry run of the same file is empty.
    assert not plan_import(text).has_changes
    event = AuditEvent.objects.get(object_label="Staff directory import")
    assert event.actor == world.democratic
    assert "added 1, changed 1, deactivated 1, units created 3" in event.detail
    # History keeps each change, with who made it.
    assert cal.history.first().history_user == world.democratic
    assert ben.history.count() == 2 and zara.history.count() == 1


def test_apply_refuses_when_the_directory_changed_after_the_dry_run(world, staff):
    text = csv_text(AMY, NEW)
    fingerprint = plan_import(text).fingerprint()
    Officer.objects.filter(staff_number="D00001").update(job_title="Changed meanwhile")
    before = snapshot()
    with pytest.raises(ImportChanged) as caught:
        officer_import_apply(actor=world.democratic, text=text, fingerprint=fingerprint)
    assert snapshot() == before
    assert [c.staff_number for c in caught.value.plan.changes] == ["D00001"]


def test_stale_apply_shows_the_new_dry_run_on_the_page(world, client_for, staff):
    client = client_for(world.democratic)
    client.post(URL, {"file": upload(csv_text(AMY, NEW))})
    token = client.session[IMPORT_SESSION_KEY]["token"]
    Officer.objects.filter(staff_number="D00001").update(job_title="Changed meanwhile")
    before = snapshot()
    response = client.post(URL, {"action": "apply", "token": token})
    assert response.status_code == 200
    assert "The directory changed after you checked this file" in response.content.decode()
    assert snapshot() == before
    # The new dry run can be applied.
    new_token = client.session[IMPORT_SESSION_KEY]["token"]
    assert client.post(URL, {"action": "apply", "token": new_token}).status_code == 302
    assert Officer.objects.get(staff_number="D00001").job_title == "Engineer"


def test_apply_with_a_wrong_or_missing_token_changes_nothing(world, client_for, staff):
    client = client_for(world.democratic)
    client.post(URL, {"file": upload(csv_text(AMY, NEW))})
    before = snapshot()
    for token in ["", "../../etc/passwd", "x" * 32, "a" * 200]:
        response = client.post(URL, {"action": "apply", "token": token})
        assert response.status_code == 200
        assert "upload it again" in response.content.decode()
    assert snapshot() == before


def test_another_manager_cannot_apply_someone_elses_checked_file(world, client_for, staff):
    first = client_for(world.democratic)
    first.post(URL, {"file": upload(csv_text(AMY, NEW))})
    token = first.session[IMPORT_SESSION_KEY]["token"]
    before = snapshot()
    response = client_for(world.admin).post(URL, {"action": "apply", "token": token})
    assert response.status_code == 200
    assert snapshot() == before


def test_cancel_discards_the_checked_file(world, client_for, staff):
    client = client_for(world.democratic)
    client.post(URL, {"file": upload(csv_text(AMY, NEW))})
    token = client.session[IMPORT_SESSION_KEY]["token"]
    response = client.post(URL, {"action": "cancel", "token": token})
    assert response.status_code == 302
    assert not default_storage.exists(f"directory-imports/{token}.csv")
    assert client.post(URL, {"action": "apply", "token": token}).status_code == 200
    assert not Officer.objects.filter(staff_number="D00009").exists()


def test_a_file_that_changes_nothing_offers_no_apply_button(world, client_for, staff):
    client = client_for(world.democratic)
    text = csv_text(
        AMY,
        "D00002,Ben Brown,Team leader,Maintenance,Highways,Place,ben.brown@council.example.org,"
        "01632 960002,07700 900002",
        "D00003,Cal Clarke,Inspector,Maintenance,Highways,Place,cal.clarke@council.example.org,"
        "01632 960003,",
    )
    response = client.post(URL, {"file": upload(text)})
    html = response.content.decode()
    assert "there is nothing to change" in html
    assert "Apply these changes" not in html
    assert IMPORT_SESSION_KEY not in client.session


def test_re_importing_the_same_file_changes_nothing(world, staff):
    text = csv_text(AMY, BEN_PROMOTED, NEW)
    apply(text, world.democratic)
    before = snapshot()
    plan = plan_import(text)
    assert not plan.has_changes and plan.unchanged == 3
    result = apply(text, world.democratic)
    assert (result.added, result.changed, result.deactivated, result.units_created) == (0, 0, 0, 0)
    assert snapshot() == before


def test_a_leaver_who_returns_is_reactivated(world, staff):
    apply(csv_text(AMY), world.democratic)
    assert not Officer.objects.get(staff_number="D00002").is_active
    plan = plan_import(csv_text(AMY, BEN_PROMOTED))
    returning = next(c for c in plan.changes if c.staff_number == "D00002")
    assert returning.returning
    apply(csv_text(AMY, BEN_PROMOTED), world.democratic)
    ben = Officer.objects.get(staff_number="D00002")
    assert ben.is_active and ben.deactivated_at is None


def test_headers_are_case_insensitive_extra_columns_ignored_and_missing_columns_untouched(
    world, staff
):
    text = (
        "Staff Number,FULL_NAME,Job-Title,Favourite colour\nD00001,Amy Adams,Senior engineer,Blue\n"
    )
    plan = plan_import(text)
    assert plan.ignored_columns == ["favourite_colour"]
    change = plan.changes[0]
    assert [item.field for item in change.changes] == ["job_title"]
    apply(text, world.democratic)
    amy = Officer.objects.get(staff_number="D00001")
    # No email, phone or team columns: those details stay as they were.
    assert amy.email == "amy.adams@council.example.org"
    assert amy.unit == staff["amy"].unit


def test_bom_windows_line_endings_and_cp1252(world, db):
    text = csv_text("D00100,Zoë O’Brien,Café manager,,,,,,").replace("\n", "\r\n")
    for data in [
        b"\xef\xbb\xbf" + text.encode("utf-8"),
        text.encode("cp1252"),
        text.encode("utf-16"),
    ]:
        plan = plan_import(decode_upload(data))
        assert plan.is_valid, data[:10]
        assert plan.additions[0].staff_number == "D00100"
        assert plan.additions[0].full_name == "Zoë O’Brien"


def test_semicolon_separated_files_are_read(db):
    plan = plan_import("staff_number;full_name\nD1;Amy Adams\n")
    assert [a.full_name for a in plan.additions] == ["Amy Adams"]


def test_quoted_cells_with_line_breaks_keep_line_numbers_right(db):
    text = csv_text('D1,"Amy\nAdams",,,,,,,', "D2,,,,,,,,", "D3,Cal,,,,,,,")
    plan = plan_import(text)
    assert [(e.line, e.message) for e in plan.errors] == [(4, "enter the officer's full name")]


# --------------------------------------------------------------------------- bad files
@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"", "staff.csv", "The selected file is empty"),
        (b"   \r\n\r\n", "staff.csv", "The selected file is empty"),
        (HEADER.encode() + b"\r\n", "staff.csv", "has no officers in it"),
        (b"\x81\x8d\x8f\x90\x9d", "staff.csv", "could not be read"),
        (b"%PDF-1.4\x00\x00\x01\x02binary", "staff.csv", "must be a CSV"),
        (b"staff_number,full_name\nD1,Amy\n", "staff.xlsx", "must be a CSV"),
        (b"name,title\nAmy,Engineer\n", "staff.csv", "Missing: staff_number"),
        (b"staff_number,full_name,full_name\nD1,Amy,Amy\n", "staff.csv", "more than once"),
        (b'staff_number,full_name\nD1,"Amy\n', "staff.csv", "could not be read as CSV"),
    ],
    ids=[
        "empty",
        "blank",
        "header-only",
        "encoding",
        "binary",
        "extension",
        "columns",
        "duplicate-column",
        "broken-quotes",
    ],
)
def test_bad_files_are_rejected_with_a_clear_error_and_change_nothing(
    world, client_for, staff, data, name, message
):
    client = client_for(world.democratic)
    before = snapshot()
    response = client.post(URL, {"file": upload(data, name)})
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "govuk-error-summary" in html
    assert "Apply these changes" not in html
    assert snapshot() == before
    assert IMPORT_SESSION_KEY not in client.session


def test_too_big_a_file_is_rejected(world, client_for, staff, settings):
    client = client_for(world.democratic)
    before = snapshot()
    big = (csv_text(AMY) + ("D9," + "x" * 100 + "\n") * 60_000).encode()
    assert len(big) > importing.MAX_BYTES
    response = client.post(URL, {"file": upload(big)})
    assert "The selected file must be smaller than 5MB" in response.content.decode()
    assert snapshot() == before


def test_no_file_selected(world, client_for, staff):
    response = client_for(world.democratic).post(URL, {})
    assert "Select a CSV file" in response.content.decode()


def test_bad_rows_are_listed_with_line_numbers_and_nothing_changes(world, client_for, staff):
    text = csv_text(
        AMY,  # line 2: fine
        ",No Number,,,,,,,",  # line 3
        "D00050,,,,,,,,",  # line 4
        "D00051,Bad Email,,,,,not-an-email,,",  # line 5
        "",  # line 6: blank lines are skipped
        "D00001,Amy Again,,,,,,,",  # line 7: duplicate
        "D00052," + "x" * 151 + ",,,,,,,",  # line 8: too long
        NEW,  # line 9: fine
    )
    plan = plan_import(text)
    assert [(e.line, e.message.split(" (")[0]) for e in plan.errors] == [
        (3, "enter a staff number"),
        (4, "enter the officer's full name"),
        (5, "enter an email address in the correct format, like name@example.com"),
        (7, "staff number D00001 is also on line 2"),
        (8, "the full name must be 150 characters or fewer"),
    ]
    assert not plan.additions and not plan.changes and not plan.leavers

    client = client_for(world.democratic)
    before = snapshot()
    response = client.post(URL, {"file": upload(text)})
    html = response.content.decode()
    assert "The file has 5 problems: nothing has been changed" in html
    assert "Staff number D00001 is also on line 2" in html
    assert "Apply these changes" not in html
    assert snapshot() == before
    with pytest.raises(ValidationError):
        officer_import_apply(actor=world.democratic, text=text, fingerprint=plan.fingerprint())
    assert snapshot() == before


def test_only_content_managers_may_apply(world, staff):
    text = csv_text(AMY)
    with pytest.raises(PermissionDenied):
        officer_import_apply(
            actor=world.support, text=text, fingerprint=plan_import(text).fingerprint()
        )


def test_existing_units_are_matched_whatever_the_case(world, org, staff):
    plan = plan_import(
        csv_text(
            "D00001,Amy Adams,Engineer,MAINTENANCE,highways,place,"
            "amy.adams@council.example.org,01632 960001,"
        )
    )
    assert not plan.new_units and not plan.changes and plan.unchanged == 1


def test_a_file_that_would_deactivate_most_officers_warns(world, client_for, org):
    for n in range(10):
        OfficerFactory(staff_number=f"L{n}", unit=org["maintenance"])
    response = client_for(world.democratic).post(URL, {"file": upload(csv_text(NEW))})
    assert "Check it is a complete export" in response.content.decode()


def test_cells_are_tidied(db):
    plan = plan_import(csv_text(" D7 ,  Amy \t  Adams ,\tEngineer\x07,,,,,,"))
    row = plan.additions[0].row
    assert (row.staff_number, row.values["full_name"], row.values["job_title"]) == (
        "D7",
        "Amy Adams",
        "Engineer",
    )


def test_decode_rejects_nothing_readable():
    with pytest.raises(ImportFileError):
        decode_upload(b"\x00\x01\x02")


# ------------------------------------------------------------------------- hypothesis
FIELD_TEXT = st.text(max_size=40)
ROW = st.tuples(
    st.text(min_size=1, max_size=12),  # staff_number
    st.text(min_size=1, max_size=40),  # full_name
    FIELD_TEXT,  # job_title
    st.one_of(st.just(""), st.sampled_from(["Maintenance", "maintenance ", "Team\nA"]), FIELD_TEXT),
    st.one_of(st.just(""), st.sampled_from(["Highways", "HIGHWAYS"]), FIELD_TEXT),
    st.one_of(st.just(""), st.just("Place"), FIELD_TEXT),
    st.one_of(st.just(""), st.emails(), FIELD_TEXT),
    FIELD_TEXT,
    FIELD_TEXT,
)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(rows=st.lists(ROW, min_size=1, max_size=4))
def test_arbitrary_text_in_fields_never_crashes_and_reimport_is_idempotent(world, rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER.split(","))
    writer.writerows(rows)
    text = buffer.getvalue()
    try:
        plan = plan_import(text)
    except ImportFileError:
        return  # a clear, whole-file error (e.g. nothing but blank rows)
    if not plan.is_valid:
        assert all(error.line >= 2 for error in plan.errors)
        return
    apply(text, world.democratic)
    assert not plan_import(text).has_changes


@settings(max_examples=100, deadline=None)
@given(data=st.binary(max_size=300))
def test_arbitrary_bytes_give_text_or_a_clear_error(data):
    try:
        text = decode_upload(data)
    except ImportFileError as error:
        assert str(error)
        return
    assert isinstance(text, str)


def test_an_import_keeps_the_shared_search_index_current(world, staff):
    from councillor_hub.search.services import search

    assert search(user=world.councillor, q="cal clarke").hits
    apply(csv_text(AMY, BEN_PROMOTED, NEW), world.democratic)
    assert not search(user=world.councillor, q="cal clarke").hits  # the leaver
    zara = Officer.objects.get(staff_number="D00009")
    assert [h.object_id for h in search(user=world.councillor, q="zara young").hits] == [
        str(zara.pk)
    ]
    ben = search(user=world.councillor, q="ben brown").hits[0]
    assert "Street lighting" in ben.snippet
