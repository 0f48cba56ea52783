"""Cohort children built by hand or by Hypothesis, with only what sampling reads. Synthetic."""

from __future__ import annotations

import random
from datetime import date

from hypothesis import strategies as st

from jtai.cohort import CohortChild, Evidence, SourceRecord

AGENCIES = ("local_authority", "health", "police", "school", "youth_justice")


def indicator(name: str, agency: str) -> Evidence:
    return Evidence(name, "early_signs", "indicator", "x", "r1", None, agency, None)


def child(
    n: int,
    legal_status: str = "CIN",
    mh_category: str = "early_signs",
    at_risk: bool = False,
    agencies: tuple[str, ...] = ("local_authority",),
    school_concern: bool = False,
) -> CohortChild:
    return CohortChild(
        la_child_id=f"LA{n:05d}",
        child_key=f"c{n:05d}",
        age=12,
        dob=date(2014, 1, 1),
        sex="F",
        ethnicity=None,
        forename=None,
        surname=None,
        legal_status=legal_status,
        legal_status_record=SourceRecord("cin_census", "r", None, None),
        mh_category=mh_category,
        at_risk=at_risk,
        at_risk_reasons=(),
        indicators=(indicator("school_mh_concern", "school"),) if school_concern else (),
        agencies=tuple(sorted(set(agencies))),
        latest_sdq=None,
        sdq_reason=None,
        camhs_status=None,
        camhs_referral_date=None,
        camhs_days_waiting=None,
    )


@st.composite
def cohort_children(draw: st.DrawFn, n: int) -> CohortChild:
    return child(
        n,
        legal_status=draw(st.sampled_from(("CLA", "CP", "CIN"))),
        mh_category=draw(st.sampled_from(("diagnosed", "living_with", "early_signs"))),
        at_risk=draw(st.booleans()),
        agencies=("local_authority", *draw(st.lists(st.sampled_from(AGENCIES), max_size=4))),
        school_concern=draw(st.booleans()),
    )


@st.composite
def cohorts(draw: st.DrawFn, min_size: int = 0, max_size: int = 40) -> list[CohortChild]:
    size = draw(st.integers(min_size, max_size))
    return [draw(cohort_children(n)) for n in range(size)]


def random_cohort(size: int, seed: int) -> list[CohortChild]:
    """A big random cohort from a seed: quicker for Hypothesis than drawing every field."""
    rnd = random.Random(seed)
    return [
        child(
            n,
            rnd.choice(("CLA", "CP", "CIN")),
            rnd.choice(("diagnosed", "living_with", "early_signs")),
            rnd.random() < 0.5,
            ("local_authority", *rnd.sample(AGENCIES, rnd.randint(0, 3))),
            rnd.random() < 0.3,
        )
        for n in range(size)
    ]


def full_cover() -> list[CohortChild]:
    """Four children who between them cover every target, and every agency."""
    return [
        child(90001, "CLA", "diagnosed", True, ("local_authority", "youth_justice")),
        child(90002, "CP", "living_with", False, ("local_authority", "police", "health")),
        child(90003, "CIN", "early_signs", True, ("local_authority", "school"), True),
        child(90004, "CIN", "early_signs", False, ("local_authority",)),
    ]
