"""The deterministic pass: records that share a valid identifier are the same child.

Only valid identifiers are keys (`load_raw` nulls an NHS number or UPN whose check character is
wrong), so a mistyped number can never join two children. The LA child id is a key wherever it is
known: it is the person id of the LA's own sources and a column partners may fill.
"""

# ruff: noqa: S608 -- SQL interpolates module constants only (column names, LA source codes)

from __future__ import annotations

import duckdb

# Identifier column -> the name used for the link's reason.
IDENTIFIER_KEYS: tuple[str, ...] = ("nhs_number", "upn", "la_child_id")


def deterministic_edges(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str, str]]:
    """(record_key, anchor_key, identifier) for every record sharing an identifier value.

    Each record is joined to the smallest record key holding the same value (a star, not every
    pair), which gives the same components with one edge per record. Every row of a record counts,
    so a record whose files disagree on a valid identifier links to both.
    """
    unions = " union ".join(
        f"select distinct record_key, '{col}' as kind, {col} as value "
        f"from link_raw where {col} is not null"
        for col in IDENTIFIER_KEYS
    )
    rows = con.execute(
        f"""
        with ids as ({unions}),
        anchored as (
            select record_key, kind,
                   min(record_key) over (partition by kind, value) as anchor
            from ids
        )
        select distinct record_key, anchor, kind from anchored
        where record_key <> anchor
        order by record_key, anchor, kind
        """
    ).fetchall()
    return [(str(a), str(b), str(k)) for a, b, k in rows]


def identifier_values(con: duckdb.DuckDBPyConnection) -> dict[str, dict[str, list[str]]]:
    """record_key -> identifier -> values, for refusing links between conflicting identifiers."""
    unions = " union all ".join(
        f"select record_key, '{col}' as kind, {col} as value from link_raw where {col} is not null"
        for col in IDENTIFIER_KEYS
    )
    rows = con.execute(
        f"select record_key, kind, list(distinct value) from ({unions}) group by record_key, kind"
    ).fetchall()
    out: dict[str, dict[str, list[str]]] = {}
    for key, kind, values in rows:
        out.setdefault(key, {})[kind] = values
    return out
