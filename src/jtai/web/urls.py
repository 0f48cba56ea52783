from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import path

from jtai.web.forms import SignInForm
from jtai.web.views import account, cohort, data, home, links, pages, sampling

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
    path("areas/<str:code>/cohort/", cohort.cohort, name="cohort"),
    path("areas/<str:code>/children/<str:child_key>/", cohort.child, name="child"),
    path("areas/<str:code>/links/review/", links.queue, name="link-review"),
    path("areas/<str:code>/links/review/<int:pair_id>/", links.pair, name="link-review-pair"),
    path("areas/<str:code>/data/", data.loads, name="data-loads"),
    path("areas/<str:code>/data/load/", data.load_files, name="data-load-files"),
    path("areas/<str:code>/data/loads/<int:load_id>/", data.load_detail, name="data-load"),
    path(
        "areas/<str:code>/data/loads/<int:load_id>/issues.csv",
        data.load_issues_csv,
        name="data-load-issues-csv",
    ),
    path("areas/<str:code>/sample/", sampling.selections, name="sample-list"),
    path("areas/<str:code>/sample/draw/", sampling.draw, name="sample-draw"),
    path(
        "areas/<str:code>/sample/<int:selection_id>/",
        sampling.selection,
        name="sample-selection",
    ),
    path(
        "areas/<str:code>/sample/<int:selection_id>/selection.csv",
        sampling.selection_csv,
        name="sample-selection-csv",
    ),
    path("areas/<str:code>/sample/<int:selection_id>/save/", sampling.save, name="sample-save"),
    path(
        "areas/<str:code>/sample/<int:selection_id>/children/<str:child_key>/swap/",
        sampling.swap,
        name="sample-swap",
    ),
    path(
        "areas/<str:code>/sample/<int:selection_id>/children/<str:child_key>/pack/",
        sampling.pack,
        name="sample-pack",
    ),
    path(
        "areas/<str:code>/sample/<int:selection_id>/children/<str:child_key>/pack.pdf",
        sampling.pack_pdf,
        name="sample-pack-pdf",
    ),
]
