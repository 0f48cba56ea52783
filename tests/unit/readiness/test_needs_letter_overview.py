"""Needs analysis arithmetic, the draft letter from audit summaries, the overview across areas."""

from __future__ import annotations

from datetime import date

from jtai.auditing import load_framework
from jtai.readiness import (
    AnswerFact,
    AreaSummary,
    build_dashboard,
    build_letter,
    build_overview,
    load_prevalence,
    needs_analysis,
)
from jtai.readiness.dashboard import ActionFact
from jtai.readiness.facts import CamhsReferral, Facts
from jtai.readiness.letter import blocks
from jtai.readiness.needs import apply_rates
from jtai.readiness.render import letter_docx, letter_html, overview_html

AS_OF = date(2026, 11, 1)


def empty_facts(**kw) -> Facts:
    values = {
        "as_of": AS_OF,
        "year_start": date(2025, 11, 1),
        "camhs": (),
        "crises": (),
        "yjs": (),
        "sdq": {},
        "ages": {},
        "identified": frozenset(),
    }
    values.update(kw)
    return Facts(**values)


def test_prevalence_file_holds_the_seed_report_figures_with_sources():
    rates = load_prevalence()
    assert rates.any_disorder.all_ages == 12.8 and rates.emotional_disorder.all_ages == 8.1
    assert [b.rate for b in rates.any_disorder.bands] == [9.5, 14.4, 16.9]
    assert "NHS Digital" in rates.any_disorder.source and rates.emotional_disorder.url


def test_expected_numbers_are_population_times_band_rate():
    rates = load_prevalence()
    population = [(age, sex, 100) for age in range(18) for sex in "FM"]
    rows = apply_rates(population, rates.any_disorder)
    # 5-10: 1200 children x 9.5%; 11-16: 1200 x 14.4%; 17 only: 200 x 16.9%
    assert [(r.band, r.population, r.expected) for r in rows] == [
        ("5 to 10", 1200, 114.0),
        ("11 to 16", 1200, 172.8),
        ("17 to 17", 200, 33.8),
    ]
    emotional = {
        (r.band, r.sex): r.expected for r in apply_rates(population, rates.emotional_disorder)
    }
    assert emotional[("17 to 17", "Girls")] == 22.4 and emotional[("5 to 10", "Boys")] == 27.6


def test_needs_analysis_compares_expected_with_identified_and_in_contact():
    population = [(age, sex, 100) for age in range(18) for sex in "FM"]
    seen = CamhsReferral(
        "c1", date(2026, 1, 1), "camhs", "gp", "accepted", date(2026, 2, 1), None, None
    )
    waiting = CamhsReferral("c2", date(2026, 1, 1), "camhs", "gp", "accepted", None, None, None)
    facts = empty_facts(
        camhs=(seen, waiting),
        ages={"c1": (12, "F"), "c2": (12, "M"), "c3": (3, "F")},
        identified=frozenset({"c1", "c2", "c3"}),
    )
    needs = needs_analysis(population, load_prevalence(), facts)
    assert needs.population == 2600 and needs.expected_any == 320.6
    assert needs.expected_specialist == 80.2  # one in four
    assert (needs.identified, needs.in_contact) == (2, 1)  # c3 is 3: outside 5 to 17
    assert needs.in_contact_children == ("c1",)


def _dashboard(grades: dict[str, str], well: str = "Good joint work", improve: str = "Slow"):
    answers = [
        AnswerFact(
            1,
            agency,
            code,
            grade,
            well if grade == "good" else "",
            improve if grade != "good" else "",
        )
        for agency in ("local_authority", "health")
        for code, grade in grades.items()
    ]
    actions = [
        ActionFact("health", "open", date(2026, 10, 1)),
        ActionFact("health", "closed", AS_OF),
    ]
    return build_dashboard(load_framework(), answers, actions, as_of=AS_OF)


def test_dashboard_counts_grades_coverage_and_overdue_actions():
    board = _dashboard({"JTAI-MH-01": "good", "JTAI-MH-02": "inadequate"})
    health = next(p for p in board.agencies if p.agency == "health")
    assert health.open_actions == 1 and health.overdue_actions == 1
    assert health.coverage.startswith("2 of ")
    cell = board.cell("health", "JTAI-MH-02")
    assert cell is not None and cell.distribution == (0, 0, 0, 1)
    assert "JTAI-MH-03" in [c.code for c in health.missing]


def test_letter_has_the_published_shape_and_takes_edits():
    letter = build_letter(
        "Northbrook", AS_OF, _dashboard({"JTAI-MH-01": "good", "JTAI-MH-02": "inadequate"}), []
    )
    headings = [s.heading for s in letter.sections]
    assert headings[:4] == [
        "Introduction",
        "Summary of the effectiveness of partnership working",
        "What is working well",
        "What needs to improve",
    ]
    assert "Police" in headings and headings[-1] == "Next steps"
    strengths = letter.texts["strengths"]
    assert "Skilled, confident professionals" in strengths and "Good joint work" in strengths
    assert "Sharing information" in letter.texts["improve"]
    edited = letter.with_texts({"summary": "Partners work well.\n\n- one\n- two"})
    assert blocks(edited.texts["summary"]) == [
        ("p", ["Partners work well."]),
        ("ul", ["one", "two"]),
    ]
    html = letter_html(edited)
    assert '<html lang="en-GB">' in html and "<li>two</li>" in html
    assert letter_docx(edited)[:2] == b"PK"


def test_overview_finds_strengths_common_to_two_areas():
    one = AreaSummary(
        "E1", "Area one", _dashboard({"JTAI-MH-01": "good", "JTAI-MH-02": "inadequate"}), ()
    )
    two = AreaSummary(
        "E2", "Area two", _dashboard({"JTAI-MH-01": "good", "JTAI-MH-02": "good"}), ()
    )
    overview = build_overview([one, two], AS_OF)
    assert [f.code for f in overview.strengths] == ["JTAI-MH-01"]
    assert overview.strengths[0].areas == ("Area one", "Area two")
    assert overview.improvements == ()  # JTAI-MH-02 is weak in one area only
    assert "Area two" in overview_html(overview)
