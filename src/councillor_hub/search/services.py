"""The one search box: `search()` for views (and other apps, e.g. the directory's officer
search with kinds=["officer"]), `reindex_all()` to rebuild the index.

Results are filtered by what the user may see: nothing for someone who may not use the hub,
and members-only entries only for those directory.permissions.can_see_members_only allows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from councillor_hub.directory.permissions import can_see_members_only, can_use_hub

from . import indexing, vocabulary
from .backends import get_backend

# A query longer than this is cut (nobody types more into a search box).
MAX_QUERY_LENGTH = 200
MAX_LIMIT = 100
MAX_OFFSET = 10_000
SNIPPET_WORDS = 30
SNIPPET_LEAD = 8


@dataclass(frozen=True)
class SnippetPart:
    text: str
    match: bool = False


@dataclass(frozen=True)
class SearchHit:
    kind: str
    kind_label: str  # "Officer", "Document"...
    object_id: str
    title: str
    url: str
    members_only: bool
    snippet_parts: tuple[SnippetPart, ...]

    @property
    def snippet(self) -> str:
        """The snippet as plain text (templates escape it; the parts mark the matches)."""
        return "".join(part.text for part in self.snippet_parts)


@dataclass
class SearchResults:
    query: str  # what was searched for, cleaned
    hits: list[SearchHit] = field(default_factory=list)
    total: int = 0  # matches of the chosen kinds, over every page
    corrected_query: str | None = None  # "highways" for "hihgways", if results were found
    kind_counts: dict[str, int] = field(default_factory=dict)  # matches per kind, all kinds
    kinds: list[str] = field(default_factory=list)  # the kinds searched (empty: all)

    @property
    def all_total(self) -> int:
        return sum(self.kind_counts.values())


def kinds() -> list[tuple[str, str]]:
    """(kind, plural label) for every kind of entry, in display order."""
    return [(kind, source.label) for kind, source in indexing.SOURCES.items()]


def clean_query(q) -> str:
    """The query as text: no NUL or control characters, single spaces, at most 200 long."""
    text = q if isinstance(q, str) else ""
    text = "".join(" " if (c < " " or c == "\x7f") else c for c in text)
    return " ".join(text.split())[:MAX_QUERY_LENGTH].strip()


def _snippet(body: str, planned: list[vocabulary.QueryWord]) -> tuple[SnippetPart, ...]:
    """About 30 words of the body around the first match, matches marked."""
    spans = list(re.finditer(r"\S+", body or ""))
    if not spans:
        return ()

    def matches(chunk: str) -> bool:
        return any(qw.matches(token) for token in vocabulary.words(chunk) for qw in planned)

    first = next((i for i, span in enumerate(spans) if matches(span.group())), 0)
    start = max(0, first - SNIPPET_LEAD) if first >= SNIPPET_WORDS - SNIPPET_LEAD else 0
    shown = spans[start : start + SNIPPET_WORDS]
    parts: list[SnippetPart] = []
    if start > 0:
        parts.append(SnippetPart("… "))
    for position, span in enumerate(shown):
        if position:
            parts.append(SnippetPart(" "))
        chunk, done = span.group(), 0
        for word in vocabulary.WORD.finditer(chunk):
            if matches(word.group()):
                if word.start() > done:
                    parts.append(SnippetPart(chunk[done : word.start()]))
                parts.append(SnippetPart(word.group(), match=True))
                done = word.end()
        if done < len(chunk):
            parts.append(SnippetPart(chunk[done:]))
    if start + SNIPPET_WORDS < len(spans):
        parts.append(SnippetPart(" …"))
    merged: list[SnippetPart] = []
    for part in parts:
        if merged and not part.match and not merged[-1].match:
            merged[-1] = SnippetPart(merged[-1].text + part.text)
        else:
            merged.append(part)
    return tuple(merged)


def search(
    *,
    user,
    q: str,
    kinds: list[str] | None = None,
    limit: int = 20,
    offset: int = 0,
    snippets: bool = True,
    kind_counts: dict[str, int] | None = None,
) -> SearchResults:
    """Search the hub for `q` as `user`: every word must match, in any order; the last word
    may be the start of a word; misspelt words are corrected from the vocabulary.
    `snippets=False` for callers that show the records themselves rather than the hits (the
    directory): marking the matches in each hit's text is most of the Python time.
    `kind_counts`: the counts an earlier call for the same person and words returned, so a
    caller searching one kind at a time (the directory) counts the matches once, not per kind
    (11 ms each for a common word among 20,000 officers)."""
    query = clean_query(q)
    chosen = [k for k in dict.fromkeys(kinds or []) if k in indexing.SOURCES]
    results = SearchResults(query=query, kinds=chosen)
    if not can_use_hub(user):
        return results
    planned = vocabulary.plan(vocabulary.query_words(query))
    if not planned:
        return results
    limit = min(max(int(limit), 1), MAX_LIMIT)
    offset = min(max(int(offset), 0), MAX_OFFSET)
    members = can_see_members_only(user)
    backend = get_backend()
    results.kind_counts = (
        dict(kind_counts)
        if kind_counts is not None
        else backend.counts(planned, include_members_only=members)
    )
    results.total = sum(n for k, n in results.kind_counts.items() if not chosen or k in chosen)
    if results.all_total and any(word.alternatives for word in planned):
        results.corrected_query = " ".join(word.corrected for word in planned)
    if results.total > offset:
        rows = backend.search(
            planned,
            kinds=chosen or None,
            include_members_only=members,
            limit=limit,
            offset=offset,
        )
        for row in rows:
            source = indexing.SOURCES.get(row.kind)
            results.hits.append(
                SearchHit(
                    kind=row.kind,
                    kind_label=source.singular if source else row.kind,
                    object_id=row.object_id,
                    title=row.title,
                    url=row.url,
                    members_only=row.members_only,
                    snippet_parts=_snippet(row.body, planned) if snippets else (),
                )
            )
    return results


def reindex_all() -> dict[str, int]:
    """Rebuild the whole search index and vocabulary. Returns the entries per kind."""
    return indexing.reindex_all()
