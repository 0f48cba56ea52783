"""Reading a folder's Python-bound files in a worker process changes nothing but the wall time.

The folder is a small synthetic area with the threshold forced to zero, so the worker runs; it
holds files that the worker rejects (a census missing a plan start, a workbook that is not one),
a file this process rejects, a mapped workbook, an unrecognised file and the population file.
"""

from __future__ import annotations

import logging
import os
import pickle
import shutil
import sys
import types
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook

from jtai.ingest import FileKind, detect_folder, read_folder
from jtai.ingest import parallel as par
from jtai.ingest.detect import Detection
from jtai.ingest.reader import FolderRead
from jtai.synth import generate_area
from tests.unit.ingest.helpers import TRUST_REFERRALS_MAPPING

AS_OF = date(2026, 11, 1)
WORKER_FILES = {"annex_a.xlsx", "annex_a_2024.xlsx", "cin_census.xml", "trust_referrals.xlsx"}


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("parallel") / "area"
    generate_area(out, 200, 11, AS_OF, dirty=True)
    dirty = out / "_dirty"
    shutil.copy(dirty / "cp_plan_no_start" / "cin_census.xml", out / "cin_census.xml")
    shutil.copy(dirty / "wrong_format" / "annex_a.xlsx", out / "annex_a_2024.xlsx")
    shutil.copy(dirty / "missing_required_column" / "health_events.csv", out / "health_events.csv")
    book = Workbook()
    sheet = book.active
    sheet.append(["Hospital No", "Ref", "Team", "Received", "From", "Why", "Outcome"])
    sheet.append(["H1", "R1", "camhs", "2025-01-02", "gp", "anxiety", "accepted"])
    sheet.append(["H2", "R2", "camhs", "not a date", "gp", "anxiety", "accepted"])
    book.save(out / "trust_referrals.xlsx")
    (out / "trust_referrals.yaml").write_text(TRUST_REFERRALS_MAPPING, encoding="utf-8")
    (out / "notes.txt").write_text("not a partner extract", encoding="utf-8")
    return out


def read(folder: Path) -> tuple[FolderRead, list[tuple[str, int, int]]]:
    calls: list[tuple[str, int, int]] = []
    result = read_folder(folder, as_of=AS_OF, progress=lambda *call: calls.append(call))
    return result, calls


@pytest.fixture(scope="module")
def sequential(folder: Path) -> tuple[FolderRead, list[tuple[str, int, int]]]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(par.WORKERS_ENV, "0")
        return read(folder)


@pytest.fixture
def parallel_on(monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setenv(par.WORKERS_ENV, "2")
    monkeypatch.setattr(par, "PARALLEL_MIN_BYTES", 0)
    caplog.set_level(logging.DEBUG, logger=par.__name__)


def assert_same(got: FolderRead, want: FolderRead) -> None:
    assert [f.file for f in got.files] == [f.file for f in want.files]
    for g, w in zip(got.files, want.files, strict=True):
        assert (g.source, g.kind, g.sha256, g.rows_read) == (
            w.source,
            w.kind,
            w.sha256,
            w.rows_read,
        )
        assert g.issues == w.issues, g.file
        assert g.persons.equals(w.persons) and g.events.equals(w.events), g.file
    assert got.unrecognised == want.unrecognised and got.skipped == want.skipped


def worker_logs(caplog: pytest.LogCaptureFixture) -> tuple[set[str], list[str]]:
    """The files read in the worker, and the fallback warnings."""
    done = {r.args[0] for r in caplog.records if r.getMessage().endswith("in a worker process")}
    warned = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    return done, warned


@pytest.mark.usefixtures("parallel_on")
def test_parallel_read_gives_the_same_files_issues_and_progress_as_sequential(
    folder, sequential, caplog
):
    got, calls = read(folder)
    want, want_calls = sequential
    assert_same(got, want)
    assert calls == want_calls
    assert {f.file for f in want.files if f.rejected} >= {
        "annex_a_2024.xlsx",
        "cin_census.xml",
        "health_events.csv",
    }
    assert want.unrecognised and want.skipped == ["population.csv"]
    assert worker_logs(caplog) == (WORKER_FILES, [])


def _raises(detection: Detection) -> None:
    raise RuntimeError(f"worker failed on {detection.path.name}")


def _dies(detection: Detection) -> None:
    os._exit(3)


def _unpicklable(detection: Detection) -> object:
    return types.SimpleNamespace(reader=lambda: detection)


@pytest.mark.parametrize(
    "worker",
    [_raises, _dies, _unpicklable, lambda detection: None],
    ids=["raises", "crashes", "returns-unpicklable", "cannot-be-pickled"],
)
@pytest.mark.usefixtures("parallel_on")
def test_a_failing_worker_falls_back_to_reading_each_file_here(
    folder, sequential, caplog, monkeypatch, worker
):
    monkeypatch.setattr(par, "worker_read", worker)
    got, calls = read(folder)
    assert_same(got, sequential[0])
    assert calls == sequential[1]
    done, warned = worker_logs(caplog)
    assert not done and len(warned) == len(WORKER_FILES)


@pytest.mark.usefixtures("parallel_on")
def test_a_worker_process_that_cannot_start_falls_back(folder, sequential, caplog, monkeypatch):
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("daemonic processes are not allowed to have children")

    monkeypatch.setattr(par, "ProcessPoolExecutor", refuse)
    got, calls = read(folder)
    assert_same(got, sequential[0])
    assert calls == sequential[1]
    assert worker_logs(caplog) == (set(), ["could not start a worker process; reading in this one"])


def test_only_the_census_annex_a_and_mapped_workbooks_are_offloaded(folder, monkeypatch):
    monkeypatch.setenv(par.WORKERS_ENV, "2")
    monkeypatch.setattr(par, "PARALLEL_MIN_BYTES", 0)
    detections = detect_folder(folder)
    assert {detections[i].path.name for i in par.offload_plan(detections)} == WORKER_FILES
    mapped_csv = Detection(folder / "x.csv", FileKind.MAPPED, mapping=folder / "x.yaml")
    assert not par.python_bound(mapped_csv)


@pytest.mark.parametrize("switch", ["0", "1", "off"])
def test_the_environment_switch_turns_the_worker_off(folder, monkeypatch, switch):
    monkeypatch.setenv(par.WORKERS_ENV, switch)
    monkeypatch.setattr(par, "PARALLEL_MIN_BYTES", 0)
    assert par.offload_plan(detect_folder(folder)) == []


def test_a_small_folder_or_a_single_cpu_reads_in_one_process(folder, monkeypatch):
    monkeypatch.delenv(par.WORKERS_ENV, raising=False)
    detections = detect_folder(folder)
    assert par.offload_plan(detections) == []  # far below the default threshold
    monkeypatch.setattr(par, "PARALLEL_MIN_BYTES", 0)
    monkeypatch.setattr(par.os, "sched_getaffinity", lambda pid: {0}, raising=False)
    assert par.offload_plan(detections) == []


def test_with_nothing_else_to_read_this_process_keeps_the_largest_bound_file(
    folder, tmp_path, monkeypatch
):
    monkeypatch.setenv(par.WORKERS_ENV, "2")
    monkeypatch.setattr(par, "PARALLEL_MIN_BYTES", 0)
    names = ["annex_a.xlsx", "cin_census.xml"]
    for name in names:
        shutil.copy(folder / name, tmp_path / name)
    smaller = min(names, key=lambda name: par.read_work(Detection(tmp_path / name, None)))
    detections = detect_folder(tmp_path)
    assert [detections[i].path.name for i in par.offload_plan(detections)] == [smaller]
    (tmp_path / smaller).unlink()
    assert par.offload_plan(detect_folder(tmp_path)) == []


@pytest.mark.parametrize(
    ("source", "safe"),
    [("import jtai\nread()\n", False), ("def main(): ...\nif __name__ == '__main__':\n", True)],
)
def test_a_main_script_without_the_main_guard_reads_in_one_process(
    tmp_path, monkeypatch, source, safe
):
    script = tmp_path / "script.py"
    script.write_text(source, encoding="utf-8")
    main = types.ModuleType("__main__")
    main.__file__ = str(script)
    monkeypatch.setitem(sys.modules, "__main__", main)
    assert par.main_is_safe_to_rerun() is safe


def test_parsed_files_round_trip_through_pickle_with_their_tables_and_issues(sequential):
    files = sequential[0].files
    assert any(f.issues for f in files) and any(f.persons.num_rows for f in files)
    for parsed in files:
        copy = pickle.loads(pickle.dumps(parsed))  # noqa: S301 (our own bytes)
        assert copy.issues == parsed.issues and copy.kind is parsed.kind
        assert copy.columns == parsed.columns
        assert copy.persons.equals(parsed.persons) and copy.events.equals(parsed.events)
