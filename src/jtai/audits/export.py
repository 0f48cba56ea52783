"""A signed-off audit as a report: plain data, then an accessible PDF or an editable DOCX.

Callers (the web and the CLI) write the access log entry for each export.
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone

from jtai.auditing import GRADES, VOICE_ANSWERS
from jtai.auditing.docx import audit_docx
from jtai.auditing.report import (
    ActionRow,
    AgencySection,
    AnswerRow,
    AuditReport,
    ModeratedRow,
    VoiceRow,
)
from jtai.audits.models import Audit
from jtai.audits.services import AuditError, grades_by_code
from jtai.reports import html_to_pdf


def _when(moment: object) -> str:
    return timezone.localtime(moment).strftime("%-d %B %Y at %H:%M") if moment else ""  # type: ignore[arg-type]


def audit_report(audit: Audit) -> AuditReport:
    framework = audit.questions()
    names = framework.agencies
    reviews = list(audit.reviews.prefetch_related("answers", "voice", "auditors"))
    voice_questions = {v.code: v.question for v in framework.voice}
    sections = []
    for review in reviews:
        answers = {a.code: a for a in review.answers.all()}
        sections.append(
            AgencySection(
                agency=names.get(review.agency, review.agency),
                auditors=", ".join(
                    u.get_full_name() or u.get_username() for u in review.auditors.all()
                )
                or "not recorded",
                submitted=f"Submitted by {review.submitted_by_name} "
                f"on {_when(review.submitted_at)}."
                if review.submitted_at
                else "Not submitted.",
                answers=[
                    AnswerRow(
                        c.code,
                        c.title,
                        GRADES.get(answers[c.code].grade, "Not graded"),
                        answers[c.code].evidence,
                        answers[c.code].worked_well,
                        answers[c.code].should_improve,
                    )
                    for c in framework.for_agency(review.agency)
                    if c.code in answers
                ],
                voice=[
                    VoiceRow(voice_questions.get(v.code, v.code), VOICE_ANSWERS[v.answer], v.detail)
                    for v in review.voice.all()
                ],
            )
        )
    graded = grades_by_code(audit)
    agreed = {m.code: m for m in audit.moderated.all()}
    moderated = [
        ModeratedRow(
            c.code,
            c.title,
            [GRADES.get(graded.get(c.code, {}).get(r.agency, ""), "") for r in reviews],
            GRADES.get(agreed[c.code].grade, "") if c.code in agreed else "",
            agreed[c.code].reason if c.code in agreed else "",
        )
        for c in framework.criteria
        if c.code in graded
    ]
    return AuditReport(
        title=f"Multi-agency case audit {audit.pk}: child {audit.child_label}",
        area=audit.area.name,
        child=audit.child_label,
        role=audit.role,
        framework=f"{framework.title}, version {framework.version}"
        + (
            f", with {framework.local_name} {framework.local_version}"
            if framework.local_name
            else ""
        ),
        story=audit.story,
        agencies=[names.get(r.agency, r.agency) for r in reviews],
        sections=sections,
        moderated=moderated,
        actions=[
            ActionRow(
                a.description,
                a.owner_name,
                names.get(a.agency, a.agency),
                a.due_date.strftime("%-d %B %Y"),
                "Closed" if a.status == "closed" else "Open",
            )
            for a in audit.actions.all()
        ],
        signed_off=f"Signed off by {audit.signed_off_by_name} on {_when(audit.signed_off_at)}."
        if audit.signed_off_at
        else "Not signed off.",
        facts=[
            ("Child", audit.child_label),
            ("Tracked or sampled", audit.role or "not recorded"),
            ("Criteria", ""),
            ("Moderated by", audit.moderated_by_name or "not moderated"),
        ],
    )


def _signed_off(audit: Audit) -> AuditReport:
    if not audit.is_signed_off:
        raise AuditError("Only a signed-off audit can be exported")
    report = audit_report(audit)
    report.facts[2] = ("Criteria", report.framework)
    return report


def export_pdf(audit: Audit) -> bytes:
    """Tagged PDF/UA-1, language en-GB, titled."""
    report = _signed_off(audit)
    return html_to_pdf(render_to_string("audits/audit_pdf.html", {"report": report}))


def export_docx(audit: Audit) -> bytes:
    return audit_docx(_signed_off(audit))
