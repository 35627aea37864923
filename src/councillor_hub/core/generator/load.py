"""Load a generated council into the database: checks, reference rows, bulk writes, then
sequences, statistics, reference counters and the search index."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management.color import no_style
from django.db import connection, transaction

from councillor_hub.accounts.models import PoliticalGroup, User
from councillor_hub.casework.models import Case, ReferenceSequence
from councillor_hub.core.models import ServiceArea
from councillor_hub.core.working_days import add_working_days, working_days_between
from councillor_hub.enquiries.models import EnquiryCategory, ServiceLevel

from . import build
from .sizes import Sizes
from .writer import BulkWriter, TableResult


class NotEmpty(Exception):
    """The database already holds data the generator would mix with."""


@dataclass
class LoadResult:
    tables: list[TableResult]
    seconds: float
    extra_seconds: dict[str, float]

    @property
    def rows(self) -> int:
        return sum(t.rows for t in self.tables)


def database_check(*, force: bool) -> None:
    """Refuse to write into a database that already holds cases or users (unless forced),
    and always refuse a second generated council (its emails would collide)."""
    if User.objects.filter(email__endswith=f"@{build.EMAIL_DOMAIN}").exists():
        raise NotEmpty(
            f"This database already holds a generated council (users @{build.EMAIL_DOMAIN}). "
            "Generate into a fresh, migrated database."
        )
    if force:
        return
    cases = Case.unrestricted.count()
    users = User.objects.count()
    if cases or users:
        raise NotEmpty(
            f"This database is not empty ({cases} cases, {users} users). Generate into a "
            "fresh, migrated database, or pass --force to add the generated council to it."
        )


def _next_ids() -> dict[str, int]:
    """Where new primary keys start per table (by model label, through tables included): 1 on
    an empty database (so runs are identical), after the highest existing id otherwise
    (--force)."""
    from django.db.models import Max

    result = {}
    for model in _written_models():
        manager = getattr(model, "unrestricted", None) or model._base_manager
        result[model._meta.label] = (manager.aggregate(m=Max("pk"))["m"] or 0) + 1
    return result


def _enquiry_categories(areas: list[build.AreaRef]) -> dict[int, list[int]]:
    """The active enquiry categories already filed under each service area (the generator
    adds a handful for areas without any)."""
    result: dict[int, list[int]] = {}
    rows = EnquiryCategory.objects.filter(
        is_active=True, service_area_id__in=[a.id for a in areas]
    ).order_by("service_area_id", "pk")
    for area_id, category_id in rows.values_list("service_area_id", "pk"):
        result.setdefault(area_id, []).append(category_id)
    return result


def _groups() -> list[int]:
    """The fictional political groups (a handful of rows, so the ORM is fine here)."""
    ids = []
    for name, short, _ in build.GROUPS:
        group, _ = PoliticalGroup.objects.get_or_create(name=name, defaults={"short_name": short})
        ids.append(group.pk)
    return ids


def plan_make(*, sizes: Sizes, seed: int, as_of: date, password: str, vendor: str) -> build.Plan:
    """A Plan from the database's reference rows (service areas, service levels)."""
    from .writer import Timestamps

    areas = [
        build.AreaRef(a.pk, a.slug, a.name)
        for a in ServiceArea.objects.filter(is_active=True).order_by("sort_order", "pk")
    ]
    if not areas:
        raise NotEmpty("No service areas: run the migrations first (they seed them).")
    levels = {
        level.urgency: (level.working_days, level.clock_hours)
        for level in ServiceLevel.objects.filter(category__isnull=True)
    }
    sequences = {
        (s.prefix, s.year): s.last_number
        for s in ReferenceSequence.objects.filter(prefix__in=["CW", "ENQ"])
    }
    return build.Plan(
        sizes=sizes,
        seed=seed,
        as_of=as_of,
        areas=areas,
        group_ids=_groups(),
        # Hashed ONCE: every generated user shares this hash.
        password_hash=make_password(password),
        ts=Timestamps(vendor),
        service_levels=levels,
        follow_up_working_days=settings.ENQUIRY_FOLLOW_UP_WORKING_DAYS,
        add_working_days=add_working_days,
        working_days_between=working_days_between,
        start_ids=_next_ids(),
        reference_start=sequences,
        enquiry_categories=_enquiry_categories(areas),
    )


def _sequences_save(summary: dict) -> None:
    """Set the reference counters so cases and enquiries created after the load get fresh
    references."""
    for prefix, years in summary.items():
        for year, last in years.items():
            sequence, _ = ReferenceSequence.objects.get_or_create(prefix=prefix, year=year)
            if sequence.last_number < last:
                sequence.last_number = last
                sequence.save(update_fields=["last_number"])


def council_generate(
    *,
    sizes: Sizes,
    seed: int,
    as_of: date,
    password: str = build.PASSWORD_DEFAULT,
    force: bool = False,
    reindex: bool = True,
    progress: Callable[[TableResult], None] | None = None,
) -> LoadResult:
    """Generate and write the whole council. Raises NotEmpty when the database is not
    fit for it (nothing is written then)."""
    database_check(force=force)
    started = time.perf_counter()
    writer = BulkWriter(connection)
    plan = plan_make(
        sizes=sizes, seed=seed, as_of=as_of, password=password, vendor=connection.vendor
    )
    saved = writer.fast_load_begin()
    summary: dict = {}
    extra: dict[str, float] = {}
    try:
        for table in build.tables(plan, summary):
            result = writer.write(table.model, table.names, table.rows, label=table.label)
            if progress:
                progress(result)
        moment = time.perf_counter()
        _sequences_save(summary)
        if connection.vendor == "postgresql":
            models = _written_models()
            with connection.cursor() as cursor:
                for sql in connection.ops.sequence_reset_sql(no_style(), models):
                    cursor.execute(sql)
        writer.analyze()
        extra["sequences and ANALYZE"] = time.perf_counter() - moment
    finally:
        writer.fast_load_end(saved)
    if reindex:
        moment = time.perf_counter()
        from councillor_hub.search.services import reindex_all

        with transaction.atomic():
            reindex_all()
        extra["search index"] = time.perf_counter() - moment
    return LoadResult(writer.results, time.perf_counter() - started, extra)


def _written_models() -> list:
    """Every model (through tables included) the generator writes rows into."""
    from councillor_hub.accounts.models import CouncillorProfile, UserRole, Ward
    from councillor_hub.audit.models import AuditEvent
    from councillor_hub.casework.models import (
        CaseConstituent,
        CaseShare,
        Constituent,
        DelegateGrant,
        Tag,
        TimelineEntry,
    )
    from councillor_hub.directory.models import Officer, OrgUnit
    from councillor_hub.enquiries.models import (
        Enquiry,
        EnquiryAssignment,
        EnquiryEvent,
        EnquiryResponse,
    )

    return [
        Ward,
        User,
        UserRole,
        CouncillorProfile,
        OrgUnit,
        Officer,
        DelegateGrant,
        Tag,
        Constituent,
        Case,
        CaseConstituent,
        Case.tags.through,
        CaseShare,
        TimelineEntry,
        EnquiryCategory,
        Enquiry,
        Enquiry.named_viewers.through,
        EnquiryAssignment,
        EnquiryEvent,
        EnquiryResponse,
        AuditEvent,
    ]
