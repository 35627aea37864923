from django.db import transaction
from django.utils import timezone

from ..models import ReferenceSequence


def reference_next(*, prefix: str = "CW", year: int | None = None) -> str:
    """The next human-friendly reference, e.g. CW-2026-00123. Gap-free per year and safe under
    concurrent writers: the counter row is locked for the rest of the caller's transaction."""
    year = year or timezone.localdate().year
    with transaction.atomic():
        sequence, _ = ReferenceSequence.objects.select_for_update().get_or_create(
            prefix=prefix, year=year
        )
        sequence.last_number += 1
        sequence.save(update_fields=["last_number"])
    return f"{prefix}-{year}-{sequence.last_number:05d}"
