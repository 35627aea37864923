"""Every environment variable the project reads, in one place, with safe defaults."""

import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[4]


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def env_month_day(name: str, default: str) -> tuple[int, int]:
    """A day of the year written "MM-DD" (e.g. "05-01" for 1 May), as (month, day). A day that
    is not in every year (29 February) or a badly written one stops start-up with a clear error."""
    import datetime

    from django.core.exceptions import ImproperlyConfigured

    value = os.environ.get(name, default).strip()
    try:
        month_text, day_text = value.split("-")
        month, day = int(month_text), int(day_text)
        datetime.date(2001, month, day)  # 2001 is not a leap year: rules out 29 February
    except ValueError:
        raise ImproperlyConfigured(
            f'{name} must be a day of the year written MM-DD, such as "05-01" for 1 May, '
            f"and not 29 February; it is {value!r}"
        ) from None
    return month, day


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = env_str("DJANGO_SECRET_KEY")
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}")
MEDIA_ROOT = Path(env_str("COUNCILLOR_HUB_MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
STATIC_ROOT = Path(env_str("COUNCILLOR_HUB_STATIC_ROOT", str(BASE_DIR / "var" / "static")))
CACHE_DIR = Path(env_str("COUNCILLOR_HUB_CACHE_DIR", str(BASE_DIR / "var" / "cache")))
EMAIL_URL_HOST = env_str("EMAIL_HOST", "")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str(
    "DEFAULT_FROM_EMAIL", "Councillor Hub <no-reply@councillor-hub.invalid>"
)
SESSION_IDLE_MINUTES = env_int("COUNCILLOR_HUB_SESSION_IDLE_MINUTES", 30)
LOGIN_FAILURE_LIMIT = env_int("COUNCILLOR_HUB_LOGIN_FAILURE_LIMIT", 5)
LOGIN_COOLOFF_MINUTES = env_int("COUNCILLOR_HUB_LOGIN_COOLOFF_MINUTES", 15)
ATTACHMENT_MAX_MB = env_int("COUNCILLOR_HUB_ATTACHMENT_MAX_MB", 10)
COUNCIL_NAME = env_str("COUNCILLOR_HUB_COUNCIL_NAME", "Demo Borough Council")
BANK_HOLIDAY_NATION = env_str("COUNCILLOR_HUB_NATION", "ENG")
TASKS_BACKEND = env_str("COUNCILLOR_HUB_TASKS_BACKEND", "django_tasks_db.DatabaseBackend")
SITE_URL = env_str("COUNCILLOR_HUB_SITE_URL", "http://127.0.0.1:8000")
OFFICE_OPENS = env_str("COUNCILLOR_HUB_OFFICE_OPENS", "09:00")
OFFICE_CLOSES = env_str("COUNCILLOR_HUB_OFFICE_CLOSES", "17:00")
ENQUIRY_FOLLOW_UP_WORKING_DAYS = env_int("COUNCILLOR_HUB_ENQUIRY_FOLLOW_UP_WORKING_DAYS", 5)
ENQUIRY_REMINDER_WORKING_DAYS_BEFORE = env_int(
    "COUNCILLOR_HUB_ENQUIRY_REMINDER_WORKING_DAYS_BEFORE", 1
)
# How long the council-wide enquiries performance report may be reused before it is counted
# again (0: count on every view).
ENQUIRY_PERFORMANCE_CACHE_SECONDS = env_int("COUNCILLOR_HUB_ENQUIRY_PERFORMANCE_CACHE_SECONDS", 300)
ENQUIRY_DIRECTOR_ESCALATION_WORKING_DAYS = env_int(
    "COUNCILLOR_HUB_ENQUIRY_DIRECTOR_ESCALATION_WORKING_DAYS", 3
)
# Data protection: how long a councillor keeps access to their casework after their term ends
# (to hand it over), and when to remind them before that access ends.
CASEWORK_ACCESS_DAYS_AFTER_TERM = env_int("COUNCILLOR_HUB_CASEWORK_ACCESS_DAYS_AFTER_TERM", 30)
HANDOVER_REMINDER_DAYS = [
    int(days) for days in env_list("COUNCILLOR_HUB_HANDOVER_REMINDER_DAYS", "14,7,1")
]
# Member development: the day each municipal year starts (usually the annual meeting in May).
MUNICIPAL_YEAR_START = env_month_day("COUNCILLOR_HUB_MUNICIPAL_YEAR_START", "05-01")
