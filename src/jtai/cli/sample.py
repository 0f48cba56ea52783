"""`jtai sample draw`: choose the tracked and sampled children to audit, with reasons."""

from __future__ import annotations

import getpass
from pathlib import Path

import typer
from rich.table import Table

from jtai.cli.cohort import AS_OF, DEFINITION, _day
from jtai.cli.links import _area
from jtai.cli.output import console, errors

sample_app = typer.Typer(
    help=(
        "Choose the children to audit: tracked and sampled. "
        "Example: jtai sample draw --area E09000099 --seed 7 --out sample.csv"
    )
)


@sample_app.command("draw")
def draw(
    area: str = typer.Option(..., "--area", help="Local authority code of the area."),
    as_of: str = AS_OF,
    tracked: int = typer.Option(6, "--tracked", min=5, max=7, help="Children to track (5-7)."),
    sampled: int = typer.Option(20, "--sampled", min=0, help="Children to sample."),
    seed: int = typer.Option(..., "--seed", help="Any whole number; the same seed, same draw."),
    out: Path = typer.Option(..., "--out", help="CSV file to write: la_child_id, role, reason."),
    definition: str = DEFINITION,
) -> None:
    """Draw tracked and sampled children from the cohort, store the draw, and write it as CSV.

    Example: jtai sample draw --area E09000099 --as-of 2026-11-01 --seed 7 --out sample.csv
    """
    day = _day(as_of)
    the_area = _area(area)
    from jtai.cohort import DefinitionError
    from jtai.runs.sampling import draw_selection, export_selection
    from jtai.sampling import SamplingError

    actor = f"cli:{getpass.getuser()}"
    try:
        with console.status("Finding the cohort and drawing..."):
            drawn = draw_selection(
                the_area,
                as_of=day,
                tracked=tracked,
                sampled=sampled,
                seed=seed,
                actor=actor,
                definition=definition,
            )
    except (DefinitionError, SamplingError) as error:
        errors.print(f"[red]{error}[/red]")
        raise typer.Exit(2) from error
    selection = drawn.selection
    with out.open("w", encoding="utf-8", newline="") as handle:
        rows = export_selection(
            selection, handle, actor=actor, via="jtai sample draw", what=out.name
        )
    table = Table("Role", "LA child ID", "Reason", title=f"Selection {selection.pk} as of {day}")
    for child in selection.current():
        table.add_row(child.role, child.la_child_id or child.child_key, child.reason)
    console.print(table)
    if drawn.draw.gaps:
        console.print("[bold]What the cohort could not give:[/bold]")
        for gap in drawn.draw.gaps:
            console.print(f"  - {gap}")
    console.print(
        f"{rows} children from a cohort of {drawn.draw.cohort_size} (seed {seed}), "
        f"selection {selection.pk}, written to {out}."
    )
