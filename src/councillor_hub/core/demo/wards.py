"""Demo data for ward profiles: every ward gets a summary, an area, invented statistics shaped
like ONS Census 2021 and Index of Multiple Deprivation 2019 figures (population of 8,000 to
12,000, age bands, households and tenure, deprivation rank, decile and score, economic
activity) and a handful of amenities with invented names.

Called after build_places (it uses the builder's places for the parks, schools and streets the
casework already mentions; without them it invents its own). Everything is fictional:
example.org addresses, DM postcodes, sources marked "demo figures". Deterministic: its own
random.Random seeded from the builder's seed. Written with bulk_create, with one initial
history row per profile, statistic and amenity.
"""

from __future__ import annotations

import random
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from simple_history.utils import bulk_create_with_history

from councillor_hub.accounts.models import Ward
from councillor_hub.wards.models import (
    AmenityKind,
    Unit,
    WardAmenity,
    WardProfile,
    WardStatistic,
)

from . import words

if TYPE_CHECKING:
    from .builder import DemoCouncilBuilder

IMD_AREAS = 32_844  # neighbourhoods (LSOAs) ranked in England's indices of deprivation 2019
CENSUS = "ONS Census 2021 {table} (demo figures)"
IMD = "English indices of deprivation 2019 (demo figures)"

CHARACTERS = [
    (
        "a busy town-centre ward",
        "Terraced streets and flats above shops surround the high street, the bus station and "
        "the market. Many residents are young adults renting privately, and footfall, parking "
        "and late-night noise come up often.",
    ),
    (
        "a leafy suburban ward",
        "Mostly semi-detached and detached homes built between the wars and in the 1960s, with "
        "a large share of owner-occupiers and older residents. Residents raise verges, trees, "
        "speeding and planning applications for extensions.",
    ),
    (
        "a ward of post-war estates",
        "Council-built estates, many homes now with a housing association, around a small "
        "parade of shops. Housing repairs, anti-social behaviour and the condition of play "
        "areas are common concerns.",
    ),
    (
        "a riverside ward",
        "Older cottages by the water, newer flats on former wharves and a stretch of flood "
        "plain. Flooding, drainage, the towpath and parking near the waterfront come up most.",
    ),
    (
        "a growing edge-of-town ward",
        "New housing estates on former farmland alongside an older village centre. Residents "
        "ask about school places, GP appointments, unadopted roads and bus services.",
    ),
    (
        "a mixed residential ward",
        "Victorian terraces, inter-war semis and a small industrial estate, with a lively "
        "local centre. Bins, fly-tipping, potholes and parking are the issues raised most.",
    ),
]

SAINTS = ["Mary", "Peter", "Andrew", "Michael", "John", "Luke", "Margaret", "Nicholas"]
FAITH_PLACES = [
    "St {saint}'s Church",
    "{stem} Methodist Church",
    "{stem} Baptist Chapel",
    "{ward} Islamic Centre",
    "{ward} Gurdwara",
    "Our Lady of {stem} RC Church",
]


def _d(value: float, places: int = 0) -> Decimal:
    quantum = Decimal(1).scaleb(-places)
    return Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)


def _shares(rng: random.Random, ranges: list[tuple[float, float]]) -> list[Decimal]:
    """Per cents (one decimal place) drawn from `ranges`, the last one the remainder, so
    they add up to exactly 100."""
    parts = [_d(rng.uniform(low, high), 1) for low, high in ranges[:-1]]
    return [*parts, Decimal(100) - sum(parts)]


def _counts(total: int, shares: list[Decimal]) -> list[int]:
    """Whole numbers in these shares of `total`, the last taking the rounding."""
    parts = [int(total * share / 100) for share in shares[:-1]]
    return [*parts, total - sum(parts)]


def _statistics(rng: random.Random, ward: Ward, area: Decimal) -> list[WardStatistic]:
    rows: list[tuple[str, str, Decimal, str, str, str]] = []

    def add(topic, label, value, unit, source, period="2021"):
        rows.append((topic, label, Decimal(value), unit, source, period))

    population = rng.randint(8_000, 12_000)
    add("Population", "All usual residents", population, Unit.PEOPLE, CENSUS.format(table="TS001"))
    add(
        "Population",
        "People per hectare",
        _d(population / float(area), 1),
        Unit.NUMBER,
        CENSUS.format(table="TS006"),
    )

    ages = _shares(rng, [(16, 22), (8, 14), (29, 36), (16, 21), (0, 0)])
    bands = ["Aged 0 to 15", "Aged 16 to 24", "Aged 25 to 49", "Aged 50 to 64", "Aged 65 and over"]
    for label, count in zip(bands, _counts(population, ages), strict=True):
        add("Age", label, count, Unit.PEOPLE, CENSUS.format(table="TS007A"))

    size = rng.uniform(2.15, 2.6)
    households = round(population / size)
    add("Households", "Households", households, Unit.HOUSEHOLDS, CENSUS.format(table="TS041"))
    add(
        "Households",
        "Average household size",
        _d(size, 2),
        Unit.NUMBER,
        CENSUS.format(table="TS017"),
    )
    tenure = _shares(rng, [(40, 68), (6, 25), (0, 0)])
    for label, share in zip(
        ["Owned outright or with a mortgage", "Social rented", "Private rented or rent free"],
        tenure,
        strict=True,
    ):
        add("Housing tenure", label, share, Unit.PER_CENT, CENSUS.format(table="TS054"))

    decile = rng.randint(1, 10)
    width = IMD_AREAS // 10
    rank = rng.randint((decile - 1) * width + 1, decile * width)
    score = _d(max(3.0, 55 - decile * 5 + rng.uniform(-3, 3)), 1)
    add("Deprivation (IMD 2019)", "Average rank (1 is most deprived)", rank, Unit.RANK, IMD, "2019")
    add("Deprivation (IMD 2019)", "Decile (1 is most deprived)", decile, Unit.DECILE, IMD, "2019")
    add("Deprivation (IMD 2019)", "Average score", score, Unit.SCORE, IMD, "2019")

    activity = _shares(rng, [(50, 60), (2, 5), (14, 22), (4, 8), (0, 0)])
    for label, share in zip(
        [
            "In employment",
            "Unemployed",
            "Retired",
            "Student (not working)",
            "Other economically inactive",
        ],
        activity,
        strict=True,
    ):
        add("Economic activity", label, share, Unit.PER_CENT, CENSUS.format(table="TS066"))

    return [
        WardStatistic(
            ward=ward,
            topic=topic,
            label=label,
            value=value,
            unit=unit,
            source=source,
            period=period,
            sort_order=position,
        )
        for position, (topic, label, value, unit, source, period) in enumerate(rows, 1)
    ]


def _amenities(rng: random.Random, ward: Ward, place) -> list[WardAmenity]:
    stems = list(words.STREET_STEMS)
    streets = list(place.streets) if place else []
    if not streets:
        streets = [
            (f"{rng.choice(stems)} {rng.choice(words.STREET_SUFFIXES)}", "DM1 1AA")
            for _ in range(6)
        ]
    parks = list(place.parks) if place else [f"{ward.name} {rng.choice(words.PARK_KINDS)}"]
    schools = list(place.schools) if place else []
    schools.append(f"{rng.choice(stems)} {rng.choice(words.SCHOOL_KINDS)}")

    def address() -> str:
        street, postcode = rng.choice(streets)
        return f"{rng.randint(1, 120)} {street}, {postcode}"

    slug = ward.name.lower().replace(" ", "-")
    found: list[tuple[str, str, str, str]] = []
    for school in dict.fromkeys(schools):
        found.append((AmenityKind.SCHOOL, school, "", ""))
    for park in parks[:2]:
        found.append((AmenityKind.PARK, park, "Play area, open all year.", ""))
    found.append(
        (
            AmenityKind.HEALTH,
            f"{rng.choice(stems)} Medical Centre",
            "GP surgery. Appointments by phone or online.",
            "",
        )
    )
    found.append((AmenityKind.HEALTH, f"{ward.name} Pharmacy", "", ""))
    if rng.random() < 0.6:
        found.append(
            (
                AmenityKind.LIBRARY,
                f"{ward.name} Library",
                "Free computers and wifi; councillor surgeries are held here.",
                f"https://www.example.org/libraries/{slug}",
            )
        )
    found.append(
        (
            AmenityKind.COMMUNITY_CENTRE,
            f"{ward.name} Community Centre",
            "Rooms for hire; the residents' association meets here monthly.",
            "",
        )
    )
    if rng.random() < 0.35:
        found.append(
            (
                AmenityKind.LEISURE_CENTRE,
                f"{ward.name} Leisure Centre",
                "Pool, gym and sports hall.",
                f"https://www.example.org/leisure/{slug}",
            )
        )
    faith = rng.choice(FAITH_PLACES).format(
        saint=rng.choice(SAINTS), stem=rng.choice(stems), ward=ward.name
    )
    found.append((AmenityKind.PLACE_OF_WORSHIP, faith, "", ""))
    found.append(
        (AmenityKind.SHOPS, f"{streets[0][0]} Parade", "A small parade of local shops.", "")
    )
    found.append(
        (
            AmenityKind.TRANSPORT,
            f"{ward.name} bus interchange" if rng.random() < 0.5 else f"{ward.name} station",
            "",
            "",
        )
    )
    return [
        WardAmenity(ward=ward, kind=kind, name=name, address=address(), notes=notes, url=url)
        for kind, name, notes, url in found
    ]


def build_wards(builder: DemoCouncilBuilder) -> dict[str, int]:
    rng = random.Random(f"wards-{builder.seed}")
    places = {place.ward.pk: place for place in getattr(builder, "places", [])}
    profiles, statistics, amenities = [], [], []
    for ward in Ward.objects.order_by("pk"):
        area = _d(rng.uniform(250, 1_400), 1)
        character, detail = rng.choice(CHARACTERS)
        statistics_of_ward = _statistics(rng, ward, area)
        population = statistics_of_ward[0].value
        profiles.append(
            WardProfile(
                ward=ward,
                summary=(
                    f"{ward.name} is {character} of about {int(population):,} residents.\n\n"
                    f"{detail}"
                ),
                area_hectares=area,
            )
        )
        statistics += statistics_of_ward
        amenities += _amenities(rng, ward, places.get(ward.pk))
    bulk_create_with_history(profiles, WardProfile)
    bulk_create_with_history(statistics, WardStatistic, batch_size=500)
    bulk_create_with_history(amenities, WardAmenity, batch_size=500)
    return {
        "ward profiles": len(profiles),
        "ward statistics": len(statistics),
        "ward amenities": len(amenities),
    }
