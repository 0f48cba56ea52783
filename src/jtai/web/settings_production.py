"""Settings a deployment must run with: a real secret key, no debug, secure cookies, HSTS.

Refuses to start without `JTAI_SECRET_KEY`, rather than falling back to a generated key, because
several web workers on several machines must share one key and a deployment should own it.
"""

from __future__ import annotations

import os

from django.core.exceptions import ImproperlyConfigured

from jtai.web.settings import *  # noqa: F403

if not os.environ.get("JTAI_SECRET_KEY"):
    raise ImproperlyConfigured(
        "JTAI_SECRET_KEY is not set. Production settings need a secret key of at least 50 random "
        "characters, e.g. from: python -c 'import secrets; print(secrets.token_urlsafe(64))'"
    )
SECRET_KEY = os.environ["JTAI_SECRET_KEY"]
DEBUG = False
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_SSL_REDIRECT = os.environ.get("JTAI_SSL_REDIRECT", "true").lower() != "false"
SECURE_HSTS_SECONDS = 31_536_000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = False
