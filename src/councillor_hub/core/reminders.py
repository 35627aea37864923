"""Reminders sent once per date (a review date, a deadline), even when two runs of a
scheduled job overlap. The record keeps the date it was last reminded about in a "marker"
field; a new date re-arms it. Used by the directory's out-of-hours review reminders; the
library's document reminders follow the same pattern."""

from __future__ import annotations

import datetime

from django.db import models
from django.db.models import F, QuerySet


def due_for_reminder(
    queryset: QuerySet, *, date_field: str, marker_field: str, on_or_before: datetime.date
) -> QuerySet:
    """The rows whose `date_field` is on or before `on_or_before` and that have not yet been
    reminded about that date."""
    return queryset.filter(**{f"{date_field}__lte": on_or_before}).exclude(
        **{marker_field: F(date_field)}
    )


def claim_reminder(obj: models.Model, *, date_field: str, marker_field: str, **still) -> bool:
    """Record on `obj`'s row that its current `date_field` has been reminded about, and say
    whether this call did it. A conditional UPDATE: only one of two overlapping runs wins,
    and nothing is claimed if the date (or any `still` condition, e.g. is_active=True) has
    changed since `obj` was read. Call it inside the transaction that sends the reminder, so
    a failure releases the claim."""
    date = getattr(obj, date_field)
    rows = (
        type(obj)
        ._default_manager.filter(pk=obj.pk, **{date_field: date}, **still)
        .exclude(**{marker_field: date})
        .update(**{marker_field: date})
    )
    if rows:
        setattr(obj, marker_field, date)
    return bool(rows)
