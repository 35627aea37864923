"""Search stays fast with thousands of officers and a large vocabulary. The figures are
printed (pytest -s); the limits are generous so a slow CI machine does not fail."""

from __future__ import annotations

import random
import string
import time

import pytest

from councillor_hub.directory.models import Officer, OrgUnit, UnitKind
from councillor_hub.search import vocabulary
from councillor_hub.search.models import SearchEntry, SearchTerm
from councillor_hub.search.services import reindex_all, search

FIRST = "Aisha Ben Chloe Dev Ellie Femi Grace Harry Isla Jack Kiran Leah Mo Nia Owen Priya"
LAST = (
    "Smith Jones Patel Okafor Williams Brown Taylor Khan Evans Thomas Roberts Walker Wright "
    "Hughes Edwards Green Hall Wood Harris Clarke Lewis Jackson Ali Begum Murphy"
)
JOBS = (
    "Highways engineer|Waste collection supervisor|Planning officer|Housing officer|"
    "Parks ranger|Licensing officer|Council tax adviser|Social worker|Street lighting technician|"
    "Environmental health officer|Democratic services officer|Finance business partner"
)
LIMIT = 0.5  # seconds; the aim is under 0.1


@pytest.fixture
def big_directory(world):
    rng = random.Random(5)  # noqa: S311
    place = OrgUnit.objects.create(name="Place", kind=UnitKind.DIRECTORATE)
    units = OrgUnit.objects.bulk_create(
        [
            OrgUnit(name=name, kind=UnitKind.SERVICE, parent=place)
            for name in ["Highways", "Waste", "Planning", "Housing", "Parks", "Licensing"]
        ]
    )
    Officer.objects.bulk_create(
        [
            Officer(
                full_name=f"{rng.choice(FIRST.split())} {rng.choice(LAST.split())}-{n}",
                job_title=rng.choice(JOBS.split("|")),
                unit=rng.choice(units),
                email=f"officer{n}@example.org",
                phone=f"01632 9{n:05d}",
            )
            for n in range(5000)
        ],
        batch_size=1000,
    )
    started = time.perf_counter()
    counts = reindex_all()
    print(f"\nreindex of {sum(counts.values())} entries: {time.perf_counter() - started:.2f}s")
    assert counts["officer"] == 5000


QUERIES = ["smith", "hihgways smith", "highways engineer okafor", "engineer highw", "okafro", "e"]


def test_search_is_fast_with_5000_officers(big_directory, world):
    for q in QUERIES:
        search(user=world.councillor, q=q)  # warm up
        timings = []
        for _ in range(5):
            started = time.perf_counter()
            results = search(user=world.councillor, q=q)
            timings.append(time.perf_counter() - started)
        best = min(timings)
        print(f"\nsearch {q!r}: {results.total} results, {best * 1000:.1f} ms")
        assert results.total > 0
        assert best < LIMIT


def test_corrections_are_fast_with_50000_words(db):
    rng = random.Random(50)  # noqa: S311
    words = set()
    while len(words) < 50_000:
        length = rng.randint(3, 14)
        words.add("".join(rng.choice(string.ascii_lowercase) for _ in range(length)))
    words |= {"highways", "environment", "allowances"}
    SearchTerm.objects.bulk_create([SearchTerm(word=w, entries=1) for w in words], batch_size=5000)
    for misspelt, wanted, prefix in [
        ("hihgways", "highways", False),
        ("enviromnent", "environment", False),
        ("alowances", "allowances", False),
        ("enviornm", "environment", True),
    ]:
        timings = []
        for _ in range(3):
            started = time.perf_counter()
            found = vocabulary.close_words(misspelt, prefix=prefix)
            timings.append(time.perf_counter() - started)
        print(f"\ncorrecting {misspelt!r} among {len(words)} words: {min(timings) * 1000:.1f} ms")
        assert wanted in found
        assert min(timings) < LIMIT
    assert not SearchEntry.objects.exists()
