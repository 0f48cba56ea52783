"""`jtai synth`: write a synthetic partnership's data folder, with its ground truth.

A thin command: parse, call `jtai.synth.generate_area`, report. The lead registers `synth` in the
Typer app.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from jtai.core.dates import parse_date
from jtai.synth import AreaSummary, generate_area


def synth(
    outdir: Annotated[Path, typer.Argument(help="Folder to write the area's files into.")],
    children: Annotated[
        int, typer.Option("--children", min=1, help="The area's child population aged 0-17.")
    ] = 20000,
    seed: Annotated[int, typer.Option("--seed", help="Random seed: same seed, same bytes.")] = 1,
    as_of: Annotated[
        str, typer.Option("--as-of", help="As-of date YYYY-MM-DD; nothing later is written.")
    ] = "2026-11-01",
    dirty: Annotated[
        bool, typer.Option("--dirty", help="Also write _dirty/<case>/ faulty files for validators.")
    ] = False,
) -> None:
    """Write one synthetic partnership's data folder: statutory returns, partner extracts, truth.

    Example:

        jtai synth demo-data --children 20000 --seed 1 --as-of 2026-11-01
    """
    day = parse_date(as_of)
    if day is None or "-" not in as_of:
        raise typer.BadParameter("use YYYY-MM-DD", param_hint="--as-of")
    console = Console()
    started = time.perf_counter()  # the CLI may read the clock; the generator never does
    with Progress(
        TextColumn("[bold]Simulating children"),
        BarColumn(),
        TextColumn("{task.completed:,}/{task.total:,}"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as bar:
        task = bar.add_task("synth", total=children)
        summary = generate_area(
            outdir, children, seed, day, dirty, lambda done: bar.update(task, completed=done)
        )
    _report(console, summary, time.perf_counter() - started)


def _report(console: Console, summary: AreaSummary, seconds: float) -> None:
    table = Table(title=f"Synthetic partnership in {summary.outdir}", show_lines=False)
    table.add_column("file")
    table.add_column("rows", justify="right")
    for name, rows in summary.files.items():
        table.add_row(name, f"{rows:,}")
    console.print(table)
    s = summary
    console.print(
        f"{s.children:,} children as of {s.as_of.isoformat()} (seed {s.seed}) in {seconds:.1f} s: "
        f"in need {s.rate(s.in_need):.2%}, CP {s.rate(s.cp):.2%}, looked after "
        f"{s.rate(s.looked_after):.2%}, mental disorder (5-17) "
        f"{s.rate(s.disorder_5_17, s.aged_5_17):.1%}, of whom in contact with services "
        f"{s.rate(s.disorder_in_contact, s.disorder_5_17):.0%}; truth cohort {s.cohort:,} children"
        + (f"; {s.dirty_cases} dirty cases" if s.dirty_cases else "")
    )
