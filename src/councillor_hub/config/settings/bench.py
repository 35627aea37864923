"""The benchmark (bench/run.py): production settings served over plain HTTP on loopback.

Only the HTTPS-specific settings are relaxed, because the benchmark talks to gunicorn directly on
http://127.0.0.1 with no TLS-terminating proxy in front: an HTTPS redirect would send every
request elsewhere, and Secure / `__Host-` cookies are never sent back over plain HTTP, so no
session would survive. Everything else (DEBUG off, whitenoise static files, the middleware, the
password hashers, the session and CSRF rules) is exactly production's, so the figures are.
"""

from .production import *  # noqa: F403

DEBUG = False
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = False
SECURE_HSTS_PRELOAD = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
# The `__Host-` prefix requires the Secure flag, so the plain names are used over HTTP.
SESSION_COOKIE_NAME = "sessionid"
CSRF_COOKIE_NAME = "csrftoken"
