"""Reading a staff directory export (CSV) and working out what it would change.

The import is always two steps. `plan_import(text)` reads the file and compares it with the
directory, changing nothing: it returns an `ImportPlan` listing the officers it would add, the
changes field by field, the leavers it would deactivate, the teams it would create, and every
bad row with its line number. `services.officer_import_apply` writes a plan, and only when the
plan it recomputes from the same text matches the one the person checked (its fingerprint).

Columns (the first row names them; case, spaces and hyphens in the names do not matter, other
columns are ignored): staff_number and full_name are required; job_title, team, service,
directorate, email, phone and out_of_hours_phone are optional, and a column left out of the
file leaves that detail unchanged. Officers are matched on their staff number; active officers
with a staff number that is not in the file are leavers.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from .models import Officer, OrgUnit, UnitKind

MAX_BYTES = 5 * 1024 * 1024
MAX_ROW_ERRORS_SHOWN = 200


@dataclass(frozen=True)
class Column:
    name: str
    label: str
    required: bool
    description: str
    max_length: int


COLUMNS: list[Column] = [
    Column(
        "staff_number",
        "Staff number",
        True,
        "The staff directory's identifier, e.g. D00123. Officers are matched on it.",
        30,
    ),
    Column("full_name", "Full name", True, "The officer's name as members should see it.", 150),
    Column("job_title", "Job title", False, "For example 'Senior highways engineer'.", 150),
    Column("team", "Team", False, "The team they work in.", 150),
    Column("service", "Service", False, "The service the team belongs to.", 150),
    Column("directorate", "Directorate", False, "The directorate the service belongs to.", 150),
    Column("email", "Email", False, "Their work email address.", 254),
    Column("phone", "Phone", False, "Their work phone number.", 30),
    Column(
        "out_of_hours_phone",
        "Out-of-hours phone",
        False,
        "A number for emergencies outside office hours, if they have one.",
        30,
    ),
]
COLUMN_BY_NAME = {column.name: column for column in COLUMNS}
REQUIRED_COLUMNS = [column.name for column in COLUMNS if column.required]
UNIT_COLUMNS = ["directorate", "service", "team"]  # outermost first
UNIT_KIND_FOR_COLUMN = {
    "directorate": UnitKind.DIRECTORATE,
    "service": UnitKind.SERVICE,
    "team": UnitKind.TEAM,
}
# Officer fields the import sets, in the order changes are listed ("unit" is the team path).
FIELD_LABELS = {
    "full_name": "Name",
    "job_title": "Job title",
    "unit": "Team",
    "email": "Email",
    "phone": "Phone",
    "out_of_hours_phone": "Out-of-hours phone",
}
PLAIN_FIELDS = ["full_name", "job_title", "email", "phone", "out_of_hours_phone"]


class ImportFileError(Exception):
    """The file as a whole cannot be used (empty, not CSV, too big, unreadable, wrong columns)."""


@dataclass(frozen=True)
class RowError:
    line: int
    message: str


@dataclass
class Row:
    line: int
    staff_number: str
    values: dict[str, str]  # the columns present in the file, cleaned
    unit_path: tuple[tuple[str, str], ...] | None  # ((kind, name), ...) or None: no unit columns


@dataclass(frozen=True)
class FieldChange:
    field: str
    label: str
    old: str
    new: str


@dataclass
class OfficerAddition:
    row: Row

    @property
    def full_name(self) -> str:
        return self.row.values["full_name"]

    @property
    def staff_number(self) -> str:
        return self.row.staff_number


@dataclass
class OfficerChange:
    officer_id: int
    staff_number: str
    full_name: str
    changes: list[FieldChange]
    returning: bool  # was marked as a leaver; the file lists them again
    row: Row


@dataclass
class OfficerLeaver:
    officer_id: int
    staff_number: str
    full_name: str
    job_title: str


@dataclass
class ImportPlan:
    columns: list[str] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    rows: int = 0
    errors: list[RowError] = field(default_factory=list)
    additions: list[OfficerAddition] = field(default_factory=list)
    changes: list[OfficerChange] = field(default_factory=list)
    leavers: list[OfficerLeaver] = field(default_factory=list)
    unchanged: int = 0
    new_units: list[tuple[tuple[str, str], ...]] = field(default_factory=list)
    active_with_staff_number: int = 0

    @property
    def is_valid(self) -> bool:
        return not self.errors

    @property
    def has_changes(self) -> bool:
        return bool(self.additions or self.changes or self.leavers or self.new_units)

    @property
    def many_leavers(self) -> bool:
        """More than half the officers from earlier imports would be deactivated: worth a
        warning (a file from the wrong system, or a partial export)."""
        return len(self.leavers) > 5 and len(self.leavers) * 2 > self.active_with_staff_number

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
            "deactivated": len(self.leavers),
            "units created": len(self.new_units),
            "unchanged": self.unchanged,
        }

    def fingerprint(self) -> str:
        """A digest of exactly what would be written, so applying can prove it writes what
        the person checked (and not something that changed in between)."""
        data = {
            "add": [
                [a.staff_number, sorted(a.row.values.items()), a.row.unit_path]
                for a in self.additions
            ],
            "change": [
                [c.officer_id, [[f.field, f.old, f.new] for f in c.changes], c.returning]
                for c in self.changes
            ],
            "leave": [leaver.officer_id for leaver in self.leavers],
            "units": self.new_units,
        }
        encoded = json.dumps(data, sort_keys=True, ensure_ascii=True, default=list)
        return hashlib.sha256(encoded.encode()).hexdigest()


# --------------------------------------------------------------------------- reading
def decode_upload(data: bytes) -> str:
    """The text of an uploaded file: UTF-8 (with or without a byte order mark), UTF-16 with a
    byte order mark, or Windows-1252 (Excel's 'CSV' on Windows, a superset of Latin-1's
    printable characters). Anything else is a clear error."""
    if not data:
        raise ImportFileError("The selected file is empty")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise ImportFileError(_ENCODING_ERROR) from None
    elif b"\x00" in data:
        raise ImportFileError(_NOT_CSV_ERROR)
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:
                raise ImportFileError(_ENCODING_ERROR) from None
    text = text.removeprefix("\ufeff")
    if _looks_binary(text):
        raise ImportFileError(_NOT_CSV_ERROR)
    if not text.strip():
        raise ImportFileError("The selected file is empty")
    return text


_ENCODING_ERROR = (
    "The selected file could not be read: save it as 'CSV UTF-8 (comma delimited)' and "
    "upload it again"
)
_NOT_CSV_ERROR = "The selected file must be a CSV"


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    controls = sum(1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in "\t\r\n")
    return "\x00" in sample or controls > max(2, len(sample) // 100)


_SPACES = re.compile(r"\s+")


def clean_value(value: str) -> str:
    """One cell as stored: control characters dropped, runs of spaces (and line breaks inside
    a cell) made single spaces, trimmed. Cleaning twice changes nothing, so a re-import of
    the same file finds nothing to change."""
    value = "".join(
        " " if ch in "\t\r\n" else ch
        for ch in value
        if unicodedata.category(ch) not in ("Cc", "Cs") or ch in "\t\r\n"
    )
    return _SPACES.sub(" ", value).strip()


def normalise_header(name: str) -> str:
    name = clean_value(name).lower()
    return re.sub(r"[\s\-]+", "_", name).strip("_")


def _delimiter(text: str) -> str:
    first_line = text.split("\n", 1)[0]
    if "," not in first_line:
        for candidate in (";", "\t"):
            if candidate in first_line:
                return candidate
    return ","


def csv_records(text: str) -> Iterable[tuple[int, list[str]]]:
    """(first line number, cells) for each CSV record (the ward statistics import reads its
    files with this too); line numbers count physical lines, so
    they match what a spreadsheet or text editor shows."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text), strict=True)
    previous_end = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise ImportFileError(
                f"Line {previous_end + 1} could not be read as CSV ({error}): check the quotes "
                "in that row"
            ) from None
        start = previous_end + 1
        previous_end = reader.line_num
        yield start, cells


def parse_rows(text: str) -> tuple[list[str], list[str], list[Row], list[RowError]]:
    """(columns used, columns ignored, good rows, bad rows) from the file's text. Raises
    ImportFileError for problems with the file as a whole."""
    csv.field_size_limit(MAX_BYTES)
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
    missing = [name for name in REQUIRED_COLUMNS if name not in header]
    if missing:
        raise ImportFileError(
            "The first row must name the columns. Missing: "
            + ", ".join(missing)
            + f" (line {header_line})"
        )
    ignored = [name or "(blank)" for name in header if name not in COLUMN_BY_NAME]
    positions = {name: header.index(name) for name in known}
    has_unit_columns = any(name in positions for name in UNIT_COLUMNS)

    rows: list[Row] = []
    errors: list[RowError] = []
    seen: dict[str, int] = {}
    for line, cells in records:
        if not any(cell.strip() for cell in cells):
            continue  # blank lines and rows of empty cells
        values = {
            name: clean_value(cells[index]) if index < len(cells) else ""
            for name, index in positions.items()
        }
        row_errors = _check_row(values)
        staff_number = values["staff_number"]
        if staff_number:
            key = staff_number.casefold()
            if key in seen:
                row_errors.append(f"staff number {staff_number} is also on line {seen[key]}")
            else:
                seen[key] = line
        if row_errors:
            errors.extend(RowError(line, message) for message in row_errors)
            continue
        unit_path = None
        if has_unit_columns:
            unit_path = tuple(
                (UNIT_KIND_FOR_COLUMN[name], values[name])
                for name in UNIT_COLUMNS
                if values.get(name)
            )
        rows.append(Row(line, staff_number, values, unit_path))
    if not rows and not errors:
        raise ImportFileError("The selected file has no officers in it, only the column names")
    return [name for name in header if name in COLUMN_BY_NAME], ignored, rows, errors


def _check_row(values: dict[str, str]) -> list[str]:
    problems = []
    if not values.get("staff_number"):
        problems.append("enter a staff number")
    if not values.get("full_name"):
        problems.append("enter the officer's full name")
    for name, value in values.items():
        column = COLUMN_BY_NAME[name]
        if len(value) > column.max_length:
            problems.append(
                f"the {column.label.lower()} must be {column.max_length} characters or fewer"
            )
    email = values.get("email")
    if email:
        try:
            validate_email(email)
        except ValidationError:
            problems.append(
                "enter an email address in the correct format, like name@example.com "
                f"(not “{email[:60]}”)"
            )
    return problems


# --------------------------------------------------------------------------- planning
def _unit_key(name: str) -> str:
    return clean_value(name).casefold()


class UnitIndex:
    """The directory's units, to find a unit by its path of names (case-insensitive)."""

    def __init__(self):
        self.units = {unit.pk: unit for unit in OrgUnit.objects.all()}
        self.by_parent_and_name: dict[tuple[int | None, str], OrgUnit] = {}
        for unit in sorted(self.units.values(), key=lambda u: (not u.is_active, u.pk)):
            self.by_parent_and_name.setdefault((unit.parent_id, _unit_key(unit.name)), unit)

    def find(self, path: tuple[tuple[str, str], ...]) -> OrgUnit | None:
        parent_id = None
        unit = None
        for _, name in path:
            unit = self.by_parent_and_name.get((parent_id, _unit_key(name)))
            if unit is None:
                return None
            parent_id = unit.pk
        return unit

    def missing_prefixes(self, path: tuple[tuple[str, str], ...]) -> list[tuple]:
        """The leading parts of `path` that name units the directory does not have yet."""
        missing = []
        for depth in range(1, len(path) + 1):
            if self.find(path[:depth]) is None:
                missing.append(path[:depth])
        return missing

    def label(self, unit_id: int | None) -> str:
        if unit_id is None:
            return ""
        names, seen = [], set()
        unit = self.units.get(unit_id)
        while unit is not None and unit.pk not in seen:
            seen.add(unit.pk)
            names.insert(0, unit.name)
            unit = self.units.get(unit.parent_id)
        return " > ".join(names)


def path_label(path: tuple[tuple[str, str], ...] | None) -> str:
    return " > ".join(name for _, name in path or ())


def path_key(path: tuple[tuple[str, str], ...]) -> tuple[str, ...]:
    return tuple(_unit_key(name) for _, name in path)


def plan_import(text: str) -> ImportPlan:
    """What importing `text` would do, without changing anything. Raises ImportFileError
    for a file that cannot be used at all; bad rows are in `plan.errors`."""
    columns, ignored, rows, errors = parse_rows(text)
    plan = ImportPlan(
        columns=columns,
        ignored_columns=ignored,
        rows=len(rows) + len({error.line for error in errors}),
        errors=errors,
    )
    if errors:
        return plan
    units = UnitIndex()
    officers = {
        officer.staff_number: officer
        for officer in Officer.objects.filter(staff_number__isnull=False).only(
            "pk",
            "staff_number",
            "full_name",
            "job_title",
            "unit_id",
            "email",
            "phone",
            "out_of_hours_phone",
            "is_active",
        )
    }
    by_folded = {number.casefold(): officer for number, officer in officers.items()}
    new_units: dict[tuple[str, ...], tuple] = {}
    seen_ids: set[int] = set()
    for row in rows:
        if row.unit_path:
            for prefix in units.missing_prefixes(row.unit_path):
                new_units.setdefault(path_key(prefix), prefix)
        officer = officers.get(row.staff_number) or by_folded.get(row.staff_number.casefold())
        if officer is None:
            plan.additions.append(OfficerAddition(row))
            continue
        seen_ids.add(officer.pk)
        changes = _changes(officer, row, units)
        if changes or not officer.is_active:
            plan.changes.append(
                OfficerChange(
                    officer_id=officer.pk,
                    staff_number=officer.staff_number,
                    full_name=officer.full_name,
                    changes=changes,
                    returning=not officer.is_active,
                    row=row,
                )
            )
        else:
            plan.unchanged += 1
    plan.active_with_staff_number = sum(1 for o in officers.values() if o.is_active)
    plan.leavers = [
        OfficerLeaver(o.pk, o.staff_number, o.full_name, o.job_title)
        for o in sorted(officers.values(), key=lambda o: (o.full_name.casefold(), o.pk))
        if o.is_active and o.pk not in seen_ids
    ]
    plan.new_units = sorted(new_units.values(), key=lambda p: (len(p), path_key(p)))
    return plan


def _changes(officer: Officer, row: Row, units: UnitIndex) -> list[FieldChange]:
    """The officer's details the row would change, in the order of FIELD_LABELS."""
    changes: dict[str, FieldChange] = {}
    for name in PLAIN_FIELDS:
        if name in row.values and row.values[name] != getattr(officer, name):
            old = getattr(officer, name)
            changes[name] = FieldChange(name, FIELD_LABELS[name], old, row.values[name])
    if row.unit_path is not None:
        unit = units.find(row.unit_path) if row.unit_path else None
        moves = (bool(row.unit_path) and unit is None) or (
            (unit.pk if unit else None) != officer.unit_id
        )
        if moves:
            changes["unit"] = FieldChange(
                "unit",
                FIELD_LABELS["unit"],
                units.label(officer.unit_id),
                path_label(row.unit_path),
            )
    return [changes[name] for name in FIELD_LABELS if name in changes]
