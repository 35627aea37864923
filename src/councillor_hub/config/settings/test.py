"""Tests: fast hashing, no outside calls, in-memory email, immediate tasks."""

import tempfile

from .base import *  # noqa: F403

SECRET_KEY = "test-only-key"  # noqa: S105
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": tempfile.mkdtemp(prefix="councillor-hub-test-media-")},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
ALLOWED_HOSTS = ["*"]
# An empty folder, so WhiteNoise does not warn that collectstatic has not run.
STATIC_ROOT = tempfile.mkdtemp(prefix="councillor-hub-test-static-")
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "reports": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "reports"},
}
# Tests see each change at once; test_performance_cache.py turns the cache on.
ENQUIRY_PERFORMANCE_CACHE_SECONDS = 0
CRISPY_FAIL_SILENTLY = False  # a layout naming a missing field fails the test instead of logging
