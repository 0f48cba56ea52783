"""`jtai load`: read, validate and load a folder of returns and partner extracts for one area."""

from __future__ import annotations

import getpass
from datetime import date
from pathlib import Path

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from jtai import bootstrap
from jtai.cli.output import console, errors

STATUS_STYLE = {"accepted": "green", "rejected": "red", "unchanged": "dim"}


def load(
    folder: Path = typer.Argument(
        ..., help="Folder holding the area's files (CIN census, SSDA903, Annex A, extracts)."
    ),
    area: str = typer.Option(
        ..., "--area", help="Local authority code of the area, e.g. E09000099."
    ),
    area_name: str = typer.Option(
        None, "--area-name", help="The area's name, used when this load creates the area."
    ),
    as_of: str = typer.Option(
        None, "--as-of", help="Validate against this date (YYYY-MM-DD); defaults to today."
    ),
    report: Path = typer.Option(
        None, "--report", help="Folder for the CSV report of every issue (default: data dir)."
    ),
) -> None:
    """Load every file in FOLDER for one area; each file is accepted whole or rejected whole.

    Exit status: 0 when every file was accepted, 1 when any was rejected (the others still
    load), 2 for a usage error.

    Example: jtai load ./returns --area E09000099 --area-name "Northbrook" --as-of 2026-11-01
    """
    if not folder.is_dir():
        errors.print(f"[red]{folder} is not a folder.[/red] Give the folder that holds the files.")
        raise typer.Exit(2)
    try:
        day = date.fromisoformat(as_of) if as_of else date.today()
    except ValueError as error:
        errors.print(f"[red]--as-of {as_of!r} is not a date like 2026-11-01.[/red]")
        raise typer.Exit(2) from error
    bootstrap.ensure_database()
    from django.conf import settings
    from django.core.exceptions import ValidationError

    from jtai.runs import load_folder

    with Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as bar:
        task = bar.add_task("Loading", total=None)

        def progress(name: str, done: int, total: int) -> None:
            bar.update(task, description=f"Loading {name}", completed=done, total=total)

        try:
            result = load_folder(
                folder,
                area_code=area,
                area_name=area_name,
                as_of=day,
                actor=f"cli:{getpass.getuser()}",
                report_dir=report or Path(settings.DATA_DIR) / "reports",
                progress=progress,
            )
        except ValidationError as error:
            errors.print(f"[red]Cannot load for area {area}:[/red] {'; '.join(error.messages)}")
            raise typer.Exit(2) from error

    table = Table(title=f"Load into {result.area}, as of {day.isoformat()}")
    table.add_column("File", no_wrap=True)
    table.add_column("Status", no_wrap=True)
    for heading in ("Rows", "People", "Events", "Errors", "Queries", "Warnings"):
        table.add_column(heading, justify="right")
    for f in result.files:
        style = STATUS_STYLE.get(f.status, "")
        table.add_row(
            f.file,
            f"[{style}]{f.status}[/{style}]" if style else f.status,
            *(str(n) for n in (f.rows_read, f.persons, f.events, f.errors, f.queries, f.warnings)),
        )
    console.print(table)
    if not result.files:
        console.print("[yellow]No files found to load.[/yellow]")
    for name in result.unrecognised:
        console.print(f"[yellow]Not recognised, not loaded:[/yellow] {name}")
    for name in result.skipped:
        console.print(f"Reference data, not loaded as records: {name}")
    if result.report:
        console.print(f"Every issue, file by file: {result.report}")
    if not result.all_accepted:
        raise typer.Exit(1)
