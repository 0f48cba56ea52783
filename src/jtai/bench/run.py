"""Run the benchmark: per area size, generate or reuse the synthetic folder, then each stage.

Every stage runs in its own fresh Python process (`jtai.bench.stages`) so its peak memory is its
own; the database stages share one embedded SQLite data directory per area, made fresh per run.
Results are kept as JSON per size under the work folder, so a later run of another size adds to
the report instead of replacing it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from jtai.bench.machine import load_average, machine
from jtai.bench.report import csv_seconds
from jtai.synth import generate_area

AS_OF = date(2026, 11, 1)
STAGES: tuple[str, ...] = (
    "read",
    "raw",
    "load",
    "link",
    "splink",
    "cohort",
    "lists",
    "pipeline",
)
COMPLETE = ".bench-complete"  # written after generation, so a half-written folder is never reused
# Our read and the raw floor run this many times as pairs, one after the other: one run of a
# few seconds on a shared machine can be a third slower than the next.
READ_PAIRS = 3

Say = Callable[[str], None]


@dataclass
class SizeResult:
    children: int
    seed: int
    folder: str
    generated_seconds: float | None
    stages: dict[str, dict[str, Any]] = field(default_factory=dict)
    load_before: tuple[float, float, float] = (0.0, 0.0, 0.0)
    load_after: tuple[float, float, float] = (0.0, 0.0, 0.0)
    command: str = ""
    measured: str = ""

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def parse_stages(stages: str) -> list[str]:
    if stages.strip() == "all":
        return list(STAGES)
    wanted = [s.strip() for s in stages.split(",") if s.strip()]
    unknown = [s for s in wanted if s not in STAGES]
    if unknown:
        raise ValueError(f"unknown stage(s) {', '.join(unknown)}; choose from {', '.join(STAGES)}")
    return [s for s in STAGES if s in wanted]


def area_folder(work: Path, children: int, seed: int) -> Path:
    return work / f"area-{children}-seed{seed}"


def ensure_area_folder(
    work: Path, children: int, seed: int, reuse: bool, say: Say
) -> tuple[Path, float | None]:
    """The folder for this size: reused when complete and allowed, else generated afresh."""
    folder = area_folder(work, children, seed)
    if reuse and (folder / COMPLETE).exists():
        say(f"reusing {folder}")
        return folder, None
    if folder.exists():
        shutil.rmtree(folder)
    say(f"generating {children:,} children into {folder}")
    started = time.perf_counter()
    generate_area(folder, children, seed, AS_OF)
    seconds = time.perf_counter() - started
    (folder / COMPLETE).write_text(f"{children} {seed} {AS_OF.isoformat()}\n", encoding="utf-8")
    return folder, seconds


def stage_env(data_dir: Path) -> dict[str, str]:
    """The environment of a stage process: a fresh embedded database, never a configured one."""
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["JTAI_DATA_DIR"] = str(data_dir)
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return env


def run_stage_process(stage: str, args: dict[str, Any], env: dict[str, str]) -> dict[str, Any]:
    """Run one stage in a fresh interpreter; its result, plus the process's own wall time."""
    started = time.perf_counter()
    proc = subprocess.run(  # noqa: S603 - our own interpreter and module, arguments are JSON
        [sys.executable, "-m", "jtai.bench.stages", stage, json.dumps(args)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    wall = time.perf_counter() - started
    if proc.returncode != 0:
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-5:]
        return {"error": " | ".join(tail) or f"exit {proc.returncode}", "process_seconds": wall}
    lines = [ln for ln in proc.stdout.strip().splitlines() if ln.startswith("{")]
    result: dict[str, Any] = json.loads(lines[-1])
    result["process_seconds"] = wall
    return result


def bench_size(
    work: Path,
    children: int,
    seed: int,
    stages: Sequence[str],
    reuse: bool,
    say: Say,
    read_pairs: int = READ_PAIRS,
) -> SizeResult:
    folder, generated = ensure_area_folder(work, children, seed, reuse, say)
    result = SizeResult(children, seed, str(folder), generated, load_before=load_average())
    data_dir = work / f"db-{children}-seed{seed}"
    if "load" in stages and data_dir.exists():
        shutil.rmtree(data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    env = stage_env(data_dir)
    persons = work / f"persons-{children}-seed{seed}.parquet"
    common = {"folder": str(folder), "as_of": AS_OF.isoformat()}
    for stage in stages:
        args: dict[str, Any] = dict(common)
        if stage == "raw":
            read = result.stages.get("read", {}).get("info", {}).get("per_file")
            args["files"] = sorted(read) if read else _data_files(folder)
        if stage in ("link", "splink"):
            args["persons"] = str(persons)
        if stage == "lists":
            args["out"] = str(work / f"lists-{children}-seed{seed}.xlsx")
        stage_env_ = env
        if stage == "pipeline":  # its own empty database: it loads everything itself
            args["out"] = str(work / f"lists-{children}-seed{seed}-pipeline.xlsx")
            pipeline_dir = work / f"db-{children}-seed{seed}-pipeline"
            shutil.rmtree(pipeline_dir, ignore_errors=True)
            pipeline_dir.mkdir(parents=True)
            stage_env_ = stage_env(pipeline_dir)
        say(f"{children:,} children: {stage}")
        outcome = run_stage_process(stage, args, stage_env_)
        if stage == "raw" and "read" in result.stages:
            pairs = [(result.stages["read"], outcome)]
            for n in range(2, read_pairs + 1):
                say(f"{children:,} children: read and raw again ({n} of {read_pairs})")
                pairs.append(
                    (
                        run_stage_process("read", dict(common), env),
                        run_stage_process("raw", args, env),
                    )
                )
            result.stages["read"], outcome = median_pair(pairs)
        result.stages[stage] = outcome
        if "error" in outcome:
            say(f"  failed: {outcome['error']}")
        else:
            say(f"  {outcome['seconds']:.1f} s, peak {outcome['peak_rss_mb']:,.0f} MB")
    result.load_after = load_average()
    return result


def median_pair(
    pairs: Sequence[tuple[dict[str, Any], dict[str, Any]]],
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The (read, raw) pair whose CSV ratio is the median (the lower middle of an even count),
    its raw result listing every pair's seconds and ratio in the order they ran."""
    measured = []
    for index, (read, raw) in enumerate(pairs):
        found = csv_seconds({"stages": {"read": read, "raw": raw}})
        if found and found[1]:
            measured.append((found[0] / found[1], index, found))
    if not measured:
        return pairs[0]
    chosen = sorted(measured)[(len(measured) - 1) // 2][1]
    read, raw = pairs[chosen]
    raw = dict(raw)
    raw["pairs"] = [
        {"ours": ours, "floor": floor, "ratio": ratio} for ratio, _, (ours, floor) in measured
    ]
    raw["pair_chosen"] = chosen
    return read, raw


def _data_files(folder: Path) -> list[str]:
    return sorted(
        p.name
        for p in folder.iterdir()
        if p.is_file() and p.suffix in (".csv", ".xml", ".xlsx") and p.name != "population.csv"
    )


def save_result(work: Path, result: SizeResult) -> None:
    out = work / "results" / f"{result.children}-seed{result.seed}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result.as_dict(), indent=2, default=str), encoding="utf-8")


def saved_results(work: Path, seed: int) -> list[dict[str, Any]]:
    """Every size measured under `work` with this seed, smallest first."""
    found = [
        json.loads(p.read_text(encoding="utf-8"))
        for p in (work / "results").glob(f"*-seed{seed}.json")
    ]
    return sorted(found, key=lambda r: int(r["children"]))


def saved_extra(work: Path) -> str:
    """Hand-written Markdown kept with the results (`results/extra.md`), such as load-test figures
    measured outside `jtai bench`; empty when there is none."""
    path = work / "results" / "extra.md"
    return path.read_text(encoding="utf-8") if path.exists() else ""


def run_bench(
    sizes: Sequence[int],
    work: Path,
    *,
    seed: int,
    stages: Sequence[str],
    reuse: bool,
    command: str,
    measured: str,
    say: Say = print,
    read_pairs: int = READ_PAIRS,
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Benchmark each size; returns the machine and every saved result for this seed."""
    work.mkdir(parents=True, exist_ok=True)
    for children in sizes:
        result = bench_size(work, children, seed, stages, reuse, say, read_pairs)
        result.command = command
        result.measured = measured
        save_result(work, result)
    return machine(), saved_results(work, seed)
