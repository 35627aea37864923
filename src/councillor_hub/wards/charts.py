"""Geometry for the ward profile's bar charts, drawn as inline SVG by the server.

Every size is an SVG attribute (the strict CSP allows no style attributes); the stylesheet only
lets the chart shrink on narrow screens. Each bar is labelled with its value, and the borough
average (where every ward has the figure) is a second, thinner, dark grey bar labelled
"average", so nothing depends on colour. The same figures are always in a table next to it."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from .models import Unit

WIDTH = 680
LABEL_WIDTH = 250  # room for the label, right-aligned before the bars
BAR_SPACE = 290
BAR_HEIGHT = 22
AVERAGE_HEIGHT = 10
ROW_GAP = 12
LEGEND_HEIGHT = 30
LABEL_CHARACTERS = 32
BAR_COLOUR = "#1d70b8"  # GOV.UK blue: 5.2:1 against white
AVERAGE_COLOUR = "#505a5f"  # GOV.UK dark grey: 7:1 against white
TEXT_COLOUR = "#0b0c0c"


@dataclass(frozen=True)
class Bar:
    label: str
    short_label: str
    value_text: str
    y: int
    width: int
    text_y: int
    value_x: int
    average_text: str = ""
    average_y: int = 0
    average_width: int = 0
    average_text_y: int = 0
    average_value_x: int = 0


@dataclass(frozen=True)
class Chart:
    slug: str
    title: str
    description: str
    bars: list[Bar] = field(default_factory=list)
    width: int = WIDTH
    height: int = 0
    has_average: bool = False
    label_x: int = LABEL_WIDTH - 10
    bar_x: int = LABEL_WIDTH
    bar_height: int = BAR_HEIGHT
    average_height: int = AVERAGE_HEIGHT
    legend_y: int = 0
    bar_colour: str = BAR_COLOUR
    average_colour: str = AVERAGE_COLOUR
    text_colour: str = TEXT_COLOUR


@dataclass(frozen=True)
class ChartRow:
    label: str
    value: Decimal
    value_text: str
    average: Decimal | None = None
    average_text: str = ""


def _shorten(label: str) -> str:
    if len(label) <= LABEL_CHARACTERS:
        return label
    return label[: LABEL_CHARACTERS - 1].rstrip() + "…"


def _width(value: Decimal | None, top: Decimal) -> int:
    if value is None or value <= 0 or top <= 0:
        return 0
    return max(2, round(float(value / top) * BAR_SPACE))


def bar_chart(*, slug: str, title: str, unit: str, rows: list[ChartRow]) -> Chart:
    """A horizontal bar chart of `rows`. Per cents are drawn out of 100 (so 50% is half the
    space); other units against the largest figure. Negative figures have no bar, only
    their value."""
    has_average = any(row.average is not None for row in rows)
    numbers = [row.value for row in rows] + [r.average for r in rows if r.average is not None]
    top = max(numbers, default=Decimal(0))
    if unit == Unit.PER_CENT:
        top = max(top, Decimal(100))
    row_height = BAR_HEIGHT + (AVERAGE_HEIGHT + 4 if has_average else 0) + ROW_GAP
    start = LEGEND_HEIGHT if has_average else 4
    bars = []
    for index, row in enumerate(rows):
        y = start + index * row_height
        width = _width(row.value, top)
        bar = {
            "label": row.label,
            "short_label": _shorten(row.label),
            "value_text": row.value_text,
            "y": y,
            "width": width,
            "text_y": y + BAR_HEIGHT - 6,
            "value_x": LABEL_WIDTH + width + 8,
        }
        if row.average is not None:
            average_y = y + BAR_HEIGHT + 3
            average_width = _width(row.average, top)
            bar.update(
                average_text=row.average_text,
                average_y=average_y,
                average_width=average_width,
                average_text_y=average_y + AVERAGE_HEIGHT,
                average_value_x=LABEL_WIDTH + average_width + 8,
            )
        bars.append(Bar(**bar))
    described = "; ".join(
        f"{row.label}: {row.value_text}"
        + (f" (borough average {row.average_text})" if row.average is not None else "")
        for row in rows
    )
    return Chart(
        slug=slug,
        title=f"Bar chart: {title}",
        description=f"{described}. The same figures are in the table below the chart.",
        bars=bars,
        height=start + len(rows) * row_height,
        has_average=has_average,
        legend_y=8,
    )
