"""Two-factor sign-in and the session's end: thin views over jtai.access.two_factor."""

from __future__ import annotations

from django import forms
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from jtai.access import two_factor


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code from your authenticator app",
        help_text="The 6-digit code, for example 123456",
        max_length=12,
        error_messages={"required": "Enter the 6-digit code from your authenticator app"},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}
        ),
    )


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or "/"
    safe = url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure())
    return target if safe else "/"


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_view(request: HttpRequest) -> HttpResponse:
    """Enter a code; a user with no confirmed authenticator sets one up on the same page."""
    if request.user.is_verified():  # type: ignore[union-attr]
        return redirect(_next_url(request))
    device = two_factor.confirmed_device(request.user)  # type: ignore[arg-type]
    setting_up = device is None
    if device is None:
        device = two_factor.pending_device(request.user)  # type: ignore[arg-type]
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if two_factor.verify(request, device, form.cleaned_data["code"]):
            return redirect(_next_url(request))
        form.add_error("code", "The code is not right. Enter the code your app shows now")
    context = {"form": form, "next": _next_url(request), "setting_up": setting_up}
    if setting_up:
        context["qr_svg"] = two_factor.setup_qr_svg(device)
        context["secret"] = two_factor.secret_for_typing(device)
    return render(request, "registration/two_factor.html", context)


@require_POST
def keep_alive(request: HttpRequest) -> HttpResponse:
    """The idle clock restarts on any request; this one exists for the "Stay signed in" button."""
    if request.headers.get("X-CSRFToken"):
        return HttpResponse(status=204)
    return redirect(request.META.get("HTTP_REFERER") or "/")


def timed_out(request: HttpRequest) -> HttpResponse:
    logout(request)
    return render(request, "registration/timed_out.html")
