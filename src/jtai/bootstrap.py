"""Start Django for the command line and the web, and bring an embedded database up to date.

The embedded default (SQLite under the data directory) is created and migrated on first use,
so every command works on a new, empty data directory. A server database (PostgreSQL) is
migrated only when someone runs `jtai migrate`, since a deployment decides when its schema
changes.
"""

from __future__ import annotations

import os

DEFAULT_SETTINGS = "jtai.web.settings"


def configure_django() -> None:
    """Point Django at our settings (unless the environment names others) and set it up once."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", DEFAULT_SETTINGS)
    import django
    from django.apps import apps

    if not apps.ready:
        django.setup()


def database_is_embedded() -> bool:
    from django.db import connection

    return connection.vendor == "sqlite"


def pending_migrations() -> list[tuple[str, str]]:
    """The migrations not yet applied to the configured database, as (app, name) pairs."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [(migration.app_label, migration.name) for migration, _backwards in plan]


def migrate(verbosity: int = 0) -> None:
    """Apply every pending migration."""
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=verbosity)


def ensure_database() -> None:
    """Configure Django and, for the embedded database only, migrate it if it is behind."""
    configure_django()
    if database_is_embedded() and pending_migrations():
        migrate()
