"""The generator's options, refusals and determinism (no generated council in the database:
see test_generator.py for that)."""

from __future__ import annotations

import hashlib

import pytest
from django.core.management import CommandError

from councillor_hub.accounts.models import User
from councillor_hub.casework.models import Case
from councillor_hub.core.generator import build
from councillor_hub.core.generator.sizes import PRESETS, SizeError, Sizes, sizes_resolve
from councillor_hub.core.generator.writer import Timestamps

from .test_generator import AS_OF, SIZES, generate


@pytest.mark.django_db
def test_refuses_a_database_with_data():
    User.objects.create_user(email="someone@example.org", password="x", full_name="Someone")
    with pytest.raises(CommandError, match="not empty"):
        generate()
    assert not Case.unrestricted.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"cases": -1}, "--cases must be zero or more"),
        ({"preset": "huge"}, "Unknown preset 'huge'"),
        ({"councillors": 0}, "--councillors must be at least 1"),
        ({"as_of": "yesterday"}, "--as-of must be a date"),
    ],
)
def test_bad_options_are_refused_clearly(options, message):
    with pytest.raises(CommandError, match=message):
        generate(**options)


def test_presets():
    assert PRESETS["full"].cases == 1_000_000 and PRESETS["full"].audit == 10_000_000
    assert PRESETS["small"].cases == 100_000 and PRESETS["small"].councillors == 150
    assert sizes_resolve("small", cases=5).cases == 5
    with pytest.raises(SizeError):
        sizes_resolve("small", timeline=-3)


# --- Determinism, from the pure row builders (no database) --------------------------------

AREAS = [
    build.AreaRef(n, slug, slug.replace("-", " ").capitalize())
    for n, slug in enumerate(
        [
            "highways",
            "waste-and-recycling",
            "housing",
            "planning",
            "anti-social-behaviour",
            "other",
        ],
        start=1,
    )
]


def digest(seed: int, sizes: Sizes | None = None) -> str:
    plan = build.Plan(
        sizes=sizes or Sizes(**SIZES),
        seed=seed,
        as_of=AS_OF,
        areas=AREAS,
        group_ids=[1, 2, 3, 4],
        password_hash="hash",
        ts=Timestamps("sqlite"),
        service_levels={"standard": (5, None), "emergency": (None, 4)},
    )
    sha = hashlib.sha256()
    for table in build.tables(plan):
        sha.update(table.label.encode())
        for row in table.rows:
            sha.update(repr(row).encode())
    return sha.hexdigest()


def test_same_seed_same_rows_and_another_seed_differs():
    assert digest(1) == digest(1)
    assert digest(1) != digest(2)


def test_counts_are_exact_in_the_builders_for_awkward_sizes():
    sizes = Sizes(
        cases=7, constituents=3, timeline=41, audit=13, enquiries=2, councillors=2, officers=1
    )
    plan = build.Plan(
        sizes=sizes,
        seed=3,
        as_of=AS_OF,
        areas=AREAS,
        group_ids=[],
        password_hash="hash",
        ts=Timestamps("sqlite"),
    )
    counts = {table.label: sum(1 for _ in table.rows) for table in build.tables(plan)}
    assert counts["cases"] == 7
    assert counts["constituents"] == 3
    assert counts["timeline entries"] == 41
    assert counts["audit events"] == 13
    assert counts["enquiries"] == 2


@pytest.mark.django_db
def test_force_adds_to_a_database_with_data_and_keeps_it():
    someone = User.objects.create_user(
        email="someone@example.org", password="x", full_name="Someone"
    )
    generate(force=True, cases=20, constituents=20, timeline=30, audit=40, enquiries=5)
    assert User.objects.filter(pk=someone.pk, email="someone@example.org").exists()
    assert Case.unrestricted.count() == 20
    # New keys start after the existing ones.
    assert User.objects.filter(email="councillor1@bench.test").get().pk > someone.pk


def test_writer_refuses_to_leave_out_a_required_column():
    from councillor_hub.core.generator.writer import columns_for

    with pytest.raises(ValueError, match="required column"):
        columns_for(Case, ["id", "reference", "owner_id"])
    with pytest.raises(ValueError, match="has no field"):
        columns_for(Case, [*build.CASE_NAMES, "no_such_field"])
    assert columns_for(Case, build.CASE_NAMES)[2] == Case._meta.get_field("owner").column


def test_a_lone_councillor_shares_nothing_but_may_have_a_delegate():
    sizes = Sizes(
        cases=30, constituents=10, timeline=40, audit=10, enquiries=5, councillors=1, officers=3
    )
    plan = build.Plan(
        sizes=sizes,
        seed=5,
        as_of=AS_OF,
        areas=AREAS,
        group_ids=[1],
        password_hash="hash",
        ts=Timestamps("sqlite"),
    )
    rows = {table.label: list(table.rows) for table in build.tables(plan)}
    assert rows["case shares"] == []  # no ward colleague to share with
    assert len([g for g in rows["delegate grants"] if g[4] is None]) == 1
    delegate = rows["delegate grants"][0][2]
    assert (delegate, "delegate") in {(r[1], r[2]) for r in rows["user roles"]}
    assert any(r[4] == "delegate1@bench.test" for r in rows["users"])
    # Categories for every area, and the sensitive enquiry's viewers are in the viewers table.
    assert {r[1] for r in rows["enquiry categories"]} == {a.id for a in AREAS}
    assert len(rows["enquiry named viewers"]) >= 1


def test_through_tables_are_read_from_meta():
    from councillor_hub.core.generator.writer import columns_for
    from councillor_hub.enquiries.models import Enquiry

    through, names = build.m2m_table(Enquiry, "named_viewers")
    assert through is Enquiry.named_viewers.through
    assert columns_for(through, names) == [
        "id",
        through._meta.get_field("enquiry").column,
        through._meta.get_field("user").column,
    ]
    through, names = build.m2m_table(Case, "tags")
    assert names == ["id", "case_id", "tag_id"]


def test_existing_enquiry_categories_are_used_not_duplicated():
    plan = build.Plan(
        sizes=Sizes(**SIZES),
        seed=1,
        as_of=AS_OF,
        areas=AREAS,
        group_ids=[1],
        password_hash="hash",
        ts=Timestamps("sqlite"),
        enquiry_categories={AREAS[0].id: [901, 902]},
    )
    rows, by_area = build.enquiry_categories_plan(plan)
    assert by_area[AREAS[0].id][0] == [901, 902]
    assert AREAS[0].id not in {r[1] for r in rows}
    assert {r[1] for r in rows} == {a.id for a in AREAS[1:]}
