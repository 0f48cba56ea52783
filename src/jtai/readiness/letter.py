"""A draft findings letter in the shape of a published JTAI letter, from audits and measures.

    build_letter(area_name, as_of, dashboard, measures) -> Letter

The shape (research/jtai-spec.md section 6.2): introduction; summary of the effectiveness of
partnership working; what is working well; what needs to improve; findings by agency (children's
social care, health, police, youth justice, schools, then leaders); what the data shows; next
steps. No judgement grades. Each section is plain text a person edits: paragraphs separated by a
blank line, a line starting "- " is a bullet.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date

from jtai.readiness.dashboard import Cell, Dashboard
from jtai.readiness.measures import Measure

AGENCY_ORDER = ("local_authority", "health", "police", "youth_justice", "school", "partnership")
MAX_BULLETS = 8
LETTER_MEASURES = (
    "front-door-contact-decision",
    "re-referrals-12m",
    "camhs-acceptance-all",
    "camhs-wait-first-contact-all",
    "camhs-wait-treatment-all",
    "cla-sdq-recorded",
    "cla-sdq-17-camhs",
    "yjs-screened",
    "crisis-ed-self-harm",
)


@dataclass(frozen=True)
class Section:
    key: str
    heading: str
    text: str


@dataclass(frozen=True)
class Letter:
    title: str
    area_name: str
    as_of: date
    sections: tuple[Section, ...]

    def with_texts(self, texts: Mapping[str, str]) -> Letter:
        """The same letter with some sections' wording replaced (a person's edits)."""
        return replace(
            self,
            sections=tuple(replace(s, text=texts.get(s.key, s.text)) for s in self.sections),
        )

    @property
    def texts(self) -> dict[str, str]:
        return {s.key: s.text for s in self.sections}


def blocks(text: str) -> list[tuple[str, list[str]]]:
    """A section's text as ("p", [paragraph]) and ("ul", [items]) blocks, in order."""
    found: list[tuple[str, list[str]]] = []
    for line in text.replace("\r\n", "\n").split("\n"):
        stripped = line.strip()
        if not stripped:
            found.append(("", []))
        elif stripped.startswith(("- ", "* ")):
            if found and found[-1][0] == "ul":
                found[-1][1].append(stripped[2:].strip())
            else:
                found.append(("ul", [stripped[2:].strip()]))
        elif found and found[-1][0] == "p":
            found[-1][1][0] += " " + stripped
        else:
            found.append(("p", [stripped]))
    return [b for b in found if b[0]]


def _bullet(cell: Cell, texts: tuple[str, ...]) -> str:
    example = f": {texts[0]}" if texts else ""
    return f"- {cell.title}{example}"


def _strong(cells: Iterable[Cell]) -> list[Cell]:
    return [c for c in cells if c.graded and c.strong > c.weak]


def _weak(cells: Iterable[Cell]) -> list[Cell]:
    return [c for c in cells if c.graded and c.weak >= c.strong]


def _bullets(lines: list[str], empty: str) -> str:
    return "\n".join(lines[:MAX_BULLETS]) if lines else empty


def _by_criterion(dashboard: Dashboard, strong: bool) -> list[str]:
    """Criteria most agencies did well (or not), across agencies, best evidenced first."""
    totals: dict[str, list[Cell]] = {}
    for picture in dashboard.agencies:
        for cell in picture.cells:
            totals.setdefault(cell.code, []).append(cell)
    lines = []
    for cells in totals.values():
        strong_n, weak_n = sum(c.strong for c in cells), sum(c.weak for c in cells)
        if not strong_n + weak_n or (strong_n > weak_n) != strong:
            continue
        texts = tuple(t for c in cells for t in (c.strengths if strong else c.improvements))
        lines.append((-(strong_n if strong else weak_n), _bullet(cells[0], texts)))
    return [line for _n, line in sorted(lines)]


def build_letter(
    area_name: str, as_of: date, dashboard: Dashboard, measures: Iterable[Measure]
) -> Letter:
    by_code = {m.code: m for m in measures}
    graded = sum(c.graded for p in dashboard.agencies for c in p.cells)
    strong = sum(c.strong for p in dashboard.agencies for c in p.cells)
    sections = [
        Section(
            "introduction",
            "Introduction",
            f"This draft sets out the partnership's own findings for {area_name} as at "
            f"{as_of.day} {as_of:%B %Y}, in the shape of a joint targeted area inspection letter "
            "on the multi-agency response to children's mental health. It draws on "
            f"{dashboard.signed_off} signed-off multi-agency case audits and on the "
            "partnership's data. It covers the front door and the experience of children "
            "aged 10 to 15 with mental ill health who are children in need, subject to a "
            "child protection plan or looked after.",
        ),
        Section(
            "summary",
            "Summary of the effectiveness of partnership working",
            f"Of {graded} graded answers in signed-off audits, {strong} found practice good or "
            "outstanding. [Write the headline judgement on partnership working here.]",
        ),
        Section(
            "strengths",
            "What is working well",
            _bullets(_by_criterion(dashboard, True), "No strength is evidenced by audits yet."),
        ),
        Section(
            "improve",
            "What needs to improve",
            _bullets(_by_criterion(dashboard, False), "No area for improvement is evidenced yet."),
        ),
    ]
    pictures = {p.agency: p for p in dashboard.agencies}
    for agency in AGENCY_ORDER:
        picture = pictures.get(agency)
        if picture is None:
            continue
        well = [_bullet(c, c.strengths) for c in _strong(picture.cells)]
        improve = [_bullet(c, c.improvements) for c in _weak(picture.cells)]
        sections.append(
            Section(
                f"agency-{agency}",
                picture.label,
                "Strengths\n"
                + _bullets(well, "- None evidenced by signed-off audits yet.")
                + "\n\nAreas for improvement\n"
                + _bullets(improve, "- None evidenced by signed-off audits yet.")
                + f"\n\nAudits with this agency's part: {picture.audits}. Criteria with evidence: "
                f"{picture.coverage}. Open actions: {picture.open_actions}.",
            )
        )
    data = [
        f"- {m.title} ({m.scope.lower()}): {m.display}"
        + (f" ({m.numerator} of {m.denominator} {m.denominator_label})" if m.denominator else "")
        for code in LETTER_MEASURES
        if (m := by_code.get(code)) is not None
    ]
    sections.append(Section("data", "What the data shows", _bullets(data, "No data loaded.")))
    sections.append(
        Section(
            "next_steps",
            "Next steps",
            "The director of children's services should coordinate a multi-agency written "
            "statement of proposed action in response to these findings, overseen by the "
            "safeguarding partners. [Add the date by which it is due.]",
        )
    )
    return Letter(
        title=f"Joint targeted area inspection readiness: the multi-agency response to children's "
        f"mental health in {area_name}",
        area_name=area_name,
        as_of=as_of,
        sections=tuple(sections),
    )
