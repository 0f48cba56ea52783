"""`jtai links ...`: run linkage, export each record's child, and report its quality."""

from __future__ import annotations

import getpass
from pathlib import Path
from typing import Any

import typer
from rich.table import Table

from jtai import bootstrap
from jtai.cli.output import console, errors

links_app = typer.Typer(
    help="Link each child's records across agencies. Example: jtai links run --area E09000099"
)


def _area(code: str) -> Any:
    bootstrap.ensure_database()
    from jtai.areas.models import Area

    area = Area.objects.filter(code=code.strip().upper()).first()
    if area is None:
        errors.print(
            f"[red]No area {code}.[/red] Load its files first: jtai load DIR --area {code}"
        )
        raise typer.Exit(2)
    return area


@links_app.command("run")
def run(area: str = typer.Option(..., "--area", help="Local authority code of the area.")) -> None:
    """Re-run linkage for an area now (it also runs after every load that accepted a file).

    Example: jtai links run --area E09000099
    """
    the_area = _area(area)
    from jtai.runs import link_area

    with console.status("Linking records across agencies..."):
        outcome = link_area(the_area, actor=f"cli:{getpass.getuser()}", trigger="command")
    run_ = outcome.run
    table = Table("Method", "Records", title=f"Linkage for {the_area}")
    for method, count in sorted(run_.by_method.items()):
        table.add_row(method, f"{count:,}")
    console.print(table)
    console.print(
        f"{run_.records:,} records, {run_.children:,} children, "
        f"{run_.review_pairs:,} pairs waiting for a person to review."
    )
    for event in outcome.result.events:
        console.print(f"[yellow]{event.kind}[/yellow]: {event.previous_keys} -> {event.child_keys}")


@links_app.command("export")
def export(
    area: str = typer.Option(..., "--area", help="Local authority code of the area."),
    out: Path = typer.Option(..., "--out", help="CSV file to write."),
) -> None:
    """Write each record's child: source, person_id, child_key, la_child_id, probability, method.

    Example: jtai links export --area E09000099 --out links.csv
    """
    the_area = _area(area)
    from jtai.access.log import record_access
    from jtai.core.export_safety import write_safe_csv
    from jtai.links.models import ChildLink

    columns = ("source", "person_id", "child_key", "la_child_id", "match_probability", "method")
    rows = ChildLink.objects.filter(area=the_area).order_by("source", "person_id")
    with out.open("w", encoding="utf-8", newline="") as handle:
        count = write_safe_csv(
            handle,
            columns,
            (
                (r.source, r.person_id, r.child_key, r.la_child_id, _probability(r), r.method)
                for r in rows.iterator()
            ),
        )
    record_access(
        actor=f"cli:{getpass.getuser()}",
        area=the_area,
        action="export",
        what=out.name,
        via="jtai links export",
        rows=count,
    )
    console.print(f"Wrote {count:,} records to {out}.")


def _probability(link: Any) -> str:
    return "" if link.match_probability is None else f"{link.match_probability:.6f}"


@links_app.command("quality")
def quality(
    area: str = typer.Option(..., "--area", help="Local authority code of the area."),
    truth: Path = typer.Option(
        None, "--truth", help="A synthetic area's _truth/persons.csv, to measure against."
    ),
) -> None:
    """Counts by method, the review queue, and (with --truth) precision, recall and F1.

    Example: jtai links quality --area E06009999 --truth var/demo/synthetic-.../_truth/persons.csv
    """
    the_area = _area(area)
    from jtai.links.models import LinkRun

    latest = LinkRun.objects.filter(area=the_area).first()
    if latest is None:
        errors.print("[red]This area has not been linked yet.[/red] Run: jtai links run")
        raise typer.Exit(2)
    table = Table("Measure", "Value", title=f"Linkage quality for {the_area}")
    for method, count in sorted(latest.by_method.items()):
        table.add_row(f"records linked by {method}", f"{count:,}")
    table.add_row("children", f"{latest.children:,}")
    table.add_row("pairs waiting for review", f"{latest.review_pairs:,}")
    if truth is not None:
        from jtai.runs.linking import stored_link_quality

        figures = stored_link_quality(the_area, truth)
        for name, value in figures.items():
            if isinstance(value, dict):
                continue
            shown = f"{value:.4f}" if isinstance(value, float) else f"{value:,}"
            table.add_row(name, shown)
    console.print(table)
