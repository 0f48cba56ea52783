from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import path

from jtai.web.forms import SignInForm
from jtai.web.views import account, data, home, pages

urlpatterns = [
    path("", home.home, name="home"),
    path(
        "sign-in/",
        auth_views.LoginView.as_view(
            template_name="registration/login.html", authentication_form=SignInForm
        ),
        name="sign-in",
    ),
    path("sign-out/", auth_views.LogoutView.as_view(), name="sign-out"),
    path("two-factor/", account.two_factor_view, name="two-factor"),
    path("session/keep-alive/", account.keep_alive, name="session-keep-alive"),
    path("session/timed-out/", account.timed_out, name="session-timed-out"),
    path("health/", pages.health, name="health"),
    path("accessibility/", pages.accessibility, name="accessibility"),
    path("areas/<str:code>/data/", data.loads, name="data-loads"),
    path("areas/<str:code>/data/load/", data.load_files, name="data-load-files"),
    path("areas/<str:code>/data/loads/<int:load_id>/", data.load_detail, name="data-load"),
    path(
        "areas/<str:code>/data/loads/<int:load_id>/issues.csv",
        data.load_issues_csv,
        name="data-load-issues-csv",
    ),
]
