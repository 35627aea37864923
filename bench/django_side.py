"""The benchmark's work inside Django, run by bench/run.py in a subprocess with the benchmark's
settings and database (DJANGO_SETTINGS_MODULE, DATABASE_URL in the environment).

    python bench/django_side.py fixtures LOGINS_JSON       # what the load will ask for
    python bench/django_side.py audit LOGINS_JSON [CALLS]  # the cost of one read-audit event
    python bench/django_side.py profile LOGINS_JSON        # each page in-process: time, SQL

LOGINS_JSON is {"councillors": [emails], "support": [emails]}.

Both print one JSON document on stdout.
"""

from __future__ import annotations

import json
import random
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CASES_PER_COUNCILLOR = 200
WORDS_PER_COUNCILLOR = 25
WORD = re.compile(r"[A-Za-z]{4,}")
# Words too common to make a realistic search.
STOP_WORDS = {"with", "from", "about", "outside", "near", "their", "there", "this", "that", "have"}


def setup() -> None:
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()


def common_words(texts: list[str], limit: int) -> list[str]:
    counts = Counter(
        word.lower()
        for text in texts
        for word in WORD.findall(text)
        if word.lower() not in STOP_WORDS
    )
    return [word for word, _ in counts.most_common(limit)]


def fixtures(logins: dict[str, Any]) -> dict[str, Any]:
    """For each benchmark councillor: a sample of their cases' references, words from their
    cases' titles and constituents' names; for everyone: wards, categories, service areas and
    words from the officer directory."""
    from councillor_hub.accounts.models import User, Ward
    from councillor_hub.casework.models import Case, Constituent
    from councillor_hub.core.models import ServiceArea
    from councillor_hub.directory.models import Officer

    rng = random.Random(2026)
    councillors: dict[str, Any] = {}
    missing: list[str] = []
    for email in logins["councillors"]:
        user = User.objects.filter(email=email).first()
        if user is None:
            missing.append(email)
            continue
        references = list(
            Case.unrestricted.filter(owner=user).values_list("reference", flat=True)[:5000]
        )
        titles = list(Case.unrestricted.filter(owner=user).values_list("title", flat=True)[:2000])
        surnames = list(
            Constituent.unrestricted.filter(owner=user)
            .values_list("last_name", flat=True)
            .distinct()[:200]
        )
        profile = getattr(user, "councillor_profile", None)
        councillors[email] = {
            "cases": rng.sample(references, min(CASES_PER_COUNCILLOR, len(references))),
            "case_count": Case.unrestricted.filter(owner=user).count(),
            "words": common_words(titles, WORDS_PER_COUNCILLOR),
            "names": rng.sample(surnames, min(10, len(surnames))),
            "ward": profile.ward_id if profile else None,
        }
    for email in logins["support"]:
        if not User.objects.filter(email=email).exists():
            missing.append(email)
    officers = list(Officer.objects.values_list("full_name", "job_title")[:3000])
    return {
        "councillors": councillors,
        "missing_logins": missing,
        "wards": list(Ward.objects.order_by("pk").values_list("pk", flat=True)),
        "categories": list(
            ServiceArea.objects.filter(is_active=True).values_list("slug", flat=True)
        ),
        "service_areas": list(
            ServiceArea.objects.filter(is_active=True).values_list("pk", flat=True)
        ),
        "directory_words": common_words([f"{n} {t}" for n, t in officers], 40)
        + rng.sample([n.split()[-1] for n, _ in officers], min(20, len(officers))),
        "row_counts": {
            "cases": Case.unrestricted.count(),
            "constituents": Constituent.unrestricted.count(),
            "users": User.objects.count(),
        },
    }


def audit_cost(calls: int, logins: dict[str, Any]) -> dict[str, Any]:
    """Time `calls` read-audit events as the case page records them (casework's audit_case,
    which is audit/services.py audit_record with the case's reference and owner), each in its own
    autocommit transaction as in a request, then delete what was written."""
    from councillor_hub.accounts.models import User
    from councillor_hub.audit.models import Action, AuditEvent
    from councillor_hub.casework.models import Case
    from councillor_hub.casework.services.case_audit import audit_case

    user = User.objects.filter(email__in=logins["councillors"]).order_by("email").first()
    if user is None:
        return {"error": "no benchmark councillor in the database"}
    case = Case.unrestricted.select_related("owner").filter(owner=user).first()
    if case is None:
        return {"error": f"{user.email} has no cases"}
    first_id = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    for _ in range(min(100, calls)):  # warm-up: connection, statement caches
        audit_case(actor=user, action=Action.VIEW, case=case)
    times: list[float] = []
    for _ in range(calls):
        start = time.perf_counter()
        audit_case(actor=user, action=Action.VIEW, case=case)
        times.append((time.perf_counter() - start) * 1000)
    deleted, _ = AuditEvent.objects.filter(
        pk__gt=first_id, actor=user, object_label=case.reference, action=Action.VIEW
    ).delete()
    times.sort()
    return {
        "calls": calls,
        "p50_ms": round(statistics.median(times), 3),
        "p95_ms": round(times[int(len(times) * 0.95) - 1], 3),
        "p99_ms": round(times[int(len(times) * 0.99) - 1], 3),
        "mean_ms": round(statistics.fmean(times), 3),
        "audit_rows": AuditEvent.objects.count(),
        "cleaned_up": deleted,
    }


def profile(logins: dict[str, Any], repeat: int = 5) -> dict[str, Any]:
    """Each page requested in-process (Django's test client, no HTTP, no load) `repeat` times
    (at least twice, fewer when a page is slow): the median time, how much of it is SQL, the
    number of queries and the slowest ones. Shows where a slow page spends its time (SQL, or
    Python and templates)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from councillor_hub.accounts.models import User
    from councillor_hub.casework.models import Case

    councillor = User.objects.filter(email__in=logins["councillors"]).order_by("email").first()
    support = User.objects.filter(email__in=logins["support"]).order_by("email").first()
    if councillor is None or support is None:
        return {"error": "the benchmark logins are not in the database"}
    reference = (
        Case.unrestricted.filter(owner=councillor).values_list("reference", flat=True).first()
    )
    words = fixtures({"councillors": [councillor.email], "support": []})
    word = (words["councillors"][councillor.email]["words"] or ["road"])[0]
    pages = {
        "case_list": (councillor, "/casework/cases/"),
        "case_list_filtered": (councillor, "/casework/cases/?status=open&sort=updated&page=2"),
        "case_search": (councillor, f"/casework/cases/?q={word}"),
        "case_page": (councillor, f"/casework/cases/{reference}/"),
        "triage_queue": (support, "/enquiries/team/queue/"),
        "performance": (support, "/enquiries/reports/performance/"),
        "directory_search": (councillor, "/directory/?q=highways"),
        "hub_search": (councillor, "/search/?q=planning"),
    }
    result: dict[str, Any] = {}
    for name, (user, path) in pages.items():
        client = Client()
        client.force_login(user)
        runs = []
        started = time.perf_counter()
        while len(runs) < repeat and (len(runs) < 2 or time.perf_counter() - started < 10):
            with CaptureQueriesContext(connection) as queries:
                start = time.perf_counter()
                response = client.get(path, HTTP_HOST="127.0.0.1")
                elapsed = (time.perf_counter() - start) * 1000
            sql = sorted(queries.captured_queries, key=lambda q: -float(q["time"]))
            runs.append((elapsed, response.status_code, sql))
        runs.sort(key=lambda r: r[0])
        elapsed, status, sql = runs[len(runs) // 2]
        result[name] = {
            "path": path,
            "status": status,
            "ms": round(elapsed, 1),
            "sql_ms": round(sum(float(q["time"]) for q in sql) * 1000, 1),
            "queries": len(sql),
            "slowest_sql": [
                {"ms": round(float(q["time"]) * 1000, 1), "sql": q["sql"][:600]} for q in sql[:3]
            ],
        }
    return result


def main(argv: list[str]) -> int:
    if len(argv) < 3 or argv[1] not in {"fixtures", "audit", "profile"}:
        print(__doc__, file=sys.stderr)
        return 2
    setup()
    logins = json.loads(argv[2])
    if argv[1] == "fixtures":
        result = fixtures(logins)
    elif argv[1] == "profile":
        result = profile(logins)
    else:
        result = audit_cost(int(argv[3]) if len(argv) > 3 else 2000, logins)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
