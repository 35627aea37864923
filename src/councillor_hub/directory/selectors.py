"""Reads for the directory pages: the search, the organisation tree, a unit's people and
topics, the "who handles what" list, the out-of-hours and emergency arrangements page. Each
returns everything a page shows in a fixed number of queries, however many rows there are.

The directory search box (`directory_search`) matches every word of the query, in any order,
against officers (name, job title, email, team, service and directorate names, and the topics
their team handles), units and topics. It uses the hub's shared search index
(`councillor_hub.search.services.search`, which adds typo tolerance and ranking); the plain
selectors here (`officer_search`, `unit_search`, `topic_search`: every word "contains", any
order) are the fallback and serve callers that need a queryset."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import reduce
from operator import and_, or_

from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Q, QuerySet, Value, When

from councillor_hub.accounts.roles import Role

from .models import ContactKind, EmergencyArrangement, Officer, OrgUnit, OutOfHoursContact, Topic
from .permissions import visible_filter_members_only

MAX_QUERY_LENGTH = 200
MAX_WORDS = 8
RESULT_LIMIT = 50
# The three levels of the hierarchy: enough for a team's path (directorate > service > team).
UNIT_PATH = "unit__parent__parent__parent"
# The kinds the directory's models are indexed under in the shared search.
SEARCH_KIND_OFFICER = "officer"
SEARCH_KIND_UNIT = "unit"
SEARCH_KIND_TOPIC = "topic"

_WORD = re.compile(r"[\w@.'’&+-]+", re.UNICODE)


def search_words(q: str) -> list[str]:
    """The words of a query, at most MAX_WORDS, each stripped of surrounding punctuation."""
    words = []
    for word in _WORD.findall((q or "")[:MAX_QUERY_LENGTH]):
        word = word.strip(".'’-+&")
        if word and word.casefold() not in {w.casefold() for w in words}:
            words.append(word[:50])
    return words[:MAX_WORDS]


def _every_word(words: list[str], lookups: list[str], extra=None) -> Q:
    """Each word must match at least one of `lookups` (so word order does not matter)."""
    conditions = []
    for word in words:
        options = [Q(**{f"{lookup}__icontains": word}) for lookup in lookups]
        if extra is not None:
            options.append(extra(word))
        conditions.append(reduce(or_, options))
    return reduce(and_, conditions)


OFFICER_LOOKUPS = [
    "full_name",
    "job_title",
    "email",
    "unit__name",
    "unit__parent__name",
    "unit__parent__parent__name",
]


def officers_for_display() -> QuerySet[Officer]:
    return Officer.objects.select_related(UNIT_PATH)


def officer_search(q: str, *, include_inactive: bool = False) -> QuerySet[Officer]:
    """Officers matching every word of `q` in any order: name, job title, email, their team,
    service or directorate, or a topic their team handles. Name matches come first."""
    words = search_words(q)
    if not words:
        return Officer.objects.none()

    def topic_of_unit(word: str) -> Q:
        topics = Topic.objects.filter(unit=OuterRef("unit")).filter(
            Q(name__icontains=word) | Q(keywords__icontains=word)
        )
        return Q(Exists(topics))

    queryset = officers_for_display().filter(_every_word(words, OFFICER_LOOKUPS, topic_of_unit))
    if not include_inactive:
        queryset = queryset.filter(is_active=True)
    name_hit = reduce(and_, [Q(full_name__icontains=word) for word in words])
    title_hit = reduce(and_, [Q(job_title__icontains=word) for word in words])
    return queryset.annotate(
        rank=Case(
            When(name_hit, then=Value(0)),
            When(title_hit, then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        )
    ).order_by("rank", "full_name", "pk")


def unit_search(q: str) -> QuerySet[OrgUnit]:
    """Active directorates, services and teams whose name (or description, or service area)
    contains every word of `q`."""
    words = search_words(q)
    if not words:
        return OrgUnit.objects.none()
    return (
        OrgUnit.objects.filter(is_active=True)
        .filter(_every_word(words, ["name", "description", "service_area__name", "parent__name"]))
        .select_related("parent__parent__parent")
        .order_by("name", "pk")
    )


def topics_for_display() -> QuerySet[Topic]:
    return Topic.objects.select_related("unit__parent__parent__parent", "partner")


def topic_search(q: str) -> QuerySet[Topic]:
    """ "Who handles what" topics matching every word of `q` (name, other words for it, the
    team or outside body that handles it)."""
    words = search_words(q)
    if not words:
        return Topic.objects.none()
    return (
        topics_for_display()
        .filter(_every_word(words, ["name", "keywords", "unit__name", "partner__name"]))
        .order_by("name", "pk")
    )


@dataclass
class DirectoryResults:
    q: str = ""
    officers: list[Officer] = field(default_factory=list)
    officer_count: int = 0
    units: list[OrgUnit] = field(default_factory=list)
    topics: list[Topic] = field(default_factory=list)
    corrected_query: str | None = None  # "highways" for "hihgways" (shared search only)

    @property
    def total(self) -> int:
        return self.officer_count + len(self.units) + len(self.topics)

    @property
    def more_officers(self) -> int:
        return max(0, self.officer_count - len(self.officers))


def _shared_search():
    """The hub's shared search function (`search.services.search`), if installed."""
    try:
        from councillor_hub.search.services import search
    except ImportError:  # pragma: no cover - the search app is part of the hub
        return None
    return search


def directory_search(
    q: str, *, user, limit: int = RESULT_LIMIT, use_shared: bool = True
) -> DirectoryResults:
    """Officers, units and topics matching `q`, grouped, for the directory search page.
    Uses the shared, typo-tolerant search index; `use_shared=False` (or no search app) uses
    plain "contains" matching of every word instead."""
    q = (q or "").strip()[:MAX_QUERY_LENGTH]
    if not search_words(q):
        return DirectoryResults(q=q)
    shared = _shared_search() if use_shared else None
    if shared is not None:
        return _from_shared_search(shared, q=q, user=user, limit=limit)
    officers = officer_search(q)
    return DirectoryResults(
        q=q,
        officers=list(officers[:limit]),
        officer_count=officers.count(),
        units=list(unit_search(q)[:limit]),
        topics=list(topic_search(q)[:limit]),
    )


def _from_shared_search(shared, *, q: str, user, limit: int) -> DirectoryResults:
    """Ranked, typo-tolerant results from the shared index, then the records themselves in
    one query per kind (the index may lag a moment behind; missing records are skipped)."""

    counted: dict[str, int] | None = None

    def ranked(kind: str, queryset):
        nonlocal counted
        if counted is not None and not counted.get(kind):
            return None, []  # no matches of this kind: nothing to search for
        found = shared(
            user=user, q=q, kinds=[kind], limit=limit, snippets=False, kind_counts=counted
        )
        counted = found.kind_counts
        ids = []
        for hit in found.hits:
            try:
                ids.append(int(hit.object_id))
            except (TypeError, ValueError):
                continue
        by_id = queryset.in_bulk(ids)
        return found, [by_id[pk] for pk in ids if pk in by_id]

    officer_results, officers = ranked(
        SEARCH_KIND_OFFICER, officers_for_display().filter(is_active=True)
    )
    _, units = ranked(
        SEARCH_KIND_UNIT,
        OrgUnit.objects.filter(is_active=True).select_related("parent__parent__parent"),
    )
    _, topics = ranked(SEARCH_KIND_TOPIC, topics_for_display())
    return DirectoryResults(
        q=q,
        officers=officers,
        officer_count=max(len(officers), officer_results.total),
        units=units,
        topics=topics,
        corrected_query=officer_results.corrected_query,
    )


# ------------------------------------------------------------------------ organisation
@dataclass
class UnitNode:
    unit: OrgUnit
    children: list[UnitNode] = field(default_factory=list)

    @property
    def officer_count(self) -> int:
        return self.unit.officer_count


def unit_tree(*, include_inactive: bool = False) -> list[UnitNode]:
    """The organisation as nested nodes (directorates > services > teams), by name, with a
    count of active officers in each unit. One query."""
    units = OrgUnit.objects.annotate(
        officer_count=Count("officers", filter=Q(officers__is_active=True))
    ).order_by("name", "pk")
    if not include_inactive:
        units = units.filter(is_active=True)
    nodes = {unit.pk: UnitNode(unit) for unit in units}
    roots = []
    for node in nodes.values():
        parent = nodes.get(node.unit.parent_id)
        if parent is None or _is_own_ancestor(node, nodes):
            roots.append(node)
        else:
            parent.children.append(node)
    return roots


def _is_own_ancestor(node: UnitNode, nodes: dict[int, UnitNode]) -> bool:
    seen, parent_id = {node.unit.pk}, node.unit.parent_id
    while parent_id in nodes:
        if parent_id in seen:
            return True
        seen.add(parent_id)
        parent_id = nodes[parent_id].unit.parent_id
    return False


def unit_options(*, include_inactive: bool = False) -> list[tuple[OrgUnit, str]]:
    """(unit, "Directorate > Service > Team") for every unit, in tree order. One query."""
    options: list[tuple[OrgUnit, str]] = []

    def walk(nodes: list[UnitNode], prefix: str) -> None:
        for node in nodes:
            options.append((node.unit, f"{prefix}{node.unit.name}"))
            walk(node.children, f"{prefix}{node.unit.name} > ")

    walk(unit_tree(include_inactive=include_inactive), "")
    return options


def unit_choices(*, include_inactive: bool = False) -> list[tuple[int, str]]:
    """(pk, "Directorate > Service > Team") for select boxes, in tree order."""
    return [
        (unit.pk, label if unit.is_active else f"{label} (closed)")
        for unit, label in unit_options(include_inactive=include_inactive)
    ]


def subtree_ids(unit: OrgUnit) -> list[int]:
    """The unit and every unit below it (one query)."""
    children: dict[int | None, list[int]] = defaultdict(list)
    for pk, parent_id in OrgUnit.objects.values_list("pk", "parent_id"):
        children[parent_id].append(pk)
    ids, frontier = [unit.pk], [unit.pk]
    while frontier:
        frontier = [pk for parent in frontier for pk in children[parent] if pk not in ids]
        ids += frontier
    return ids


def unit_detail(unit: OrgUnit, *, include_inactive: bool = False) -> dict:
    """A unit's people, sub-units, and the topics it and the units within it handle."""
    officers = Officer.objects.filter(unit=unit).order_by("full_name", "pk")
    former = officers.filter(is_active=False) if include_inactive else Officer.objects.none()
    children = OrgUnit.objects.filter(parent=unit).annotate(
        officer_count=Count("officers", filter=Q(officers__is_active=True))
    )
    if not include_inactive:
        children = children.filter(is_active=True)
    return {
        "officers": list(officers.filter(is_active=True)),
        "former_officers": list(former),
        "children": list(children.order_by("name", "pk")),
        "topics": list(
            Topic.objects.filter(unit_id__in=subtree_ids(unit))
            .select_related("unit")
            .order_by("name", "pk")
        ),
    }


def topics_a_to_z() -> list[tuple[str, list[Topic]]]:
    """Every topic grouped by first letter ("#" for anything that is not a letter)."""
    groups: dict[str, list[Topic]] = defaultdict(list)
    topics = sorted(topics_for_display(), key=lambda t: (t.name.casefold(), t.pk))
    for topic in topics:
        first = topic.name[:1].upper()
        groups[first if first.isalpha() else "#"].append(topic)
    return sorted(groups.items(), key=lambda item: (item[0] == "#", item[0]))


# ------------------------------------------------- out-of-hours and emergency arrangements
KIND_ORDER = {kind: index for index, kind in enumerate(ContactKind.values)}
# Council-wide contacts are listed on their own, before the services, in this order.
COUNCIL_WIDE_KINDS = [
    ContactKind.MAJOR_INCIDENT,
    ContactKind.ON_CALL,
    ContactKind.SAFEGUARDING,
    ContactKind.OUT_OF_HOURS,
    ContactKind.BANK_HOLIDAY,
]


def content_managers() -> list:
    """Active democratic services officers and administrators: who manages hub content."""
    from councillor_hub.accounts.models import User

    return list(
        User.objects.filter(
            is_active=True,
            roles__role__in=[Role.DEMOCRATIC_SERVICES_OFFICER, Role.ADMINISTRATOR],
        )
        .distinct()
        .order_by("pk")
    )


def arrangements_for(user, *, include_inactive: bool = False) -> list[EmergencyArrangement]:
    """The emergency arrangement sections `user` may see, in page order (members-only
    sections only for those who may see them)."""
    sections = EmergencyArrangement.objects.filter(**visible_filter_members_only(user))
    if not include_inactive:
        sections = sections.filter(is_active=True)
    return list(sections.order_by("sort_order", "title", "pk"))


def _contact_key(contact: OutOfHoursContact):
    area = contact.service_area
    return (
        area is not None,
        area.sort_order if area else 0,
        area.name if area else "",
        KIND_ORDER.get(contact.kind, 99),
        contact.name.casefold(),
        contact.pk,
    )


@dataclass
class ContactKindGroup:
    kind: str
    label: str
    contacts: list[OutOfHoursContact]


@dataclass
class ServiceContacts:
    service_area: object  # core.ServiceArea
    contacts: list[OutOfHoursContact]

    @property
    def slug(self) -> str:
        return self.service_area.slug

    @property
    def title(self) -> str:
        return self.service_area.name


@dataclass
class OutOfHoursPage:
    sections: list[EmergencyArrangement]
    council_wide: list[ContactKindGroup]
    services: list[ServiceContacts]
    withdrawn_sections: list[EmergencyArrangement] = field(default_factory=list)
    withdrawn_contacts: list[OutOfHoursContact] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.sections or self.council_wide or self.services)

    @property
    def review_due(self) -> list:
        """Every contact and section on the page whose review date has come (for managers)."""
        items = [s for s in self.sections if s.review_due]
        items += [c for g in self.council_wide for c in g.contacts if c.review_due]
        items += [c for s in self.services for c in s.contacts if c.review_due]
        return items


def out_of_hours_page(user, *, include_withdrawn: bool = False) -> OutOfHoursPage:
    """Everything on the out-of-hours and emergency arrangements page, in two queries (four
    with the withdrawn items managers see): the sections `user` may see, the council-wide
    contacts by kind (major incident, on-call, safeguarding...), then each service's
    contacts."""
    sections = arrangements_for(user, include_inactive=include_withdrawn)
    contacts = OutOfHoursContact.objects.select_related("service_area")
    if not include_withdrawn:
        contacts = contacts.filter(is_active=True)
    contacts = sorted(contacts, key=_contact_key)
    active = [c for c in contacts if c.is_active]
    wide = {kind: [] for kind in COUNCIL_WIDE_KINDS}
    by_area: dict[int, ServiceContacts] = {}
    for contact in active:
        if contact.service_area_id is None:
            wide.setdefault(contact.kind, []).append(contact)
        else:
            group = by_area.setdefault(
                contact.service_area_id, ServiceContacts(contact.service_area, [])
            )
            group.contacts.append(contact)
    return OutOfHoursPage(
        sections=[s for s in sections if s.is_active],
        council_wide=[
            ContactKindGroup(kind, ContactKind(kind).label, found)
            for kind, found in wide.items()
            if found
        ],
        services=list(by_area.values()),
        withdrawn_sections=[s for s in sections if not s.is_active],
        withdrawn_contacts=[c for c in contacts if not c.is_active],
    )
