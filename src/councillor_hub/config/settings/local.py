"""`make run`: the demo on http://127.0.0.1:8000, hardened like production except HTTPS
(plain HTTP on loopback). DEBUG stays off so error pages never show internals."""

import secrets

from .base import *  # noqa: F403
from .env import SECRET_KEY as _SECRET_KEY

DEBUG = False


def _local_secret_key() -> str:
    """A random key kept in var/ so sessions survive restarts; never committed."""
    path = BASE_DIR / "var" / "secret_key"  # noqa: F405
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(64))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _SECRET_KEY or _local_secret_key()
