"""`jtai migrate` and `jtai serve`."""

from __future__ import annotations

import importlib.util
import os
import sys

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


def gunicorn_command(address: str, *, workers: int, threads: int) -> list[str]:
    """gunicorn serving the web app, configured (worker hooks, timeouts) by `jtai.web.server`."""
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "--config",
        "python:jtai.web.server",
        "--bind",
        address,
        "--workers",
        str(workers),
        "--threads",
        str(threads),
        "jtai.web.wsgi:application",
    ]


def serve(
    address: str = typer.Option("127.0.0.1:8000", help="Address and port to listen on."),
    workers: int = typer.Option(
        0,
        min=0,
        help="Serve with gunicorn and this many worker processes (e.g. one per core, "
        "with --threads 4); "
        "0 runs the development server.",
    ),
    threads: int = typer.Option(1, min=1, help="Threads per gunicorn worker (with --workers)."),
) -> None:
    """Serve the web app: Django's development server, or gunicorn with --workers.

    Example: jtai serve --address 127.0.0.1:8000 --workers 2 --threads 4
    """
    bootstrap.ensure_database()
    console.print(f"Serving jtai on [bold]http://{address}/[/bold] - press Ctrl+C to stop.")
    if workers:
        if importlib.util.find_spec("gunicorn") is None:
            console.print("[red]--workers needs gunicorn: pip install gunicorn[/red]")
            raise typer.Exit(2)
        os.execv(  # noqa: S606 - our own interpreter running gunicorn, no shell
            sys.executable, gunicorn_command(address, workers=workers, threads=threads)
        )
        return  # not reached: gunicorn has replaced this process
    from django.core.management import call_command

    call_command("runserver", address, use_reloader=False, skip_checks=False)
