"""The readiness picture from signed-off audits: each criterion for each agency, and coverage.

    build_dashboard(framework, answers, actions, audits) -> Dashboard

Only signed-off audits are read (the caller passes only their answers). A grade of "not
applicable" is no evidence. Coverage for an agency is the criteria the framework asks of it that
have at least one graded answer, over all the criteria it asks of it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from jtai.auditing import GRADES, Framework

GRADED = ("outstanding", "good", "requires_improvement", "inadequate")
STRONG = ("outstanding", "good")
WEAK = ("requires_improvement", "inadequate")


@dataclass(frozen=True)
class AnswerFact:
    """One agency's answer to one criterion in one signed-off audit (no child in it)."""

    audit_id: int
    agency: str
    code: str
    grade: str
    worked_well: str
    should_improve: str


@dataclass(frozen=True)
class ActionFact:
    agency: str
    status: str  # open | closed
    due_date: date


@dataclass(frozen=True)
class Cell:
    """One criterion for one agency."""

    code: str
    title: str
    agency: str
    grades: dict[str, int]  # grade -> answers
    strengths: tuple[str, ...]
    improvements: tuple[str, ...]
    answers: tuple[AnswerFact, ...] = ()  # the signed-off answers behind the figures

    @property
    def distribution(self) -> tuple[int, ...]:
        """Answers per grade, in GRADED order (outstanding to inadequate)."""
        return tuple(self.grades.get(g, 0) for g in GRADED)

    @property
    def graded(self) -> int:
        return sum(self.grades.get(g, 0) for g in GRADED)

    @property
    def strong(self) -> int:
        return sum(self.grades.get(g, 0) for g in STRONG)

    @property
    def weak(self) -> int:
        return sum(self.grades.get(g, 0) for g in WEAK)


@dataclass(frozen=True)
class AgencyPicture:
    agency: str
    label: str
    cells: tuple[Cell, ...]  # every criterion the framework asks of the agency
    audits: int  # signed-off audits with this agency's part
    open_actions: int
    overdue_actions: int

    @property
    def covered(self) -> tuple[Cell, ...]:
        return tuple(c for c in self.cells if c.graded)

    @property
    def missing(self) -> tuple[Cell, ...]:
        return tuple(c for c in self.cells if not c.graded)

    @property
    def coverage(self) -> str:
        return f"{len(self.covered)} of {len(self.cells)}"


@dataclass(frozen=True)
class Dashboard:
    as_of: date
    signed_off: int
    agencies: tuple[AgencyPicture, ...]
    grade_labels: dict[str, str]

    def cell(self, agency: str, code: str) -> Cell | None:
        for picture in self.agencies:
            if picture.agency == agency:
                return next((c for c in picture.cells if c.code == code), None)
        return None


def _texts(values: Iterable[str]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for value in values:
        text = " ".join(value.split())
        if text:
            seen.setdefault(text, None)
    return tuple(seen)


def build_dashboard(
    framework: Framework,
    answers: Iterable[AnswerFact],
    actions: Iterable[ActionFact],
    *,
    as_of: date,
) -> Dashboard:
    """Criteria x agency grade distribution, strengths, improvements, open actions, coverage."""
    by_cell: dict[tuple[str, str], list[AnswerFact]] = defaultdict(list)
    audits_of: dict[str, set[int]] = defaultdict(set)
    all_audits: set[int] = set()
    for answer in answers:
        by_cell[(answer.agency, answer.code)].append(answer)
        audits_of[answer.agency].add(answer.audit_id)
        all_audits.add(answer.audit_id)
    open_by: Counter[str] = Counter()
    overdue_by: Counter[str] = Counter()
    for action in actions:
        if action.status == "open":
            open_by[action.agency] += 1
            overdue_by[action.agency] += action.due_date < as_of
    pictures = []
    for agency, label in framework.agencies.items():
        cells = []
        for criterion in framework.for_agency(agency):
            found = by_cell.get((agency, criterion.code), [])
            cells.append(
                Cell(
                    code=criterion.code,
                    title=criterion.title,
                    agency=agency,
                    grades=dict(Counter(a.grade for a in found if a.grade)),
                    strengths=_texts(a.worked_well for a in found),
                    improvements=_texts(a.should_improve for a in found),
                    answers=tuple(sorted(found, key=lambda a: a.audit_id)),
                )
            )
        pictures.append(
            AgencyPicture(
                agency=agency,
                label=label,
                cells=tuple(cells),
                audits=len(audits_of.get(agency, ())),
                open_actions=open_by[agency],
                overdue_actions=overdue_by[agency],
            )
        )
    return Dashboard(
        as_of=as_of,
        signed_off=len(all_audits),
        agencies=tuple(pictures),
        grade_labels={g: GRADES[g] for g in GRADED},
    )
