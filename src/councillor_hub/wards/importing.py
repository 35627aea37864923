"""Reading a ward statistics file (CSV) and working out what it would change.

The same two steps as the staff directory import (directory/importing.py, whose file reading
this module shares): `plan_import(text)` reads the file and compares it with the statistics
held, changing nothing, and returns an `ImportPlan`: per ward, the statistics it would add,
the ones it would change (old and new values) and the ones it leaves unchanged, and every bad
row with its line number. `services.ward_statistics_import_apply` writes a plan only when the
plan it works out again from the same text matches the one the person checked (its
fingerprint), so applying does exactly what the dry run showed.

Columns (the first row names them; case, spaces and hyphens in the names do not matter; other
columns are ignored): ward_code (the ONS code, e.g. E05000001) or, when there is no ward_code
column, ward_name; topic, label, value and unit are required; source and period are optional,
and leaving either column out of the file leaves that detail unchanged. A statistic is matched
on its ward, topic and label (ignoring case). Statistics that are not in the file are kept.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from decimal import Decimal

from councillor_hub.accounts.models import Ward
from councillor_hub.directory.importing import (
    ImportFileError,
    clean_value,
    csv_records,
    decode_upload,
    normalise_header,
)

from .models import Unit, WardStatistic
from .numbers import NotANumber, format_value, parse_number

__all__ = [
    "COLUMNS",
    "ImportFileError",
    "ImportPlan",
    "MAX_BYTES",
    "MAX_ROWS",
    "decode_upload",
    "parse_unit",
    "plan_import",
]

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 20_000
MAX_ROW_ERRORS_SHOWN = 200


@dataclass(frozen=True)
class Column:
    name: str
    required: str  # "Yes", "No", or when it is needed
    description: str
    max_length: int = 0
    example: str = ""


COLUMNS: list[Column] = [
    Column(
        "ward_code",
        "Yes (or ward_name)",
        "The ward's ONS code, e.g. E05000001.",
        9,
        "E05000001",
    ),
    Column(
        "ward_name",
        "Only without ward_code",
        "The ward's name, used only when the file has no ward_code column.",
        120,
        "Abbey",
    ),
    Column(
        "topic",
        "Yes",
        "The group the figure belongs to: one chart and table each, e.g. Age.",
        100,
        "Age",
    ),
    Column("label", "Yes", "What the figure is, e.g. Aged 0 to 15.", 150, "Aged 0 to 15"),
    Column(
        "value",
        "Yes",
        "The figure: 1234, 1,234, 12.5 or 12.5%. Rounded to 3 decimal places.",
        0,
        "1,830",
    ),
    Column(
        "unit",
        "Yes",
        "One of: people, households, per cent, rank, decile, score or number. "
        "Left empty, a value with a % sign is a per cent.",
        0,
        "people",
    ),
    Column("source", "No", "Where it comes from, e.g. ONS Census 2021 TS007.", 200, "TS007"),
    Column("period", "No", "When it describes, e.g. 2021.", 30, "2021"),
]
COLUMN_BY_NAME = {column.name: column for column in COLUMNS}
ALWAYS_REQUIRED = ["topic", "label", "value", "unit"]

UNIT_WORDS = {
    "people": Unit.PEOPLE,
    "person": Unit.PEOPLE,
    "persons": Unit.PEOPLE,
    "residents": Unit.PEOPLE,
    "households": Unit.HOUSEHOLDS,
    "household": Unit.HOUSEHOLDS,
    "per cent": Unit.PER_CENT,
    "percent": Unit.PER_CENT,
    "percentage": Unit.PER_CENT,
    "%": Unit.PER_CENT,
    "rank": Unit.RANK,
    "decile": Unit.DECILE,
    "score": Unit.SCORE,
    "number": Unit.NUMBER,
    "count": Unit.NUMBER,
}
UNITS_LISTED = "people, households, per cent, rank, decile, score or number"

# The details an import sets on a statistic, in the order changes are listed.
FIELD_LABELS = {
    "topic": "Topic",
    "label": "Label",
    "value": "Value",
    "unit": "Unit",
    "source": "Source",
    "period": "Period",
}


@dataclass(frozen=True)
class RowError:
    line: int
    message: str


@dataclass(frozen=True)
class Row:
    line: int
    ward_id: int
    topic: str
    label: str
    value: Decimal
    unit: str
    source: str | None  # None: the file has no source column (leave it unchanged)
    period: str | None
    position: int  # its place among the ward's rows in the file: the order figures are shown

    @property
    def key(self) -> tuple[int, str, str]:
        return statistic_key(self.ward_id, self.topic, self.label)

    @property
    def shown_value(self) -> str:
        return format_value(self.value, self.unit)

    def raw(self) -> list:
        return [
            self.ward_id,
            self.topic,
            self.label,
            str(self.value),
            self.unit,
            self.source,
            self.period,
            self.position,
        ]


@dataclass(frozen=True)
class FieldChange:
    field: str
    label: str
    old: str  # as stored, for the fingerprint
    new: str
    old_shown: str  # as a person reads it
    new_shown: str


@dataclass
class StatisticChange:
    statistic_id: int
    row: Row
    changes: list[FieldChange]


@dataclass
class WardPlan:
    ward_id: int
    ward_name: str
    additions: list[Row] = field(default_factory=list)
    changes: list[StatisticChange] = field(default_factory=list)
    unchanged: list[Row] = field(default_factory=list)

    @property
    def has_changes(self) -> bool:
        return bool(self.additions or self.changes)


@dataclass
class ImportPlan:
    columns: list[str] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    rows: int = 0
    errors: list[RowError] = field(default_factory=list)
    wards: list[WardPlan] = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        return not self.errors

    @property
    def additions(self) -> list[Row]:
        return [row for ward in self.wards for row in ward.additions]

    @property
    def changes(self) -> list[StatisticChange]:
        return [change for ward in self.wards for change in ward.changes]

    @property
    def unchanged(self) -> int:
        return sum(len(ward.unchanged) for ward in self.wards)

    @property
    def has_changes(self) -> bool:
        return any(ward.has_changes for ward in self.wards)

    @property
    def errors_shown(self) -> list[RowError]:
        return self.errors[:MAX_ROW_ERRORS_SHOWN]

    @property
    def errors_not_shown(self) -> int:
        return max(0, len(self.errors) - MAX_ROW_ERRORS_SHOWN)

    def counts(self) -> dict[str, int]:
        return {
            "added": len(self.additions),
            "changed": len(self.changes),
            "unchanged": self.unchanged,
            "wards": len(self.wards),
        }

    def fingerprint(self) -> str:
        """A digest of exactly what would be written (and the values it would replace), so
        applying can prove it writes what the person checked."""
        data = {
            "add": [row.raw() for row in self.additions],
            "change": [
                [c.statistic_id, [[f.field, f.old, f.new] for f in c.changes]] for c in self.changes
            ],
        }
        encoded = json.dumps(data, sort_keys=True, ensure_ascii=True)
        return hashlib.sha256(encoded.encode()).hexdigest()


def statistic_key(ward_id: int, topic: str, label: str) -> tuple[int, str, str]:
    return ward_id, clean_value(topic).casefold(), clean_value(label).casefold()


def parse_unit(text: str) -> str | None:
    """The unit named by a cell ("per cent", "Percent", "%", "per_cent"...), or None."""
    word = clean_value(text.replace("_", " ").replace("-", " ")).lower()
    return UNIT_WORDS.get(word)


# --------------------------------------------------------------------------- reading
class _Wards:
    """The council's wards, to find one by ONS code or by name (ignoring case and spaces)."""

    def __init__(self):
        wards = list(Ward.objects.only("pk", "name", "ons_code"))
        self.by_code = {clean_value(w.ons_code).upper(): w for w in wards}
        self.by_name = {clean_value(w.name).casefold(): w for w in wards}


def parse_rows(text: str) -> tuple[list[str], list[str], list[Row], list[RowError], dict]:
    """(columns used, columns ignored, good rows, bad rows, wards by id) from the file's text.
    Raises ImportFileError for problems with the file as a whole."""
    records = csv_records(text)
    header: list[str] | None = None
    header_line = 0
    for line, cells in records:
        if any(cell.strip() for cell in cells):
            header, header_line = [normalise_header(cell) for cell in cells], line
            break
    if header is None:
        raise ImportFileError("The selected file is empty")
    known = [name for name in header if name in COLUMN_BY_NAME]
    duplicates = sorted({name for name in known if known.count(name) > 1})
    if duplicates:
        raise ImportFileError(
            f"The first row names the column {', '.join(duplicates)} more than once"
        )
    missing = [name for name in ALWAYS_REQUIRED if name not in header]
    if "ward_code" not in header and "ward_name" not in header:
        missing.insert(0, "ward_code (or ward_name)")
    if missing:
        raise ImportFileError(
            "The first row must name the columns. Missing: "
            + ", ".join(missing)
            + f" (line {header_line})"
        )
    ignored = [name or "(blank)" for name in header if name not in COLUMN_BY_NAME]
    positions = {name: header.index(name) for name in known}

    wards = _Wards()
    used: dict[int, Ward] = {}
    rows: list[Row] = []
    errors: list[RowError] = []
    seen: dict[tuple, int] = {}
    per_ward: dict[int, int] = {}
    count = 0
    for line, cells in records:
        if not any(cell.strip() for cell in cells):
            continue  # blank lines and rows of empty cells
        count += 1
        if count > MAX_ROWS:
            raise ImportFileError(
                f"The file has more than {MAX_ROWS:,} rows: split it into smaller files "
                "(for example one topic or a few wards in each) and import them one by one"
            )
        values = {
            name: clean_value(cells[index]) if index < len(cells) else ""
            for name, index in positions.items()
        }
        row, problems = _read_row(values, wards)
        if row is not None:
            key = statistic_key(row["ward"].pk, row["topic"], row["label"])
            if key in seen:
                problems.append(
                    f"the same ward, topic and label are also on line {seen[key]}: "
                    "each figure must be in the file once"
                )
            else:
                seen[key] = line
        if problems:
            errors.extend(RowError(line, message) for message in problems)
            continue
        ward = row["ward"]
        used[ward.pk] = ward
        per_ward[ward.pk] = per_ward.get(ward.pk, 0) + 1
        rows.append(
            Row(
                line=line,
                ward_id=ward.pk,
                topic=row["topic"],
                label=row["label"],
                value=row["value"],
                unit=row["unit"],
                source=values.get("source") if "source" in positions else None,
                period=values.get("period") if "period" in positions else None,
                position=per_ward[ward.pk],
            )
        )
    if not rows and not errors:
        raise ImportFileError("The selected file has no figures in it, only the column names")
    return [n for n in header if n in COLUMN_BY_NAME], ignored, rows, errors, used


def _read_row(values: dict[str, str], wards: _Wards) -> tuple[dict | None, list[str]]:
    """The row's ward, topic, label, value and unit, and the problems found (a row with
    problems gives None)."""
    problems: list[str] = []
    ward = None
    code = values.get("ward_code")
    name = values.get("ward_name")
    if "ward_code" in values:
        if not code:
            problems.append("enter the ward code")
        else:
            ward = wards.by_code.get(code.upper())
            if ward is None:
                problems.append(
                    f"the ward code {code[:20]} is not one of the council's wards: check it "
                    "against the list of wards"
                )
            elif name and clean_value(name).casefold() != clean_value(ward.name).casefold():
                problems.append(f"the ward code {ward.ons_code} is {ward.name}, not “{name[:60]}”")
                ward = None
    elif not name:
        problems.append("enter the ward name")
    else:
        ward = wards.by_name.get(name.casefold())
        if ward is None:
            problems.append(f"there is no ward called “{name[:60]}”")
    for column in ("topic", "label"):
        if not values.get(column):
            problems.append(f"enter the {column}")
    for column_name, value in values.items():
        column = COLUMN_BY_NAME[column_name]
        if column.max_length and len(value) > column.max_length:
            problems.append(
                f"the {column.name.replace('_', ' ')} must be {column.max_length} characters "
                "or fewer"
            )
    number = percent = None
    if not values.get("value"):
        problems.append("enter the value (the figure itself)")
    else:
        try:
            number, percent = parse_number(values["value"])
        except NotANumber as error:
            problems.append(str(error))
    unit = None
    unit_text = values.get("unit", "")
    if unit_text:
        unit = parse_unit(unit_text)
        if unit is None:
            problems.append(f"the unit “{unit_text[:30]}” is not known: use {UNITS_LISTED}")
        elif percent and unit != Unit.PER_CENT:
            problems.append(
                f"the value has a % sign but the unit is {Unit(unit).label}: remove the % or "
                "make the unit per cent"
            )
    elif percent:
        unit = Unit.PER_CENT
    else:
        problems.append(f"enter the unit: {UNITS_LISTED}")
    if problems:
        return None, problems
    return {
        "ward": ward,
        "topic": values["topic"],
        "label": values["label"],
        "value": number,
        "unit": unit,
    }, []


# --------------------------------------------------------------------------- planning
def plan_import(text: str) -> ImportPlan:
    """What importing `text` would do, without changing anything. Raises ImportFileError
    for a file that cannot be used at all; bad rows are in `plan.errors`."""
    columns, ignored, rows, errors, wards = parse_rows(text)
    plan = ImportPlan(
        columns=columns,
        ignored_columns=ignored,
        rows=len(rows) + len({error.line for error in errors}),
        errors=errors,
    )
    if errors:
        return plan
    existing: dict[tuple, WardStatistic] = {}
    for statistic in WardStatistic.objects.filter(ward_id__in=list(wards)).order_by("pk"):
        existing.setdefault(
            statistic_key(statistic.ward_id, statistic.topic, statistic.label), statistic
        )
    by_ward: dict[int, WardPlan] = {}
    for row in rows:
        ward_plan = by_ward.get(row.ward_id)
        if ward_plan is None:
            ward_plan = by_ward[row.ward_id] = WardPlan(row.ward_id, wards[row.ward_id].name)
        statistic = existing.get(row.key)
        if statistic is None:
            ward_plan.additions.append(row)
            continue
        changes = _changes(statistic, row)
        if changes:
            ward_plan.changes.append(StatisticChange(statistic.pk, row, changes))
        else:
            ward_plan.unchanged.append(row)
    plan.wards = sorted(by_ward.values(), key=lambda w: (w.ward_name.casefold(), w.ward_id))
    return plan


def _changes(statistic: WardStatistic, row: Row) -> list[FieldChange]:
    changes = []
    for name, label in FIELD_LABELS.items():
        new = getattr(row, name)
        if new is None:  # the file has no such column: left as it is
            continue
        old = getattr(statistic, name)
        if name == "value":
            if Decimal(old) != new:
                changes.append(
                    FieldChange(
                        name,
                        label,
                        str(old),
                        str(new),
                        format_value(old, statistic.unit),
                        format_value(new, row.unit),
                    )
                )
        elif old != new:
            shown = (_unit_label(old), _unit_label(new)) if name == "unit" else (old, new)
            changes.append(FieldChange(name, label, old, new, *shown))
    return changes


def _unit_label(unit: str) -> str:
    return Unit(unit).label if unit in Unit.values else unit


TEMPLATE_FIGURES = [
    # (topic, label, unit, source, period): the figures most councils start with.
    ("Population", "All usual residents", "people", "ONS Census 2021 TS001", "2021"),
    ("Age", "Aged 0 to 15", "people", "ONS Census 2021 TS007A", "2021"),
    ("Age", "Aged 16 to 24", "people", "ONS Census 2021 TS007A", "2021"),
    ("Age", "Aged 25 to 49", "people", "ONS Census 2021 TS007A", "2021"),
    ("Age", "Aged 50 to 64", "people", "ONS Census 2021 TS007A", "2021"),
    ("Age", "Aged 65 and over", "people", "ONS Census 2021 TS007A", "2021"),
    ("Households", "Households", "households", "ONS Census 2021 TS041", "2021"),
    (
        "Deprivation (IMD 2019)",
        "Decile (1 is most deprived)",
        "decile",
        "English indices of deprivation 2019",
        "2019",
    ),
    (
        "Deprivation (IMD 2019)",
        "Average score",
        "score",
        "English indices of deprivation 2019",
        "2019",
    ),
    ("Economic activity", "In employment", "per cent", "ONS Census 2021 TS066", "2021"),
    ("Economic activity", "Unemployed", "per cent", "ONS Census 2021 TS066", "2021"),
    ("Economic activity", "Retired", "per cent", "ONS Census 2021 TS066", "2021"),
]


def template_rows(wards: list[Ward]) -> list[list[str]]:
    """A file to fill in: every ward (by code and name) with the usual Census and
    deprivation figures, their values left empty. Imported before the values are filled in,
    it changes nothing: every row is rejected for its missing value."""
    lines = [[column.name for column in COLUMNS]]
    for ward in wards:
        for topic, label, unit, source, period in TEMPLATE_FIGURES:
            lines.append([ward.ons_code, ward.name, topic, label, "", unit, source, period])
    return lines
