"""Settings for «Наставничество».

Everything that differs between a demo, a test run and production comes from the
environment (see .env.example). The defaults run a demo on SQLite; with DEBUG off the
project refuses to start without a real SECRET_KEY and ALLOWED_HOSTS.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), got {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, got {raw!r}") from exc


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)

_DEV_SECRET_KEY = "django-insecure-demo-key-only-for-debug"
SECRET_KEY = env_str("SECRET_KEY") or (_DEV_SECRET_KEY if DEBUG else "")
# Retired keys, comma-separated: sessions and the tombstone file (TOMBSTONE_PATH) made under
# an old SECRET_KEY are still recognised after the key is changed.
SECRET_KEY_FALLBACKS = env_list("SECRET_KEY_FALLBACKS")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

if not DEBUG:
    if not SECRET_KEY or SECRET_KEY.startswith("django-insecure") or len(SECRET_KEY) < 40:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set to a random string of at least 40 characters when DEBUG is off."
        )
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DEBUG is off.")

INSTALLED_APPS = [
    "accounts",
    "mentorship.documents",
    "mentorship.imports",
    "mentorship.people",
    "mentorship.pairs",
    "mentorship.surveys",
    "mentorship.cases",
    "roadmap",
    "mentorship.package",
    "mentorship.region",
    "mentorship.office",
    "mentorship.demo",
    "mentorship.apps.MentorshipAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "import_export",
    "simple_history",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Every view needs a login unless it says otherwise (survey links, login page).
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # An idle session is logged out here; LoginRequiredMiddleware (a view hook, run after
    # every middleware's request part) then sends it to the login page.
    "accounts.middleware.IdleTimeoutMiddleware",
    # A one-time password from the curator opens only the password change page.
    "accounts.middleware.PasswordChangeRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: turns a locked-out login into its 429 page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "mentorship.urls"
WSGI_APPLICATION = "mentorship.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "mentorship.office.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No server-side cursors: Django opens one for every .iterator() — each select of a
    # form (ModelChoiceField iterates its queryset so) — and outside a transaction it is a
    # DECLARE … WITH HOLD that PostgreSQL materialises before the first row: three round
    # trips for the five mentoring forms of a person's card (≈ 9 ms on a busy machine; on a
    # quiet one too little to see). The few big reads that iterate (the xlsx export, the
    # destruction of personal data) read their rows in chunks of the ORM's instances all
    # the same; their rows are a few MB at most.
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and IMMEDIATE transactions: concurrent writers queue instead of failing.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# django-axes first: it refuses a locked-out login before the password is even checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Password guessing: after AXES_FAILURE_LIMIT wrong passwords for one login from one address
# that login is locked for that address for AXES_COOLOFF_MINUTES. Login and address together:
# the whole college reaches the site from one NAT address, and one person's typos (or
# someone guessing one login) must not lock everybody else out.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_MINUTES = env_int("AXES_COOLOFF_MINUTES", 15)
AXES_COOLOFF_TIME = timedelta(minutes=AXES_COOLOFF_MINUTES)
AXES_RESET_ON_SUCCESS = True
# 429 with templates/accounts/locked_out.html, in Russian, saying how long to wait.
AXES_LOCKOUT_CALLABLE = "accounts.lockout.locked_out"
# The address is REMOTE_ADDR; X-Forwarded-For only behind our own proxy (BEHIND_PROXY), else
# anyone could dodge the lockout by sending a new made-up address with every attempt.
BEHIND_PROXY = env_bool("BEHIND_PROXY", False)
AXES_CLIENT_IP_CALLABLE = "accounts.lockout.client_ip"
AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]
# Axes needs the failures only: no database row for every successful login.
AXES_DISABLE_ACCESS_LOG = True

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "ru"
LANGUAGES = [("ru", "Русский")]
TIME_ZONE = env_str("TIME_ZONE", "Europe/Moscow")
USE_I18N = True
LOCALE_PATHS = [BASE_DIR / "mentorship" / "locale"]
USE_TZ = True
# Dates as ДД.ММ.ГГГГ everywhere (mentorship/formats/ru/formats.py).
FORMAT_MODULE_PATH = ["mentorship.formats"]

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
FIXTURE_DIRS = [BASE_DIR / "fixtures"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Consent scans are small documents; anything bigger is a mistake or an attack.
CONSENT_SCAN_MAX_BYTES = env_int("CONSENT_SCAN_MAX_BYTES", 10 * 1024 * 1024)
ROADMAP_EVIDENCE_MAX_BYTES = env_int("ROADMAP_EVIDENCE_MAX_BYTES", 10 * 1024 * 1024)
# xlsx imports: an upload is refused before openpyxl opens it when it is bigger than
# IMPORT_MAX_BYTES, unpacks to more than IMPORT_MAX_UNPACKED_BYTES (zip bombs) or declares
# more rows/columns than a base can have.
IMPORT_MAX_BYTES = env_int("IMPORT_MAX_BYTES", 20 * 1024 * 1024)
IMPORT_MAX_UNPACKED_BYTES = env_int("IMPORT_MAX_UNPACKED_BYTES", 60 * 1024 * 1024)
IMPORT_MAX_SHARED_STRINGS_BYTES = env_int("IMPORT_MAX_SHARED_STRINGS_BYTES", 20 * 1024 * 1024)
IMPORT_MAX_ROWS = env_int("IMPORT_MAX_ROWS", 10_000)
IMPORT_MAX_COLUMNS = env_int("IMPORT_MAX_COLUMNS", 60)
# Uploads waiting for «Подтвердить импорт» (personal data): private, shared by all app
# servers like MEDIA_ROOT, removed after the import or after IMPORT_TMP_MAX_AGE_HOURS.
IMPORT_TMP_DIR = Path(env_str("IMPORT_TMP_DIR", str(MEDIA_ROOT / "import-uploads")))
IMPORT_TMP_MAX_AGE_HOURS = env_int("IMPORT_TMP_MAX_AGE_HOURS", 2)
DATA_UPLOAD_MAX_MEMORY_SIZE = 25 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# No screen takes more than a handful of files at once (a person's consents, one evidence
# file, one xlsx): a request with more is refused with 400 before any file is written.
DATA_UPLOAD_MAX_NUMBER_FILES = 20

# Destroyed people (mentorship.people.tombstones): one keyed hash per person, appended by
# destroy_withdrawn. It must outlive a database restore, so it lives outside the database;
# keep it apart from the database backups and never restore an older copy over it.
# Empty: <MEDIA_ROOT>/tombstones/destroyed.txt (follows MEDIA_ROOT).
TOMBSTONE_PATH = env_str("TOMBSTONE_PATH")

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "nastavnichestvo@localhost")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# A session nobody has used for this long is ended (accounts.middleware.IdleTimeoutMiddleware):
# a computer left logged in at the office does not stay open for the whole SESSION_COOKIE_AGE.
SESSION_IDLE_TIMEOUT = env_int("SESSION_IDLE_TIMEOUT", 60 * 60)
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    if env_bool("BEHIND_PROXY", False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "import"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "export"
IMPORT_EXPORT_FORMATS = ["mentorship.lib.xlsx.SafeXLSX"]
IMPORT_EXPORT_SKIP_ADMIN_ACTION_EXPORT_UI = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        # WeasyPrint narrates every rendering step at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
