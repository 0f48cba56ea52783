"""WSGI entry point, e.g. for gunicorn with DJANGO_SETTINGS_MODULE=jtai.web.settings_production."""

from __future__ import annotations

from django.core.wsgi import get_wsgi_application

from jtai.bootstrap import configure_django

configure_django()
application = get_wsgi_application()
