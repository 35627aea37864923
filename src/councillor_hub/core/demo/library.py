"""Demo data for the document library: about sixty fictional documents (the constitution and
procedure rules, the members' allowances scheme, gifts and hospitality and interests forms,
policies and strategies, health and safety guides, links to committee papers) with tags,
services, publication and review dates (some past their review, some due soon), responsible
officers, a few members-only and a couple of unpublished drafts.

Called by DemoCouncilBuilder.build() after the directory exists (build_directory runs first):
services are matched to the directory's units (by service area, or by name) and responsible
officers are picked from its active officers; with no directory, both are left empty. Most
documents are links to example.org addresses; a few are small generated PDF and text files
written to default_storage under random names (delete_everything removes them).
Deterministic for the builder's seed (its own `random.Random`); written with bulk_create, with
one initial history row per document.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from collections import defaultdict
from typing import TYPE_CHECKING

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.text import slugify

from councillor_hub.directory.models import Officer, OrgUnit, UnitKind
from councillor_hub.library.models import Document, DocumentKind, DocumentTag

if TYPE_CHECKING:
    from .builder import DemoCouncilBuilder

K = DocumentKind
DEMOCRACY = "https://democracy.example.org"
WEB = "https://www.example.org/council"

# Areas that are not casework service areas: matched to directory units by words in the name.
AREA_WORDS = {
    "democratic": ["democratic", "member services", "governance"],
    "people": ["human resources", "health and safety", "workforce"],
    "finance": ["finance", "accountancy"],
    "ict": ["ict", "digital"],
    "customer": ["customer services", "complaints"],
    "policy": ["chief executive", "policy and performance", "corporate policy"],
    "emergency": ["emergency planning", "resilience", "civil contingencies"],
}

# (kind, title, summary, tags, area, source, members only). area: a ServiceArea slug or an
# AREA_WORDS key; source: "link", "committee" (a link to the democracy site), "pdf" or "txt".
Spec = tuple[str, str, str, list[str], str, str, bool]
DOCUMENTS: list[Spec] = [
    # The constitution and procedure rules
    (
        K.CONSTITUTION,
        "The Constitution",
        "The council's constitution in full: how decisions are made, who makes them and the rules "
        "that govern meetings.",
        ["constitution", "governance"],
        "democratic",
        "link",
        False,
    ),
    (
        K.CONSTITUTION,
        "Council procedure rules",
        "Standing orders for full council: motions, questions, amendments, debate and voting.",
        ["constitution", "meetings"],
        "democratic",
        "link",
        False,
    ),
    (
        K.CONSTITUTION,
        "Scheme of delegation to officers",
        "Which decisions officers take under delegated powers, and which come to members.",
        ["constitution", "decision making"],
        "democratic",
        "link",
        False,
    ),
    (
        K.CONSTITUTION,
        "Access to information procedure rules",
        "Notice of meetings, exempt and confidential information, and the forward plan.",
        ["constitution", "meetings", "access to information"],
        "democratic",
        "link",
        False,
    ),
    (
        K.CONSTITUTION,
        "Overview and scrutiny procedure rules",
        "How scrutiny committees work, call-in and councillor calls for action.",
        ["constitution", "scrutiny"],
        "democratic",
        "link",
        False,
    ),
    (
        K.CONSTITUTION,
        "Financial procedure rules",
        "Budget management, virements, and the responsibilities of members and officers for money.",
        ["constitution", "finance"],
        "finance",
        "link",
        False,
    ),
    (
        K.CONSTITUTION,
        "Contract procedure rules",
        "Thresholds and rules for buying goods, works and services.",
        ["constitution", "procurement"],
        "finance",
        "link",
        False,
    ),
    (
        K.CONSTITUTION,
        "Members' code of conduct",
        "The standards expected of councillors and co-opted members, and how complaints are "
        "handled.",
        ["ethics", "standards", "code of conduct"],
        "democratic",
        "pdf",
        False,
    ),
    (
        K.CONSTITUTION,
        "Protocol on member and officer relations",
        "How councillors and officers work together with mutual trust and respect.",
        ["ethics", "standards"],
        "democratic",
        "link",
        False,
    ),
    (
        K.CONSTITUTION,
        "Planning code of good practice for members",
        "Predetermination, lobbying and site visits for members of the planning committee.",
        ["planning", "ethics", "code of conduct"],
        "planning",
        "link",
        False,
    ),
    # Allowances and members' support
    (
        K.ALLOWANCES,
        "Members' allowances scheme {fy}",
        "Basic and special responsibility allowances, travel and subsistence, and dependants' "
        "carers' allowance for {fy}.",
        ["allowances", "expenses"],
        "democratic",
        "pdf",
        True,
    ),
    (
        K.ALLOWANCES,
        "Independent remuneration panel report",
        "The panel's recommendations on members' allowances, considered by full council.",
        ["allowances"],
        "democratic",
        "link",
        False,
    ),
    (
        K.FORM,
        "Travel and subsistence claim form",
        "Claim mileage, public transport and subsistence for approved duties.",
        ["allowances", "expenses", "forms"],
        "democratic",
        "txt",
        True,
    ),
    (
        K.GUIDANCE,
        "Members' ICT acceptable use guide",
        "Using council devices, email and the casework system safely, and keeping constituents' "
        "data secure.",
        ["ict", "data protection"],
        "ict",
        "txt",
        True,
    ),
    (
        K.GUIDANCE,
        "Member development programme",
        "Induction, mandatory training for committee members and optional briefings for the year.",
        ["training", "induction"],
        "democratic",
        "link",
        True,
    ),
    (
        K.GUIDANCE,
        "Guide to casework and data protection for councillors",
        "When you are a data controller, consent, sharing with colleagues and how long to keep "
        "casework.",
        ["data protection", "casework"],
        "democratic",
        "pdf",
        True,
    ),
    # Ethics forms
    (
        K.FORM,
        "Gifts and hospitality form",
        "Declare any gift or hospitality worth more than 50 pounds within 28 days of receiving it.",
        ["ethics", "gifts and hospitality", "forms"],
        "democratic",
        "pdf",
        True,
    ),
    (
        K.FORM,
        "Register of interests form",
        "Register your disclosable pecuniary and other registrable interests within 28 days of "
        "election.",
        ["ethics", "interests", "forms"],
        "democratic",
        "pdf",
        True,
    ),
    (
        K.FORM,
        "Dispensation request form",
        "Ask the standards committee for a dispensation to take part where you have an interest.",
        ["ethics", "interests", "forms"],
        "democratic",
        "link",
        True,
    ),
    (
        K.GUIDANCE,
        "Guidance on declaring interests at meetings",
        "When to declare, when to leave the room, and examples.",
        ["ethics", "interests", "meetings"],
        "democratic",
        "link",
        False,
    ),
    # Health and safety
    (
        K.HEALTH_AND_SAFETY,
        "Lone working guide for councillors",
        "Keeping safe on ward visits, surgeries and home visits: planning, check-in and what to "
        "do if something goes wrong.",
        ["health and safety", "personal safety"],
        "people",
        "pdf",
        True,
    ),
    (
        K.HEALTH_AND_SAFETY,
        "Personal safety at ward surgeries",
        "Choosing venues, room layout, and arrangements with the venue manager.",
        ["health and safety", "personal safety", "surgeries"],
        "people",
        "link",
        True,
    ),
    (
        K.HEALTH_AND_SAFETY,
        "Corporate health and safety policy",
        "The council's commitment and arrangements for health, safety and welfare.",
        ["health and safety"],
        "people",
        "link",
        False,
    ),
    (
        K.HEALTH_AND_SAFETY,
        "Display screen equipment guide",
        "Setting up a workstation at home or in the members' room.",
        ["health and safety", "ict"],
        "people",
        "link",
        False,
    ),
    (
        K.HEALTH_AND_SAFETY,
        "Fire evacuation procedure: civic centre",
        "What to do when the alarm sounds, assembly points and help for people with mobility "
        "needs.",
        ["health and safety", "civic centre"],
        "people",
        "txt",
        False,
    ),
    # Policies and strategies by service
    (
        K.POLICY,
        "Highways asset management policy",
        "How the council manages roads, footways, bridges and streetlights to keep them safe and "
        "serviceable.",
        ["highways", "asset management"],
        "highways",
        "link",
        False,
    ),
    (
        K.POLICY,
        "Highway safety inspection code of practice",
        "Inspection frequencies, defect categories and response times.",
        ["highways", "potholes", "inspections"],
        "highways",
        "link",
        False,
    ),
    (
        K.STRATEGY,
        "Winter service plan",
        "Gritting routes, salt stocks, snow clearing priorities and grit bins.",
        ["highways", "winter", "gritting"],
        "highways",
        "link",
        False,
    ),
    (
        K.POLICY,
        "Dropped kerb policy",
        "Criteria and charges for vehicle crossings and access for disabled people.",
        ["highways", "parking"],
        "highways",
        "link",
        False,
    ),
    (
        K.STRATEGY,
        "Local transport plan",
        "Improving walking, cycling, buses and roads across the borough.",
        ["highways", "transport", "cycling"],
        "highways",
        "link",
        False,
    ),
    (
        K.STRATEGY,
        "Waste strategy",
        "Reducing waste, raising recycling and how collections will change.",
        ["waste", "recycling"],
        "waste-and-recycling",
        "link",
        False,
    ),
    (
        K.POLICY,
        "Household waste collection policy",
        "Bins, assisted collections, missed collections and side waste.",
        ["waste", "recycling", "bins"],
        "waste-and-recycling",
        "link",
        False,
    ),
    (
        K.POLICY,
        "Fly-tipping enforcement policy",
        "Investigating fly-tipping, fixed penalty notices and prosecution.",
        ["waste", "enforcement", "fly-tipping"],
        "waste-and-recycling",
        "link",
        False,
    ),
    (
        K.STRATEGY,
        "Parks and open spaces strategy",
        "Investment priorities for parks, play areas and green spaces.",
        ["parks", "open spaces"],
        "parks-and-open-spaces",
        "link",
        False,
    ),
    (
        K.POLICY,
        "Tree management policy",
        "When the council prunes or fells trees, and requests from residents.",
        ["parks", "trees"],
        "parks-and-open-spaces",
        "link",
        False,
    ),
    (
        K.STRATEGY,
        "Housing strategy",
        "Affordable homes, private rented sector standards and homelessness prevention.",
        ["housing"],
        "housing",
        "link",
        False,
    ),
    (
        K.POLICY,
        "Housing allocations policy",
        "Who qualifies for social housing, the bands and how bids work.",
        ["housing", "allocations"],
        "housing",
        "link",
        False,
    ),
    (
        K.STRATEGY,
        "Homelessness and rough sleeping strategy",
        "Preventing homelessness and supporting people sleeping rough.",
        ["housing", "homelessness"],
        "housing",
        "link",
        False,
    ),
    (
        K.POLICY,
        "Local plan",
        "Where new homes, jobs and infrastructure will go to 2040.",
        ["planning", "local plan"],
        "planning",
        "link",
        False,
    ),
    (
        K.POLICY,
        "Statement of community involvement",
        "How the council consults on planning applications and policies.",
        ["planning", "consultation"],
        "planning",
        "link",
        False,
    ),
    (
        K.POLICY,
        "Planning enforcement plan",
        "Priorities and timescales for investigating breaches of planning control.",
        ["planning", "enforcement"],
        "planning",
        "link",
        False,
    ),
    (
        K.POLICY,
        "Statement of licensing policy",
        "How the council carries out its duties under the Licensing Act 2003.",
        ["licensing", "alcohol"],
        "licensing",
        "link",
        False,
    ),
    (
        K.POLICY,
        "Taxi and private hire licensing policy",
        "Standards for drivers, vehicles and operators.",
        ["licensing", "taxis"],
        "licensing",
        "link",
        False,
    ),
    (
        K.POLICY,
        "Gambling statement of principles",
        "The council's approach to premises licences under the Gambling Act 2005.",
        ["licensing", "gambling"],
        "licensing",
        "link",
        False,
    ),
    (
        K.POLICY,
        "Council tax reduction scheme",
        "Help with council tax for people on low incomes.",
        ["council tax", "benefits"],
        "council-tax",
        "link",
        False,
    ),
    (
        K.POLICY,
        "Council tax discretionary relief policy",
        "When the council may reduce a bill in hardship.",
        ["council tax", "hardship"],
        "council-tax",
        "link",
        False,
    ),
    (
        K.POLICY,
        "Adult social care charging policy",
        "How contributions to care and support are worked out.",
        ["adult social care", "charging"],
        "adult-social-care",
        "link",
        False,
    ),
    (
        K.POLICY,
        "Corporate parenting strategy",
        "The council's responsibilities to children in care and care leavers.",
        ["children's services", "corporate parenting"],
        "childrens-services",
        "link",
        True,
    ),
    (
        K.POLICY,
        "Safeguarding policy for councillors",
        "Recognising and reporting concerns about children and adults at risk.",
        ["safeguarding", "children's services", "adult social care"],
        "childrens-services",
        "link",
        False,
    ),
    (
        K.POLICY,
        "Food safety enforcement policy",
        "Inspections, food hygiene ratings and enforcement.",
        ["regulatory services", "food safety", "enforcement"],
        "regulatory-services",
        "link",
        False,
    ),
    (
        K.POLICY,
        "Noise nuisance procedure",
        "How complaints about noise are investigated.",
        ["regulatory services", "noise", "anti-social behaviour"],
        "regulatory-services",
        "link",
        False,
    ),
    (
        K.POLICY,
        "Anti-social behaviour policy",
        "Tools and powers, the community trigger and working with the police.",
        ["anti-social behaviour", "community safety"],
        "anti-social-behaviour",
        "link",
        False,
    ),
    (
        K.POLICY,
        "Complaints policy",
        "How the council handles complaints, and the stages and timescales.",
        ["complaints", "customer service"],
        "customer",
        "link",
        False,
    ),
    (
        K.POLICY,
        "Equality and diversity policy",
        "The council's public sector equality duty and equality objectives.",
        ["equality", "governance"],
        "policy",
        "link",
        False,
    ),
    (
        K.STRATEGY,
        "Corporate plan",
        "The council's priorities and how progress is measured.",
        ["corporate plan", "performance"],
        "policy",
        "link",
        False,
    ),
    (
        K.STRATEGY,
        "Climate emergency action plan",
        "Actions to make the council and the borough net zero.",
        ["climate", "environment"],
        "policy",
        "link",
        False,
    ),
    (
        K.GUIDANCE,
        "Major incident plan: role of ward councillors",
        "What councillors can do in an emergency, and who to contact.",
        ["emergency planning", "health and safety"],
        "emergency",
        "link",
        True,
    ),
    (
        K.POLICY,
        "Petition scheme",
        "How residents can petition the council, and how petitions are debated.",
        ["petitions", "meetings"],
        "democratic",
        "txt",
        False,
    ),
    # Committee papers
    (
        K.COMMITTEE_PAPERS,
        "Full council: agendas and minutes",
        "Agendas, reports and minutes of meetings of full council.",
        ["committee papers", "meetings"],
        "democratic",
        "committee",
        False,
    ),
    (
        K.COMMITTEE_PAPERS,
        "Cabinet: agendas and decisions",
        "Cabinet agendas, reports and the record of decisions.",
        ["committee papers", "meetings", "cabinet"],
        "democratic",
        "committee",
        False,
    ),
    (
        K.COMMITTEE_PAPERS,
        "Planning committee: agendas and minutes",
        "Applications to be decided by the committee, the officer reports and the minutes.",
        ["committee papers", "planning"],
        "democratic",
        "committee",
        False,
    ),
    (
        K.COMMITTEE_PAPERS,
        "Licensing committee: agendas and minutes",
        "Licensing hearings and policy reports.",
        ["committee papers", "licensing"],
        "democratic",
        "committee",
        False,
    ),
    (
        K.COMMITTEE_PAPERS,
        "Overview and scrutiny committee: agendas and minutes",
        "Scrutiny reviews, call-ins and the work programme.",
        ["committee papers", "scrutiny"],
        "democratic",
        "committee",
        False,
    ),
    (
        K.COMMITTEE_PAPERS,
        "Audit and governance committee: agendas and minutes",
        "Internal audit, risk management and the annual governance statement.",
        ["committee papers", "governance"],
        "democratic",
        "committee",
        False,
    ),
    (
        K.COMMITTEE_PAPERS,
        "Forward plan of key decisions",
        "Key decisions to be taken in the next four months.",
        ["committee papers", "decision making"],
        "democratic",
        "committee",
        False,
    ),
]

# Drafts not yet published (content managers see them).
DRAFTS: list[Spec] = [
    (
        K.STRATEGY,
        "Draft climate emergency action plan refresh",
        "The consultation draft of the refreshed action plan.",
        ["climate", "environment", "consultation"],
        "policy",
        "link",
        False,
    ),
    (
        K.POLICY,
        "Draft statement of licensing policy (consultation)",
        "The revised statement out for consultation.",
        ["licensing", "consultation"],
        "licensing",
        "link",
        False,
    ),
]

STATE_WEIGHTS = {"overdue": 12, "due_soon": 12, "current": 76}
REVIEW_CYCLES = [365, 730, 1095]


def _financial_year(today: dt.date) -> tuple[str, dt.date, dt.date]:
    start = today.year if today.month >= 4 else today.year - 1
    return (
        f"{start}/{(start + 1) % 100:02d}",
        dt.date(start, 4, 1),
        dt.date(start + 1, 4, 1),
    )


def _pdf_escape(text: str) -> str:
    text = text.encode("ascii", "replace").decode("ascii")
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def minimal_pdf(title: str, lines: list[str]) -> bytes:
    """A small, valid one-page PDF showing `title` and `lines` in Helvetica."""
    ops = ["BT", "/F1 18 Tf", "72 770 Td", f"({_pdf_escape(title)}) Tj", "/F1 11 Tf", "0 -28 Td"]
    for line in lines:
        ops += [f"({_pdf_escape(line)}) Tj", "0 -16 Td"]
    ops.append("ET")
    stream = "\n".join(ops).encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    ).encode()
    return bytes(out)


def _file_lines(title: str, summary: str, council: str) -> list[str]:
    return [
        council,
        "",
        summary,
        "",
        "This is a fictional document made for the Councillor Hub demonstration.",
        "It is not the policy of any real council.",
    ]


class _Places:
    """Directory units for each area, and the active officers in each unit."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        units = list(OrgUnit.objects.filter(is_active=True).select_related("service_area"))
        self.units = units
        self.by_slug: dict[str, list[OrgUnit]] = defaultdict(list)
        self.children: dict[int, list[int]] = defaultdict(list)
        for unit in units:
            if unit.parent_id:
                self.children[unit.parent_id].append(unit.pk)
        for unit in units:
            if unit.service_area_id:
                self.by_slug[unit.service_area.slug].append(unit)
        officers = list(
            Officer.objects.filter(is_active=True).order_by("pk").values_list("pk", "unit_id")
        )
        self.officers = [pk for pk, _ in officers]
        self.in_unit: dict[int, list[int]] = defaultdict(list)
        for pk, unit_id in officers:
            self.in_unit[unit_id].append(pk)
        self.with_account = set(
            Officer.objects.filter(is_active=True, user__isnull=False).values_list("pk", flat=True)
        )

    def unit_for(self, area: str) -> OrgUnit | None:
        rank = {UnitKind.SERVICE: 0, UnitKind.TEAM: 1, UnitKind.DIRECTORATE: 2}
        candidates = self.by_slug.get(area, [])
        if not candidates:
            words = AREA_WORDS.get(area) or [area.replace("-", " ")]
            pattern = re.compile(r"\b(" + "|".join(re.escape(w) for w in words) + r")\b", re.I)
            candidates = [unit for unit in self.units if pattern.search(unit.name)]
        if not candidates:
            return None
        return min(candidates, key=lambda u: (rank.get(u.kind, 3), u.name, u.pk))

    def officer_for(self, unit: OrgUnit | None, *, with_account: bool = False) -> int | None:
        """An officer of the unit or of a team under it (`with_account`: one who can sign in);
        with no unit, anyone (or no one)."""
        if unit is None:
            if with_account or not self.officers or self.rng.random() < 0.5:
                return None
            return self.rng.choice(self.officers)
        pool, queue, seen = [], [unit.pk], set()
        while queue:
            pk = queue.pop()
            if pk in seen:
                continue
            seen.add(pk)
            pool += self.in_unit.get(pk, [])
            queue += self.children.get(pk, [])
        if with_account:
            pool = [pk for pk in pool if pk in self.with_account]
        return self.rng.choice(pool) if pool else None


def build_library(builder: DemoCouncilBuilder) -> dict[str, int]:
    """Add the demo documents and tags. Returns counts for the summary."""
    from django.conf import settings

    from .builder import keep_timestamps

    rng = random.Random(builder.rng.random())
    today = builder.today
    now = timezone.now()
    council = getattr(settings, "COUNCIL_NAME", "Demoton Borough Council")
    fy_label, fy_start, fy_end = _financial_year(today)
    places = _Places(rng)
    manager = getattr(builder, "democratic", None)

    specs = [(spec, True) for spec in DOCUMENTS] + [(spec, False) for spec in DRAFTS]
    tag_names: dict[str, str] = {}
    for (_, _, _, tags, _, _, _), _published in specs:
        for name in tags:
            tag_names.setdefault(slugify(name), name)
    tags = {
        tag.slug: tag
        for tag in DocumentTag.objects.bulk_create(
            [DocumentTag(name=name, slug=slug) for slug, name in sorted(tag_names.items())]
        )
    }
    if any(tag.pk is None for tag in tags.values()):  # databases that return no keys
        tags = {tag.slug: tag for tag in DocumentTag.objects.filter(slug__in=list(tags))}

    documents: list[Document] = []
    document_tags: list[list[str]] = []
    files = 0
    committee_id = 100
    for (kind, raw_title, summary, names, area, source, members_only), published in specs:
        title = raw_title.format(fy=fy_label)
        summary = summary.format(fy=fy_label)
        unit = places.unit_for(area)
        state = (
            rng.choices(list(STATE_WEIGHTS), weights=list(STATE_WEIGHTS.values()))[0]
            if published
            else "current"
        )
        cycle = rng.choice(REVIEW_CYCLES)
        if kind == K.COMMITTEE_PAPERS:
            published_on = today - dt.timedelta(days=rng.randint(3, 40))
            next_review_on = None
        elif "{fy}" in raw_title:  # this year's scheme: reviewed for next year's
            published_on, next_review_on = fy_start, fy_end
        else:
            if state == "overdue":
                next_review_on = today - dt.timedelta(days=rng.randint(1, 240))
            elif state == "due_soon":
                next_review_on = today + dt.timedelta(days=rng.randint(0, 60))
            else:
                next_review_on = today + dt.timedelta(days=rng.randint(61, 900))
            published_on = next_review_on - dt.timedelta(days=cycle)
            if published_on > today:
                published_on = today - dt.timedelta(days=rng.randint(14, 200))
        document = Document(
            kind=kind,
            title=title,
            summary=summary,
            unit=unit,
            published_on=published_on,
            next_review_on=next_review_on,
            responsible_officer_id=places.officer_for(unit),
            members_only=members_only,
            is_published=published,
        )
        # Long-overdue reviews were reminded about at the time.
        if next_review_on and next_review_on < today - dt.timedelta(days=30):
            document.review_reminder_for = next_review_on
        slug = slugify(title)
        if source == "committee":
            committee_id += rng.randint(1, 40)
            document.url = f"{DEMOCRACY}/ieListMeetings.aspx?CommitteeId={committee_id}"
        elif source in ("pdf", "txt"):
            lines = _file_lines(title, summary, council)
            if source == "pdf":
                content, extension = minimal_pdf(title, lines), "pdf"
                document.content_type = "application/pdf"
            else:
                content = ("\n".join([title, "=" * len(title), *lines]) + "\n").encode()
                extension = "txt"
                document.content_type = "text/plain; charset=utf-8"
            name = f"library/{rng.getrandbits(128):032x}"
            document.file.name = default_storage.save(name, ContentFile(content))
            document.original_name = f"{slug}.{extension}"
            files += 1
        else:
            document.url = f"{WEB}/{slug}"
        created = timezone.make_aware(
            dt.datetime.combine(
                min(published_on or today, today) - dt.timedelta(days=rng.randint(0, 10)),
                dt.time(rng.randint(9, 16), rng.randint(0, 59)),
            )
        )
        document.created_at = document.updated_at = min(created, now)
        document._history_date = document.created_at
        if manager is not None:
            document._history_user = manager
        documents.append(document)
        document_tags.append([slugify(name) for name in names])

    # Reviews that are due go, where the service has one, to an officer who can sign in, so
    # the review report and the reminders have someone to show them to.
    for document in documents:
        due_soon = document.next_review_on and document.next_review_on <= today + dt.timedelta(
            days=60
        )
        if document.is_published and due_soon and document.unit is not None:
            officer_id = places.officer_for(document.unit, with_account=True)
            if officer_id is not None:
                document.responsible_officer_id = officer_id

    with keep_timestamps((Document, "created_at"), (Document, "updated_at")):
        created = Document.objects.bulk_create(documents)
    if any(document.pk is None for document in created):  # pragma: no cover
        created = list(Document.objects.order_by("pk"))
    for document, original in zip(created, documents, strict=True):
        document._history_date = original._history_date
        if manager is not None:
            document._history_user = manager
    Document.history.bulk_history_create(created, default_user=manager)
    Through = Document.tags.through
    Through.objects.bulk_create(
        [
            Through(document_id=document.pk, documenttag_id=tags[slug].pk)
            for document, slugs in zip(created, document_tags, strict=True)
            for slug in dict.fromkeys(slugs)
        ]
    )
    return {
        "library documents": len(created),
        "library tags": len(tags),
        "library files": files,
    }
