"""Demo data for Councillor Queries: a year of enquiries from councillors and the MP to the
council, the categories they are filed under, partner organisations and out-of-hours contacts.

Called by DemoCouncilBuilder.build() after the people and cases exist. Deterministic for the
builder's seed (its own `random.Random`, so the casework stays as it was); fast (bulk_create
through the `unrestricted` managers). Every name, organisation and number is invented:
organisations are "Demo..." bodies, phone numbers come from Ofcom's drama ranges and email
addresses are at example.org.

Placeholders filled in the text below: {street} {number} {ward} {park} {school} {venue} {route}.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from councillor_hub.accounts.models import User, UserRole
from councillor_hub.accounts.roles import Role
from councillor_hub.casework.models import (
    Case,
    CaseConstituent,
    EntryKind,
    ReferenceSequence,
    TimelineEntry,
)
from councillor_hub.core.models import ServiceArea
from councillor_hub.core.working_days import add_working_days, next_working_day_end
from councillor_hub.directory.models import ContactKind, OutOfHoursContact, PartnerKind
from councillor_hub.directory.models import PartnerOrganisation as Partner
from councillor_hub.enquiries.models import (
    OPEN_STATUSES,
    AlertKind,
    Enquiry,
    EnquiryAlert,
    EnquiryAssignment,
    EnquiryCategory,
    EnquiryEvent,
    EnquiryResponse,
    EnquiryStatus,
    EventKind,
    RaisedVia,
    RedirectProcess,
    ResponseStatus,
    SensitiveReason,
    ServiceLevel,
    Urgency,
    answer_working_days,
)
from councillor_hub.enquiries.services.alerts import alert_key
from councillor_hub.notifications.models import Notification

from . import words

if TYPE_CHECKING:
    from .builder import DemoCouncilBuilder, Owner

REFERENCE_PREFIX = "ENQ"
SPAN_DAYS = 365
BATCH = 500
WINTER = {11, 12, 1, 2, 3}

# How busy each service is with member enquiries (relative weights, by ServiceArea slug).
SERVICE_WEIGHTS = {
    "highways": 26,
    "parks-and-open-spaces": 13,
    "waste-and-recycling": 14,
    "regulatory-services": 10,
    "licensing": 8,
    "ict": 7,
    "housing": 6,
    "planning": 5,
    "council-tax": 4,
    "anti-social-behaviour": 3,
    "adult-social-care": 2,
    "childrens-services": 1,
    "other": 1,
}
SUGGESTED_URGENCY = {
    Urgency.STANDARD: 80,
    Urgency.URGENT: 11,
    Urgency.COMPLEX: 7,
    Urgency.EMERGENCY: 2,
}
RATINGS = {5: 44, 4: 31, 3: 12, 2: 7, 1: 6}
RATING_COMMENTS = {
    5: ["Thank you, a really clear answer.", "Quick and helpful, much appreciated."],
    4: ["Thanks, this is what I needed.", "Helpful, though it took a few days."],
    3: ["It answers the question but not when the work will happen."],
    2: ["This does not say what will be done or when."],
    1: ["The answer misses the point of my enquiry.", "Too slow, and no real answer."],
}
# Where a service often needs a partner organisation too: (partner name, share of enquiries).
PARTNER_FOR = {
    "highways": ("Demo Highways Contractor Ltd", 0.12),
    "anti-social-behaviour": ("Demoshire Police", 0.55),
    "housing": ("Riverside Homes housing association", 0.3),
    "adult-social-care": ("Demo Valley NHS Trust", 0.35),
    "waste-and-recycling": ("Demo Water", 0.02),
    "planning": ("Demoshire County Council", 0.08),
    "licensing": ("Demoshire Police", 0.08),
}
SENSITIVE_SHARE = {
    "adult-social-care": 0.3,
    "childrens-services": 0.35,
    "housing": 0.1,
    "anti-social-behaviour": 0.08,
}
REDIRECTS = {
    "adult-social-care": (
        RedirectProcess.SOCIAL_CARE_COMPLAINT,
        "This is a complaint about care provided, so it goes through the statutory adult "
        "social care complaints procedure. The complaints team will contact the resident "
        "within three working days.",
    ),
    "childrens-services": (
        RedirectProcess.CHILDRENS_COMPLAINT,
        "This is a complaint about children's services, which the statutory children's "
        "complaints procedure handles. We have passed it to the complaints team.",
    ),
    "waste-and-recycling": (
        RedirectProcess.SELF_SERVICE,
        "A single missed bin is quickest reported on the council website, which books the "
        "return visit straight away. We have logged this one for you.",
    ),
    "highways": (
        RedirectProcess.SELF_SERVICE,
        "Routine defects are reported on the council's Report It page, which sends them "
        "straight to the inspectors. We have logged this one for you.",
    ),
    "council-tax": (
        RedirectProcess.CORPORATE_COMPLAINT,
        "This is a complaint about how the account was handled, so it goes through the "
        "corporate complaints procedure. The resident will hear within ten working days.",
    ),
}
FOI_NOTE = (
    "This asks for information the council holds, so it is a freedom of information request. "
    "We have passed it to the information governance team, who will answer within 20 working "
    "days."
)


@dataclass(frozen=True)
class Kind:
    """An enquiry category and the text of enquiries filed under it."""

    name: str
    help_text: str
    subjects: tuple[str, ...]
    descriptions: tuple[str, ...]
    weight: int = 1
    winter_only: bool = False


HIGHWAYS = [
    Kind(
        "Potholes",
        "Holes and breaks in the road surface.",
        ("Potholes on {street}", "Dangerous pothole outside {number} {street}"),
        (
            "Residents report a deep pothole outside {number} {street}. Two cars have had "
            "punctures. Please can it be inspected and repaired?",
            "Several potholes along {street} have got worse since the frost. Please confirm "
            "when they will be repaired.",
        ),
        weight=5,
    ),
    Kind(
        "Street lighting",
        "Lights out, flickering or on in the daytime.",
        ("Street lights out on {street}", "Flickering street light, {street}"),
        (
            "Three street lights on {street} have been out for two weeks and residents feel "
            "unsafe walking home. Please arrange a repair.",
            "The light outside {number} {street} flickers all night. Please can it be fixed?",
        ),
        weight=3,
    ),
    Kind(
        "Road signs and markings",
        "Missing, damaged or faded signs and road markings.",
        ("Faded markings near {school}", "Damaged sign at the end of {street}"),
        (
            "The school keep clear markings outside {school} have worn away and parents park "
            "on them. Please can they be repainted?",
            "The give way sign at the junction of {street} was knocked down and has not been "
            "replaced.",
        ),
        weight=2,
    ),
    Kind(
        "Gritting",
        "Gritting routes and grit bins.",
        ("Grit bin empty on {street}", "Can {street} go on the gritting route?"),
        (
            "The grit bin on {street} is empty and the hill is icy. Please refill it.",
            "{street} is steep and was not gritted during the last frost. Residents ask if it "
            "can join the gritting route.",
        ),
        weight=3,
        winter_only=True,
    ),
    Kind(
        "Drainage and flooding",
        "Blocked gullies and standing water on the road.",
        ("Blocked drains on {street}", "Flooding on {street} after rain"),
        (
            "The gullies on {street} are blocked and water floods the pavement after every "
            "heavy shower. Please arrange a clean.",
        ),
        weight=2,
    ),
    Kind(
        "Pavements",
        "Trip hazards and damaged footways.",
        ("Broken paving on {street}",),
        (
            "Paving slabs outside {number} {street} have lifted and an older resident has "
            "already tripped. Please make it safe.",
        ),
        weight=2,
    ),
]
WASTE = [
    Kind(
        "Missed collection",
        "Bins that were not emptied on the scheduled day.",
        ("Missed recycling on {street}", "Repeated missed bins at {number} {street}"),
        (
            "The recycling on {street} was missed again this week, the third time this month. "
            "Please can the crew be reminded and the bins collected?",
            "Residents at {number} {street} say their general waste has been missed two weeks "
            "running.",
        ),
        weight=4,
    ),
    Kind(
        "Fly-tipping",
        "Rubbish dumped on public land.",
        ("Fly-tipping in the alley behind {street}", "Mattresses dumped on {street}"),
        (
            "Bags of rubbish and an old sofa have been dumped in the alley behind {street}. "
            "Please can it be cleared and the area checked for evidence?",
            "Two mattresses have been dumped by the bus stop on {street} for over a week.",
        ),
        weight=4,
    ),
    Kind(
        "Bulky waste",
        "Bulky item collections and bookings.",
        ("Bulky waste collection not made, {street}",),
        (
            "A resident at {number} {street} paid for a bulky waste collection that did not "
            "happen. Please rebook it and confirm the date.",
        ),
        weight=2,
    ),
    Kind(
        "Bins and containers",
        "New, damaged or stolen bins.",
        ("Replacement bin for {number} {street}",),
        (
            "A resident's wheelie bin was damaged by the collection lorry. Please arrange a "
            "replacement.",
        ),
    ),
]
PARKS = [
    Kind(
        "Grass cutting and maintenance",
        "Grass, hedges and general upkeep of parks and verges.",
        ("Grass not cut at {park}", "Overgrown verges on {street}"),
        (
            "The grass at {park} has not been cut for six weeks and the play area is hard to "
            "reach. When is the next cut?",
            "The verges on {street} are overgrown and block the view at the junction.",
        ),
        weight=3,
    ),
    Kind(
        "Play areas",
        "Damaged or unsafe play equipment.",
        ("Broken swing at {park}", "Play area gate at {park} will not close"),
        (
            "A swing at {park} is broken and has been taped off for a month. Please can it be "
            "repaired before the holidays?",
            "The gate to the play area at {park} does not close, so dogs get in.",
        ),
        weight=3,
    ),
    Kind(
        "Trees",
        "Council trees: overhanging, damaged or dangerous.",
        ("Overhanging tree on {street}", "Storm-damaged tree in {park}"),
        (
            "A council tree on {street} overhangs gardens and blocks light. Residents ask for "
            "it to be pruned.",
            "A large branch is hanging loose from a tree near the path in {park} after the storm.",
        ),
        weight=3,
    ),
    Kind(
        "Park facilities",
        "Toilets, benches, bins and lighting in parks.",
        ("Toilets closed at {park}",),
        ("The public toilets at {park} have been closed for weeks. When will they reopen?",),
    ),
]
REGULATORY = [
    Kind(
        "Noise",
        "Noise from homes, businesses and events.",
        ("Late-night noise from {venue}", "Barking dog on {street}"),
        (
            "Residents near {venue} are kept awake by amplified music until 2am at weekends. "
            "What can the noise team do?",
            "A dog on {street} barks for hours while its owners are out. Neighbours have kept "
            "a diary.",
        ),
        weight=4,
    ),
    Kind(
        "Food safety",
        "Hygiene concerns about food businesses.",
        ("Hygiene concerns at a takeaway on {street}",),
        (
            "A resident saw rubbish piled at the back of a takeaway on {street} and is "
            "worried about hygiene. Please can it be inspected?",
        ),
        weight=2,
    ),
    Kind(
        "Pest control",
        "Rats, wasps and other pests on public or private land.",
        ("Rats in gardens on {street}",),
        (
            "Several households on {street} have seen rats in their gardens. Please can the "
            "pest control team investigate the source?",
        ),
        weight=3,
    ),
]
LICENSING = [
    Kind(
        "Premises licences",
        "Pubs, bars, shops and late-night venues.",
        ("Licence conditions at {venue}", "New licence application, {street}"),
        (
            "Residents say {venue} ignores its licence condition to close the beer garden at "
            "10pm. Please can licensing check?",
            "Residents want to know how to comment on a new premises licence application on "
            "{street}.",
        ),
        weight=3,
    ),
    Kind(
        "Taxi and private hire",
        "Licensed taxi drivers and vehicles.",
        ("Taxis idling on {street}",),
        (
            "Taxis wait with engines running outside the station end of {street} late at "
            "night. Can licensing remind drivers of the rules?",
        ),
        weight=2,
    ),
    Kind(
        "Street trading",
        "Street trading consents and markets.",
        ("Street trader blocking the pavement on {street}",),
        ("A food van on {street} blocks the pavement. Does it have a street trading consent?",),
    ),
]
HOUSING = [
    Kind(
        "Council housing repairs",
        "Repairs to council homes.",
        ("Damp and mould at a council flat on {street}",),
        (
            "A tenant on {street} has black mould in two rooms and a child with asthma. "
            "Please can a surveyor visit urgently?",
        ),
        weight=3,
    ),
    Kind(
        "Homelessness",
        "Advice and help for people at risk of homelessness.",
        ("Family facing eviction in {ward}",),
        (
            "A family in {ward} have a section 21 notice. Please can housing options contact "
            "them about their options?",
        ),
        weight=2,
    ),
    Kind(
        "Housing applications",
        "The housing register and bidding.",
        ("Housing register banding query",),
        (
            "A resident would like their housing register banding reviewed given new medical "
            "evidence.",
        ),
    ),
]
PLANNING = [
    Kind(
        "Planning applications",
        "Progress and decisions on applications.",
        ("Progress of an application on {street}",),
        (
            "Residents ask when the application for the site on {street} will go to committee "
            "and how they can speak.",
        ),
        weight=2,
    ),
    Kind(
        "Planning enforcement",
        "Building work that may not have permission.",
        ("Extension built without permission on {street}?",),
        (
            "Neighbours think a large rear extension at {number} {street} does not match the "
            "approved plans. Please can enforcement look?",
        ),
        weight=2,
    ),
]
COUNCIL_TAX = [
    Kind(
        "Bills and payments",
        "Bills, instalments and arrears.",
        ("Council tax bill query",),
        (
            "A resident has been billed twice for the same period after moving home. Please "
            "can the account be corrected?",
        ),
        weight=2,
    ),
    Kind(
        "Discounts and exemptions",
        "Single person discount, reductions and exemptions.",
        ("Single person discount removed",),
        (
            "A widowed resident's single person discount was removed without explanation. "
            "Please can it be checked?",
        ),
    ),
]
ASB = [
    Kind(
        "Antisocial behaviour",
        "Persistent nuisance and intimidation.",
        ("Groups causing trouble near {park}", "Motorbikes on the paths at {park}"),
        (
            "Groups gather near {park} at night, lighting fires and shouting. Residents want "
            "to know what the council and police will do.",
            "Off-road motorbikes use the paths in {park} in the evenings.",
        ),
    ),
]
ADULT_SOCIAL_CARE = [
    Kind(
        "Care assessments",
        "Needs assessments and care packages.",
        ("Care assessment delay for a resident in {ward}",),
        (
            "An older resident in {ward} has waited two months for a care needs assessment "
            "after leaving hospital. Please can it be chased?",
        ),
    ),
]
CHILDRENS = [
    Kind(
        "Early help and family support",
        "Family support and school-related help.",
        ("Support for a family in {ward}",),
        (
            "A family in {ward} would like to know what early help is available while they "
            "wait for an assessment.",
        ),
    ),
]
ICT = [
    Kind(
        "Members' devices",
        "Laptops, tablets and phones issued to members.",
        ("Council laptop will not start", "Replacement phone needed"),
        (
            "My council laptop shows a blue screen on start-up. Please can someone look at it "
            "before Thursday's committee?",
            "My council phone has a cracked screen. Please can I have a replacement?",
        ),
        weight=3,
    ),
    Kind(
        "Email and accounts",
        "Council email, passwords and multi-factor sign-in.",
        ("Locked out of council email", "Multi-factor sign-in on a new phone"),
        (
            "I am locked out of my council email after changing my password. Please reset it.",
            "I have a new phone and need to move my multi-factor sign-in to it.",
        ),
        weight=3,
    ),
    Kind(
        "Meeting papers and apps",
        "The committee papers app and remote meeting tools.",
        ("Committee papers app not syncing",),
        ("The papers app has not downloaded the agenda for next week's meeting.",),
    ),
]
OTHER = [
    Kind(
        "General enquiry",
        "Anything that does not fit another category.",
        ("Question about a council event in {ward}",),
        ("Residents ask who to contact about booking the community hall in {ward}.",),
    ),
]
KINDS: dict[str, list[Kind]] = {
    "highways": HIGHWAYS,
    "waste-and-recycling": WASTE,
    "parks-and-open-spaces": PARKS,
    "regulatory-services": REGULATORY,
    "licensing": LICENSING,
    "housing": HOUSING,
    "planning": PLANNING,
    "council-tax": COUNCIL_TAX,
    "anti-social-behaviour": ASB,
    "adult-social-care": ADULT_SOCIAL_CARE,
    "childrens-services": CHILDRENS,
    "ict": ICT,
    "other": OTHER,
}

# Answers per service: the officer's reply, checked and sent by the member support team.
ANSWERS: dict[str, tuple[str, ...]] = {
    "highways": (
        "Our inspector visited {street} and the defect meets our intervention level. A repair "
        "is booked within the next 28 days and we will put up signs the day before.",
        "The inspector has made the defect on {street} safe with a temporary repair. The road "
        "is on next year's resurfacing programme.",
        "We checked {street}: the defect is below our intervention depth, so we will look at "
        "it again at the next routine inspection in three months.",
    ),
    "waste-and-recycling": (
        "Sorry for the missed collections on {street}. The crew collected the bins today and "
        "the round supervisor has briefed them. We will monitor the next four collections.",
        "The fly-tipping has been cleared. Our enforcement officers found evidence and are "
        "following it up.",
    ),
    "parks-and-open-spaces": (
        "The grounds team visited {park} this week and the work is done. It is on the regular "
        "schedule from now on.",
        "Our tree officer inspected the tree and pruning is booked for next month. The tree "
        "is healthy and safe.",
        "The replacement parts are ordered and the play equipment at {park} will be repaired "
        "within three weeks.",
    ),
    "regulatory-services": (
        "An officer has written to the people responsible and opened a case. Residents can "
        "keep a diary on the sheets we have sent, and we will review in four weeks.",
        "Our officers inspected and found no immediate risk. They will revisit unannounced.",
    ),
    "licensing": (
        "Our licensing officers visited and reminded the operator of their conditions. We "
        "will carry out further checks in the evening over the next month.",
        "The application is on the public register; comments can be made until the date "
        "shown on the notice.",
    ),
    "housing": (
        "A surveyor will visit next week and the repair is booked. The housing officer will "
        "stay in touch with the tenant.",
        "A housing options officer has contacted the resident and arranged an appointment.",
    ),
    "planning": (
        "The case officer expects the application to go to the committee next month. Details "
        "of how to speak are on the council website.",
        "Our enforcement officer visited and has asked the owner to apply for permission.",
    ),
    "council-tax": (
        "We have corrected the account and sent a new bill. Any overpayment is refunded "
        "within ten working days.",
    ),
    "anti-social-behaviour": (
        "The community safety team and the police have increased patrols and are working "
        "with the youth service. We will update you after the next partnership meeting.",
    ),
    "adult-social-care": (
        "The assessment is booked for next week and the social worker has been in touch with "
        "the family.",
    ),
    "childrens-services": ("The early help team has contacted the family and arranged a visit.",),
    "ict": (
        "The ICT service desk has fixed this; please restart your device. Call the desk if "
        "it happens again.",
        "A replacement device is ready to collect from the civic centre reception.",
    ),
    "other": ("The right team has the details and will contact you directly.",),
}

PARTNERS = [
    ("Demoshire Police", PartnerKind.POLICE, "neighbourhood.policing@police.example.org"),
    ("Demo Valley NHS Trust", PartnerKind.NHS, "patient.liaison@nhs.example.org"),
    (
        "Riverside Homes housing association",
        PartnerKind.HOUSING_ASSOCIATION,
        "councillor.enquiries@riversidehomes.example.org",
    ),
    ("Demo Highways Contractor Ltd", PartnerKind.CONTRACTOR, "contract.manager@example.com"),
    ("Demoshire County Council", PartnerKind.COUNTY_COUNCIL, "member.enquiries@county.example.org"),
    ("Demo Water", PartnerKind.UTILITY, "stakeholders@demowater.example.com"),
]
# Out-of-hours cover for the busiest services: (slug, name stem, hours).
OUT_OF_HOURS_SERVICES = [
    ("highways", "Highways", "Dangerous roads, fallen trees and flooding"),
    ("waste-and-recycling", "Street cleansing", "Hazardous spills and dangerous fly-tipping"),
    ("regulatory-services", "Noise and nuisance", "The night-time noise patrol"),
    ("housing", "Housing", "Emergency repairs and homelessness"),
    ("parks-and-open-spaces", "Parks", "Dangerous trees and damage in parks"),
    ("licensing", "Licensing", "Serious problems at licensed premises"),
]


@dataclass
class Plan:
    enquiry: Enquiry
    service: ServiceArea
    ctx: dict
    events: list[EnquiryEvent] = field(default_factory=list)
    assignments: list[EnquiryAssignment] = field(default_factory=list)
    responses: list[EnquiryResponse] = field(default_factory=list)
    alerts: list[EnquiryAlert] = field(default_factory=list)
    viewers: list[User] = field(default_factory=list)
    duplicate: bool = False


class EnquiryDemo:
    """Plans and writes the enquiries; `build()` returns the counts for the summary."""

    def __init__(self, builder: DemoCouncilBuilder, *, enquiries: int):
        self.b = builder
        self.rng = random.Random(f"enquiries-{builder.seed}")
        self.n = max(0, enquiries)
        self.now = builder.now
        self.counts: dict[str, int] = {}

    # ----------------------------------------------------------------- helpers
    def weighted(self, weights: dict):
        keys = list(weights)
        return self.rng.choices(keys, weights=[weights[k] for k in keys])[0]

    def after(self, start: dt.datetime, low_hours: float, high_hours: float) -> dt.datetime:
        return start + dt.timedelta(hours=self.rng.uniform(low_hours, high_hours))

    def between(self, start: dt.datetime, end: dt.datetime) -> dt.datetime:
        if end <= start:
            return start
        return start + (end - start) * self.rng.random()

    def received(self, days_ago: float) -> dt.datetime:
        """A time about `days_ago` days back; mostly in the working day, fewer at weekends."""
        rng = self.rng
        day = timezone.localdate(self.now) - dt.timedelta(days=int(days_ago))
        if day.weekday() >= 5 and rng.random() < 0.7:
            day -= dt.timedelta(days=day.weekday() - 4)  # the Friday before
        hour = rng.choice([7, 8, 9, 9, 10, 10, 11, 12, 13, 14, 14, 15, 16, 17, 19, 21])
        at = timezone.make_aware(dt.datetime.combine(day, dt.time(hour, rng.randint(0, 59))))
        return min(at, self.now - dt.timedelta(hours=rng.uniform(1, 6)))

    # ------------------------------------------------------------------- build
    def build(self) -> dict[str, int]:
        self.build_taxonomy()
        self.build_directory()
        self.load_people()
        if self.n:
            plans = self.plan_all()
            self.write(plans)
            self.write_notifications(plans)
        return self.counts

    def build_taxonomy(self) -> None:
        b = self.b
        ict, _ = ServiceArea.objects.get_or_create(
            slug="ict",
            defaults={
                "name": "ICT",
                "description": "Members' laptops, phones, email and council systems.",
                "sort_order": 115,
            },
        )
        b.services["ict"] = ict
        self.services = {slug: b.services[slug] for slug in KINDS if slug in b.services}
        existing = {(c.service_area_id, c.name) for c in EnquiryCategory.objects.all()}
        new = []
        for slug, kinds in KINDS.items():
            service = self.services.get(slug)
            if service is None:
                continue
            for kind in kinds:
                if (service.pk, kind.name) not in existing:
                    new.append(
                        EnquiryCategory(
                            service_area=service, name=kind.name, help_text=kind.help_text
                        )
                    )
        EnquiryCategory.objects.bulk_create(new)
        self.categories = {(c.service_area_id, c.name): c for c in EnquiryCategory.objects.all()}
        self.counts["enquiry categories"] = len(self.categories)

    def build_directory(self) -> None:
        b, rng = self.b, self.rng
        today = timezone.localdate(self.now)
        partners = []
        for name, kind, email in PARTNERS:
            first, last = b.person_name()
            partners.append(
                Partner(
                    name=name,
                    kind=kind,
                    contact_name=f"{first} {last}",
                    email=email,
                    phone=b.phone(),
                    notes="Fictional organisation in the demo council.",
                )
            )
        Partner.objects.bulk_create(partners)
        self.partners = {p.name: p for p in partners}

        def review(overdue: bool = False) -> dt.date:
            if overdue:
                return today - dt.timedelta(days=rng.randint(10, 60))
            return today + dt.timedelta(days=rng.randint(30, 330))

        contacts = []
        for i, (slug, stem, notes) in enumerate(OUT_OF_HOURS_SERVICES):
            service = b.services.get(slug)
            if service is None:
                continue
            mailbox = f"{slug.split('-')[0]}.oncall@council.example.org"
            contacts += [
                OutOfHoursContact(
                    service_area=service,
                    kind=ContactKind.OUT_OF_HOURS,
                    name=f"{stem} out-of-hours line",
                    phone=b.phone(),
                    hours="5pm to 9am on weekdays, and all weekend",
                    notes=notes,
                    review_date=review(overdue=i == 1),
                ),
                OutOfHoursContact(
                    service_area=service,
                    kind=ContactKind.ON_CALL,
                    name=f"{stem} duty officer (on-call rota)",
                    phone=b.phone(),
                    email=mailbox,
                    hours="24 hours, for emergencies only",
                    notes="The rota changes every Monday at 9am.",
                    review_date=review(overdue=i == 3),
                ),
                OutOfHoursContact(
                    service_area=service,
                    kind=ContactKind.BANK_HOLIDAY,
                    name=f"{stem} bank holiday cover",
                    phone=b.phone(),
                    hours="Bank holidays, 8am to 8pm",
                    review_date=review(),
                ),
            ]
        contacts += [
            OutOfHoursContact(
                kind=ContactKind.MAJOR_INCIDENT,
                name="Emergency planning duty officer",
                phone=b.phone(),
                email="emergency.planning@council.example.org",
                hours="24 hours",
                notes="For major incidents: flooding, fires, evacuations, rest centres.",
                review_date=review(),
            ),
            OutOfHoursContact(
                kind=ContactKind.SAFEGUARDING,
                name="Safeguarding hub (children and adults)",
                phone=b.phone(),
                email="safeguarding@council.example.org",
                hours="9am to 5pm; the emergency duty team out of hours",
                notes="Concerns that a child or adult is at risk of harm.",
                review_date=review(),
            ),
            OutOfHoursContact(
                kind=ContactKind.SAFEGUARDING,
                name="Emergency duty team (social care)",
                phone=b.phone(),
                hours="5pm to 9am, weekends and bank holidays",
                review_date=review(),
            ),
        ]
        OutOfHoursContact.objects.bulk_create(contacts)
        self.counts["partner organisations"] = len(partners)
        self.counts["out-of-hours contacts"] = len(contacts)

    def load_people(self) -> None:
        """Who works on enquiries: an ICT team is added (the casework demo has none)."""
        b = self.b
        ict = self.services["ict"]
        officers = []
        for _ in range(2):
            first, last = b.person_name()
            user = User(
                email=b.email_for(first, last, domain="example.org"),
                full_name=f"{first} {last}",
                date_joined=b.term_start,
            )
            user.set_unusable_password()
            officers.append(user)
        User.objects.bulk_create(officers)
        roles = [UserRole(user=officers[0], role=Role.SERVICE_OFFICER, service_area=ict)]
        roles.append(UserRole(user=officers[1], role=Role.SERVICE_MANAGER, service_area=ict))
        director = (
            UserRole.objects.filter(role=Role.DIRECTOR, service_area__slug="council-tax")
            .values_list("user_id", flat=True)
            .first()
        )
        if director:
            roles.append(UserRole(user_id=director, role=Role.DIRECTOR, service_area=ict))
        UserRole.objects.bulk_create(roles)
        b.counts["users"] = b.counts.get("users", 0) + len(officers)

        self.officers: dict[int, list[User]] = defaultdict(list)
        for role in (
            UserRole.objects.filter(role=Role.SERVICE_OFFICER, service_area__isnull=False)
            .select_related("user")
            .order_by("service_area_id", "user__email")
        ):
            self.officers[role.service_area_id].append(role.user)
        self.support_team = [
            r.user
            for r in UserRole.objects.filter(role=Role.MEMBER_SUPPORT_OFFICER)
            .select_related("user")
            .order_by("user__email")
        ]
        self.support = b.support
        self.highways_officer = User.objects.get(email="highways@demo.test")

    # ---------------------------------------------------------------- planning
    def plan_all(self) -> list[Plan]:
        b, rng, n = self.b, self.rng, self.n
        main = b.owner_of[b.councillor.pk]
        others = [o for o in b.owners if o is not main]
        mp = b.owner_of[b.mp.pk]
        weights = [o.weight * (2.5 if o is mp else 1) for o in others]
        n_main = min(n, max(8, round(n * 0.016)))
        n_new = min(4, max(2, n // 50))  # with the untriaged arrivals, a queue of about ten
        n_overdue = min(8, max(1, n // 100))
        slugs = list(SERVICE_WEIGHTS)
        slug_weights = [SERVICE_WEIGHTS[s] for s in slugs]

        def service() -> str:
            return rng.choices(slugs, weights=slug_weights)[0]

        def days_ago() -> float:
            return rng.uniform(0, SPAN_DAYS)

        plans: list[Plan] = []
        # councillor@demo.test: a few to try things on, some from their casework, the rest
        # spread over the year.
        hours_ago = dt.timedelta(hours=1)
        specials = [
            ("highways", self.now - dt.timedelta(days=4), "open", self.highways_officer),
            ("parks-and-open-spaces", self.now - dt.timedelta(days=2), "open", None),
            ("waste-and-recycling", self.now - dt.timedelta(days=6), "awaiting", None),
            ("highways", self.now - dt.timedelta(days=8), "answered_recent", None),
            ("regulatory-services", self.now - 3 * hours_ago, "new", None),
        ]
        for slug, at, fate, officer in specials[:n_main]:
            plans.append(self.plan(main, slug, at, fate=fate, officer=officer))
        cases = self.cases_for(main, n=min(5, max(0, n_main - len(specials))))
        for case, constituent in cases:
            at = self.between(case.opened_at + dt.timedelta(hours=2), case.closed_at or self.now)
            at = min(at, self.now - dt.timedelta(hours=6))
            plans.append(
                self.plan(main, case.category.slug, at, case=case, constituent=constituent)
            )
        while len(plans) < n_main:
            plans.append(self.plan(main, service(), self.received(days_ago())))

        # Open Highways enquiries for highways@demo.test, and the support team's queue.
        for fate in ["open", "ready"][: max(0, n - len(plans))]:
            owner = rng.choices(others, weights=weights)[0]
            at = self.now - dt.timedelta(days=rng.uniform(1, 5))
            plans.append(self.plan(owner, "highways", at, fate=fate))
        # Long-running ones, overdue and escalated.
        for _ in range(min(n_overdue, n - len(plans))):
            owner = rng.choices(others, weights=weights)[0]
            slug = rng.choice(
                [
                    "highways",
                    "parks-and-open-spaces",
                    "waste-and-recycling",
                    "regulatory-services",
                    "licensing",
                    "housing",
                ]
            )
            plans.append(self.plan(owner, slug, self.received(rng.uniform(9, 45)), fate="open"))
        # At least one redirected to another process and one duplicate.
        for fate in ["redirect", "duplicate"][: max(0, n - len(plans))]:
            owner = rng.choices(others, weights=weights)[0]
            at = self.received(rng.uniform(3, 60))
            plans.append(self.plan(owner, service(), at, fate=fate))
        for _ in range(min(n_new - 1, n - len(plans))):
            owner = rng.choices(others, weights=weights)[0]
            at = self.now - dt.timedelta(hours=rng.uniform(0.3, 20))
            plans.append(self.plan(owner, service(), at, fate="new"))
        while len(plans) < n:
            owner = rng.choices(others, weights=weights)[0]
            plans.append(self.plan(owner, service(), self.received(days_ago())))

        plans.sort(key=lambda p: p.enquiry.received_at)
        self.number(plans)
        self.link_duplicates(plans)
        return plans

    def cases_for(self, owner: Owner, n: int) -> list[tuple[Case, str]]:
        """The owner's most recent cases in a service that takes enquiries, with the first
        constituent's name (the personal data the councillor chose to send)."""
        if n <= 0:
            return []
        cases = list(
            Case.unrestricted.filter(owner=owner.user, category__slug__in=list(self.services))
            .select_related("category")
            .order_by("-opened_at")[: n * 3]
        )
        chosen = [c for c in cases if c.opened_at < self.now - dt.timedelta(days=1)][::3][:n]
        names = {}
        for link in (
            CaseConstituent.unrestricted.filter(case__in=chosen)
            .select_related("constituent")
            .order_by("case_id", "pk")
        ):
            names.setdefault(link.case_id, link.constituent)
        result = []
        for case in chosen:
            person = names.get(case.pk)
            result.append((case, person))
        return result

    def context(self, owner: Owner) -> tuple[dict, object]:
        rng = self.rng
        place = owner.place
        if place is None or rng.random() < 0.05:
            place = rng.choices(self.b.places, weights=[p.weight for p in self.b.places])[0]
        street, postcode = rng.choice(place.streets)
        ctx = {
            "street": street,
            "postcode": postcode,
            "number": rng.randint(1, 160),
            "ward": place.ward.name,
            "park": rng.choice(place.parks),
            "school": rng.choice(place.schools),
            "venue": rng.choice(words.VENUE_NAMES),
            "route": rng.choice(words.BUS_ROUTES),
        }
        return ctx, place

    def kind_for(self, slug: str, at: dt.datetime) -> Kind:
        month = timezone.localtime(at).month
        kinds = [k for k in KINDS[slug] if not k.winter_only or month in WINTER]
        return self.rng.choices(kinds, weights=[k.weight for k in kinds])[0]

    def plan(
        self,
        owner: Owner,
        slug: str,
        received: dt.datetime,
        *,
        fate: str = "auto",
        officer: User | None = None,
        case: Case | None = None,
        constituent=None,
    ) -> Plan:
        rng = self.rng
        service = self.services.get(slug) or self.services["other"]
        slug = service.slug
        kind = self.kind_for(slug, received)
        category = self.categories[(service.pk, kind.name)]
        ctx, place = self.context(owner)
        member = owner.user
        suggested = self.weighted(SUGGESTED_URGENCY)
        if fate != "auto" and suggested == Urgency.EMERGENCY:
            suggested = Urgency.URGENT
        raised_by, via = member, RaisedVia.PORTAL
        r = rng.random()
        if owner.delegate and received > owner.delegate_since and r < 0.3:
            raised_by = owner.delegate
        elif r > 0.8 and fate not in ("new",):
            raised_by = rng.choice(self.support_team)
            via = self.weighted({RaisedVia.EMAIL: 6, RaisedVia.PHONE: 3, RaisedVia.OFFICER: 1})
        in_place = slug not in ("ict", "council-tax", "adult-social-care", "childrens-services")
        enquiry = Enquiry(
            member=member,
            raised_by=raised_by,
            raised_via=via,
            service_area=service,
            category=category,
            subject=rng.choice(kind.subjects).format(**ctx),
            description=rng.choice(kind.descriptions).format(**ctx),
            location=f"{ctx['number']} {ctx['street']}, {words.COUNCIL_TOWN}" if in_place else "",
            postcode=ctx["postcode"] if in_place and rng.random() < 0.8 else "",
            ward=place.ward if slug != "ict" else None,
            suggested_urgency=suggested,
            received_at=received,
            created_at=received,
            updated_at=received,
        )
        if case is not None:
            enquiry.case = case
            if constituent is not None:
                enquiry.constituent_name = constituent.full_name
                enquiry.constituent_address = "\n".join(constituent.address_lines)
                enquiry.constituent_email = constituent.email
        elif in_place and slug != "ict" and rng.random() < 0.25:
            first, last = rng.choice(words.FIRST_NAMES), rng.choice(words.LAST_NAMES)
            enquiry.constituent_name = f"{first} {last}"
            enquiry.constituent_address = enquiry.location
        plan = Plan(enquiry=enquiry, service=service, ctx=ctx)
        self.event(plan, EventKind.RAISED, received, raised_by, "Enquiry raised.")
        if (case is None and rng.random() < SENSITIVE_SHARE.get(slug, 0.01)) and fate == "auto":
            enquiry.is_sensitive = True
            enquiry.sensitive_reason = (
                SensitiveReason.SAFEGUARDING
                if slug in ("childrens-services", "adult-social-care") and rng.random() < 0.6
                else SensitiveReason.PERSONAL
            )

        if fate == "new":
            return plan
        triager = self.support if rng.random() < 0.35 else rng.choice(self.support_team)
        triaged = min(
            self.after(received, 0.3, 20),
            next_working_day_end(received) - dt.timedelta(minutes=rng.randint(5, 300)),
        )
        triaged = max(triaged, received + dt.timedelta(minutes=10))
        if fate == "auto" and triaged >= self.now:
            return plan  # still in the triage queue
        triaged = min(triaged, self.now - dt.timedelta(minutes=30))
        enquiry.triaged_at = triaged
        enquiry.updated_at = triaged

        # Redirected to another process, or a duplicate (linked once all are planned).
        r = rng.random()
        if fate == "redirect" or (fate == "auto" and r < 0.035):
            process, note = REDIRECTS.get(slug, (RedirectProcess.FOI, FOI_NOTE))
            if rng.random() < 0.2:
                process, note = RedirectProcess.FOI, FOI_NOTE
            enquiry.status = EnquiryStatus.REDIRECTED
            enquiry.redirect_process, enquiry.redirect_note = process, note
            enquiry.closed_at = triaged
            self.event(plan, EventKind.REDIRECTED, triaged, triager, note)
            return plan
        if fate == "duplicate" or (fate == "auto" and r < 0.055):
            enquiry.status = EnquiryStatus.DUPLICATE
            enquiry.closed_at = triaged
            plan.duplicate = True
            self.event(plan, EventKind.DUPLICATE, triaged, triager, "")
            return plan

        urgency = suggested
        if urgency == Urgency.EMERGENCY and rng.random() < 0.3:
            urgency = Urgency.URGENT
        elif urgency == Urgency.URGENT and rng.random() < 0.35:
            urgency = Urgency.STANDARD
        elif urgency == Urgency.STANDARD and slug in ("planning", "housing") and rng.random() < 0.2:
            urgency = Urgency.COMPLEX
        enquiry.urgency = urgency
        self.event(
            plan,
            EventKind.TRIAGED,
            triaged,
            triager,
            f"Checked and sent to {service.name}. Urgency: {Urgency(urgency).label}.",
        )
        holder = self.route(plan, triaged, triager, officer)
        level = self.levels[urgency]
        if level.clock_hours:
            due = received + dt.timedelta(hours=level.clock_hours)
            plan.alerts.append(self.alert(plan, AlertKind.EMERGENCY_ON_CALL, None, triaged))
            self.event(
                plan,
                EventKind.ESCALATED,
                triaged,
                None,
                f"Emergency: on-call contact alerted ({plan.service.name} duty officer).",
                False,
            )
        else:
            due = add_working_days(received, level.working_days or 5)
        acknowledged = min(self.after(triaged, 0.1, 4), next_working_day_end(received), self.now)
        acknowledged = max(acknowledged, triaged)
        enquiry.acknowledged_at = acknowledged
        self.event(
            plan,
            EventKind.ACKNOWLEDGED,
            acknowledged,
            triager,
            f"Your enquiry is with {holder} ({service.name}). We aim to answer by "
            f"{timezone.localtime(due):%-d %B %Y}.",
        )

        # When the answer goes out: mostly on time, some late, a few long-running.
        if fate == "answered_recent":
            answered = self.now - dt.timedelta(hours=rng.uniform(3, 20))
        elif fate in ("open", "awaiting", "ready"):
            answered = None
        elif level.clock_hours:
            answered = self.after(acknowledged, 0.5, level.clock_hours * 1.1)
        elif rng.random() < 0.85:
            answered = self.between(acknowledged + dt.timedelta(hours=2), due)
        else:
            late = min(rng.lognormvariate(1.2, 0.8), 25)
            if rng.random() < 0.05:
                late = rng.uniform(30, 90)
            answered = due + dt.timedelta(days=late)

        # More information from the member: the clock stops while we wait.
        if fate == "awaiting" or (fate == "auto" and rng.random() < 0.06):
            asked = self.between(acknowledged, min(due, answered or due, self.now))
            enquiry.paused_at = asked
            self.event(
                plan,
                EventKind.INFO_REQUESTED,
                asked,
                triager,
                "Please can you tell us exactly where this is, or send a photo?",
            )
            replied = self.after(asked, 4, 80)
            if fate == "awaiting" or replied >= self.now:
                enquiry.status = EnquiryStatus.AWAITING_MEMBER
                enquiry.due_at = due
                enquiry.updated_at = asked
                self.escalations(plan, due, asked)
                return plan
            enquiry.paused_at = None
            paused_days = max(1, (replied - asked).days)
            due = add_working_days(due, paused_days)
            if answered is not None:
                answered = max(answered, replied + dt.timedelta(hours=2))
                answered = answered + dt.timedelta(days=paused_days)
            self.event(plan, EventKind.MEMBER_REPLIED, replied, enquiry.raised_by, "Photo sent.")

        # A complex enquiry's due date may be extended once, with the member told why.
        if urgency == Urgency.COMPLEX and rng.random() < 0.35:
            extended = self.between(acknowledged, min(due, self.now))
            enquiry.extended_at = extended
            enquiry.extension_reason = (
                "We need a site visit and advice from another team before we can answer fully."
            )
            due = add_working_days(due, 5)
            self.event(plan, EventKind.EXTENDED, extended, triager, enquiry.extension_reason)
        enquiry.due_at = due
        if answered is not None and answered >= self.now:
            answered = None

        self.escalations(plan, due, answered or self.now)
        if rng.random() < 0.15:
            noted = self.between(acknowledged, answered or self.now)
            self.event(
                plan,
                EventKind.NOTE,
                noted,
                rng.choice(self.officers.get(service.pk) or self.support_team),
                "Inspection booked; waiting for the inspector's report.",
                visible=False,
            )
        author = officer or rng.choice(self.officers.get(service.pk) or self.support_team)
        if answered is None:
            enquiry.status = EnquiryStatus.IN_PROGRESS
            enquiry.updated_at = max(e.at for e in plan.events)
            if fate == "ready" or (fate == "auto" and rng.random() < 0.2):
                ready = self.between(acknowledged, self.now)
                enquiry.status = EnquiryStatus.RESPONSE_READY
                self.respond(plan, author, ready, None, ResponseStatus.READY)
                self.event(plan, EventKind.DRAFT_READY, ready, author, "", visible=False)
            return plan

        drafted = max(acknowledged, answered - dt.timedelta(hours=rng.uniform(1, 30)))
        partner = next((a.partner for a in plan.assignments if a.partner_id), None)
        if partner is not None:
            heard = self.between(acknowledged, drafted)
            self.event(
                plan,
                EventKind.PARTNER_RESPONSE,
                heard,
                triager,
                f"{partner.name} replied; their answer is included in ours.",
                visible=False,
            )
        self.event(plan, EventKind.DRAFT_READY, drafted, author, "", visible=False)
        sender = triager if rng.random() < 0.7 else rng.choice(self.support_team)
        self.respond(plan, author, drafted, (answered, sender), ResponseStatus.SENT)
        self.event(plan, EventKind.ANSWERED, answered, sender, "The council has answered.")
        enquiry.answered_at = answered
        follow_up = add_working_days(answered, settings.ENQUIRY_FOLLOW_UP_WORKING_DAYS)
        enquiry.follow_up_until = follow_up
        window_end = min(follow_up, self.now)
        if fate != "answered_recent" and rng.random() < 0.5:
            enquiry.rating = self.weighted(RATINGS)
            enquiry.rated_at = self.between(answered, window_end)
            if rng.random() < 0.4:
                enquiry.rating_comment = rng.choice(RATING_COMMENTS[enquiry.rating])
            self.event(plan, EventKind.RATED, enquiry.rated_at, enquiry.member, "")
        if follow_up <= self.now:
            enquiry.status = EnquiryStatus.CLOSED
            enquiry.closed_at = follow_up
            plan.alerts.append(self.alert(plan, AlertKind.FOLLOW_UP_CLOSE, follow_up, follow_up))
            self.event(
                plan, EventKind.CLOSED, follow_up, None, "Closed after the follow-up window."
            )
        else:
            enquiry.status = EnquiryStatus.ANSWERED
        enquiry.updated_at = max(e.at for e in plan.events)
        return plan

    def route(self, plan: Plan, at: dt.datetime, by: User, officer: User | None) -> str:
        """Assign the enquiry (one lead) and return the name of the officer holding it."""
        rng = self.rng
        enquiry, service = plan.enquiry, plan.service
        people = self.officers.get(service.pk) or []
        holder = officer or (rng.choice(people) if people else None)
        named = officer is not None or enquiry.is_sensitive or rng.random() < 0.25

        def assign(**kwargs) -> None:
            plan.assignments.append(EnquiryAssignment(assigned_at=at, assigned_by=by, **kwargs))

        partner_name, share = PARTNER_FOR.get(service.slug, (None, 0))
        partner = self.partners.get(partner_name) if rng.random() < share else None
        partner_leads = partner is not None and service.slug == "anti-social-behaviour"
        partner_leads = partner_leads and rng.random() < 0.3 and not enquiry.is_sensitive
        if named and holder is not None:
            assign(officer=holder, is_lead=not partner_leads)
        else:
            assign(service_area=service, is_lead=not partner_leads)
        if partner is not None:
            assign(partner=partner, is_lead=partner_leads)
        if rng.random() < 0.04 and not enquiry.is_sensitive:
            other = rng.choice([s for s in self.services.values() if s != service])
            assign(service_area=other)
        names = [
            f"{a.officer.full_name} ({service.name})"
            if a.officer
            else a.partner.name
            if a.partner
            else a.service_area.name
            for a in plan.assignments
        ]
        lead = next(i for i, a in enumerate(plan.assignments) if a.is_lead)
        names[lead] += " (lead)"
        self.event(plan, EventKind.ASSIGNED, at, by, "Assigned to " + ", ".join(names), False)
        if enquiry.is_sensitive:
            plan.viewers = [v for v in [holder, self.support] if v is not None]
        return holder.full_name if holder else f"the {service.name} team"

    def escalations(self, plan: Plan, due: dt.datetime, until: dt.datetime) -> None:
        """The alerts the background sweep would have sent by `until`: a reminder before the
        due date, the service manager when overdue and the director after a further delay."""
        reminder = due - dt.timedelta(days=1)
        if reminder < until and reminder > plan.enquiry.received_at:
            plan.alerts.append(self.alert(plan, AlertKind.REMINDER, due, reminder))
            self.event(plan, EventKind.REMINDER, reminder, None, "Reminder: due tomorrow.", False)
        if due < until:
            plan.alerts.append(self.alert(plan, AlertKind.OVERDUE_MANAGER, due, due))
            self.event(
                plan,
                EventKind.ESCALATED,
                due,
                None,
                "Overdue: escalated to the service manager.",
            )
            director_at = add_working_days(due, settings.ENQUIRY_DIRECTOR_ESCALATION_WORKING_DAYS)
            if director_at < until:
                plan.alerts.append(self.alert(plan, AlertKind.OVERDUE_DIRECTOR, due, director_at))
                self.event(
                    plan,
                    EventKind.ESCALATED,
                    director_at,
                    None,
                    "Still overdue: escalated to the director.",
                )

    def alert(
        self, plan: Plan, kind: str, key: dt.datetime | None, at: dt.datetime
    ) -> EnquiryAlert:
        """An alert the sweep (enquiries/services/alerts.py) sent, with the same key, so a
        live sweep over the demo does not send it again."""
        return EnquiryAlert(kind=kind, key=alert_key(key), created_at=at, sent_at=at)

    def event(
        self,
        plan: Plan,
        kind: str,
        at: dt.datetime,
        author: User | None,
        body: str,
        visible: bool = True,
    ) -> None:
        plan.events.append(
            EnquiryEvent(kind=kind, at=at, author=author, body=body, visible_to_member=visible)
        )

    def respond(self, plan, author, drafted, sent, status) -> None:
        lead_partner = next((a.partner for a in plan.assignments if a.is_lead and a.partner), None)
        member = plan.enquiry.member
        body = self.rng.choice(ANSWERS.get(plan.service.slug, ANSWERS["other"])).format(**plan.ctx)
        greeting = f"Dear {member.full_name.split(' ')[0]},\n\n"
        sign_off = f"\n\nBest wishes,\n{author.full_name}" if author else ""
        plan.responses.append(
            EnquiryResponse(
                body=greeting + body + sign_off,
                status=status,
                author=author,
                partner=lead_partner,
                created_at=drafted,
                updated_at=sent[0] if sent else drafted,
                sent_at=sent[0] if sent else None,
                sent_by=sent[1] if sent else None,
            )
        )

    @property
    def levels(self) -> dict[str, ServiceLevel]:
        if not hasattr(self, "_levels"):
            self._levels = {
                level.urgency: level for level in ServiceLevel.objects.filter(category__isnull=True)
            }
            for urgency, days, hours in [
                (Urgency.EMERGENCY, None, 4),
                (Urgency.URGENT, 2, None),
                (Urgency.STANDARD, 5, None),
                (Urgency.COMPLEX, 10, None),
            ]:
                self._levels.setdefault(
                    urgency, ServiceLevel(urgency=urgency, working_days=days, clock_hours=hours)
                )
        return self._levels

    def number(self, plans: list[Plan]) -> None:
        """ENQ-YYYY-NNNNN in the order enquiries arrived, per year; the live counter goes on
        from the last one."""
        per_year: dict[int, int] = defaultdict(int)
        for plan in plans:
            year = timezone.localtime(plan.enquiry.received_at).year
            per_year[year] += 1
            plan.enquiry.reference = f"{REFERENCE_PREFIX}-{year}-{per_year[year]:05d}"
        for year, last in per_year.items():
            ReferenceSequence.objects.update_or_create(
                prefix=REFERENCE_PREFIX, year=year, defaults={"last_number": last}
            )

    def link_duplicates(self, plans: list[Plan]) -> None:
        """A duplicate repeats an enquiry raised in the weeks before about the same thing."""
        for i, plan in enumerate(plans):
            if not plan.duplicate:
                continue
            enquiry = plan.enquiry
            window = enquiry.received_at - dt.timedelta(days=21)
            earlier = [
                p.enquiry
                for p in plans[:i]
                if p.enquiry.service_area_id == enquiry.service_area_id
                and p.enquiry.received_at >= window
                and not p.duplicate
                and p.enquiry.status not in (EnquiryStatus.REDIRECTED, EnquiryStatus.NEW)
            ]
            if not earlier:
                earlier = [p.enquiry for p in plans[:i] if not p.duplicate]
            if not earlier:
                plan.duplicate = False
                enquiry.status = EnquiryStatus.REDIRECTED
                enquiry.redirect_process, enquiry.redirect_note = RedirectProcess.FOI, FOI_NOTE
                plan.events[-1].kind, plan.events[-1].body = EventKind.REDIRECTED, FOI_NOTE
                continue
            original = self.rng.choice(earlier[-5:])
            enquiry._original = original
            for name in ("category", "location", "postcode", "ward", "subject"):
                setattr(enquiry, name, getattr(original, name))
            plan.events[-1].body = (
                f"This is the same as enquiry {original.reference}, which is already with the "
                "service. We will answer there and copy you in."
            )

    # ------------------------------------------------------------------ writing
    def write(self, plans: list[Plan]) -> None:
        from .builder import keep_timestamps

        enquiries = [p.enquiry for p in plans]
        stamps = [
            (Enquiry, "created_at"),
            (Enquiry, "updated_at"),
            (EnquiryResponse, "created_at"),
            (EnquiryResponse, "updated_at"),
            (EnquiryAlert, "created_at"),
        ]
        for enquiry in enquiries:  # bulk_create skips Enquiry.save, which keeps this
            enquiry.answer_working_days = answer_working_days(
                enquiry.received_at, enquiry.answered_at
            )
        with keep_timestamps(*stamps):
            Enquiry.unrestricted.bulk_create(enquiries, batch_size=BATCH)
            dups = []
            for enquiry in enquiries:
                if hasattr(enquiry, "_original"):
                    enquiry.duplicate_of_id = enquiry._original.pk
                    dups.append(enquiry)
            Enquiry.unrestricted.bulk_update(dups, ["duplicate_of"], batch_size=BATCH)
            events, assignments, responses, alerts, viewers, entries = [], [], [], [], [], []
            Viewer = Enquiry.named_viewers.through
            for plan in plans:
                enquiry = plan.enquiry
                plan.events.sort(key=lambda e: e.at)
                for item in plan.events:
                    item.enquiry = enquiry
                    events.append(item)
                    if enquiry.case_id and item.visible_to_member:
                        entries.append(
                            TimelineEntry(
                                case_id=enquiry.case_id,
                                kind=EntryKind.ENQUIRY,
                                body=f"Council enquiry {enquiry.reference}: "
                                f"{EventKind(item.kind).label}",
                                occurred_at=item.at,
                                author=item.author,
                                created_at=item.at,
                            )
                        )
                for group, rows in (
                    (assignments, plan.assignments),
                    (responses, plan.responses),
                    (alerts, plan.alerts),
                ):
                    for row in rows:
                        row.enquiry = enquiry
                        group.append(row)
                for person in plan.viewers:
                    viewers.append(Viewer(enquiry_id=enquiry.pk, user_id=person.pk))
            EnquiryEvent.unrestricted.bulk_create(events, batch_size=BATCH)
            EnquiryAssignment.unrestricted.bulk_create(assignments, batch_size=BATCH)
            EnquiryResponse.unrestricted.bulk_create(responses, batch_size=BATCH)
            EnquiryAlert.unrestricted.bulk_create(alerts, batch_size=BATCH)
            Viewer.objects.bulk_create(viewers, batch_size=BATCH)
            with keep_timestamps((TimelineEntry, "created_at")):
                TimelineEntry.unrestricted.bulk_create(entries, batch_size=BATCH)

        for enquiry in enquiries:
            enquiry._history_date, enquiry._history_user = enquiry.received_at, enquiry.raised_by
        Enquiry.history.bulk_history_create(enquiries, batch_size=BATCH)
        for response in responses:
            response._history_date, response._history_user = response.created_at, response.author
        EnquiryResponse.history.bulk_history_create(responses, batch_size=BATCH)

        by_status: dict[str, int] = defaultdict(int)
        for enquiry in enquiries:
            by_status[enquiry.status] += 1
        overdue = sum(
            1
            for e in enquiries
            if e.status in (EnquiryStatus.IN_PROGRESS, EnquiryStatus.RESPONSE_READY)
            and e.due_at
            and e.due_at < self.now
        )
        self.counts.update(
            {
                "enquiries": len(enquiries),
                "open enquiries": sum(by_status[s] for s in OPEN_STATUSES),
                "overdue enquiries": overdue,
                "enquiry events": len(events),
                "enquiry responses": len(responses),
                "enquiry alerts": len(alerts),
            }
        )

    def write_notifications(self, plans: list[Plan]) -> None:
        """A few unread in-app notifications (reference and what happened, nothing more)."""
        main = self.b.councillor
        rows: list[Notification] = []

        def note(user: User, plan: Plan, what: str, at: dt.datetime, read: bool) -> None:
            ref = plan.enquiry.reference
            rows.append(
                Notification(
                    recipient=user,
                    title=f"Enquiry {ref} {what}",
                    url=reverse("enquiries:enquiry_detail", kwargs={"reference": ref}),
                    created_at=at,
                    read_at=self.between(at, self.now) if read else None,
                )
            )

        mine = [p for p in plans if p.enquiry.member_id == main.pk]
        for plan in mine:
            e = plan.enquiry
            recent = e.received_at > self.now - dt.timedelta(days=30)
            if e.acknowledged_at and recent:
                note(
                    main,
                    plan,
                    "has been acknowledged",
                    e.acknowledged_at,
                    e.answered_at is not None,
                )
            if e.status == EnquiryStatus.AWAITING_MEMBER:
                note(main, plan, "needs more information from you", e.paused_at, False)
            if e.answered_at and e.answered_at > self.now - dt.timedelta(days=30):
                note(main, plan, "has been answered", e.answered_at, e.rating is not None)
        queue = [p for p in plans if p.enquiry.status == EnquiryStatus.NEW]
        for plan in queue[-4:]:
            note(self.support, plan, "is new and needs triage", plan.enquiry.received_at, False)
        for plan in plans:
            e = plan.enquiry
            if e.status == EnquiryStatus.RESPONSE_READY and not e.is_sensitive:
                at = plan.responses[-1].created_at if plan.responses else e.updated_at
                note(self.support, plan, "has a response ready to check", at, False)
        from .builder import keep_timestamps

        with keep_timestamps((Notification, "created_at")):
            Notification.objects.bulk_create(rows, batch_size=BATCH)
        self.counts["notifications"] = len(rows)


def build_enquiries(builder: DemoCouncilBuilder, *, enquiries: int) -> dict[str, int]:
    """Add the enquiries demo to a builder that has made its people and cases."""
    return EnquiryDemo(builder, enquiries=enquiries).build()
