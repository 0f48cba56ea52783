"""Readiness pages: dashboard, measures and their children, needs analysis, letter, overview."""

from jtai.web.views.readiness.documents import (
    letter,
    letter_docx,
    letter_pdf,
    overview,
    overview_docx,
    overview_pdf,
)
from jtai.web.views.readiness.pages import (
    dashboard,
    dashboard_cell,
    measure_children,
    measures,
    needs,
)

__all__ = [
    "dashboard",
    "dashboard_cell",
    "letter",
    "letter_docx",
    "letter_pdf",
    "measure_children",
    "measures",
    "needs",
    "overview",
    "overview_docx",
    "overview_pdf",
]
