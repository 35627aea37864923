"""Rows of a generated council, built in pure Python from a seed (no database access).

Each `*_rows` generator yields plain tuples in the order of its NAMES list; the writer maps
those field names to columns through the model's _meta. Everything random comes from
`random.Random` streams seeded from (seed, table), so the same Plan gives the same rows,
whatever order the tables are written in.

Cost matters here (millions of rows): choices are drawn in batches with cumulative weights,
text comes from pools filled once, and timestamps are integers formatted by a cached
formatter (writer.Timestamps) rather than datetime objects per row.
"""

from __future__ import annotations

import bisect
import itertools
import math
import random
from array import array
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from councillor_hub.accounts.models import CouncillorProfile, User, UserRole, Ward
from councillor_hub.accounts.roles import Role
from councillor_hub.audit.models import Action, AuditEvent
from councillor_hub.casework.models import (
    Case,
    CaseConstituent,
    CaseShare,
    Channel,
    ConsentMethod,
    Constituent,
    ContactMethod,
    DelegateGrant,
    EntryKind,
    LawfulBasis,
    Outcome,
    Priority,
    Status,
    Tag,
    TimelineEntry,
)
from councillor_hub.core.demo import cases as case_text
from councillor_hub.core.demo import enquiries as enquiry_text
from councillor_hub.core.demo import words
from councillor_hub.directory.models import Officer, OrgUnit, UnitKind
from councillor_hub.enquiries.models import (
    Enquiry,
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
    Urgency,
)

from .sizes import Sizes

DAY = 86_400
HOUR = 3_600
YEARS_OF_HISTORY = 3
EMAIL_DOMAIN = "bench.test"
# The benchmark users' shared password: fictional accounts on a throwaway database.
PASSWORD_DEFAULT = "bench-password-1"  # noqa: S105


@dataclass(frozen=True)
class AreaRef:
    """A core.ServiceArea row the generator reuses (seeded by a migration)."""

    id: int
    slug: str
    name: str


@dataclass
class Plan:
    """Everything the row builders need: sizes, seed, the load's "now", the reference rows
    already in the database and where new primary keys start (so foreign keys can be wired
    without reading anything back)."""

    sizes: Sizes
    seed: int
    as_of: date
    areas: list[AreaRef]
    group_ids: list[int]  # political groups (created by the loader; a handful of rows)
    password_hash: str
    ts: Callable[[int], str]  # seconds since 1970 -> database datetime text
    service_levels: dict[str, tuple[int | None, int | None]] = field(default_factory=dict)
    follow_up_working_days: int = 10
    add_working_days: Callable[[datetime, int], datetime] | None = None
    working_days_between: Callable[[datetime, datetime], int] | None = None
    start_ids: dict[str, int] = field(default_factory=dict)  # table label -> first id
    reference_start: dict[tuple[str, int], int] = field(default_factory=dict)
    # Active enquiry categories already in the database: service area id -> category ids.
    # Areas without any get a handful generated (enquiry_categories_plan).
    enquiry_categories: dict[int, list[int]] = field(default_factory=dict)

    def first_id(self, label: str) -> int:
        return self.start_ids.get(label, 1)

    @property
    def now(self) -> int:
        """The load's "now": noon UTC on as_of (integer seconds)."""
        return int(
            datetime(self.as_of.year, self.as_of.month, self.as_of.day, 12, tzinfo=UTC).timestamp()
        )

    @property
    def start(self) -> int:
        return self.now - YEARS_OF_HISTORY * 365 * DAY


def _rng(plan: Plan, table: str) -> random.Random:
    # A string seed is hashed (SHA-512) by random.Random, so streams are stable across runs.
    return random.Random(f"{plan.seed}:{table}")


def _zipf_weights(count: int, rng: random.Random, exponent: float = 0.9) -> list[float]:
    """Zipf-like weights in a random order: a few heavy items and a long tail."""
    weights = [1.0 / (rank + 1) ** exponent for rank in range(count)]
    rng.shuffle(weights)
    return weights


def _cumulative(weights: list[float]) -> list[float]:
    return list(itertools.accumulate(weights))


def _pick(rng: random.Random, cum: list[float]) -> int:
    """One index drawn by cumulative weights (same as random.choices, without the list)."""
    return bisect.bisect(cum, rng.random() * cum[-1], 0, len(cum) - 1)


def _weighted(pairs: list[tuple[str, float]]) -> tuple[list[str], list[float]]:
    values = [v for v, _ in pairs]
    return values, _cumulative([w for _, w in pairs])


# --- The council: wards, people and the organisation --------------------------------------

WARD_STEMS = words.STREET_STEMS
WARD_SUFFIXES = [
    "North",
    "South",
    "East",
    "West",
    "Central",
    "Vale",
    "Heath",
    "Green",
    "Park",
    "Fields",
    "Hill",
    "Marsh",
    "Cross",
    "Bridge",
    "End",
]
GROUPS = [
    ("Riverside Progressives", "RP", 45),
    ("Borough First", "BF", 32),
    ("Heritage Alliance", "HA", 12),
    ("Community Voice", "CV", 6),
]
NON_ALIGNED_SHARE = 5

DIRECTORATES = {
    "Place": {"highways", "parks-and-open-spaces", "waste-and-recycling", "planning"},
    "People": {"adult-social-care", "childrens-services", "housing"},
    "Communities": {"licensing", "regulatory-services", "anti-social-behaviour"},
    "Resources": set(),  # council tax, other and anything added later
}
TEAMS = ["North team", "South team", "Central team"]


@dataclass(frozen=True)
class Grant:
    """A councillor's delegate grant (casework.DelegateGrant), revoked or active."""

    councillor: int
    delegate: int
    granted: int
    revoked: int | None = None


@dataclass
class Council:
    """The people and places every other table refers to, by primary key."""

    ward_ids: list[int]
    ward_names: list[str]
    ward_postcodes: list[list[str]]
    ward_streets: list[list[str]]
    councillor_ids: list[int]
    councillor_ward: list[int]  # index into ward_ids
    councillor_cum: list[float]  # how much casework each councillor takes on
    support_ids: list[int]
    service_officers: dict[int, list[int]]  # area id -> user ids
    officer_ids: list[int] = field(default_factory=list)
    ward_members: list[list[int]] = field(default_factory=list)  # ward index -> councillor ids
    ward_of: dict[int, int] = field(default_factory=dict)  # councillor id -> ward index
    delegate_ids: list[int] = field(default_factory=list)  # after the officers' ids
    grants: list[Grant] = field(default_factory=list)

    def colleagues(self, councillor: int) -> list[int]:
        """The other councillors of this councillor's ward (whom a case may be shared with)."""
        return [c for c in self.ward_members[self.ward_of[councillor]] if c != councillor]


def _ward_names(count: int, rng: random.Random) -> list[str]:
    names = [f"{stem} {suffix}" for stem in WARD_STEMS for suffix in WARD_SUFFIXES]
    rng.shuffle(names)
    result = names[:count]
    # Very large councils run out of combinations: number the rest.
    for n in range(len(result), count):
        result.append(f"{names[n % len(names)]} {n // len(names) + 1}")
    return result


def _postcode(rng: random.Random, district: int) -> str:
    letters = words.INWARD_LETTERS
    inward = f"{rng.randrange(1, 10)}{rng.choice(letters)}{rng.choice(letters)}"
    return f"{words.POSTCODE_AREA}{district} {inward}"


def council_plan(plan: Plan) -> Council:
    """Wards (about three councillors each), councillors with skewed casework loads, and
    the officer ids by role, all as primary keys."""
    rng = _rng(plan, "council")
    sizes = plan.sizes
    n_wards = max(1, math.ceil(sizes.councillors / 3))
    ward_first = plan.first_id("accounts.Ward")
    ward_ids = list(range(ward_first, ward_first + n_wards))
    ward_names = _ward_names(n_wards, rng)
    ward_weights = _zipf_weights(n_wards, rng, 0.7)
    ward_postcodes, ward_streets = [], []
    for index in range(n_wards):
        district = index % 99 + 1
        ward_postcodes.append([_postcode(rng, district) for _ in range(12)])
        ward_streets.append(
            [f"{rng.choice(WARD_STEMS)} {rng.choice(words.STREET_SUFFIXES)}" for _ in range(10)]
        )
    user_first = plan.first_id("accounts.User")
    councillor_ids = list(range(user_first, user_first + sizes.councillors))
    councillor_ward = [i % n_wards for i in range(sizes.councillors)]
    # Some councillors are much busier than others: the ward's weight times a log-normal.
    loads = [ward_weights[w] * rng.lognormvariate(0, 0.6) for w in councillor_ward]
    roles = officer_roles(sizes.officers)
    officer_first = user_first + sizes.councillors
    officer_ids = list(range(officer_first, officer_first + sizes.officers))
    support_ids = [officer_ids[i] for i, r in enumerate(roles) if r == Role.MEMBER_SUPPORT_OFFICER]
    areas = officer_areas(plan, roles)
    service_officers: dict[int, list[int]] = {a.id: [] for a in plan.areas}
    for i, role in enumerate(roles):
        if role == Role.SERVICE_OFFICER and areas[i] is not None:
            service_officers[areas[i]].append(officer_ids[i])
    ward_members: list[list[int]] = [[] for _ in ward_ids]
    for n, user_id in enumerate(councillor_ids):
        ward_members[councillor_ward[n]].append(user_id)
    council = Council(
        ward_ids=ward_ids,
        ward_names=ward_names,
        ward_postcodes=ward_postcodes,
        ward_streets=ward_streets,
        councillor_ids=councillor_ids,
        councillor_ward=councillor_ward,
        councillor_cum=_cumulative(loads),
        support_ids=support_ids or officer_ids[:1],
        service_officers=service_officers,
        officer_ids=officer_ids,
        ward_members=ward_members,
        ward_of={uid: councillor_ward[n] for n, uid in enumerate(councillor_ids)},
    )
    delegates_plan(plan, council, first_id=officer_first + sizes.officers)
    return council


# About a quarter of councillors have a delegate (a caseworker or assistant, not a member
# support officer); when two councillors of one ward both have one, half the time it is the
# same person (so some delegates act for two), and a few councillors have an older grant
# they have since revoked.
DELEGATED_SHARE = 0.25
SAME_WARD_DELEGATE_SHARE = 0.5
REVOKED_GRANT_SHARE = 0.05


def delegates_plan(plan: Plan, council: Council, *, first_id: int) -> None:
    """Choose the delegates (user ids after the officers') and their grants, into `council`."""
    rng = _rng(plan, "delegates")
    n = len(council.councillor_ids)
    if n == 0:
        return
    chosen = sorted(
        rng.sample(range(n), max(1, round(n * DELEGATED_SHARE))),
        key=lambda i: (council.councillor_ward[i], i),
    )
    start, now = plan.start, plan.now
    active: dict[int, int] = {}  # councillor id -> delegate id
    delegates: list[int] = []
    serves: dict[int, int] = {}  # delegate id -> how many councillors
    previous = None  # (ward index, delegate id) of the last grant
    for i in chosen:
        councillor, ward = council.councillor_ids[i], council.councillor_ward[i]
        if (
            previous is not None
            and previous[0] == ward
            and serves[previous[1]] == 1
            and rng.random() < SAME_WARD_DELEGATE_SHARE
        ):
            delegate = previous[1]
        else:
            delegate = first_id + len(delegates)
            delegates.append(delegate)
        serves[delegate] = serves.get(delegate, 0) + 1
        active[councillor] = delegate
        previous = (ward, delegate)
        granted = start + rng.randrange(max(1, (now - start) - 30 * DAY))
        council.grants.append(Grant(councillor, delegate, granted))
    revoked = round(n * REVOKED_GRANT_SHARE)
    for i in rng.sample(range(n), min(n, revoked)):
        councillor = council.councillor_ids[i]
        others = [d for d in delegates if d != active.get(councillor)] or delegates
        granted = start + rng.randrange(max(1, (now - start) // 2))
        ended = granted + DAY + rng.randrange(max(1, now - granted - 2 * DAY))
        council.grants.append(Grant(councillor, rng.choice(others), granted, ended))
    council.delegate_ids = delegates


def officer_roles(count: int) -> list[str]:
    """One administrator, up to 20 member support officers, a few democratic services
    officers, service managers (1 in 25) and the rest service officers."""
    roles = [Role.ADMINISTRATOR]
    rest = count - 1
    support = min(20, max(1 if rest else 0, rest // 10))
    democratic = min(5, (rest - support) // 20)
    managers = (rest - support - democratic) // 25
    roles += [Role.MEMBER_SUPPORT_OFFICER] * support
    roles += [Role.DEMOCRATIC_SERVICES_OFFICER] * democratic
    roles += [Role.SERVICE_MANAGER] * managers
    roles += [Role.SERVICE_OFFICER] * (count - len(roles))
    return roles[:count]


def officer_areas(plan: Plan, roles: list[str]) -> list[int | None]:
    """The service area of each service officer or manager (Zipf-skewed: Highways and Waste
    need more people than Licensing)."""
    rng = _rng(plan, "officer-areas")
    area_ids = [a.id for a in plan.areas]
    cum = _cumulative(_zipf_weights(len(area_ids), rng, 0.8)) if area_ids else []
    result: list[int | None] = []
    managers = 0
    for role in roles:
        if not area_ids or role not in (Role.SERVICE_OFFICER, Role.SERVICE_MANAGER):
            result.append(None)
        elif role == Role.SERVICE_MANAGER:
            result.append(area_ids[managers % len(area_ids)])
            managers += 1
        else:
            result.append(area_ids[_pick(rng, cum)])
    return result


WARD_NAMES = ["id", "name", "ons_code"]


def ward_rows(plan: Plan, council: Council) -> Iterator[tuple]:
    for ward_id, name in zip(council.ward_ids, council.ward_names, strict=True):
        # E05 plus a number in a block no real ward uses (fictional council).
        yield (ward_id, name, f"E05{950_000 + ward_id % 50_000:06d}")


def _full_name(rng: random.Random) -> tuple[str, str]:
    return rng.choice(words.FIRST_NAMES), rng.choice(words.LAST_NAMES)


USER_NAMES = [
    "id",
    "password",
    "last_login",
    "is_superuser",
    "email",
    "full_name",
    "phone",
    "is_active",
    "is_staff",
    "date_joined",
]
EMAIL_PREFIX = {
    Role.ADMINISTRATOR: "admin",
    Role.MEMBER_SUPPORT_OFFICER: "support",
    Role.DEMOCRATIC_SERVICES_OFFICER: "democratic",
    Role.SERVICE_MANAGER: "manager",
    Role.SERVICE_OFFICER: "officer",
}


def user_rows(plan: Plan, council: Council) -> Iterator[tuple]:
    """Councillors then officers, all with ONE shared password hash (hashing per user would
    take hours at this size)."""
    rng = _rng(plan, "users")
    joined = plan.ts(plan.start - 30 * DAY)
    for n, user_id in enumerate(council.councillor_ids, start=1):
        first, last = _full_name(rng)
        yield (
            user_id,
            plan.password_hash,
            None,
            False,
            f"councillor{n}@{EMAIL_DOMAIN}",
            f"{first} {last}",  # the app adds "Cllr" where it wants it
            f"01632 96{n % 10_000:04d}",
            True,
            False,
            joined,
        )
    counters: dict[str, int] = {}
    for user_id, role in zip(council.officer_ids, officer_roles(plan.sizes.officers), strict=True):
        prefix = EMAIL_PREFIX[role]
        counters[prefix] = counters.get(prefix, 0) + 1
        first, last = _full_name(rng)
        is_admin = role == Role.ADMINISTRATOR
        yield (
            user_id,
            plan.password_hash,
            None,
            is_admin,
            f"{prefix}{counters[prefix]}@{EMAIL_DOMAIN}",
            f"{first} {last}",
            f"01632 96{user_id % 10_000:04d}",
            True,
            is_admin,
            joined,
        )
    # Delegates last, from their own stream (the officers' names stay as they were).
    rng = _rng(plan, "delegate-users")
    for n, user_id in enumerate(council.delegate_ids, start=1):
        first, last = _full_name(rng)
        yield (
            user_id,
            plan.password_hash,
            None,
            False,
            f"delegate{n}@{EMAIL_DOMAIN}",
            f"{first} {last}",
            f"01632 96{user_id % 10_000:04d}",
            True,
            False,
            joined,
        )


ROLE_NAMES = ["id", "user_id", "role", "service_area_id", "political_group_id"]


def role_rows(plan: Plan, council: Council) -> Iterator[tuple]:
    next_id = itertools.count(plan.first_id("accounts.UserRole"))
    for user_id in council.councillor_ids:
        yield (next(next_id), user_id, Role.COUNCILLOR.value, None, None)
    roles = officer_roles(plan.sizes.officers)
    areas = officer_areas(plan, roles)
    for user_id, role, area in zip(council.officer_ids, roles, areas, strict=True):
        yield (next(next_id), user_id, role.value, area, None)
    for user_id in council.delegate_ids:
        yield (next(next_id), user_id, Role.DELEGATE.value, None, None)


PROFILE_NAMES = [
    "id",
    "user_id",
    "ward_id",
    "political_group_id",
    "term_start",
    "term_end",
    "term_end_reason",
]


def profile_rows(plan: Plan, council: Council) -> Iterator[tuple]:
    """Political groups by share (a few non-aligned); terms from the last two elections."""
    rng = _rng(plan, "profiles")
    choices = [*plan.group_ids, None]
    shares = [g[2] for g in GROUPS][: len(plan.group_ids)] + [NON_ALIGNED_SHARE]
    cum = _cumulative(shares)
    elections = [
        date(plan.as_of.year - 2, 5, 5).isoformat(),
        date(plan.as_of.year - 1, 5, 2).isoformat(),
    ]
    first = plan.first_id("accounts.CouncillorProfile")
    for n, user_id in enumerate(council.councillor_ids):
        yield (
            first + n,
            user_id,
            council.ward_ids[council.councillor_ward[n]],
            choices[_pick(rng, cum)],
            elections[0] if rng.random() < 0.8 else elections[1],
            None,
            "",
        )


@dataclass
class Units:
    rows: list[tuple]
    team_of_area: dict[int, list[int]]
    service_of_area: dict[int, int]
    member_support: int
    democratic: int
    digital: int


UNIT_NAMES = [
    "id",
    "name",
    "kind",
    "parent_id",
    "service_area_id",
    "description",
    "email",
    "phone",
    "is_active",
    "updated_at",
]


def units_plan(plan: Plan) -> Units:
    """Directorates > services (one per service area) > teams, plus the member support,
    democratic services and digital teams under Resources."""
    ids = itertools.count(plan.first_id("directory.OrgUnit"))
    stamp = plan.ts(plan.now - 90 * DAY)
    rows: list[tuple] = []

    def unit(name, kind, parent=None, area=None, description="") -> int:
        unit_id = next(ids)
        slug = name.lower().replace(" ", "-").replace("'", "")
        rows.append(
            (
                unit_id,
                name,
                kind,
                parent,
                area,
                description,
                f"{slug}@{EMAIL_DOMAIN}",
                "",
                True,
                stamp,
            )
        )
        return unit_id

    directorates = {name: unit(name, UnitKind.DIRECTORATE.value) for name in DIRECTORATES}
    team_of_area: dict[int, list[int]] = {}
    service_of_area: dict[int, int] = {}
    for area in plan.areas:
        parent = next(
            (directorates[d] for d, slugs in DIRECTORATES.items() if area.slug in slugs),
            directorates["Resources"],
        )
        service = unit(
            area.name,
            UnitKind.SERVICE.value,
            parent,
            area.id,
            f"The council's {area.name.lower()} service.",
        )
        service_of_area[area.id] = service
        team_of_area[area.id] = [unit(t, UnitKind.TEAM.value, service, area.id) for t in TEAMS]
    members = unit(
        "Democratic and member services", UnitKind.SERVICE.value, directorates["Resources"]
    )
    support = unit("Member support team", UnitKind.TEAM.value, members)
    democratic = unit("Democratic services team", UnitKind.TEAM.value, members)
    digital = unit("Digital services", UnitKind.SERVICE.value, directorates["Resources"])
    return Units(rows, team_of_area, service_of_area, support, democratic, digital)


OFFICER_NAMES = [
    "id",
    "full_name",
    "job_title",
    "unit_id",
    "email",
    "phone",
    "out_of_hours_phone",
    "out_of_hours_note",
    "staff_number",
    "user_id",
    "is_active",
    "deactivated_at",
    "updated_at",
]


def officer_rows(plan: Plan, council: Council, units: Units) -> Iterator[tuple]:
    """A directory entry for every officer user, linked through Officer.user; names and
    emails match the user rows (same random stream)."""
    users = itertools.islice(
        user_rows(plan, council),
        len(council.councillor_ids),
        len(council.councillor_ids) + len(council.officer_ids),
    )
    roles = officer_roles(plan.sizes.officers)
    areas = officer_areas(plan, roles)
    names = {a.id: a.name for a in plan.areas}
    rng = _rng(plan, "officer-units")
    stamp = plan.ts(plan.now - 30 * DAY)
    first = plan.first_id("directory.Officer")
    for n, (user, role, area) in enumerate(zip(users, roles, areas, strict=True)):
        if role == Role.SERVICE_OFFICER and area is not None:
            unit = rng.choice(units.team_of_area[area])
            title = rng.choice(["Officer", "Senior officer", "Technical officer", "Team leader"])
            title = f"{title}, {names[area]}"
        elif role == Role.SERVICE_MANAGER and area is not None:
            unit, title = units.service_of_area[area], f"Service manager, {names[area]}"
        elif role == Role.MEMBER_SUPPORT_OFFICER:
            unit, title = units.member_support, "Member support officer"
        elif role == Role.DEMOCRATIC_SERVICES_OFFICER:
            unit, title = units.democratic, "Democratic services officer"
        else:
            unit, title = units.digital, "Systems administrator"
        yield (
            first + n,
            user[5],
            title,
            unit,
            user[4],
            user[6],
            "",
            "",
            f"BENCH{user[0]:07d}",
            user[0],
            True,
            None,
            stamp,
        )


# --- Casework -----------------------------------------------------------------------------

POOL_SIZE = 48


@dataclass
class Kind:
    """A kind of case from the demo's story templates, with its text pre-filled."""

    area_id: int
    titles: list[str]
    descriptions: list[str]
    raised: list[str]
    replies: list[str]
    sensitive: list[str]
    special_share: float
    condition: str


def _fill(template: str, rng: random.Random, service: str) -> str:
    street = f"{rng.choice(words.STREET_STEMS)} {rng.choice(words.STREET_SUFFIXES)}"
    values = {
        "street": street,
        "number": str(rng.randrange(1, 180)),
        "ward": rng.choice(WARD_STEMS),
        "park": f"{rng.choice(WARD_STEMS)} {rng.choice(words.PARK_KINDS)}",
        "school": f"{rng.choice(WARD_STEMS)} {rng.choice(words.SCHOOL_KINDS)}",
        "venue": rng.choice(words.VENUE_NAMES),
        "route": rng.choice(words.BUS_ROUTES),
        "application": f"{rng.randrange(20, 27)}/{rng.randrange(100, 9999):04d}/FUL",
        "amount": f"£{rng.randrange(80, 2400)}",
        "weeks": str(rng.randrange(2, 20)),
        "service": service,
    }
    return template.format_map(values)


def kinds_plan(plan: Plan) -> tuple[list[Kind], list[float]]:
    """The demo's case stories per service area, with text pools filled once so the case
    list's text search has realistic words (pothole, fly-tipping, damp...) to find."""
    rng = _rng(plan, "kinds")
    by_slug = {a.slug: a for a in plan.areas}
    fallback = by_slug.get("other") or plan.areas[-1]
    kinds, weights = [], []
    for story in case_text.CASE_KINDS:
        area = by_slug.get(story.service, fallback)

        def pool(templates, size=POOL_SIZE, area=area):
            return (
                [_fill(rng.choice(templates), rng, area.name) for _ in range(size)]
                if templates
                else [""]
            )

        kinds.append(
            Kind(
                area_id=area.id,
                titles=[t[:200] for t in pool(story.titles)],
                descriptions=pool(story.descriptions),
                raised=pool(story.raise_with_council, 12),
                replies=pool(story.council_replies, 12),
                sensitive=list(story.sensitive_notes)
                or ["Resident shared details of a health condition."],
                special_share=story.special_share,
                condition=story.condition,
            )
        )
        weights.append(story.weight)
    return kinds, _cumulative(weights)


@dataclass
class Cases:
    """Per-case facts later tables need (compact arrays: a million cases fit in ~50 MB)."""

    opened: array
    ended: array  # closed_at, or "now" for open cases
    closed: array  # 1 closed, 0 open
    owner: array  # user id
    primary: array  # constituent index (0-based)
    kind: array
    channel: array
    special: array
    refnum: array
    year: array  # year of the reference
    con_owner: array  # constituent index -> owner user id
    con_first_seen: array  # constituent index -> first case time (0: no case)
    timeline: array  # entries per case
    first_case_id: int
    first_constituent_id: int


CHANNELS, CHANNEL_CUM = _weighted(
    [
        (Channel.EMAIL.value, 45),
        (Channel.PHONE.value, 18),
        (Channel.SURGERY.value, 10),
        (Channel.LETTER.value, 7),
        (Channel.SOCIAL_MEDIA.value, 10),
        (Channel.DOORSTEP.value, 5),
        (Channel.CAMPAIGN.value, 3),
        (Channel.OTHER.value, 2),
    ]
)
OPEN_STATUSES, OPEN_STATUS_CUM = _weighted(
    [
        (Status.OPEN.value, 35),
        (Status.AWAITING_COUNCIL.value, 40),
        (Status.AWAITING_CONSTITUENT.value, 15),
        (Status.AWAITING_THIRD_PARTY.value, 10),
    ]
)
OUTCOMES, OUTCOME_CUM = _weighted(
    [
        (Outcome.RESOLVED.value, 50),
        (Outcome.PARTLY_RESOLVED.value, 15),
        (Outcome.NOT_RESOLVED.value, 12),
        (Outcome.SIGNPOSTED.value, 10),
        (Outcome.NO_FURTHER_ACTION.value, 10),
        (Outcome.WITHDRAWN.value, 3),
    ]
)
PRIORITIES, PRIORITY_CUM = _weighted(
    [
        (Priority.LOW.value, 15),
        (Priority.NORMAL.value, 70),
        (Priority.HIGH.value, 12),
        (Priority.URGENT.value, 3),
    ]
)


def _open_share(age_days: float) -> float:
    """How likely a case of this age is still open: recent ones mostly, a tail of
    long-running ones (about 20% open overall, most of them older than two months)."""
    if age_days < 60:
        return 0.8
    if age_days < 365:
        return 0.3
    return 0.12


def cases_plan(plan: Plan, council: Council, kinds: list[Kind], kinds_cum: list[float]) -> Cases:
    """Who owns each case and constituent, when cases open and close, and how many timeline
    entries each gets. Cases open in time order (ids and references rise with time)."""
    rng = _rng(plan, "cases-plan")
    sizes = plan.sizes
    n_cases, n_cons = sizes.cases, sizes.constituents
    con_owner_idx = rng.choices(
        range(len(council.councillor_ids)), cum_weights=council.councillor_cum, k=n_cons
    )
    con_owner = array("q", (council.councillor_ids[i] for i in con_owner_idx))
    con_first_seen = array("q", bytes(8 * n_cons))
    start, now = plan.start, plan.now
    span = now - start
    opened, ended, closed, owner, primary = (array("q") for _ in range(5))
    kind, channel, special = array("h"), array("b"), array("b")
    refnum = array("q")
    years = array("h")
    counters: dict[int, int] = {}
    year_of_day: dict[int, int] = {}
    weights = array("d")
    pointer = 0
    step = max(1, span // max(1, n_cases))
    n_kinds = len(kinds_cum)
    kind_idx = rng.choices(range(n_kinds), cum_weights=kinds_cum, k=n_cases)
    channel_idx = rng.choices(range(len(CHANNELS)), cum_weights=CHANNEL_CUM, k=n_cases)
    for i in range(n_cases):
        t = start + (i * span) // n_cases + rng.randrange(step)
        if pointer < n_cons and (pointer == 0 or rng.random() < 0.9):
            c = pointer
            pointer += 1
        else:
            c = rng.randrange(pointer)  # a constituent who has been in touch before
        if con_first_seen[c] == 0:
            con_first_seen[c] = t
        age = (now - t) / DAY
        is_open = rng.random() < _open_share(age)
        if is_open:
            end = now
        else:
            # Most cases close within weeks; a tail takes months.
            end = min(now - HOUR, t + HOUR + int(rng.expovariate(1 / (30 * DAY))))
            end = max(end, t + 60)
        opened.append(t)
        ended.append(end)
        closed.append(0 if is_open else 1)
        owner.append(con_owner[c])
        primary.append(c)
        kind.append(kind_idx[i])
        channel.append(channel_idx[i])
        # Special-category data: the story's own share (health after a fall...), else rare.
        special.append(1 if rng.random() < max(0.02, kinds[kind_idx[i]].special_share) else 0)
        day = t // DAY
        year = year_of_day.get(day)
        if year is None:
            year = year_of_day[day] = (datetime(1970, 1, 1) + timedelta(days=day)).year
        if year not in counters:
            counters[year] = plan.reference_start.get(("CW", year), 0)
        counters[year] += 1
        refnum.append(counters[year])
        years.append(year)
        # Longer and closed cases collect more entries.
        weights.append(1.0 + min(10.0, (end - t) / (20 * DAY)) + (1.0 if not is_open else 0.5))
    timeline = _allocate(rng, weights, sizes.timeline)
    return Cases(
        opened=opened,
        ended=ended,
        closed=closed,
        owner=owner,
        primary=primary,
        kind=kind,
        channel=channel,
        special=special,
        refnum=refnum,
        year=years,
        con_owner=con_owner,
        con_first_seen=con_first_seen,
        timeline=timeline,
        first_case_id=plan.first_id("casework.Case"),
        first_constituent_id=plan.first_id("casework.Constituent"),
    )


def _allocate(rng: random.Random, weights: array, total: int) -> array:
    """Split `total` over the items in proportion to their weights, exactly."""
    counts = array("l", bytes(array("l").itemsize * len(weights)))
    if not weights or total <= 0:
        return counts
    scale = total / sum(weights)
    assigned = 0
    for i, w in enumerate(weights):
        counts[i] = int(w * scale)
        assigned += counts[i]
    remainder = total - assigned
    n = len(weights)
    while remainder > 0:
        take = min(remainder, n)
        for i in rng.sample(range(n), take):
            counts[i] += 1
        remainder -= take
    return counts


def case_reference(cases: Cases, index: int) -> str:
    return f"CW-{cases.year[index]}-{cases.refnum[index]:05d}"


CONSTITUENT_NAMES = [
    "id",
    "owner_id",
    "title",
    "first_name",
    "last_name",
    "address_line_1",
    "address_line_2",
    "town",
    "postcode",
    "ward_id",
    "email",
    "phone",
    "preferred_contact",
    "accessibility_needs",
    "is_vulnerable",
    "vulnerability_note",
    "created_at",
    "updated_at",
]
TITLES, TITLE_CUM = _weighted(words.TITLES)
CONTACTS, CONTACT_CUM = _weighted(
    [
        (ContactMethod.EMAIL.value, 55),
        (ContactMethod.PHONE.value, 30),
        (ContactMethod.LETTER.value, 10),
        (ContactMethod.IN_PERSON.value, 5),
    ]
)


def constituent_rows(plan: Plan, council: Council, cases: Cases) -> Iterator[tuple]:
    rng = _rng(plan, "constituents")
    ts = plan.ts
    ward_of = {uid: council.councillor_ward[i] for i, uid in enumerate(council.councillor_ids)}
    firsts, lasts = words.FIRST_NAMES, words.LAST_NAMES
    n = len(cases.con_owner)
    title_idx = rng.choices(range(len(TITLES)), cum_weights=TITLE_CUM, k=n)
    contact_idx = rng.choices(range(len(CONTACTS)), cum_weights=CONTACT_CUM, k=n)
    town = words.COUNCIL_TOWN
    start, span = plan.start, plan.now - plan.start
    first_id = cases.first_constituent_id
    for j in range(n):
        owner = cases.con_owner[j]
        w = ward_of[owner]
        first, last = rng.choice(firsts), rng.choice(lasts)
        seen = cases.con_first_seen[j] or start + rng.randrange(span)
        vulnerable = rng.random() < 0.02
        stamp = ts(seen)
        yield (
            first_id + j,
            owner,
            TITLES[title_idx[j]],
            first,
            last,
            f"{rng.randrange(1, 200)} {rng.choice(council.ward_streets[w])}",
            "",
            town,
            rng.choice(council.ward_postcodes[w]),
            council.ward_ids[w],
            f"{first}.{last}{j}@example.org".lower().replace("'", ""),
            f"07700 900{j % 1000:03d}",
            CONTACTS[contact_idx[j]],
            rng.choice(words.ACCESSIBILITY_NEEDS) if rng.random() < 0.03 else "",
            vulnerable,
            rng.choice(words.VULNERABILITY_NOTES) if vulnerable else "",
            stamp,
            stamp,
        )


CASE_NAMES = [
    "id",
    "reference",
    "owner_id",
    "title",
    "description",
    "category_id",
    "ward_id",
    "location",
    "postcode",
    "channel",
    "status",
    "outcome",
    "priority",
    "follow_up_date",
    "lawful_basis",
    "has_special_category_data",
    "special_category_condition",
    "opened_at",
    "closed_at",
    "created_at",
    "updated_at",
]


def case_rows(plan: Plan, council: Council, cases: Cases, kinds: list[Kind]) -> Iterator[tuple]:
    rng = _rng(plan, "cases")
    ts = plan.ts
    ward_of = {uid: council.councillor_ward[i] for i, uid in enumerate(council.councillor_ids)}
    today = plan.as_of
    follow_ups = [(today + timedelta(days=d)).isoformat() for d in range(-40, 46)]
    n = len(cases.opened)
    status_idx = rng.choices(range(len(OPEN_STATUSES)), cum_weights=OPEN_STATUS_CUM, k=n)
    outcome_idx = rng.choices(range(len(OUTCOMES)), cum_weights=OUTCOME_CUM, k=n)
    priority_idx = rng.choices(range(len(PRIORITIES)), cum_weights=PRIORITY_CUM, k=n)
    first_id = cases.first_case_id
    for i in range(n):
        kind = kinds[cases.kind[i]]
        owner = cases.owner[i]
        w = ward_of[owner]
        opened = ts(cases.opened[i])
        is_closed = cases.closed[i]
        special = bool(cases.special[i])
        yield (
            first_id + i,
            case_reference(cases, i),
            owner,
            rng.choice(kind.titles),
            rng.choice(kind.descriptions),
            kind.area_id,
            council.ward_ids[w],
            rng.choice(council.ward_streets[w]) if rng.random() < 0.6 else "",
            rng.choice(council.ward_postcodes[w]) if rng.random() < 0.5 else "",
            CHANNELS[cases.channel[i]],
            Status.CLOSED.value if is_closed else OPEN_STATUSES[status_idx[i]],
            OUTCOMES[outcome_idx[i]] if is_closed else "",
            PRIORITIES[priority_idx[i]],
            None if is_closed or rng.random() < 0.2 else rng.choice(follow_ups),
            LawfulBasis.CONSTITUENT_REQUEST.value,
            special,
            kind.condition if special else "",
            opened,
            ts(cases.ended[i]) if is_closed else None,
            opened,
            ts(cases.ended[i]),
        )


CASE_CONSTITUENT_NAMES = ["id", "case_id", "constituent_id", "added_at"]


def case_constituent_rows(plan: Plan, cases: Cases) -> Iterator[tuple]:
    """The constituent who raised each case, and on some cases a household member or
    neighbour (another constituent of the same councillor)."""
    rng = _rng(plan, "case-constituents")
    ts = plan.ts
    ids = itertools.count(plan.first_id("casework.CaseConstituent"))
    first_con = cases.first_constituent_id
    first_case = cases.first_case_id
    for i in range(len(cases.opened)):
        c = cases.primary[i]
        added = ts(cases.opened[i])
        yield (next(ids), first_case + i, first_con + c, added)
        if rng.random() < 0.08:
            extra = 1 if rng.random() < 0.75 else 2
            owner = cases.owner[i]
            taken = {c}
            for back in range(1, 40):
                other = c - back
                if other < 0 or extra == 0:
                    break
                if cases.con_owner[other] == owner and other not in taken:
                    taken.add(other)
                    extra -= 1
                    yield (next(ids), first_case + i, first_con + other, added)


# --- Who else works on casework: delegates, ward colleagues, tags ---------------------------


def m2m_table(model: type, name: str) -> tuple[type, list[str]]:
    """The through model of `model.<name>` and its field names (id, own side, other side),
    read from _meta so the writer maps them to the real columns."""
    relation = model._meta.get_field(name)
    through = relation.remote_field.through
    meta = through._meta
    own = meta.get_field(relation.m2m_field_name()).attname
    other = meta.get_field(relation.m2m_reverse_field_name()).attname
    return through, ["id", own, other]


GRANT_NAMES = ["id", "councillor_id", "delegate_id", "granted_at", "revoked_at", "revoked_by_id"]


def grant_rows(plan: Plan, council: Council) -> Iterator[tuple]:
    """Delegate grants (council.grants, chosen with the users); the councillor revokes."""
    ts = plan.ts
    first = plan.first_id(DelegateGrant._meta.label)
    for n, grant in enumerate(council.grants):
        yield (
            first + n,
            grant.councillor,
            grant.delegate,
            ts(grant.granted),
            ts(grant.revoked) if grant.revoked else None,
            grant.councillor if grant.revoked else None,
        )


TAG_POOL = [
    "Surgery follow-up",
    "Ward walk",
    "Press interest",
    "Campaign",
    "Residents' association",
    "Repeat contact",
    "Petition",
    "School run",
    "Flooding",
    "Parking",
    "Fly-tipping hotspot",
    "Budget consultation",
    "Town centre",
    "Older residents",
    "Young people",
    "Neighbour dispute",
    "Needs site visit",
    "Raise at committee",
    "Councillor newsletter",
    "Joint ward issue",
]
TAG_NAMES = ["id", "owner_id", "name"]


@dataclass
class Tags:
    rows: list[tuple]
    of_owner: dict[int, list[int]]  # councillor id -> tag ids


def tags_plan(plan: Plan, council: Council) -> Tags:
    """Three to six tags per councillor (names unique per owner, as the model requires)."""
    rng = _rng(plan, "tags")
    ids = itertools.count(plan.first_id(Tag._meta.label))
    rows: list[tuple] = []
    of_owner: dict[int, list[int]] = {}
    for councillor in council.councillor_ids:
        mine = of_owner[councillor] = []
        for name in rng.sample(TAG_POOL, rng.randint(3, 6)):
            tag_id = next(ids)
            mine.append(tag_id)
            rows.append((tag_id, councillor, name))
    return Tags(rows, of_owner)


TAGGED_SHARE = 0.2


def case_tag_rows(plan: Plan, cases: Cases, tags: Tags) -> Iterator[tuple]:
    """About a fifth of cases carry one of their owner's tags, a few of those two."""
    rng = _rng(plan, "case-tags")
    random_ = rng.random
    ids = itertools.count(plan.first_id(Case.tags.through._meta.label))
    first_case = cases.first_case_id
    of_owner, owners = tags.of_owner, cases.owner
    for i in range(len(owners)):
        if random_() >= TAGGED_SHARE:
            continue
        mine = of_owner.get(owners[i])
        if not mine:
            continue
        if random_() < 0.2 and len(mine) > 1:
            for tag_id in sorted(rng.sample(mine, 2)):
                yield (next(ids), first_case + i, tag_id)
        else:
            yield (next(ids), first_case + i, mine[int(random_() * len(mine))])


SHARE_NAMES = [
    "id",
    "case_id",
    "colleague_id",
    "shared_by_id",
    "consent_method",
    "consent_note",
    "shared_at",
    "revoked_at",
    "revoked_by_id",
]
SHARED_SHARE = 0.02  # of cases
SHARES_EACH = 2  # at least, for every councillor with a ward colleague (when cases allow)
REVOKED_SHARE = 0.06  # of shares
CONSENTS, CONSENT_CUM = _weighted(
    [
        (ConsentMethod.VERBAL.value, 40),
        (ConsentMethod.EMAIL.value, 35),
        (ConsentMethod.WRITTEN.value, 15),
        (ConsentMethod.ONLINE.value, 10),
    ]
)
CONSENT_NOTES = {
    ConsentMethod.VERBAL.value: ["Agreed on the phone.", "Agreed at the ward surgery.", ""],
    ConsentMethod.EMAIL.value: ["Agreed by email.", ""],
    ConsentMethod.WRITTEN.value: ["Signed consent form on file.", ""],
    ConsentMethod.ONLINE.value: ["Ticked the sharing box on the online form.", ""],
}


def share_rows(plan: Plan, council: Council, cases: Cases) -> Iterator[tuple]:
    """About 2% of cases shared by their owner with a ward colleague (consent noted), every
    councillor with a colleague receiving a few, and some shares since revoked by the owner."""
    rng = _rng(plan, "case-shares")
    n_cases = len(cases.owner)
    if n_cases == 0:
        return
    owners = cases.owner
    colleagues = {c: council.colleagues(c) for c in council.councillor_ids}
    chosen: dict[tuple[int, int], None] = {}  # (case index, colleague id), in order
    received: dict[int, int] = {}
    for i in rng.sample(range(n_cases), round(n_cases * SHARED_SHARE)):
        others = colleagues[owners[i]]
        if others:
            colleague = others[int(rng.random() * len(others))]
            chosen[(i, colleague)] = None
            received[colleague] = received.get(colleague, 0) + 1
    # Make sure everyone with a ward colleague has a few: draw cases until one of a ward
    # colleague's turns up (bounded, so a colleague with no casework cannot stall the load).
    for colleague in council.councillor_ids:
        missing = SHARES_EACH - received.get(colleague, 0)
        owners_wanted = set(colleagues[colleague])
        for _ in range(2_000 if owners_wanted else 0):
            if missing <= 0:
                break
            i = rng.randrange(n_cases)
            if owners[i] in owners_wanted and (i, colleague) not in chosen:
                chosen[(i, colleague)] = None
                missing -= 1
    picked = sorted(chosen)
    revoked = set(rng.sample(range(len(picked)), math.ceil(len(picked) * REVOKED_SHARE)))
    ts = plan.ts
    first, first_case = plan.first_id(CaseShare._meta.label), cases.first_case_id
    for n, (i, colleague) in enumerate(picked):
        owner, opened = owners[i], cases.opened[i]
        life = max(60, min(cases.ended[i], plan.now - HOUR) - opened)
        shared = opened + int(rng.random() * min(life, 30 * DAY))
        method = CONSENTS[_pick(rng, CONSENT_CUM)]
        revoked_at = None
        if n in revoked:
            revoked_at = shared + 60 + int(rng.random() * max(60, plan.now - 120 - shared))
        yield (
            first + n,
            first_case + i,
            colleague,
            owner,
            method,
            rng.choice(CONSENT_NOTES[method]),
            ts(shared),
            ts(revoked_at) if revoked_at else None,
            owner if revoked_at else None,
        )


TIMELINE_NAMES = [
    "id",
    "case_id",
    "kind",
    "body",
    "is_sensitive",
    "occurred_at",
    "author_id",
    "created_at",
]
FIRST_KIND = {
    Channel.EMAIL.value: EntryKind.EMAIL_IN.value,
    Channel.LETTER.value: EntryKind.LETTER_IN.value,
    Channel.PHONE.value: EntryKind.CALL_IN.value,
    Channel.SURGERY.value: EntryKind.MEETING.value,
}
MIDDLE_KINDS, MIDDLE_CUM = _weighted(
    [
        (EntryKind.NOTE.value, 30),
        (EntryKind.EMAIL_OUT.value, 18),
        (EntryKind.EMAIL_IN.value, 14),
        (EntryKind.LETTER_OUT.value, 7),
        (EntryKind.LETTER_IN.value, 3),
        (EntryKind.CALL_OUT.value, 7),
        (EntryKind.CALL_IN.value, 6),
        (EntryKind.MEETING.value, 3),
        (EntryKind.STATUS_CHANGE.value, 6),
        (EntryKind.ENQUIRY.value, 4),
        (EntryKind.ATTACHMENT.value, 1),
        (EntryKind.SHARING.value, 1),
    ]
)
GENERIC_BODIES = {
    EntryKind.NOTE.value: list(case_text.CHASERS + case_text.THIRD_PARTY),
    EntryKind.EMAIL_OUT.value: list(case_text.ACKNOWLEDGEMENTS + case_text.UPDATES_TO_CONSTITUENT),
    EntryKind.EMAIL_IN.value: list(case_text.CONSTITUENT_REPLIES),
    EntryKind.LETTER_OUT.value: list(case_text.UPDATES_TO_CONSTITUENT),
    EntryKind.LETTER_IN.value: list(case_text.CONSTITUENT_REPLIES),
    EntryKind.CALL_OUT.value: list(case_text.UPDATES_TO_CONSTITUENT + case_text.ASK_CONSTITUENT),
    EntryKind.CALL_IN.value: list(case_text.CONSTITUENT_REPLIES),
    EntryKind.MEETING.value: [
        "Met the resident at the ward surgery.",
        "Site visit with the resident.",
    ],
    EntryKind.STATUS_CHANGE.value: [
        "Status changed from Open to Awaiting council",
        "Status changed from Awaiting council to Awaiting constituent",
        "Status changed from Awaiting constituent to Open",
    ],
    EntryKind.ENQUIRY.value: [
        "Enquiry raised with the council.",
        "The council answered the enquiry.",
    ],
    EntryKind.ATTACHMENT.value: ["Attachment added: photo.jpg"],
    EntryKind.SHARING.value: ["Shared with a ward colleague (verbal consent)."],
}


def timeline_rows(plan: Plan, cases: Cases, kinds: list[Kind]) -> Iterator[tuple]:
    """Entries spread over each case's life: how it came in, chasers, council replies and
    updates, and for closed cases the closing note. A few notes are sensitive."""
    rng = _rng(plan, "timeline")
    ts = plan.ts
    ids = itertools.count(plan.first_id("casework.TimelineEntry"))
    first_case = cases.first_case_id
    generic = {k: [s.format(service="the council") for s in v] for k, v in GENERIC_BODIES.items()}
    closing = {o: f"Status changed to Closed. {case_text.CLOSING_NOTES[o]}" for o in OUTCOMES}
    random_ = rng.random
    for i in range(len(cases.opened)):
        count = cases.timeline[i]
        if not count:
            continue
        kind = kinds[cases.kind[i]]
        opened, ended = cases.opened[i], cases.ended[i]
        owner, case_id = cases.owner[i], first_case + i
        span = max(1, ended - opened)
        times = sorted(opened + int(random_() * span) for _ in range(count - 1))
        times.insert(0, opened)
        for n, at in enumerate(times):
            stamp = ts(at)
            sensitive = False
            author = owner
            if n == 0:
                entry_kind = FIRST_KIND.get(CHANNELS[cases.channel[i]], EntryKind.NOTE.value)
                body = rng.choice(kind.descriptions)
            elif n == count - 1 and cases.closed[i]:
                entry_kind = EntryKind.STATUS_CHANGE.value
                body = closing[OUTCOMES[int(random_() * len(OUTCOMES))]]
            else:
                entry_kind = MIDDLE_KINDS[bisect.bisect(MIDDLE_CUM, random_() * MIDDLE_CUM[-1])]
                roll = random_()
                if entry_kind == EntryKind.EMAIL_OUT.value and roll < 0.4:
                    body = rng.choice(kind.raised)
                elif entry_kind == EntryKind.EMAIL_IN.value and roll < 0.5:
                    body = rng.choice(kind.replies)
                elif entry_kind == EntryKind.NOTE.value and cases.special[i] and roll < 0.5:
                    body, sensitive = rng.choice(kind.sensitive), True
                else:
                    body = rng.choice(generic[entry_kind])
                if entry_kind in (EntryKind.ENQUIRY.value, EntryKind.SHARING.value) and roll < 0.5:
                    author = None  # written by the system as things happen
            yield (next(ids), case_id, entry_kind, body, sensitive, stamp, author, stamp)


# --- Audit ----------------------------------------------------------------------------------

AUDIT_NAMES = [
    "id",
    "at",
    "actor_id",
    "action",
    "object_type",
    "object_id",
    "object_label",
    "data_controller_id",
    "detail",
    "ip_address",
]
AUDIT_KINDS, AUDIT_CUM = _weighted(
    [
        ("case_view", 52),
        ("case_update", 12),
        ("case_create", 4),
        ("constituent_view", 8),
        ("login", 12),
        ("logout", 4),
        ("search", 5),
        ("enquiry_view", 3),
    ]
)


def audit_rows(plan: Plan, council: Council, cases: Cases, n_enquiries: int) -> Iterator[tuple]:
    """Who did what, in time order: owners viewing and changing their cases (the data
    controller set on casework events), sign-ins and outs, searches and officers viewing
    enquiries. (The hottest loop of the load: ten million rows at full size, hence the
    local names.)"""
    rng = _rng(plan, "audit")
    ts = plan.ts
    total = plan.sizes.audit
    start, now = plan.start, plan.now
    span = now - start
    n_cases = len(cases.opened)
    step = max(1, span // max(1, total))
    case_type, con_type = Case._meta.label_lower, Constituent._meta.label_lower
    user_type, enquiry_type = User._meta.label_lower, Enquiry._meta.label_lower
    view, update, create = Action.VIEW.value, Action.UPDATE.value, Action.CREATE.value
    search, login, logout = Action.SEARCH.value, Action.LOGIN.value, Action.LOGOUT.value
    officers, n_officers = council.officer_ids, len(council.officer_ids)
    councillors, n_councillors = council.councillor_ids, len(council.councillor_ids)
    first_case, first_con = cases.first_case_id, cases.first_constituent_id
    first_enquiry = plan.first_id("enquiries.Enquiry")
    owners, primary, refnum, ref_year = cases.owner, cases.primary, cases.refnum, cases.year
    ips = [f"10.{a}.{b}.{c}" for a in range(4) for b in range(8) for c in range(1, 9)]
    ips += [None] * (len(ips) // 4)  # a fifth of events come without an address
    n_ips = len(ips)
    random_ = rng.random
    kinds = [AUDIT_KINDS.index(k) for k in AUDIT_KINDS]
    case_kinds = {AUDIT_KINDS.index(k) for k in ("case_view", "case_update", "case_create")}
    action_of = {
        AUDIT_KINDS.index("case_view"): view,
        AUDIT_KINDS.index("case_update"): update,
        AUDIT_KINDS.index("case_create"): create,
    }
    k_con = AUDIT_KINDS.index("constituent_view")
    k_search = AUDIT_KINDS.index("search")
    k_login, k_logout = AUDIT_KINDS.index("login"), AUDIT_KINDS.index("logout")
    batch = 100_000
    first_id = plan.first_id("audit.AuditEvent")
    for base in range(0, total, batch):
        kind_batch = rng.choices(kinds, cum_weights=AUDIT_CUM, k=min(batch, total - base))
        for offset, kind in enumerate(kind_batch):
            k = base + offset
            at = start + (k * span) // total + int(random_() * step)
            ip = ips[int(random_() * n_ips)]
            if kind in (k_login, k_logout) or (n_cases == 0 and kind in case_kinds):
                if random_() < 0.7:
                    user = councillors[int(random_() * n_councillors)]
                else:
                    user = officers[int(random_() * n_officers)]
                action = logout if kind == k_logout else login
                yield (first_id + k, ts(at), user, action, user_type, str(user), "", None, "", ip)
                continue
            if kind in case_kinds or kind in (k_con, k_search):
                # Cases open in time order: pick one opened by now, mostly a recent one.
                hi = int(n_cases * (at - start) / span) + 1
                hi = n_cases if hi > n_cases else hi
                r = random_()
                index = hi - 1 - int(hi * r * r * r)
                owner = owners[index]
                if kind == k_con:
                    con = first_con + primary[index]
                    yield (
                        first_id + k, ts(at), owner, view, con_type, str(con),
                        f"constituent #{con}", owner, "", ip,
                    )  # fmt: skip
                elif kind == k_search:
                    yield (
                        first_id + k, ts(at), owner, search, case_type, "", "", owner,
                        "Case list search", ip,
                    )  # fmt: skip
                else:
                    yield (
                        first_id + k, ts(at), owner, action_of[kind], case_type,
                        str(first_case + index), f"CW-{ref_year[index]}-{refnum[index]:05d}",
                        owner, "", ip,
                    )  # fmt: skip
                continue
            # An officer opening an enquiry (the council is its controller: no data_controller).
            officer = officers[int(random_() * n_officers)]
            if n_enquiries:
                enquiry = first_enquiry + int(n_enquiries * (at - start) / span * random_())
                yield (
                    first_id + k,
                    ts(at),
                    officer,
                    view,
                    enquiry_type,
                    str(enquiry),
                    "",
                    None,
                    "",
                    ip,
                )
            else:
                yield (
                    first_id + k,
                    ts(at),
                    officer,
                    login,
                    user_type,
                    str(officer),
                    "",
                    None,
                    "",
                    ip,
                )


# --- Enquiries ------------------------------------------------------------------------------

ENQUIRY_NAMES = [
    "id",
    "reference",
    "member_id",
    "raised_by_id",
    "raised_via",
    "service_area_id",
    "category_id",
    "subject",
    "description",
    "location",
    "postcode",
    "ward_id",
    "suggested_urgency",
    "urgency",
    "status",
    "case_id",
    "constituent_name",
    "constituent_address",
    "constituent_email",
    "constituent_phone",
    "is_sensitive",
    "sensitive_reason",
    "redirect_process",
    "redirect_note",
    "duplicate_of_id",
    "received_at",
    "triaged_at",
    "acknowledged_at",
    "due_at",
    "paused_at",
    "extended_at",
    "extension_reason",
    "answered_at",
    "answer_working_days",
    "follow_up_until",
    "closed_at",
    "rating",
    "rating_comment",
    "rated_at",
    "created_at",
    "updated_at",
]
URGENCIES, URGENCY_CUM = _weighted(
    [
        (Urgency.STANDARD.value, 80),
        (Urgency.URGENT.value, 12),
        (Urgency.COMPLEX.value, 6),
        (Urgency.EMERGENCY.value, 2),
    ]
)
VIAS, VIA_CUM = _weighted(
    [
        (RaisedVia.PORTAL.value, 75),
        (RaisedVia.EMAIL.value, 15),
        (RaisedVia.PHONE.value, 7),
        (RaisedVia.OFFICER.value, 3),
    ]
)
RECENT_STATUSES, RECENT_CUM = _weighted(
    [
        (EnquiryStatus.NEW.value, 15),
        (EnquiryStatus.IN_PROGRESS.value, 45),
        (EnquiryStatus.AWAITING_MEMBER.value, 8),
        (EnquiryStatus.RESPONSE_READY.value, 8),
        (EnquiryStatus.ANSWERED.value, 20),
        (EnquiryStatus.REDIRECTED.value, 3),
        (EnquiryStatus.DUPLICATE.value, 1),
    ]
)
OLD_STATUSES, OLD_CUM = _weighted(
    [
        (EnquiryStatus.CLOSED.value, 88),
        (EnquiryStatus.IN_PROGRESS.value, 3),  # long overdue
        (EnquiryStatus.AWAITING_MEMBER.value, 1),
        (EnquiryStatus.REDIRECTED.value, 5),
        (EnquiryStatus.DUPLICATE.value, 3),
    ]
)
RECENT_DAYS = 21
CATEGORISED_SHARE = 0.9
SENSITIVE_SHARE = 0.01
SENSITIVE_REASONS, SENSITIVE_CUM = _weighted(
    [(SensitiveReason.PERSONAL.value, 70), (SensitiveReason.SAFEGUARDING.value, 30)]
)


@dataclass
class EnquiryFact:
    """What the dependent tables (assignments, events, responses) need about one enquiry."""

    id: int
    status: str
    member: int
    raised_by: int
    area: int
    officer: int | None
    support: int
    received: int
    triaged: int | None
    answered: int | None
    closed: int | None
    rated: int | None
    rating: int | None
    reference: str
    viewers: tuple[int, ...] = ()  # named viewers of a sensitive enquiry


def _working_days_after(plan: Plan, seconds: int, days: int, cache: dict) -> int:
    """`days` working days after `seconds`, counted the way the enquiry services count them
    (core.working_days: weekends and bank holidays excluded) but cached per (day, days) for
    speed: the result keeps the clock time, so a start on a weekend keeps its clock time
    rather than moving to opening time (close enough for benchmark data)."""
    day = seconds // DAY
    key = (day, days)
    shift = cache.get(key)
    if shift is None:
        noon = datetime.fromtimestamp(day * DAY + 12 * HOUR, UTC)
        if plan.add_working_days is None:
            # Without the council's calendar (pure tests): skip weekends only.
            end, left = noon, days
            while left:
                end += timedelta(days=1)
                if end.weekday() < 5:
                    left -= 1
        else:
            end = plan.add_working_days(noon, days)
        shift = cache[key] = (end.date() - noon.date()).days
    return seconds + shift * DAY


def _working_days_taken(plan: Plan, received: int, answered: int) -> int:
    """Enquiry.answer_working_days, which Enquiry.save() fills in and raw writes must fill
    themselves: the real calendar when the loader passes it, else weekdays only."""
    if plan.working_days_between is not None:
        return plan.working_days_between(
            datetime.fromtimestamp(received, UTC), datetime.fromtimestamp(answered, UTC)
        )
    days, day = 0, received // DAY
    while day < answered // DAY:
        day += 1
        if (day + 3) % 7 < 5:  # 1 January 1970 was a Thursday
            days += 1
    return days


def enquiries_plan(
    plan: Plan,
    council: Council,
    kinds: list[Kind],
    kinds_cum: list[float],
    categories: dict[int, tuple[list[int], list[float]]] | None = None,
) -> tuple[list[tuple], list[EnquiryFact]]:
    """Enquiry rows (small enough to hold: 200,000 at full size) and the facts the child
    tables need. Status follows age: recent ones mostly open, older ones closed, a few left
    open long past their due date. Most are filed under a category of their service area
    and about 1% are sensitive, seen only by one or two named officers."""
    rng = _rng(plan, "enquiries")
    # Categories and sensitivity from their own stream: the other columns stay as they were.
    details = _rng(plan, "enquiry-details")
    categories = categories or {}
    total_ = plan.sizes.enquiries
    sensitive_set = set(
        details.sample(range(total_), max(1, round(total_ * SENSITIVE_SHARE)) if total_ else 0)
    )
    ts = plan.ts
    total = plan.sizes.enquiries
    start, now = plan.start, plan.now
    span = now - start
    first_id = plan.first_id("enquiries.Enquiry")
    ward_of = {uid: council.councillor_ward[i] for i, uid in enumerate(council.councillor_ids)}
    members = rng.choices(council.councillor_ids, cum_weights=council.councillor_cum, k=total)
    counters: dict[int, int] = {}
    due_cache: dict = {}
    rows: list[tuple] = []
    facts: list[EnquiryFact] = []
    # Enum attribute access is slow in a hot loop: plain strings from here on.
    triage_states = ASSIGNED_STATES
    redirected, duplicate = EnquiryStatus.REDIRECTED.value, EnquiryStatus.DUPLICATE.value
    awaiting = EnquiryStatus.AWAITING_MEMBER.value
    answered_, closed_ = EnquiryStatus.ANSWERED.value, EnquiryStatus.CLOSED.value
    portal = RaisedVia.PORTAL.value
    processes = list(RedirectProcess.values)
    year_of_day: dict[int, int] = {}
    for e in range(total):
        received = (
            start + (e * span) // max(1, total) + rng.randrange(max(1, span // max(1, total)))
        )
        kind = kinds[_pick(rng, kinds_cum)]
        member = members[e]
        w = ward_of[member]
        support = council.support_ids[int(rng.random() * len(council.support_ids))]
        via = VIAS[_pick(rng, VIA_CUM)]
        raised_by = member if via == portal else support
        suggested = URGENCIES[_pick(rng, URGENCY_CUM)]
        age_days = (now - received) / DAY
        if age_days < RECENT_DAYS:
            status = RECENT_STATUSES[_pick(rng, RECENT_CUM)]
        else:
            status = OLD_STATUSES[_pick(rng, OLD_CUM)]
        if status == duplicate and e == 0:
            status = redirected
        year = year_of_day.get(received // DAY)
        if year is None:
            year = year_of_day[received // DAY] = datetime.fromtimestamp(received, UTC).year
        if year not in counters:
            counters[year] = plan.reference_start.get(("ENQ", year), 0)
        counters[year] += 1
        reference = f"ENQ-{year}-{counters[year]:05d}"
        triaged = acknowledged = due = paused = answered = follow_up = closed = None
        rating = rated = None
        urgency = ""
        latest = now - 60
        if status in triage_states or status in (
            redirected,
            duplicate,
        ):
            triaged = min(latest, received + 600 + rng.randrange(2 * DAY))
        if status in triage_states:
            acknowledged = triaged
            urgency = suggested if rng.random() < 0.85 else URGENCIES[_pick(rng, URGENCY_CUM)]
            working_days, clock_hours = plan.service_levels.get(urgency, (5, None))
            if clock_hours:
                due = received + clock_hours * HOUR
            else:
                due = _working_days_after(plan, received, working_days or 5, due_cache)
        if status == awaiting:
            paused = min(latest, triaged + rng.randrange(1, 3 * DAY))
        if status in (answered_, closed_):
            # Most answered within the service level, some late.
            target = due if due is not None else received + 5 * DAY
            answered = min(latest, triaged + 3600 + int((target - triaged) * rng.uniform(0.2, 1.4)))
            answered = max(answered, triaged + 60)
            follow_up = _working_days_after(plan, answered, plan.follow_up_working_days, due_cache)
        if status == closed_:
            closed = min(latest, follow_up)
            if rng.random() < 0.4:
                rating = rng.choices([1, 2, 3, 4, 5], cum_weights=[4, 10, 25, 60, 100])[0]
                rated = min(latest, answered + rng.randrange(1, 5 * DAY))
        if status in (redirected, duplicate):
            closed = triaged
        area = kind.area_id
        officers = council.service_officers.get(area) or []
        officer = officers[int(rng.random() * len(officers))] if officers else None
        has_name = rng.random() < 0.5
        first, last = _full_name(rng)
        updated = max(x for x in (received, triaged, answered, closed, rated) if x is not None)
        category = None
        if area in categories and details.random() < CATEGORISED_SHARE:
            ids, cum = categories[area]
            category = ids[_pick(details, cum)]
        viewers: tuple[int, ...] = ()
        reason = ""
        if e in sensitive_set:
            reason = SENSITIVE_REASONS[_pick(details, SENSITIVE_CUM)]
            # The member support officer handling it, and often the service's officer.
            viewers = (support,)
            if officer is not None and officer != support and details.random() < 0.6:
                viewers = (support, officer)
        rows.append(
            (
                first_id + e,
                reference,
                member,
                raised_by,
                via,
                area,
                category,
                rng.choice(kind.titles),
                rng.choice(kind.descriptions),
                rng.choice(council.ward_streets[w]) if rng.random() < 0.7 else "",
                rng.choice(council.ward_postcodes[w]) if rng.random() < 0.5 else "",
                council.ward_ids[w],
                suggested,
                urgency,
                status,
                None,
                f"{first} {last}" if has_name else "",
                "",
                f"{first}.{last}@example.org".lower().replace("'", "")
                if has_name and rng.random() < 0.5
                else "",
                "",
                bool(viewers),
                reason,
                rng.choice(processes) if status == redirected else "",
                "Passed to the right process." if status == redirected else "",
                first_id + rng.randrange(e) if status == duplicate else None,
                ts(received),
                ts(triaged) if triaged else None,
                ts(acknowledged) if acknowledged else None,
                ts(due) if due else None,
                ts(paused) if paused else None,
                None,
                "",
                ts(answered) if answered else None,
                _working_days_taken(plan, received, answered) if answered else None,
                ts(follow_up) if follow_up else None,
                ts(closed) if closed else None,
                rating,
                "Thank you for the quick reply."
                if rating and rating >= 4 and rng.random() < 0.3
                else "",
                ts(rated) if rated else None,
                ts(received),
                ts(updated),
            )
        )
        facts.append(
            EnquiryFact(
                id=first_id + e,
                status=status,
                member=member,
                raised_by=raised_by,
                area=area,
                officer=officer,
                support=support,
                received=received,
                triaged=triaged,
                answered=answered,
                closed=closed,
                rated=rated,
                rating=rating,
                reference=reference,
                viewers=viewers,
            )
        )
    return rows, facts


def named_viewer_rows(plan: Plan, facts: list[EnquiryFact]) -> Iterator[tuple]:
    """Enquiry.named_viewers of the sensitive enquiries (the through table, in bulk)."""
    ids = itertools.count(plan.first_id(Enquiry.named_viewers.through._meta.label))
    for fact in facts:
        for viewer in fact.viewers:
            yield (next(ids), fact.id, viewer)


CATEGORY_NAMES = ["id", "service_area_id", "name", "help_text", "is_active"]


def enquiry_categories_plan(
    plan: Plan,
) -> tuple[list[tuple], dict[int, tuple[list[int], list[float]]]]:
    """Category rows to write and, per service area, the category ids and cumulative weights
    enquiries are filed under. Areas that already have active categories keep them; the rest
    get the demo's categories for that service (potholes, street lighting...) or, for a service
    the demo does not know, a general one."""
    ids = itertools.count(plan.first_id(EnquiryCategory._meta.label))
    rows: list[tuple] = []
    result: dict[int, tuple[list[int], list[float]]] = {}
    for area in plan.areas:
        existing = plan.enquiry_categories.get(area.id)
        if existing:
            result[area.id] = (list(existing), _cumulative([1.0] * len(existing)))
            continue
        stories = enquiry_text.KINDS.get(area.slug)
        named = (
            [(k.name, k.help_text, k.weight) for k in stories]
            if stories
            else [("General enquiries", f"Anything about {area.name.lower()}.", 1)]
        )
        area_ids = []
        for name, help_text, _ in named:
            category_id = next(ids)
            area_ids.append(category_id)
            rows.append((category_id, area.id, name[:120], help_text[:300], True))
        result[area.id] = (area_ids, _cumulative([w for _, _, w in named]))
    return rows, result


ASSIGNMENT_NAMES = [
    "id",
    "enquiry_id",
    "service_area_id",
    "officer_id",
    "is_lead",
    "assigned_at",
    "assigned_by_id",
]
ASSIGNED_STATES = {
    EnquiryStatus.IN_PROGRESS.value,
    EnquiryStatus.AWAITING_MEMBER.value,
    EnquiryStatus.RESPONSE_READY.value,
    EnquiryStatus.ANSWERED.value,
    EnquiryStatus.CLOSED.value,
}


def assignment_rows(plan: Plan, facts: list[EnquiryFact]) -> Iterator[tuple]:
    """At triage: the service area as lead and a named officer in it (as the triage service
    does, one row per holder)."""
    ts = plan.ts
    ids = itertools.count(plan.first_id("enquiries.EnquiryAssignment"))
    for fact in facts:
        if fact.status not in ASSIGNED_STATES:
            continue
        at = ts(fact.triaged)
        yield (next(ids), fact.id, fact.area, None, True, at, fact.support)
        if fact.officer is not None:
            yield (next(ids), fact.id, None, fact.officer, False, at, fact.support)


EVENT_NAMES = ["id", "enquiry_id", "kind", "body", "visible_to_member", "author_id", "at"]


def event_rows(plan: Plan, facts: list[EnquiryFact]) -> Iterator[tuple]:
    ts = plan.ts
    ids = itertools.count(plan.first_id("enquiries.EnquiryEvent"))
    for f in facts:
        yield (
            next(ids),
            f.id,
            EventKind.RAISED.value,
            "Enquiry raised",
            True,
            f.raised_by,
            ts(f.received),
        )
        if f.status == EnquiryStatus.REDIRECTED.value:
            yield (
                next(ids),
                f.id,
                EventKind.REDIRECTED.value,
                "Redirected to another process.",
                True,
                f.support,
                ts(f.triaged),
            )
            continue
        if f.status == EnquiryStatus.DUPLICATE.value:
            yield (
                next(ids),
                f.id,
                EventKind.DUPLICATE.value,
                "Marked as a duplicate.",
                True,
                f.support,
                ts(f.triaged),
            )
            continue
        if f.triaged is None:
            continue
        at = ts(f.triaged)
        yield (
            next(ids),
            f.id,
            EventKind.TRIAGED.value,
            "Triaged and assigned to the service.",
            False,
            f.support,
            at,
        )
        yield (
            next(ids),
            f.id,
            EventKind.ACKNOWLEDGED.value,
            "Your enquiry is with the service.",
            True,
            f.support,
            at,
        )
        if f.status == EnquiryStatus.AWAITING_MEMBER.value:
            yield (
                next(ids),
                f.id,
                EventKind.INFO_REQUESTED.value,
                "Please send the exact location.",
                True,
                f.support,
                at,
            )
        if f.status == EnquiryStatus.RESPONSE_READY.value:
            yield (
                next(ids),
                f.id,
                EventKind.DRAFT_READY.value,
                "Response ready for checking.",
                False,
                f.officer,
                at,
            )
        if f.answered is not None:
            yield (
                next(ids),
                f.id,
                EventKind.ANSWERED.value,
                "Answer sent to the member.",
                True,
                f.support,
                ts(f.answered),
            )
        if f.status == EnquiryStatus.CLOSED.value:
            yield (
                next(ids),
                f.id,
                EventKind.CLOSED.value,
                "Closed after the follow-up window.",
                True,
                None,
                ts(f.closed),
            )
        if f.rated is not None:
            yield (
                next(ids),
                f.id,
                EventKind.RATED.value,
                f"Rated {f.rating} out of 5.",
                True,
                f.member,
                ts(f.rated),
            )


RESPONSE_NAMES = [
    "id",
    "enquiry_id",
    "body",
    "status",
    "author_id",
    "created_at",
    "updated_at",
    "sent_at",
    "sent_by_id",
]


def response_rows(plan: Plan, facts: list[EnquiryFact], kinds: list[Kind]) -> Iterator[tuple]:
    rng = _rng(plan, "responses")
    ts = plan.ts
    ids = itertools.count(plan.first_id("enquiries.EnquiryResponse"))
    replies = [r for k in kinds for r in k.replies if r]
    for f in facts:
        if f.answered is not None:
            at = ts(f.answered)
            yield (
                next(ids),
                f.id,
                rng.choice(replies),
                ResponseStatus.SENT.value,
                f.officer,
                at,
                at,
                at,
                f.support,
            )
        elif f.status == EnquiryStatus.RESPONSE_READY.value:
            at = ts(f.triaged)
            yield (
                next(ids),
                f.id,
                rng.choice(replies),
                ResponseStatus.READY.value,
                f.officer,
                at,
                at,
                None,
                None,
            )


# --- Everything, in write order ---------------------------------------------------------------


@dataclass
class Table:
    model: type
    names: list[str]
    rows: Iterator[tuple]
    label: str


def tables(plan: Plan, summary: dict | None = None) -> Iterator[Table]:
    """Every generated table in dependency order, lazily (each table's rows are built while
    it is written, so memory stays flat). `summary` receives the last reference number used
    per (prefix, year), for ReferenceSequence."""
    summary = summary if summary is not None else {}
    council = council_plan(plan)
    yield Table(Ward, WARD_NAMES, ward_rows(plan, council), "wards")
    yield Table(User, USER_NAMES, user_rows(plan, council), "users")
    yield Table(UserRole, ROLE_NAMES, role_rows(plan, council), "user roles")
    yield Table(
        CouncillorProfile, PROFILE_NAMES, profile_rows(plan, council), "councillor profiles"
    )
    units = units_plan(plan)
    yield Table(OrgUnit, UNIT_NAMES, iter(units.rows), "directory units")
    yield Table(Officer, OFFICER_NAMES, officer_rows(plan, council, units), "directory officers")
    yield Table(DelegateGrant, GRANT_NAMES, grant_rows(plan, council), "delegate grants")
    tags = tags_plan(plan, council)
    yield Table(Tag, TAG_NAMES, iter(tags.rows), "tags")
    kinds, kinds_cum = kinds_plan(plan)
    cases = cases_plan(plan, council, kinds, kinds_cum)
    years: dict[int, int] = {}
    for year, number in zip(cases.year, cases.refnum, strict=True):
        years[year] = max(years.get(year, 0), number)
    summary["CW"] = years
    yield Table(
        Constituent, CONSTITUENT_NAMES, constituent_rows(plan, council, cases), "constituents"
    )
    yield Table(Case, CASE_NAMES, case_rows(plan, council, cases, kinds), "cases")
    yield Table(
        CaseConstituent,
        CASE_CONSTITUENT_NAMES,
        case_constituent_rows(plan, cases),
        "case constituents",
    )
    through, names = m2m_table(Case, "tags")
    yield Table(through, names, case_tag_rows(plan, cases, tags), "case tags")
    yield Table(CaseShare, SHARE_NAMES, share_rows(plan, council, cases), "case shares")
    yield Table(
        TimelineEntry, TIMELINE_NAMES, timeline_rows(plan, cases, kinds), "timeline entries"
    )
    category_rows, categories = enquiry_categories_plan(plan)
    yield Table(EnquiryCategory, CATEGORY_NAMES, iter(category_rows), "enquiry categories")
    enquiry_rows, facts = enquiries_plan(plan, council, kinds, kinds_cum, categories)
    years = {}
    for fact in facts:
        _, year, number = fact.reference.split("-")
        years[int(year)] = max(years.get(int(year), 0), int(number))
    summary["ENQ"] = years
    yield Table(Enquiry, ENQUIRY_NAMES, iter(enquiry_rows), "enquiries")
    through, names = m2m_table(Enquiry, "named_viewers")
    yield Table(through, names, named_viewer_rows(plan, facts), "enquiry named viewers")
    yield Table(
        EnquiryAssignment, ASSIGNMENT_NAMES, assignment_rows(plan, facts), "enquiry assignments"
    )
    yield Table(EnquiryEvent, EVENT_NAMES, event_rows(plan, facts), "enquiry events")
    yield Table(
        EnquiryResponse, RESPONSE_NAMES, response_rows(plan, facts, kinds), "enquiry responses"
    )
    yield Table(
        AuditEvent,
        AUDIT_NAMES,
        audit_rows(plan, council, cases, plan.sizes.enquiries),
        "audit events",
    )
