"""An audit report as an editable Word document (python-docx), built to be accessible.

Real heading styles (the navigation pane), tables with a header row that repeats on every page,
the document's title and language in its properties, and no text in images.
"""

from __future__ import annotations

import io

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.table import Table

from jtai.auditing.report import AuditReport


def _table(document: object, header: list[str], rows: list[list[str]]) -> Table:
    table: Table = document.add_table(rows=1, cols=len(header))  # type: ignore[attr-defined]
    table.style = "Table Grid"
    first = table.rows[0]
    for cell, text in zip(first.cells, header, strict=True):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    properties = first._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    properties.append(repeat)
    for values in rows:
        for cell, text in zip(table.add_row().cells, values, strict=True):
            cell.text = text
    return table


def _language(document: object, tag: str) -> None:
    styles = document.styles.element  # type: ignore[attr-defined]
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        return
    run = defaults.find(qn("w:rPrDefault"))
    r_pr = run.find(qn("w:rPr")) if run is not None else None
    if r_pr is None:
        return
    lang = r_pr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        r_pr.append(lang)
    lang.set(qn("w:val"), tag)


def audit_docx(report: AuditReport) -> bytes:
    """The report as .docx bytes, language en-GB, titled as the PDF is."""
    document = Document()
    document.core_properties.title = report.title
    document.core_properties.language = "en-GB"
    document.core_properties.subject = "Multi-agency case audit. OFFICIAL-SENSITIVE"
    _language(document, "en-GB")
    document.add_heading(report.title, level=0)
    document.add_paragraph(f"{report.area}. OFFICIAL-SENSITIVE.")
    _table(document, ["", ""], [list(fact) for fact in report.facts])
    document.add_heading("The child's story so far", level=1)
    for paragraph in report.story.splitlines() or ["Not recorded."]:
        if paragraph.strip():
            document.add_paragraph(paragraph.strip())
    for section in report.sections:
        document.add_heading(section.agency, level=1)
        document.add_paragraph(f"Audited by {section.auditors}. {section.submitted}")
        for answer in section.answers:
            document.add_heading(f"{answer.code} {answer.title}", level=2)
            _table(
                document,
                ["Question", "Answer"],
                [
                    ["Grade", answer.grade],
                    ["Evidence", answer.evidence],
                    ["What worked well", answer.worked_well],
                    ["What should improve", answer.should_improve],
                ],
            )
        if section.voice:
            document.add_heading("The child's and family's voice", level=2)
            _table(
                document,
                ["Question", "Answer", "Detail"],
                [[v.question, v.answer, v.detail] for v in section.voice],
            )
    document.add_heading("Moderation", level=1)
    _table(
        document,
        ["Criterion", *report.agencies, "Agreed grade", "Reason"],
        [[f"{m.code} {m.title}", *m.grades, m.agreed, m.reason] for m in report.moderated],
    )
    document.add_heading("Actions", level=1)
    if report.actions:
        _table(
            document,
            ["Action", "Owner", "Agency", "Due", "Status"],
            [[a.description, a.owner, a.agency, a.due, a.status] for a in report.actions],
        )
    else:
        document.add_paragraph("No actions.")
    document.add_heading("Sign-off", level=1)
    document.add_paragraph(report.signed_off)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
