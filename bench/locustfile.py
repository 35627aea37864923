"""Locust load for bench/run.py. Not meant to be run by hand: run.py starts it headless with

    BENCH_PLAN      a JSON file: signed-in sessions (cookies) and what to ask for (fixtures)
    BENCH_SCENARIO  one of SCENARIOS below
    BENCH_OUT       where to write the figures (JSON) when the run ends

Every virtual user is one signed-in person (a councillor or a member support officer) whose
session cookie was made by run.py (each person signs in once: see run.py). Users wait for nothing
between requests (a closed loop), so throughput is what the server manages and latency includes
any queueing once there are more users than gunicorn workers.
"""

from __future__ import annotations

import itertools
import json
import os
import random
from pathlib import Path
from typing import Any

from bench_forms import form_template
from locust import FastHttpUser, constant, events
from requests.cookies import create_cookie

PLAN: dict[str, Any] = json.loads(Path(os.environ["BENCH_PLAN"]).read_text())
SCENARIO = os.environ["BENCH_SCENARIO"]
OUT = Path(os.environ["BENCH_OUT"])
FIXTURES: dict[str, Any] = PLAN["fixtures"]

STATUSES = ["open", "awaiting_council", "awaiting_constituent", "awaiting_third_party", "closed"]
SORTS = ["newest", "oldest", "follow_up", "reference", "updated", "priority"]
PAGE_NUMBERS = [1, 1, 1, 1, 2, 2, 3, 5, 10]
TRIAGE_TABS = ["new", "new", "awaiting", "ready", "open", "overdue"]
SETUP = "setup: "  # requests named like this are left out of the figures

# Reads and writes each scenario runs, with their weights, per kind of user.
READS = {
    "councillor": {
        "case_list": 25,
        "case_search": 15,
        "case_page": 25,
        "directory_search": 8,
        "hub_search": 7,
    },
    "support": {"triage_queue": 12, "performance": 4, "directory_search": 2, "hub_search": 2},
}
WRITES = {"write_timeline_note": 8, "write_case_create": 2, "write_enquiry_raise": 2}
SCENARIOS: dict[str, dict[str, dict[str, int]]] = {
    "case_list": {"councillor": {"case_list": 1}},
    "case_search": {"councillor": {"case_search": 1}},
    "case_page": {"councillor": {"case_page": 1}},
    "triage_queue": {"support": {"triage_queue": 1}},
    "performance": {"support": {"performance": 1}},
    "directory_search": {"councillor": {"directory_search": 1}},
    "hub_search": {"councillor": {"hub_search": 1}},
    "mixed": {"councillor": READS["councillor"] | WRITES, "support": READS["support"]},
    "writers": {"councillor": WRITES},
}


# Users ---------------------------------------------------------------------------------------


class BenchUser(FastHttpUser):
    """One signed-in person. Subclasses say which sessions they take and what they do."""

    abstract = True
    wait_time = constant(0)
    role = ""
    counter = itertools.count()

    def on_start(self) -> None:
        sessions = [s for s in PLAN["sessions"] if s["role"] == self.role]
        self.session = sessions[next(type(self).counter) % len(sessions)]
        self.fixtures = FIXTURES["councillors"].get(self.session["email"], {})
        for name, value in self.session["cookies"].items():
            self.client.cookiejar.set_cookie(
                create_cookie(name, value, domain=PLAN["host"], path="/")
            )
        self.templates: dict[str, dict[str, Any]] = dict(self.session.get("forms", {}))
        self.rng = random.Random()

    # Requests ---------------------------------------------------------------------------------

    def read(self, name: str, path: str, params: dict[str, Any] | list | None = None) -> None:
        """GET a page: anything but a 200 (a redirect to sign-in included) is a failure."""
        query = "?" + urlencode(params) if params else ""
        with self.client.get(
            path + query, name=name, allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != 200:
                # The address is in the message, so the failures list which requests failed.
                response.failure(f"HTTP {response.status_code} {path}{query}")

    def write(self, name: str, path: str, data: dict[str, Any]) -> None:
        """POST a form: a redirect (to the new record) is success; a 200 means the form came
        back with errors."""
        with self.client.post(
            path,
            data=urlencode(data),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
            name=name,
            allow_redirects=False,
            catch_response=True,
        ) as response:
            location = response.headers.get("location", "") if response.headers else ""
            if response.status_code != 302 or "sign-in" in location:
                text = response.text or ""
                error = "form errors" if response.status_code == 200 else ""
                if "database is locked" in text:
                    error = "database is locked"
                response.failure(f"HTTP {response.status_code} {error}".strip())

    def template(self, key: str, path: str, first_choice: tuple[str, ...] = ()) -> dict[str, Any]:
        """The form on `path`: as run.py read it, or else read once per user (not counted in
        the figures); reused for every write."""
        if key not in self.templates:
            response = self.client.get(path, name=SETUP + key, allow_redirects=False)
            self.templates[key] = form_template(response.text or "", first_choice)
        return self.templates[key]

    # Pages ------------------------------------------------------------------------------------

    def case_list(self) -> None:
        params: list[tuple[str, Any]] = []
        for status in self.rng.sample(STATUSES, self.rng.choice([0, 0, 1, 1, 2])):
            params.append(("status", status))
        if self.rng.random() < 0.4 and FIXTURES["categories"]:
            params.append(("category", self.rng.choice(FIXTURES["categories"])))
        if self.rng.random() < 0.3:
            ward = self.fixtures.get("ward") or self.rng.choice(FIXTURES["wards"] or [""])
            params.append(("ward", ward))
        if self.rng.random() < 0.1:
            params.append(("follow_up", self.rng.choice(["due", "overdue", "week"])))
        params.append(("sort", self.rng.choice(SORTS)))
        params.append(("page", self.rng.choice(PAGE_NUMBERS)))
        self.read("case_list", "/casework/cases/", params)

    def case_search(self) -> None:
        words = self.fixtures.get("words") or ["road"]
        names = self.fixtures.get("names") or []
        pool = words + names
        q = " ".join(self.rng.sample(pool, min(len(pool), self.rng.choice([1, 1, 2]))))
        params: list[tuple[str, Any]] = [("q", q)]
        if self.rng.random() < 0.3:
            params.append(("status", self.rng.choice(STATUSES)))
        if self.rng.random() < 0.2:
            params.append(("page", 2))
        self.read("case_search", "/casework/cases/", params)

    def case_page(self) -> None:
        reference = self.rng.choice(self.fixtures["cases"])
        self.read("case_page", f"/casework/cases/{reference}/")

    def triage_queue(self) -> None:
        params = {"tab": self.rng.choice(TRIAGE_TABS), "page": self.rng.choice([1, 1, 1, 2, 3])}
        self.read("triage_queue", "/enquiries/team/queue/", params)

    def performance(self) -> None:
        params: dict[str, Any] = {}
        choice = self.rng.random()
        if choice < 0.3:
            params["date_from"] = "2026-01-01"
        elif choice < 0.5:
            params["date_from"], params["date_to"] = "2026-04-01", "2026-06-30"
        if self.rng.random() < 0.3 and FIXTURES["service_areas"]:
            params["service_area"] = self.rng.choice(FIXTURES["service_areas"])
        if self.rng.random() < 0.2 and FIXTURES["wards"]:
            params["ward"] = self.rng.choice(FIXTURES["wards"])
        self.read("performance", "/enquiries/reports/performance/", params)

    def directory_search(self) -> None:
        words = FIXTURES["directory_words"] or ["highways"]
        self.read("directory_search", "/directory/", {"q": self.rng.choice(words)})

    def hub_search(self) -> None:
        words = FIXTURES["directory_words"] + ["planning", "council tax", "waste"]
        self.read("hub_search", "/search/", {"q": self.rng.choice(words)})

    # Writes -----------------------------------------------------------------------------------

    def write_timeline_note(self) -> None:
        reference = self.rng.choice(self.fixtures["cases"])
        path = f"/casework/cases/{reference}/timeline/add/"
        data = self.template("timeline_form", path)
        data = data | {"kind": "note", "body": f"Benchmark note {self.rng.randrange(10**9)}"}
        self.write("write_timeline_note", path, data)

    def write_case_create(self) -> None:
        path = "/casework/cases/new/"
        data = self.template("case_form", path, ("category", "channel", "priority", "lawful_basis"))
        data = data | {"title": f"Benchmark case {self.rng.randrange(10**9)}"}
        self.write("write_case_create", path, data)

    def write_enquiry_raise(self) -> None:
        path = "/enquiries/new/"
        data = self.template("enquiry_form", path, ("service_area", "suggested_urgency", "member"))
        n = self.rng.randrange(10**9)
        data = data | {
            "subject": f"Benchmark enquiry {n}",
            "description": f"Benchmark enquiry {n}: please look into this.",
        }
        self.write("write_enquiry_raise", path, data)


def urlencode(params: dict[str, Any] | list[tuple[str, Any]]) -> str:
    from urllib.parse import urlencode as encode

    return encode(params, doseq=True)


def make_user_class(role: str, actions: dict[str, int], count: int | None) -> type[BenchUser]:
    """A user class for `role` doing `actions` (method name: weight)."""
    tasks = {getattr(BenchUser, action): weight for action, weight in actions.items()}
    attrs: dict[str, Any] = {
        "abstract": False,
        "role": role,
        "tasks": tasks,
        "counter": itertools.count(),
    }
    if count is not None:
        attrs["fixed_count"] = count
    return type(f"{role.title()}User", (BenchUser,), attrs)


_roles = SCENARIOS[SCENARIO]
if len(_roles) == 1:
    _role, _actions = next(iter(_roles.items()))
    globals()[f"{_role.title()}User"] = make_user_class(_role, _actions, None)
else:  # the mixed run: a quarter of the users are member support officers
    _support = max(1, int(PLAN["users"]) // 4)
    CouncillorUser = make_user_class(
        "councillor", _roles["councillor"], int(PLAN["users"]) - _support
    )
    SupportUser = make_user_class("support", _roles["support"], _support)


# Figures -------------------------------------------------------------------------------------


def figures(entry) -> dict[str, Any]:
    return {
        "requests": entry.num_requests,
        "failures": entry.num_failures,
        "p50_ms": entry.get_response_time_percentile(0.5),
        "p95_ms": entry.get_response_time_percentile(0.95),
        "p99_ms": entry.get_response_time_percentile(0.99),
        "avg_ms": round(entry.avg_response_time, 1),
        "max_ms": round(entry.max_response_time or 0, 1),
        "rps": round(entry.total_rps, 1),
    }


@events.quitting.add_listener
def write_figures(environment, **_kwargs) -> None:
    stats = environment.stats
    pages = {
        name: figures(entry)
        for (name, _method), entry in sorted(stats.entries.items())
        if not name.startswith(SETUP)
    }
    setup_failures = sum(
        entry.num_failures for (name, _m), entry in stats.entries.items() if name.startswith(SETUP)
    )
    total = {
        "requests": sum(p["requests"] for p in pages.values()),
        "failures": sum(p["failures"] for p in pages.values()),
    }
    total |= {k: v for k, v in figures(stats.total).items() if k not in total}
    OUT.write_text(
        json.dumps(
            {
                "pages": pages,
                "total": total,
                "setup_failures": setup_failures,
                "errors": [
                    {
                        "name": e.name,
                        "method": e.method,
                        "error": str(e.error),
                        "count": e.occurrences,
                    }
                    for e in stats.errors.values()
                ],
            },
            indent=1,
        )
    )
