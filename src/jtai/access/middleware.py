"""Session limits and two-factor enforcement, for every request in one place."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

STARTED = "jtai_session_started"
SEEN = "jtai_session_seen"
# Pages that must work before two-factor sign-in is complete, or without signing in at all.
OPEN_PREFIXES = (
    "/sign-in/",
    "/sign-out/",
    "/two-factor/",
    "/session/",
    "/health/",
    "/accessibility/",
    "/static/",
)


class SessionLimitsMiddleware:
    """Sign a user out after the idle timeout or the absolute session limit, and say why."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = time.time()
            started = request.session.setdefault(STARTED, now)
            seen = request.session.get(SEEN, now)
            idle = now - seen > settings.JTAI_IDLE_TIMEOUT_SECONDS
            too_long = now - started > settings.JTAI_ABSOLUTE_SESSION_SECONDS
            if idle or too_long:
                logout(request)
                messages.info(
                    request,
                    "You were signed out after 30 minutes without activity, to protect "
                    "children's information. Sign in again to carry on."
                    if idle
                    else "You were signed out because you had been signed in for 10 hours.",
                )
                return redirect(f"{reverse('sign-in')}?next={request.path}")
            request.session[SEEN] = now
        return self.get_response(request)


class RequireTwoFactorMiddleware:
    """Send a signed-in user who has not yet given a second factor to set one up or enter it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            settings.JTAI_REQUIRE_MFA
            and user.is_authenticated
            and not user.is_verified()  # type: ignore[attr-defined]
            and not request.path.startswith(OPEN_PREFIXES)
        ):
            return redirect(f"{reverse('two-factor')}?next={request.path}")
        return self.get_response(request)
