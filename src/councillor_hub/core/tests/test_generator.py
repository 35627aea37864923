"""The large-council generator (`manage.py generate_council`), at a tiny size.

The council is generated once for the module (inside the module's transaction, rolled back at
its end); each test runs in its own savepoint on top."""

from __future__ import annotations

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count
from django.urls import reverse

from councillor_hub.accounts.models import CouncillorProfile, User
from councillor_hub.accounts.roles import Role
from councillor_hub.audit.models import AuditEvent
from councillor_hub.casework.models import (
    Case,
    CaseConstituent,
    Constituent,
    ReferenceSequence,
    Status,
    TimelineEntry,
)
from councillor_hub.casework.services.references import reference_next
from councillor_hub.core.generator import build
from councillor_hub.directory.models import Officer
from councillor_hub.enquiries.models import Enquiry, EnquiryAssignment, EnquiryStatus
from councillor_hub.search.models import SearchEntry

AS_OF = date(2026, 11, 2)
SIZES = {
    "cases": 200,
    "constituents": 180,
    "timeline": 900,
    "audit": 1500,
    "enquiries": 60,
    "councillors": 12,
    "officers": 40,
}
PASSWORD = "bench-password-1"


def generate(**options) -> str:
    out = StringIO()
    arguments = {**SIZES, "seed": 1, "as_of": AS_OF.isoformat(), **options}
    call_command("generate_council", stdout=out, **arguments)
    return out.getvalue()


@pytest.fixture(scope="module")
def output(module_db, django_db_blocker) -> str:
    with django_db_blocker.unblock():
        return generate()


@pytest.fixture
def council(output, db) -> str:
    return output


def test_writes_the_named_counts_exactly(council):
    assert Case.unrestricted.count() == SIZES["cases"]
    assert Constituent.unrestricted.count() == SIZES["constituents"]
    assert TimelineEntry.unrestricted.count() == SIZES["timeline"]
    assert AuditEvent.objects.count() == SIZES["audit"]
    assert Enquiry.unrestricted.count() == SIZES["enquiries"]
    assert CouncillorProfile.objects.count() == SIZES["councillors"]
    assert User.objects.filter(roles__role=Role.COUNCILLOR).count() == SIZES["councillors"]
    assert User.objects.count() == SIZES["councillors"] + SIZES["officers"]
    # Every officer user has a directory entry linked to it.
    assert Officer.objects.filter(user__isnull=False).count() == SIZES["officers"]


def test_reports_rows_per_table_and_total(council):
    assert "cases" in council and "rows/s" in council
    last = council.strip().splitlines()[-1]
    assert " rows in " in last and last.endswith("rows/s)")


def test_cases_mostly_closed_with_open_long_running_ones(council):
    cases = Case.unrestricted.all()
    closed = cases.filter(status=Status.CLOSED)
    share = closed.count() / cases.count()
    assert 0.6 < share < 0.92
    assert not closed.filter(closed_at__isnull=True).exists()
    assert not closed.filter(outcome="").exists()
    open_cases = cases.exclude(status=Status.CLOSED)
    assert not open_cases.filter(closed_at__isnull=False).exists()
    year_ago = AS_OF - timedelta(days=365)
    assert open_cases.filter(opened_at__date__lt=year_ago).exists()  # long-running
    assert open_cases.filter(follow_up_date__lt=AS_OF).exists()  # overdue follow-ups
    assert not cases.filter(opened_at__date__gt=AS_OF).exists()


def test_every_case_belongs_to_a_councillor_of_its_ward(council):
    profiles = dict(CouncillorProfile.objects.values_list("user_id", "ward_id"))
    for owner_id, ward_id in Case.unrestricted.values_list("owner_id", "ward_id"):
        assert profiles[owner_id] == ward_id
    # And every constituent on a case is the same councillor's.
    assert not CaseConstituent.unrestricted.exclude(
        constituent__owner_id=models_F("case__owner_id")
    ).exists()


def models_F(name):
    from django.db.models import F

    return F(name)


def test_distribution_is_skewed_across_councillors_and_categories(council):
    per_owner = sorted(
        Case.unrestricted.values("owner").annotate(n=Count("id")).values_list("n", flat=True)
    )
    assert per_owner[-1] > 2 * per_owner[0]
    per_category = Case.unrestricted.values("category").annotate(n=Count("id"))
    assert len(per_category) > 3


def test_references_are_unique_and_sequences_continue_after_them(council):
    references = list(Case.unrestricted.values_list("reference", flat=True))
    assert len(set(references)) == len(references)
    assert all(r.startswith("CW-") for r in references)
    enquiry_refs = list(Enquiry.unrestricted.values_list("reference", flat=True))
    assert len(set(enquiry_refs)) == len(enquiry_refs)
    year = max(int(r.split("-")[1]) for r in references)
    assert ReferenceSequence.objects.get(prefix="CW", year=year).last_number > 0
    fresh = reference_next(prefix="CW", year=year)
    assert fresh not in references


def test_enquiries_have_a_realistic_status_mix(council):
    statuses = set(Enquiry.unrestricted.values_list("status", flat=True))
    assert EnquiryStatus.CLOSED in statuses
    closed = Enquiry.unrestricted.filter(status=EnquiryStatus.CLOSED)
    assert not closed.filter(answered_at__isnull=True).exists()
    triaged = Enquiry.unrestricted.filter(status__in=build.ASSIGNED_STATES)
    assert not triaged.filter(due_at__isnull=True).exists()
    assert EnquiryAssignment.unrestricted.filter(is_lead=True).count() == triaged.count()
    # The denormalised figure Enquiry.save() would have filled in.
    from councillor_hub.enquiries.models import answer_working_days

    for enquiry in closed[:10]:
        expected = answer_working_days(enquiry.received_at, enquiry.answered_at)
        assert enquiry.answer_working_days == expected


def test_audit_names_the_data_controller_of_casework_events(council):
    case_events = AuditEvent.objects.filter(object_type="casework.case", action="view")
    assert case_events.exists()
    assert not case_events.filter(data_controller__isnull=True).exists()
    assert AuditEvent.objects.filter(action="login").exists()


def test_search_index_covers_the_generated_directory(council):
    assert SearchEntry.objects.filter(kind="officer").count() == SIZES["officers"]
    assert SearchEntry.objects.filter(kind="councillor").count() == SIZES["councillors"]


def test_a_generated_councillor_sees_only_their_own_cases(council, client):
    me = User.objects.get(email="councillor1@bench.test")
    assert me.check_password(PASSWORD)
    client.force_login(me)
    mine = Case.unrestricted.filter(owner=me).order_by("-opened_at").first()
    theirs = Case.unrestricted.exclude(owner=me).order_by("-opened_at").first()
    page = client.get(reverse("casework:case_list"))
    assert page.status_code == 200
    text = page.content.decode()
    assert mine.reference in text
    assert theirs.reference not in text
    detail = reverse("casework:case_detail", kwargs={"reference": theirs.reference})
    assert client.get(detail).status_code == 404
    own = reverse("casework:case_detail", kwargs={"reference": mine.reference})
    assert client.get(own).status_code == 200


def test_everyone_shares_the_one_password(council):
    hashes = set(User.objects.values_list("password", flat=True))
    assert len(hashes) == 1
    assert User.objects.get(email="support1@bench.test").check_password(PASSWORD)


def test_refuses_a_second_council(council):
    with pytest.raises(CommandError, match="already holds a generated council"):
        generate(force=True)


def test_every_foreign_key_points_at_a_row(council):
    # Raw bulk writes skip Django, and PostgreSQL's loader may skip the key triggers: check
    # every foreign key of every generated table by hand.
    from django.db import models

    from councillor_hub.core.generator.load import _written_models

    for model in _written_models():
        for field in model._meta.concrete_fields:
            if not isinstance(field, models.ForeignKey):
                continue
            target = field.related_model._base_manager.values("pk")
            dangling = (
                model._base_manager.filter(**{f"{field.attname}__isnull": False})
                .exclude(**{f"{field.attname}__in": target})
                .count()
            )
            assert dangling == 0, f"{model._meta.label}.{field.name}: {dangling} dangling"
