"""Generate one synthetic partnership's data folder: `generate_area` is the whole public surface.

Children are simulated one household at a time and streamed to every writer, so memory stays flat
(only the Annex A rows and the cohort are held). Separate seeded random streams feed the
simulation, the identifiers, the recording noise and each writer, so one seed gives the same bytes.
"""

from __future__ import annotations

import csv
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from jtai.core.dates import age_on, parse_date
from jtai.synth.dirty import write_dirty
from jtai.synth.histories import simulate
from jtai.synth.model import Child, end_as_of, known_by
from jtai.synth.people import Allocator, Recorder
from jtai.synth.population import iter_children
from jtai.synth.rates import load_names, load_rates
from jtai.synth.truth import COHORT_COLUMNS, PERSONS_COLUMNS, cohort_row, legal_status
from jtai.synth.writers.annex_a import AnnexAWriter
from jtai.synth.writers.cin_census import CinCensusWriter
from jtai.synth.writers.csvfile import CsvFile
from jtai.synth.writers.partners import PartnerWriter
from jtai.synth.writers.ssda903 import Ssda903Writer

Progress = Callable[[int], None]


@dataclass(slots=True)
class AreaSummary:
    """What was generated: row counts per file and the headline rates on the as-of date."""

    outdir: Path
    children: int
    seed: int
    as_of: date
    files: dict[str, int] = field(default_factory=dict)
    in_need: int = 0
    cp: int = 0
    looked_after: int = 0
    aged_5_17: int = 0
    disorder_5_17: int = 0
    disorder_in_contact: int = 0
    cohort: int = 0
    dirty_cases: int = 0

    def rate(self, count: int, of: int | None = None) -> float:
        denominator = self.children if of is None else of
        return count / denominator if denominator else 0.0


def _as_date(value: date | str) -> date:
    if isinstance(value, date):
        return value
    parsed = parse_date(value)
    if parsed is None:
        raise ValueError(f"as_of must be YYYY-MM-DD, got {value!r}")
    return parsed


def generate_area(
    outdir: Path,
    children: int,
    seed: int,
    as_of: date | str,
    dirty: bool = False,
    progress: Progress | None = None,
) -> AreaSummary:
    """Write the partnership's folder for `children` children aged 0-17 as of `as_of`."""
    if children < 1:
        raise ValueError("children must be at least 1")
    day = _as_date(as_of)
    outdir = Path(outdir)
    (outdir / "_truth").mkdir(parents=True, exist_ok=True)
    rates, names = load_rates(), load_names()
    streams = [random.Random(seed * 1_000_003 + k) for k in range(7)]
    sim, ids, noise = streams[0], streams[1], streams[2]
    alloc = Allocator(ids)
    profiles = {k: v for k, v in rates["identity"].items() if isinstance(v, dict)}
    recorder = Recorder(noise, names, profiles, rates["identity"]["invalid_identifier"])
    persons = CsvFile(outdir / "_truth" / "persons.csv", PERSONS_COLUMNS)

    def person(source: str, person_id: str, uid: str) -> None:
        persons.write([source, person_id, uid])

    partners = PartnerWriter(outdir, day, streams[3], alloc, recorder, person)
    cin = CinCensusWriter(outdir / "cin_census.xml", day)
    ssda = Ssda903Writer(outdir, day, streams[4])
    annex = AnnexAWriter(outdir / "annex_a.xlsx", day, streams[5])
    summary = AreaSummary(outdir, children, seed, day)
    population: dict[tuple[int, str], int] = {}
    cohort: list[list[str]] = []
    for count, child in enumerate(iter_children(sim, children, day, rates, names, alloc), 1):
        simulate(sim, child, day, rates, alloc, children)
        partners.add(child)
        for source, writer in (("cin_census", cin), ("ssda903", ssda), ("annex_a", annex)):
            if writer.add(child):
                person(source, child.la_child_id, child.uid)
        row = cohort_row(child, day)
        if row is not None:
            cohort.append(row)
        key = (age_on(child.dob, day), child.sex)
        population[key] = population.get(key, 0) + 1
        _count(summary, child, day)
        if progress is not None and count % 1000 == 0:
            progress(count)
    summary.files.update(partners.close())
    summary.files.update(ssda.close())
    summary.files["cin_census.xml"] = cin.close()
    summary.files["annex_a.xlsx"] = sum(annex.close().values())
    persons.close()
    summary.files["_truth/persons.csv"] = persons.rows
    summary.cohort = _write_cohort(outdir / "_truth" / "cohort.csv", cohort)
    summary.files["population.csv"] = _write_population(outdir / "population.csv", population)
    _write_rows(
        outdir / "_truth" / "invalid_identifiers.csv",
        ("source", "person_id", "column", "value"),
        recorder.invalid,
    )
    if dirty:
        summary.dirty_cases = write_dirty(outdir, day)
    if progress is not None:
        progress(children)
    return summary


def _count(summary: AreaSummary, child: Child, day: date) -> None:
    """Headline rates, from the histories, for the summary and the rate tests."""
    if any(r.date <= day and known_by(r.closure, day) is None for r in child.referrals):
        summary.in_need += 1
    status = legal_status(child, day)
    summary.looked_after += status == "CLA"
    summary.cp += any(
        p.start <= day and end_as_of(p.end, day) is None
        for r in child.referrals
        for p in r.cp_plans
    )
    if age_on(child.dob, day) >= 5:
        summary.aged_5_17 += 1
        if child.disorder:
            summary.disorder_5_17 += 1
            contacted = any(
                known_by(r.first_contact, day) for r in child.health_referrals if r.date <= day
            )
            summary.disorder_in_contact += contacted


def _write_rows(path: Path, header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


def _write_cohort(path: Path, rows: list[list[str]]) -> int:
    rows.sort(key=lambda r: r[0])
    _write_rows(path, COHORT_COLUMNS, rows)
    return len(rows)


def _write_population(path: Path, population: dict[tuple[int, str], int]) -> int:
    """ONS mid-year estimate shape: one row per single year of age and sex."""
    rows = [
        [str(age), sex, str(population.get((age, sex), 0))] for age in range(18) for sex in "FM"
    ]
    _write_rows(path, ("age", "sex", "population"), rows)
    return len(rows)
