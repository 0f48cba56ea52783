"""Django settings for jtai, read from the environment.

- `JTAI_DATA_DIR` (default `~/.local/share/jtai`): the embedded database, generated secret, reports.
- `DATABASE_URL` (default SQLite at `$JTAI_DATA_DIR/jtai.sqlite3`): e.g. `postgres://u@host/jtai`.
- `JTAI_SECRET_KEY` (default: generated once into `$JTAI_DATA_DIR/secret_key`).
- `JTAI_DEBUG` (default false): never true in production.
- `JTAI_ALLOWED_HOSTS` (default `127.0.0.1,localhost`): comma-separated.

`jtai.web.settings_production` adds what a deployment must have and refuses to start without a
secret key. See docs/how-to/deploy.md.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF

BASE_DIR = Path(__file__).resolve().parent
TRUTHY = {"1", "true", "yes", "y", "on"}


def env_flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    return default if value is None else value.strip().lower() in TRUTHY


def data_dir() -> Path:
    configured = os.environ.get("JTAI_DATA_DIR")
    path = Path(configured) if configured else Path.home() / ".local" / "share" / "jtai"
    path = path.expanduser().resolve()
    path.mkdir(parents=True, exist_ok=True)
    return path


def generated_secret_key(directory: Path) -> str:
    """A key made once per data directory, readable only by its owner, never committed."""
    key_file = directory / "secret_key"
    if not key_file.exists():
        key_file.touch(mode=0o600)
        key_file.write_text(secrets.token_urlsafe(64), encoding="utf-8")
    return key_file.read_text(encoding="utf-8").strip()


DATA_DIR = data_dir()
DEBUG = env_flag("JTAI_DEBUG")
SECRET_KEY = os.environ.get("JTAI_SECRET_KEY") or generated_secret_key(DATA_DIR)
ALLOWED_HOSTS = [
    host.strip()
    for host in os.environ.get("JTAI_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")
    if host.strip()
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'jtai.sqlite3'}",
        conn_max_age=60,
    )
}
if os.environ.get("JTAI_TEST_DB_NAME") and not DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Set by the test suite: one test database per run, so two runs never drop each other's.
    DATABASES["default"]["TEST"] = {"NAME": os.environ["JTAI_TEST_DB_NAME"]}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Wait rather than fail when a load and a page touch the embedded database together.
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 30
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "csp",
    "jtai.areas",
    "jtai.access",
    "jtai.records",
    "jtai.links",
    "jtai.audits",
    "jtai.selections",
    "jtai.readiness_app",
    "jtai.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "jtai.access.middleware.SessionLimitsMiddleware",
    "jtai.access.middleware.RequireTwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "jtai.web.urls"
WSGI_APPLICATION = "jtai.web.wsgi.application"

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
                "jtai.web.context.service",
                "csp.context_processors.nonce",
            ],
        },
    },
]
FORM_RENDERER = "jtai.web.forms.GovukFormRenderer"

AUTH_USER_MODEL = "access.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first, so a locked-out account is refused early
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "sign-in"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "sign-in"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Signed out after 30 idle minutes (warned 2 minutes before) and after 10 hours whatever happens.
JTAI_IDLE_TIMEOUT_SECONDS = int(os.environ.get("JTAI_IDLE_TIMEOUT_SECONDS", 30 * 60))
JTAI_IDLE_WARNING_SECONDS = 2 * 60
JTAI_ABSOLUTE_SESSION_SECONDS = 10 * 60 * 60
SESSION_COOKIE_AGE = JTAI_ABSOLUTE_SESSION_SECONDS
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Two-factor sign-in (TOTP). Off only for the local demo (make demo), never in production.
JTAI_REQUIRE_MFA = env_flag("JTAI_REQUIRE_MFA", default=True)
OTP_TOTP_ISSUER = "JTAI readiness"

# Lock an account out for 15 minutes after 5 failed sign-ins from one address.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# A strict Content Security Policy: only our own origin, scripts also need the page's nonce.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "staticfiles"
STATIC_ROOT.mkdir(exist_ok=True)  # WhiteNoise warns about a missing one
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Serve straight from the app's static folder: no collectstatic step for the embedded default.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# Logs carry no personal data: identifiers and names never go into a log message (see ADR 0005).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("JTAI_LOG_LEVEL", "WARNING")},
}
