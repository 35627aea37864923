"""Bulk writing of generated rows through Django's connection, without model instances.

SQLite: `executemany` in large chunks inside one transaction per table. PostgreSQL: COPY
FROM STDIN through psycopg 3, the fastest way to load rows. Table and column names always
come from the model's _meta, so a renamed column cannot silently go astray."""

from __future__ import annotations

import itertools
import multiprocessing
import pickle
import queue
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from django.db import DatabaseError, connection, models, transaction
from django.db.models.fields import NOT_PROVIDED

# Rows per executemany call: big enough to amortise the call, small enough to keep memory flat.
SQLITE_CHUNK = 20_000
COPY_CHUNK = 10_000
# Build rows in a forked process (see _chunks_ahead); False keeps everything in-process.
USE_PROCESS = True
EPOCH = datetime(1970, 1, 1)


class Timestamps:
    """Formats whole seconds since 1970 (UTC) as the database's datetime text.

    Formatting a datetime object per row is the single largest cost of a large load, so the
    day part comes from a per-day cache and the clock part from integer arithmetic. SQLite
    stores Django's aware datetimes as naive UTC text; PostgreSQL gets an explicit +00 so the
    session time zone cannot shift it."""

    def __init__(self, vendor: str) -> None:
        suffix = "+00" if vendor == "postgresql" else ""
        # Every clock time of a day, formatted once (86,400 short strings).
        self._clock = [
            f" {h:02d}:{m:02d}:{s:02d}{suffix}"
            for h in range(24)
            for m in range(60)
            for s in range(60)
        ]
        self._days: dict[int, str] = {}

    def __call__(self, seconds: int) -> str:
        day, rest = divmod(seconds, 86400)
        text = self._days.get(day)
        if text is None:
            text = self._days[day] = (EPOCH + timedelta(days=day)).strftime("%Y-%m-%d")
        return text + self._clock[rest]

    @staticmethod
    def day(seconds: int) -> str:
        return (EPOCH + timedelta(seconds=seconds)).strftime("%Y-%m-%d")

    @staticmethod
    def to_datetime(seconds: int) -> datetime:
        return datetime.fromtimestamp(seconds, UTC)

    @staticmethod
    def from_datetime(moment: datetime) -> int:
        return int(moment.timestamp())

    @staticmethod
    def from_date(day: date) -> int:
        return int(datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp())


@dataclass
class TableResult:
    label: str
    rows: int
    seconds: float
    index_seconds: float = 0.0  # of `seconds`, rebuilding the indexes dropped for the load

    @property
    def rate(self) -> float:
        return self.rows / self.seconds if self.seconds > 0 else float("inf")


def _produce_into(rows: Iterable[tuple], size: int, pipe) -> None:
    """Child process: build the rows and send them to the writer in pickled chunks."""
    try:
        iterator = iter(rows)
        while chunk := list(itertools.islice(iterator, size)):
            pipe.send_bytes(pickle.dumps(chunk, protocol=pickle.HIGHEST_PROTOCOL))
        pipe.send_bytes(b"")
    except BaseException as error:  # reported to the writer, which raises it
        pipe.send_bytes(pickle.dumps(RuntimeError(f"Building rows failed: {error!r}")))
    finally:
        pipe.close()


def _chunks_from_process(rows: Iterable[tuple], size: int) -> Iterator[list[tuple]]:
    """The rows in lists of `size`, built in a forked child process while this one writes.

    Building rows is about half the Python work of the load; in a second process it runs
    on the second core while the database writes, and unpickling a chunk costs a quarter
    of building it. Fork shares the plan's arrays without copying or pickling them, and
    the child only computes (it never touches the database connection)."""
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_produce_into, args=(rows, size, send), daemon=True)
    child.start()
    send.close()
    try:
        while True:
            data = receive.recv_bytes()
            if not data:
                return
            item = pickle.loads(data)  # noqa: S301 - our own child process's output
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        receive.close()
        child.join(timeout=5)
        if child.is_alive():
            child.kill()


def _chunks_ahead(rows: Iterable[tuple], size: int) -> Iterator[list[tuple]]:
    """The rows in lists of `size`, built one step ahead of the writer: in a child process
    where the platform can fork, else in a helper thread (sqlite3 and psycopg release the
    GIL while the database works, so building still overlaps with writing).
    An error in the builder is raised here, in the caller's thread."""
    if USE_PROCESS and "fork" in multiprocessing.get_all_start_methods():
        yield from _chunks_from_process(rows, size)
        return
    ready: queue.Queue = queue.Queue(maxsize=2)
    done = object()
    stop = threading.Event()

    def produce() -> None:
        try:
            iterator = iter(rows)
            while not stop.is_set():
                chunk = list(itertools.islice(iterator, size))
                if not chunk:
                    break
                ready.put(chunk)
            ready.put(done)
        except BaseException as error:  # handed over to the writer's thread
            ready.put(error)

    thread = threading.Thread(target=produce, name="generator-rows", daemon=True)
    thread.start()
    try:
        while True:
            item = ready.get()
            if item is done:
                return
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        # Unblock a producer waiting on a full queue, then let it finish.
        while thread.is_alive():
            try:
                ready.get_nowait()
            except queue.Empty:
                thread.join(0.05)


def _required_columns(model: type[models.Model]) -> set[str]:
    """Concrete fields the database needs a value for: NOT NULL without a database default.
    (Django's Python-side defaults and auto_now do nothing for raw SQL.)"""
    required = set()
    for field in model._meta.concrete_fields:
        if field.null or field.primary_key:
            continue
        if getattr(field, "db_default", NOT_PROVIDED) is not NOT_PROVIDED:
            continue
        required.add(field.name)
    return required


def columns_for(model: type[models.Model], names: Sequence[str]) -> list[str]:
    """Database column names for these field names (attnames such as owner_id work too),
    after checking every required column is among them."""
    meta = model._meta
    by_name = {}
    for field in meta.concrete_fields:
        by_name[field.name] = field
        by_name[field.attname] = field
    unknown = [n for n in names if n not in by_name]
    if unknown:
        raise ValueError(f"{meta.label} has no field(s) {', '.join(unknown)}")
    given = {by_name[n].name for n in names}
    missing = _required_columns(model) - given - {meta.pk.name}
    if missing:
        raise ValueError(
            f"{meta.label}: required column(s) not written: {', '.join(sorted(missing))}"
        )
    return [by_name[n].column for n in names]


class BulkWriter:
    """Writes rows (tuples in the order of `names`) into a model's table, fast."""

    def __init__(self, using_connection=None) -> None:
        self.connection = using_connection or connection
        self.vendor = self.connection.vendor
        self.ts = Timestamps(self.vendor)
        self.results: list[TableResult] = []

    def write(
        self,
        model: type[models.Model],
        names: Sequence[str],
        rows: Iterable[tuple],
        label: str | None = None,
    ) -> TableResult:
        """Insert every row in one transaction and record rows, seconds and rate."""
        columns = columns_for(model, names)
        table = model._meta.db_table
        quote = self.connection.ops.quote_name
        started = time.perf_counter()
        with transaction.atomic(using=self.connection.alias):
            replica = self._triggers_off()
            suspended = self._indexes_drop(table)
            if self.vendor == "postgresql":
                count = self._copy(table, columns, rows, quote)
            else:
                count = self._executemany(table, columns, rows, quote)
            indexing = time.perf_counter()
            self._indexes_create(suspended)
            index_seconds = time.perf_counter() - indexing
            if replica:
                with self.connection.cursor() as cursor:
                    cursor.execute("SET LOCAL session_replication_role = DEFAULT")
        result = TableResult(
            label or model._meta.label, count, time.perf_counter() - started, index_seconds
        )
        self.results.append(result)
        return result

    def _executemany(self, table, columns, rows, quote) -> int:
        placeholders = ", ".join(["%s"] * len(columns))
        # Names come from the models' _meta and are quoted; values are parameters.
        sql = (
            f"INSERT INTO {quote(table)} ({', '.join(quote(c) for c in columns)}) "  # noqa: S608
            f"VALUES ({placeholders})"
        )
        count = 0
        with self.connection.cursor() as cursor:
            # The raw sqlite3 cursor skips Django's per-call SQL rewriting and debug logging.
            raw = getattr(cursor, "cursor", cursor)
            raw_sql = sql.replace("%s", "?") if self.vendor == "sqlite" else sql
            for chunk in _chunks_ahead(rows, SQLITE_CHUNK):
                raw.executemany(raw_sql, chunk)
                count += len(chunk)
        return count

    def _copy(self, table, columns, rows, quote) -> int:
        sql = f"COPY {quote(table)} ({', '.join(quote(c) for c in columns)}) FROM STDIN"
        count = 0
        with self.connection.cursor() as cursor:
            raw = cursor.cursor  # psycopg 3 cursor under Django's wrapper
            with raw.copy(sql) as copy:
                for chunk in _chunks_ahead(rows, COPY_CHUNK):
                    for row in chunk:
                        copy.write_row(row)
                    count += len(chunk)
        return count

    def _triggers_off(self) -> bool:
        """PostgreSQL: skip the per-row foreign-key triggers during COPY when the role may
        (a superuser, as on the benchmark's own cluster): they double the load time, and the
        generator wires every key itself (tests check the keys). Elsewhere a no-op."""
        if self.vendor != "postgresql":
            return False
        try:
            with (
                transaction.atomic(using=self.connection.alias),
                self.connection.cursor() as cursor,
            ):
                cursor.execute("SET LOCAL session_replication_role = replica")
        except DatabaseError:
            return False
        return True

    def _indexes_drop(self, table: str) -> list[str]:
        """Drop the table's plain (non-unique, non-key) indexes for the load and return the
        SQL that recreates them. Building an index once over sorted data is several times
        faster than updating six indexes per inserted row. Unique indexes and those behind
        constraints stay, so the load still cannot break a constraint. Runs inside the
        write's transaction: if the load fails, the drop rolls back with it."""
        with self.connection.cursor() as cursor:
            if self.vendor == "sqlite":
                cursor.execute(
                    "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s "
                    "AND sql IS NOT NULL",
                    [table],
                )
                found = [
                    (name, sql)
                    for name, sql in cursor.fetchall()
                    if not sql.upper().startswith("CREATE UNIQUE")
                ]
            elif self.vendor == "postgresql":
                cursor.execute(
                    "SELECT i.relname, pg_get_indexdef(x.indexrelid) FROM pg_index x "
                    "JOIN pg_class i ON i.oid = x.indexrelid "
                    "JOIN pg_class t ON t.oid = x.indrelid "
                    "WHERE t.relname = %s AND t.relnamespace = 'public'::regnamespace "
                    "AND NOT x.indisunique AND NOT x.indisprimary "
                    "AND NOT EXISTS "
                    "(SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)",
                    [table],
                )
                found = list(cursor.fetchall())
            else:
                return []
            for name, _ in found:
                cursor.execute(f"DROP INDEX {self.connection.ops.quote_name(name)}")
        return [sql for _, sql in found]

    def _indexes_create(self, statements: list[str]) -> None:
        if not statements:
            return
        with self.connection.cursor() as cursor:
            if self.vendor == "postgresql":
                # PostgreSQL will not build an index while deferred foreign-key checks are
                # pending on the table: run them now, then defer again (Django's default).
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                # Sort ten million keys in memory rather than in temporary files.
                cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
            for sql in statements:
                cursor.execute(sql)
            if self.vendor == "postgresql":
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")

    def fast_load_begin(self) -> dict[str, object]:
        """Relax SQLite for the load: no fsync (a crash mid-load only loses generated data),
        a 200 MB page cache, and no per-row foreign-key lookups (the generator wires every
        key itself; tests check them). Returns the settings to put back. Only outside an
        atomic block: these pragmas cannot change inside a transaction."""
        if self.vendor != "sqlite" or self.connection.in_atomic_block:
            return {}
        saved = {}
        with self.connection.cursor() as cursor:
            for pragma, value in (
                ("synchronous", 0),
                ("cache_size", -200_000),
                ("foreign_keys", 0),
            ):
                cursor.execute(f"PRAGMA {pragma}")
                saved[pragma] = cursor.fetchone()[0]
                cursor.execute(f"PRAGMA {pragma} = {value}")
        return saved

    def fast_load_end(self, saved: dict[str, object]) -> None:
        if not saved:
            return
        with self.connection.cursor() as cursor:
            for pragma, value in saved.items():
                cursor.execute(f"PRAGMA {pragma} = {int(value)}")

    def analyze(self) -> None:
        """Fresh statistics so the planner knows the tables are now large. On PostgreSQL also
        VACUUM, as autovacuum would soon after a bulk load in a live database: it marks the
        pages all-visible, without which no index-only scan is possible (the triage counts)."""
        vacuum = self.connection.vendor == "postgresql" and not self.connection.in_atomic_block
        with self.connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")
