"""The cohort export against the synthetic generator's independent oracle (`_truth/cohort.csv`).

The generator computes the cohort straight from its simulated histories; here the product reads
the files it wrote, with linkage replaced by the true identities (`_truth/persons.csv`).
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest
import yaml

from jtai.cohort.definition import DEFINITIONS_DIR, load_definition
from jtai.cohort.export import write_cohort_csv
from jtai.cohort.select import select_cohort
from jtai.cohort.tables import CohortTables, assignments_from_truth, tables_from_files
from jtai.ingest import read_folder
from jtai.synth.api import generate_area

AREAS = {
    "march": (4000, 20190601, date(2026, 3, 31)),
    "leap_day": (3000, 4242, date(2028, 2, 29)),
}


@pytest.fixture(scope="module", params=sorted(AREAS))
def area(request, tmp_path_factory) -> tuple[Path, CohortTables, date]:
    children, seed, as_of = AREAS[request.param]
    folder = tmp_path_factory.mktemp("cohort-oracle") / request.param
    generate_area(folder, children, seed, as_of)
    read = read_folder(folder, as_of=as_of)
    tables = tables_from_files(
        read.files, assignments_from_truth(folder / "_truth" / "persons.csv")
    )
    return folder, tables, as_of


def rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def test_cohort_export_equals_the_synthetic_truth(area, tmp_path):
    folder, tables, as_of = area
    path = tmp_path / "cohort.csv"
    count = write_cohort_csv(select_cohort(tables, load_definition("jtai-mh-2019"), as_of), path)
    truth = rows(folder / "_truth" / "cohort.csv")
    assert count >= 10  # the comparison means something
    assert rows(path) == truth
    assert path.read_bytes() == (folder / "_truth" / "cohort.csv").read_bytes()


def test_widening_the_age_band_in_a_copied_definition_adds_older_children(area, tmp_path):
    folder, tables, as_of = area
    data = yaml.safe_load((DEFINITIONS_DIR / "jtai-mh-2019.yaml").read_text(encoding="utf-8"))
    data["age"]["max"] = 17
    copy = tmp_path / "wider.yaml"
    copy.write_text(yaml.safe_dump(data), encoding="utf-8")
    wider = select_cohort(tables, load_definition(copy), as_of)
    truth = {r[0]: r for r in rows(folder / "_truth" / "cohort.csv")[1:]}
    by_id = {c.la_child_id: c for c in wider.children}
    assert set(truth) < set(by_id)
    assert {c.age for c in wider.children if c.la_child_id not in truth} <= {16, 17}
