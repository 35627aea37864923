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
    CaseShare,
    ConsentMethod,
    Constituent,
    DelegateGrant,
    ReferenceSequence,
    Status,
    Tag,
    TimelineEntry,
)
from councillor_hub.casework.permissions import acting_for
from councillor_hub.casework.services.references import reference_next
from councillor_hub.core.generator import build
from councillor_hub.directory.models import Officer
from councillor_hub.enquiries.models import (
    Enquiry,
    EnquiryAssignment,
    EnquiryCategory,
    EnquiryStatus,
    SensitiveReason,
)
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
    delegates = User.objects.filter(roles__role=Role.DELEGATE).count()
    assert 1 <= delegates <= SIZES["councillors"] / 3
    assert User.objects.count() == SIZES["councillors"] + SIZES["officers"] + delegates
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

    written = _written_models()
    for model in (CaseShare, DelegateGrant, Tag, Case.tags.through, EnquiryCategory):
        assert model in written
    assert Enquiry.named_viewers.through in written
    for model in written:
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


# --- Who else works on casework: delegates, ward colleagues, tags ---------------------------


def test_a_quarter_of_councillors_have_one_active_delegate(council):
    active = DelegateGrant.unrestricted.filter(revoked_at__isnull=True)
    per_councillor = dict(
        active.values("councillor").annotate(n=Count("id")).values_list("councillor", "n")
    )
    assert len(per_councillor) == round(SIZES["councillors"] / 4)
    assert set(per_councillor.values()) == {1}
    councillors = set(User.objects.filter(roles__role=Role.COUNCILLOR).values_list("pk", flat=True))
    assert set(per_councillor) <= councillors
    delegates = User.objects.filter(roles__role=Role.DELEGATE)
    # Delegates hold the delegate role only (member support officers are not delegates) and
    # sign in like everyone else.
    assert set(delegates.values_list("roles__role", flat=True).distinct()) == {Role.DELEGATE.value}
    assert not active.exclude(delegate__in=delegates).exists()
    assert delegates.filter(email="delegate1@bench.test").get().check_password(PASSWORD)
    revoked = DelegateGrant.unrestricted.filter(revoked_at__isnull=False)
    assert revoked.exists()
    for grant in revoked:
        assert grant.revoked_by_id == grant.councillor_id
        assert grant.granted_at < grant.revoked_at <= timezone_end_of(AS_OF)


def timezone_end_of(day):
    from datetime import UTC, datetime, time

    return datetime.combine(day, time(23, 59, 59), tzinfo=UTC)


def test_a_delegate_works_on_their_councillors_cases(council, client):
    grant = DelegateGrant.unrestricted.filter(revoked_at__isnull=True).order_by("pk").first()
    delegate = grant.delegate
    acting = set(
        DelegateGrant.unrestricted.filter(delegate=delegate, revoked_at__isnull=True).values_list(
            "councillor_id", flat=True
        )
    )
    assert set(acting_for(delegate)) == acting
    theirs = Case.unrestricted.filter(owner_id__in=acting)
    client.force_login(delegate)
    page = client.get(reverse("casework:case_list"))
    assert page.status_code == 200
    assert page.context["count"] == theirs.count()
    newest = theirs.order_by("-opened_at", "-id").first()
    assert newest.reference in page.content.decode()
    detail = reverse("casework:case_detail", kwargs={"reference": newest.reference})
    assert client.get(detail).status_code == 200
    other = Case.unrestricted.exclude(owner_id__in=acting).order_by("-opened_at").first()
    detail = reverse("casework:case_detail", kwargs={"reference": other.reference})
    assert client.get(detail).status_code == 404


def test_cases_are_shared_with_ward_colleagues_of_their_owner(council):
    shares = CaseShare.unrestricted.select_related("case")
    assert shares.count() >= round(SIZES["cases"] * 0.02)
    wards = dict(CouncillorProfile.objects.values_list("user_id", "ward_id"))
    for share in shares:
        owner = share.case.owner_id
        assert share.colleague_id != owner
        assert wards[share.colleague_id] == wards[owner] == share.case.ward_id
        assert share.shared_by_id == owner
        assert share.consent_method in ConsentMethod.values
        assert share.case.opened_at <= share.shared_at
        if share.revoked_at is not None:
            assert share.revoked_by_id == owner
            assert share.revoked_at > share.shared_at
        else:
            assert share.revoked_by_id is None
    assert shares.filter(revoked_at__isnull=False).exists()
    # Every councillor with a ward colleague has something shared with them.
    with_colleague = [u for u, w in wards.items() if list(wards.values()).count(w) > 1]
    received = set(shares.values_list("colleague_id", flat=True))
    assert set(with_colleague) <= received


def test_a_colleague_sees_exactly_the_cases_shared_with_them(council, client):
    share = (
        CaseShare.unrestricted.filter(revoked_at__isnull=True).select_related("colleague").first()
    )
    colleague = share.colleague
    active = set(
        CaseShare.unrestricted.filter(colleague=colleague, revoked_at__isnull=True).values_list(
            "case_id", flat=True
        )
    )
    visible = Case.visible_to(colleague)
    assert set(visible.exclude(owner=colleague).values_list("pk", flat=True)) == active
    client.force_login(colleague)
    page = client.get(reverse("casework:case_list"))
    own = Case.unrestricted.filter(owner=colleague).count()
    assert page.context["count"] == own + len(active)
    shared = reverse("casework:case_detail", kwargs={"reference": share.case.reference})
    assert client.get(shared).status_code == 200
    unshared = Case.unrestricted.filter(owner_id=share.case.owner_id).exclude(pk__in=active).first()
    detail = reverse("casework:case_detail", kwargs={"reference": unshared.reference})
    assert client.get(detail).status_code == 404


def test_a_revoked_share_opens_nothing(council, client):
    share = CaseShare.unrestricted.filter(revoked_at__isnull=False).first()
    still_shared = CaseShare.unrestricted.filter(
        case_id=share.case_id, colleague_id=share.colleague_id, revoked_at__isnull=True
    ).exists()
    assert not still_shared
    client.force_login(share.colleague)
    detail = reverse("casework:case_detail", kwargs={"reference": share.case.reference})
    assert client.get(detail).status_code == 404


def test_cases_carry_their_owners_tags(council):
    per_owner = Tag.unrestricted.values("owner").annotate(n=Count("id"))
    assert len(per_owner) == SIZES["councillors"]
    assert all(3 <= row["n"] <= 6 for row in per_owner)
    through = Case.tags.through
    links = through.objects.select_related("case", "tag")
    assert links.exists()
    assert all(link.tag.owner_id == link.case.owner_id for link in links)
    tagged = links.values("case").distinct().count()
    assert 0.08 * SIZES["cases"] < tagged < 0.35 * SIZES["cases"]


def test_most_enquiries_are_filed_under_a_category_of_their_service(council):
    enquiries = Enquiry.unrestricted.all()
    categorised = enquiries.filter(category__isnull=False)
    assert categorised.count() >= 0.7 * enquiries.count()
    assert not categorised.exclude(category__service_area=models_F("service_area")).exists()
    # Every service area enquiries are raised in has categories to choose from.
    areas = set(enquiries.values_list("service_area_id", flat=True))
    with_categories = set(EnquiryCategory.objects.values_list("service_area_id", flat=True))
    assert areas <= with_categories


def test_sensitive_enquiries_name_their_viewers(council):
    from councillor_hub.enquiries.permissions import visible_enquiries

    sensitive = Enquiry.unrestricted.filter(is_sensitive=True)
    assert sensitive.count() == max(1, round(SIZES["enquiries"] * 0.01))
    through = Enquiry.named_viewers.through
    assert not through.objects.exclude(enquiry__is_sensitive=True).exists()
    for enquiry in sensitive:
        assert enquiry.sensitive_reason in SensitiveReason.values
        viewers = list(enquiry.named_viewers.all())
        assert 1 <= len(viewers) <= 2
        for viewer in viewers:
            assert visible_enquiries(viewer).filter(pk=enquiry.pk).exists()
    # A member support officer who is not named does not see it.
    enquiry = sensitive.first()
    named = set(enquiry.named_viewers.values_list("pk", flat=True))
    support = (
        User.objects.filter(roles__role=Role.MEMBER_SUPPORT_OFFICER).exclude(pk__in=named).first()
    )
    if support is not None:
        assert not visible_enquiries(support).filter(pk=enquiry.pk).exists()
