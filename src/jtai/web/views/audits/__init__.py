"""Case audit pages: list, create, task list, questions, moderation, actions and export."""

from jtai.web.views.audits.actions import action_add, action_close, tracker
from jtai.web.views.audits.moderation import export_docx, export_pdf, moderate, sign_off
from jtai.web.views.audits.pages import (
    assign,
    audit_list,
    create,
    local_questions,
    story,
    task_list,
)
from jtai.web.views.audits.review import check, question, voice

__all__ = [
    "action_add",
    "action_close",
    "assign",
    "audit_list",
    "check",
    "create",
    "export_docx",
    "export_pdf",
    "local_questions",
    "moderate",
    "question",
    "sign_off",
    "story",
    "task_list",
    "tracker",
    "voice",
]
