"""What the tracked children must cover (cohort-rules.md section 7), and how each is described.

A *target* is one thing the tracked children cover together: an `at_risk` value, a legal status, a
mental health category, or one of three kinds of involvement (youth justice, police, a
school-identified concern). `targets_of(child)` says which targets one child covers; agencies are
the secondary aim and are read by `agencies_of(child)`.
"""

from __future__ import annotations

from collections.abc import Sequence

from jtai.cohort import CohortChild

LEGAL_STATUSES: tuple[str, ...] = ("CLA", "CP", "CIN")
CATEGORIES: tuple[str, ...] = ("diagnosed", "living_with", "early_signs")
FLAGS: tuple[str, ...] = ("youth_justice", "police", "school_concern")

# Every target in the order the reasons list them: at risk, legal status, category, involvement.
TARGETS: tuple[str, ...] = (
    "at_risk:Y",
    "at_risk:N",
    *(f"legal_status:{s}" for s in LEGAL_STATUSES),
    *(f"category:{c}" for c in CATEGORIES),
    *(f"flag:{f}" for f in FLAGS),
)

# Short words for a reason ("tracked: covers CP, at risk, youth justice").
SHORT: dict[str, str] = {
    "at_risk:Y": "at risk",
    "at_risk:N": "not at risk",
    "legal_status:CLA": "CLA",
    "legal_status:CP": "CP",
    "legal_status:CIN": "CIN",
    "category:diagnosed": "diagnosed",
    "category:living_with": "living with mental ill health",
    "category:early_signs": "early signs",
    "flag:youth_justice": "youth justice",
    "flag:police": "police involvement",
    "flag:school_concern": "school-identified concern",
}

# What the cohort lacks, as a sentence ("no child in the cohort is known to youth justice").
MISSING: dict[str, str] = {
    "at_risk:Y": "no child in the cohort is at risk of abuse, neglect or exploitation",
    "at_risk:N": "every child in the cohort is at risk, so none not at risk can be tracked",
    "legal_status:CLA": "no child in the cohort is looked after (CLA)",
    "legal_status:CP": "no child in the cohort is on a child protection plan (CP)",
    "legal_status:CIN": "no child in the cohort is on a child in need plan (CIN)",
    "category:diagnosed": "no child in the cohort has a diagnosed mental health condition",
    "category:living_with": (
        "no child in the cohort is in the living with mental ill health category"
    ),
    "category:early_signs": "no child in the cohort is in the early signs category",
    "flag:youth_justice": "no child in the cohort is known to youth justice",
    "flag:police": "no child in the cohort has police involvement",
    "flag:school_concern": "no child in the cohort has a school-identified concern",
}

AGENCY_WORDS: dict[str, str] = {
    "local_authority": "children's social care",
    "health": "health",
    "police": "police",
    "school": "schools",
    "youth_justice": "youth justice",
}

STATUS_WORDS = {"CLA": "CLA", "CP": "CP", "CIN": "CIN"}


def agencies_of(child: CohortChild) -> frozenset[str]:
    """Every agency with a record of the child or evidence about them."""
    evidence = (*child.indicators, *child.at_risk_reasons)
    return frozenset(child.agencies or ()) | {str(e.agency) for e in evidence if e.agency}


def has_school_concern(child: CohortChild) -> bool:
    """A school raised the concern: the `school_mh_concern` indicator, or any school evidence."""
    return any(e.name == "school_mh_concern" or e.agency == "school" for e in child.indicators)


def targets_of(child: CohortChild) -> frozenset[str]:
    """The targets this one child covers."""
    agencies = agencies_of(child)
    found = {
        f"at_risk:{'Y' if child.at_risk else 'N'}",
        f"legal_status:{child.legal_status}",
        f"category:{child.mh_category}",
    }
    if "youth_justice" in agencies:
        found.add("flag:youth_justice")
    if "police" in agencies:
        found.add("flag:police")
    if has_school_concern(child):
        found.add("flag:school_concern")
    return frozenset(found & set(TARGETS))


def in_order(targets: frozenset[str] | set[str]) -> list[str]:
    return [t for t in TARGETS if t in targets]


def stratum_of(child: CohortChild) -> tuple[str, bool]:
    return child.legal_status, child.at_risk


def stratum_words(stratum: tuple[str, bool]) -> str:
    status, at_risk = stratum
    return f"{STATUS_WORDS.get(status, status)} / {'at risk' if at_risk else 'not at risk'}"


def sorted_children(children: Sequence[CohortChild]) -> list[CohortChild]:
    """The children in a fixed order, so a draw never depends on the order they came in."""
    return sorted(children, key=lambda c: (c.child_key, c.la_child_id))
