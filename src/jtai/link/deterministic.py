"""The deterministic pass: records that share a valid identifier are the same child.

Only valid identifiers are keys (`load_raw` nulls an NHS number or UPN whose check character is
wrong), so a mistyped number can never join two children. The LA child id is a key wherever it is
known: it is the person id of the LA's own sources and a column partners may fill.
"""

# ruff: noqa: S608 -- SQL interpolates module constants only (column names, LA source codes)

from __future__ import annotations

from collections.abc import Sequence

import duckdb

# Identifier column -> the name used for the link's reason.
IDENTIFIER_KEYS: tuple[str, ...] = ("nhs_number", "upn", "la_child_id")


def identifier_sql(kinds: Sequence[str] = IDENTIFIER_KEYS) -> str:
    """SQL for the distinct (record_key, kind, value) rows of valid identifiers in `link_raw`."""
    return " union ".join(
        f"select record_key, '{c}' as kind, {c} as value from link_raw where {c} is not null"
        for c in kinds
    )


def anchored_sql() -> str:
    """SQL for (record_key, anchor, kind): each record joined to the smallest record key holding
    the same identifier value (a star, not every pair), which gives the same components with one
    edge per record. Every row of a record counts, so a record whose files disagree on a valid
    identifier links to both."""
    return f"""
        select distinct record_key, anchor, kind from (
            select record_key, kind, min(record_key) over (partition by kind, value) as anchor
            from ({identifier_sql()})
        ) where record_key <> anchor
    """


def deterministic_edges(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str, str]]:
    """(record_key, anchor_key, identifier) for every record sharing an identifier value
    (`anchored_sql`), in order."""
    rows = con.execute(
        f"select * from ({anchored_sql()}) order by record_key, anchor, kind"
    ).fetchall()
    return [(str(a), str(b), str(k)) for a, b, k in rows]


def identifier_values(con: duckdb.DuckDBPyConnection) -> dict[str, dict[str, list[str]]]:
    """record_key -> identifier -> values, for refusing links between conflicting identifiers."""
    rows = con.execute(
        f"select record_key, kind, list(distinct value) from ({identifier_sql()}) "
        "group by record_key, kind"
    ).fetchall()
    out: dict[str, dict[str, list[str]]] = {}
    for key, kind, values in rows:
        out.setdefault(key, {})[kind] = values
    return out
