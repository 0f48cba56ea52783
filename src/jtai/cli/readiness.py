"""`jtai measures show`, `jtai letter export`, `jtai overview export`: readiness, from a shell."""

from __future__ import annotations

import getpass
from enum import StrEnum
from pathlib import Path

import typer
from rich.table import Table

from jtai import bootstrap
from jtai.cli.cohort import _day
from jtai.cli.links import _area
from jtai.cli.output import console

AREA = typer.Option(..., "--area", help="Local authority code of the area.")
AS_OF = typer.Option(None, "--as-of", help="The date the data is as known on (default: today).")
OUT = typer.Option(..., "--out", help="File to write.")

measures_app = typer.Typer(
    help="Readiness measures. Example: jtai measures show --area E09000099 --as-of 2026-11-01",
    no_args_is_help=True,
)
letter_app = typer.Typer(
    help=(
        "The draft findings letter. "
        "Example: jtai letter export --area E09000099 --format pdf --out letter.pdf"
    ),
    no_args_is_help=True,
)
overview_app = typer.Typer(
    help="The overview across areas. Example: jtai overview export --format docx --out o.docx",
    no_args_is_help=True,
)


class Format(StrEnum):
    PDF = "pdf"
    DOCX = "docx"


FORMAT = typer.Option(Format.PDF, "--format", help="pdf (tagged, PDF/UA-1) or docx (to edit).")


def _actor() -> str:
    return f"cli:{getpass.getuser()}"


@measures_app.command("show")
def show(area: str = AREA, as_of: str | None = AS_OF) -> None:
    """Print every measure: value, numerator, denominator, change since the previous load.

    Example: jtai measures show --area E09000099 --as-of 2026-11-01
    """
    day = _day(as_of)
    the_area = _area(area)
    from jtai.runs.readiness import area_measures

    found = area_measures(the_area, as_of=day)
    table = Table("Code", "Measure", "Scope", "Value", "Numerator", "Denominator", "Change")
    for m in found.measures:
        change = found.changes.get(m.code)
        table.add_row(
            m.code,
            m.title,
            m.scope,
            m.display,
            "" if m.numerator is None else str(m.numerator),
            "" if m.denominator is None else str(m.denominator),
            "" if change is None else f"{change:+g}",
        )
    console.print(table)


def _write(out: Path, content: bytes, *, area: object, what: str, via: str) -> None:
    from jtai.access.log import record_access

    out.write_bytes(content)
    record_access(actor=_actor(), area=area, action="export", what=what, via=via)  # type: ignore[arg-type]
    console.print(f"Wrote {out}.")


@letter_app.command("export")
def export_letter(
    area: str = AREA, as_of: str | None = AS_OF, format: Format = FORMAT, out: Path = OUT
) -> None:
    """Write the draft findings letter (with any saved wording) as PDF or DOCX.

    Example: jtai letter export --area E09000099 --as-of 2026-11-01 --format docx --out letter.docx
    """
    day = _day(as_of)
    the_area = _area(area)
    from jtai.readiness.render import letter_docx, letter_html
    from jtai.reports.pdf import html_to_pdf
    from jtai.runs.readiness import area_letter

    letter, _draft = area_letter(the_area, as_of=day)
    content = html_to_pdf(letter_html(letter)) if format == Format.PDF else letter_docx(letter)
    _write(out, content, area=the_area, what=out.name, via="jtai letter export")


@overview_app.command("export")
def export_overview(
    as_of: str | None = AS_OF,
    format: Format = FORMAT,
    out: Path = OUT,
    area: list[str] = typer.Option(None, "--area", help="An area to include (default: all)."),
) -> None:
    """Write the overview across areas (common findings, measures side by side).

    Example: jtai overview export --as-of 2026-11-01 --format pdf --out overview.pdf
    """
    day = _day(as_of)
    bootstrap.ensure_database()
    from jtai.areas.models import Area
    from jtai.readiness.render import overview_docx, overview_html
    from jtai.reports.pdf import html_to_pdf
    from jtai.runs.readiness import areas_overview

    areas = [_area(code) for code in area] if area else list(Area.objects.order_by("code"))
    if not areas:
        console.print("No area yet. Load one first: jtai load DIR --area CODE")
        raise typer.Exit(2)
    built = areas_overview(areas, as_of=day)
    content = html_to_pdf(overview_html(built)) if format == Format.PDF else overview_docx(built)
    _write(out, content, area=None, what=out.name, via="jtai overview export")
