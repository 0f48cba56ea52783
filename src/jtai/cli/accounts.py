"""`jtai area ...` and `jtai user ...`: set up partnership areas and the people who use them."""

from __future__ import annotations

import getpass

import typer
from rich.table import Table

from jtai import bootstrap
from jtai.cli.output import console, errors

area_app = typer.Typer(help="Partnership areas. Example: jtai area create E09000099 --name 'X'")
user_app = typer.Typer(
    help="People and their roles. Example: jtai user create sam --area E09000099"
)


@area_app.command("create")
def create_area(
    code: str = typer.Argument(..., help="Local authority code, e.g. E09000099."),
    name: str = typer.Option(None, "--name", help="The partnership's name."),
) -> None:
    """Create a partnership area (or rename an existing one).

    Example: jtai area create E09000099 --name "Northbrook Safeguarding Partnership"
    """
    bootstrap.ensure_database()
    from django.core.exceptions import ValidationError

    from jtai.areas.services import ensure_area

    try:
        area, created = ensure_area(code, name)
    except ValidationError as error:
        errors.print(f"[red]Cannot create area {code}:[/red] {'; '.join(error.messages)}")
        raise typer.Exit(2) from error
    console.print(f"{'Created' if created else 'Updated'} {area}.")


@area_app.command("list")
def list_areas() -> None:
    """List every partnership area in this installation.

    Example: jtai area list
    """
    bootstrap.ensure_database()
    from jtai.areas.models import Area

    table = Table("Code", "Name")
    for area in Area.objects.all():
        table.add_row(area.code, area.name)
    console.print(table)


@user_app.command("create")
def create_user(
    username: str = typer.Argument(..., help="Sign-in name."),
    area_code: str = typer.Option(..., "--area", help="Local authority code of their area."),
    agency: str = typer.Option(
        "local_authority",
        help="local_authority, health, police, school, youth_justice, partnership, inspectorate.",
    ),
    role: list[str] = typer.Option(
        ["la_analyst"], "--role", help="A role (repeat for several), e.g. la_analyst, moderator."
    ),
    full_name: str = typer.Option("", help="Their name as shown on pages."),
) -> None:
    """Create a user in one agency of one area; asks for the password.

    Example: jtai user create sam.patel --area E09000099 --agency health --role agency_auditor
    """
    bootstrap.ensure_database()
    from django.core.exceptions import ValidationError

    from jtai.access.services import create_member
    from jtai.areas.models import Area

    area = Area.objects.filter(code=area_code.strip().upper()).first()
    if area is None:
        errors.print(
            f"[red]No area {area_code}.[/red] Create it with: jtai area create {area_code}"
        )
        raise typer.Exit(2)
    password = getpass.getpass("Password: ")
    try:
        create_member(
            username=username,
            password=password,
            area=area,
            agency=agency,
            roles=role,
            full_name=full_name,
        )
    except ValidationError as error:
        errors.print(f"[red]Cannot create {username}:[/red] {'; '.join(error.messages)}")
        raise typer.Exit(2) from error
    console.print(f"Created {username} in {area}.")
