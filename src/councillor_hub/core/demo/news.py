"""Demo data for news and briefings: about twenty-five fictional items over the past year
(member briefings on the budget, planning training and safeguarding, bulletins on winter
gritting and elections, news of consultations), a few members only, some with small generated
PDF attachments (the briefing's slides or notes), one scheduled to publish next week and one
draft.

Called by DemoCouncilBuilder.build() after the directory exists (build_directory runs first):
each item's service is matched to a directory unit by name and its presenter picked from the
unit's active officers; with no directory both are left empty. Attachment files are written to
default_storage under news/ with random names (delete_everything removes them). Deterministic
for the builder's seed (its own `random.Random`); written with bulk_create, with one initial
history row per item and attachment.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.text import slugify

from councillor_hub.directory.models import Officer, OrgUnit
from councillor_hub.news.models import NewsAttachment, NewsItem, NewsKind

from .library import minimal_pdf

if TYPE_CHECKING:
    from .builder import DemoCouncilBuilder

K = NewsKind


@dataclass(frozen=True)
class Spec:
    kind: str
    title: str
    summary: str
    body: str
    service: str  # a directory unit's name ("" for none)
    days_ago: int  # when it was published; negative: scheduled for the future
    briefing_days_before: int = 0  # for briefings: held this many days before publication
    members_only: bool = False
    draft: bool = False
    attachments: tuple[str, ...] = ()  # attachment titles (generated PDFs)
    lines: tuple[str, ...] = ()  # text for the generated PDFs


ITEMS: list[Spec] = [
    Spec(
        K.BRIEFING,
        "Budget briefing for all members",
        "The draft budget and medium-term financial plan explained, ahead of the budget "
        "council meeting.",
        "The director of finance took members through the draft revenue budget, the capital "
        "programme and the savings proposals for next year.\n\n"
        "The slides and the questions and answers from the session are attached below. "
        "Members who could not attend are welcome to contact the finance team with any "
        "further questions before the budget council meeting.",
        "Finance",
        12,
        briefing_days_before=2,
        attachments=("Briefing slides", "Questions and answers"),
        lines=(
            "Revenue budget: pressures, savings and the council tax proposal.",
            "Capital programme: highways, schools and regeneration schemes.",
            "Reserves and the medium-term financial plan.",
        ),
    ),
    Spec(
        K.BRIEFING,
        "Planning committee training briefing",
        "Mandatory training for members of the planning committee and their substitutes: "
        "material considerations, predetermination and site visits.",
        "This session is required before a member can sit on the planning committee or act "
        "as a substitute. It covered material planning considerations, how to avoid "
        "predetermination, lobbying, and the protocol for site visits.\n\n"
        "The training notes are attached. Democratic services will record attendance; if you "
        "missed the session, please read the notes and book onto the catch-up session.",
        "Planning and building control",
        40,
        briefing_days_before=1,
        attachments=("Training notes",),
        lines=(
            "Material planning considerations and what is not material.",
            "Predetermination and predisposition: keeping an open mind.",
            "Lobbying, site visits and declaring interests.",
        ),
    ),
    Spec(
        K.BULLETIN,
        "Winter gritting bulletin: precautionary gritting tonight",
        "Frost and ice are forecast overnight, so gritters will treat all priority routes "
        "from 7pm.",
        "Gritting crews will treat priority one and two routes from 7pm tonight. Footway "
        "gritting in town centres will follow from 5am.\n\n"
        "Residents can find their nearest grit bin on the council's website. Requests for "
        "grit bin refills should be reported online rather than through members.",
        "Highways and transport",
        60,
    ),
    Spec(
        K.NEWS,
        "Local plan consultation opens",
        "The draft local plan is out for consultation for eight weeks, with drop-in sessions "
        "in every ward.",
        "The draft local plan sets out where new homes, jobs and infrastructure will go to "
        "2040. Residents, businesses and community groups can comment online or at a drop-in "
        "session.\n\n"
        "Ward members will receive a list of the drop-in sessions in their ward. The planning "
        "policy team can attend ward meetings on request.",
        "Planning and building control",
        95,
    ),
    Spec(
        K.BRIEFING,
        "Local plan briefing for ward members",
        "What the draft local plan means for each ward, and how members can take part in the "
        "consultation.",
        "The planning policy team explained the proposed site allocations ward by ward, the "
        "evidence behind them and the timetable to examination.\n\n"
        "Members were reminded that they may express views on the plan, but those who sit on "
        "the planning committee should keep an open mind on individual applications.",
        "Planning and building control",
        97,
        briefing_days_before=3,
        attachments=("Site allocations by ward",),
        lines=(
            "The timetable: consultation, submission and examination.",
            "Proposed site allocations, ward by ward.",
            "How members can take part.",
        ),
    ),
    Spec(
        K.BULLETIN,
        "Christmas and New Year bin collections",
        "Collections move by up to two days over the holidays. The revised calendar is on "
        "the council's website.",
        "Bin collections will be a day or two later than usual in the weeks around Christmas "
        "and New Year. Real Christmas trees can be left out for collection in January.\n\n"
        "Please point residents to the online calendar rather than the old printed leaflet.",
        "Waste and recycling",
        130,
    ),
    Spec(
        K.BRIEFING,
        "Safeguarding awareness briefing",
        "What members should do if they are worried about a child or an adult at risk.",
        "The briefing covered the signs of abuse and neglect, how to raise a concern, and "
        "what happens after a referral. Members are not expected to investigate: report and "
        "let the professionals act.\n\n"
        "The contact numbers for children's and adults' safeguarding, including out of hours, "
        "are in the attached note.",
        "Children's services",
        150,
        briefing_days_before=2,
        attachments=("Safeguarding contacts and guidance",),
        lines=(
            "Recognising abuse and neglect.",
            "How to raise a concern, in and out of office hours.",
            "What happens after a referral.",
        ),
    ),
    Spec(
        K.NEWS,
        "New online form for reporting potholes",
        "Residents can now report potholes with a photo and a map pin, and follow the repair "
        "online.",
        "The new form sends reports straight to the highways inspectors, who can see the "
        "photo and location. Residents receive an update when the inspection is done and "
        "again when the repair is complete.\n\n"
        "Members can still raise potholes as casework, but pointing residents to the form is "
        "usually quicker.",
        "Highways and transport",
        170,
    ),
    Spec(
        K.BULLETIN,
        "Elections bulletin: polling stations confirmed",
        "The list of polling stations for the May elections, and the dates for postal vote "
        "applications.",
        "Polling stations are confirmed for every polling district. Two stations have moved "
        "this year because of building works; affected electors will be written to.\n\n"
        "The deadline for new postal vote applications is eleven working days before polling "
        "day.",
        "Democratic and member services",
        200,
    ),
    Spec(
        K.BRIEFING,
        "Members' ICT and cyber security briefing",
        "Keeping your council devices and accounts secure, and spotting phishing emails.",
        "The ICT team covered two-step sign-in, keeping devices up to date, and how to report "
        "a suspicious email. Members handle constituents' personal data, so a lost device "
        "must be reported to the ICT service desk straight away.\n\n"
        "The quick guide from the session is attached.",
        "ICT",
        215,
        briefing_days_before=1,
        attachments=("Quick guide to staying secure",),
        lines=(
            "Two-step sign-in on every account.",
            "Spotting and reporting phishing emails.",
            "What to do if a device is lost or stolen.",
        ),
    ),
    Spec(
        K.NEWS,
        "Community safety partnership priorities agreed",
        "Anti-social behaviour, fly-tipping and neighbourhood crime are the partnership's "
        "priorities for the year.",
        "The community safety partnership, which brings together the council, the police and "
        "other partners, has agreed its priorities after consulting residents.\n\n"
        "Ward members will be invited to the quarterly neighbourhood panels in their area.",
        "Community safety",
        240,
    ),
    Spec(
        K.BULLETIN,
        "Severe weather: flood warnings in place",
        "The Environment Agency has issued flood warnings for low-lying areas. Sandbags are "
        "available from the depot.",
        "Flood warnings are in place for properties near the river. The council's emergency "
        "planning team is working with partners and rest centres are on standby.\n\n"
        "Residents should call the out-of-hours number to report flooding on the highway. "
        "Members can find the emergency arrangements on the out-of-hours page.",
        "Emergency planning and resilience",
        255,
    ),
    Spec(
        K.NEWS,
        "Housing allocations policy: changes from next month",
        "Changes to the banding scheme take effect next month. Existing applicants will be "
        "written to.",
        "The revised allocations policy, agreed by Cabinet, gives more priority to households "
        "leaving temporary accommodation and to care leavers.\n\n"
        "The housing options team will reassess existing applications over the next three "
        "months.",
        "Housing",
        270,
    ),
    Spec(
        K.BRIEFING,
        "Adult social care reforms briefing",
        "Changes to charging for care and the new assessment process, and what they mean for "
        "residents who contact members.",
        "The director of adult social care explained the changes to charging and the new "
        "strengths-based assessment process.\n\n"
        "Members raised questions about waiting times for assessments; the answers will be "
        "circulated with the next members' bulletin.",
        "Adult social care",
        290,
        briefing_days_before=4,
    ),
    Spec(
        K.BULLETIN,
        "Members' bulletin: allowances and expenses claims",
        "Expenses for the last quarter must be claimed by the end of the month.",
        "Please submit mileage and subsistence claims for the last quarter by the end of this "
        "month. Claims older than three months cannot be paid.\n\n"
        "The members' allowances scheme and the claim form are in the document library.",
        "Democratic and member services",
        305,
        members_only=True,
    ),
    Spec(
        K.BRIEFING,
        "Code of conduct and declaring interests refresher",
        "The members' code of conduct, registering interests and declaring them at meetings.",
        "The monitoring officer went through the code of conduct, the register of interests "
        "and when to declare an interest at a meeting. Several case studies were discussed.\n\n"
        "Members should check that their register of interests is up to date.",
        "Legal and governance",
        320,
        briefing_days_before=2,
        members_only=True,
        attachments=("Case studies",),
        lines=(
            "The seven principles of public life.",
            "Disclosable pecuniary and other registrable interests.",
            "Case studies: when to declare and when to leave the room.",
        ),
    ),
    Spec(
        K.NEWS,
        "Parks improvement programme: first play areas reopen",
        "Three refurbished play areas have reopened, with accessible equipment and new seating.",
        "The first phase of the parks improvement programme is complete. Work on the next "
        "four play areas starts in the spring.\n\n"
        "Ward members were consulted on the designs, and the parks team thanks everyone who "
        "took part.",
        "Parks and open spaces",
        335,
    ),
    Spec(
        K.NEWS,
        "Council tax support scheme consultation",
        "Residents are asked for their views on changes to the council tax support scheme.",
        "The council is consulting on changes to the help it gives residents on low incomes "
        "with their council tax. The consultation runs for six weeks.\n\n"
        "Paper copies are available in libraries and customer service centres.",
        "Revenues and benefits",
        345,
    ),
    Spec(
        K.BULLETIN,
        "Street lighting works on main roads",
        "Street lights on main roads are being replaced with LED lanterns over the next two "
        "months.",
        "The replacement programme will reduce energy use and light pollution. Some lanes "
        "will be closed overnight while the work is done.\n\n"
        "A list of roads and dates is on the council's roadworks map.",
        "Highways and transport",
        20,
    ),
    Spec(
        K.NEWS,
        "Customer service centre opening hours",
        "The main customer service centre will open later on Wednesdays for staff training.",
        "From next month the customer service centre will open at 10am on Wednesdays. "
        "Telephone lines keep their usual hours.",
        "Customer services",
        30,
    ),
    Spec(
        K.BULLETIN,
        "Licensing: consultation on the taxi policy",
        "The draft taxi and private hire licensing policy is out for consultation.",
        "The draft policy updates the standards for drivers, vehicles and operators, "
        "including the move to lower-emission vehicles.\n\n"
        "Members of the licensing committee will receive the consultation responses before "
        "the policy is decided.",
        "Licensing",
        75,
    ),
    Spec(
        K.BRIEFING,
        "Leader's briefing for group leaders",
        "The leader's update on the council's priorities and the forward plan, for group "
        "leaders and their deputies.",
        "The leader and chief executive briefed group leaders on the forward plan of key "
        "decisions, the budget timetable and the council's response to the government's "
        "consultation on local government funding.",
        "",
        8,
        briefing_days_before=1,
        members_only=True,
    ),
    Spec(
        K.NEWS,
        "New members' room opening hours",
        "The members' room on the first floor is now open until 9pm on council meeting nights.",
        "The members' room has new desks, a printer and a quiet room for calls with "
        "constituents. It is open from 8am to 6pm, and until 9pm on council meeting nights.",
        "Democratic and member services",
        3,
        members_only=True,
    ),
    Spec(
        K.BRIEFING,
        "Emergency planning briefing: the role of ward members",
        "What happens in a major incident, and how ward members can help their communities.",
        "The emergency planning team explained the council's major incident plan, rest "
        "centres and how members will be kept informed during an incident.\n\n"
        "Members play an important part in reassuring residents and passing on local "
        "knowledge. The attached note sets out who to contact.",
        "Emergency planning and resilience",
        -7,
        briefing_days_before=2,
        attachments=("Major incident arrangements for members",),
        lines=(
            "What a major incident is and who leads the response.",
            "Rest centres and support for residents.",
            "How members are kept informed, and who to contact.",
        ),
    ),
    Spec(
        K.NEWS,
        "Draft: climate action plan annual report",
        "Progress on the climate emergency action plan over the past year.",
        "Draft text for the annual report on the climate emergency action plan. To be checked "
        "by the policy team before publication.",
        "",
        1,
        draft=True,
    ),
]


class _Directory:
    """Directory units by name, and the active officers in each unit and the teams below."""

    def __init__(self):
        units = list(OrgUnit.objects.filter(is_active=True).order_by("pk"))
        self.by_name = {unit.name: unit for unit in units}
        self.children: dict[int, list[int]] = defaultdict(list)
        for unit in units:
            if unit.parent_id:
                self.children[unit.parent_id].append(unit.pk)
        self.in_unit: dict[int, list[int]] = defaultdict(list)
        for pk, unit_id in Officer.objects.filter(is_active=True).values_list("pk", "unit_id"):
            self.in_unit[unit_id].append(pk)
        for officers in self.in_unit.values():
            officers.sort()

    def officer_in(self, unit: OrgUnit | None, rng: random.Random) -> int | None:
        if unit is None:
            return None
        pool, queue, seen = [], [unit.pk], set()
        while queue:
            pk = queue.pop(0)
            if pk in seen:
                continue
            seen.add(pk)
            pool += self.in_unit.get(pk, [])
            queue += self.children.get(pk, [])
        return rng.choice(sorted(pool)) if pool else None


def _at(day: dt.date, rng: random.Random) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(rng.randint(8, 17), 0)))


def build_news(builder: DemoCouncilBuilder) -> dict[str, int]:
    """Add the demo news items and their attachments. Returns counts for the summary."""
    from django.conf import settings

    from .builder import keep_timestamps

    rng = random.Random(builder.rng.random())
    today = builder.today
    now = timezone.now()
    council = getattr(settings, "COUNCIL_NAME", "Demoton Borough Council")
    directory = _Directory()
    manager = getattr(builder, "democratic", None)

    items: list[NewsItem] = []
    for spec in ITEMS:
        unit = directory.by_name.get(spec.service) if spec.service else None
        published_at = _at(today - dt.timedelta(days=spec.days_ago), rng)
        if spec.days_ago >= 0:
            published_at = min(published_at, now - dt.timedelta(minutes=5))
        created_at = min(published_at, now) - dt.timedelta(hours=rng.randint(1, 48))
        item = NewsItem(
            kind=spec.kind,
            title=spec.title,
            summary=spec.summary,
            body=spec.body,
            briefing_on=(
                today - dt.timedelta(days=spec.days_ago + spec.briefing_days_before)
                if spec.kind == K.BRIEFING
                else None
            ),
            published_at=published_at,
            is_published=not spec.draft,
            members_only=spec.members_only,
            service=unit,
            presenter_id=directory.officer_in(unit, rng),
            created_by=manager,
            created_at=created_at,
            updated_at=created_at,
        )
        item._history_date = created_at
        items.append(item)

    with keep_timestamps((NewsItem, "created_at"), (NewsItem, "updated_at")):
        created = NewsItem.objects.bulk_create(items)
    if any(item.pk is None for item in created):  # pragma: no cover - databases without ids
        created = list(NewsItem.objects.order_by("pk"))
    for item, original in zip(created, items, strict=True):
        item._history_date = original._history_date
    NewsItem.history.bulk_history_create(created, default_user=manager)

    attachments: list[NewsAttachment] = []
    for item, spec in zip(created, ITEMS, strict=True):
        for position, title in enumerate(spec.attachments, 1):
            content = minimal_pdf(
                title,
                [
                    council,
                    spec.title,
                    "",
                    *spec.lines,
                    "",
                    "A fictional document made for the Councillor Hub demonstration.",
                ],
            )
            name = default_storage.save(f"news/{rng.getrandbits(128):032x}", ContentFile(content))
            attachment = NewsAttachment(
                item=item,
                title=title,
                file=name,
                original_name=f"{slugify(title)}.pdf",
                content_type="application/pdf",
                size=len(content),
                uploaded_by=manager,
                uploaded_at=item.created_at + dt.timedelta(minutes=10 * position),
            )
            attachment._history_date = attachment.uploaded_at
            attachments.append(attachment)
    with keep_timestamps((NewsAttachment, "uploaded_at")):
        stored = NewsAttachment.objects.bulk_create(attachments)
    if any(a.pk is None for a in stored):  # pragma: no cover - databases without ids
        stored = list(NewsAttachment.objects.order_by("pk"))
    for attachment, original in zip(stored, attachments, strict=True):
        attachment._history_date = original._history_date
    NewsAttachment.history.bulk_history_create(stored, default_user=manager)
    return {"news items": len(created), "news attachments": len(stored)}
