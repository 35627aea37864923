"""CSV and XLSX exports of the performance tables."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from councillor_hub.audit.models import Action, AuditEvent

from .test_performance_report import known  # noqa: F401 (fixture)


def export(fmt):
    return reverse("enquiries:performance_export", kwargs={"fmt": fmt})


def test_csv_has_a_section_per_table(world, client_for, known):  # noqa: F811
    response = client_for(world.support).get(export("csv"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith("attachment;")
    assert ".csv" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    firsts = [row[0] for row in rows if row]
    for title in (
        "Key figures",
        "Enquiries by service area",
        "Enquiries by category",
        "Enquiries by ward",
        "Enquiries by member",
        "Enquiries by month received",
        "Members' satisfaction ratings",
        "Open enquiries by age",
        "Overdue enquiries by service",
        "Overdue enquiries",
    ):
        assert title in firsts
    assert ["Enquiries received", "6"] in rows
    assert ["Answered within the service level", "50%"] in rows
    assert ["Highways", "4"] in rows
    assert any(known["open"].reference in row for row in rows)
    assert not any(known["secret"].reference in row for row in rows)
    assert AuditEvent.objects.filter(actor=world.support, action=Action.DOWNLOAD).exists()


def test_xlsx_has_a_sheet_per_table(world, client_for, known):  # noqa: F811
    response = client_for(world.manager).get(export("xlsx"), {"service_area": world.highways.pk})
    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response["Content-Disposition"].startswith("attachment;")
    workbook = load_workbook(io.BytesIO(response.content))
    assert "Key figures" in workbook.sheetnames
    assert "Enquiries by service area" in workbook.sheetnames
    assert "Overdue enquiries" in workbook.sheetnames
    assert len(workbook.sheetnames) == 10
    key = {row[0]: row[1] for row in workbook["Key figures"].iter_rows(min_row=3, values_only=True)}
    assert key["Enquiries received"] == 4
    assert key["Median time to answer (working days)"] == "5.5"
    by_service = list(workbook["Enquiries by service area"].iter_rows(min_row=3, values_only=True))
    assert by_service == [("Highways", 4)]


def test_unknown_format_is_404(world, client_for):
    assert client_for(world.support).get(export("pdf")).status_code == 404


@pytest.mark.parametrize("name", ["councillor", "highways_officer"])
def test_export_404_for_others(world, client_for, name):
    assert client_for(getattr(world, name)).get(export("csv")).status_code == 404
