"""Django settings. SQLite by default (embedded, zero set-up); PostgreSQL with
RESSOURCEMODEL_DB=postgres. Secrets come from the environment."""

from __future__ import annotations

import os
import tempfile
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent  # the web package: templates, static, locale
DEBUG = os.environ.get("RESSOURCEMODEL_DEBUG", "1") == "1"
SECRET_KEY = os.environ.get("RESSOURCEMODEL_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise RuntimeError("RESSOURCEMODEL_SECRET_KEY skal sættes i produktion")
    SECRET_KEY = "dev-only-not-secret"
ALLOWED_HOSTS = [
    h for h in os.environ.get("RESSOURCEMODEL_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h
]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "ninja",
    "axes",
    "ressourcemodel.web.accounts",
    "ressourcemodel.web.audit",
    "ressourcemodel.web.records",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",  # static files in production (ADR 0008)
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "ressourcemodel.web.accounts.middleware.LoginRequiredMiddleware",
    "ressourcemodel.web.security.SecurityHeadersMiddleware",
    "ressourcemodel.web.common.middleware.FriendlyErrorsMiddleware",
    "ressourcemodel.web.accounts.middleware.SessionTimeoutMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as axes asks
]

ROOT_URLCONF = "ressourcemodel.web.config.urls"
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
                "ressourcemodel.web.accounts.context.role",
            ],
            "builtins": ["ressourcemodel.web.templatetags.danish"],
        },
    }
]
WSGI_APPLICATION = "ressourcemodel.web.config.wsgi.application"

DATABASES: dict[str, dict[str, Any]]
if os.environ.get("RESSOURCEMODEL_DB") == "postgres":
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.postgresql",
            "HOST": os.environ.get("RESSOURCEMODEL_PG_HOST", "127.0.0.1"),
            "PORT": os.environ.get("RESSOURCEMODEL_PG_PORT", "5432"),
            "USER": os.environ.get("RESSOURCEMODEL_PG_USER", "postgres"),
            "PASSWORD": os.environ.get("RESSOURCEMODEL_PG_PASSWORD", ""),
            "NAME": os.environ.get("RESSOURCEMODEL_PG_NAME", "ressourcemodel"),
        }
    }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get(
                "RESSOURCEMODEL_DB_PATH", str(Path.cwd() / "ressourcemodel.sqlite3")
            ),
            # Concurrent writers wait for the lock instead of failing with "database is locked":
            # write-ahead log, a busy timeout, and transactions that take the write lock at once.
            # Tests use a file too (not shared-cache memory), so they lock as production does.
            "TEST": {
                "NAME": str(
                    Path(tempfile.gettempdir()) / f"ressourcemodel-test-{os.getpid()}.sqlite3"
                )
            },
            "OPTIONS": {
                "timeout": 20,
                "transaction_mode": "IMMEDIATE",
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    }

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
SESSION_COOKIE_AGE = 60 * 30  # idle timeout: 30 minutes without a request logs out
SESSION_SAVE_EVERY_REQUEST = True  # each request renews the idle timeout
SESSION_ABSOLUTE_SECONDS = 60 * 60 * 8  # and a working day at most (SessionTimeoutMiddleware)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # the døgnskema editor reads it to post JSON
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Dansk")), ("en", _("English"))]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = False  # numbers are formatted by our Danish filters
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("RESSOURCEMODEL_STATIC_ROOT", Path.cwd() / "staticfiles"))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact_cpr": {"()": "ressourcemodel.web.logfilters.RedactCprFilter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["redact_cpr"]},
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        # SQL with parameters (which could hold a CPR number) is never logged.
        "django.db.backends": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}

# Single sign-on (OpenID Connect), by configuration only. Users must exist already (created by an
# administrator with a role); SSO never creates users or grants roles. See docs/sso.md.
OIDC_ENABLED = bool(os.environ.get("RESSOURCEMODEL_OIDC_CLIENT_ID"))
AUTHENTICATION_BACKENDS = [
    "ressourcemodel.web.accounts.backends.LoginThrottleBackend",  # first: refuse when locked
    "django.contrib.auth.backends.ModelBackend",
]
# Login throttling (django-axes, ADR 0009): 5 failures lock a username for 15 minutes, counted
# per username and per (username, address) — never per address alone.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["username", ["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "ressourcemodel.web.accounts.backends.username_for_throttling"
AXES_LOCKOUT_CALLABLE = "ressourcemodel.web.accounts.views.locked_out"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
if OIDC_ENABLED:
    INSTALLED_APPS.append("mozilla_django_oidc")
    AUTHENTICATION_BACKENDS.append("ressourcemodel.web.accounts.oidc.ExistingUsersOIDCBackend")
    OIDC_RP_CLIENT_ID = os.environ["RESSOURCEMODEL_OIDC_CLIENT_ID"]
    OIDC_RP_CLIENT_SECRET = os.environ.get("RESSOURCEMODEL_OIDC_CLIENT_SECRET", "")
    OIDC_RP_SIGN_ALGO = os.environ.get("RESSOURCEMODEL_OIDC_SIGN_ALGO", "RS256")
    OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ["RESSOURCEMODEL_OIDC_AUTHORIZATION_ENDPOINT"]
    OIDC_OP_TOKEN_ENDPOINT = os.environ["RESSOURCEMODEL_OIDC_TOKEN_ENDPOINT"]
    OIDC_OP_USER_ENDPOINT = os.environ["RESSOURCEMODEL_OIDC_USER_ENDPOINT"]
    OIDC_OP_JWKS_ENDPOINT = os.environ.get("RESSOURCEMODEL_OIDC_JWKS_ENDPOINT", "")
    OIDC_RP_SCOPES = "openid email profile"
    OIDC_CREATE_USER = False
    OIDC_TIMEOUT = 10
    LOGIN_REDIRECT_URL_FAILURE = "/login/"
