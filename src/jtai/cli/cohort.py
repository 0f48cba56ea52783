"""`jtai cohort export` and `jtai lists export`: the children inspectors will ask about."""

from __future__ import annotations

import getpass
from datetime import date
from pathlib import Path

import typer
from rich.table import Table

from jtai.cli.links import _area
from jtai.cli.output import console, errors

cohort_app = typer.Typer(
    help="The deep-dive cohort. Example: jtai cohort export --area E09000099 --out cohort.csv"
)
lists_app = typer.Typer(
    help="The inspection lists workbook. Example: jtai lists export --area E09000099 --out l.xlsx"
)

AREA = typer.Option(..., "--area", help="Local authority code of the area.")
AS_OF = typer.Option(None, "--as-of", help="The as-of date D (YYYY-MM-DD); defaults to today.")
DEFINITION = typer.Option(
    "jtai-mh-2019", "--definition", help="A definition name, or the path of a copied YAML file."
)


def _day(as_of: str | None) -> date:
    try:
        return date.fromisoformat(as_of) if as_of else date.today()
    except ValueError as error:
        errors.print(f"[red]--as-of {as_of!r} is not a date like 2026-11-01.[/red]")
        raise typer.Exit(2) from error


@cohort_app.command("export")
def export_cohort(
    area: str = AREA,
    as_of: str = AS_OF,
    out: Path = typer.Option(..., "--out", help="CSV file to write."),
    definition: str = DEFINITION,
) -> None:
    """Write the cohort: la_child_id, legal_status, mh_category, at_risk, indicators.

    Example: jtai cohort export --area E09000099 --as-of 2026-11-01 --out cohort.csv
    """
    day = _day(as_of)
    the_area = _area(area)
    from jtai.cohort import DefinitionError
    from jtai.runs.cohort import export_cohort as run_export

    try:
        with console.status("Finding the cohort..."):
            found = run_export(
                the_area,
                as_of=day,
                out=out,
                actor=f"cli:{getpass.getuser()}",
                via="jtai cohort export",
                definition=definition,
            )
    except DefinitionError as error:
        errors.print(f"[red]{error}[/red]")
        raise typer.Exit(2) from error
    table = Table("Legal status", "Diagnosed", "Living with", "Early signs", "At risk")
    for status in ("CLA", "CP", "CIN"):
        kids = [c for c in found.cohort.children if c.legal_status == status]
        table.add_row(
            status,
            *(
                str(sum(c.mh_category == cat for c in kids))
                for cat in ("diagnosed", "living_with", "early_signs")
            ),
            str(sum(c.at_risk for c in kids)),
        )
    console.print(table)
    console.print(
        f"{len(found.cohort.children)} children as of {day} under {found.definition.name} "
        f"{found.definition.version}, written to {out}."
    )


@lists_app.command("export")
def export_lists(
    area: str = AREA,
    as_of: str = AS_OF,
    out: Path = typer.Option(..., "--out", help="Workbook (.xlsx) to write."),
    definition: str = DEFINITION,
) -> None:
    """Write the inspection lists workbook: cover sheet and lists 1 to 5.

    Example: jtai lists export --area E09000099 --as-of 2026-11-01 --out lists.xlsx
    """
    day = _day(as_of)
    the_area = _area(area)
    from jtai.cohort import DefinitionError
    from jtai.runs.cohort import export_lists as run_export

    try:
        with console.status("Building the inspection lists..."):
            counts = run_export(
                the_area,
                as_of=day,
                out=out,
                actor=f"cli:{getpass.getuser()}",
                via="jtai lists export",
                definition=definition,
            )
    except DefinitionError as error:
        errors.print(f"[red]{error}[/red]")
        raise typer.Exit(2) from error
    table = Table("Sheet", "Rows", title=f"Inspection lists as of {day}")
    for sheet, rows in counts.items():
        table.add_row(sheet, f"{rows:,}")
    console.print(table)
    console.print(f"Written to {out}.")
