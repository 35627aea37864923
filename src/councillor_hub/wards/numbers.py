"""Reading figures as people type them in spreadsheets ("1,234", "12.5%", "1.2E+04") and
writing them back for pages ("1,234", "12.5%"), and the small-number rule for casework and
enquiry counts."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from .models import Unit

DECIMAL_PLACES = 3
LARGEST = Decimal("1e11")  # the model holds 14 digits, 3 after the point
_PLACES = Decimal(1).scaleb(-DECIMAL_PLACES)
_PLAIN = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d{1,3})?")
_GROUPED = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?")
_MINUS_SIGNS = str.maketrans({"\u2212": "-", "\u2013": "-"})


class NotANumber(ValueError):
    """The text is not a figure the import can use; the message says why (in GOV.UK wording,
    without a capital, to follow 'Line 12: ')."""


def parse_number(text: str) -> tuple[Decimal, bool]:
    """(value, had a % sign) from a spreadsheet cell. Commas are accepted only as thousands
    separators ("1,234,567.5"); values are rounded to 3 decimal places. Raises NotANumber."""
    cell = (text or "").strip().replace("\u00a0", "").translate(_MINUS_SIGNS)
    if not cell:
        raise NotANumber("enter a value")
    percent = cell.endswith("%")
    number = cell[:-1].rstrip() if percent else cell
    if "," in number:
        if not _GROUPED.fullmatch(number):
            raise NotANumber(_not_a_number(text))
        number = number.replace(",", "")
    if not _PLAIN.fullmatch(number):
        raise NotANumber(_not_a_number(text))
    try:
        value = Decimal(number)
    except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
        raise NotANumber(_not_a_number(text)) from None
    if abs(value) >= LARGEST:
        raise NotANumber(f"the value {text.strip()[:30]} is too large")
    value = value.quantize(_PLACES, rounding=ROUND_HALF_UP) + 0  # + 0 turns -0 into 0
    return value, percent


def _not_a_number(text: str) -> str:
    shown = (text or "").strip()[:30]
    return f"the value “{shown}” is not a number: write it like 1234, 1,234 or 12.5%"


def format_number(value: Decimal | int | float | None, places: int | None = None) -> str:
    """1234.500 -> "1,234.5"; 8 -> "8"; with `places`, rounded to that many decimal places."""
    if value is None:
        return ""
    number = Decimal(value) if not isinstance(value, float) else Decimal(str(value))
    if places is not None:
        number = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    number = number.normalize() + 0
    return format(number, ",f")


def format_value(value: Decimal | None, unit: str, *, places: int | None = None) -> str:
    """A figure with its unit, as a table shows it: "1,830 people", "12.5%", "3"."""
    if value is None:
        return ""
    text = format_number(value, places)
    if unit == Unit.PER_CENT:
        return f"{text}%"
    if unit in (Unit.PEOPLE, Unit.HOUSEHOLDS):
        return f"{text} {Unit(unit).label}"
    return text


def format_short(value: Decimal | None, unit: str, *, places: int | None = None) -> str:
    """A figure as a chart's bar label shows it: no unit word ("1,830", "12.5%")."""
    if value is None:
        return ""
    text = format_number(value, places)
    return f"{text}%" if unit == Unit.PER_CENT else text


def average_places(unit: str) -> int:
    """How precisely a borough average is shown: whole numbers of people, households and
    ranks; one decimal place for per cents, deciles and scores."""
    return 0 if unit in (Unit.PEOPLE, Unit.HOUSEHOLDS, Unit.RANK, Unit.NUMBER) else 1


# ---------------------------------------------------------------- small-number suppression
SMALL_NUMBER_LIMIT = 5
SUPPRESSED_TEXT = f"fewer than {SMALL_NUMBER_LIMIT}"


@dataclass(frozen=True)
class ShownCount:
    """A count as a page may show it. Counts from 1 to 4 are never shown: only the words
    "fewer than 5", so nobody can be picked out of a small number. The exact count is not
    kept here, so a template cannot print it by mistake."""

    text: str
    suppressed: bool


def shown_count(count: int) -> ShownCount:
    if 0 < count < SMALL_NUMBER_LIMIT:
        return ShownCount(SUPPRESSED_TEXT, True)
    return ShownCount(f"{count:,}", False)


WITHHELD_TEXT = "withheld"


def shown_column(counts: list[int]) -> list[ShownCount]:
    """A column of counts shown beside its total. Counts from 1 to 4 read "fewer than 5"; and
    when only one count in the column is hidden, the total minus the others would give it
    away, so the smallest other count above zero is "withheld" too (secondary suppression)."""
    shown = [shown_count(count) for count in counts]
    hidden = [index for index, item in enumerate(shown) if item.suppressed]
    if len(hidden) == 1 and not shown_count(sum(counts)).suppressed:
        others = [
            (count, index)
            for index, count in enumerate(counts)
            if count and not shown[index].suppressed
        ]
        if others:
            shown[min(others)[1]] = ShownCount(WITHHELD_TEXT, True)
    return shown
