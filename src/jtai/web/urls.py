from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import path

from jtai.web.forms import SignInForm
from jtai.web.views import access_log, account, cohort, data, home, links, pages, sampling
from jtai.web.views import audits as audit_views
from jtai.web.views import readiness as readiness_views

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
    path("areas/<str:code>/front-door/", cohort.front_door_page, name="front-door"),
    path("areas/<str:code>/links/review/", links.queue, name="link-review"),
    path("areas/<str:code>/links/review/<int:pair_id>/", links.pair, name="link-review-pair"),
    path("areas/<str:code>/access-log/", access_log.access_log, name="access-log"),
    path("areas/<str:code>/access-log.csv", access_log.access_log_csv, name="access-log-csv"),
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
    path("areas/<str:code>/audits/", audit_views.audit_list, name="audit-list"),
    path("areas/<str:code>/audits/create/", audit_views.create, name="audit-create"),
    path(
        "areas/<str:code>/audits/local-questions/",
        audit_views.local_questions,
        name="audit-local-questions",
    ),
    path("areas/<str:code>/audits/actions/", audit_views.tracker, name="audit-actions-tracker"),
    path("areas/<str:code>/audits/<int:audit_id>/", audit_views.task_list, name="audit"),
    path("areas/<str:code>/audits/<int:audit_id>/story/", audit_views.story, name="audit-story"),
    path(
        "areas/<str:code>/audits/<int:audit_id>/auditors/", audit_views.assign, name="audit-assign"
    ),
    path(
        "areas/<str:code>/audits/<int:audit_id>/agencies/<str:agency>/questions/<str:criterion>/",
        audit_views.question,
        name="audit-question",
    ),
    path(
        "areas/<str:code>/audits/<int:audit_id>/agencies/<str:agency>/voice/",
        audit_views.voice,
        name="audit-voice",
    ),
    path(
        "areas/<str:code>/audits/<int:audit_id>/agencies/<str:agency>/check/",
        audit_views.check,
        name="audit-review-check",
    ),
    path(
        "areas/<str:code>/audits/<int:audit_id>/moderate/",
        audit_views.moderate,
        name="audit-moderate",
    ),
    path(
        "areas/<str:code>/audits/<int:audit_id>/sign-off/",
        audit_views.sign_off,
        name="audit-sign-off",
    ),
    path(
        "areas/<str:code>/audits/<int:audit_id>/actions/add/",
        audit_views.action_add,
        name="audit-action-add",
    ),
    path(
        "areas/<str:code>/audits/<int:audit_id>/actions/<int:action_id>/close/",
        audit_views.action_close,
        name="audit-action-close",
    ),
    path(
        "areas/<str:code>/audits/<int:audit_id>/audit.pdf", audit_views.export_pdf, name="audit-pdf"
    ),
    path(
        "areas/<str:code>/audits/<int:audit_id>/audit.docx",
        audit_views.export_docx,
        name="audit-docx",
    ),
    path("areas/<str:code>/readiness/", readiness_views.dashboard, name="readiness"),
    path(
        "areas/<str:code>/readiness/<str:agency>/<str:criterion>/",
        readiness_views.dashboard_cell,
        name="readiness-cell",
    ),
    path("areas/<str:code>/measures/", readiness_views.measures, name="measures"),
    path(
        "areas/<str:code>/measures/<str:measure>/children/",
        readiness_views.measure_children,
        name="measure-children",
    ),
    path("areas/<str:code>/needs/", readiness_views.needs, name="needs"),
    path("areas/<str:code>/letter/", readiness_views.letter, name="letter"),
    path("areas/<str:code>/letter.docx", readiness_views.letter_docx, name="letter-docx"),
    path("areas/<str:code>/letter.pdf", readiness_views.letter_pdf, name="letter-pdf"),
    path("overview/", readiness_views.overview, name="overview"),
    path("overview.docx", readiness_views.overview_docx, name="overview-docx"),
    path("overview.pdf", readiness_views.overview_pdf, name="overview-pdf"),
]
