"""Local development: `make run`. DEBUG on, a fixed development secret, console email."""

from .base import *  # noqa: F403
from .env import SECRET_KEY as _SECRET_KEY
from .env import env_bool

DEBUG = env_bool("DJANGO_DEBUG", True)
SECRET_KEY = _SECRET_KEY or "dev-only-insecure-key-do-not-use-in-production"  # noqa: S105
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
