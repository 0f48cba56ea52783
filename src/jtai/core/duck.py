"""One in-memory DuckDB database per process, and a private connection to it per piece of work.

Opening a DuckDB database costs 15-70 ms (its catalog, its thread pool); a connection to an open
one costs next to nothing, which matters when a folder of a dozen files is read file by file.
What a piece of work registers, and its TEMP tables and views, belong to its own connection and
go when that is closed, so two pieces of work never see each other's tables.
"""

from __future__ import annotations

import os
import threading

import duckdb

_LOCK = threading.Lock()
_DATABASE: dict[int, duckdb.DuckDBPyConnection] = {}


def private_connection() -> duckdb.DuckDBPyConnection:
    """A new connection to this process's in-memory database: close it when done.

    Keyed by process id: a forked child (a web server's worker) opens its own database rather
    than use one whose threads stayed behind in the parent. The parent's entry is kept, never
    used and never closed there: closing it would wait on threads the child does not have.
    """
    with _LOCK:
        database = _DATABASE.get(os.getpid())
        if database is None:
            database = _DATABASE[os.getpid()] = duckdb.connect(":memory:")
        return database.cursor()
