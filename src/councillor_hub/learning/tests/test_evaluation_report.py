"""The programme report for the committee that oversees member development: sessions held
and attendance in a period, compliance by topic, evaluations, and the CSV/XLSX downloads."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from councillor_hub.accounts.roles import Role
from councillor_hub.audit.models import Action, AuditEvent
from councillor_hub.learning.models import BookingStatus
from councillor_hub.learning.reporting import programme_report

from .factories import BookingFactory, CompletionFactory, TopicFactory
from .factories_evaluations import EvaluationFactory, SuggestionFactory, past_session

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
START = TODAY - datetime.timedelta(days=60)


@pytest.fixture
def programme(world):
    conduct = TopicFactory(
        name="Code of conduct",
        is_mandatory=True,
        valid_for_months=12,
        required_for_roles=[Role.COUNCILLOR],
    )
    CompletionFactory(member=world.councillor, topic=conduct, completed_on=TODAY)
    CompletionFactory(
        member=world.colleague, topic=conduct, completed_on=TODAY - datetime.timedelta(days=800)
    )
    held = past_session(topic=conduct, days_ago=20, capacity=10)
    attended = BookingFactory(session=held, member=world.councillor, attended=True)
    BookingFactory(session=held, member=world.colleague, attended=True)
    BookingFactory(session=held, member=world.other, attended=False)
    BookingFactory(session=held, member=world.independent, status=BookingStatus.CANCELLED)
    EvaluationFactory(booking=attended, overall_rating=4, would_recommend=True)
    past_session(topic=conduct, days_ago=10, is_cancelled=True)
    past_session(topic=conduct, days_ago=200)  # before the period
    SuggestionFactory(suggested_by=world.councillor)
    return {"conduct": conduct, "held": held}


def test_the_report_counts_sessions_attendance_compliance_and_evaluations(world, programme):
    report = programme_report(start=START, end=TODAY, today=TODAY)
    assert [row.session for row in report.sessions] == [programme["held"]]
    row = report.sessions[0]
    assert (row.booked, row.attended, row.evaluations, row.attendance_percent) == (3, 2, 1, 67)
    assert report.cancelled_sessions == 1
    assert (report.places_booked, report.places_attended) == (3, 2)
    assert report.learner_count == 5  # councillor, colleague, other, independent, whip
    (compliance,) = report.compliance
    assert compliance.topic == programme["conduct"]
    assert (compliance.required, compliance.valid, compliance.expired, compliance.missing) == (
        5,
        1,
        1,
        3,
    )
    assert report.evaluations.evaluation_count == 1
    assert report.evaluations.average_overall == 4
    assert report.evaluations.recommend_percent == 100
    assert report.suggestions["New"] == 1


def test_compliance_is_as_at_the_end_of_a_past_period(world, programme):
    end = TODAY - datetime.timedelta(days=5)
    report = programme_report(start=START, end=end, today=TODAY)
    assert report.as_of == end
    # The councillor completed it today, after the period: missing then.
    assert report.compliance[0].valid == 0


def test_the_printable_page(world, programme, client_for):
    response = client_for(world.democratic).get(
        reverse("learning:programme_report"),
        {"start": START.isoformat(), "end": TODAY.isoformat()},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Member development programme report" in page
    assert "Code of conduct" in page
    assert "format=csv" in page and "format=xlsx" in page


@pytest.mark.parametrize(
    "query",
    [
        {"start": "2025-13-01", "end": "2025-01-01"},
        {"start": "2025-02-01", "end": "2025-01-01"},
        {"start": "x"},
        {"start": "1900-01-01", "end": "2025-01-01"},
    ],
)
def test_bad_periods_fall_back_to_the_last_year_with_an_error(world, client_for, query):
    response = client_for(world.democratic).get(reverse("learning:programme_report"), query)
    assert response.status_code == 200
    page = response.content.decode()
    assert "<title>Error: " in page
    assert "govuk-error-summary" in page
    assert "The report below covers the last 12 months" in page


def test_csv_download(world, programme, client_for):
    response = client_for(world.democratic).get(
        reverse("learning:programme_report_download"),
        {"start": START.isoformat(), "end": TODAY.isoformat(), "format": "csv"},
    )
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment;" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "Member development programme report"
    flat = {tuple(row) for row in rows}
    assert ("Places booked", "3") in flat and ("Places attended", "2") in flat
    assert ("Code of conduct", "5", "1", "0", "1", "3", "20%") in flat
    assert AuditEvent.objects.filter(
        action=Action.DOWNLOAD, object_label="Programme report (CSV)"
    ).exists()


def test_xlsx_download(world, programme, client_for):
    from openpyxl import load_workbook

    response = client_for(world.democratic).get(
        reverse("learning:programme_report_download"),
        {"start": START.isoformat(), "end": TODAY.isoformat(), "format": "xlsx"},
    )
    workbook = load_workbook(io.BytesIO(response.content))
    assert "Summary" in workbook.sheetnames and "Sessions held" in workbook.sheetnames
    values = [row for row in workbook["Summary"].iter_rows(values_only=True)]
    assert ("Sessions held", 1) in values


def test_spreadsheet_formulas_in_names_are_neutralised(world, client_for):
    past_session(topic=TopicFactory(name="=HYPERLINK(evil) training"), days_ago=5)
    response = client_for(world.democratic).get(
        reverse("learning:programme_report_download"), {"format": "csv"}
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    names = [row[1] for row in rows if len(row) > 1]
    assert "'=HYPERLINK(evil) training" in names
    assert "=HYPERLINK(evil) training" not in names


def test_unknown_download_format_gives_csv(world, client_for):
    response = client_for(world.democratic).get(
        reverse("learning:programme_report_download"), {"format": "pdf"}
    )
    assert response["Content-Type"].startswith("text/csv")
