"""UK postcode validation and normalisation (the Royal Mail format, including BFPO-free
special cases such as GIR 0AA)."""

import re

from django.core.exceptions import ValidationError

_POSTCODE = re.compile(
    r"^(GIR0AA|[A-PR-UWYZ]([0-9]{1,2}|[A-HK-Y][0-9]{1,2}|[0-9][A-HJKPSTUW]|[A-HK-Y][0-9][ABEHMNPRV-Y])"
    r"[0-9][ABD-HJLNP-UW-Z]{2})$"
)


def normalise_postcode(value: str) -> str:
    """Return the postcode upper-cased with one space before the inward code.

    Raises ValueError when the value is not a UK postcode."""
    compact = re.sub(r"\s+", "", value or "").upper()
    if not _POSTCODE.match(compact):
        raise ValueError(f"{value!r} is not a UK postcode")
    return f"{compact[:-3]} {compact[-3:]}"


def is_postcode(value: str) -> bool:
    try:
        normalise_postcode(value)
    except ValueError:
        return False
    return True


POSTCODE_ERROR = "Enter a real postcode, like SW1A 1AA"


def validate_postcode(value: str) -> None:
    if value and not is_postcode(value):
        raise ValidationError(POSTCODE_ERROR, code="invalid_postcode")


def clean_optional_postcode(value: str | None) -> str:
    """For forms and services: blank stays blank, a postcode comes back normalised, anything
    else raises ValidationError with the GOV.UK message."""
    value = (value or "").strip()
    if not value:
        return ""
    try:
        return normalise_postcode(value)
    except ValueError:
        raise ValidationError(POSTCODE_ERROR, code="invalid_postcode") from None
