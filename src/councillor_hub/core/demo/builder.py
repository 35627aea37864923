"""Builds the fictional demo council behind `manage.py demo_data`.

Deterministic: every choice comes from one `random.Random(seed)`, so the same seed gives the
same council (dates are placed relative to today). Fast: rows are written with `bulk_create`
through the `unrestricted` managers, with one initial history row per constituent and case.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.contrib.sessions.models import Session
from django.core.files.storage import default_storage
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.text import slugify

from councillor_hub.accounts.models import (
    CouncillorProfile,
    PoliticalGroup,
    TermEndReason,
    User,
    UserRole,
    Ward,
)
from councillor_hub.accounts.roles import Role
from councillor_hub.audit.models import Action, AuditEvent
from councillor_hub.booklet.models import BookletSection, KeyDate
from councillor_hub.casework.models import (
    Attachment,
    Case,
    CaseConstituent,
    CaseShare,
    Channel,
    ConsentMethod,
    ConsentPurpose,
    ConsentRecord,
    Constituent,
    ContactMethod,
    DelegateGrant,
    EntryKind,
    LawfulBasis,
    Outcome,
    Priority,
    ReferenceSequence,
    SpecialCategoryCondition,
    Status,
    Tag,
    TimelineEntry,
)
from councillor_hub.committees.models import (
    CabinetPortfolio,
    Committee,
    CommitteeMeeting,
    CommitteeMembership,
    CouncillorContact,
    PortfolioHolding,
    TrainingLapseAlert,
)
from councillor_hub.core.models import ServiceArea
from councillor_hub.dataprotection.models import (
    AccessEndReminder,
    Breach,
    CouncillorRetention,
    RetentionReview,
    RetentionRun,
    SubjectAccessRequest,
)
from councillor_hub.directory.models import (
    EmergencyArrangement,
    Officer,
    OrgUnit,
    OutOfHoursContact,
    PartnerOrganisation,
    Topic,
)
from councillor_hub.enquiries.models import (
    Enquiry,
    EnquiryAlert,
    EnquiryAssignment,
    EnquiryAttachment,
    EnquiryCategory,
    EnquiryEvent,
    EnquiryResponse,
)
from councillor_hub.faqs.models import Faq, FaqUse
from councillor_hub.induction.models import (
    ChecklistProgress,
    DbsCheck,
    Intake,
    IntakeDate,
    MemberInduction,
)
from councillor_hub.learning.models import (
    Booking,
    CalendarFeed,
    Completion,
    Evaluation,
    ExpiryReminder,
    ExternalActivity,
    TrainingSession,
    TrainingSuggestion,
    TrainingTopic,
)
from councillor_hub.library.models import Document, DocumentTag
from councillor_hub.news.models import NewsAttachment, NewsItem
from councillor_hub.notifications.models import Notification
from councillor_hub.search.backends import get_backend as get_search_backend
from councillor_hub.search.models import SearchEntry, SearchTerm
from councillor_hub.search.services import reindex_all
from councillor_hub.supportplans.models import (
    MentoringRequest,
    PersonalSupportPlan,
    PlanNeed,
    RoleDescription,
    Skill,
    SupportPlanReminder,
)
from councillor_hub.surveys.models import Answer, Choice, Participation, Question, Response, Survey
from councillor_hub.wards.models import WardAmenity, WardProfile, WardStatistic

from . import cases as text
from . import words
from .booklet import build_booklet
from .committees import build_committees
from .compliance import build_compliance
from .data_protection import build_data_protection
from .directory import build_directory
from .enquiries import build_enquiries
from .evaluations import build_evaluations
from .faqs import build_faqs
from .induction import build_induction
from .learning import build_learning
from .library import build_library
from .logins import DEMO_LOGINS, DEMO_PASSWORD
from .news import build_news
from .supportplans import build_supportplans
from .surveys import build_surveys
from .wards import build_wards

REFERENCE_PREFIX = "CW"
HISTORY_SPAN_DAYS = 1200  # cases go back about three and a quarter years
BATCH = 500

CHANNEL_WEIGHTS = {
    Channel.EMAIL: 45,
    Channel.PHONE: 22,
    Channel.LETTER: 6,
    Channel.SOCIAL_MEDIA: 6,
    Channel.SURGERY: 8,
    Channel.DOORSTEP: 6,
    Channel.CAMPAIGN: 3,
    Channel.OTHER: 4,
}
PRIORITY_WEIGHTS = {Priority.NORMAL: 70, Priority.LOW: 12, Priority.HIGH: 14, Priority.URGENT: 4}
OUTCOME_WEIGHTS = {
    Outcome.RESOLVED: 50,
    Outcome.PARTLY_RESOLVED: 15,
    Outcome.NOT_RESOLVED: 8,
    Outcome.SIGNPOSTED: 12,
    Outcome.NO_FURTHER_ACTION: 10,
    Outcome.WITHDRAWN: 5,
}
OPEN_STATUS_WEIGHTS = {
    Status.OPEN: 35,
    Status.AWAITING_COUNCIL: 40,
    Status.AWAITING_CONSTITUENT: 15,
    Status.AWAITING_THIRD_PARTY: 10,
}
CONSTITUENTS_PER_CASE = {1: 82, 2: 12, 3: 4, 4: 2}
INTAKE_KIND = {
    Channel.EMAIL: EntryKind.EMAIL_IN,
    Channel.CAMPAIGN: EntryKind.EMAIL_IN,
    Channel.PHONE: EntryKind.CALL_IN,
    Channel.LETTER: EntryKind.LETTER_IN,
    Channel.SURGERY: EntryKind.MEETING,
    Channel.DOORSTEP: EntryKind.MEETING,
    Channel.SOCIAL_MEDIA: EntryKind.NOTE,
    Channel.OTHER: EntryKind.NOTE,
}
CONSENT_METHOD = {
    Channel.EMAIL: ConsentMethod.EMAIL,
    Channel.CAMPAIGN: ConsentMethod.EMAIL,
    Channel.LETTER: ConsentMethod.WRITTEN,
    Channel.SOCIAL_MEDIA: ConsentMethod.ONLINE,
}
# Directors oversee several service areas (by slug).
DIRECTORATES = {
    "Director of Place": [
        "highways",
        "parks-and-open-spaces",
        "waste-and-recycling",
        "planning",
        "licensing",
        "regulatory-services",
        "anti-social-behaviour",
    ],
    "Director of People": ["housing", "adult-social-care", "childrens-services"],
    "Director of Resources": ["council-tax", "other"],
}


def fixed_login(email: str):
    return next(login for login in DEMO_LOGINS if login.email == email)


def demo_data_loaded() -> bool:
    from .logins import SENTINEL_EMAIL

    return User.objects.filter(email=SENTINEL_EMAIL).exists()


def council_data_exists() -> bool:
    """Whether the database already holds a council (wards, groups or casework)."""
    return (
        Ward.objects.exists()
        or PoliticalGroup.objects.exists()
        or Case.unrestricted.exists()
        or Constituent.unrestricted.exists()
        or Enquiry.unrestricted.exists()
    )


@contextmanager
def keep_timestamps(*model_fields: tuple[type[models.Model], str]) -> Iterator[None]:
    """Let bulk_create store the past dates we give auto_now / auto_now_add fields, so demo
    rows look as if they were written over the years. Restored on exit."""
    saved = []
    for model, name in model_fields:
        f = model._meta.get_field(name)
        saved.append((f, f.auto_now, f.auto_now_add))
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in saved:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


def _raw_delete_all(model: type[models.Model]) -> None:
    """DELETE every row without loading them (and without simple_history's delete signals)."""
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")  # noqa: S608


def delete_everything() -> None:
    """Remove all casework, enquiries (with their categories), partner organisations,
    out-of-hours contacts, notifications, audit events, users, wards and political groups (for
    --reset). Service areas and default service levels stay: they are the council's taxonomy
    and settings, seeded by migrations."""
    for attachment in [
        *Attachment.unrestricted.all().only("file"),
        *EnquiryAttachment.unrestricted.all().only("file"),
        *Document.objects.exclude(file="").only("file"),
        *NewsAttachment.objects.exclude(file="").only("file"),
    ]:
        if attachment.file:
            default_storage.delete(attachment.file.name)
    for contact in CouncillorContact.objects.exclude(photo="").only("photo"):
        default_storage.delete(contact.photo.name)
    get_search_backend().clear()
    # Largest tables first, without signals, children before parents.
    for model in [
        SearchEntry,
        SearchTerm,
        Answer,
        Response,
        Participation,
        Choice,
        Question,
        Survey.history.model,
        Survey,
        PlanNeed.topics.through,
        PlanNeed.history.model,
        PlanNeed,
        PersonalSupportPlan.roles.through,
        PersonalSupportPlan.history.model,
        PersonalSupportPlan,
        SupportPlanReminder,
        MentoringRequest.history.model,
        MentoringRequest,
        RoleDescription.skills.through,
        RoleDescription.history.model,
        RoleDescription,
        Skill.history.model,
        Skill,
        # Induction checklist items are seeded by a migration and stay.
        ChecklistProgress.history.model,
        ChecklistProgress,
        MemberInduction.history.model,
        MemberInduction,
        IntakeDate.history.model,
        IntakeDate,
        Intake.history.model,
        Intake,
        DbsCheck.history.model,
        DbsCheck,
        TrainingLapseAlert,
        ExpiryReminder,
        CalendarFeed,
        Evaluation,
        ExternalActivity,
        TrainingSuggestion,
        Completion.history.model,
        Completion,
        Booking,
        TrainingSession.history.model,
        TrainingSession,
        TrainingTopic.required_for_committees.through,
        TrainingTopic.history.model,
        TrainingTopic,
        # Booklet sections are seeded by a migration and stay; their links to records go.
        BookletSection.units.through,
        BookletSection.officers.through,
        BookletSection.documents.through,
        KeyDate.history.model,
        KeyDate,
        NewsAttachment.history.model,
        NewsAttachment,
        NewsItem.history.model,
        NewsItem,
        WardAmenity.history.model,
        WardAmenity,
        WardStatistic.history.model,
        WardStatistic,
        WardProfile.history.model,
        WardProfile,
        FaqUse,
        Faq.history.model,
        Faq,
        Document.tags.through,
        Document.history.model,
        Document,
        DocumentTag,
        CouncillorContact.history.model,
        CouncillorContact,
        PortfolioHolding.history.model,
        PortfolioHolding,
        CabinetPortfolio.history.model,
        CabinetPortfolio,
        CommitteeMeeting.history.model,
        CommitteeMeeting,
        CommitteeMembership.history.model,
        CommitteeMembership,
        Committee.history.model,
        Committee,
        Topic.history.model,
        Topic,
        EmergencyArrangement.history.model,
        EmergencyArrangement,
        OutOfHoursContact.history.model,
        OutOfHoursContact,
        Officer.history.model,
        Officer,
        OrgUnit.history.model,
        OrgUnit,
        Breach.history.model,
        Breach,
        RetentionReview,
        RetentionRun,
        AccessEndReminder,
        CouncillorRetention.history.model,
        CouncillorRetention,
        SubjectAccessRequest.constituents.through,
        SubjectAccessRequest.history.model,
        SubjectAccessRequest,
        Notification,
        EnquiryEvent,
        EnquiryAlert,
        EnquiryAttachment,
        EnquiryResponse.history.model,
        EnquiryResponse,
        EnquiryAssignment,
        Enquiry.named_viewers.through,
        Enquiry.history.model,
        Enquiry,
        AuditEvent,
        CaseShare,
        DelegateGrant,
        Attachment,
        TimelineEntry.history.model,
        TimelineEntry,
        Case.related_cases.through,
        Case.tags.through,
        CaseConstituent,
        Case.history.model,
        Case,
        ConsentRecord,
        Constituent.history.model,
        Constituent,
        Tag,
        ReferenceSequence,
    ]:
        _raw_delete_all(model)
    # Category-specific service levels go with their categories (ORM delete cascades).
    EnquiryCategory.objects.all().delete()
    PartnerOrganisation.objects.all().delete()
    # Sign everybody out: their accounts are about to go.
    Session.objects.all().delete()
    # The rest through the ORM, so anything else pointing at users cascades or protests.
    UserRole.objects.all().delete()
    CouncillorProfile.objects.all().delete()
    User.objects.all().delete()
    Ward.objects.all().delete()
    PoliticalGroup.objects.all().delete()


@dataclass
class Place:
    ward: Ward
    index: int
    streets: list[tuple[str, str]]  # (street, postcode)
    parks: list[str]
    schools: list[str]
    weight: float


@dataclass
class Owner:
    user: User
    place: Place | None  # None for the MP, whose constituency spans every ward
    weight: float
    constituents: list[Constituent] = field(default_factory=list)
    tags: list[Tag] = field(default_factory=list)
    delegate: User | None = None
    delegate_since: dt.datetime | None = None


@dataclass
class Address:
    line_1: str
    street: str
    number: int
    postcode: str
    place: Place


class DemoCouncilBuilder:
    def __init__(
        self,
        *,
        seed: int = 2026,
        cases: int = 5000,
        constituents: int = 2000,
        enquiries: int = 2500,
    ):
        self.seed = seed
        self.rng = random.Random(seed)
        self.n_enquiries = max(0, enquiries)
        self.n_cases = max(0, cases)
        self.n_constituents = max(0, constituents)
        self.now = timezone.now().replace(second=0, microsecond=0)
        self.today = timezone.localdate(self.now)
        self.counts: dict[str, int] = {}
        self.used_emails: set[str] = set()
        self.used_names: set[str] = set()
        self.phone_pool: list[str] = []

    # ----------------------------------------------------------------- helpers
    def weighted(self, weights: dict):
        keys = list(weights)
        return self.rng.choices(keys, weights=[weights[k] for k in keys])[0]

    def moment(self, days_ago: int) -> dt.datetime:
        """A time during the working day `days_ago` days before today, never in the future."""
        day = self.today - dt.timedelta(days=days_ago)
        at = dt.datetime.combine(day, dt.time(self.rng.randint(8, 19), self.rng.randint(0, 59)))
        at = timezone.make_aware(at)
        if at > self.now:
            at = self.now - dt.timedelta(minutes=self.rng.randint(5, 240))
        return at

    def between(self, start: dt.datetime, end: dt.datetime) -> dt.datetime:
        at = start + (end - start) * self.rng.random()
        local = timezone.localtime(at)
        if not 8 <= local.hour < 20:
            at = local.replace(hour=self.rng.randint(8, 19))
        return min(max(at, start), end)

    def person_name(self) -> tuple[str, str]:
        while True:
            first = self.rng.choice(words.FIRST_NAMES)
            last = self.rng.choice(words.LAST_NAMES)
            if f"{first} {last}" not in self.used_names:
                self.used_names.add(f"{first} {last}")
                return first, last

    def email_for(self, first: str, last: str, *, domain: str, prefix: str = "") -> str:
        first_slug = slugify(first).replace("-", "")
        last_slug = slugify(last.replace("'", "")).replace("-", "")
        style = self.rng.randint(0, 2)
        local = [
            f"{first_slug}.{last_slug}",
            f"{first_slug}{last_slug}",
            f"{first_slug[0]}.{last_slug}",
        ][style if not prefix else 0]
        candidate = f"{prefix}{local}@{domain}"
        suffix = 1
        while candidate in self.used_emails:
            suffix += 1
            candidate = f"{prefix}{local}{suffix}@{domain}"
        self.used_emails.add(candidate)
        return candidate

    def phone(self) -> str:
        """A number from Ofcom's drama ranges, unique until the ranges run out."""
        if not self.phone_pool:
            self.phone_pool = [f"07700 900{n:03d}" for n in range(1000)] + [
                f"01632 960{n:03d}" for n in range(1000)
            ]
            self.rng.shuffle(self.phone_pool)
        return self.phone_pool.pop()

    def inward(self) -> str:
        letters = words.INWARD_LETTERS
        return f"{self.rng.randint(1, 9)}{self.rng.choice(letters)}{self.rng.choice(letters)}"

    # ------------------------------------------------------------------- build
    def build(self) -> dict[str, int]:
        with transaction.atomic():
            self.build_places()
            self.build_people()
            self.build_constituents()
            self.build_cases()
            self.counts.update(build_enquiries(self, enquiries=self.n_enquiries))
            self.counts.update(build_data_protection(self))
            self.counts.update(build_directory(self))
            self.counts.update(build_library(self))
            self.counts.update(build_faqs(self))
            self.counts.update(build_committees(self))
            self.counts.update(build_wards(self))
            self.counts.update(build_news(self))
            self.counts.update(build_booklet(self))
            # Member development: the programme first, then what hangs off its sessions.
            self.counts.update(build_learning(self))
            self.counts.update(build_compliance(self))
            self.counts.update(build_evaluations(self))
            self.counts.update(build_induction(self))
            self.counts.update(build_supportplans(self))
            self.counts.update(build_surveys(self))
            # The demo is bulk-inserted, which skips the index's signals: build it once.
            self.counts["search index entries"] = sum(reindex_all().values())
        return self.counts

    def build_places(self) -> None:
        self.services = {}
        for slug in {kind.service for kind in text.CASE_KINDS} | {
            s for slugs in DIRECTORATES.values() for s in slugs
        }:
            name = {"childrens-services": "Children's services"}.get(
                slug, slug.replace("-", " ").capitalize()
            )
            self.services[slug], _ = ServiceArea.objects.get_or_create(
                slug=slug, defaults={"name": name}
            )
        wards = Ward.objects.bulk_create(
            Ward(name=name, ons_code=f"E05900{i:03d}") for i, name in enumerate(words.WARDS, 1)
        )
        stems = list(words.STREET_STEMS)
        self.rng.shuffle(stems)
        used_streets: set[str] = set()
        self.places: list[Place] = []
        for index, ward in enumerate(wards):
            streets = []
            while len(streets) < 12:
                street = f"{self.rng.choice(stems)} {self.rng.choice(words.STREET_SUFFIXES)}"
                if street in used_streets:
                    continue
                used_streets.add(street)
                streets.append((street, f"{words.POSTCODE_AREA}{index + 1} {self.inward()}"))
            parks = [
                f"{ward.name} {self.rng.choice(words.PARK_KINDS)}",
                f"{self.rng.choice(stems)} {self.rng.choice(words.PARK_KINDS)}",
            ]
            schools = [f"{self.rng.choice(stems)} {self.rng.choice(words.SCHOOL_KINDS)}"]
            weight = self.rng.uniform(0.5, 1.7)
            self.places.append(Place(ward, index, streets, parks, schools, weight))
        self.groups = {
            name: group
            for (name, _, _), group in zip(
                words.POLITICAL_GROUPS,
                PoliticalGroup.objects.bulk_create(
                    PoliticalGroup(name=name, short_name=short)
                    for name, short, _ in words.POLITICAL_GROUPS
                ),
                strict=True,
            )
        }
        self.counts["wards"] = len(wards)
        self.counts["political groups"] = len(self.groups)

    def term(self) -> tuple[dt.date, dt.date]:
        """The current four-year term: elections on the first Thursday in May, 2023, 2027..."""

        def election(year: int) -> dt.date:
            first = dt.date(year, 5, 1)
            return first + dt.timedelta(days=(3 - first.weekday()) % 7)

        year = self.today.year - (self.today.year - 2023) % 4
        if election(year) > self.today:
            year -= 4
        return election(year), election(year + 4)

    def build_people(self) -> None:
        rng = self.rng
        demo_hash = make_password(DEMO_PASSWORD)
        term_start, term_end = self.term()
        self.former_term_end = self.today - dt.timedelta(days=20)
        self.term_start = timezone.make_aware(dt.datetime.combine(term_start, dt.time(12)))
        users: list[User] = []
        roles: list[tuple[User, str, str | None, str | None]] = []  # role, service, group
        profiles: list[tuple[User, Place, str | None]] = []

        def add_user(email: str | None, full_name: str, *, fixed: bool = False) -> User:
            if email is None:
                first, last = full_name.split(" ", 1)
                email = self.email_for(first, last, domain="example.org")
            user = User(
                email=email,
                full_name=full_name,
                is_active=True,
                date_joined=self.term_start - dt.timedelta(days=rng.randint(5, 60)),
            )
            if fixed:
                user.password = demo_hash
            else:
                user.set_unusable_password()
            users.append(user)
            return user

        def fixed(email: str) -> User:
            return add_user(email, fixed_login(email).full_name, fixed=True)

        def generated() -> User:
            return add_user(None, " ".join(self.person_name()))

        for login in DEMO_LOGINS:
            self.used_names.add(login.full_name)
        # Councillors: three seats per ward. The fixed logins take five of them.
        first_group, second_group = words.POLITICAL_GROUPS[0][0], words.POLITICAL_GROUPS[1][0]
        self.councillor = fixed("councillor@demo.test")
        self.colleague = fixed("colleague@demo.test")
        self.other = fixed("other@demo.test")
        self.independent = fixed("independent@demo.test")
        self.whip = fixed("whip@demo.test")
        seats: dict[int, list[tuple[User, str | None]]] = defaultdict(list)
        seats[0] += [(self.councillor, first_group), (self.colleague, first_group)]
        seats[1] += [(self.other, second_group), (self.whip, first_group)]
        seats[2] += [(self.independent, None)]
        pool: list[str | None] = []
        for name, _, size in words.POLITICAL_GROUPS:
            taken = sum(1 for ward in seats.values() for _, g in ward if g == name)
            pool += [name] * (size - taken)
        pool += [None] * (words.NON_ALIGNED_SEATS - 1)
        rng.shuffle(pool)
        generated_seats: list[tuple[User, str | None]] = []
        for index in range(len(self.places)):
            while len(seats[index]) < 3:
                first, last = self.person_name()
                email = self.email_for(first, last, domain="example.org", prefix="cllr.")
                seat = (add_user(email, f"{first} {last}"), pool.pop())
                seats[index].append(seat)
                generated_seats.append(seat)
        councillors: list[tuple[User, Place, str | None]] = []
        for index, place in enumerate(self.places):
            for user, group in seats[index]:
                councillors.append((user, place, group))
                profiles.append((user, place, group))
                roles.append((user, Role.COUNCILLOR, None, None))
        # A councillor who resigned 20 days ago (a by-election filled the seat): their casework
        # stays open to them for the handover period, then is anonymised.
        self.former = fixed("former@demo.test")
        councillors.append((self.former, self.places[2], first_group))
        profiles.append((self.former, self.places[2], first_group))
        roles.append((self.former, Role.COUNCILLOR, None, None))
        # Group leaders and whips: generated councillors, except whip@demo.test.
        for name, _, _ in words.POLITICAL_GROUPS:
            members = [u for u, g in generated_seats if g == name]
            roles.append((members[0], Role.GROUP_LEADER, None, name))
            if name == first_group:
                roles.append((self.whip, Role.GROUP_WHIP, None, name))
            elif len(members) > 1:
                roles.append((members[1], Role.GROUP_WHIP, None, name))

        # The MP and their office.
        self.mp = fixed("mp@demo.test")
        roles.append((self.mp, Role.MP, None, None))
        mp_office = generated()
        roles.append((mp_office, Role.MP_OFFICE, None, None))
        roles.append((mp_office, Role.DELEGATE, None, None))

        # Officers.
        self.delegate = fixed("delegate@demo.test")
        roles.append((self.delegate, Role.DELEGATE, None, None))
        self.support = fixed("support@demo.test")
        roles.append((self.support, Role.MEMBER_SUPPORT_OFFICER, None, None))
        for _ in range(3):
            roles.append((generated(), Role.MEMBER_SUPPORT_OFFICER, None, None))
        caseworkers = [generated() for _ in range(3)]
        for user in caseworkers:
            roles.append((user, Role.DELEGATE, None, None))
        highways = fixed("highways@demo.test")
        manager = fixed("manager@demo.test")
        for slug in sorted(self.services):
            if slug == "highways":
                service_officers, service_manager = [highways, generated()], manager
            else:
                service_officers = [generated() for _ in range(rng.randint(1, 3))]
                service_manager = generated()
            for user in service_officers:
                roles.append((user, Role.SERVICE_OFFICER, slug, None))
            roles.append((service_manager, Role.SERVICE_MANAGER, slug, None))
        for slugs in DIRECTORATES.values():
            director = generated()
            for slug in slugs:
                roles.append((director, Role.DIRECTOR, slug, None))
        self.democratic = fixed("democratic@demo.test")
        roles.append((self.democratic, Role.DEMOCRATIC_SERVICES_OFFICER, None, None))
        for _ in range(2):
            roles.append((generated(), Role.DEMOCRATIC_SERVICES_OFFICER, None, None))
        self.dpo = fixed("dpo@demo.test")
        roles.append((self.dpo, Role.DATA_PROTECTION_OFFICER, None, None))
        roles.append((generated(), Role.CO_OPTED_MEMBER, None, None))
        admin = fixed("admin@demo.test")
        admin.is_staff = admin.is_superuser = True
        roles.append((admin, Role.ADMINISTRATOR, None, None))

        User.objects.bulk_create(users, batch_size=BATCH)
        UserRole.objects.bulk_create(
            [
                UserRole(
                    user=user,
                    role=role,
                    service_area=self.services[slug] if slug else None,
                    political_group=self.groups[group] if group else None,
                )
                for user, role, slug, group in roles
            ],
            batch_size=BATCH,
        )
        CouncillorProfile.objects.bulk_create(
            [
                CouncillorProfile(
                    user=user,
                    ward=place.ward,
                    political_group=self.groups[group] if group else None,
                    term_start=term_start,
                    term_end=term_end if user is not self.former else self.former_term_end,
                    term_end_reason="" if user is not self.former else TermEndReason.RESIGNED,
                )
                for user, place, group in profiles
            ],
            batch_size=BATCH,
        )

        # Casework owners, weighted by ward; councillor@demo.test's share is fixed below.
        self.owners = [
            Owner(user, place, place.weight * rng.uniform(0.5, 1.5))
            for user, place, _ in councillors
        ]
        average = sum(o.weight for o in self.owners) / len(self.owners)
        self.owners.append(Owner(self.mp, None, average * 0.8))
        self.owner_of = {o.user.pk: o for o in self.owners}

        # Delegate grants: councillor@demo.test -> delegate@demo.test (active), a few others.
        grants = []

        def grant(owner: Owner, delegate: User, *, revoked: bool = False) -> None:
            since = self.term_start + dt.timedelta(days=rng.randint(10, 60))
            grants.append(
                DelegateGrant(
                    councillor=owner.user,
                    delegate=delegate,
                    granted_at=since,
                    revoked_at=self.between(since, self.now) if revoked else None,
                    revoked_by=owner.user if revoked else None,
                )
            )
            if not revoked:
                owner.delegate, owner.delegate_since = delegate, since

        grant(self.owner_of[self.councillor.pk], self.delegate)
        others = [o for o in self.owners if o.user.pk not in self.fixed_ids()]
        for owner, caseworker in zip(
            rng.sample(others, 4), caseworkers + [caseworkers[0]], strict=True
        ):
            grant(owner, caseworker)
        grant(rng.choice(others), caseworkers[1], revoked=True)
        grant(self.owner_of[self.mp.pk], mp_office)
        DelegateGrant.unrestricted.bulk_create(grants)
        self.grants = grants

        self.counts["councillors"] = len(councillors)
        self.counts["officers and other staff"] = len(users) - len(councillors) - 1
        self.counts["users"] = len(users)
        self.counts["delegate grants"] = len(grants)

    def fixed_ids(self) -> set[int]:
        return {
            u.pk
            for u in (
                self.councillor,
                self.colleague,
                self.other,
                self.independent,
                self.whip,
                self.former,
            )
        } | {self.mp.pk}

    @staticmethod
    def apportion(total: int, weights: Sequence[float]) -> list[int]:
        """Split `total` in proportion to `weights` (largest remainder), exactly."""
        whole = sum(weights)
        if total <= 0 or whole <= 0:
            return [0] * len(weights)
        raw = [total * w / whole for w in weights]
        counts = [int(r) for r in raw]
        by_remainder = sorted(range(len(raw)), key=lambda i: (counts[i] - raw[i], i))
        for i in by_remainder[: total - sum(counts)]:
            counts[i] += 1
        return counts

    # ------------------------------------------------------------ constituents
    def address(self, place: Place) -> Address:
        street, postcode = self.rng.choice(place.streets)
        number = self.rng.randint(1, 160)
        line_1 = f"{number} {street}"
        if self.rng.random() < 0.15:
            line_1 = f"Flat {self.rng.randint(1, 24)}, {line_1}"
        return Address(line_1, street, number, postcode, place)

    def build_constituents(self) -> None:
        rng = self.rng
        main = self.owner_of[self.councillor.pk]
        main_share = max(1, round(self.n_constituents * 0.06)) if self.n_constituents else 0
        rest = [o for o in self.owners if o is not main]
        counts = [main_share] + self.apportion(
            self.n_constituents - main_share, [o.weight for o in rest]
        )
        titles = {t: w for t, w in words.TITLES}
        people: list[Constituent] = []
        self.addresses: dict[int, Address] = {}
        for owner, count in zip([main, *rest], counts, strict=True):
            for _ in range(count):
                place = owner.place
                if place is None or rng.random() < 0.08:
                    place = rng.choices(self.places, weights=[p.weight for p in self.places])[0]
                address = self.address(place)
                first, last = rng.choice(words.FIRST_NAMES), rng.choice(words.LAST_NAMES)
                email = ""
                if rng.random() < 0.75:
                    domain = rng.choice(["example.com", "example.org"])
                    email = self.email_for(first, last, domain=domain)
                phone = self.phone() if rng.random() < 0.85 else ""
                if email and rng.random() < 0.6:
                    preferred = ContactMethod.EMAIL
                elif phone and rng.random() < 0.85:
                    preferred = ContactMethod.PHONE
                else:
                    preferred = rng.choice([ContactMethod.LETTER, ContactMethod.IN_PERSON])
                vulnerable = rng.random() < 0.03
                person = Constituent(
                    owner=owner.user,
                    title=self.weighted(titles),
                    first_name=first,
                    last_name=last,
                    address_line_1=address.line_1,
                    town=words.COUNCIL_TOWN,
                    postcode=address.postcode,
                    ward=place.ward,
                    email=email,
                    phone=phone,
                    preferred_contact=preferred,
                    accessibility_needs=(
                        rng.choice(words.ACCESSIBILITY_NEEDS) if rng.random() < 0.05 else ""
                    ),
                    is_vulnerable=vulnerable,
                    vulnerability_note=(
                        rng.choice(words.VULNERABILITY_NOTES) if vulnerable else ""
                    ),
                )
                owner.constituents.append(person)
                people.append(person)
                person._demo_address = address
        # Two likely duplicates in councillor@demo.test's list, to show duplicate warnings
        # and merging: same name and postcode as an earlier record, different contact details.
        pairs = zip(main.constituents[:2], main.constituents[-2:], strict=True)
        for original, copy in pairs if len(main.constituents) >= 6 else []:
            copy.first_name, copy.last_name = original.first_name, original.last_name
            copy.address_line_1, copy.postcode = original.address_line_1, original.postcode
            copy.ward, copy._demo_address = original.ward, original._demo_address
            copy.email = ""
        self.constituents = people

    # ------------------------------------------------------------------- cases
    def case_context(self, constituent: Constituent, service: ServiceArea, opened):
        rng = self.rng
        address: Address = constituent._demo_address
        place = address.place
        return {
            "street": address.street,
            "number": address.number,
            "ward": place.ward.name,
            "park": rng.choice(place.parks),
            "school": rng.choice(place.schools),
            "venue": rng.choice(words.VENUE_NAMES),
            "route": rng.choice(words.BUS_ROUTES),
            "application": f"{opened:%y}/{rng.randint(100, 2400):05d}/"
            + rng.choice(["FUL", "HOU", "OUT"]),
            "amount": f"{rng.choice([180, 240, 365, 420, 610, 890, 1250]):,}",
            "weeks": rng.choice(["two", "three", "four", "five", "six", "eight"]),
            "service": service.name,
        }

    def build_cases(self) -> None:
        rng = self.rng
        owners = [o for o in self.owners if o.constituents]
        counts = self.apportion(
            self.n_cases, [len(o.constituents) * rng.uniform(1.6, 3.2) for o in owners]
        )
        kinds = text.CASE_KINDS
        kind_weights = [k.weight for k in kinds]
        plans = []
        for owner, count in zip(owners, counts, strict=True):
            people = list(owner.constituents)
            rng.shuffle(people)
            for i in range(count):
                primary = people[i] if i < len(people) else rng.choice(people)
                extra = self.weighted(CONSTITUENTS_PER_CASE) - 1
                others = [p for p in rng.sample(people, min(len(people), extra + 1))]
                linked = [primary] + [p for p in others if p is not primary][:extra]
                kind = rng.choices(kinds, weights=kind_weights)[0]
                plans.append(self.plan_case(owner, kind, linked))
        # References follow the order cases were opened, per year, like the live service.
        plans.sort(key=lambda p: p.case.opened_at)
        per_year: dict[int, int] = defaultdict(int)
        for plan in plans:
            year = timezone.localtime(plan.case.opened_at).year
            per_year[year] += 1
            plan.case.reference = f"{REFERENCE_PREFIX}-{year}-{per_year[year]:05d}"
        for year, last in per_year.items():
            ReferenceSequence.objects.update_or_create(
                prefix=REFERENCE_PREFIX, year=year, defaults={"last_number": last}
            )
        self.write_cases(plans)

    def plan_case(self, owner: Owner, kind: text.CaseKind, linked: list[Constituent]):
        rng = self.rng
        service = self.services[kind.service]
        days_ago = int((rng.random() ** 1.4) * HISTORY_SPAN_DAYS)
        opened = self.moment(days_ago)
        ctx = self.case_context(linked[0], service, opened)
        channel = self.weighted(CHANNEL_WEIGHTS)
        if channel == Channel.CAMPAIGN and not kind.campaign:
            channel = Channel.EMAIL
        if days_ago < 14:
            closed_share = 0.25
        elif days_ago < 60:
            closed_share = 0.55
        elif days_ago < 180:
            closed_share = 0.85
        else:
            closed_share = 0.96
        closed = rng.random() < closed_share
        status = Status.CLOSED if closed else self.weighted(OPEN_STATUS_WEIGHTS)
        if not closed and days_ago > 180 and status == Status.OPEN:
            status = Status.AWAITING_COUNCIL  # long-running cases wait on somebody
        closed_at = outcome = None
        if closed:
            duration = min(rng.lognormvariate(2.3, 0.9), 150)
            if duration >= days_ago:
                duration = rng.uniform(0.1, max(days_ago, 0.2))
            closed_at = min(opened + dt.timedelta(days=duration), self.now)
            outcome = self.weighted(OUTCOME_WEIGHTS)
        follow_up = None
        if not closed and rng.random() < 0.85:
            follow_up = self.today + dt.timedelta(days=rng.randint(-21, 28))
            follow_up = max(follow_up, timezone.localdate(opened) + dt.timedelta(days=1))
        special = rng.random() < kind.special_share
        condition = ""
        if special:
            condition = kind.condition
            if rng.random() < 0.15:
                condition = (
                    SpecialCategoryCondition.SAFEGUARDING
                    if kind.service == "childrens-services"
                    else SpecialCategoryCondition.EXPLICIT_CONSENT
                )
        lawful_basis = self.weighted(
            {
                LawfulBasis.CONSTITUENT_REQUEST: 93,
                LawfulBasis.CONSENT: 5,
                LawfulBasis.LEGITIMATE_INTERESTS: 2,
            }
        )
        place = linked[0]._demo_address.place
        location = ""
        if rng.random() < 0.7:
            location = f"{ctx['number']} {ctx['street']}, {words.COUNCIL_TOWN}"
        case = Case(
            owner=owner.user,
            title=rng.choice(kind.titles).format(**ctx),
            description=rng.choice(kind.descriptions).format(**ctx),
            category=service,
            ward=place.ward,
            location=location,
            postcode=linked[0].postcode if location else "",
            channel=channel,
            status=status,
            outcome=outcome or "",
            priority=self.weighted(PRIORITY_WEIGHTS),
            follow_up_date=follow_up,
            lawful_basis=lawful_basis,
            has_special_category_data=special,
            special_category_condition=condition,
            opened_at=opened,
            closed_at=closed_at,
            created_at=opened,
            updated_at=closed_at or opened,
        )
        plan = CasePlan(case=case, owner=owner, kind=kind, constituents=linked, ctx=ctx)
        plan.entries = self.plan_timeline(plan)
        if plan.entries:
            case.updated_at = max(case.updated_at, plan.entries[-1].occurred_at)
        return plan

    def plan_timeline(self, plan: CasePlan) -> list[TimelineEntry]:
        """A believable story for the case, ending in its current status."""
        rng = self.rng
        case, kind, ctx = plan.case, plan.kind, plan.ctx
        labels = dict(Status.choices)
        steps: list[tuple[str, str, bool]] = []  # kind, body, sensitive
        status = Status.OPEN

        def say(entry_kind: str, body: str, *, sensitive: bool = False) -> None:
            steps.append((entry_kind, body.format(**ctx), sensitive))

        def move(to: str) -> None:
            nonlocal status
            if to != status:
                say(
                    EntryKind.STATUS_CHANGE,
                    f"Status changed from {labels[status]} to {labels[to]}",
                )
                status = to

        channel = case.channel
        say(INTAKE_KIND[channel], text.INTAKE_PREFIX[channel] + case.description)
        if case.has_special_category_data and kind.sensitive_notes:
            say(EntryKind.NOTE, rng.choice(kind.sensitive_notes), sensitive=True)
        if rng.random() < 0.45:
            reply_kind = {
                Channel.PHONE: EntryKind.CALL_OUT,
                Channel.LETTER: EntryKind.LETTER_OUT,
            }.get(channel, EntryKind.EMAIL_OUT)
            say(reply_kind, rng.choice(text.ACKNOWLEDGEMENTS))
        final = case.status
        if final == Status.OPEN:
            if rng.random() < 0.4:
                say(EntryKind.NOTE, "Looking into this before raising it with {service}.")
            return self.time_entries(plan, steps)
        if final == Status.AWAITING_THIRD_PARTY or (final == Status.CLOSED and rng.random() < 0.05):
            say(EntryKind.LETTER_OUT, rng.choice(text.THIRD_PARTY))
            move(Status.AWAITING_THIRD_PARTY)
            if final == Status.AWAITING_THIRD_PARTY:
                return self.time_entries(plan, steps)
        say(EntryKind.EMAIL_OUT, rng.choice(kind.raise_with_council))
        move(Status.AWAITING_COUNCIL)
        open_days = ((case.closed_at or self.now) - case.opened_at).days
        for _ in range(min(3, open_days // 20)):
            if rng.random() < 0.7:
                say(rng.choice([EntryKind.EMAIL_OUT, EntryKind.CALL_OUT]), rng.choice(text.CHASERS))
        if final == Status.AWAITING_COUNCIL:
            return self.time_entries(plan, steps)
        say(EntryKind.EMAIL_IN, rng.choice(kind.council_replies))
        update = rng.choice(text.UPDATES_TO_CONSTITUENT)
        if rng.random() < 0.7:
            if update.startswith(("Rang", "Left")):
                say(EntryKind.CALL_OUT, update)
            elif update.startswith("Wrote"):
                say(EntryKind.LETTER_OUT, update)
            else:
                say(EntryKind.EMAIL_OUT, update)
        if final == Status.AWAITING_CONSTITUENT or rng.random() < 0.1:
            say(EntryKind.EMAIL_OUT, rng.choice(text.ASK_CONSTITUENT))
            move(Status.AWAITING_CONSTITUENT)
            if final == Status.AWAITING_CONSTITUENT:
                return self.time_entries(plan, steps)
            say(EntryKind.EMAIL_IN, rng.choice(text.CONSTITUENT_REPLIES))
        if rng.random() < 0.6:
            say(EntryKind.NOTE, text.CLOSING_NOTES[case.outcome])
        steps.append(
            (
                EntryKind.STATUS_CHANGE,
                f"Status changed from {labels[status]} to Closed ({Outcome(case.outcome).label})",
                False,
            )
        )
        return self.time_entries(plan, steps)

    def time_entries(self, plan: CasePlan, steps) -> list[TimelineEntry]:
        rng = self.rng
        case, owner = plan.case, plan.owner
        end = case.closed_at or self.now
        times = sorted(self.between(case.opened_at, end) for _ in steps[1:])
        if case.closed_at and times:
            times[-1] = case.closed_at
        entries = []
        for (entry_kind, body, sensitive), at in zip(steps, [case.opened_at, *times], strict=True):
            author = owner.user
            if (
                owner.delegate
                and entry_kind != EntryKind.STATUS_CHANGE
                and at > owner.delegate_since
                and rng.random() < 0.3
            ):
                author = owner.delegate
            entries.append(
                TimelineEntry(
                    kind=entry_kind,
                    body=body,
                    is_sensitive=sensitive,
                    occurred_at=at,
                    author=author,
                    created_at=at,
                )
            )
        return entries

    # ------------------------------------------------------------------ writing
    def write_cases(self, plans: list[CasePlan]) -> None:
        rng = self.rng
        stamps = [
            (Constituent, "created_at"),
            (Constituent, "updated_at"),
            (Case, "created_at"),
            (Case, "updated_at"),
            (TimelineEntry, "created_at"),
            (CaseConstituent, "added_at"),
            (AuditEvent, "at"),
        ]
        # A constituent's record dates from their first case (or recently, if they have none).
        first_case: dict[int, Case] = {}
        for plan in plans:
            for person in plan.constituents:
                first_case.setdefault(id(person), plan.case)
        for person in self.constituents:
            case = first_case.get(id(person))
            person.created_at = person.updated_at = (
                case.opened_at if case else self.moment(rng.randint(0, 90))
            )
        with keep_timestamps(*stamps):
            Constituent.unrestricted.bulk_create(self.constituents, batch_size=BATCH)
            cases = [plan.case for plan in plans]
            Case.unrestricted.bulk_create(cases, batch_size=BATCH)
            links, entries = [], []
            for plan in plans:
                for person in plan.constituents:
                    links.append(
                        CaseConstituent(
                            case=plan.case, constituent=person, added_at=plan.case.opened_at
                        )
                    )
                for entry in plan.entries:
                    entry.case = plan.case
                    entries.append(entry)
            CaseConstituent.unrestricted.bulk_create(links, batch_size=BATCH)
            TimelineEntry.unrestricted.bulk_create(entries, batch_size=BATCH)
            shares = self.write_shares(plans)
            self.write_audit(plans, shares)

        # One initial history row per constituent and case, dated when they were created.
        for person in self.constituents:
            person._history_date, person._history_user = person.created_at, person.owner
        Constituent.history.bulk_history_create(self.constituents, batch_size=BATCH)
        for case in cases:
            case._history_date, case._history_user = case.opened_at, case.owner
            case._change_reason = "Case opened"
        Case.history.bulk_history_create(cases, batch_size=BATCH)

        self.write_consents(plans, first_case)
        tagged, related = self.write_tags_and_links(plans)
        self.counts.update(
            {
                "constituents": len(self.constituents),
                "cases": len(cases),
                "open cases": sum(1 for c in cases if c.status != Status.CLOSED),
                "timeline entries": len(entries) + self.extra_entries,
                "sensitive entries": sum(1 for e in entries if e.is_sensitive),
                "tagged cases": tagged,
                "related-case links": related,
                "case shares": len(shares),
            }
        )

    def write_shares(self, plans: list[CasePlan]) -> list[CaseShare]:
        """councillor@demo.test shares a few cases with colleague@demo.test (one revoked);
        some other ward colleagues share the odd case too."""
        rng = self.rng
        by_owner: dict[int, list[CasePlan]] = defaultdict(list)
        for plan in plans:
            by_owner[plan.case.owner_id].append(plan)
        shares: list[CaseShare] = []
        extra_entries: list[TimelineEntry] = []
        self.share_consents: list[tuple[CaseShare, CasePlan]] = []

        def share(plan: CasePlan, colleague: User, *, revoked: bool = False) -> None:
            case = plan.case
            method = rng.choice([ConsentMethod.VERBAL, ConsentMethod.EMAIL])
            how = "on the phone" if method == ConsentMethod.VERBAL else "by email"
            at = self.between(case.opened_at, case.closed_at or self.now)
            item = CaseShare(
                case=case,
                colleague=colleague,
                shared_by=case.owner,
                consent_method=method,
                consent_note=f"The resident agreed {how} that Cllr {colleague.full_name} "
                "can see this case.",
                shared_at=at,
            )
            entries = [
                TimelineEntry(
                    case=case,
                    kind=EntryKind.SHARING,
                    body=f"Shared with Cllr {colleague.full_name}",
                    occurred_at=at,
                    author=case.owner,
                    created_at=at,
                )
            ]
            if revoked:
                item.revoked_at = self.between(at, self.now)
                item.revoked_by = case.owner
                entries.append(
                    TimelineEntry(
                        case=case,
                        kind=EntryKind.SHARING,
                        body=f"Stopped sharing with Cllr {colleague.full_name}",
                        occurred_at=item.revoked_at,
                        author=case.owner,
                        created_at=item.revoked_at,
                    )
                )
            shares.append(item)
            extra_entries.extend(entries)
            self.share_consents.append((item, plan))

        main = by_owner.get(self.councillor.pk, [])
        open_main = [p for p in reversed(main) if p.case.status != Status.CLOSED]
        closed_main = [p for p in reversed(main) if p.case.status == Status.CLOSED]
        for plan in open_main[:4] + closed_main[:1]:
            share(plan, self.colleague)
        if len(open_main) > 4:
            share(open_main[4], self.colleague, revoked=True)
        ward_members: dict[int, list[User]] = defaultdict(list)
        for owner in self.owners:
            if owner.place is not None:
                ward_members[owner.place.ward.pk].append(owner.user)
        candidates = [
            o for o in self.owners if o.place is not None and o.user.pk not in self.fixed_ids()
        ]
        for owner in rng.sample(candidates, min(10, len(candidates))):
            mine = by_owner.get(owner.user.pk, [])
            colleagues = [u for u in ward_members[owner.place.ward.pk] if u != owner.user]
            for plan in rng.sample(mine, min(len(mine), rng.randint(1, 2))):
                share(plan, rng.choice(colleagues))
        CaseShare.unrestricted.bulk_create(shares)
        TimelineEntry.unrestricted.bulk_create(extra_entries)
        self.extra_entries = len(extra_entries)
        return shares

    def write_audit(self, plans: list[CasePlan], shares: list[CaseShare]) -> None:
        """An access log for councillor@demo.test, so 'who accessed my cases' has content."""
        rng = self.rng
        main = self.owner_of[self.councillor.pk]
        events: list[AuditEvent] = []

        def event(actor: User, action: str, case: Case, at: dt.datetime, obj=None, detail=""):
            obj = obj or case
            events.append(
                AuditEvent(
                    at=at,
                    actor=actor,
                    action=action,
                    object_type=obj._meta.label_lower,
                    object_id=str(obj.pk),
                    object_label=case.reference,
                    data_controller=case.owner,
                    detail=detail,
                )
            )

        for grant in self.grants:
            if grant.councillor_id == main.user.pk:
                events.append(
                    AuditEvent(
                        at=grant.granted_at,
                        actor=main.user,
                        action=Action.GRANT,
                        object_type=grant._meta.label_lower,
                        object_id=str(grant.pk),
                        object_label="Delegate access",
                        data_controller=main.user,
                        detail=f"Delegate user #{grant.delegate_id}",
                    )
                )
        for plan in plans:
            case = plan.case
            if case.owner_id != main.user.pk:
                continue
            event(plan.entries[0].author or main.user, Action.CREATE, case, case.opened_at)
            recent = (self.now - case.opened_at).days < 180
            for _ in range(rng.randint(1, 4) if recent else rng.randint(0, 1)):
                viewer = main.user
                if main.delegate and rng.random() < 0.3 and case.opened_at > main.delegate_since:
                    viewer = main.delegate
                event(viewer, Action.VIEW, case, self.between(case.opened_at, self.now))
        for item in shares:
            if item.shared_by_id != main.user.pk:
                continue
            who = f"user #{item.colleague_id}"
            event(main.user, Action.SHARE, item.case, item.shared_at, item, f"Shared with {who}")
            seen_at = self.between(item.shared_at, item.revoked_at or self.now)
            event(item.colleague, Action.VIEW, item.case, seen_at)
            if item.revoked_at:
                event(
                    main.user,
                    Action.UNSHARE,
                    item.case,
                    item.revoked_at,
                    item,
                    f"Stopped sharing with {who}",
                )
        AuditEvent.objects.bulk_create(events, batch_size=BATCH)
        self.counts["audit events"] = len(events)

    def write_consents(self, plans: list[CasePlan], first_case: dict[int, Case]) -> None:
        rng = self.rng
        records: list[ConsentRecord] = []
        for person in self.constituents:
            case = first_case.get(id(person))
            at = case.opened_at if case else person.created_at
            method = CONSENT_METHOD.get(case.channel if case else "", ConsentMethod.VERBAL)
            records.append(
                ConsentRecord(
                    constituent=person,
                    purpose=ConsentPurpose.CASEWORK,
                    method=method,
                    recorded_at=at,
                    recorded_by=person.owner,
                )
            )
            if person.preferred_contact == ContactMethod.EMAIL and rng.random() < 0.5:
                records.append(
                    ConsentRecord(
                        constituent=person,
                        purpose=ConsentPurpose.CONTACT_EMAIL,
                        method=method,
                        recorded_at=at,
                        recorded_by=person.owner,
                    )
                )
            elif person.phone and rng.random() < 0.03:
                records.append(
                    ConsentRecord(
                        constituent=person,
                        purpose=ConsentPurpose.CONTACT_PHONE,
                        given=False,
                        method=method,
                        recorded_at=at,
                        recorded_by=person.owner,
                        note="Asked not to be phoned at work.",
                    )
                )
        # The former councillor asked most of their constituents whether a successor may take
        # their case on: most agreed, a few have not answered yet.
        for person in self.constituents:
            if person.owner_id == self.former.pk and rng.random() < 0.7:
                records.append(
                    ConsentRecord(
                        constituent=person,
                        purpose=ConsentPurpose.HANDOVER,
                        method=ConsentMethod.EMAIL,
                        recorded_at=self.now - dt.timedelta(days=rng.randint(21, 40)),
                        recorded_by=self.former,
                        note="Asked before standing down.",
                    )
                )
        for item, plan in self.share_consents:
            for person in plan.constituents:
                records.append(
                    ConsentRecord(
                        constituent=person,
                        purpose=ConsentPurpose.SHARE_WARD_COLLEAGUES,
                        method=item.consent_method,
                        recorded_at=item.shared_at,
                        recorded_by=item.shared_by,
                        note=f"Case {plan.case.reference}",
                    )
                )
        ConsentRecord.unrestricted.bulk_create(records, batch_size=BATCH)
        self.counts["consent records"] = len(records)

    def write_tags_and_links(self, plans: list[CasePlan]) -> tuple[int, int]:
        rng = self.rng
        tags: list[Tag] = []
        for owner in self.owners:
            for name in rng.sample(words.TAG_POOL, rng.randint(4, 8)):
                tag = Tag(owner=owner.user, name=name)
                owner.tags.append(tag)
                tags.append(tag)
        Tag.unrestricted.bulk_create(tags, batch_size=BATCH)
        TagLink = Case.tags.through
        tag_links = []
        tagged = 0
        for plan in plans:
            r = rng.random()
            n = 2 if r < 0.08 else 1 if r < 0.36 else 0
            if n:
                tagged += 1
                for tag in rng.sample(plan.owner.tags, n):
                    tag_links.append(TagLink(case_id=plan.case.pk, tag_id=tag.pk))
        TagLink.objects.bulk_create(tag_links, batch_size=BATCH)

        # Related cases: the same owner, the same service, raised before.
        Link = Case.related_cases.through
        links = []
        seen: dict[tuple[int, str], list[Case]] = defaultdict(list)
        pairs = 0
        for plan in plans:
            key = (plan.case.owner_id, plan.kind.service)
            earlier = seen[key]
            if earlier and rng.random() < 0.04:
                other = rng.choice(earlier[-20:])
                links.append(Link(from_case_id=plan.case.pk, to_case_id=other.pk))
                links.append(Link(from_case_id=other.pk, to_case_id=plan.case.pk))
                pairs += 1
            earlier.append(plan.case)
        Link.objects.bulk_create(links, batch_size=BATCH)
        return tagged, pairs


@dataclass
class CasePlan:
    case: Case
    owner: Owner
    kind: text.CaseKind
    constituents: list[Constituent]
    ctx: dict
    entries: list[TimelineEntry] = field(default_factory=list)
