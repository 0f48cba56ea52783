"""The loader against the synthetic partnership: clean files all load, every broken file is
rejected (or queried) with its file, row or path and column named, and nothing loaded before moves.
"""

import csv
from datetime import date
from pathlib import Path

import pytest

from jtai.records.models import EventRecord, LoadStatus, PersonRecord
from jtai.runs import load_folder
from jtai.synth import generate_area

AS_OF = date(2026, 11, 1)
AREA = "E06000042"


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("synthetic")
    generate_area(folder, 600, 11, AS_OF, dirty=True)
    return folder


def _cases(folder: Path) -> list[dict[str, str]]:
    with (folder / "_dirty" / "expected.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _counts() -> tuple[int, int]:
    return PersonRecord.objects.count(), EventRecord.objects.count()


@pytest.mark.django_db(transaction=True)
def test_every_clean_synthetic_file_is_accepted(synthetic):
    result = load_folder(synthetic, area_code=AREA, as_of=AS_OF, actor="test")
    assert result.files and result.all_accepted, [
        (f.file, f.errors) for f in result.files if f.status == LoadStatus.REJECTED
    ]
    assert not result.unrecognised
    assert _counts()[0] > 600


@pytest.mark.django_db(transaction=True)
def test_every_broken_file_gets_the_outcome_it_must_and_loses_nothing(synthetic, tmp_path):
    load_folder(synthetic, area_code=AREA, as_of=AS_OF, actor="test")
    for case in _cases(synthetic):
        # An accepted case legitimately supersedes the file of its kind; compare case by case.
        before = _counts()
        folder = synthetic / "_dirty" / case["case"]
        result = load_folder(folder, area_code=AREA, as_of=AS_OF, actor="test", report_dir=tmp_path)
        outcome = next(f for f in result.files if f.file == case["file"])
        report = list(csv.DictReader(result.report.open(encoding="utf-8")))
        if case["expect"] == "rejected":
            assert outcome.status == LoadStatus.REJECTED, case
            assert _counts() == before, case
            errors = [r for r in report if r["severity"] == "error" and r["file"] == case["file"]]
            assert errors, case
            if case["row"]:
                where = {r["row"] or r["path"] for r in errors}
                assert any(case["row"] == w or w.startswith(case["row"]) for w in where) or any(
                    case["row"].startswith(w) for w in where if w
                ), (case, where)
            if case["column"]:
                assert any(r["column"].casefold() == case["column"].casefold() for r in errors) or (
                    case["fault"] == "missing_required_column"
                    and any(case["column"] in r["message"] for r in errors)
                ), (case, errors)
        else:
            assert outcome.status in (LoadStatus.ACCEPTED, "unchanged"), (case, report)
            flagged = [r for r in report if r["severity"] in ("query", "warning")]
            assert flagged, case
