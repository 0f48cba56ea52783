"""Template context every page needs."""

from __future__ import annotations

from django.http import HttpRequest

from jtai import __version__

SERVICE_NAME = "JTAI readiness"


def service(request: HttpRequest) -> dict[str, str]:
    return {"service_name": SERVICE_NAME, "product_version": __version__}
