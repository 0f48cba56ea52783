"""`jtai migrate` and `jtai serve`."""

from __future__ import annotations

import typer

from jtai import bootstrap
from jtai.cli.output import console


def migrate() -> None:
    """Create or update the database schema (needed for PostgreSQL; automatic for SQLite).

    Example: DATABASE_URL=postgres://postgres@127.0.0.1:5432/jtai jtai migrate
    """
    bootstrap.configure_django()
    pending = bootstrap.pending_migrations()
    if not pending:
        console.print("The database is up to date.")
        return
    with console.status(f"Applying {len(pending)} migrations..."):
        bootstrap.migrate()
    console.print(f"Applied {len(pending)} migrations.")


def serve(
    address: str = typer.Option("127.0.0.1:8000", help="Address and port to listen on."),
) -> None:
    """Serve the web app (a development server: put a WSGI server in front for production).

    Example: jtai serve --address 127.0.0.1:8000
    """
    bootstrap.ensure_database()
    from django.core.management import call_command

    console.print(f"Serving jtai on [bold]http://{address}/[/bold] - press Ctrl+C to stop.")
    call_command("runserver", address, use_reloader=False, skip_checks=False)
