"""Content management for the information hub: one registry of the hub's content models, the
history of changes to each record (from simple_history), and the "Manage hub content" start
page's links and lists. Democratic services officers and administrators (directory/permissions
`can_manage_hub_content`) are the only people who see any of it.

Registering a model
-------------------
Every registered model keeps history with simple_history (`history = HistoricalRecords(...)`).
Register it in its app's `AppConfig.ready()`, importing this module there (lazily), e.g.::

    def ready(self):
        from councillor_hub.core.content import register

        register("news", "news.NewsItem", label="News item")

That is all most models need: the record's page is its `get_absolute_url()` (pass
`detail_url=None` when it has no page of its own, or a function `obj -> str`), and anyone who
manages hub content may read its history (pass `can_view=lambda user, obj: ...` to narrow it).
`describe=lambda obj: ...` names a record better than `str(obj)`; `exclude_fields=(...)` keeps
fields out of the history page (fields whose names look like secrets never appear anyway).

Its history is then at `reverse("core:content_history", args=[kind, pk])` and its changes appear
among the recent changes on `reverse("core:content_home")`.
"""

from __future__ import annotations

import datetime
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured, ObjectDoesNotExist
from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from councillor_hub.directory.permissions import can_manage_hub_content

__all__ = [
    "ContentKind",
    "FieldChange",
    "HistoryEntry",
    "get_kind",
    "history_entries",
    "manage_sections",
    "object_history",
    "recent_changes",
    "register",
    "registered",
]

SYSTEM_USER = "System / import"
EMPTY = "Not set"
KIND_SLUG = re.compile(r"^[a-z][a-z0-9-]{0,39}$")
# Fields whose values never appear on a history page, whatever model they belong to.
SECRET_NAME = re.compile(r"password|secret|token|api_?key|otp|totp|salt|hash", re.IGNORECASE)
ACTIONS = {"+": "Created", "~": "Changed", "-": "Deleted"}

_DEFAULT = object()


def _default_can_view(user, obj) -> bool:
    return can_manage_hub_content(user)


@dataclass(frozen=True)
class ContentKind:
    """One registered kind of hub content."""

    kind: str
    model: type[models.Model]
    label: str
    detail_url: Callable[[models.Model], str | None] | None
    can_view: Callable[[object, models.Model], bool]
    describe: Callable[[models.Model], str]
    exclude_fields: frozenset[str]

    @property
    def history_model(self) -> type[models.Model]:
        return getattr(self.model, self.model._meta.simple_history_manager_attribute).model

    @property
    def pk_attname(self) -> str:
        return self.model._meta.pk.attname

    def name_of(self, obj) -> str:
        """A readable name for `obj` (a record or a historical record's instance)."""
        try:
            return str(self.describe(obj)) or f"{self.label} #{obj.pk}"
        except (ObjectDoesNotExist, AttributeError):
            return f"{self.label} #{obj.pk}"

    def url_of(self, obj) -> str | None:
        if self.detail_url is None:
            return None
        try:
            return self.detail_url(obj) or None
        except (NoReverseMatch, ObjectDoesNotExist, AttributeError):
            return None

    def history_url(self, pk) -> str:
        return reverse("core:content_history", args=[self.kind, pk])

    def shown_fields(self) -> list[models.Field]:
        """The model's fields the history page compares and shows: tracked, editable, not the
        primary key, not many-to-many, not excluded, never a secret."""
        history_model = self.history_model
        tracked = {f.name for f in history_model.tracked_fields}
        shown = []
        for model_field in self.model._meta.concrete_fields:
            if (
                model_field.name in tracked
                and model_field.editable
                and not model_field.primary_key
                and model_field.name not in self.exclude_fields
                and not SECRET_NAME.search(model_field.name)
            ):
                shown.append(model_field)
        return shown


_REGISTRY: dict[str, ContentKind] = {}


def register(
    kind: str,
    model: type[models.Model] | str,
    *,
    label: str,
    detail_url=_DEFAULT,
    can_view: Callable[[object, models.Model], bool] | None = None,
    describe: Callable[[models.Model], str] | None = None,
    exclude_fields: Iterable[str] = (),
) -> ContentKind:
    """Register a hub content model under `kind` (a short slug used in URLs, e.g. "officer").
    `model` is the class or "app_label.ModelName". See the module docstring."""
    if isinstance(model, str):
        model = apps.get_model(model)
    if not KIND_SLUG.match(kind):
        raise ImproperlyConfigured(f"Content kind {kind!r} must be a short lower-case slug")
    if not getattr(model._meta, "simple_history_manager_attribute", None):
        raise ImproperlyConfigured(f"{model.__name__} must keep history with simple_history")
    existing = _REGISTRY.get(kind)
    if existing is not None and existing.model is not model:
        raise ImproperlyConfigured(
            f"Content kind {kind!r} is already registered for {existing.model.__name__}"
        )
    if detail_url is _DEFAULT:
        detail_url = (
            (lambda obj: obj.get_absolute_url()) if hasattr(model, "get_absolute_url") else None
        )
    entry = ContentKind(
        kind=kind,
        model=model,
        label=label,
        detail_url=detail_url,
        can_view=can_view or _default_can_view,
        describe=describe or str,
        exclude_fields=frozenset(exclude_fields),
    )
    _REGISTRY[kind] = entry
    return entry


def registered() -> list[ContentKind]:
    """Every registered kind, in the order they were registered."""
    return list(_REGISTRY.values())


def get_kind(kind: str) -> ContentKind | None:
    return _REGISTRY.get(kind)


# ------------------------------------------------------------------ one record's history


@dataclass
class FieldChange:
    """One field of one entry: `before` is empty for a record's first version."""

    label: str
    after: str
    before: str = ""
    note: str = ""  # shown instead of the values (files)
    multiline: bool = False


@dataclass
class HistoryEntry:
    kind: ContentKind
    record: models.Model  # the historical record
    when: datetime.datetime
    who: str
    action: str  # Created, Changed, Deleted
    changes: list[FieldChange] = field(default_factory=list)
    reason: str = ""
    compared: bool = True  # False for a change whose previous version was never recorded
    name: str = ""
    url: str = ""  # the record's history page

    @property
    def is_created(self) -> bool:
        return self.record.history_type == "+"

    @property
    def is_changed(self) -> bool:
        return self.record.history_type == "~"

    @property
    def changed_labels(self) -> list[str]:
        return list(dict.fromkeys(change.label for change in self.changes))


def object_history(kind: ContentKind, pk) -> models.QuerySet:
    """The historical records of one record, newest first (ties: the later write first)."""
    return (
        kind.history_model.objects.filter(**{kind.pk_attname: pk})
        .select_related("history_user")
        .order_by("-history_date", "-history_id")
    )


def who_did(record) -> str:
    user = record.history_user
    if user is None:
        return SYSTEM_USER
    return user.full_name or user.email


def _label(model_field: models.Field) -> str:
    label = str(model_field.verbose_name)
    return label[:1].upper() + label[1:]


def _fk_refs(pairs, fields: dict[str, models.Field]) -> dict:
    """{related model: set of pks} for every foreign key value the page will show."""
    refs: dict[type[models.Model], set] = defaultdict(set)
    for name, values in pairs:
        model_field = fields[name]
        if model_field.is_relation:
            for value in values:
                if value is not None:
                    refs[model_field.related_model].add(value)
    return refs


def _load_names(refs: dict) -> dict:
    """{(related model, pk): name}, one query per related model."""
    names = {}
    for model, pks in refs.items():
        for pk, obj in model._base_manager.in_bulk(list(pks)).items():
            names[(model, pk)] = str(obj)
    return names


def display_value(model_field: models.Field, value, names: dict) -> str:
    """`value` of `model_field` as a person reads it (empty string when there is none)."""
    if value is None or value == "":
        return ""
    if model_field.is_relation:
        name = names.get((model_field.related_model, value))
        return name if name is not None else f"A deleted record (#{value})"
    if model_field.choices:
        choices = dict(model_field.flatchoices)
        return str(choices.get(value, value))
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value)
        return f"{value.day} {value:%B %Y, %H:%M}"
    if isinstance(value, datetime.date):
        return f"{value.day} {value:%B %Y}"
    return str(value)


def _values(record, fields: dict[str, models.Field]) -> dict:
    return {name: getattr(record, f.attname) for name, f in fields.items()}


def _file_note(before, after) -> str:
    if before and not after:
        return "File removed"
    if after and not before:
        return "File added"
    return "File replaced"


def _is_file(model_field: models.Field) -> bool:
    return isinstance(model_field, models.FileField)


def _is_multiline(model_field: models.Field) -> bool:
    return isinstance(model_field, models.TextField)


def history_entries(kind: ContentKind, records: list, older) -> list[HistoryEntry]:
    """Entries for `records` (historical records of one record, newest first); `older` is the
    record just before the last of them (None when the last is the first version). Foreign
    keys are named with one query per related model, whatever the number of entries."""
    fields = {f.name: f for f in kind.shown_fields()}
    order = {name: index for index, name in enumerate(fields)}
    pairs = list(zip(records, [*records[1:], older], strict=True))
    raw: list[tuple] = []
    fk_values = []
    for record, previous in pairs:
        if record.history_type == "~" and previous is not None:
            delta = record.diff_against(previous, included_fields=list(fields))
            changes = sorted(
                ((c.field, c.old, c.new) for c in delta.changes if c.field in fields),
                key=lambda change: order[change[0]],
            )
        elif record.history_type == "+":
            values = _values(record, fields)
            changes = [
                (name, None, value) for name, value in values.items() if value not in (None, "")
            ]
        else:
            changes = []
        raw.append((record, changes, previous is not None))
        fk_values += [(name, (old, new)) for name, old, new in changes]
    names = _load_names(_fk_refs(fk_values, fields))

    entries = []
    for record, changes, compared in raw:
        shown = []
        for name, old, new in changes:
            model_field = fields[name]
            if _is_file(model_field):
                note = "File uploaded" if record.history_type == "+" else _file_note(old, new)
                shown.append(FieldChange(label=_label(model_field), after="", note=note))
                continue
            shown.append(
                FieldChange(
                    label=_label(model_field),
                    before=display_value(model_field, old, names),
                    after=display_value(model_field, new, names),
                    multiline=_is_multiline(model_field),
                )
            )
        entries.append(
            HistoryEntry(
                kind=kind,
                record=record,
                when=timezone.localtime(record.history_date),
                who=who_did(record),
                action=ACTIONS.get(record.history_type, "Changed"),
                changes=shown,
                reason=record.history_change_reason or "",
                compared=compared or record.history_type != "~",
            )
        )
    return entries


# ------------------------------------------------------------- recent changes, everywhere


def recent_changes(limit: int = 10) -> list[HistoryEntry]:
    """The `limit` latest changes across every registered kind: one query per kind for the
    candidates, then at most `limit` small queries for what each change touched."""
    candidates = []
    for kind in registered():
        rows = kind.history_model.objects.select_related("history_user").order_by(
            "-history_date", "-history_id"
        )[:limit]
        candidates += [(kind, row) for row in rows]
    candidates.sort(key=lambda pair: pair[1].history_date, reverse=True)
    entries = []
    for kind, record in candidates[:limit]:
        older = record.prev_record if record.history_type == "~" else None
        entry = history_entries(kind, [record], older)[0]
        entry.name = kind.name_of(record.instance)
        entry.url = kind.history_url(getattr(record, kind.pk_attname))
        entries.append(entry)
    return entries


# --------------------------------------------------------------- the start page's links


@dataclass
class ManageLink:
    text: str
    url: str


@dataclass
class ManageSection:
    title: str
    description: str
    links: list[ManageLink]


# (link text, URL names to try in turn). A link whose every name fails to reverse is left
# out, so the page works while a part of the hub is still being built.
MANAGE_SECTIONS: list[tuple[str, str, list[tuple[str, tuple[str, ...]]]]] = [
    (
        "Council directory",
        "Officers, directorates, services and teams, and who handles what.",
        [
            ("Add an officer", ("directory:officer_create",)),
            ("Search for an officer", ("directory:home",)),
            ("Add a directorate, service or team", ("directory:unit_create",)),
            ("The council’s organisation", ("directory:unit_list",)),
            ("Add a “who handles what” topic", ("directory:topic_create",)),
            ("Who handles what", ("directory:topic_list",)),
            ("Import from the staff directory", ("directory:officer_import",)),
        ],
    ),
    (
        "Out of hours and emergencies",
        "Out-of-hours contacts and major-incident arrangements.",
        [
            (
                "Add an out-of-hours contact",
                ("directory:contact_create",),
            ),
            (
                "Add an emergency arrangements section",
                ("directory:arrangement_create",),
            ),
            ("Out-of-hours contacts and emergency arrangements", ("directory:out_of_hours",)),
        ],
    ),
    (
        "Document library",
        "Policies, strategies, the constitution, forms and guides.",
        [
            ("Add a document", ("library:document_create",)),
            ("Document library", ("library:document_list",)),
            ("Documents due for review", ("library:review_report",)),
        ],
    ),
    (
        "FAQs and model responses",
        "Answers for members and model responses for constituents.",
        [
            ("Add an FAQ", ("faqs:faq_create",)),
            ("FAQs", ("faqs:faq_list",)),
            ("How FAQs are used", ("faqs:usage",)),
        ],
    ),
    (
        "Councillors, committees and Cabinet",
        "Councillors’ contact details, committees and their members, Cabinet portfolios.",
        [
            (
                "Councillors (change contact details from a councillor’s page)",
                ("committees:councillor_list",),
            ),
            ("Add a committee", ("committees:committee_create",)),
            ("Committees", ("committees:committee_list",)),
            ("Add a Cabinet portfolio", ("committees:portfolio_create",)),
            ("The Cabinet", ("committees:cabinet",)),
        ],
    ),
    (
        "News and briefings",
        "News items and briefing material for members.",
        [
            ("Add a news item or briefing", ("news:item_create",)),
            ("News and briefings", ("news:item_list",)),
        ],
    ),
    (
        "Ward profiles",
        "Population, statistics and amenities for each ward.",
        [
            ("Ward profiles (change a ward’s profile from its page)", ("wards:ward_list",)),
            ("Import ward statistics", ("wards:statistics_import",)),
        ],
    ),
    (
        "Induction booklet",
        "The induction and key contacts booklet: its sections and key dates.",
        [
            ("Booklet sections and key dates", ("booklet:manage",)),
            ("Add a key date", ("booklet:key_date_create",)),
            ("The booklet", ("booklet:booklet",)),
        ],
    ),
]


def first_url(names: Iterable[str]) -> str | None:
    """The address of the first of `names` that exists (and takes no arguments)."""
    for name in names:
        try:
            return reverse(name)
        except NoReverseMatch:
            continue
    return None


def manage_sections() -> list[ManageSection]:
    """The start page's sections, each with the links that exist."""
    sections = []
    for title, description, links in MANAGE_SECTIONS:
        found = []
        for text, names in links:
            url = first_url(names)
            if url is not None:
                found.append(ManageLink(text=text, url=url))
        if found:
            sections.append(ManageSection(title=title, description=description, links=found))
    return sections


def needs_attention(today: datetime.date | None = None, limit: int = 20) -> dict:
    """Documents past their review date, and out-of-hours contacts and emergency arrangement
    sections due for review (the first `limit` of each, oldest first, with the full count)."""
    from councillor_hub.directory.models import OutOfHoursContact
    from councillor_hub.library.models import Document

    today = today or timezone.localdate()
    documents = Document.objects.filter(
        is_published=True, next_review_on__isnull=False, next_review_on__lt=today
    ).order_by("next_review_on", "title")
    contacts = OutOfHoursContact.objects.filter(is_active=True, review_date__lte=today).order_by(
        "review_date", "name"
    )
    result = {
        "documents": list(documents.select_related("responsible_officer")[:limit]),
        "documents_count": documents.count(),
        "contacts": list(contacts.select_related("service_area")[:limit]),
        "contacts_count": contacts.count(),
        "arrangements": [],
        "arrangements_count": 0,
    }
    try:  # added with the out-of-hours and emergency arrangements page
        arrangement_model = apps.get_model("directory", "EmergencyArrangement")
    except LookupError:
        return result
    arrangements = arrangement_model.objects.filter(
        is_active=True, review_date__lte=today
    ).order_by("review_date", "pk")
    result["arrangements"] = list(arrangements[:limit])
    result["arrangements_count"] = arrangements.count()
    return result
