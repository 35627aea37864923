"""Field-level history from django-simple-history, turned into rows a person can read: who
changed which fields, from what to what. Shared by the case and constituent history pages."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import models
from django.utils import timezone
from django.utils.formats import date_format


@dataclass
class FieldChange:
    label: str
    old: str
    new: str


@dataclass
class HistoryRow:
    when: object
    who: str
    kind: str  # "Created" or "Changed"
    changes: list[FieldChange] = field(default_factory=list)


def _display(name: str, value, choices: dict, names: dict) -> str:
    if value in (None, ""):
        return "(blank)"
    if name in choices:
        return str(choices[name].get(value, value))
    if name in names:
        return names[name].get(value, "(removed)")
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime.datetime):
        return date_format(timezone.localtime(value), "j F Y H:i")
    if isinstance(value, datetime.date):
        return date_format(value, "j F Y")
    return str(value)


def field_history(
    *,
    obj: models.Model,
    fields: Iterable[str],
    choices: dict[str, dict] | None = None,
    names: dict[str, dict[int, str]] | None = None,
) -> list[HistoryRow]:
    """Newest first. `choices` maps a field to its choice labels; `names` maps a foreign key
    field to {id: name}. Two queries however long the history is."""
    choices, names = choices or {}, names or {}
    meta = type(obj)._meta
    fields = list(fields)
    labels = {name: str(meta.get_field(name).verbose_name).capitalize() for name in fields}
    attnames = {name: meta.get_field(name).attname for name in fields}
    records = obj.history.select_related("history_user").order_by("history_date", "pk")
    rows: list[HistoryRow] = []
    previous = None
    for record in records:
        who = record.history_user.full_name if record.history_user else "System"
        if previous is None or record.history_type == "+":
            rows.append(HistoryRow(record.history_date, who, "Created"))
        else:
            changes = [
                FieldChange(
                    labels[name],
                    _display(name, getattr(previous, attnames[name]), choices, names),
                    _display(name, getattr(record, attnames[name]), choices, names),
                )
                for name in fields
                if getattr(previous, attnames[name]) != getattr(record, attnames[name])
            ]
            if changes:
                rows.append(HistoryRow(record.history_date, who, "Changed", changes))
        previous = record
    rows.reverse()
    return rows
