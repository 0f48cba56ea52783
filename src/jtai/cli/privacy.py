"""`jtai privacy export` and `jtai retention purge`: data leaving the product, and data removed."""

from __future__ import annotations

import getpass
from pathlib import Path

import typer
from rich.table import Table

from jtai.cli.links import _area
from jtai.cli.output import console, errors

privacy_app = typer.Typer(
    help="Pseudonymised extracts. Example: jtai privacy export --area E09000099 --out extract/"
)
retention_app = typer.Typer(
    help="Remove child-level data. Example: jtai retention purge --area E09000099 --yes"
)


@privacy_app.command("export")
def export(
    area: str = typer.Option(..., "--area", help="Local authority code of the area."),
    out: Path = typer.Option(..., "--out", help="Folder to write persons.csv and events.csv into."),
) -> None:
    """Write a pseudonymised extract: hashed identifiers, month of birth, postcode sector, no names.

    The salt is JTAI_PSEUDONYM_SALT, or one made once in the data directory; keep it secret.

    Example: jtai privacy export --area E09000099 --out extract-2026-11/
    """
    the_area = _area(area)
    from django.conf import settings

    from jtai.runs.privacy import export_pseudonymised, pseudonym_salt

    counts = export_pseudonymised(
        the_area,
        out,
        salt=pseudonym_salt(Path(settings.DATA_DIR)),
        actor=f"cli:{getpass.getuser()}",
        via="jtai privacy export",
    )
    for name, rows in counts.items():
        console.print(f"{out / name}: {rows:,} rows")


@retention_app.command("purge")
def purge(
    area: str = typer.Option(..., "--area", help="Local authority code of the area."),
    older_than_days: int = typer.Option(
        None, "--older-than-days", min=1, help="Only loads made more than this many days ago."
    ),
    yes: bool = typer.Option(False, "--yes", help="Confirm: this cannot be undone."),
) -> None:
    """Remove the area's child-level data (or only old loads' records), and record that it did.

    Example: jtai retention purge --area E09000099 --older-than-days 400 --yes
    """
    if not yes:
        errors.print("[red]This removes children's data for good.[/red] Add --yes to go ahead.")
        raise typer.Exit(2)
    the_area = _area(area)
    from django.utils import timezone

    from jtai.runs.privacy import remove_area_data, remove_old_loads

    actor = f"cli:{getpass.getuser()}"
    if older_than_days:
        run = remove_old_loads(
            the_area, older_than_days=older_than_days, now=timezone.now(), actor=actor
        )
    else:
        run = remove_area_data(the_area, actor=actor)
    table = Table("Table", "Rows removed", title=f"Retention: {run.scope} in {the_area}")
    for label, count in run.counts.items():
        table.add_row(label, f"{count:,}")
    console.print(table)
