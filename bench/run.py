#!/usr/bin/env python3
"""The benchmark, in one command (`make bench`; see bench/README.md).

For each database (SQLite and PostgreSQL) it makes a fresh database, migrates it and loads a
large generated council (`manage.py generate_council`), measures what one read-audit event costs,
serves the app with gunicorn (several workers, DEBUG off), signs the benchmark users in over
HTTP and drives load with locust from a separate process, one scenario at a time:

  one page at a time   case list (filters, sort, pages), case list text search, case page,
                       enquiry triage queue, enquiry performance dashboard, directory search,
                       the hub's one search box
  mixed                90% reads across those pages, 10% writes (timeline notes, new cases,
                       new enquiries) - does it reach 200 requests/s with no errors?
  writers              (SQLite only) 50 users doing nothing but writes - any 'database is locked'?

while sampling the memory of every gunicorn worker. It prints the figures per database and page
against the targets of issue 7 and writes them to bench/results.json.

    .venv/bin/python bench/run.py                     # full preset, both databases
    .venv/bin/python bench/run.py --preset small --dbs sqlite --duration 10
    .venv/bin/python bench/run.py --reuse --only mixed,writers
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import http.cookiejar
import json
import os
import platform
import re
import resource
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from bench_forms import form_template

ROOT = Path(__file__).resolve().parents[1]
BIN = ROOT / ".venv" / "bin"
PYTHON = str(BIN / "python") if (BIN / "python").exists() else sys.executable
WORK = ROOT / "var" / "bench"
RESULTS = ROOT / "bench" / "results.json"
SETTINGS = "councillor_hub.config.settings.bench"
GENERATOR = ROOT / "src" / "councillor_hub" / "core" / "management" / "commands"


# Who the load runs as ---------------------------------------------------------------------------


@dataclass(frozen=True)
class LoginSet:
    name: str
    councillors: tuple[str, ...]
    support: tuple[str, ...]
    password: str


# `manage.py generate_council` makes councillor1@bench.test..., support1@bench.test...
GENERATED_LOGINS = LoginSet(
    name="generated",
    councillors=tuple(f"councillor{n}@bench.test" for n in range(1, 13)),
    support=tuple(f"support{n}@bench.test" for n in range(1, 4)),
    password="bench-password-1",  # generate_council's --password
)
# The demo council (`manage.py demo_data`; `manage.py demo_logins` lists them).
DEMO_LOGINS = LoginSet(
    name="demo",
    councillors=(
        "councillor@demo.test",
        "colleague@demo.test",
        "other@demo.test",
        "independent@demo.test",
    ),
    support=("support@demo.test",),
    password="demo-council-2026",
)
# Switch here: None means GENERATED_LOGINS when generate_council exists, else DEMO_LOGINS.
LOGINS: LoginSet | None = None


# What is measured, and what it must reach (issue 7) ----------------------------------------------

PAGES = [
    "case_list",
    "case_search",
    "case_page",
    "triage_queue",
    "performance",
    "directory_search",
    "hub_search",
]
SCENARIOS = [*PAGES, "mixed", "writers"]
TARGETS = {
    "page_p95_ms": 100,  # every page, alone
    "mixed_rps": 200,  # the mixed run, with no errors
    "audit_ms": 5,  # one read-audit event (p95)
    "worker_mb": 250,  # peak RSS of any gunicorn worker
    "generator_rows_per_s": 50_000,  # SQLite
}
# Warm-up requests per page before the scenarios (first requests import code, fill caches).
WARM_UP = 2
WARM_UP_LIMIT_S = 10  # per page


def log(message: str = "") -> None:
    print(message, flush=True)


# Processes and ports ----------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run(cmd: list[str], *, env: dict[str, str] | None = None, output: Path | None = None) -> str:
    """Run a command, stream its output (indented) and keep it in `output`; fail loudly."""
    log(f"  $ {' '.join(str(c) for c in cmd)}")
    lines: list[str] = []
    with subprocess.Popen(
        [str(c) for c in cmd],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    ) as proc:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.append(line)
            log(f"    | {line.rstrip()}")
    text = "".join(lines)
    if output:
        output.write_text(text)
    if proc.returncode:
        raise SystemExit(f"Failed ({proc.returncode}): {' '.join(str(c) for c in cmd)}")
    return text


def generator_present() -> bool:
    return (GENERATOR / "generate_council.py").exists()


# Databases --------------------------------------------------------------------------------------


@contextlib.contextmanager
def sqlite_database(preset: str, reuse: bool) -> Iterator[str]:
    path = WORK / f"sqlite-{preset}.sqlite3"
    if reuse:
        if not path.exists():
            raise SystemExit(f"--reuse: there is no {path} yet; run once without --reuse")
    else:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    yield f"sqlite:///{path}"


def postgres_bin() -> Path:
    found = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"),
        key=lambda p: [int(x) for x in re.findall(r"\d+", p.parent.parent.name)],
    )
    if not found:
        raise SystemExit(
            "PostgreSQL is not installed (`make bench` installs it), or use --dbs sqlite"
        )
    return found[-1].parent


@contextlib.contextmanager
def postgres_database(preset: str, reuse: bool, keep: bool, settings: list[str]) -> Iterator[str]:
    """A throwaway cluster of our own (like scripts/with_postgres.sh) under var/bench/, on a
    free loopback port; stopped at the end whatever happens, and removed unless kept."""
    pg = postgres_bin()
    home = WORK / f"postgres-{preset}"
    data = home / "data"
    run_as = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    if reuse and not data.exists():
        raise SystemExit(f"--reuse: there is no kept cluster in {home}; run once with --keep")
    if not reuse:
        shutil.rmtree(home, ignore_errors=True)
        home.mkdir(parents=True)
        if run_as:
            shutil.chown(home, "postgres")
        run([*run_as, pg / "initdb", "-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8"])
    port = free_port()
    options = f"-p {port} -k {home} -c listen_addresses=127.0.0.1"
    options += "".join(f" -c {setting}" for setting in settings)
    run(
        [
            *run_as,
            pg / "pg_ctl",
            "-D",
            data,
            "-l",
            home / "server.log",
            "-w",
            "-o",
            options,
            "start",
        ]
    )
    try:
        if not reuse:
            run(
                [pg / "createdb", "-h", "127.0.0.1", "-p", port, "-U", "postgres", "councillor_hub"]
            )
        yield f"postgres://postgres@127.0.0.1:{port}/councillor_hub"
    finally:
        subprocess.run(
            [*run_as, str(pg / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"],
            capture_output=True,
        )
        if not keep:
            shutil.rmtree(home, ignore_errors=True)


def django_env(database_url: str, secret_key: str) -> dict[str, str]:
    # Figures the app keeps for a few minutes (the performance report) are per database, and
    # start empty, so each run counts its own.
    kind = "sqlite" if database_url.startswith("sqlite") else "postgres"
    cache_dir = WORK / f"cache-{kind}"
    shutil.rmtree(cache_dir, ignore_errors=True)
    return os.environ | {
        "COUNCILLOR_HUB_CACHE_DIR": str(cache_dir),
        "DJANGO_SETTINGS_MODULE": SETTINGS,
        "DJANGO_SECRET_KEY": secret_key,
        "DATABASE_URL": database_url,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "COUNCILLOR_HUB_STATIC_ROOT": str(WORK / "static"),
        "COUNCILLOR_HUB_MEDIA_ROOT": str(WORK / "media"),
    }


# The generator ----------------------------------------------------------------------------------

NUMBER = r"([\d][\d,_]*(?:\.\d+)?)"


def number(text: str) -> float:
    return float(text.replace(",", "").replace("_", ""))


GENERATOR_TABLE = re.compile(
    r"^\s*(?P<name>[a-z][a-z ]+?)\s+"
    + NUMBER
    + r"\s+rows\s+"
    + NUMBER
    + r"\s*s\s+"
    + NUMBER
    + r"\s*rows/s",
    re.MULTILINE,
)
GENERATOR_TOTAL = re.compile(NUMBER + r"\s+rows in\s+" + NUMBER + r"\s*s\s*\(" + NUMBER)


def parse_generator(output: str, wall_s: float) -> dict[str, Any]:
    """What generate_council says about itself ("cases  100,000 rows  4.4 s  22,931 rows/s"
    per table, then "1,984,132 rows in 65.9 s (30,104 rows/s)"), plus our own wall time."""
    figures: dict[str, Any] = {"wall_s": round(wall_s, 1)}
    tables = {
        m["name"].strip(): {
            "rows": int(number(m[2])),
            "s": number(m[3]),
            "rows_per_s": int(number(m[4])),
        }
        for m in GENERATOR_TABLE.finditer(output)
    }
    if tables:
        figures["tables"] = tables
    total = GENERATOR_TOTAL.search(output)
    if total:
        figures["rows"] = int(number(total[1]))
        figures["generator_s"] = number(total[2])
        figures["rows_per_s"] = int(number(total[3]))
    else:
        figures["output_tail"] = output.splitlines()[-20:]
    return figures


def load_data(env: dict[str, str], db: str, args: argparse.Namespace, logins: LoginSet) -> dict:
    run([PYTHON, "manage.py", "migrate", "--noinput", "-v", "0"], env=env)
    if generator_present():
        cmd = [PYTHON, "manage.py", "generate_council", "--preset", args.preset]
        cmd += ["--seed", str(args.seed), "--password", logins.password]
    else:
        log("  generate_council is not there yet: loading the demo council instead")
        cmd = [PYTHON, "manage.py", "demo_data", "--reset", "--seed", str(args.seed)]
    start = time.perf_counter()
    output = run(cmd, env=env, output=WORK / f"{db}-generate.log")
    figures = parse_generator(output, time.perf_counter() - start)
    figures["command"] = " ".join(cmd[1:])
    return figures


def django_side(env: dict[str, str], *args: str) -> dict[str, Any]:
    done = subprocess.run(
        [PYTHON, str(ROOT / "bench" / "django_side.py"), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode:
        raise SystemExit(f"bench/django_side.py {args[0]} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# The server -------------------------------------------------------------------------------------


class MemorySampler:
    """Samples the RSS of the gunicorn master and each worker every quarter second; `window()`
    gives the peaks (and server CPU seconds) over the block it wraps."""

    def __init__(self, master_pid: int) -> None:
        import psutil

        self.psutil = psutil
        self.master = psutil.Process(master_pid)
        self.lock = threading.Lock()
        self.peaks: dict[int, int] = {}
        self.peak_total = 0
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._loop, daemon=True)
        self.thread.start()

    def _processes(self) -> list[Any]:
        try:
            return self.master.children()
        except self.psutil.Error:
            return []

    def _loop(self) -> None:
        while not self.stopped.wait(0.25):
            sizes: dict[int, int] = {}
            for worker in self._processes():
                with contextlib.suppress(self.psutil.Error):
                    sizes[worker.pid] = worker.memory_info().rss
            with contextlib.suppress(self.psutil.Error):
                master = self.master.memory_info().rss
                with self.lock:
                    for pid, rss in sizes.items():
                        self.peaks[pid] = max(self.peaks.get(pid, 0), rss)
                    self.peak_total = max(self.peak_total, master + sum(sizes.values()))

    def cpu_seconds(self) -> float:
        total = 0.0
        for proc in [self.master, *self._processes()]:
            with contextlib.suppress(self.psutil.Error):
                times = proc.cpu_times()
                total += times.user + times.system
        return total

    def wait_idle(self, limit_s: float = 120) -> float:
        """Wait (up to `limit_s`) until the server uses under a tenth of a core, so requests
        left over from one scenario do not slow the next. Returns the seconds waited."""
        start = time.monotonic()
        before = self.cpu_seconds()
        while time.monotonic() - start < limit_s:
            time.sleep(1)
            now = self.cpu_seconds()
            if now - before < 0.1:
                break
            before = now
        return round(time.monotonic() - start, 1)

    @contextlib.contextmanager
    def window(self) -> Iterator[dict[str, Any]]:
        figures: dict[str, Any] = {}
        with self.lock:
            self.peaks, self.peak_total = {}, 0
        cpu = self.cpu_seconds()
        yield figures
        with self.lock:
            peaks, total = dict(self.peaks), self.peak_total
        mb = 1024 * 1024
        figures.update(
            {
                "peak_worker_mb": round(max(peaks.values(), default=0) / mb, 1),
                "peak_total_mb": round(total / mb, 1),
                "workers_mb": sorted((round(v / mb, 1) for v in peaks.values()), reverse=True),
                "server_cpu_s": round(self.cpu_seconds() - cpu, 1),
            }
        )

    def stop(self) -> None:
        self.stopped.set()


@dataclass
class Server:
    url: str
    process: subprocess.Popen
    error_log: Path
    sampler: MemorySampler

    def log_since(self, offset: int) -> str:
        with self.error_log.open("rb") as f:
            f.seek(offset)
            return f.read().decode(errors="replace")

    def log_size(self) -> int:
        return self.error_log.stat().st_size


@contextlib.contextmanager
def gunicorn(env: dict[str, str], db: str, args: argparse.Namespace) -> Iterator[Server]:
    port = free_port()
    error_log = WORK / f"{db}-gunicorn.log"
    error_log.write_text("")
    cmd = [
        str(BIN / "gunicorn"),
        "councillor_hub.config.wsgi",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(args.workers),
        "--threads",
        str(args.threads),
        "--timeout",
        "60",
        "--log-level",
        "warning",
        "--error-logfile",
        str(error_log),
        "--capture-output",
    ]
    log(f"  $ {' '.join(cmd)}")
    process = subprocess.Popen(
        cmd,
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    sampler: MemorySampler | None = None
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise SystemExit(f"gunicorn stopped:\n{error_log.read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(url + "/accounts/sign-in/", timeout=5) as response:
                    if response.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            if time.monotonic() > deadline:
                raise SystemExit("gunicorn did not answer within 60 s")
            time.sleep(0.5)
        sampler = MemorySampler(process.pid)
        yield Server(url, process, error_log, sampler)
    finally:
        if sampler:
            sampler.stop()
        with contextlib.suppress(ProcessLookupError):
            process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def collect_static(env: dict[str, str]) -> None:
    """Static files for whitenoise (DEBUG off serves only collected, hashed files)."""
    run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v", "0"], env=env)


# Sessions ---------------------------------------------------------------------------------------

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def sign_in(url: str, email: str, password: str) -> dict[str, str] | None:
    """Sign in as a browser would (GET the form, POST it with its CSRF token) and return the
    session's cookies, or None if the sign-in failed. Each person signs in once per run: the
    sessions are shared by the virtual users, so django-axes never sees repeated sign-ins."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    with opener.open(url + "/accounts/sign-in/", timeout=30) as response:
        match = CSRF_INPUT.search(response.read().decode())
    if not match:
        return None
    data = urllib.parse.urlencode(
        {"username": email, "password": password, "csrfmiddlewaretoken": match.group(1)}
    ).encode()
    with opener.open(url + "/accounts/sign-in/", data=data, timeout=60) as response:
        if "/accounts/sign-in/" in response.url:
            return None
    cookies = {cookie.name: cookie.value or "" for cookie in jar}
    return cookies if "sessionid" in cookies else None


# The forms the writes fill in: (key, path, radio groups and selects to answer with their first
# option). "{case}" is one of the person's cases.
WRITE_FORMS = [
    ("timeline_form", "/casework/cases/{case}/timeline/add/", ()),
    ("case_form", "/casework/cases/new/", ("category", "channel", "priority", "lawful_basis")),
    ("enquiry_form", "/enquiries/new/", ("service_area", "suggested_urgency", "member")),
]


def get_page(url: str, cookies: dict[str, str]) -> str:
    cookie = "; ".join(f"{k}={v}" for k, v in cookies.items())
    request = urllib.request.Request(url, headers={"Cookie": cookie})
    with urllib.request.urlopen(request, timeout=300) as response:
        return response.read().decode()


def write_forms(url: str, cookies: dict[str, str], case: str) -> dict[str, dict[str, Any]]:
    """Each write form's fields as the page offers them (with this session's CSRF token), read
    once here so the load's writes are one POST each."""
    return {
        key: form_template(get_page(url + path.format(case=case), cookies), first_choice)
        for key, path, first_choice in WRITE_FORMS
    }


def sign_in_everyone(
    url: str, logins: LoginSet, fixtures: dict[str, Any], writes: bool
) -> list[dict]:
    sessions = []
    for role, emails in (("councillor", logins.councillors), ("support", logins.support)):
        for email in emails:
            if role == "councillor" and not fixtures["councillors"].get(email, {}).get("cases"):
                continue  # not in this data set, or no cases to open
            cookies = sign_in(url, email, logins.password)
            if cookies is None:
                log(f"  ! could not sign in as {email}")
                continue
            session = {"email": email, "role": role, "cookies": cookies}
            if writes and role == "councillor":
                case = fixtures["councillors"][email]["cases"][0]
                session["forms"] = write_forms(url, cookies, case)
            sessions.append(session)
    for role in ("councillor", "support"):
        if not any(s["role"] == role for s in sessions):
            raise SystemExit(f"No {role} could sign in: check LOGINS at the top of bench/run.py")
    return sessions


def warm_up(url: str, sessions: list[dict], fixtures: dict[str, Any], workers: int) -> None:
    """A few requests to every page so no scenario pays for first imports and cold caches."""
    councillor = next(s for s in sessions if s["role"] == "councillor")
    support = next(s for s in sessions if s["role"] == "support")
    case = fixtures["councillors"][councillor["email"]]["cases"][0]
    pages = [
        (councillor, "/casework/cases/"),
        (councillor, "/casework/cases/?q=road"),
        (councillor, f"/casework/cases/{case}/"),
        (support, "/enquiries/team/queue/"),
        (support, "/enquiries/reports/performance/"),
        (councillor, "/directory/?q=highways"),
        (councillor, "/search/?q=planning"),
    ]
    for session, path in pages:
        cookie = "; ".join(f"{k}={v}" for k, v in session["cookies"].items())
        start = time.monotonic()
        for _ in range(WARM_UP * workers):
            request = urllib.request.Request(url + path, headers={"Cookie": cookie})
            with contextlib.suppress(urllib.error.URLError, TimeoutError):
                urllib.request.urlopen(request, timeout=120).read()
            if time.monotonic() - start > WARM_UP_LIMIT_S:
                break  # a slow page: the scenario will warm it


# Scenarios --------------------------------------------------------------------------------------


def users_for(scenario: str, args: argparse.Namespace) -> int:
    if scenario == "mixed":
        return args.mixed_users
    if scenario == "writers":
        return args.writers
    return args.users


def run_scenario(
    scenario: str, db: str, server: Server, plan: dict[str, Any], args: argparse.Namespace
) -> dict[str, Any]:
    users = users_for(scenario, args)
    plan_path = WORK / f"{db}-plan.json"
    plan_path.write_text(json.dumps(plan | {"users": users}))
    out = WORK / "locust" / f"{db}-{scenario}.json"
    out.unlink(missing_ok=True)
    env = os.environ | {
        "BENCH_PLAN": str(plan_path),
        "BENCH_SCENARIO": scenario,
        "BENCH_OUT": str(out),
    }
    cmd = [
        str(BIN / "locust"),
        "-f",
        str(ROOT / "bench" / "locustfile.py"),
        "--headless",
        "--users",
        str(users),
        "--spawn-rate",
        str(users),
        "--run-time",
        f"{args.duration}s",
        "--host",
        server.url,
        "--csv",
        str(WORK / "locust" / f"{db}-{scenario}"),
        "--only-summary",
        "--loglevel",
        "WARNING",
        "--exit-code-on-error",
        "0",
        # Let requests under way at the end finish (and count) rather than cutting them off.
        "--stop-timeout",
        "60",
    ]
    waited = server.sampler.wait_idle()
    log(f"  {scenario}: {users} users for {args.duration} s (server idle after {waited} s)")
    offset = server.log_size()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with (
        server.sampler.window() as memory,
        (WORK / "locust" / f"{db}-{scenario}.log").open("w") as locust_log,
    ):
        subprocess.run(
            cmd,
            cwd=ROOT,
            env=env,
            stdout=locust_log,
            stderr=subprocess.STDOUT,
            timeout=args.duration + 360,
        )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if not out.exists():
        raise SystemExit(f"locust wrote no figures: see {WORK / 'locust' / f'{db}-{scenario}.log'}")
    figures = json.loads(out.read_text())
    server_log = server.log_since(offset)
    figures |= {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "users": users,
        "duration_s": args.duration,
        "memory": memory,
        "loadgen_cpu_s": round(
            (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime), 1
        ),
        "server_log": {
            "database_is_locked": server_log.count("database is locked"),
            "tracebacks": server_log.count("Traceback"),
            "worker_timeouts": server_log.count("WORKER TIMEOUT"),
            "first_lines": [line for line in server_log.splitlines() if line.strip()][:10],
        },
    }
    memory["server_cpu_ms_per_request"] = round(
        memory["server_cpu_s"] * 1000 / max(1, figures["total"]["requests"]), 1
    )
    if scenario == "mixed":
        writes = sum(p["requests"] for n, p in figures["pages"].items() if n.startswith("write"))
        figures["write_share"] = round(writes / max(1, figures["total"]["requests"]), 3)
    return figures


# Checks and printing ----------------------------------------------------------------------------


def checks(db: str, result: dict[str, Any]) -> list[dict[str, Any]]:
    """Each target of issue 7 that this database's figures can answer, with PASS/FAIL."""
    found: list[dict[str, Any]] = []

    def check(name: str, value: Any, target: str, ok: bool) -> None:
        found.append({"check": name, "value": value, "target": target, "pass": bool(ok)})

    scenarios = result.get("scenarios", {})
    for page in PAGES:
        figures = scenarios.get(page)
        if figures:
            p95 = figures["total"]["p95_ms"]
            limit = TARGETS["page_p95_ms"]
            check(f"{page} p95", f"{p95} ms", f"< {limit} ms", p95 < limit)
            check(
                f"{page} errors",
                figures["total"]["failures"],
                "0",
                not figures["total"]["failures"],
            )
    mixed = scenarios.get("mixed")
    if mixed:
        rps, errors = mixed["total"]["rps"], mixed["total"]["failures"]
        target = TARGETS["mixed_rps"]
        check("mixed req/s", rps, f">= {target}", rps >= target)
        check("mixed errors", errors, "0", errors == 0)
    writers = scenarios.get("writers")
    if writers:
        errors = writers["total"]["failures"]
        locked = writers["server_log"]["database_is_locked"]
        check(f"{writers['users']} writers errors", errors, "0", errors == 0)
        check("'database is locked' in server log", locked, "0", locked == 0)
    audit = result.get("audit", {})
    if "p95_ms" in audit:
        check(
            "read-audit event p95",
            f"{audit['p95_ms']} ms",
            f"< {TARGETS['audit_ms']} ms",
            audit["p95_ms"] < TARGETS["audit_ms"],
        )
    peaks = [s["memory"]["peak_worker_mb"] for s in scenarios.values() if s.get("memory")]
    if peaks:
        check(
            "peak worker memory",
            f"{max(peaks)} MB",
            f"< {TARGETS['worker_mb']} MB",
            max(peaks) < TARGETS["worker_mb"],
        )
    rate = result.get("generator", {}).get("rows_per_s")
    if db == "sqlite" and rate:
        target = TARGETS["generator_rows_per_s"]
        check("generator rows/s", rate, f">= {target:,}", rate >= target)
    return found


def print_result(db: str, result: dict[str, Any]) -> None:
    run_info = result["run"]
    log("")
    log(
        f"== {db} · preset {run_info['preset']} · {run_info['workers']} workers "
        f"· {run_info['duration_s']} s per scenario · {result.get('data', {})}"
    )
    header = f"{'scenario / page':<28}{'users':>6}{'reqs':>8}{'err':>6}{'p50':>7}{'p95':>7}"
    header += f"{'p99':>7}{'req/s':>8}{'worker MB':>11}{'cpu ms/req':>11}"
    log(header)
    scenarios = result.get("scenarios", {})
    for name in [s for s in SCENARIOS if s in scenarios]:
        figures = scenarios[name]
        total = figures["total"]
        log(
            f"{name:<28}{figures['users']:>6}{total['requests']:>8}{total['failures']:>6}"
            f"{total['p50_ms']:>7}{total['p95_ms']:>7}{total['p99_ms']:>7}{total['rps']:>8}"
            f"{figures['memory']['peak_worker_mb']:>11}"
            f"{figures['memory'].get('server_cpu_ms_per_request', '?'):>11}"
        )
        if len(figures["pages"]) > 1:
            for page, p in figures["pages"].items():
                log(
                    f"  {page:<32}{p['requests']:>8}{p['failures']:>6}{p['p50_ms']:>7}"
                    f"{p['p95_ms']:>7}{p['p99_ms']:>7}{p['rps']:>8}"
                )
        if "write_share" in figures:
            log(f"  (writes: {figures['write_share']:.0%} of the requests)")
        for error in figures.get("errors", [])[:5]:
            log(f"  ! {error['count']} x {error['method']} {error['name']}: {error['error']}")
        if figures["server_log"]["tracebacks"] or figures["server_log"]["database_is_locked"]:
            log(f"  ! server log: {figures['server_log']}")
    profile = result.get("profile", {})
    if profile and "error" not in profile:
        log("in-process, one request at a time (median of 5):")
        log(f"  {'page':<22}{'ms':>8}{'SQL ms':>8}{'queries':>9}  slowest query")
        for page, p in profile.items():
            slowest = p["slowest_sql"][0] if p["slowest_sql"] else {"ms": 0, "sql": ""}
            log(
                f"  {page:<22}{p['ms']:>8}{p['sql_ms']:>8}{p['queries']:>9}  "
                f"{slowest['ms']} ms: {slowest['sql'][:60]}"
            )
    audit = result.get("audit", {})
    if audit:
        log(
            f"read-audit event: p50 {audit.get('p50_ms')} ms, p95 {audit.get('p95_ms')} ms "
            f"({audit.get('calls')} calls)"
        )
    generator = result.get("generator", {})
    if generator:
        log(f"generator: {generator.get('wall_s')} s, {generator.get('rows_per_s', '?')} rows/s")
    log("targets:")
    for c in result.get("checks", []):
        log(
            f"  {'PASS' if c['pass'] else 'FAIL'}  {c['check']}: {c['value']} "
            f"(target {c['target']})"
        )


def git(*args: str) -> str:
    done = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True)
    return done.stdout.strip()


def save(db: str, result: dict[str, Any]) -> None:
    """Merge into bench/results.json: a run replaces its own database's figures, keeping the
    scenarios (and generator figures) it did not run when it was made the same way (preset,
    workers, threads, PostgreSQL settings). Each scenario says when it ran."""
    everything: dict[str, Any] = {}
    if RESULTS.exists():
        with contextlib.suppress(json.JSONDecodeError):
            everything = json.loads(RESULTS.read_text())
    databases = everything.setdefault("databases", {})
    old = databases.get(db, {})
    same = ("preset", "workers", "threads", "pg_settings")
    if all(old.get("run", {}).get(key) == result["run"].get(key) for key in same):
        result["scenarios"] = old.get("scenarios", {}) | result.get("scenarios", {})
        for key in ("generator", "audit", "data", "profile"):
            if key not in result and key in old:
                result[key] = old[key]
    result["checks"] = checks(db, result)
    databases[db] = result
    everything |= {
        "updated": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "targets": TARGETS,
        "machine": {
            "cpu_count": os.cpu_count(),
            "platform": platform.platform(),
            "python": platform.python_version(),
        },
    }
    RESULTS.write_text(json.dumps(everything, indent=2) + "\n")


# Main -------------------------------------------------------------------------------------------


def benchmark(db: str, args: argparse.Namespace, logins: LoginSet) -> dict[str, Any]:
    log(f"\n=== {db} ===")
    result: dict[str, Any] = {
        "run": {
            "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "git_commit": git("rev-parse", "HEAD"),
            "git_dirty": bool(git("status", "--porcelain", "--untracked-files=no")),
            "preset": args.preset,
            "reuse": args.reuse,
            "duration_s": args.duration,
            "users": args.users,
            "mixed_users": args.mixed_users,
            "writers": args.writers,
            "workers": args.workers,
            "threads": args.threads,
            "pg_settings": args.pg_setting if db == "postgres" else [],
            "logins": asdict(logins) | {"password": "(see bench/run.py)"},
            "cpu_count": os.cpu_count(),
        },
        "scenarios": {},
    }
    selected = [s for s in args.only if s != "writers" or db == "sqlite"]
    secret_key = secrets.token_urlsafe(64)
    if db == "sqlite":
        database = sqlite_database(args.preset, args.reuse)
    else:
        database = postgres_database(
            args.preset, args.reuse, args.keep or args.reuse, args.pg_setting
        )
    with database as url:
        env = django_env(url, secret_key)
        if args.reuse:
            run([PYTHON, "manage.py", "migrate", "--noinput", "-v", "0"], env=env)
        else:
            result["generator"] = load_data(env, db, args, logins)
        collect_static(env)
        logins_json = json.dumps({"councillors": logins.councillors, "support": logins.support})
        fixtures = django_side(env, "fixtures", logins_json)
        result["data"] = fixtures.pop("row_counts")
        if fixtures["missing_logins"]:
            log(f"  ! not in the database: {', '.join(fixtures['missing_logins'])}")
        log("  timing the read-audit event")
        result["audit"] = django_side(env, "audit", logins_json, str(args.audit_calls))
        log("  profiling each page in-process (time, SQL)")
        result["profile"] = django_side(env, "profile", logins_json)
        with gunicorn(env, db, args) as server:
            writes = bool({"mixed", "writers"} & set(selected))
            sessions = sign_in_everyone(server.url, logins, fixtures, writes)
            log(f"  signed in {len(sessions)} people; warming up")
            warm_up(server.url, sessions, fixtures, args.workers)
            plan = {"host": "127.0.0.1", "sessions": sessions, "fixtures": fixtures}
            for scenario in selected:
                result["scenarios"][scenario] = run_scenario(scenario, db, server, plan, args)
    return result


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Benchmark Councillor Hub on SQLite and PostgreSQL (see bench/README.md).",
    )
    parser.add_argument(
        "--preset",
        choices=["full", "small"],
        default="full",
        help="generate_council's data set (default full; small is a tenth)",
    )
    parser.add_argument(
        "--dbs",
        default="sqlite,postgres",
        help="databases, comma-separated: sqlite, postgres (default both)",
    )
    parser.add_argument(
        "--duration", type=int, default=30, help="seconds per scenario (default 30)"
    )
    parser.add_argument(
        "--users",
        type=int,
        default=None,
        help="virtual users for each page alone (default: --workers)",
    )
    parser.add_argument(
        "--mixed-users", type=int, default=16, help="virtual users in the mixed run (default 16)"
    )
    parser.add_argument(
        "--writers",
        type=int,
        default=50,
        help="virtual users in the SQLite writers run (default 50)",
    )
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers (default 4)")
    parser.add_argument(
        "--threads",
        type=int,
        default=1,
        help="threads per gunicorn worker (default 1: sync workers)",
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="reuse the database loaded by an earlier run (no generating)",
    )
    parser.add_argument(
        "--keep",
        action="store_true",
        help="keep the PostgreSQL cluster in var/bench/ for a later --reuse",
    )
    parser.add_argument(
        "--only",
        default=",".join(SCENARIOS),
        help="scenarios, comma-separated (default all): "
        + ", ".join(SCENARIOS)
        + "; 'pages' means every page alone",
    )
    parser.add_argument(
        "--pg-setting",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a PostgreSQL server setting (repeatable), e.g. shared_buffers=1GB; default: "
        "PostgreSQL's own defaults",
    )
    parser.add_argument("--seed", type=int, default=2026, help="generator seed (default 2026)")
    parser.add_argument(
        "--audit-calls", type=int, default=2000, help="read-audit events to time (default 2000)"
    )
    args = parser.parse_args(argv)
    args.users = args.users or args.workers
    only: list[str] = []
    for name in args.only.split(","):
        name = name.strip()
        only += PAGES if name == "pages" else [name]
    unknown = [s for s in only if s not in SCENARIOS]
    if unknown:
        parser.error(f"unknown scenario(s): {', '.join(unknown)}")
    args.only = [s for s in SCENARIOS if s in only]
    args.dbs = [d.strip() for d in args.dbs.split(",") if d.strip()]
    if not set(args.dbs) <= {"sqlite", "postgres"}:
        parser.error("--dbs takes sqlite, postgres or both")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        import psutil  # noqa: F401
    except ImportError:
        raise SystemExit(
            "Install the bench extras first: .venv/bin/pip install -e '.[dev,bench]'"
        ) from None
    if not (BIN / "locust").exists():
        raise SystemExit("locust is missing: .venv/bin/pip install -e '.[dev,bench]'")
    logins = LOGINS or (GENERATED_LOGINS if generator_present() else DEMO_LOGINS)
    (WORK / "locust").mkdir(parents=True, exist_ok=True)
    log(
        f"Councillor Hub benchmark: {', '.join(args.dbs)}; preset {args.preset}; "
        f"scenarios {', '.join(args.only)}; logins: {logins.name}"
    )
    results = {}
    for db in args.dbs:
        results[db] = benchmark(db, args, logins)
        save(db, results[db])
    everything = json.loads(RESULTS.read_text())
    for db in args.dbs:
        print_result(db, everything["databases"][db])
    log(f"\nFigures written to {RESULTS.relative_to(ROOT)}; logs in {WORK.relative_to(ROOT)}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
