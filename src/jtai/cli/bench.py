"""`jtai bench`: time every stage on synthetic areas of several sizes and write BENCHMARKS.md."""

from __future__ import annotations

import shlex
from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from jtai.bench import parse_stages, render, run_bench
from jtai.bench.run import READ_PAIRS, saved_extra


def bench(
    sizes: Annotated[
        str, typer.Option("--sizes", help="Comma-separated numbers of children, one area each.")
    ] = "20000,250000,1000000",
    work: Annotated[
        Path,
        typer.Option("--work", help="Folder for the synthetic areas, databases and results."),
    ] = Path("var/bench"),
    out: Annotated[Path, typer.Option("--out", help="The Markdown report to write.")] = Path(
        "BENCHMARKS.md"
    ),
    reuse: Annotated[
        bool, typer.Option("--reuse/--regenerate", help="Reuse a complete synthetic folder.")
    ] = True,
    seed: Annotated[int, typer.Option("--seed", help="Random seed of the synthetic areas.")] = 1,
    stages: Annotated[
        str,
        typer.Option(
            "--stages",
            help="all, or some of read,raw,load,link,splink,cohort,lists,pipeline (in order).",
        ),
    ] = "all",
    read_pairs: Annotated[
        int,
        typer.Option(
            "--read-pairs",
            min=1,
            help="Run our read and the raw floor this many times, one after the other, and "
            "report the pair with the median ratio.",
        ),
    ] = READ_PAIRS,
) -> None:
    """Time read, validate, load, link, cohort and lists per area size, with peak memory.

    Side by side: DuckDB's raw read of each file and Splink alone. Synthetic data only.

    Example:

        jtai bench --sizes 20000,250000 --work var/bench --out BENCHMARKS.md
    """
    console = Console()
    try:
        counts = [int(s.replace("_", "")) for s in sizes.split(",") if s.strip()]
        chosen = parse_stages(stages)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from exc
    if not counts or min(counts) < 1:
        raise typer.BadParameter("give one or more positive numbers", param_hint="--sizes")
    command = (
        f"jtai bench --sizes {sizes} --work {shlex.quote(str(work))} "
        f"--out {shlex.quote(str(out))} --seed {seed} --stages {stages}"
        + ("" if reuse else " --regenerate")
        + ("" if read_pairs == READ_PAIRS else f" --read-pairs {read_pairs}")
    )
    measured = datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")  # the CLI reads the clock
    machine, results = run_bench(
        counts,
        work,
        seed=seed,
        stages=chosen,
        reuse=reuse,
        command=command,
        measured=measured,
        say=console.print,
        read_pairs=read_pairs,
    )
    out.write_text(render(machine, results, command, saved_extra(work)), encoding="utf-8")
    console.print(f"Wrote {out}")
