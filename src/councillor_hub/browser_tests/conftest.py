"""Browser tests in Debian's Chromium through Playwright (never a downloaded browser).

Every test here is marked `browser` and runs with `make test-browser` (`pytest -m browser`).
Fixtures: `browser` (one Chromium for the session), `page` (a fresh context per test, on the
live server; fails the test if the page breaks its Content-Security-Policy or throws a
JavaScript error), and the helpers `sign_in`, `sign_out` and `axe_check`.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

import pytest
from django.conf import settings

from councillor_hub.accounts.tests.factories import TEST_PASSWORD

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
AXE_FAIL_IMPACTS = {"serious", "critical"}
TIMEOUT_MS = 15_000


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    """Everything in this folder is a browser test, even if someone forgets the marker."""
    here = Path(__file__).parent
    for item in items:
        if Path(str(item.fspath)).is_relative_to(here):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        # A fail, not a skip: `make test` installs Chromium, so a missing one is a broken set-up
        # that must not pass silently.
        pytest.fail(f"Chromium not installed at {CHROMIUM} (make test installs it)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread, and Django's ORM refuses to run
    # inside one unless told it is safe. Set only while browser tests run (never at import:
    # `check --deploy` in a subprocess would inherit it and fail).
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    chromium = playwright.chromium.launch(
        executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
    )
    yield chromium
    chromium.close()
    playwright.stop()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(browser, live_server, transactional_db):
    """A new browser context (no cookies) per test, pointed at the live server."""
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    context.set_default_timeout(TIMEOUT_MS)
    tab = context.new_page()
    problems: list[str] = []
    tab.on(
        "console",
        lambda msg: (
            problems.append(f"console {msg.type}: {msg.text}") if msg.type == "error" else None
        ),
    )
    tab.on("pageerror", lambda error: problems.append(f"JavaScript error: {error}"))
    yield tab
    context.close()
    # Resource 404s for deliberately missing pages are fine; CSP breaks and JS errors are not.
    serious = [p for p in problems if "Content Security Policy" in p or "JavaScript error" in p]
    assert not serious, "\n".join(serious)


def sign_in(page, live_server, email: str, password: str = TEST_PASSWORD) -> None:
    """Sign in through the real form and wait until we have left the sign-in page."""
    page.goto(f"{live_server.url}/accounts/sign-in/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()
    assert "/accounts/sign-in/" not in page.url, f"Still on the sign-in page as {email}"


def sign_out(page) -> None:
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/accounts/sign-in/")


@functools.cache
def _axe_source() -> str:
    path = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
    if not path.exists():
        pytest.fail(f"{path} is missing: run `npm ci` (make install)")
    return path.read_text(encoding="utf-8")


def axe_check(page, *, context: str = "") -> list[dict]:
    """Run axe-core on the current page; fail listing every serious or critical violation.

    axe is evaluated through the DevTools protocol rather than a <script> tag, so the site's
    strict CSP (script-src 'self') stays on for the test. Returns the minor violations."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(_axe_source())
    results = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        AXE_TAGS,
    )
    violations = results["violations"]
    bad = [v for v in violations if v.get("impact") in AXE_FAIL_IMPACTS]
    if bad:
        lines = [f"axe found {len(bad)} serious/critical problem(s) on {context or page.url}:"]
        for violation in bad:
            lines.append(f"- [{violation['impact']}] {violation['id']}: {violation['help']}")
            for node in violation["nodes"][:5]:
                lines.append(f"    at {', '.join(node['target'])}: {node['html'][:160]}")
        pytest.fail("\n".join(lines))
    return [v for v in violations if v.get("impact") not in AXE_FAIL_IMPACTS]
