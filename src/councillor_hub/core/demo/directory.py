"""The demo council's organisation and directory: directorates, services and teams (linked to
the casework and enquiry service areas), officers (the officer logins, plus about 300 people
who are only in the directory, a few of them leavers), and "who handles what" topics mapped
to council teams or to outside bodies.

Runs after the people and the enquiries demo (which adds the first partner organisations).
Deterministic: its own `random.Random` seeded from the builder's seed; names come from the
builder's `person_name()` so nobody shares a name with a councillor or a resident."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from django.utils.text import slugify

from councillor_hub.accounts.models import User, UserRole
from councillor_hub.accounts.roles import Role
from councillor_hub.directory.models import (
    Officer,
    OrgUnit,
    PartnerKind,
    PartnerOrganisation,
    Topic,
    UnitKind,
)

from .emergency import build_emergency

BATCH = 500
DIRECTORY_ONLY_OFFICERS = 300
LEAVERS = 12
MAIL_DOMAIN = "council.example.org"


@dataclass
class TeamPlan:
    name: str
    titles: list[str]  # job titles of the people in it
    size: int  # relative size
    out_of_hours: str = ""  # a note for the officers on its out-of-hours rota, if it has one
    email: str = ""


@dataclass
class ServicePlan:
    name: str
    slug: str | None  # the ServiceArea it handles (casework and enquiries), if any
    head: str  # the job title of the head of service
    description: str
    teams: list[TeamPlan] = field(default_factory=list)


# Directorate name -> (director's job title, description, services)
ORGANISATION: dict[str, tuple[str, str, list[ServicePlan]]] = {
    "Place": (
        "Director of Place",
        "The borough's streets, parks, bins, planning and regulation.",
        [
            ServicePlan(
                "Highways and transport",
                "highways",
                "Head of highways and transport",
                "Roads, pavements, street lighting, traffic and parking.",
                [
                    TeamPlan(
                        "Highways maintenance",
                        [
                            "Highways inspector",
                            "Highways engineer",
                            "Senior highways inspector",
                            "Highways technician",
                        ],
                        8,
                        "Highways duty engineer on the on-call rota",
                    ),
                    TeamPlan(
                        "Street lighting",
                        ["Street lighting engineer", "Street lighting technician"],
                        3,
                        "Dangerous columns only",
                    ),
                    TeamPlan(
                        "Traffic and road safety",
                        ["Traffic engineer", "Road safety officer", "Senior traffic engineer"],
                        4,
                    ),
                    TeamPlan(
                        "Parking services",
                        [
                            "Civil enforcement officer",
                            "Parking services officer",
                            "Parking appeals officer",
                        ],
                        6,
                    ),
                ],
            ),
            ServicePlan(
                "Parks and open spaces",
                "parks-and-open-spaces",
                "Head of parks and open spaces",
                "Parks, play areas, trees, allotments and cemeteries.",
                [
                    TeamPlan(
                        "Parks operations",
                        ["Parks officer", "Park ranger", "Play area inspector"],
                        6,
                    ),
                    TeamPlan(
                        "Trees and woodlands",
                        ["Tree officer", "Arboriculturist"],
                        3,
                        "Dangerous trees after storms",
                    ),
                    TeamPlan(
                        "Bereavement services",
                        ["Bereavement services officer", "Cemeteries manager"],
                        3,
                    ),
                ],
            ),
            ServicePlan(
                "Waste and recycling",
                "waste-and-recycling",
                "Head of waste and recycling",
                "Bin collections, recycling, street cleansing and fly-tipping.",
                [
                    TeamPlan(
                        "Waste collections",
                        ["Waste services officer", "Collections supervisor", "Round planner"],
                        7,
                    ),
                    TeamPlan(
                        "Street cleansing",
                        ["Street scene officer", "Cleansing supervisor"],
                        5,
                        "Hazardous spills on the highway",
                    ),
                    TeamPlan(
                        "Environmental enforcement",
                        ["Environmental enforcement officer", "Fly-tipping investigator"],
                        4,
                    ),
                ],
            ),
            ServicePlan(
                "Planning and building control",
                "planning",
                "Head of planning",
                "Planning applications, enforcement, policy and building control.",
                [
                    TeamPlan(
                        "Development management",
                        [
                            "Planning officer",
                            "Senior planning officer",
                            "Principal planning officer",
                            "Planning technician",
                        ],
                        8,
                    ),
                    TeamPlan("Planning enforcement", ["Planning enforcement officer"], 3),
                    TeamPlan("Planning policy", ["Planning policy officer", "Urban designer"], 3),
                    TeamPlan(
                        "Building control",
                        ["Building control surveyor"],
                        4,
                        "Dangerous structures, around the clock",
                    ),
                ],
            ),
            ServicePlan(
                "Licensing",
                "licensing",
                "Licensing manager",
                "Premises, taxi and street trading licences.",
                [
                    TeamPlan(
                        "Licensing team", ["Licensing officer", "Licensing enforcement officer"], 4
                    )
                ],
            ),
            ServicePlan(
                "Regulatory services",
                "regulatory-services",
                "Head of regulatory services",
                "Environmental health, trading standards, noise and pests.",
                [
                    TeamPlan(
                        "Environmental health",
                        [
                            "Environmental health officer",
                            "Food safety officer",
                            "Pest control technician",
                        ],
                        6,
                    ),
                    TeamPlan(
                        "Noise and nuisance",
                        ["Noise officer", "Nuisance officer"],
                        3,
                        "Night-time noise patrol, Friday and Saturday",
                    ),
                    TeamPlan(
                        "Trading standards",
                        ["Trading standards officer", "Consumer protection officer"],
                        3,
                    ),
                ],
            ),
            ServicePlan(
                "Community safety",
                "anti-social-behaviour",
                "Community safety manager",
                "Anti-social behaviour, CCTV and work with the police.",
                [
                    TeamPlan(
                        "Anti-social behaviour team",
                        ["Anti-social behaviour officer", "Community safety officer"],
                        4,
                    ),
                    TeamPlan(
                        "CCTV control room",
                        ["CCTV operator", "CCTV supervisor"],
                        4,
                        "The control room is staffed 24 hours",
                    ),
                ],
            ),
        ],
    ),
    "People": (
        "Director of People",
        "Housing, adult social care and children's services.",
        [
            ServicePlan(
                "Housing",
                "housing",
                "Head of housing",
                "Homelessness, council homes and their repairs, and private renting.",
                [
                    TeamPlan(
                        "Housing options and homelessness",
                        [
                            "Housing options officer",
                            "Homelessness prevention officer",
                            "Housing needs officer",
                        ],
                        7,
                        "Emergency homelessness, out of hours",
                    ),
                    TeamPlan(
                        "Housing repairs",
                        ["Repairs surveyor", "Repairs planner", "Voids officer"],
                        6,
                        "Emergency repairs only",
                    ),
                    TeamPlan("Tenancy services", ["Tenancy officer", "Income officer"], 6),
                    TeamPlan(
                        "Private sector housing",
                        ["Private sector housing officer", "Houses in multiple occupation officer"],
                        3,
                    ),
                ],
            ),
            ServicePlan(
                "Adult social care",
                "adult-social-care",
                "Head of adult social care",
                "Assessments, care and support, and safeguarding adults.",
                [
                    TeamPlan(
                        "Adult social care front door",
                        ["Social worker", "Community care officer", "Senior social worker"],
                        8,
                    ),
                    TeamPlan("Occupational therapy", ["Occupational therapist"], 3),
                    TeamPlan("Safeguarding adults", ["Safeguarding adults officer"], 3),
                ],
            ),
            ServicePlan(
                "Children's services",
                "childrens-services",
                "Head of children's services",
                "Safeguarding children, early help, schools and special needs.",
                [
                    TeamPlan(
                        "Children's front door",
                        ["Children's social worker", "Advanced practitioner", "Team manager"],
                        8,
                    ),
                    TeamPlan("Early help", ["Family support worker", "Early help practitioner"], 5),
                    TeamPlan("School admissions", ["Admissions officer"], 3),
                    TeamPlan(
                        "Special educational needs",
                        ["SEND caseworker", "Educational psychologist"],
                        4,
                    ),
                ],
            ),
        ],
    ),
    "Resources": (
        "Director of Resources",
        "Money, people, systems and the council's front door.",
        [
            ServicePlan(
                "Revenues and benefits",
                "council-tax",
                "Head of revenues and benefits",
                "Council tax, business rates, and housing benefit and council tax support.",
                [
                    TeamPlan("Council tax", ["Council tax officer", "Recovery officer"], 6),
                    TeamPlan("Benefits", ["Benefits assessor", "Benefits officer"], 6),
                    TeamPlan("Business rates", ["Business rates officer"], 3),
                ],
            ),
            ServicePlan(
                "ICT",
                "ict",
                "Head of ICT",
                "Members' and staff devices, email and council systems.",
                [
                    TeamPlan(
                        "ICT service desk",
                        ["Service desk analyst", "Systems administrator"],
                        5,
                        email="ict.servicedesk@council.example.org",
                    ),
                    TeamPlan("Members' ICT support", ["Members' ICT officer"], 2),
                ],
            ),
            ServicePlan(
                "Customer services",
                "other",
                "Customer services manager",
                "The contact centre and complaints about the council.",
                [
                    TeamPlan(
                        "Contact centre",
                        ["Customer services adviser", "Contact centre team leader"],
                        8,
                    ),
                    TeamPlan("Complaints and feedback", ["Complaints officer"], 2),
                ],
            ),
            ServicePlan(
                "Finance",
                None,
                "Chief finance officer",
                "Budgets, accounts, payments and procurement.",
                [
                    TeamPlan("Accountancy", ["Accountant", "Finance business partner"], 4),
                    TeamPlan("Procurement", ["Procurement officer"], 2),
                ],
            ),
            ServicePlan(
                "Human resources",
                None,
                "Head of HR",
                "Recruitment, pay and staff policies.",
                [TeamPlan("HR advisory", ["HR adviser", "HR business partner"], 4)],
            ),
        ],
    ),
    "Chief Executive's": (
        "Chief executive",
        "Democracy, legal services, communications and emergency planning.",
        [
            ServicePlan(
                "Democratic and member services",
                None,
                "Head of democratic services",
                "Council and committee meetings, members' support and elections.",
                [
                    TeamPlan(
                        "Democratic services",
                        ["Democratic services officer", "Committee clerk", "Scrutiny officer"],
                        4,
                        email="democratic.services@council.example.org",
                    ),
                    TeamPlan(
                        "Member support",
                        ["Member support officer", "Member development officer"],
                        3,
                        email="member.support@council.example.org",
                    ),
                    TeamPlan(
                        "Electoral services",
                        ["Electoral services officer"],
                        3,
                        email="elections@council.example.org",
                    ),
                ],
            ),
            ServicePlan(
                "Legal and governance",
                None,
                "Monitoring officer",
                "Legal advice, standards and information governance.",
                [
                    TeamPlan("Legal services", ["Solicitor", "Senior solicitor", "Paralegal"], 4),
                    TeamPlan(
                        "Information governance",
                        ["Information governance officer", "Data protection officer"],
                        2,
                        email="information.governance@council.example.org",
                    ),
                ],
            ),
            ServicePlan(
                "Communications",
                None,
                "Head of communications",
                "The press office, the website and social media.",
                [
                    TeamPlan(
                        "Press office",
                        ["Communications officer", "Press officer"],
                        3,
                        email="press.office@council.example.org",
                    )
                ],
            ),
            ServicePlan(
                "Emergency planning and resilience",
                None,
                "Emergency planning manager",
                "Major incidents, flooding, rest centres and business continuity.",
                [
                    TeamPlan(
                        "Emergency planning",
                        ["Emergency planning officer"],
                        2,
                        "Emergency planning duty officer for major incidents",
                        email="emergency.planning@council.example.org",
                    )
                ],
            ),
        ],
    ),
}

# Where the officer logins sit: team name (or service name for managers) and job title.
FIXED_OFFICERS = {
    "highways@demo.test": ("Highways maintenance", "Senior highways inspector"),
    "manager@demo.test": ("Highways and transport", "Head of highways and transport"),
    "support@demo.test": ("Member support", "Member support officer"),
    "democratic@demo.test": ("Democratic services", "Democratic services manager"),
    "dpo@demo.test": ("Information governance", "Data protection officer"),
    "admin@demo.test": ("ICT service desk", "Systems administrator"),
}
# Teams for the generated officer users, by role.
ROLE_TEAMS = {
    Role.MEMBER_SUPPORT_OFFICER: ("Member support", "Member support officer"),
    Role.DEMOCRATIC_SERVICES_OFFICER: ("Democratic services", "Democratic services officer"),
    Role.DATA_PROTECTION_OFFICER: ("Information governance", "Information governance officer"),
}

# Outside bodies added here (the enquiries demo adds police, NHS trust, housing association,
# highways contractor, county council and water company first).
MORE_PARTNERS = [
    (
        "Demo Vale District Council",
        PartnerKind.DISTRICT_COUNCIL,
        "customer.services@demovale.example.org",
    ),
    ("Demo Power Networks", PartnerKind.UTILITY, "community@demopower.example.com"),
    ("Demo Gas Networks", PartnerKind.UTILITY, "stakeholder@demogas.example.com"),
    ("Demo Integrated Care Board", PartnerKind.NHS, "enquiries@demoicb.example.org"),
    (
        "Demoshire Fire and Rescue Service",
        PartnerKind.OTHER,
        "community.safety@demofire.example.org",
    ),
]

# "Who handles what": (topic, keywords, council team or None, outside body or None, advice)
TOPICS = [
    (
        "Potholes and road defects",
        "pot holes, road surface, pavements, trip hazards",
        "Highways maintenance",
        None,
        "Give the exact location (a nearby house number or lamp column number) and a photo. "
        "Defects deeper than 40mm on busy roads are made safe within 24 hours.",
    ),
    (
        "Street lights",
        "lamp posts, lighting columns, dark streets",
        "Street lighting",
        None,
        "Each column has a number on a plate: include it. A column that is leaning or has its "
        "door missing is an emergency.",
    ),
    (
        "Speeding and road safety",
        "traffic calming, speed bumps, crossings",
        "Traffic and road safety",
        None,
        "Requests for traffic calming are scored each spring; enforcement of speed limits is "
        "for the police.",
    ),
    (
        "Dropped kerbs",
        "vehicle crossings, driveways",
        "Traffic and road safety",
        None,
        "Residents apply online; the fee covers the site survey.",
    ),
    (
        "Gritting and snow",
        "winter maintenance, salt bins, ice",
        "Highways maintenance",
        None,
        "Priority routes are gritted first; a request for a new salt bin is assessed against "
        "the winter service policy.",
    ),
    (
        "Parking enforcement",
        "parking tickets, yellow lines, permits",
        "Parking services",
        None,
        "Give the street and the times the problem happens. Appeals against a ticket must come "
        "from the driver.",
    ),
    (
        "Roadworks by the council's contractor",
        "road closures, diversions",
        None,
        "Demo Highways Contractor Ltd",
        "The contractor answers members within five working days; copy in the highways team.",
    ),
    (
        "Missed bin collections",
        "bins, recycling, garden waste, bulky waste",
        "Waste collections",
        None,
        "Report it within two working days of the collection day; give the address and which bin.",
    ),
    (
        "Fly-tipping",
        "dumped rubbish, illegal dumping",
        "Environmental enforcement",
        None,
        "Do not touch it. Note anything that identifies who dumped it, and send photos.",
    ),
    (
        "Street cleaning and litter",
        "litter bins, sweeping, graffiti, dog fouling",
        "Street cleansing",
        None,
        "Offensive graffiti is removed within one working day.",
    ),
    (
        "Trees on council land",
        "overhanging trees, dangerous trees, tree preservation orders",
        "Trees and woodlands",
        None,
        "Trees on private land are the owner's responsibility unless they are dangerous.",
    ),
    (
        "Parks and play areas",
        "playgrounds, park maintenance, sports pitches",
        "Parks operations",
        None,
        None,
    ),
    ("Cemeteries and burials", "funerals, memorials, graves", "Bereavement services", None, None),
    (
        "Planning applications",
        "planning permission, objections, extensions",
        "Development management",
        None,
        "Members can call in an application to committee within 21 days of the consultation "
        "starting: use the call-in form.",
    ),
    (
        "Breaches of planning control",
        "unauthorised building, enforcement",
        "Planning enforcement",
        None,
        "Give the address and what is being built or used.",
    ),
    (
        "Dangerous buildings and structures",
        "unsafe walls, building control",
        "Building control",
        None,
        "Out of hours, call the council's out-of-hours line.",
    ),
    (
        "Minerals and waste planning",
        "quarries, landfill",
        None,
        "Demoshire County Council",
        "The county council decides these applications; the borough is consulted.",
    ),
    (
        "Alcohol, entertainment and taxi licences",
        "pubs, late licences, taxis, street trading",
        "Licensing team",
        None,
        "Representations on an application must be made within 28 days.",
    ),
    (
        "Noise complaints",
        "loud music, barking dogs, parties, alarms",
        "Noise and nuisance",
        None,
        "Residents keep a noise diary for two weeks; the night-time patrol works weekends.",
    ),
    ("Food hygiene", "restaurants, takeaways, food poisoning", "Environmental health", None, None),
    (
        "Pest control",
        "rats, mice, wasps",
        "Environmental health",
        None,
        "Free for rats in homes; other pests are charged.",
    ),
    (
        "Rogue traders and scams",
        "doorstep crime, trading standards",
        "Trading standards",
        None,
        "If a trader is at the door now, call the police on 999.",
    ),
    (
        "Anti-social behaviour",
        "nuisance neighbours, youths, intimidation",
        "Anti-social behaviour team",
        "Demoshire Police",
        "Crime in progress: 999. The council and the police run joint ASB case reviews.",
    ),
    (
        "Crime and policing",
        "burglary, drugs, police patrols",
        None,
        "Demoshire Police",
        "Use the neighbourhood policing email; the police do not discuss named suspects.",
    ),
    (
        "Homelessness",
        "rough sleeping, eviction, emergency housing",
        "Housing options and homelessness",
        None,
        "Anyone homeless tonight should call the housing options line (out of hours: the "
        "out-of-hours line).",
    ),
    (
        "Council housing repairs",
        "damp, mould, leaks, heating",
        "Housing repairs",
        None,
        "Give the tenant's address and a contact number; damp and mould are inspected within "
        "ten working days.",
    ),
    (
        "Housing association homes",
        "Riverside Homes, housing association repairs",
        None,
        "Riverside Homes housing association",
        "Riverside Homes has its own member enquiry line; the council cannot instruct repairs.",
    ),
    (
        "Private rented housing conditions",
        "landlords, HMOs, disrepair",
        "Private sector housing",
        None,
        None,
    ),
    (
        "Adult social care assessments",
        "care packages, carers, home care",
        "Adult social care front door",
        None,
        "A resident or their family can ask for an assessment; members can ask with consent.",
    ),
    (
        "Safeguarding adults",
        "abuse, neglect, vulnerable adults",
        "Safeguarding adults",
        None,
        "If someone is in immediate danger, call 999. Otherwise report it the same day.",
    ),
    (
        "Safeguarding children",
        "child protection, children at risk",
        "Children's front door",
        None,
        "If a child is in immediate danger, call 999.",
    ),
    (
        "School admissions and transport",
        "school places, appeals, school buses",
        "School admissions",
        "Demoshire County Council",
        "The borough handles admissions; home-to-school transport is the county council's.",
    ),
    (
        "Special educational needs",
        "SEND, EHCP, education health and care plans",
        "Special educational needs",
        None,
        None,
    ),
    (
        "Hospital discharge and community health",
        "hospital, district nurses",
        None,
        "Demo Valley NHS Trust",
        "Use the trust's patient liaison service.",
    ),
    (
        "GP surgeries and dentists",
        "doctors, NHS dentists, pharmacies",
        None,
        "Demo Integrated Care Board",
        "The integrated care board commissions GP and dental services.",
    ),
    (
        "Council tax bills",
        "council tax, discounts, arrears",
        "Council tax",
        None,
        "Residents struggling to pay should contact the team before a summons is issued.",
    ),
    (
        "Housing benefit and council tax support",
        "benefits, council tax reduction",
        "Benefits",
        None,
        None,
    ),
    ("Business rates", "rates relief, small business", "Business rates", None, None),
    (
        "Councillors' laptops and phones",
        "ICT, email, passwords, members' devices",
        "Members' ICT support",
        None,
        "Raise it as an enquiry in the ICT category.",
    ),
    (
        "Complaints about the council",
        "complaints procedure, ombudsman",
        "Complaints and feedback",
        None,
        None,
    ),
    (
        "Elections and voter registration",
        "polling stations, postal votes, electoral register",
        "Electoral services",
        None,
        None,
    ),
    (
        "Members' allowances and expenses",
        "allowances, expenses claims, mileage",
        "Member support",
        None,
        None,
    ),
    (
        "Committee meetings and papers",
        "agendas, minutes, call-in",
        "Democratic services",
        None,
        None,
    ),
    (
        "Freedom of information requests",
        "FOI, subject access requests",
        "Information governance",
        None,
        None,
    ),
    ("Press enquiries", "media, journalists", "Press office", None, None),
    (
        "Flooding",
        "floods, sandbags, drains, gullies",
        "Emergency planning",
        "Demo Water",
        "Blocked road gullies: highways. Public sewers: Demo Water. Major flooding: the "
        "emergency planning duty officer.",
    ),
    ("Water leaks and sewers", "burst mains, sewage, water supply", None, "Demo Water", None),
    ("Power cuts and substations", "electricity, power lines", None, "Demo Power Networks", None),
    (
        "Gas leaks",
        "smell of gas, gas pipes",
        None,
        "Demo Gas Networks",
        "If anyone smells gas, they should call the gas emergency line at once.",
    ),
    (
        "Home fire safety",
        "smoke alarms, fire safety visits",
        None,
        "Demoshire Fire and Rescue Service",
        None,
    ),
    (
        "Addresses in Demo Vale district",
        "boundary, neighbouring council",
        None,
        "Demo Vale District Council",
        "A few addresses on the northern boundary are in Demo Vale: check the postcode first.",
    ),
]


class DirectoryDemo:
    def __init__(self, builder):
        self.b = builder
        self.rng = random.Random(f"directory-{builder.seed}")
        self.now = builder.now
        self.staff_number = 0
        self.used_emails: set[str] = set()
        self.counts: dict[str, int] = {}

    # ----------------------------------------------------------------- helpers
    def next_staff_number(self) -> str:
        self.staff_number += self.rng.randint(1, 9)
        return f"D{self.staff_number:05d}"

    def desk_phone(self) -> str:
        return f"01632 960{self.rng.randint(0, 999):03d}"

    def mobile(self) -> str:
        return f"07700 900{self.rng.randint(0, 999):03d}"

    def mailbox(self, name: str) -> str:
        local = slugify(name.replace("'", "")).replace("-", ".")
        return f"{local}@{MAIL_DOMAIN}"

    def person_email(self, first: str, last: str) -> str:
        base = f"{slugify(first)}.{slugify(last.replace(chr(39), ''))}".replace("-", "")
        email, n = f"{base}@{MAIL_DOMAIN}", 1
        while email in self.used_emails:
            n += 1
            email = f"{base}{n}@{MAIL_DOMAIN}"
        self.used_emails.add(email)
        return email

    def history(self, model, objs) -> None:
        model.history.bulk_history_create(
            objs, batch_size=BATCH, default_date=self.now, default_change_reason="Demo data"
        )

    # ------------------------------------------------------------------- build
    def build(self) -> dict[str, int]:
        self.build_units()
        self.build_officers()
        self.build_topics()
        return self.counts

    def build_units(self) -> None:
        services = self.b.services
        directorates, plans = [], []
        for name, (_, description, _services) in ORGANISATION.items():
            directorates.append(
                OrgUnit(
                    name=name,
                    kind=UnitKind.DIRECTORATE,
                    description=description,
                    email=self.mailbox(f"{name} directorate"),
                )
            )
        OrgUnit.objects.bulk_create(directorates)
        service_units = []
        for directorate, (_, _, service_plans) in zip(
            directorates, ORGANISATION.values(), strict=True
        ):
            for plan in service_plans:
                service_units.append(
                    OrgUnit(
                        name=plan.name,
                        kind=UnitKind.SERVICE,
                        parent=directorate,
                        service_area=services.get(plan.slug) if plan.slug else None,
                        description=plan.description,
                        email=self.mailbox(plan.name),
                        phone=self.desk_phone(),
                    )
                )
                plans.append(plan)
        OrgUnit.objects.bulk_create(service_units)
        teams = []
        self.team_plans: list[tuple[OrgUnit, TeamPlan, ServicePlan]] = []
        for service_unit, plan in zip(service_units, plans, strict=True):
            for team_plan in plan.teams:
                team = OrgUnit(
                    name=team_plan.name,
                    kind=UnitKind.TEAM,
                    parent=service_unit,
                    service_area=service_unit.service_area,
                    email=team_plan.email or self.mailbox(team_plan.name),
                    phone=self.desk_phone(),
                )
                teams.append(team)
                self.team_plans.append((team, team_plan, plan))
        OrgUnit.objects.bulk_create(teams)
        everything = directorates + service_units + teams
        self.history(OrgUnit, everything)
        self.directorates = dict(zip(ORGANISATION, directorates, strict=True))
        self.services = {plan.name: unit for unit, plan in zip(service_units, plans, strict=True)}
        self.service_plans = {plan.name: plan for plan in plans}
        self.service_by_slug = {
            plan.slug: unit for unit, plan in zip(service_units, plans, strict=True) if plan.slug
        }
        self.teams = {team.name: team for team in teams}
        self.units_by_name = {unit.name: unit for unit in everything}
        self.counts["directorates, services and teams"] = len(everything)

    def officer(
        self,
        *,
        user: User | None,
        name: str,
        unit: OrgUnit,
        title: str,
        email: str,
        out_of_hours: str = "",
        phone: bool | None = None,
    ) -> Officer:
        if phone is None:
            phone = self.rng.random() < 0.9
        officer = Officer(
            full_name=name,
            job_title=title,
            unit=unit,
            email=email,
            phone=self.desk_phone() if phone else "",
            staff_number=self.next_staff_number(),
            user=user,
        )
        if out_of_hours and self.rng.random() < 0.4:
            officer.out_of_hours_phone = self.mobile()
            officer.out_of_hours_note = out_of_hours
        return officer

    def build_officers(self) -> None:
        rng = self.rng
        officers: list[Officer] = []
        placed: set[int] = set()
        users = {u.email: u for u in User.objects.filter(email__in=FIXED_OFFICERS)}
        for email, (unit_name, title) in FIXED_OFFICERS.items():
            user = users.get(email)
            if user is None:
                continue
            placed.add(user.pk)
            officers.append(
                self.officer(
                    user=user,
                    name=user.full_name,
                    unit=self.units_by_name[unit_name],
                    title=title,
                    email=user.email,
                    phone=True,
                )
            )
        # The generated officer logins, by role (a person with several roles sits once).
        roles = (
            UserRole.objects.filter(
                role__in=[
                    Role.DIRECTOR,
                    Role.SERVICE_MANAGER,
                    Role.SERVICE_OFFICER,
                    Role.DEMOCRATIC_SERVICES_OFFICER,
                    Role.MEMBER_SUPPORT_OFFICER,
                    Role.DATA_PROTECTION_OFFICER,
                ]
            )
            .select_related("user", "service_area")
            .order_by("user__email", "role", "pk")
        )
        director_of = self.directors_by_slug()
        for role in roles:
            user = role.user
            if user.pk in placed:
                continue
            slug = role.service_area.slug if role.service_area else None
            service = self.service_by_slug.get(slug) if slug else None
            if role.role == Role.DIRECTOR:
                directorate = director_of.get(slug, "Resources")
                unit, title = self.directorates[directorate], ORGANISATION[directorate][0]
            elif role.role == Role.SERVICE_MANAGER and service is not None:
                unit, title = service, self.service_plans[service.name].head
            elif role.role == Role.SERVICE_OFFICER and service is not None:
                team, team_plan, _ = rng.choice(
                    [t for t in self.team_plans if t[2].name == service.name]
                )
                unit, title = team, rng.choice(team_plan.titles)
            elif role.role in ROLE_TEAMS:
                team_name, title = ROLE_TEAMS[role.role]
                unit = self.teams[team_name]
            else:
                continue
            placed.add(user.pk)
            officers.append(
                self.officer(
                    user=user, name=user.full_name, unit=unit, title=title, email=user.email
                )
            )
        linked = len(officers)
        # The chief executive, and the people who are only in the directory.
        first, last = self.b.person_name()
        officers.append(
            self.officer(
                user=None,
                name=f"{first} {last}",
                unit=self.directorates["Chief Executive's"],
                title="Chief executive",
                email=self.person_email(first, last),
            )
        )
        weights = [plan.size for _, plan, _ in self.team_plans]
        for _ in range(DIRECTORY_ONLY_OFFICERS):
            team, team_plan, _ = rng.choices(self.team_plans, weights=weights)[0]
            first, last = self.b.person_name()
            officers.append(
                self.officer(
                    user=None,
                    name=f"{first} {last}",
                    unit=team,
                    title=rng.choice(team_plan.titles),
                    email=self.person_email(first, last),
                    out_of_hours=team_plan.out_of_hours,
                )
            )
        # A few leavers, kept so history (document owners, enquiry routing) has their names.
        leavers = rng.sample(officers[linked + 1 :], min(LEAVERS, len(officers) - linked - 1))
        for officer in leavers:
            officer.is_active = False
            officer.deactivated_at = self.now - dt.timedelta(days=rng.randint(10, 400))
        Officer.objects.bulk_create(officers, batch_size=BATCH)
        self.history(Officer, officers)
        self.counts["directory officers"] = len(officers) - len(leavers)
        self.counts["former officers (leavers)"] = len(leavers)
        self.counts["officers linked to a login"] = linked

    def directors_by_slug(self) -> dict[str, str]:
        found = {}
        for name, (_, _, plans) in ORGANISATION.items():
            for plan in plans:
                if plan.slug:
                    found[plan.slug] = name
        return found

    def build_topics(self) -> None:
        existing = set(PartnerOrganisation.objects.values_list("name", flat=True))
        added = []
        for name, kind, email in MORE_PARTNERS:
            if name in existing:
                continue
            first, last = self.b.person_name()
            added.append(
                PartnerOrganisation(
                    name=name,
                    kind=kind,
                    contact_name=f"{first} {last}",
                    email=email,
                    phone=self.desk_phone(),
                    notes="Fictional organisation in the demo council.",
                )
            )
        PartnerOrganisation.objects.bulk_create(added)
        partners = {p.name: p for p in PartnerOrganisation.objects.all()}
        topics = []
        for name, keywords, unit_name, partner_name, advice in TOPICS:
            unit = self.units_by_name.get(unit_name) if unit_name else None
            partner = partners.get(partner_name) if partner_name else None
            if unit is None and partner is None:
                continue  # an outside body the enquiries demo did not create
            topics.append(
                Topic(
                    name=name,
                    keywords=keywords,
                    unit=unit,
                    partner=partner,
                    advice=advice or "",
                )
            )
        Topic.objects.bulk_create(topics)
        self.history(Topic, topics)
        self.counts["outside bodies added"] = len(added)
        self.counts["who-handles-what topics"] = len(topics)


def build_directory(builder) -> dict[str, int]:
    """Add the organisation, the directory and "who handles what" to a builder that has made
    its people and the enquiries demo. Returns counts for the summary.

    bulk_create skips the signals that keep the search index current: run the search
    index rebuild (search.services.reindex_all) after the demo is built.

    Also adds the emergency arrangement sections of the out-of-hours page (emergency.py)."""
    counts = DirectoryDemo(builder).build()
    counts.update(build_emergency(builder))
    return counts
