"""The full-text index on each database, behind one interface so both behave the same.

- SQLite (the default): an FTS5 table `search_entry_fts(title, body)` whose rowid is the
  SearchEntry id, ranked with bm25 (a title match weighs ten times a body match).
- PostgreSQL (production): a tsvector column `search_document` on search_searchentry with a
  GIN index, title weighted A and body B, ranked with ts_rank (the same ten to one).

Migration 0002 creates both (each only on its own database). Python writes the words it has
already cut up (vocabulary.index_text) into either, with the 'simple' configuration on
PostgreSQL (no stemming, no stop words), so both databases index the same words and a query
means the same on each. Deleting a SearchEntry removes its index row on both (a trigger on
SQLite; the column goes with the row on PostgreSQL).

A query is a list of QueryWords: every word must match (in any order) and each may match any
of its alternatives; the last word also matches as the beginning of a word.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from .models import SearchEntry
from .vocabulary import QueryWord, index_text

CHUNK = 500


@dataclass(frozen=True)
class Row:
    id: int
    kind: str
    object_id: str
    title: str
    body: str
    url: str
    members_only: bool


def _placeholders(count: int) -> str:
    return ", ".join(["%s"] * count)


def _chunks(items: Sequence, size: int = CHUNK) -> Iterable[Sequence]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


class Backend:
    """What the search needs from the database."""

    vendor = ""

    def write(self, entries: Sequence[SearchEntry]) -> None:
        """(Re)index these saved entries."""
        raise NotImplementedError

    def remove(self, ids: Sequence[int]) -> None:
        """Forget these entries (called before or after they are deleted)."""
        raise NotImplementedError

    def clear(self) -> None:
        """Forget every entry (before a rebuild)."""
        raise NotImplementedError

    def match(self, planned: list[QueryWord]) -> str:
        """The database's query text for `planned`."""
        raise NotImplementedError

    def _from_where(self) -> str:
        raise NotImplementedError

    def _rank(self) -> str:
        raise NotImplementedError

    def _filters(self, *, kinds: list[str] | None, include_members_only: bool):
        sql, params = "", []
        if not include_members_only:
            sql += " AND e.members_only = %s"
            params.append(False)
        if kinds:
            sql += f" AND e.kind IN ({_placeholders(len(kinds))})"
            params += list(kinds)
        return sql, params

    def counts(self, planned: list[QueryWord], *, include_members_only: bool) -> dict[str, int]:
        """How many entries of each kind match."""
        filters, params = self._filters(kinds=None, include_members_only=include_members_only)
        sql = f"SELECT e.kind, COUNT(*) {self._from_where()}{filters} GROUP BY e.kind"  # noqa: S608
        with connection.cursor() as cursor:
            cursor.execute(sql, [self.match(planned), *params])
            return {kind: count for kind, count in cursor.fetchall()}

    def search(
        self,
        planned: list[QueryWord],
        *,
        kinds: list[str] | None,
        include_members_only: bool,
        limit: int,
        offset: int,
    ) -> list[Row]:
        """The matching entries, best first (title matches above body matches)."""
        filters, params = self._filters(kinds=kinds, include_members_only=include_members_only)
        sql = (
            "SELECT e.id, e.kind, e.object_id, e.title, e.body, e.url, e.members_only, "  # noqa: S608
            f"{self._rank()} AS score {self._from_where()}{filters} "
            "ORDER BY score, LOWER(e.title), e.id LIMIT %s OFFSET %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [self.match(planned), *params, limit, offset])
            return [Row(*row[:6], bool(row[6])) for row in cursor.fetchall()]


class SqliteBackend(Backend):
    vendor = "sqlite"

    def write(self, entries: Sequence[SearchEntry]) -> None:
        with connection.cursor() as cursor:
            for chunk in _chunks(list(entries)):
                ids = [e.pk for e in chunk]
                cursor.execute(
                    f"DELETE FROM search_entry_fts WHERE rowid IN ({_placeholders(len(ids))})",  # noqa: S608
                    ids,
                )
                cursor.executemany(
                    "INSERT INTO search_entry_fts (rowid, title, body) VALUES (%s, %s, %s)",
                    [(e.pk, index_text(e.title), index_text(e.body)) for e in chunk],
                )

    def remove(self, ids: Sequence[int]) -> None:
        with connection.cursor() as cursor:
            for chunk in _chunks(list(ids)):
                cursor.execute(
                    f"DELETE FROM search_entry_fts WHERE rowid IN ({_placeholders(len(chunk))})",  # noqa: S608
                    list(chunk),
                )

    def clear(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_entry_fts")

    def match(self, planned: list[QueryWord]) -> str:
        # Words hold only letters and digits (vocabulary.words), so quoting them is safe.
        groups = []
        for word in planned:
            terms = [f'"{word.word}"' + ("*" if word.prefix else "")]
            terms += [f'"{alternative}"' for alternative in word.alternatives]
            groups.append("(" + " OR ".join(terms) + ")")
        return " AND ".join(groups)

    def _from_where(self) -> str:
        return (
            "FROM search_entry_fts JOIN search_searchentry e ON e.id = search_entry_fts.rowid "
            "WHERE search_entry_fts MATCH %s"
        )

    def _rank(self) -> str:
        # bm25 is lower for better matches; the title column weighs ten times the body.
        return "bm25(search_entry_fts, 10.0, 1.0)"


class PostgresBackend(Backend):
    vendor = "postgresql"

    DOCUMENT = (
        "setweight(to_tsvector('simple', v.title), 'A') "
        "|| setweight(to_tsvector('simple', v.body), 'B')"
    )

    def write(self, entries: Sequence[SearchEntry]) -> None:
        with connection.cursor() as cursor:
            for chunk in _chunks(list(entries)):
                cursor.execute(
                    f"UPDATE search_searchentry e SET search_document = {self.DOCUMENT} "  # noqa: S608
                    "FROM unnest(%s::bigint[], %s::text[], %s::text[]) AS v(id, title, body) "
                    "WHERE e.id = v.id",
                    [
                        [e.pk for e in chunk],
                        [index_text(e.title) for e in chunk],
                        [index_text(e.body) for e in chunk],
                    ],
                )

    def remove(self, ids: Sequence[int]) -> None:
        """Nothing to do: the document is a column of the entry's own row."""

    def clear(self) -> None:
        """Nothing to do: the documents go with the entries' rows."""

    def match(self, planned: list[QueryWord]) -> str:
        # Words hold only letters and digits (vocabulary.words), so quoting them is safe.
        groups = []
        for word in planned:
            terms = [f"'{word.word}'" + (":*" if word.prefix else "")]
            terms += [f"'{alternative}'" for alternative in word.alternatives]
            groups.append("(" + " | ".join(terms) + ")")
        return " & ".join(groups)

    def _from_where(self) -> str:
        return (
            "FROM search_searchentry e, to_tsquery('simple', %s) query "
            "WHERE e.search_document @@ query"
        )

    def _rank(self) -> str:
        # Weights are {D, C, B, A}: a title (A) match weighs ten times a body (B) match.
        # Negated so that, as with bm25, lower is better and one ORDER BY serves both.
        return "-ts_rank('{0.1, 0.1, 0.1, 1.0}', e.search_document, query)"


_BACKENDS = {backend.vendor: backend for backend in (SqliteBackend(), PostgresBackend())}


def get_backend() -> Backend:
    """The backend for the default database."""
    try:
        return _BACKENDS[connection.vendor]
    except KeyError:
        raise ImproperlyConfigured(
            f"Search supports SQLite and PostgreSQL, not {connection.vendor}"
        ) from None
