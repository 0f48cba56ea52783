"""The findings letter and the overview as HTML (for the tagged PDF) and as Word documents.

HTML carries `lang="en-GB"` and a `<title>` (PDF/UA needs both; `jtai.reports.pdf` renders it),
real headings, lists and tables with header cells. The Word documents use built-in heading styles,
a repeated table header row, and the title and language in their properties.
"""

from __future__ import annotations

import io
from html import escape

from docx import Document

from jtai.auditing.docx import _language, _table
from jtai.readiness.letter import Letter, blocks
from jtai.readiness.overview import Overview

CSS = """
@page { size: A4; margin: 20mm 18mm; @bottom-right { content: "Page " counter(page) " of "
  counter(pages); font-size: 9pt; } }
body { font-family: Arial, sans-serif; font-size: 11pt; line-height: 1.4; color: #0b0c0c; }
h1 { font-size: 18pt; } h2 { font-size: 14pt; margin-top: 1.2em; }
table { border-collapse: collapse; width: 100%; } th, td { border: 1px solid #b1b4b6;
  padding: 4px 6px; text-align: left; vertical-align: top; }
.marking { font-weight: bold; }
"""


def _page(title: str, body: str) -> str:
    return (
        '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title><style>{CSS}</style></head><body>"
        f'<p class="marking">OFFICIAL-SENSITIVE. Draft.</p>{body}</body></html>'
    )


def _blocks_html(text: str) -> str:
    parts = []
    for kind, items in blocks(text):
        if kind == "ul":
            parts.append("<ul>" + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ul>")
        else:
            parts.append(f"<p>{escape(items[0])}</p>")
    return "".join(parts)


def letter_html(letter: Letter) -> str:
    body = [f"<h1>{escape(letter.title)}</h1>"]
    body.append(f"<p>{escape(letter.area_name)}. Data as at {letter.as_of:%d/%m/%Y}.</p>")
    for section in letter.sections:
        body.append(f"<h2>{escape(section.heading)}</h2>{_blocks_html(section.text)}")
    return _page(letter.title, "".join(body))


def _new_document(title: str) -> object:
    document = Document()
    document.core_properties.title = title
    document.core_properties.language = "en-GB"
    document.core_properties.subject = "OFFICIAL-SENSITIVE. Draft."
    _language(document, "en-GB")
    document.add_heading(title, level=0)
    document.add_paragraph("OFFICIAL-SENSITIVE. Draft.")
    return document


def _blocks_docx(document: object, text: str) -> None:
    for kind, items in blocks(text):
        if kind == "ul":
            for item in items:
                document.add_paragraph(item, style="List Bullet")  # type: ignore[attr-defined]
        else:
            document.add_paragraph(items[0])  # type: ignore[attr-defined]


def _bytes(document: object) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)  # type: ignore[attr-defined]
    return buffer.getvalue()


def letter_docx(letter: Letter) -> bytes:
    document = _new_document(letter.title)
    document.add_paragraph(  # type: ignore[attr-defined]
        f"{letter.area_name}. Data as at {letter.as_of:%d/%m/%Y}."
    )
    for section in letter.sections:
        document.add_heading(section.heading, level=1)  # type: ignore[attr-defined]
        _blocks_docx(document, section.text)
    return _bytes(document)


def _finding_rows(overview: Overview, strengths: bool) -> list[list[str]]:
    found = overview.strengths if strengths else overview.improvements
    return [[f.title, ", ".join(f.areas), " / ".join(f.examples)] for f in found]


def overview_html(overview: Overview) -> str:
    body = [f"<h1>{escape(overview.title)}</h1>"]
    body.append(
        f"<p>Data as at {overview.as_of:%d/%m/%Y}. Areas: "
        + escape(", ".join(overview.areas))
        + f". Signed-off audits: {sum(overview.audits)}.</p>"
    )
    for heading, strengths in (
        ("Common strengths", True),
        ("Common areas for improvement", False),
    ):
        body.append(f"<h2>{heading}</h2>")
        rows = _finding_rows(overview, strengths)
        if not rows:
            body.append("<p>None found in two or more areas.</p>")
            continue
        body.append(
            '<table><thead><tr><th scope="col">Criterion</th><th scope="col">Areas</th>'
            '<th scope="col">What auditors wrote</th></tr></thead><tbody>'
            + "".join(
                "<tr>" + "".join(f"<td>{escape(v)}</td>" for v in row) + "</tr>" for row in rows
            )
            + "</tbody></table>"
        )
    body.append("<h2>Measures side by side</h2><table><thead><tr>")
    body.append('<th scope="col">Measure</th>')
    body.extend(f'<th scope="col">{escape(a)}</th>' for a in overview.areas)
    body.append("</tr></thead><tbody>")
    for title, values in overview.side_by_side:
        body.append(f'<tr><th scope="row">{escape(title)}</th>')
        body.extend(f"<td>{escape(v)}</td>" for v in values)
        body.append("</tr>")
    body.append("</tbody></table>")
    return _page(overview.title, "".join(body))


def overview_docx(overview: Overview) -> bytes:
    document = _new_document(overview.title)
    document.add_paragraph(  # type: ignore[attr-defined]
        f"Data as at {overview.as_of:%d/%m/%Y}. Areas: {', '.join(overview.areas)}. "
        f"Signed-off audits: {sum(overview.audits)}."
    )
    for heading, strengths in (
        ("Common strengths", True),
        ("Common areas for improvement", False),
    ):
        document.add_heading(heading, level=1)  # type: ignore[attr-defined]
        rows = _finding_rows(overview, strengths)
        if rows:
            _table(document, ["Criterion", "Areas", "What auditors wrote"], rows)
        else:
            document.add_paragraph("None found in two or more areas.")  # type: ignore[attr-defined]
    document.add_heading("Measures side by side", level=1)  # type: ignore[attr-defined]
    _table(
        document,
        ["Measure", *overview.areas],
        [[title, *values] for title, values in overview.side_by_side],
    )
    return _bytes(document)
