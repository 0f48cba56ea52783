"""Template context every page needs."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from jtai import __version__

SERVICE_NAME = "JTAI readiness"


def service(request: HttpRequest) -> dict[str, object]:
    return {
        "service_name": SERVICE_NAME,
        "product_version": __version__,
        "idle_timeout_seconds": settings.JTAI_IDLE_TIMEOUT_SECONDS,
        "idle_warning_seconds": settings.JTAI_IDLE_WARNING_SECONDS,
    }
