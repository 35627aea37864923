"""The ward statistics import: a dry run per ward of what would be added, changed (old and new)
and left unchanged; bad files and bad rows rejected with line numbers, changing nothing;
applying does exactly what the dry run showed (and refuses if the statistics changed since);
audited with counts only."""

import csv
import io
import re
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from councillor_hub.audit.models import AuditEvent
from councillor_hub.wards import importing
from councillor_hub.wards.importing import ImportFileError, plan_import
from councillor_hub.wards.models import Unit, WardStatistic
from councillor_hub.wards.services import ImportChanged, ward_statistics_import_apply
from councillor_hub.wards.views import PENDING

from .factories import WardStatisticFactory

URL = reverse("wards:statistics_import")
HEADER = "ward_code,topic,label,value,unit,source,period"


def csv_text(*rows: str, header: str = HEADER) -> str:
    return "\n".join([header, *rows]) + "\n"


def upload(text: str | bytes, name: str = "wards.csv") -> SimpleUploadedFile:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return SimpleUploadedFile(name, data, content_type="text/csv")


def snapshot() -> list[tuple]:
    return list(
        WardStatistic.objects.order_by("pk").values_list(
            "pk", "ward_id", "topic", "label", "value", "unit", "source", "period", "sort_order"
        )
    )


def apply(text: str, actor):
    return ward_statistics_import_apply(
        actor=actor, text=text, fingerprint=plan_import(text).fingerprint()
    )


@pytest.fixture
def stats(world):
    """Abbey already has its population and one age band; Brookside has its population."""
    return {
        "abbey_population": WardStatisticFactory(
            ward=world.ward_a,
            topic="Population",
            label="All usual residents",
            value=Decimal("9800"),
            unit=Unit.PEOPLE,
            source="ONS Census 2021 TS001",
            period="2021",
        ),
        "abbey_young": WardStatisticFactory(
            ward=world.ward_a,
            topic="Age",
            label="Aged 0 to 15",
            value=Decimal("1700"),
            unit=Unit.PEOPLE,
            source="ONS Census 2021 TS007",
            period="2021",
        ),
        "brookside_population": WardStatisticFactory(
            ward=world.ward_b,
            topic="Population",
            label="All usual residents",
            value=Decimal("11200"),
            unit=Unit.PEOPLE,
            source="ONS Census 2021 TS001",
            period="2021",
        ),
    }


FILE = csv_text(
    'E05000001,Population,All usual residents,"10,250",people,ONS Census 2021 TS001,2021',
    "E05000001,Age,Aged 0 to 15,1700,people,ONS Census 2021 TS007,2021",
    "E05000001,Economic activity,Unemployed,3.9%,per cent,ONS Census 2021 TS066,2021",
    "E05000002,Population,All usual residents,11200,people,ONS Census 2021 TS001,2021",
    "E05000002,Deprivation (IMD 2019),IMD decile,4,decile,IMD 2019,2019",
)


# ----------------------------------------------------------------------------- dry run
def test_dry_run_lists_additions_changes_and_unchanged_per_ward(stats, world):
    before = snapshot()
    plan = plan_import(FILE)
    assert plan.is_valid
    assert snapshot() == before
    assert [w.ward_name for w in plan.wards] == ["Abbey", "Brookside"]
    abbey, brookside = plan.wards
    assert [(r.topic, r.label, r.value, r.unit) for r in abbey.additions] == [
        ("Economic activity", "Unemployed", Decimal("3.900"), Unit.PER_CENT)
    ]
    assert [r.label for r in abbey.unchanged] == ["Aged 0 to 15"]
    [change] = abbey.changes
    assert change.statistic_id == stats["abbey_population"].pk
    assert [(f.field, f.old_shown, f.new_shown) for f in change.changes] == [
        ("value", "9,800 people", "10,250 people")
    ]
    assert [r.label for r in brookside.additions] == ["IMD decile"]
    assert [r.label for r in brookside.unchanged] == ["All usual residents"]
    assert plan.counts() == {"added": 2, "changed": 1, "unchanged": 2, "wards": 2}


def test_dry_run_page_shows_each_ward_with_old_and_new_values(stats, world, client_for):
    client = client_for(world.democratic)
    before = snapshot()
    page = client.post(URL, {"file": upload(FILE, "census.csv")}).content.decode()
    assert snapshot() == before
    assert "Check the changes" in page
    assert f'id="ward-{world.ward_a.pk}"' in page and f'id="ward-{world.ward_b.pk}"' in page
    assert "9,800 people" in page and "10,250 people" in page
    assert "Figures to add to Abbey (1)" in page
    assert "Figures to change in Abbey (1)" in page
    assert "1 figure left unchanged in Abbey" in page
    assert '<dd class="govuk-summary-list__value" data-count="added">2</dd>' in page
    assert 'name="action" value="apply"' in page
    # The checked file waits on the server; the session holds only its token.
    pending = client.session[PENDING.session_key]
    assert default_storage.exists(f"ward-imports/{pending['token']}.csv")
    assert "10,250" not in str(dict(client.session))


def test_apply_does_exactly_what_the_dry_run_showed(stats, world, client_for):
    client = client_for(world.democratic)
    client.post(URL, {"file": upload(FILE)})
    token = client.session[PENDING.session_key]["token"]
    response = client.post(URL, {"action": "apply", "token": token})
    assert response.status_code == 302
    abbey = {s.label: s for s in WardStatistic.objects.filter(ward=world.ward_a)}
    assert abbey["All usual residents"].value == Decimal("10250")
    assert abbey["Unemployed"].value == Decimal("3.9")
    assert abbey["Unemployed"].unit == Unit.PER_CENT
    assert abbey["Unemployed"].source == "ONS Census 2021 TS066"
    brookside = WardStatistic.objects.get(ward=world.ward_b, label="IMD decile")
    assert (brookside.value, brookside.unit, brookside.period) == (Decimal(4), Unit.DECILE, "2019")
    assert WardStatistic.objects.count() == 5
    # History: who and why, per statistic.
    record = abbey["All usual residents"].history.first()
    assert record.history_user == world.democratic
    assert record.history_change_reason == "Changed by a ward statistics import"
    assert abbey["Unemployed"].history.first().history_type == "+"
    # Audited with counts only.
    event = AuditEvent.objects.get(object_label="Ward statistics import")
    assert event.actor == world.democratic
    assert event.detail.startswith("added 2, changed 1, unchanged 2, wards 2")
    # The pending file is gone.
    assert PENDING.session_key not in client.session
    assert not default_storage.exists(f"ward-imports/{token}.csv")
    follow = client.get(response["Location"]).content.decode()
    assert "Ward statistics updated: 2 added, 1 changed, 2 unchanged" in follow


def test_apply_refuses_when_the_statistics_changed_after_the_dry_run(stats, world):
    fingerprint = plan_import(FILE).fingerprint()
    WardStatistic.objects.filter(pk=stats["abbey_young"].pk).update(value=Decimal("1500"))
    before = snapshot()
    with pytest.raises(ImportChanged) as raised:
        ward_statistics_import_apply(actor=world.democratic, text=FILE, fingerprint=fingerprint)
    assert snapshot() == before
    assert len(raised.value.plan.changes) == 2


def test_stale_apply_shows_the_new_dry_run(stats, world, client_for):
    client = client_for(world.democratic)
    client.post(URL, {"file": upload(FILE)})
    token = client.session[PENDING.session_key]["token"]
    WardStatistic.objects.filter(pk=stats["abbey_young"].pk).update(value=Decimal("1500"))
    before = snapshot()
    page = client.post(URL, {"action": "apply", "token": token}).content.decode()
    assert snapshot() == before
    assert "changed after you checked this file, so nothing was applied" in page
    assert "1,500 people" in page


def test_apply_with_a_wrong_or_missing_token_changes_nothing(stats, world, client_for):
    client = client_for(world.democratic)
    client.post(URL, {"file": upload(FILE)})
    before = snapshot()
    for token in ["", "x" * 30, "../../etc/passwd"]:
        page = client.post(URL, {"action": "apply", "token": token}).content.decode()
        assert "The checked file is no longer available" in page
    assert snapshot() == before


def test_another_manager_cannot_apply_someone_elses_checked_file(stats, world, client_for):
    first = client_for(world.democratic)
    first.post(URL, {"file": upload(FILE)})
    token = first.session[PENDING.session_key]["token"]
    before = snapshot()
    page = client_for(world.admin).post(URL, {"action": "apply", "token": token})
    assert "no longer available" in page.content.decode()
    assert snapshot() == before


def test_cancel_discards_the_checked_file(stats, world, client_for):
    client = client_for(world.democratic)
    client.post(URL, {"file": upload(FILE)})
    token = client.session[PENDING.session_key]["token"]
    response = client.post(URL, {"action": "cancel"})
    assert response.status_code == 302
    assert not default_storage.exists(f"ward-imports/{token}.csv")
    assert PENDING.session_key not in client.session


def test_a_file_that_changes_nothing_offers_no_apply_button(stats, world, client_for):
    apply(FILE, world.democratic)
    page = client_for(world.democratic).post(URL, {"file": upload(FILE)}).content.decode()
    assert "already match this file" in page
    assert 'value="apply"' not in page


def test_re_importing_the_same_file_changes_nothing(stats, world):
    apply(FILE, world.democratic)
    after_first = snapshot()
    plan = plan_import(FILE)
    assert not plan.has_changes
    assert plan.unchanged == 5
    apply(FILE, world.democratic)
    assert snapshot() == after_first


def test_only_content_managers_may_apply(stats, world):
    for person in (world.councillor, world.support, world.highways_officer):
        with pytest.raises(PermissionDenied):
            apply(FILE, person)
    assert WardStatistic.objects.count() == 3


def test_statistics_not_in_the_file_are_kept(stats, world):
    apply(csv_text("E05000002,Population,All usual residents,11300,people,,"), world.democratic)
    assert WardStatistic.objects.filter(ward=world.ward_a).count() == 2
    brookside = WardStatistic.objects.get(ward=world.ward_b)
    assert brookside.value == Decimal("11300")
    assert brookside.source == ""  # an empty cell in a column that is there clears it


def test_left_out_source_and_period_columns_are_left_unchanged(stats, world):
    text = csv_text(
        "E05000002,population,ALL USUAL RESIDENTS,11300,people",
        header="Ward_Code,Topic,Label,Value,Unit",
    )
    plan = plan_import(text)
    [change] = plan.changes
    # Matched whatever the case; the file's spelling is listed as a change too.
    assert [f.field for f in change.changes] == ["topic", "label", "value"]
    apply(text, world.democratic)
    brookside = WardStatistic.objects.get(ward=world.ward_b)
    assert (brookside.topic, brookside.label, brookside.source, brookside.period) == (
        "population",
        "ALL USUAL RESIDENTS",
        "ONS Census 2021 TS001",
        "2021",
    )


def test_figures_keep_the_order_of_the_file(world):
    apply(
        csv_text(
            "E05000001,Age,Aged 65 and over,2000,people,,",
            "E05000001,Age,Aged 0 to 15,1800,people,,",
            "E05000002,Age,Aged 0 to 15,1900,people,,",
        ),
        world.democratic,
    )
    abbey = list(WardStatistic.objects.filter(ward=world.ward_a).order_by("sort_order"))
    assert [s.label for s in abbey] == ["Aged 65 and over", "Aged 0 to 15"]
    assert WardStatistic.objects.get(ward=world.ward_b).sort_order == 1


# ------------------------------------------------------------------ reading the file
def test_header_names_in_any_case_and_order_bom_and_extra_columns(world):
    text = (
        "\ufeffUNIT,Value,Label,Topic,Ward-Code,Notes\r\n"
        'per cent,12.5%,Aged 65 and over,Age,e05000001,"ignored, this"\r\n'
    )
    plan = plan_import(importing.decode_upload(text.encode("utf-8")))
    assert plan.is_valid
    assert plan.ignored_columns == ["notes"]
    [row] = plan.additions
    assert (row.ward_id, row.value, row.unit, row.source) == (
        world.ward_a.pk,
        Decimal("12.5"),
        Unit.PER_CENT,
        None,
    )


def test_ward_name_is_accepted_without_a_ward_code_column(world):
    plan = plan_import(
        csv_text("  abbey ,Age,Aged 0 to 15,1800,people", header="ward_name,topic,label,value,unit")
    )
    assert plan.is_valid
    assert plan.additions[0].ward_id == world.ward_a.pk


def test_a_percent_sign_with_no_unit_is_a_per_cent(world):
    plan = plan_import(csv_text("E05000001,Age,Aged 65 and over,19.2%,,,"))
    assert plan.additions[0].unit == Unit.PER_CENT


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "The selected file is empty"),
        ("\n\n  \n", "The selected file is empty"),
        (HEADER + "\n", "has no figures in it, only the column names"),
        ("ward,what,amount\nE05000001,Age,12\n", "Missing: ward_code (or ward_name), topic"),
        ("ward_code,topic,label,value\nE05000001,Age,Young,12\n", "Missing: unit (line 1)"),
        ("ward_code,topic,topic,label,value,unit\n", "names the column topic more than once"),
        ('ward_code,topic,label,value,unit\nE05000001,"Age\n', "could not be read as CSV"),
    ],
)
def test_bad_files_are_rejected_with_a_clear_error(world, text, message):
    with pytest.raises(ImportFileError, match=re.escape(message)):
        plan_import(text)


def test_bad_rows_are_listed_with_line_numbers_and_nothing_changes(stats, world, client_for):
    text = csv_text(
        "E05000001,Population,All usual residents,10250,people,,",  # line 2: fine
        "E05999999,Age,Aged 0 to 15,1800,people,,",  # 3: unknown ward
        "E05000001,Age,Aged 16 to 24,,people,,",  # 4: missing value
        "E05000001,Age,Aged 25 to 49,lots,people,,",  # 5: not a number
        "E05000001,Age,Aged 50 to 64,1200,furlongs,,",  # 6: unknown unit
        "E05000001,population,all usual residents,10300,people,,",  # 7: duplicate of 2
        ",Age,Aged 65 and over,1000,people,,",  # 8: no ward code
        "E05000001,,Aged 65 and over,1000,people,,",  # 9: no topic
        "E05000001,Age,Aged 65 and over,12%,people,,",  # 10: % but people
        "E05000001,Age,Aged 65 and over,1000,,,",  # 11: no unit
    )
    plan = plan_import(text)
    assert not plan.is_valid
    assert plan.wards == []
    by_line = {}
    for error in plan.errors:
        by_line.setdefault(error.line, []).append(error.message)
    assert sorted(by_line) == [3, 4, 5, 6, 7, 8, 9, 10, 11]
    assert "E05999999 is not one of the council's wards" in by_line[3][0]
    assert by_line[4] == ["enter the value (the figure itself)"]
    assert "“lots” is not a number" in by_line[5][0]
    assert "the unit “furlongs” is not known" in by_line[6][0]
    assert "also on line 2" in by_line[7][0]
    assert by_line[8] == ["enter the ward code"]
    assert by_line[9] == ["enter the topic"]
    assert "has a % sign but the unit is people" in by_line[10][0]
    assert "enter the unit" in by_line[11][0]

    before = snapshot()
    client = client_for(world.democratic)
    response = client.post(URL, {"file": upload(text, "bad.csv")})
    page = response.content.decode()
    assert snapshot() == before
    assert page.count('<td class="govuk-table__cell">5</td>') == 1
    assert "The file has 9 problems: nothing has been changed" in page
    assert "Problems in bad.csv (9)" in page
    assert 'value="apply"' not in page
    assert PENDING.session_key not in client.session
    with pytest.raises(ValidationError):
        ward_statistics_import_apply(actor=world.democratic, text=text, fingerprint="x")
    assert snapshot() == before


def test_a_ward_code_and_name_that_disagree_are_a_problem(world):
    plan = plan_import(
        csv_text(
            "E05000001,Brookside,Age,Aged 0 to 15,1800,people",
            header="ward_code,ward_name,topic,label,value,unit",
        )
    )
    assert plan.errors[0].message == "the ward code E05000001 is Abbey, not “Brookside”"


def test_line_numbers_count_lines_inside_quoted_cells(world):
    text = csv_text(
        'E05000001,Age,"Aged 0\nto 15",1800,people,,',
        "E05000001,Age,Aged 16 to 24,many,people,,",
    )
    [error] = plan_import(text).errors
    assert error.line == 4


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("wards.xlsx", b"PK\x03\x04 spreadsheet", "must be a CSV"),
        ("wards.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "must be a CSV"),
        ("wards.csv", b"", "The selected file is empty"),
        ("wards.csv", b"ward_code,topic\n", "Missing: label, value, unit"),
    ],
)
def test_bad_uploads_are_rejected_on_the_page(stats, world, client_for, name, data, message):
    before = snapshot()
    response = client_for(world.democratic).post(
        URL, {"file": SimpleUploadedFile(name, data, content_type="text/csv")}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert "govuk-error-summary" in page
    assert snapshot() == before


def test_too_big_a_file_is_rejected(stats, world, client_for):
    data = (HEADER + "\n").encode() + b"E05000001,Age,x,1,people,,\n" * (importing.MAX_BYTES // 20)
    assert len(data) > importing.MAX_BYTES
    page = client_for(world.democratic).post(URL, {"file": upload(data)}).content.decode()
    assert "must be smaller than 2MB" in page
    assert WardStatistic.objects.count() == 3


def test_too_many_rows_are_rejected(world, monkeypatch):
    monkeypatch.setattr(importing, "MAX_ROWS", 3)
    rows = [f"E05000001,Age,Band {n},{n},people,," for n in range(4)]
    with pytest.raises(ImportFileError, match="more than 3 rows: split it into smaller files"):
        plan_import(csv_text(*rows))
    assert plan_import(csv_text(*rows[:3])).is_valid


def test_no_file_selected(world, client_for):
    page = client_for(world.democratic).post(URL, {}).content.decode()
    assert "Select a CSV file" in page


def test_the_template_lists_every_ward_and_imports_once_filled_in(world, client_for):
    response = client_for(world.democratic).get(reverse("wards:statistics_import_example"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    text = importing.decode_upload(response.content)
    assert text.startswith("ward_code,ward_name,topic,label,value,unit,source,period")
    rows = list(csv.reader(io.StringIO(text)))[1:]
    assert {(row[0], row[1]) for row in rows} == {
        ("E05000001", "Abbey"),
        ("E05000002", "Brookside"),
    }
    # Untouched, it changes nothing: every value is missing.
    plan = plan_import(text)
    assert len(plan.errors) == len(rows)
    assert {error.message for error in plan.errors} == {"enter the value (the figure itself)"}
    # Filled in, it imports cleanly.
    for row in rows:
        row[4] = "50%" if row[5] == "per cent" else "7"
    buffer = io.StringIO()
    csv.writer(buffer).writerows([text.splitlines()[0].split(","), *rows])
    plan = plan_import(buffer.getvalue())
    assert plan.is_valid, plan.errors[:3]
    assert len(plan.additions) == len(rows)


def test_the_import_page_explains_the_format(world, client_for):
    page = client_for(world.democratic).get(URL).content.decode()
    for column in importing.COLUMNS:
        assert f"<code>{column.name}</code>" in page
    assert "Download a template to fill in (CSV)" in page
    assert "up to 2MB with up to 20,000 rows" in page


# ----------------------------------------------------------------- arbitrary input
CELL = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    max_size=40,
)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(rows=st.lists(st.tuples(CELL, CELL, CELL, CELL), min_size=1, max_size=6))
def test_arbitrary_text_never_crashes_and_a_good_file_reimports_as_unchanged(world, rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["ward_code", "topic", "label", "value", "unit"])
    for topic, label, value, unit in rows:
        writer.writerow(["E05000001", topic, label, value, unit])
    text = buffer.getvalue()
    try:
        plan = plan_import(text)
    except ImportFileError:
        return
    if plan.is_valid:
        apply(text, world.democratic)
        again = plan_import(text)
        assert not again.has_changes
