"""What the search index holds and how it is kept current.

A registry of sources: each names a kind, the model it indexes, the queryset of objects that
belong in the index (active officers, published documents...), and how to turn one object
into an entry (title, body, url, members_only). Signals keep the index current as objects
are saved and deleted (and as document tags change); `watches` name the other models whose
changes alter an entry (renaming a team changes the entries of the officers in it).
`reindex_all()` (the `search_reindex` command) rebuilds everything in bulk.

Only hub content is indexed. Casework, enquiries and anything else about constituents are
never sources: there is no source for any model of those apps, and a test checks it.

Writes that skip signals (bulk_create, queryset.update(), e.g. a CSV import) call
`refresh(kind, ids)` afterwards, or run inside `deferred()`, or are followed by
`reindex_all()`.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db import transaction
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.urls import reverse
from django.utils import timezone

from . import vocabulary
from .backends import get_backend
from .models import SearchEntry


@dataclass(frozen=True)
class Entry:
    """What one object contributes to the index."""

    title: str
    body: str
    url: str
    members_only: bool = False


@dataclass(frozen=True)
class Watch:
    """Another model whose changes alter this source's entries: `affected(instance)` gives
    the primary keys of the source objects to index again."""

    model: str
    affected: Callable[[Any], Iterable[Any]]

    @classmethod
    def related(cls, model: str, indexed: str, lookup: str) -> Watch:
        """Re-index the `indexed` objects whose `lookup` is the changed `model` instance,
        e.g. Watch.related("core.ServiceArea", "faqs.Faq", "service_area")."""

        def affected(instance):
            return (
                apps.get_model(indexed)
                .objects.filter(**{lookup: instance})
                .values_list("pk", flat=True)
            )

        return cls(model, affected)


@dataclass(frozen=True)
class Source:
    kind: str
    label: str  # plural, for filters: "Officers"
    singular: str  # for a result's tag: "Officer"
    model: str  # "app_label.ModelName"
    queryset: Callable[[], QuerySet]  # the objects that belong in the index
    to_entry: Callable[[Any], Entry]
    watches: tuple[Watch, ...] = ()
    m2m_fields: tuple[str, ...] = ()  # many-to-many fields whose changes alter the entry

    @property
    def model_class(self):
        return apps.get_model(self.model)


SOURCES: dict[str, Source] = {}


def register(source: Source) -> Source:
    SOURCES[source.kind] = source
    return source


def _clip(text: str, length: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def _join(*parts: str) -> str:
    return " · ".join(p.strip() for p in parts if p and p.strip())


# --- The sources ---------------------------------------------------------------------------


def _unit_path(unit) -> str:
    return " › ".join(u.name for u in unit.path) if unit else ""


def _subtree_ids(unit) -> list[int]:
    """The unit and every unit below it."""
    OrgUnit = apps.get_model("directory.OrgUnit")
    ids, frontier = [unit.pk], [unit.pk]
    while frontier:
        frontier = [
            pk
            for pk in OrgUnit.objects.filter(parent_id__in=frontier).values_list("pk", flat=True)
            if pk not in ids
        ]
        ids += frontier
    return ids


def _officers():
    return (
        apps.get_model("directory.Officer")
        .objects.filter(is_active=True)
        .select_related("unit__parent__parent__parent")
    )


def _officer_entry(officer) -> Entry:
    return Entry(
        title=officer.full_name,
        body=_join(officer.job_title, _unit_path(officer.unit), officer.email),
        url=reverse("directory:officer_detail", args=[officer.pk]),
    )


def _units():
    return (
        apps.get_model("directory.OrgUnit")
        .objects.filter(is_active=True)
        .select_related("parent__parent__parent", "service_area")
    )


def _unit_entry(unit) -> Entry:
    within = _unit_path(unit.parent)
    return Entry(
        title=unit.name,
        body=_join(
            unit.get_kind_display(),
            f"Part of {within}" if within else "",
            unit.service_area.name if unit.service_area else "",
            unit.description,
            unit.email,
        ),
        url=reverse("directory:unit_detail", args=[unit.pk]),
    )


def _topics():
    return apps.get_model("directory.Topic").objects.select_related("unit", "partner")


def _topic_entry(topic) -> Entry:
    handled_by = [h.name for h in (topic.unit, topic.partner) if h is not None]
    return Entry(
        title=topic.name,
        body=_join(
            topic.keywords,
            f"Handled by {' and '.join(handled_by)}" if handled_by else "",
            topic.advice,
        ),
        url=reverse("directory:topic_list") + f"#topic-{topic.pk}",
    )


def _documents():
    return (
        apps.get_model("library.Document")
        .objects.filter(is_published=True)
        .select_related("unit")
        .prefetch_related("tags")
    )


def _document_entry(document) -> Entry:
    tags = ", ".join(tag.name for tag in document.tags.all())
    return Entry(
        title=document.title,
        body=_join(
            document.summary,
            document.get_kind_display(),
            f"Tags: {tags}" if tags else "",
            document.unit.name if document.unit else "",
        ),
        url=reverse("library:document_detail", args=[document.pk]),
        members_only=document.members_only,
    )


def _faqs():
    return (
        apps.get_model("faqs.Faq").objects.filter(is_published=True).select_related("service_area")
    )


def _faq_entry(faq) -> Entry:
    return Entry(
        title=faq.question,
        body=_join(faq.answer, faq.keywords, faq.service_area.name),
        url=reverse("faqs:faq_detail", args=[faq.pk]),
        members_only=faq.members_only,
    )


def _councillors():
    """Councillors in office: an active account holding the councillor role, whose term has
    not ended. (Terms end without a save: the nightly `search_reindex` drops them.)"""
    CouncillorProfile = apps.get_model("accounts.CouncillorProfile")
    UserRole = apps.get_model("accounts.UserRole")
    from councillor_hub.accounts.roles import Role

    today = timezone.localdate()
    return (
        CouncillorProfile.objects.filter(user__is_active=True)
        .filter(Q(term_end__isnull=True) | Q(term_end__gte=today))
        .filter(Exists(UserRole.objects.filter(user=OuterRef("user"), role=Role.COUNCILLOR)))
        .select_related("user", "ward", "political_group")
    )


def _councillor_entry(profile) -> Entry:
    return Entry(
        title=profile.user.full_name,
        body=_join(f"Councillor for {profile.ward.name} ward", profile.group_label),
        url=reverse("committees:councillor_detail", args=[profile.user_id]),
    )


def _profiles_of(user_id) -> list[int]:
    CouncillorProfile = apps.get_model("accounts.CouncillorProfile")
    return list(CouncillorProfile.objects.filter(user_id=user_id).values_list("pk", flat=True))


register(
    Source(
        kind="officer",
        label="Officers",
        singular="Officer",
        model="directory.Officer",
        queryset=_officers,
        to_entry=_officer_entry,
        watches=(
            Watch(
                "directory.OrgUnit",
                lambda unit: (
                    apps.get_model("directory.Officer")
                    .objects.filter(unit_id__in=_subtree_ids(unit))
                    .values_list("pk", flat=True)
                ),
            ),
        ),
    )
)
register(
    Source(
        kind="unit",
        label="Teams",
        singular="Team",
        model="directory.OrgUnit",
        queryset=_units,
        to_entry=_unit_entry,
        watches=(
            # A unit's entry names the units above it.
            Watch("directory.OrgUnit", lambda unit: _subtree_ids(unit)[1:]),
            Watch.related("core.ServiceArea", "directory.OrgUnit", "service_area"),
        ),
    )
)
register(
    Source(
        kind="topic",
        label="Who handles what",
        singular="Who handles what",
        model="directory.Topic",
        queryset=_topics,
        to_entry=_topic_entry,
        watches=(
            Watch.related("directory.OrgUnit", "directory.Topic", "unit"),
            Watch.related("directory.PartnerOrganisation", "directory.Topic", "partner"),
        ),
    )
)
register(
    Source(
        kind="document",
        label="Documents",
        singular="Document",
        model="library.Document",
        queryset=_documents,
        to_entry=_document_entry,
        watches=(
            Watch.related("library.DocumentTag", "library.Document", "tags"),
            Watch.related("directory.OrgUnit", "library.Document", "unit"),
        ),
        m2m_fields=("tags",),
    )
)
register(
    Source(
        kind="faq",
        label="FAQs",
        singular="FAQ",
        model="faqs.Faq",
        queryset=_faqs,
        to_entry=_faq_entry,
        watches=(Watch.related("core.ServiceArea", "faqs.Faq", "service_area"),),
    )
)
register(
    Source(
        kind="councillor",
        label="Councillors",
        singular="Councillor",
        model="accounts.CouncillorProfile",
        queryset=_councillors,
        to_entry=_councillor_entry,
        watches=(
            Watch("accounts.User", lambda user: _profiles_of(user.pk)),
            Watch("accounts.UserRole", lambda role: _profiles_of(role.user_id)),
            Watch.related("accounts.Ward", "accounts.CouncillorProfile", "ward"),
            Watch.related(
                "accounts.PoliticalGroup", "accounts.CouncillorProfile", "political_group"
            ),
        ),
    )
)


# News and briefings (news app). Only published items whose publication time has come: a
# scheduled item becomes visible without a save, so the nightly `search_reindex` (or its next
# save) indexes it; until then it is missing from search, never shown early.
def _news_items():
    return (
        apps.get_model("news.NewsItem")
        .objects.filter(is_published=True, published_at__lte=timezone.now())
        .prefetch_related("attachments")
    )


def _news_entry(item) -> Entry:
    attachments = ", ".join(a.title for a in item.attachments.all())
    return Entry(
        title=item.title,
        body=_join(
            item.summary,
            item.get_kind_display(),
            f"Attachments: {attachments}" if attachments else "",
            item.body,
        ),
        url=reverse("news:item_detail", args=[item.pk]),
        members_only=item.members_only,
    )


register(
    Source(
        kind="news",
        label="News and briefings",
        singular="News",
        model="news.NewsItem",
        queryset=_news_items,
        to_entry=_news_entry,
        watches=(Watch("news.NewsAttachment", lambda attachment: [attachment.item_id]),),
    )
)


# Ward profiles (wards app): one entry per ward, found by its name, its profile's summary and
# the names of its open amenities; the page is the ward's profile.
def _wards():
    WardAmenity = apps.get_model("wards.WardAmenity")
    return (
        apps.get_model("accounts.Ward")
        .objects.select_related("profile")
        .prefetch_related(
            Prefetch(
                "amenities",
                queryset=WardAmenity.objects.filter(is_active=True).order_by("name"),
                to_attr="open_amenities",
            )
        )
    )


def _ward_entry(ward) -> Entry:
    profile = getattr(ward, "profile", None)  # None: no profile written yet
    amenities = ", ".join(a.name for a in ward.open_amenities)
    return Entry(
        title=f"{ward.name} ward",
        body=_join(
            "Ward profile",
            profile.summary if profile else "",
            f"Amenities: {amenities}" if amenities else "",
        ),
        url=reverse("wards:ward_detail", args=[ward.pk]),
    )


register(
    Source(
        kind="ward",
        label="Ward profiles",
        singular="Ward profile",
        model="accounts.Ward",
        queryset=_wards,
        to_entry=_ward_entry,
        watches=(
            Watch("wards.WardProfile", lambda profile: [profile.ward_id]),
            Watch("wards.WardAmenity", lambda amenity: [amenity.ward_id]),
        ),
    )
)


def _arrangements():
    return apps.get_model("directory.EmergencyArrangement").objects.filter(is_active=True)


def _arrangement_entry(section) -> Entry:
    return Entry(
        title=section.title,
        body=_join("Out-of-hours and emergency arrangements", section.body),
        url=reverse("directory:out_of_hours") + f"#section-{section.pk}",
        members_only=section.members_only,
    )


register(
    Source(
        kind="emergency",
        label="Emergency arrangements",
        singular="Emergency arrangements section",
        model="directory.EmergencyArrangement",
        queryset=_arrangements,
        to_entry=_arrangement_entry,
    )
)

# --- Keeping entries current ---------------------------------------------------------------


def _entry_words(title: str, body: str) -> set[str]:
    return vocabulary.vocabulary_words(f"{title} {body}")


def _fields(entry: Entry) -> dict[str, Any]:
    return {
        "title": _clip(entry.title, 250),
        "body": entry.body or "",
        "url": entry.url[:300],
        "members_only": bool(entry.members_only),
    }


_pending: contextvars.ContextVar[dict[str, set[str]] | None] = contextvars.ContextVar(
    "search_pending", default=None
)


@contextlib.contextmanager
def deferred() -> Iterator[None]:
    """Collect the index changes signals ask for and make them once, together, at the end
    (for imports and other changes of many objects)."""
    if _pending.get() is not None:
        yield
        return
    token = _pending.set({})
    try:
        yield
        pending = _pending.get() or {}
    finally:
        _pending.reset(token)
    for kind, ids in pending.items():
        refresh(kind, ids)


@transaction.atomic
def refresh(kind: str, ids: Iterable[Any]) -> None:
    """Bring the entries of these objects of one source up to date: add or change the
    entry of each that belongs in the index, remove the entry of each that does not (or no
    longer exists)."""
    source = SOURCES[kind]
    wanted = sorted({str(pk) for pk in ids if pk is not None})
    if not wanted:
        return
    pending = _pending.get()
    if pending is not None:
        pending.setdefault(kind, set()).update(wanted)
        return
    backend = get_backend()
    changes: Counter = Counter()
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        objects = {str(obj.pk): obj for obj in source.queryset().filter(pk__in=chunk)}
        existing = {
            e.object_id: e for e in SearchEntry.objects.filter(kind=kind, object_id__in=chunk)
        }
        created, changed, removed = [], [], []
        for object_id in chunk:
            entry = existing.get(object_id)
            obj = objects.get(object_id)
            if obj is None:
                if entry is not None:
                    removed.append(entry)
                continue
            fields = _fields(source.to_entry(obj))
            if entry is None:
                created.append(SearchEntry(kind=kind, object_id=object_id, **fields))
                changes.update(_entry_words(fields["title"], fields["body"]))
                continue
            if all(getattr(entry, name) == value for name, value in fields.items()):
                continue
            before = _entry_words(entry.title, entry.body)
            after = _entry_words(fields["title"], fields["body"])
            changes.update(after - before)
            changes.subtract(before - after)
            for name, value in fields.items():
                setattr(entry, name, value)
            entry.updated_at = timezone.now()
            changed.append(entry)
        if removed:
            for entry in removed:
                changes.subtract(_entry_words(entry.title, entry.body))
            ids_removed = [e.pk for e in removed]
            backend.remove(ids_removed)
            SearchEntry.objects.filter(pk__in=ids_removed).delete()
        if created:
            SearchEntry.objects.bulk_create(created)
            if any(e.pk is None for e in created):  # a database that does not return ids
                created = list(
                    SearchEntry.objects.filter(
                        kind=kind, object_id__in=[e.object_id for e in created]
                    )
                )
        if changed:
            SearchEntry.objects.bulk_update(
                changed, ["title", "body", "url", "members_only", "updated_at"]
            )
        if created or changed:
            backend.write(created + changed)
    vocabulary.apply_changes(changes)


def remove(kind: str, ids: Iterable[Any]) -> None:
    """Remove the entries of these objects (deleted, or no longer to be found)."""
    refresh(kind, ids)


@transaction.atomic
def reindex_all() -> dict[str, int]:
    """Rebuild the whole index and vocabulary from the sources. Returns entries per kind."""
    backend = get_backend()
    backend.clear()
    SearchEntry.objects.all().delete()
    entries: list[SearchEntry] = []
    counts: dict[str, int] = {}
    for kind, source in SOURCES.items():
        before = len(entries)
        for obj in source.queryset().iterator(chunk_size=2000):
            entries.append(
                SearchEntry(kind=kind, object_id=str(obj.pk), **_fields(source.to_entry(obj)))
            )
        counts[kind] = len(entries) - before
    SearchEntry.objects.bulk_create(entries, batch_size=1000)
    if any(e.pk is None for e in entries):
        entries = list(SearchEntry.objects.all())
    backend.write(entries)
    words: Counter = Counter()
    for entry in entries:
        words.update(_entry_words(entry.title, entry.body))
    vocabulary.rebuild(words)
    return counts


# --- Signals -------------------------------------------------------------------------------


@dataclass
class _Listeners:
    sources: list[Source] = field(default_factory=list)  # sources of this model
    watches: list[tuple[Source, Watch]] = field(default_factory=list)


def _listeners() -> dict[type, _Listeners]:
    found: dict[type, _Listeners] = {}
    for source in SOURCES.values():
        found.setdefault(source.model_class, _Listeners()).sources.append(source)
        for watch in source.watches:
            found.setdefault(apps.get_model(watch.model), _Listeners()).watches.append(
                (source, watch)
            )
    return found


# Saving a user changes their councillor entry only through these fields (so a sign-in,
# which saves last_login, is not a reason to index again).
_USER_FIELDS = {"full_name", "is_active"}


def _skip(sender, instance, kwargs) -> bool:
    if kwargs.get("raw"):
        return True
    update_fields = kwargs.get("update_fields")
    return bool(
        update_fields is not None
        and sender._meta.label == "accounts.User"
        and not set(update_fields) & _USER_FIELDS
    )


def _on_save(sender, instance, **kwargs) -> None:
    listeners = LISTENERS.get(sender)
    if listeners is None or _skip(sender, instance, kwargs):
        return
    for source in listeners.sources:
        refresh(source.kind, [instance.pk])
    for source, watch in listeners.watches:
        refresh(source.kind, list(watch.affected(instance)))


def _before_delete(sender, instance, **kwargs) -> None:
    listeners = LISTENERS.get(sender)
    if listeners is None:
        return
    # What depends on it is known only before the delete (its relations go with it).
    instance._search_affected = [
        (source.kind, list(watch.affected(instance))) for source, watch in listeners.watches
    ]


def _on_delete(sender, instance, **kwargs) -> None:
    listeners = LISTENERS.get(sender)
    if listeners is None:
        return
    for source in listeners.sources:
        remove(source.kind, [instance.pk])
    for kind, ids in getattr(instance, "_search_affected", []):
        refresh(kind, ids)


def _on_m2m(sender, instance, action, reverse, model, pk_set, **kwargs) -> None:
    source = M2M_SOURCES.get(sender)
    if source is None:
        return
    if not reverse:
        if action in {"post_add", "post_remove", "post_clear"}:
            refresh(source.kind, [instance.pk])
        return
    # From the other side (tag.documents.add(document)): pk_set holds the source objects.
    if action == "pre_clear":
        field_name = next(
            f.name
            for f in source.model_class._meta.many_to_many
            if f.remote_field.through is sender
        )
        instance._search_m2m_cleared = list(
            source.model_class.objects.filter(**{field_name: instance}).values_list("pk", flat=True)
        )
    elif action in {"post_add", "post_remove"}:
        refresh(source.kind, pk_set or [])
    elif action == "post_clear":
        refresh(source.kind, getattr(instance, "_search_m2m_cleared", []))


LISTENERS: dict[type, _Listeners] = {}
M2M_SOURCES: dict[type, Source] = {}


def connect_signals() -> None:
    """Connect the signal handlers (from SearchConfig.ready)."""
    LISTENERS.clear()
    LISTENERS.update(_listeners())
    M2M_SOURCES.clear()
    for model in LISTENERS:
        uid = f"search-{model._meta.label_lower}"
        post_save.connect(_on_save, sender=model, dispatch_uid=f"{uid}-save")
        pre_delete.connect(_before_delete, sender=model, dispatch_uid=f"{uid}-pre-delete")
        post_delete.connect(_on_delete, sender=model, dispatch_uid=f"{uid}-delete")
    for source in SOURCES.values():
        for name in source.m2m_fields:
            through = getattr(source.model_class, name).through
            M2M_SOURCES[through] = source
            m2m_changed.connect(
                _on_m2m, sender=through, dispatch_uid=f"search-{through._meta.label_lower}"
            )
