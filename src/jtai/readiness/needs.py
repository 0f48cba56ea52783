"""The needs analysis: published prevalence applied to the area's population, against what
agencies know.

    load_prevalence() -> Prevalence                       # prevalence.yaml, or a path
    needs_analysis(population, prevalence, facts) -> NeedsAnalysis

Expected numbers are population x rate for each age band (and sex, where the rate is by sex),
summed. A band reaching past 17 (17 to 19) is applied to the ages the population file has. A sex
other than M or F in the population file is given the band's average of the two published rates.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from jtai.readiness.facts import Facts

PREVALENCE = Path(__file__).parent / "prevalence.yaml"


@dataclass(frozen=True)
class Band:
    age_min: int
    age_max: int
    sex: str | None  # None: both sexes
    rate: float  # per cent


@dataclass(frozen=True)
class Rates:
    source: str  # the source's text
    url: str
    all_ages: float
    bands: tuple[Band, ...]


@dataclass(frozen=True)
class Prevalence:
    name: str
    title: str
    any_disorder: Rates
    emotional_disorder: Rates
    specialist_contact_share: float


@dataclass(frozen=True)
class NeedsRow:
    band: str  # "5 to 10"
    sex: str  # "All", "Boys", "Girls"
    population: int
    rate: float
    expected: float


@dataclass(frozen=True)
class NeedsAnalysis:
    prevalence: Prevalence
    age_min: int
    age_max: int
    population: int  # children aged age_min..age_max in the population file
    any_rows: tuple[NeedsRow, ...]
    emotional_rows: tuple[NeedsRow, ...]
    expected_any: float
    expected_emotional: float
    expected_specialist: float  # expected_any x the published share in contact with services
    identified: int  # children of these ages with any mental health indicator
    in_contact: int  # ... with a CAMHS referral seen in the year up to D (or still open)
    identified_children: tuple[str, ...]
    in_contact_children: tuple[str, ...]

    @property
    def identified_share(self) -> float | None:
        return round(100 * self.identified / self.expected_any, 1) if self.expected_any else None

    @property
    def in_contact_share(self) -> float | None:
        return round(100 * self.in_contact / self.expected_any, 1) if self.expected_any else None


def _rates(block: dict[str, Any], sources: dict[str, dict[str, str]]) -> Rates:
    source = sources[block["source"]]
    return Rates(
        source=" ".join(str(source["text"]).split()),
        url=str(source.get("url", "")),
        all_ages=float(block["all_ages"]),
        bands=tuple(
            Band(int(b["age_min"]), int(b["age_max"]), b.get("sex"), float(b["rate"]))
            for b in block["bands"]
        ),
    )


def load_prevalence(path: Path = PREVALENCE) -> Prevalence:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    sources = {s["id"]: s for s in data["sources"]}
    return Prevalence(
        name=str(data["name"]),
        title=str(data["title"]),
        any_disorder=_rates(data["any_disorder"], sources),
        emotional_disorder=_rates(data["emotional_disorder"], sources),
        specialist_contact_share=float(data["specialist_contact_share"]),
    )


SEX_LABELS = {None: "All", "M": "Boys", "F": "Girls"}


def apply_rates(population: Iterable[tuple[int, str, int]], rates: Rates) -> list[NeedsRow]:
    """One row per band (and sex where the rates are by sex) with the expected number."""
    people = list(population)
    rows = []
    for band in rates.bands:
        same_band = [
            b for b in rates.bands if (b.age_min, b.age_max) == (band.age_min, band.age_max)
        ]
        average = sum(b.rate for b in same_band) / len(same_band)
        count = 0
        expected = 0.0
        for age, sex, n in people:
            if not band.age_min <= age <= band.age_max:
                continue
            if band.sex is None or sex == band.sex:
                count += n
                expected += n * band.rate / 100
            elif sex not in ("M", "F") and band.sex == same_band[0].sex:
                count += n  # counted once, at the band's average rate
                expected += n * average / 100
        top = min(band.age_max, max((a for a, _s, _n in people), default=band.age_max))
        rows.append(
            NeedsRow(
                f"{band.age_min} to {top}",
                SEX_LABELS.get(band.sex, band.sex or "All"),
                count,
                band.rate,
                round(expected, 1),
            )
        )
    return rows


def needs_analysis(
    population: Iterable[tuple[int, str, int]], prevalence: Prevalence, facts: Facts
) -> NeedsAnalysis:
    """Expected children with a disorder against those identified and those in contact."""
    people = list(population)
    any_rows = apply_rates(people, prevalence.any_disorder)
    emotional_rows = apply_rates(people, prevalence.emotional_disorder)
    low = min(b.age_min for b in prevalence.any_disorder.bands)
    high = min(
        max(b.age_max for b in prevalence.any_disorder.bands),
        max((a for a, _s, _n in people), default=17),
    )
    in_ages = {k for k, (age, _sex) in facts.ages.items() if low <= age <= high}
    identified = sorted(in_ages & facts.identified)
    in_contact = sorted(
        in_ages
        & {
            r.child_key
            for r in facts.camhs
            if r.first_contact is not None
            and (r.discharged is None or r.discharged >= facts.year_start)
        }
    )
    expected_any = round(sum(r.expected for r in any_rows), 1)
    return NeedsAnalysis(
        prevalence=prevalence,
        age_min=low,
        age_max=high,
        population=sum(n for age, _s, n in people if low <= age <= high),
        any_rows=tuple(any_rows),
        emotional_rows=tuple(emotional_rows),
        expected_any=expected_any,
        expected_emotional=round(sum(r.expected for r in emotional_rows), 1),
        expected_specialist=round(expected_any * prevalence.specialist_contact_share / 100, 1),
        identified=len(identified),
        in_contact=len(in_contact),
        identified_children=tuple(identified),
        in_contact_children=tuple(in_contact),
    )
