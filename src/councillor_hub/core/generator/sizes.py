"""How big a generated council is: the presets and per-table overrides."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace

# The five tables whose counts are written exactly (the headline figures), plus the
# people who own and answer them.
COUNT_NAMES = (
    "cases",
    "constituents",
    "timeline",
    "audit",
    "enquiries",
    "councillors",
    "officers",
)


@dataclass(frozen=True)
class Sizes:
    cases: int
    constituents: int
    timeline: int
    audit: int
    enquiries: int
    councillors: int
    officers: int

    def scaled(self, factor: float) -> Sizes:
        return Sizes(**{f.name: max(1, int(getattr(self, f.name) * factor)) for f in fields(self)})


FULL = Sizes(
    cases=1_000_000,
    constituents=1_000_000,
    timeline=5_000_000,
    audit=10_000_000,
    enquiries=200_000,
    councillors=1_500,
    officers=20_000,
)

PRESETS: dict[str, Sizes] = {
    "full": FULL,
    "small": FULL.scaled(0.1),
}

# Below these the generated council cannot hold its fixed roles (an administrator, the member
# support team...) or the ward-of-three pattern.
MINIMUMS = {"councillors": 1, "officers": 1}


class SizeError(ValueError):
    """A preset or count the generator cannot use; the message is for the person who typed it."""


def sizes_resolve(preset: str = "full", **overrides: int | None) -> Sizes:
    """The preset's sizes with any given counts replaced. Raises SizeError with a clear
    message for an unknown preset, an unknown count or a negative/too-small value."""
    if preset not in PRESETS:
        raise SizeError(f"Unknown preset {preset!r}: choose one of {', '.join(sorted(PRESETS))}")
    changes = {}
    for name, value in overrides.items():
        if name not in COUNT_NAMES:
            raise SizeError(f"Unknown count {name!r}")
        if value is None:
            continue
        if value < 0:
            raise SizeError(f"--{name} must be zero or more (got {value})")
        changes[name] = value
    sizes = replace(PRESETS[preset], **changes)
    for name, minimum in MINIMUMS.items():
        if getattr(sizes, name) < minimum:
            raise SizeError(f"--{name} must be at least {minimum}")
    if sizes.constituents == 0 and sizes.cases > 0:
        raise SizeError("Cases need constituents: give --constituents of at least 1")
    if sizes.cases == 0 and sizes.timeline > 0:
        raise SizeError("Timeline entries need cases: give --cases of at least 1")
    return sizes
