"""`manage.py demo_data` and `manage.py demo_logins`: the fictional council, its fixed logins,
determinism, and that live case numbering carries on after it."""

import re
from io import StringIO

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from councillor_hub.accounts.models import CouncillorProfile, User, Ward
from councillor_hub.accounts.roles import Role
from councillor_hub.audit.models import AuditEvent
from councillor_hub.casework.models import (
    Case,
    CaseShare,
    Constituent,
    DelegateGrant,
    ReferenceSequence,
    TimelineEntry,
)
from councillor_hub.casework.services.cases import case_create
from councillor_hub.core.demo.logins import DEMO_EMAILS, DEMO_LOGINS, DEMO_PASSWORD
from councillor_hub.core.models import ServiceArea
from councillor_hub.core.postcodes import is_postcode
from councillor_hub.core.working_days import is_working_day, working_days_between
from councillor_hub.directory.models import OutOfHoursContact, PartnerOrganisation
from councillor_hub.enquiries.models import (
    OPEN_STATUSES,
    Enquiry,
    EnquiryAlert,
    EnquiryAssignment,
    EnquiryCategory,
    EnquiryEvent,
    EnquiryResponse,
    EnquiryStatus,
    EventKind,
    ResponseStatus,
    Urgency,
)
from councillor_hub.notifications.models import Notification

SMALL = ["--cases", "200", "--constituents", "80", "--enquiries", "100"]
DEMO_PHONE = re.compile(r"^(07700 900\d{3}|01632 960\d{3})$")


def demo_data(*args: str) -> str:
    out = StringIO()
    call_command("demo_data", *SMALL, *args, stdout=out)
    return out.getvalue()


def user(email: str) -> User:
    return User.objects.get(email=email)


def roles_of(email: str) -> set[str]:
    return set(user(email).roles.values_list("role", flat=True))


@pytest.fixture
def demo(db):
    demo_data()


def test_every_fixed_login_exists_with_its_roles_and_relationships(demo):
    assert set(User.objects.filter(email__in=DEMO_EMAILS).values_list("email", flat=True)) == set(
        DEMO_EMAILS
    )
    for login in DEMO_LOGINS:
        person = user(login.email)
        assert person.check_password(DEMO_PASSWORD)
        assert person.full_name == login.full_name
        validate_password(DEMO_PASSWORD, user=person)  # passes the live password rules

    councillor = user("councillor@demo.test").councillor_profile
    colleague = user("colleague@demo.test").councillor_profile
    other = user("other@demo.test").councillor_profile
    assert councillor.ward == Ward.objects.order_by("ons_code").first()
    assert councillor.ward.name == "Abbey"
    assert (colleague.ward, colleague.political_group) == (
        councillor.ward,
        councillor.political_group,
    )
    assert councillor.political_group is not None
    assert other.ward != councillor.ward
    assert other.political_group not in (None, councillor.political_group)
    assert user("independent@demo.test").councillor_profile.political_group is None
    for email in ["councillor@demo.test", "colleague@demo.test", "other@demo.test"]:
        assert Role.COUNCILLOR in roles_of(email)

    delegate = user("delegate@demo.test")
    assert roles_of("delegate@demo.test") == {Role.DELEGATE}
    assert DelegateGrant.unrestricted.filter(
        councillor=user("councillor@demo.test"), delegate=delegate, revoked_at__isnull=True
    ).exists()

    assert roles_of("support@demo.test") == {Role.MEMBER_SUPPORT_OFFICER}
    highways = ServiceArea.objects.get(slug="highways")
    assert user("highways@demo.test").roles.get().service_area == highways
    assert roles_of("highways@demo.test") == {Role.SERVICE_OFFICER}
    assert user("manager@demo.test").roles.get(role=Role.SERVICE_MANAGER).service_area == highways
    assert roles_of("mp@demo.test") == {Role.MP}
    whip = user("whip@demo.test")
    assert Role.COUNCILLOR in roles_of("whip@demo.test")
    assert whip.roles.get(role=Role.GROUP_WHIP).political_group == councillor.political_group
    assert roles_of("democratic@demo.test") == {Role.DEMOCRATIC_SERVICES_OFFICER}
    admin = user("admin@demo.test")
    assert admin.is_staff and admin.is_superuser
    assert roles_of("admin@demo.test") == {Role.ADMINISTRATOR}
    assert roles_of("dpo@demo.test") == {Role.DATA_PROTECTION_OFFICER}


def test_builds_a_fictional_council_of_the_requested_size(demo):
    assert list(Ward.objects.order_by("ons_code").values_list("ons_code", flat=True)) == [
        f"E05900{n:03d}" for n in range(1, 13)
    ]
    # Three serving councillors per ward, and one who resigned (former@demo.test).
    serving = CouncillorProfile.objects.exclude(user__email="former@demo.test")
    assert serving.count() == 36
    for ward in Ward.objects.all():
        assert serving.filter(ward=ward).count() == 3
    former = user("former@demo.test").councillor_profile
    assert former.term_end < timezone.localdate() < former.casework_access_ends_on
    assert Case.unrestricted.filter(owner=former.user).exists()
    assert CouncillorProfile.objects.filter(political_group__isnull=True).count() >= 2
    assert Case.unrestricted.count() == 200
    assert Constituent.unrestricted.count() == 80

    councillor = user("councillor@demo.test")
    assert Case.unrestricted.filter(owner=councillor).exists()
    # The delegate and the colleague see councillor@demo.test's casework through the rules.
    assert Case.visible_to(user("delegate@demo.test")).filter(owner=councillor).exists()
    shared = CaseShare.unrestricted.filter(
        shared_by=councillor, colleague=user("colleague@demo.test"), revoked_at__isnull=True
    )
    assert shared.exists()
    assert all(share.consent_method for share in shared)
    assert not Case.visible_to(user("other@demo.test")).filter(owner=councillor).exists()
    assert not Case.visible_to(user("support@demo.test")).exists()

    for person in Constituent.unrestricted.all():
        assert is_postcode(person.postcode)
        assert not person.phone or DEMO_PHONE.match(person.phone)
        assert not person.email or person.email.endswith(("@example.com", "@example.org"))
    for case in Case.unrestricted.all():
        assert re.fullmatch(r"CW-\d{4}-\d{5}", case.reference)
        assert case.case_constituents.count() in {1, 2, 3, 4}
        assert (case.status == "closed") == bool(case.outcome) == (case.closed_at is not None)
    # Sensitive notes only on cases that record special-category data and a condition.
    for entry in TimelineEntry.unrestricted.filter(is_sensitive=True).select_related("case"):
        assert entry.case.has_special_category_data
        assert entry.case.special_category_condition
    assert AuditEvent.objects.filter(data_controller=councillor).exists()


def snapshot() -> tuple[list, list]:
    cases = list(Case.unrestricted.order_by("reference").values_list("title", flat=True))
    enquiries = list(
        Enquiry.unrestricted.order_by("reference").values_list(
            "reference", "subject", "status", "urgency", "member__email", "rating"
        )
    )
    return cases, enquiries


def test_same_seed_gives_the_same_council(db):
    demo_data("--reset")
    first = snapshot()
    demo_data("--reset")
    assert snapshot() == first
    demo_data("--reset", "--seed", "7")
    other_seed = snapshot()
    assert other_seed[0] != first[0]
    assert other_seed[1] != first[1]


def test_if_empty_loads_once_then_does_nothing(db):
    demo_data("--if-empty")
    cases = Case.unrestricted.count()
    output = demo_data("--if-empty")
    assert "already loaded" in output
    assert Case.unrestricted.count() == cases
    with pytest.raises(CommandError, match="already loaded"):
        demo_data()


def test_reset_replaces_everything(demo):
    before = set(Case.unrestricted.values_list("pk", flat=True))
    enquiries_before = set(Enquiry.unrestricted.values_list("pk", flat=True))
    partners = PartnerOrganisation.objects.count()
    demo_data("--reset")
    assert not before & set(Case.unrestricted.values_list("pk", flat=True))
    assert not enquiries_before & set(Enquiry.unrestricted.values_list("pk", flat=True))
    assert Enquiry.unrestricted.count() == 100
    assert PartnerOrganisation.objects.count() == partners >= 6  # the same ones, not twice
    assert User.objects.filter(email="councillor@demo.test").count() == 1
    assert Ward.objects.count() == 12


def test_case_create_continues_the_reference_sequence(demo):
    councillor = user("councillor@demo.test")
    latest = Case.unrestricted.order_by("-opened_at", "-reference").first()
    year = int(latest.reference.split("-")[1])
    sequence = ReferenceSequence.objects.get(prefix="CW", year=year)
    assert (
        sequence.last_number
        == Case.unrestricted.filter(reference__startswith=f"CW-{year}-").count()
    )

    case = case_create(
        actor=councillor,
        owner=councillor,
        title="Blocked drain on the high street",
        category=ServiceArea.objects.get(slug="highways"),
    )
    if case.reference.startswith(f"CW-{year}-"):
        assert case.reference == f"CW-{year}-{sequence.last_number + 1:05d}"
    assert Case.unrestricted.filter(reference=case.reference).count() == 1


def test_demo_logins_lists_logins_only_when_demo_data_is_loaded(db):
    out = StringIO()
    call_command("demo_logins", stdout=out)
    assert "No demo data is loaded" in out.getvalue()
    assert "@demo.test" not in out.getvalue()

    demo_data()
    out = StringIO()
    call_command("demo_logins", stdout=out)
    for email in DEMO_EMAILS:
        assert email in out.getvalue()
    assert DEMO_PASSWORD in out.getvalue()


def test_refuses_to_load_over_other_council_data(db):
    Ward.objects.create(name="Somewhere", ons_code="E05000099")
    with pytest.raises(CommandError, match="already holds council data"):
        demo_data()
    assert "not loaded" in demo_data("--if-empty")
    assert not User.objects.filter(email="councillor@demo.test").exists()


def test_refuses_production_settings(db, settings):
    settings.SETTINGS_MODULE = "councillor_hub.config.settings.production"
    with pytest.raises(CommandError, match="production"):
        demo_data()


def test_enquiries_have_a_believable_shape(demo):
    enquiries = list(Enquiry.unrestricted.all())
    assert len(enquiries) == 100
    statuses = {e.status for e in enquiries}
    for status in EnquiryStatus:
        assert status in statuses, status
    year = max(int(e.reference.split("-")[1]) for e in enquiries)
    assert ReferenceSequence.objects.get(prefix="ENQ", year=year).last_number == (
        Enquiry.unrestricted.filter(reference__startswith=f"ENQ-{year}-").count()
    )
    members = {e.member_id for e in enquiries}
    assert user("mp@demo.test").pk in members or len(members) > 10
    assert {e.service_area.slug for e in enquiries} >= {"highways", "waste-and-recycling"}
    # Kept for the performance report although the demo writes enquiries in bulk.
    answered = [e for e in enquiries if e.answered_at]
    assert answered
    for enquiry in answered:
        assert enquiry.answer_working_days == working_days_between(
            enquiry.received_at, enquiry.answered_at
        )
    assert all(e.answer_working_days is None for e in enquiries if not e.answered_at)
    assert EnquiryCategory.objects.filter(service_area__slug="ict").exists()

    leads = {}
    for assignment in EnquiryAssignment.unrestricted.filter(removed_at__isnull=True):
        leads.setdefault(assignment.enquiry_id, []).append(assignment.is_lead)
    sent = set(
        EnquiryResponse.unrestricted.filter(status=ResponseStatus.SENT).values_list(
            "enquiry_id", flat=True
        )
    )
    raised = set(
        EnquiryEvent.unrestricted.filter(kind=EventKind.RAISED).values_list("enquiry_id", flat=True)
    )
    for e in enquiries:
        assert re.fullmatch(r"ENQ-\d{4}-\d{5}", e.reference)
        assert e.pk in raised
        if e.status in {EnquiryStatus.NEW, EnquiryStatus.REDIRECTED, EnquiryStatus.DUPLICATE}:
            assert e.pk not in leads
        else:
            assert leads[e.pk].count(True) == 1, e.reference
            assert e.triaged_at and e.acknowledged_at and e.due_at and e.urgency
            if e.urgency != Urgency.EMERGENCY:
                assert is_working_day(e.due_at)
        if e.status in {EnquiryStatus.ANSWERED, EnquiryStatus.CLOSED}:
            assert e.pk in sent and e.answered_at and e.follow_up_until
        assert e.rating is None or 1 <= e.rating <= 5
        assert (e.status == EnquiryStatus.DUPLICATE) == (e.duplicate_of_id is not None)
        assert (e.status == EnquiryStatus.REDIRECTED) == bool(e.redirect_process)
        assert e.status != EnquiryStatus.AWAITING_MEMBER or e.paused_at
        assert not e.postcode or is_postcode(e.postcode)
    assert any(e.rating for e in enquiries)
    now = timezone.now()
    assert [e for e in enquiries if e.status in OPEN_STATUSES and e.due_at and e.due_at < now]
    escalated = set(
        EnquiryEvent.unrestricted.filter(
            kind=EventKind.ESCALATED, body__startswith="Overdue"
        ).values_list("enquiry_id", flat=True)
    )
    assert escalated
    assert escalated == set(
        EnquiryAlert.unrestricted.filter(kind="overdue_manager").values_list(
            "enquiry_id", flat=True
        )
    )

    # The enquiry demo's six partner organisations (the directory adds outside bodies of its own).
    assert PartnerOrganisation.objects.filter(enquiry_assignments__isnull=False).exists()
    assert PartnerOrganisation.objects.count() >= 6
    contacts = list(OutOfHoursContact.objects.all())
    assert {c.kind for c in contacts} == {
        "out_of_hours",
        "on_call",
        "bank_holiday",
        "major_incident",
        "safeguarding",
    }
    assert any(c.review_due for c in contacts)
    assert all(c.email for c in contacts if c.kind == "on_call")


def test_demo_logins_have_enquiries_to_try(demo):
    councillor = user("councillor@demo.test")
    mine = Enquiry.visible_to(councillor).filter(member=councillor)
    assert mine.count() >= 8
    assert mine.filter(status__in=OPEN_STATUSES).count() >= 2
    assert mine.filter(
        status=EnquiryStatus.ANSWERED, rating__isnull=True, follow_up_until__gt=timezone.now()
    ).exists()
    linked = mine.filter(case__isnull=False)
    assert linked.exists()
    assert all(e.case.owner_id == councillor.pk and e.constituent_name for e in linked)

    highways = user("highways@demo.test")
    theirs = Enquiry.visible_to(highways).filter(status__in=OPEN_STATUSES)
    assert theirs.filter(service_area__slug="highways").count() >= 3
    assert theirs.filter(assignments__officer=highways, assignments__is_lead=True).exists()
    support = user("support@demo.test")
    assert Enquiry.visible_to(support).filter(status=EnquiryStatus.NEW).count() >= 2
    # Officers of other services do not see Highways' enquiries.
    assert not Enquiry.visible_to(highways).filter(service_area__slug="ict").exists()

    for email in ["councillor@demo.test", "support@demo.test"]:
        unread = Notification.objects.filter(recipient__email=email, read_at__isnull=True)
        assert unread.exists()
        for note in unread:
            assert re.fullmatch(r"Enquiry ENQ-\d{4}-\d{5} [a-z ]+", note.title), note.title


def test_reset_also_removes_breaches_and_requests_recorded_during_the_demo(db):
    from councillor_hub.dataprotection.models import Breach, SubjectAccessRequest

    call_command("demo_data", "--cases", "20", "--constituents", "10", "--enquiries", "5")
    councillor = User.objects.get(email="councillor@demo.test")
    Breach.unrestricted.create(
        reference="BR-2026-09999",
        controller=councillor,
        what_happened="A letter went to the wrong address.",
        discovered_at=timezone.now(),
        data_involved="Name and address",
        people_affected=1,
        recorded_by=councillor,
    )
    demo_requests = SubjectAccessRequest.unrestricted.count()
    SubjectAccessRequest.unrestricted.create(
        reference="SAR-2026-09999",
        controller=councillor,
        requester_name="Someone",
        received_on=timezone.localdate(),
        due_on=timezone.localdate(),
        identity_check="known",
    )
    call_command(
        "demo_data", "--reset", "--cases", "20", "--constituents", "10", "--enquiries", "5"
    )
    assert not Breach.unrestricted.filter(reference="BR-2026-09999").exists()
    assert Breach.unrestricted.count() == 2  # the demo's own
    assert not SubjectAccessRequest.unrestricted.filter(reference="SAR-2026-09999").exists()
    assert SubjectAccessRequest.unrestricted.count() == demo_requests
