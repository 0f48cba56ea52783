"""The overview across areas: what an inspectorate or a region writes after a series.

    build_overview(areas, as_of) -> Overview

A strength is common when, in at least two areas (or every area when there is only one), more of
the graded answers to a criterion are good or outstanding than not; an area for improvement is
common when, in at least two areas, as many or more are requires improvement or inadequate.
Measures are set side by side by code.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from jtai.readiness.dashboard import Dashboard
from jtai.readiness.measures import Measure, format_value

OVERVIEW_MEASURES = (
    "cohort-size",
    "front-door-contact-decision",
    "front-door-referral-assessment",
    "re-referrals-12m",
    "camhs-referrals-all",
    "camhs-acceptance-all",
    "camhs-wait-first-contact-all",
    "camhs-wait-treatment-all",
    "cla-sdq-recorded",
    "cla-sdq-17-camhs",
    "yjs-screened",
    "yjs-referred",
    "crisis-ed-self-harm",
    "crisis-s136",
    "crisis-mh-admission",
)


@dataclass(frozen=True)
class AreaSummary:
    code: str
    name: str
    dashboard: Dashboard
    measures: tuple[Measure, ...]


@dataclass(frozen=True)
class Finding:
    code: str
    title: str
    areas: tuple[str, ...]  # area names where it holds
    examples: tuple[str, ...]  # auditors' words, a few


@dataclass(frozen=True)
class Overview:
    as_of: date
    areas: tuple[str, ...]
    strengths: tuple[Finding, ...]
    improvements: tuple[Finding, ...]
    measure_titles: tuple[tuple[str, str], ...]  # (code, title) in row order
    side_by_side: tuple[tuple[str, tuple[str, ...]], ...]  # (title, value per area)
    audits: tuple[int, ...]  # signed-off audits per area

    @property
    def title(self) -> str:
        return "Children's mental health: overview across " + f"{len(self.areas)} areas"


def _criterion_totals(
    dashboard: Dashboard,
) -> dict[str, tuple[str, int, int, list[str], list[str]]]:
    totals: dict[str, tuple[str, int, int, list[str], list[str]]] = {}
    for picture in dashboard.agencies:
        for cell in picture.cells:
            title, strong, weak, well, improve = totals.get(cell.code, (cell.title, 0, 0, [], []))
            totals[cell.code] = (
                title,
                strong + cell.strong,
                weak + cell.weak,
                well + list(cell.strengths),
                improve + list(cell.improvements),
            )
    return totals


def build_overview(areas: Sequence[AreaSummary], as_of: date) -> Overview:
    need = 2 if len(areas) > 1 else 1
    strong: dict[str, tuple[str, list[str], list[str]]] = {}
    weak: dict[str, tuple[str, list[str], list[str]]] = {}
    for area in areas:
        for code, (title, s, w, well, improve) in _criterion_totals(area.dashboard).items():
            if not s + w:
                continue
            target, texts = (strong, well) if s > w else (weak, improve)
            found = target.setdefault(code, (title, [], []))
            found[1].append(area.name)
            found[2].extend(texts[:2])

    def findings(found: dict[str, tuple[str, list[str], list[str]]]) -> tuple[Finding, ...]:
        rows = [
            Finding(code, title, tuple(names), tuple(dict.fromkeys(texts))[:3])
            for code, (title, names, texts) in found.items()
            if len(names) >= need
        ]
        return tuple(sorted(rows, key=lambda f: (-len(f.areas), f.code)))

    titles = []
    rows = []
    for code in OVERVIEW_MEASURES:
        per_area = [next((m for m in a.measures if m.code == code), None) for a in areas]
        first = next((m for m in per_area if m is not None), None)
        if first is None:
            continue
        titles.append((code, first.title))
        rows.append(
            (
                f"{first.title} ({first.scope.lower()})",
                tuple(m.display if m else format_value(None, "count") for m in per_area),
            )
        )
    return Overview(
        as_of=as_of,
        areas=tuple(a.name for a in areas),
        strengths=findings(strong),
        improvements=findings(weak),
        measure_titles=tuple(titles),
        side_by_side=tuple(rows),
        audits=tuple(a.dashboard.signed_off for a in areas),
    )
