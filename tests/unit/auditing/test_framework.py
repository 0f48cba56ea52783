"""The shipped framework holds every evaluation criterion of the seed report, with stable codes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from jtai.auditing import (
    FrameworkError,
    load_framework,
    merge_local,
    parse_framework,
    parse_local_questions,
)

SEED = Path(__file__).resolve().parents[4] / "shared/seeds/teg-report-jtai-mental-health-2019.txt"

# Section 3 "JTAI - Evaluation" of the seed report, bullet by bullet (the leaders and managers
# bullet in its two parts): (bullet, part, words from the seed, the criterion's code).
SEED_BULLETS = [
    (1, None, "well trained, confident and knowledgeable", "JTAI-MH-01"),
    (2, None, "share information effectively", "JTAI-MH-02"),
    (3, None, "appropriate thresholds for support", "JTAI-MH-03"),
    (4, None, "specialist therapeutic help", "JTAI-MH-04"),
    (5, None, "child-centred approach", "JTAI-MH-05"),
    (6, None, "Planning for children is comprehensive", "JTAI-MH-06"),
    (7, None, "contribute to multi-agency", "JTAI-MH-07"),
    (8, None, "behaviour of parents and", "JTAI-MH-08"),
    (9, None, "foster families", "JTAI-MH-09"),
    (10, None, "reflective supervision", "JTAI-MH-10"),
    (11, None, "views have been heard", "JTAI-MH-11"),
    (12, None, "The police work in partnership", "JTAI-MH-12"),
    (13, None, "Decisions made by the police", "JTAI-MH-13"),
    (14, None, "Youth offending services", "JTAI-MH-14"),
    (15, None, "Schools have systems in place", "JTAI-MH-15"),
    (16, None, "Schools contribute to inter-agency", "JTAI-MH-16"),
    (17, "a", "know and understand the mental health needs", "JTAI-MH-17"),
    (17, "b", "recognise the challenges", "JTAI-MH-18"),
    (18, None, "roles and responsibilities of support staff", "JTAI-MH-19"),
]
# Once shipped, a code always means the same criterion: these never change.
STABLE_CODES = [f"JTAI-MH-{n:02d}" for n in range(1, 20)]
AGENCIES = {"local_authority", "health", "police", "youth_justice", "school", "partnership"}
THEMES = {
    "identification",
    "information_sharing",
    "thresholds",
    "access_to_services",
    "assessment",
    "planning",
    "parents_and_carers",
    "supervision_and_challenge",
    "voice_of_the_child",
    "leadership",
}


def test_every_bullet_of_the_seed_evaluation_section_is_a_criterion_including_both_leader_parts():
    framework = load_framework()
    by_source = {(c.source["bullet"], c.source.get("part")): c.code for c in framework.criteria}
    assert by_source == {(bullet, part): code for bullet, part, _, code in SEED_BULLETS}


def test_codes_are_unique_and_stable():
    codes = [c.code for c in load_framework().criteria]
    assert codes == STABLE_CODES
    assert [v.code for v in load_framework().voice] == ["JTAI-MH-V1", "JTAI-MH-V2", "JTAI-MH-V3"]


def test_each_criterion_has_a_title_full_text_agencies_and_a_theme():
    framework = load_framework()
    assert set(framework.agencies) == AGENCIES and set(framework.themes) == THEMES
    for criterion in framework.criteria:
        assert criterion.title and len(criterion.text) > len(criterion.title)
        assert set(criterion.agencies) <= AGENCIES and criterion.agencies
        assert criterion.theme in THEMES
    assert {c.theme for c in framework.criteria} == THEMES


def test_agency_specific_criteria_concern_only_that_agency():
    framework = load_framework()
    assert framework.criterion("JTAI-MH-12").agencies == ("police",)
    assert framework.criterion("JTAI-MH-14").agencies == ("youth_justice",)
    assert framework.criterion("JTAI-MH-15").agencies == ("school",)
    assert [c.code for c in framework.for_agency("partnership")] == [
        "JTAI-MH-04",
        "JTAI-MH-17",
        "JTAI-MH-18",
        "JTAI-MH-19",
    ]


@pytest.mark.skipif(not SEED.exists(), reason="the seed report is not beside the repository")
def test_the_seed_report_has_exactly_these_bullets_in_this_order():
    text = SEED.read_text(encoding="utf-8")
    section = text[text.index("JTAI - Evaluation") : text.index("4. Recommendations")]
    flat = re.sub(r"\s+", " ", section)
    positions = [flat.index(words) for _, _, words, _ in SEED_BULLETS]
    assert positions == sorted(positions)
    # 18 top-level bullets; the one split over a blank line ("leads to" / "- improvements") and
    # the leaders bullet's two sub-bullets are accounted for above.
    assert len(re.findall(r"^- ", section, flags=re.MULTILINE)) == 18 + 1


def test_a_framework_with_problems_reports_every_one_with_where_it_is():
    text = """
name: broken
version: "1"
code_prefix: X-
agencies: {health: Health}
themes: {planning: Planning}
criteria:
  - code: X-01
    title: One
    text: Text
    agencies: [police]
    theme: planning
  - code: X-01
    title: Two
    text: Text
    agencies: [health]
    theme: wellbeing
  - code: Y-03
    agencies: [health]
    theme: planning
"""
    with pytest.raises(FrameworkError) as raised:
        parse_framework(text, source="broken.yaml")
    problems = raised.value.problems
    assert "criterion X-01: unknown agencies police (use health)" in problems
    assert "criterion X-01: unknown theme wellbeing (use planning)" in problems
    assert "code X-01 is used twice" in problems
    assert "criterion Y-03: the code must start with X-" in problems
    assert "criterion Y-03 has no title" in problems
    assert str(raised.value).startswith("broken.yaml: ")


def test_text_that_is_not_yaml_is_refused_with_its_line():
    with pytest.raises(FrameworkError, match="not valid YAML at line"):
        parse_framework("name: [unclosed\nversion: 1\n")


LOCAL = """
name: testshire-local
version: "2"
code_prefix: TS-
criteria:
  - code: TS-01
    title: Transition to adult services is planned
    text: Children nearing 18 have a planned move to adult mental health services.
    agencies: [health, local_authority]
    theme: planning
"""


def test_local_questions_are_merged_after_the_shipped_criteria_without_changing_them():
    base = load_framework()
    merged = merge_local(base, parse_local_questions(LOCAL, base))
    assert [c.code for c in merged.criteria] == [*STABLE_CODES, "TS-01"]
    assert merged.criterion("TS-01").local and merged.local_version == "2"
    assert "TS-01" in [c.code for c in merged.for_agency("health")]
    assert load_framework() == base


def test_local_questions_may_not_use_the_frameworks_own_prefix():
    base = load_framework()
    with pytest.raises(FrameworkError, match="must not overlap"):
        parse_local_questions(LOCAL.replace("TS-", "JTAI-MH-"), base)


def test_a_framework_snapshot_reads_back_as_the_same_framework():
    from jtai.auditing import framework_from_snapshot

    base = load_framework()
    assert framework_from_snapshot(base.snapshot()) == base
