"""Reading a learning platform's export of e-learning completions (CSV) and working out what
it would record.

Always two steps. `plan_import(text)` reads the file and compares it with the completions
already recorded, changing nothing: an `ImportPlan` lists the completions it would record,
the rows it would skip because that completion is already recorded (or the file repeats
it), and every bad row with its line number. `services.catalogue.completions_import_apply`
records a plan, and only when the plan it recomputes from the same text matches the one the
manager checked (its fingerprint). Any bad row means nothing can be applied.

Columns (the first row names them; case, spaces and hyphens do not matter; other columns are
ignored). Learning platforms name them differently, so each has a few accepted names:
- email: the member's email address in the hub (required);
- topic: the topic's name exactly as in the catalogue, capital letters aside (required;
  also "course", "course name", "module");
- completed on: the day it was completed, e.g. 2026-03-14 or 14/03/2026, a time after the
  date is ignored (required; also "completion date", "date completed", "completed");
- note: anything to keep with the completion (optional).
"""

from __future__ import annotations

import datetime
import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils import timezone

from councillor_hub.directory.importing import (
    ImportFileError,
    clean_value,
    csv_records,
    decode_upload,
    normalise_header,
)

from .models import Completion, TrainingTopic
from .permissions import is_learner

__all__ = ["ImportFileError", "decode_upload", "plan_import"]

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000
MAX_ROW_ERRORS_SHOWN = 200
NOTE_MAX = 500


@dataclass(frozen=True)
class Column:
    name: str
    required: bool
    aliases: tuple[str, ...]
    description: str


COLUMNS = [
    Column(
        "email",
        True,
        ("email", "email_address", "user_email", "learner_email"),
        "The member's email address, as they sign in to the hub.",
    ),
    Column(
        "topic",
        True,
        ("topic", "topic_name", "course", "course_name", "course_title", "module"),
        "The topic's name as it appears in the training catalogue (capital letters do not matter).",
    ),
    Column(
        "completed_on",
        True,
        ("completed_on", "completion_date", "date_completed", "completed", "completed_date"),
        "The day the member completed it, like 2026-03-14 or 14/03/2026.",
    ),
    Column("note", False, ("note", "notes", "comment"), "Anything to keep with it (optional)."),
]
ALIASES = {alias: column.name for column in COLUMNS for alias in column.aliases}


@dataclass(frozen=True)
class RowError:
    line: int
    message: str


@dataclass(frozen=True)
class PlannedCompletion:
    line: int
    member_id: int
    member_name: str
    email: str
    topic_id: int
    topic_name: str
    completed_on: datetime.date
    note: str


@dataclass(frozen=True)
class SkippedRow:
    line: int
    member_name: str
    topic_name: str
    completed_on: datetime.date
    reason: str


@dataclass
class ImportPlan:
    to_record: list[PlannedCompletion] = field(default_factory=list)
    skipped: list[SkippedRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    rows: int = 0

    @property
    def is_valid(self) -> bool:
        return not self.errors

    @property
    def has_changes(self) -> bool:
        return self.is_valid and bool(self.to_record)

    @property
    def errors_shown(self) -> list[RowError]:
        return self.errors[:MAX_ROW_ERRORS_SHOWN]

    @property
    def errors_not_shown(self) -> int:
        return max(0, len(self.errors) - MAX_ROW_ERRORS_SHOWN)

    def fingerprint(self) -> str:
        """What applying would record, as a hash: applying checks it is still the same."""
        data = [
            [p.member_id, p.topic_id, p.completed_on.isoformat(), p.note] for p in self.to_record
        ]
        return hashlib.sha256(json.dumps(data).encode()).hexdigest()


_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%d %B %Y", "%d %b %Y")
_TIME_PART = re.compile(r"[T ]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?( ?(Z|[+-]\d{2}:?\d{2}|[AaPp][Mm]))?$")


def parse_date(value: str) -> datetime.date | None:
    """A completion date as platforms write them (a time after it is ignored), or None."""
    value = _TIME_PART.sub("", value.strip())
    for fmt in _DATE_FORMATS:
        try:
            return datetime.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    return None


def _header(records: Iterable[tuple[int, list[str]]]) -> tuple[int, list[str]]:
    for line, cells in records:
        if any(cell.strip() for cell in cells):
            return line, [normalise_header(cell) for cell in cells]
    raise ImportFileError("The selected file is empty")


def plan_import(text: str, *, today: datetime.date | None = None) -> ImportPlan:
    """What importing `text` would record. Raises ImportFileError for problems with the file
    as a whole (no header, missing columns, too many rows, unreadable CSV)."""
    today = today or timezone.localdate()
    records = csv_records(text)
    header_line, header = _header(records)
    positions: dict[str, int] = {}
    ignored = []
    for index, name in enumerate(header):
        column = ALIASES.get(name)
        if column is None:
            ignored.append(name or "(blank)")
        elif column in positions:
            raise ImportFileError(f"The first row names the {column} column more than once")
        else:
            positions[column] = index
    missing = [c.name for c in COLUMNS if c.required and c.name not in positions]
    if missing:
        raise ImportFileError(
            "The first row must name the columns. Missing: "
            + ", ".join(name.replace("_", " ") for name in missing)
            + f" (line {header_line})"
        )

    members = {}
    from councillor_hub.accounts.models import User

    for user in User.objects.filter(is_active=True).prefetch_related("roles"):
        members[user.email.lower()] = user
    topics = {topic.name.casefold(): topic for topic in TrainingTopic.objects.all()}
    recorded = set(Completion.objects.values_list("member_id", "topic_id", "completed_on"))

    plan = ImportPlan(ignored_columns=ignored)
    seen: dict[tuple[int, int, datetime.date], int] = {}
    learner_cache: dict[int, bool] = {}
    for line, cells in records:
        if not any(cell.strip() for cell in cells):
            continue
        plan.rows += 1
        if plan.rows > MAX_ROWS:
            raise ImportFileError(f"The file must have {MAX_ROWS:,} rows or fewer")
        values = {
            name: clean_value(cells[index]) if index < len(cells) else ""
            for name, index in positions.items()
        }
        problems = []
        email, topic_name, when = values["email"], values["topic"], values["completed_on"]
        member = topic = completed_on = None
        if not email:
            problems.append("enter the member's email address")
        else:
            member = members.get(email.lower())
            if member is None:
                problems.append(f"no one in the hub has the email address {email}")
            else:
                if member.pk not in learner_cache:
                    learner_cache[member.pk] = is_learner(member)
                if not learner_cache[member.pk]:
                    problems.append(f"{email} is not a councillor or co-opted member in office")
        if not topic_name:
            problems.append("enter the topic")
        else:
            topic = topics.get(topic_name.casefold())
            if topic is None:
                problems.append(f"there is no topic called “{topic_name}” in the catalogue")
        if not when:
            problems.append("enter the date it was completed")
        else:
            completed_on = parse_date(when)
            if completed_on is None:
                problems.append(f"“{when}” is not a real date, like 2026-03-14 or 14/03/2026")
            elif completed_on > today:
                problems.append("the date it was completed must be today or in the past")
        note = values.get("note", "")
        if len(note) > NOTE_MAX:
            problems.append(f"the note must be {NOTE_MAX} characters or fewer")
        if problems:
            plan.errors.append(RowError(line, "; ".join(problems)))
            continue
        key = (member.pk, topic.pk, completed_on)
        if key in recorded:
            plan.skipped.append(
                SkippedRow(line, member.full_name, topic.name, completed_on, "Already recorded")
            )
        elif key in seen:
            plan.skipped.append(
                SkippedRow(
                    line,
                    member.full_name,
                    topic.name,
                    completed_on,
                    f"Repeats line {seen[key]} of the file",
                )
            )
        else:
            seen[key] = line
            plan.to_record.append(
                PlannedCompletion(
                    line,
                    member.pk,
                    member.full_name,
                    member.email,
                    topic.pk,
                    topic.name,
                    completed_on,
                    note,
                )
            )
    if plan.rows == 0:
        raise ImportFileError("The file has no rows of completions under its first row")
    return plan
