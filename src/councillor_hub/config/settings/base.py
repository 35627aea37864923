"""Settings shared by every environment. Environment variables are read only in env.py."""

from datetime import timedelta

import dj_database_url

from . import env

BASE_DIR = env.BASE_DIR
SECRET_KEY = env.SECRET_KEY
DEBUG = env.DEBUG
ALLOWED_HOSTS = env.ALLOWED_HOSTS
CSRF_TRUSTED_ORIGINS = env.CSRF_TRUSTED_ORIGINS

INSTALLED_APPS = [
    # First, so its templates can override crispy-forms-gds's (see core/templates/gds/).
    "councillor_hub.core.apps.CoreConfig",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_forms_gds",
    "simple_history",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "councillor_hub.accounts.apps.AccountsConfig",
    "councillor_hub.audit.apps.AuditConfig",
    "councillor_hub.casework.apps.CaseworkConfig",
    "councillor_hub.directory.apps.DirectoryConfig",
    "councillor_hub.notifications.apps.NotificationsConfig",
    "councillor_hub.enquiries.apps.EnquiriesConfig",
    "councillor_hub.dataprotection.apps.DataprotectionConfig",
    "councillor_hub.library.apps.LibraryConfig",
    "councillor_hub.faqs.apps.FaqsConfig",
    "councillor_hub.search.apps.SearchConfig",
    "councillor_hub.committees.apps.CommitteesConfig",
    "councillor_hub.wards.apps.WardsConfig",
    "councillor_hub.news.apps.NewsConfig",
    "councillor_hub.booklet.apps.BookletConfig",
    "councillor_hub.learning.apps.LearningConfig",
    "councillor_hub.induction.apps.InductionConfig",
    "councillor_hub.supportplans.apps.SupportplansConfig",
    "councillor_hub.surveys.apps.SurveysConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "councillor_hub.accounts.middleware.IdleSessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "councillor_hub.core.middleware.StripNulFromQueryMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "councillor_hub.casework.middleware.CaseworkScopeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "councillor_hub.core.middleware.NoStoreForSignedInMiddleware",
    # Axes last, as its docs require, so it sees the final authentication outcome.
    "axes.middleware.AxesMiddleware",
]

# "reports" holds figures that are expensive to count on a large council (the enquiries
# performance report) for a few minutes. Files, so every server process shares one copy with
# nothing to install; the default cache stays in memory.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "reports": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(env.CACHE_DIR / "reports"),
        "OPTIONS": {"MAX_ENTRIES": 1000},
    },
}

ROOT_URLCONF = "councillor_hub.config.urls"
WSGI_APPLICATION = "councillor_hub.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "councillor_hub.core.context_processors.site",
            ],
        },
    },
]

DATABASES = {"default": dj_database_url.parse(env.DATABASE_URL, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and immediate transactions let readers and writers overlap without 'database is locked'.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    # Connections are kept between requests, as on PostgreSQL: opening one (and registering
    # Django's SQL functions, running the pragmas) cost ~3 ms of every request (issue 7).
    # Between requests a connection holds no transaction, so it does not stop WAL checkpoints.

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# models.W040: SQLite has no covering ("INCLUDE") indexes and ignores that part of one. The
# triage index includes the id for PostgreSQL only (enquiries/models.py); SQLite's indexes
# carry the row id anyway, so nothing is lost there.
SILENCED_SYSTEM_CHECKS = ["models.W040"]
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "councillor_hub.accounts.backends.UserWithProfileBackend",
]

# NCSC password guidance: length and a deny-list of common passwords, no composition rules,
# no forced expiry.
AUTH_PASSWORD_VALIDATORS = [
    {
        # Django's default attributes are username/first_name/last_name/email; ours has full_name.
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ("email", "full_name")},
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Sessions end after a period of inactivity: use pushes the expiry forward (at most once a minute).
SESSION_COOKIE_AGE = env.SESSION_IDLE_MINUTES * 60
# Sessions are kept alive by accounts.middleware.IdleSessionMiddleware (at most one write a
# minute), not by saving on every request.
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "councillor_hub.core.views.csrf_failure"

AXES_FAILURE_LIMIT = env.LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = timedelta(minutes=env.LOGIN_COOLOFF_MINUTES)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_USERNAME_FORM_FIELD = "username"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = env.STATIC_ROOT
STATICFILES_DIRS = [BASE_DIR / "var" / "frontend"]
STORAGES = {
    # Attachments live outside the web root and are served only through a permission check.
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(env.MEDIA_ROOT), "base_url": None},
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_ROOT = env.MEDIA_ROOT
ATTACHMENT_MAX_BYTES = env.ATTACHMENT_MAX_MB * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

# Form widgets drawn by Jinja2 from Django's own widget templates (see the class: the same
# markup, several times cheaper). Page templates stay Django templates.
FORM_RENDERER = "councillor_hub.core.form_renderer.FastFormRenderer"

CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"
CRISPY_GDS_FRONTEND_VERSION = "5.14.0"

EMAIL_HOST = env.EMAIL_URL_HOST or "localhost"
EMAIL_PORT = env.EMAIL_PORT
EMAIL_HOST_USER = env.EMAIL_HOST_USER
EMAIL_HOST_PASSWORD = env.EMAIL_HOST_PASSWORD
EMAIL_USE_TLS = env.EMAIL_USE_TLS
DEFAULT_FROM_EMAIL = env.DEFAULT_FROM_EMAIL
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if env.EMAIL_URL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)

TASKS = {"default": {"BACKEND": env.TASKS_BACKEND}}

X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

COUNCIL_NAME = env.COUNCIL_NAME
BANK_HOLIDAY_NATION = env.BANK_HOLIDAY_NATION

# Absolute links in emails. Office hours bound the working day (e.g. acknowledgement by 17:00
# on the next working day); the enquiry service level windows are in working days.
SITE_URL = env.SITE_URL
OFFICE_OPENS = env.OFFICE_OPENS
OFFICE_CLOSES = env.OFFICE_CLOSES
ENQUIRY_FOLLOW_UP_WORKING_DAYS = env.ENQUIRY_FOLLOW_UP_WORKING_DAYS
ENQUIRY_PERFORMANCE_CACHE_SECONDS = env.ENQUIRY_PERFORMANCE_CACHE_SECONDS
ENQUIRY_REMINDER_WORKING_DAYS_BEFORE = env.ENQUIRY_REMINDER_WORKING_DAYS_BEFORE
ENQUIRY_DIRECTOR_ESCALATION_WORKING_DAYS = env.ENQUIRY_DIRECTOR_ESCALATION_WORKING_DAYS

# A councillor keeps their casework this many days after their term ends, to hand it over;
# reminders go this many days before access ends. Whatever is left is then anonymised.
CASEWORK_ACCESS_DAYS_AFTER_TERM = env.CASEWORK_ACCESS_DAYS_AFTER_TERM
HANDOVER_REMINDER_DAYS = env.HANDOVER_REMINDER_DAYS
# Member development: the (month, day) each municipal year starts, for topics whose
# validity follows the municipal year (learning/validity.py).
MUNICIPAL_YEAR_START = env.MUNICIPAL_YEAR_START

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# Personal support plans (supportplans/due.py): a member's first plan is due this many months
# after the start of their term; after that it is refreshed once in each annual window, from
# the first to the last day given (MM-DD, in the same calendar year; 1 May to 31 July by default).
SUPPORT_PLAN_FIRST_DUE_MONTHS = env.env_int("COUNCILLOR_HUB_SUPPORT_PLAN_FIRST_DUE_MONTHS", 6)
SUPPORT_PLAN_WINDOW = (
    env.env_month_day("COUNCILLOR_HUB_SUPPORT_PLAN_WINDOW_START", "05-01"),
    env.env_month_day("COUNCILLOR_HUB_SUPPORT_PLAN_WINDOW_END", "07-31"),
)
# First plans: remind the member this many days before the due date (windows: when it opens).
SUPPORT_PLAN_REMINDER_DAYS_BEFORE = env.env_int(
    "COUNCILLOR_HUB_SUPPORT_PLAN_REMINDER_DAYS_BEFORE", 28
)
