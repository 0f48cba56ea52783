"""`jtai audit list` and `jtai audit export`: case audits from the terminal, for the analyst."""

from __future__ import annotations

import getpass
from enum import StrEnum
from pathlib import Path

import typer
from rich.table import Table

from jtai.cli.links import _area
from jtai.cli.output import console, errors

audit_app = typer.Typer(
    help="Multi-agency case audits. Example: jtai audit list --area E09000099",
    no_args_is_help=True,
)

AREA = typer.Option(..., "--area", help="Local authority code of the area.")


class Format(StrEnum):
    PDF = "pdf"
    DOCX = "docx"


@audit_app.command("list")
def list_audits(area: str = AREA) -> None:
    """List the area's audits: child, tracked or sampled, status, each agency's part, actions.

    Example: jtai audit list --area E09000099
    """
    the_area = _area(area)
    from jtai.access.log import record_access
    from jtai.audits.models import Audit

    audits = list(Audit.objects.filter(area=the_area).prefetch_related("reviews", "actions"))
    record_access(
        actor=f"cli:{getpass.getuser()}",
        area=the_area,
        action="search",
        what="audits",
        via="jtai audit list",
        rows=len(audits),
    )
    table = Table("Id", "Child", "Role", "Status", "Agencies", "Open actions")
    for audit in audits:
        table.add_row(
            str(audit.pk),
            audit.child_label,
            audit.role,
            audit.get_status_display(),
            ", ".join(
                f"{r.agency} ({r.get_status_display().lower()})" for r in audit.reviews.all()
            ),
            str(sum(a.status == "open" for a in audit.actions.all())),
        )
    console.print(table)
    console.print(f"{len(audits)} audit{'s' if len(audits) != 1 else ''} in {the_area.name}.")


@audit_app.command("export")
def export(
    area: str = AREA,
    audit_id: int = typer.Option(..., "--id", help="The audit's number, from jtai audit list."),
    format_: Format = typer.Option(Format.PDF, "--format", help="pdf (accessible) or docx."),
    out: Path = typer.Option(..., "--out", help="File to write."),
) -> None:
    """Write a signed-off audit as an accessible PDF (PDF/UA-1) or an editable Word document.

    Example: jtai audit export --area E09000099 --id 3 --format pdf --out audit-3.pdf
    """
    the_area = _area(area)
    from jtai.access.log import record_access
    from jtai.audits.export import export_docx, export_pdf
    from jtai.audits.models import Audit
    from jtai.audits.services import AuditError

    audit = Audit.objects.filter(area=the_area, pk=audit_id).first()
    if audit is None:
        errors.print(f"[red]No audit {audit_id} in {the_area.code}.[/red] See: jtai audit list")
        raise typer.Exit(2)
    try:
        content = export_pdf(audit) if format_ == Format.PDF else export_docx(audit)
    except AuditError as error:
        errors.print(f"[red]{error}.[/red] Audit {audit_id} is {audit.get_status_display()}.")
        raise typer.Exit(1) from error
    out.write_bytes(content)
    record_access(
        actor=f"cli:{getpass.getuser()}",
        area=the_area,
        action="export",
        what=out.name,
        child_key=audit.child_key,
        via="jtai audit export",
        rows=1,
    )
    console.print(f"Audit {audit.pk} of child {audit.child_label} written to {out}.")
