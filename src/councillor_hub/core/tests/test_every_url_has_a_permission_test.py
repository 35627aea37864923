"""Every URL of every app has a permission test: its name must appear, written as
"<namespace>:<name>", in a permission test module (test_*permission*.py) somewhere in the
project. The casework and enquiries matrices build their URLs from tables instead, and each
asserts itself that its tables name every URL of its app."""

from pathlib import Path

from django.urls import URLResolver, get_resolver

import councillor_hub

SRC = Path(councillor_hub.__file__).parent
# Namespaces whose matrix checks its own coverage (see the docstring), and Django's admin.
SELF_CHECKED = {"casework", "enquiries", "notifications", "admin"}
# Pages everyone may open, signed in or not, with nothing to protect.
PUBLIC = {"core:home", "core:privacy", "core:accessibility"}
# Sign-in, sign-out, password and two-factor pages are tested in accounts/tests.
ACCOUNT_PAGES = {"accounts"}


def url_names() -> set[str]:
    names = set()
    for entry in get_resolver().url_patterns:
        if isinstance(entry, URLResolver) and entry.namespace:
            for pattern in entry.url_patterns:
                if getattr(pattern, "name", None):
                    names.add(f"{entry.namespace}:{pattern.name}")
    return names


def test_every_url_is_named_in_a_permission_test():
    text = "".join(path.read_text() for path in SRC.rglob("test_*permission*.py"))
    missing = sorted(
        name
        for name in url_names() - PUBLIC
        if name.split(":")[0] not in SELF_CHECKED | ACCOUNT_PAGES and f'"{name}"' not in text
    )
    assert missing == [], f"No permission test names these URLs: {missing}"
