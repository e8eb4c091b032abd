"""Production settings: `DJANGO_SETTINGS_MODULE=ressourcemodel.web.config.settings_production`.
Requires RESSOURCEMODEL_SECRET_KEY and RESSOURCEMODEL_ALLOWED_HOSTS in the environment;
serve behind TLS. `manage.py check --deploy` is clean with these (tested)."""

import os

os.environ["RESSOURCEMODEL_DEBUG"] = "0"

from .settings import *  # noqa: F403

DEBUG = False
SECURE_SSL_REDIRECT = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = 31_536_000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
