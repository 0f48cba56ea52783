from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import path

from jtai.web.views import home, pages

urlpatterns = [
    path("", home.home, name="home"),
    path(
        "sign-in/",
        auth_views.LoginView.as_view(template_name="registration/login.html"),
        name="sign-in",
    ),
    path("sign-out/", auth_views.LogoutView.as_view(), name="sign-out"),
    path("health/", pages.health, name="health"),
    path("accessibility/", pages.accessibility, name="accessibility"),
]
