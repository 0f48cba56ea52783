"""`jtai demo`: a synthetic partnership with demo users, ready to explore."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import typer
from rich.table import Table

from jtai import bootstrap
from jtai.cli.output import console


def demo(
    children: int = typer.Option(20_000, help="Child population (0-17) of the synthetic area."),
    seed: int = typer.Option(1, help="Random seed: the same seed gives the same area."),
    as_of: str = typer.Option(
        None, "--as-of", help="The as-of date (YYYY-MM-DD); defaults to today."
    ),
) -> None:
    """Create the synthetic demo area, run every pipeline step and print the demo accounts.

    Example: jtai demo --children 20000 --seed 1 && jtai serve
    """
    bootstrap.ensure_database()
    from django.conf import settings

    from jtai.runs import prepare_demo

    day = date.fromisoformat(as_of) if as_of else date.today()
    with console.status("Preparing the demo area...") as status:

        def progress(name: str, done: int, total: int) -> None:
            status.update(f"Demo: {name} ({done} of {total})")

        result = prepare_demo(
            data_dir=Path(settings.DATA_DIR) / "demo",
            children=children,
            seed=seed,
            as_of=day,
            progress=progress,
        )
    for step in result.steps:
        console.print(f"[green]✓[/green] {step}")
    table = Table(title=f"Demo accounts: {result.area}")
    table.add_column("Username", no_wrap=True)
    table.add_column("Password", no_wrap=True)
    table.add_column("Agency")
    table.add_column("Roles")
    for account in result.accounts:
        table.add_row(account.username, account.password, account.agency, ", ".join(account.roles))
    console.print(table)
    console.print("Sign in at [bold]http://127.0.0.1:8000/sign-in/[/bold] after `jtai serve`.")
    console.print(
        "make demo serves with JTAI_REQUIRE_MFA=false, so the demo accounts sign in with a "
        "password alone; otherwise the first sign-in sets up an authenticator app."
    )
