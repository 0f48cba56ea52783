"""One benchmark stage, run alone in a fresh process: `python -m jtai.bench.stages STAGE JSON`.

Each stage prints one JSON object on its last line of output: `seconds` (the stage's own work,
after imports and start-up), `parts` (named sub-timings), `peak_rss_mb` (this process's peak
resident memory, so one stage's memory never hides behind another's) and stage-specific `info`.
The database stages (`load`, `link`, `cohort`, `lists`) use whatever database the environment
names; `jtai.bench.run` points them at a fresh embedded SQLite data directory per area.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

AREA_CODE = "E06000999"
AREA_NAME = "Benchmark Safeguarding Partnership"
ACTOR = "jtai bench"

Result = dict[str, Any]


def peak_rss_mb() -> float:
    """This process's peak resident set size in MB (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cpu_seconds() -> float:
    """CPU time of this process, every thread, user and system: steadier than wall time on a
    machine others share."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


class Clock:
    """Named sub-timings of one stage, wall and CPU."""

    def __init__(self) -> None:
        self.parts: dict[str, float] = {}
        self.cpu: dict[str, float] = {}

    def time(self, name: str, call: Callable[[], Any]) -> Any:
        started, cpu = time.perf_counter(), cpu_seconds()
        value = call()
        self.parts[name] = self.parts.get(name, 0.0) + time.perf_counter() - started
        self.cpu[name] = self.cpu.get(name, 0.0) + cpu_seconds() - cpu
        return value


def stage_read(folder: Path, as_of: date) -> Result:
    """read_folder, per file: each reader's time, then validation of all files together."""
    from jtai.ingest.detect import detect_folder
    from jtai.ingest.model import FileKind
    from jtai.ingest.reader import read_detection
    from jtai.validate.engine import validate_files

    clock = Clock()
    detections = clock.time("detect", lambda: detect_folder(folder))
    files, per_file, per_file_cpu = [], {}, {}
    for detection in detections:
        if detection.kind is None or detection.kind is FileKind.POPULATION:
            continue
        started, cpu = time.perf_counter(), cpu_seconds()
        parsed = read_detection(detection)
        per_file[detection.path.name] = time.perf_counter() - started
        per_file_cpu[detection.path.name] = cpu_seconds() - cpu
        if parsed is not None:
            files.append(parsed)
    clock.parts["read"] = sum(per_file.values())
    clock.cpu["read"] = sum(per_file_cpu.values())
    clock.time("validate", lambda: validate_files(files, as_of=as_of))
    return {
        "parts": clock.parts,
        "cpu": clock.cpu,
        "info": {
            "per_file": per_file,
            "per_file_cpu": per_file_cpu,
            "bytes": {name: (folder / name).stat().st_size for name in per_file},
            "persons": sum(f.persons.num_rows for f in files),
            "events": sum(f.events.num_rows for f in files),
            "rejected": [f.file for f in files if f.rejected],
        },
    }


def stage_raw(folder: Path, files: list[str]) -> Result:
    """The floor: DuckDB's own read of each CSV into an Arrow table of text; a plain byte read of
    XML and xlsx."""
    import duckdb

    con = duckdb.connect()
    per_file: dict[str, float] = {}
    per_file_cpu: dict[str, float] = {}
    how: dict[str, str] = {}
    for name in files:
        path = folder / name
        started, cpu = time.perf_counter(), cpu_seconds()
        if path.suffix.lower() == ".csv":
            # Every column of every row, as text, into an Arrow table: what a reader must at
            # least do. (`count(*)` alone lets DuckDB skip building the columns' values.)
            sql = "SELECT * FROM read_csv($path, all_varchar=true)"
            con.sql(sql, params={"path": str(path)}).to_arrow_table()
            how[name] = "duckdb read_csv"
        else:  # DuckDB has no offline reader for these: the floor is reading the bytes
            path.read_bytes()
            how[name] = "byte read"
        per_file[name] = time.perf_counter() - started
        per_file_cpu[name] = cpu_seconds() - cpu
    con.close()
    return {
        "parts": {"raw": sum(per_file.values())},
        "cpu": {"raw": sum(per_file_cpu.values())},
        "info": {"per_file": per_file, "per_file_cpu": per_file_cpu, "how": how},
    }


def _django() -> None:
    from jtai.bootstrap import ensure_database

    ensure_database()


def stage_load(folder: Path, as_of: date) -> Result:
    """Read the folder again (not counted) and write every file into the database."""
    _django()
    from jtai.areas.services import ensure_area
    from jtai.ingest import read_folder
    from jtai.records.services import record_load

    read = read_folder(folder, as_of=as_of)
    area, _ = ensure_area(AREA_CODE, AREA_NAME)
    clock = Clock()
    statuses = {}
    for parsed in read.files:
        outcome = clock.time(
            "db_write", partial(record_load, area, parsed, as_of=as_of, actor=ACTOR)
        )
        statuses[parsed.file] = str(outcome.load.status)
    return {"parts": clock.parts, "cpu": clock.cpu, "info": {"statuses": statuses}}


def stage_link(persons_out: Path) -> Result:
    """link_area, split: read the area's persons from the database, link, store the run."""
    _django()
    import pyarrow.parquet as pq

    from jtai.areas.models import Area
    from jtai.link.api import link_persons
    from jtai.links.services import decisions_for, previous_keys, record_link_run
    from jtai.records.tables import area_persons

    area = Area.objects.get(code=AREA_CODE)
    clock = Clock()
    persons = clock.time("db_read", lambda: area_persons(area, raw=False))
    result = clock.time(
        "link_persons",
        lambda: link_persons(persons, decisions=decisions_for(area), previous=previous_keys(area)),
    )
    clock.time("db_write", lambda: record_link_run(area, result, actor=ACTOR, trigger="bench"))
    pq.write_table(persons, persons_out)  # for the Splink-alone stage; not counted
    return {
        "parts": clock.parts,
        "cpu": clock.cpu,
        "info": {
            "records": persons.num_rows,
            "children": len(set(result.assignments.column("child_key").to_pylist())),
            "review_pairs": result.pairs.num_rows,
            "link_timings": result.timings,
        },
    }


def stage_splink(persons_in: Path) -> Result:
    """Splink alone, same settings and the same prepared records: make_linker, train, predict."""
    import duckdb
    import pyarrow.parquet as pq

    from jtai.link.model import make_linker, predict_pairs, train
    from jtai.link.prepare import load_raw, prepare_records
    from jtai.link.settings import LinkSettings

    settings = LinkSettings.from_dict(None)
    con = duckdb.connect()
    if settings.threads:
        con.execute(f"set threads = {int(settings.threads)}")
    load_raw(con, pq.read_table(persons_in))
    prepare_records(con)
    records = con.sql("select * from link_records where linkable").to_arrow_table()
    clock = Clock()
    linker = clock.time("make_linker", lambda: make_linker(records, settings, connection=con))
    clock.time("train", lambda: train(linker, settings))
    pairs = clock.time("predict", lambda: predict_pairs(linker, settings))
    return {
        "parts": clock.parts,
        "cpu": clock.cpu,
        "info": {"linkable": records.num_rows, "pairs": pairs.num_rows},
    }


def stage_cohort(as_of: date) -> Result:
    """The area's tables from the database, then the cohort and the front door."""
    _django()
    from jtai.areas.models import Area
    from jtai.cohort import front_door, load_definition, select_cohort
    from jtai.runs.cohort import DEFAULT_DEFINITION, area_tables

    area = Area.objects.get(code=AREA_CODE)
    clock = Clock()
    tables = clock.time("db_read", lambda: area_tables(area))
    rules = load_definition(DEFAULT_DEFINITION)
    cohort = clock.time("select_cohort", lambda: select_cohort(tables, rules, as_of))
    door = clock.time("front_door", lambda: front_door(tables, rules, as_of))
    return {
        "parts": clock.parts,
        "cpu": clock.cpu,
        "info": {"cohort": len(cohort.children), "front_door": len(door.items)},
    }


def stage_lists(as_of: date, out: Path) -> Result:
    """The inspection lists workbook; the cohort it needs is recomputed first and not counted."""
    _django()
    from jtai.areas.models import Area
    from jtai.cohort import write_inspection_lists
    from jtai.runs.cohort import area_cohort, area_front_door

    area = Area.objects.get(code=AREA_CODE)
    found = area_cohort(area, as_of=as_of)
    door = area_front_door(found)
    clock = Clock()
    counts = clock.time(
        "workbook",
        lambda: write_inspection_lists(
            found.cohort, door, found.tables, found.definition, as_of, out
        ),
    )
    return {
        "parts": clock.parts,
        "cpu": clock.cpu,
        "info": {"rows": counts, "bytes": out.stat().st_size},
    }


def stage_pipeline(folder: Path, as_of: date, out: Path) -> Result:
    """As a user runs it, in one process on an empty database: `jtai load` (read, validate,
    write, link) and then `jtai lists export` (cohort, front door, workbook)."""
    _django()
    from jtai.areas.models import Area
    from jtai.runs.cohort import export_lists
    from jtai.runs.loading import load_folder

    clock = Clock()
    loaded = clock.time(
        "jtai load",
        lambda: load_folder(
            folder, area_code=AREA_CODE, area_name=AREA_NAME, as_of=as_of, actor=ACTOR
        ),
    )
    area = Area.objects.get(code=AREA_CODE)
    counts = clock.time(
        "jtai lists export",
        lambda: export_lists(area, as_of=as_of, out=out, actor=ACTOR, via="jtai bench"),
    )
    return {
        "parts": clock.parts,
        "cpu": clock.cpu,
        "info": {
            "files": {f.file: str(f.status) for f in loaded.files},
            "link_timings": loaded.link.result.timings if loaded.link else {},
            "rows": counts,
        },
    }


def run_stage(name: str, args: dict[str, Any]) -> Result:
    as_of = date.fromisoformat(args.get("as_of", "2026-11-01"))
    started = time.perf_counter()
    if name == "read":
        result = stage_read(Path(args["folder"]), as_of)
    elif name == "raw":
        result = stage_raw(Path(args["folder"]), list(args["files"]))
    elif name == "load":
        result = stage_load(Path(args["folder"]), as_of)
    elif name == "link":
        result = stage_link(Path(args["persons"]))
    elif name == "splink":
        result = stage_splink(Path(args["persons"]))
    elif name == "cohort":
        result = stage_cohort(as_of)
    elif name == "lists":
        result = stage_lists(as_of, Path(args["out"]))
    elif name == "pipeline":
        result = stage_pipeline(Path(args["folder"]), as_of, Path(args["out"]))
    else:
        raise ValueError(f"unknown stage {name!r}")
    result["in_process_seconds"] = time.perf_counter() - started
    result["seconds"] = sum(result["parts"].values())
    result["cpu_seconds"] = sum(result["cpu"].values())
    result["peak_rss_mb"] = peak_rss_mb()
    return result


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    result = run_stage(argv[0], json.loads(argv[1]))
    print(json.dumps(result, default=str))


if __name__ == "__main__":
    main()
