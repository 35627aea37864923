"""Reads for the document library: which documents a person may see, the filtered and sorted
list, the tags to browse by, and the review report. Visibility rules come from
directory/permissions.py (the hub's one source of rules); this module only applies them.

Who sees a document:
- content managers (democratic services, administrators) see every document, published or not;
- everyone else signed in sees published documents, except that members-only documents are
  hidden from those who may not see members-only items;
- the officer responsible for a document (their directory entry's user account) also sees it
  when it is members only, because they must keep it under review.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.utils import timezone

from councillor_hub.directory.models import Officer, OrgUnit
from councillor_hub.directory.permissions import (
    can_manage_hub_content,
    can_use_hub,
    visible_filter_members_only,
)

from .models import Document, DocumentKind, DocumentTag

# The list's sort orders: key -> (label, ordering).
SORTS: dict[str, tuple[str, list]] = {
    "title": ("Title (A to Z)", ["title", "pk"]),
    "published": (
        "Publication date (newest first)",
        [F("published_on").desc(nulls_last=True), "title", "pk"],
    ),
    "review": (
        "Next review date (soonest first)",
        [F("next_review_on").asc(nulls_last=True), "title", "pk"],
    ),
}
DEFAULT_SORT = "title"
REVIEW_REPORT_DAYS = 60
MAX_SEARCH_WORDS = 10


def visible_documents(user) -> QuerySet[Document]:
    """Every document `user` may open (see the module docstring)."""
    documents = Document.objects.all()
    if not can_use_hub(user):
        return documents.none()
    if can_manage_hub_content(user):
        return documents
    documents = documents.filter(is_published=True)
    members_only = visible_filter_members_only(user)
    if members_only:
        documents = documents.filter(Q(**members_only) | Q(responsible_officer__user=user))
    return documents


def document_for_page(*, user, pk: int) -> QuerySet[Document]:
    """The one document `pk` if `user` may see it (empty otherwise), with what its page shows."""
    return (
        visible_documents(user)
        .filter(pk=pk)
        .select_related("unit", "responsible_officer")
        .prefetch_related("tags")
    )


def _search_words(text: str) -> list[str]:
    return [word for word in text.split() if word][:MAX_SEARCH_WORDS]


def document_list(
    *,
    user,
    text: str = "",
    tags: list[str] | None = None,
    kind: str = "",
    unit_id: int | None = None,
    sort: str = DEFAULT_SORT,
) -> QuerySet[Document]:
    """The visible documents matching every filter given: each word of `text` (any order) in
    the title, summary or a tag name; every tag slug in `tags`; the kind; the service."""
    documents = visible_documents(user)
    for word in _search_words(text):
        tagged = Document.objects.filter(tags__name__icontains=word).values("pk")
        documents = documents.filter(
            Q(title__icontains=word) | Q(summary__icontains=word) | Q(pk__in=tagged)
        )
    for slug in tags or []:
        documents = documents.filter(pk__in=Document.objects.filter(tags__slug=slug).values("pk"))
    if kind:
        documents = documents.filter(kind=kind)
    if unit_id:
        documents = documents.filter(unit_id=unit_id)
    ordering = SORTS.get(sort, SORTS[DEFAULT_SORT])[1]
    return (
        documents.select_related("unit")
        .prefetch_related(Prefetch("tags", queryset=DocumentTag.objects.order_by("name")))
        .order_by(*ordering)
    )


def tags_in_use(*, user) -> QuerySet[DocumentTag]:
    """Tags on at least one document `user` may see, with how many (`document_count`)."""
    visible = visible_documents(user).values("pk")
    return (
        DocumentTag.objects.annotate(
            document_count=Count("documents", filter=Q(documents__in=visible), distinct=True)
        )
        .filter(document_count__gt=0)
        .order_by("name")
    )


def tags_by_slug(slugs: list[str]) -> list[DocumentTag]:
    """The tags named by `slugs` (unknown slugs are dropped), in the order given."""
    found = {tag.slug: tag for tag in DocumentTag.objects.filter(slug__in=slugs)}
    return [found[slug] for slug in dict.fromkeys(slugs) if slug in found]


def units_with_documents(*, user) -> QuerySet[OrgUnit]:
    """Services that own at least one document `user` may see: the service filter's choices."""
    visible = visible_documents(user).values("unit_id")
    return OrgUnit.objects.filter(pk__in=visible).order_by("name", "pk")


def kinds_choices() -> list[tuple[str, str]]:
    return list(DocumentKind.choices)


# --- The review report ------------------------------------------------------------------------


def can_see_review_report(user) -> bool:
    """Content managers (every document) and anyone whose user account is linked to an
    active officer in the directory (the documents they are responsible for)."""
    if not can_use_hub(user):
        return False
    if can_manage_hub_content(user):
        return True
    return Officer.objects.filter(user=user, is_active=True).exists()


@dataclass
class ReviewGroup:
    unit: OrgUnit | None
    documents: list[Document] = field(default_factory=list)

    @property
    def title(self) -> str:
        return self.unit.name if self.unit else "No service given"

    @property
    def overdue_count(self) -> int:
        return sum(1 for document in self.documents if document.review_overdue)


def review_report(
    *, user, today: datetime.date | None = None, days: int = REVIEW_REPORT_DAYS
) -> list[ReviewGroup]:
    """Published documents past their review date or due within `days`, grouped by service,
    then by responsible officer and date. Content managers get every such document; an
    officer with an account gets those they are responsible for; anyone else gets nothing.
    Each document gets `review_overdue` and `days_until_review`."""
    today = today or timezone.localdate()
    documents = Document.objects.filter(
        is_published=True,
        next_review_on__isnull=False,
        next_review_on__lte=today + datetime.timedelta(days=days),
    )
    if not can_manage_hub_content(user):
        if not can_see_review_report(user):
            return []
        documents = documents.filter(responsible_officer__user=user)
    documents = documents.select_related("unit", "responsible_officer").order_by(
        F("unit__name").asc(nulls_last=True),
        "unit_id",
        F("responsible_officer__full_name").asc(nulls_last=True),
        "next_review_on",
        "title",
    )
    groups: list[ReviewGroup] = []
    for document in documents:
        document.days_until_review = (document.next_review_on - today).days
        document.review_overdue = document.days_until_review < 0
        if not groups or groups[-1].unit != document.unit:
            groups.append(ReviewGroup(unit=document.unit))
        groups[-1].documents.append(document)
    return groups
