"""NHS number and UPN check characters as DuckDB SQL, so a whole column is checked in one pass.

`jtai.core.identifiers` is the reference; these expressions agree with it on every value of
printable ASCII without spaces (`FAST_SAFE`), which is what real extracts hold. Any other value
(Unicode digits, odd whitespace, letters that change length when upper-cased) is left NULL here and
checked by the reference in Python: `reference_fill` (or `identifier_flags` for a whole column)
does both.
"""
# ruff: noqa: S608

from __future__ import annotations

from collections.abc import Callable

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from jtai.core.identifiers import UPN_ALPHABET, is_valid_nhs_number, is_valid_upn

FAST_SAFE = "^[!-~]+$"  # printable ASCII, no whitespace: SQL and Python read it alike


def _digit(number: str, place: int) -> str:
    """SQL for the digit `place` places from the right (0: units) of the integer `number`."""
    return f"(({number} // {10**place}) % 10)" if place else f"({number} % 10)"


def nhs_valid_sql(expr: str) -> str:
    """True/False for a cleaned NHS number; NULL for no value or a value SQL leaves to Python.

    The shape is tested first, in ASCII alone: a value of that shape is printable ASCII, so only
    values of another shape need the test of what SQL may answer. The ten digits are then read as
    one integer and weighed by arithmetic, which costs a fraction of taking each out as text.
    """
    number = f"TRY_CAST({expr} AS BIGINT)"
    total = " + ".join(f"{_digit(number, 10 - i)} * {11 - i}" for i in range(1, 10))
    return _answer(expr, f"(11 - ({total}) % 11) % 11 = {_digit(number, 0)}", "[0-9]{10}")


def upn_valid_sql(expr: str) -> str:
    """True/False for a UPN in either case; NULL for no value or a value SQL leaves to Python.

    The reference upper-cases first. For printable ASCII (the only values answered here) that is
    the same as matching either case of the letters, written out in ASCII (a case-blind pattern
    would also take the Kelvin sign for K), and upper-casing just the two letters compared. As for
    the NHS number, the shape comes first and the eleven digits are weighed as one integer.
    """
    letters = UPN_ALPHABET
    either = letters + letters.lower()
    number = f"TRY_CAST(substr({expr}, 2, 11) AS BIGINT)"
    digits = " + ".join(f"{_digit(number, 12 - p)} * {p}" for p in range(2, 13))
    last = (
        f"CASE WHEN substr({expr}, 13, 1) BETWEEN '0' AND '9' "
        f"THEN ascii(substr({expr}, 13, 1)) - 48 "
        f"ELSE strpos('{letters}', upper(substr({expr}, 13, 1))) - 1 END"
    )
    letter = f"substr('{letters}', (({digits}) + ({last}) * 13) % 23 + 1, 1)"
    check = f"{letter} = upper(substr({expr}, 1, 1))"
    return _answer(expr, check, f"[{either}][0-9]{{11}}[0-9{either}]")


def _answer(expr: str, check: str, shape: str) -> str:
    """`check` where `expr` has the (ASCII) `shape`; false for other printable ASCII; NULL for no
    value or a value SQL leaves to Python.

    Written without CASE: DuckDB computes `check` on every row first (it is safe on any text, at
    worst NULL) and the shape after, which costs a third of computing `check` only on the rows
    of the right shape. The shape implies printable ASCII, so the last term only has to turn a
    value SQL may not answer into NULL: `NULLIF(NOT safe, true)` is false for printable ASCII and
    NULL otherwise.
    """
    return (
        f"(({check}) AND regexp_full_match({expr}, '{shape}')) "
        f"OR NULLIF(NOT regexp_matches({expr}, '{FAST_SAFE}'), true)"
    )


def identifier_flags(
    con: duckdb.DuckDBPyConnection, nhs: pa.Array | pa.ChunkedArray, upn: pa.Array | pa.ChunkedArray
) -> tuple[pa.Array, pa.Array]:
    """(nhs_number_valid, upn_valid) for two text columns: SQL for most, Python for the rest."""
    data = pa.table({"nhs": nhs, "upn": upn})
    con.register("__identifiers", data)
    try:
        flags = con.sql(
            f"SELECT {nhs_valid_sql('nhs')} AS nhs_ok, {upn_valid_sql('upn')} AS upn_ok "
            "FROM __identifiers"
        ).to_arrow_table()
    finally:
        con.unregister("__identifiers")
    return reference_fill(
        data.column("nhs"), data.column("upn"), flags.column("nhs_ok"), flags.column("upn_ok")
    )


def reference_fill(
    nhs: pa.Array | pa.ChunkedArray,
    upn: pa.Array | pa.ChunkedArray,
    nhs_ok: pa.Array | pa.ChunkedArray,
    upn_ok: pa.Array | pa.ChunkedArray,
) -> tuple[pa.Array, pa.Array]:
    """The SQL answers (`nhs_valid_sql`, `upn_valid_sql`) of two text columns, the reference
    check filling the values SQL left to Python."""
    return (
        _with_reference(nhs, nhs_ok, is_valid_nhs_number),
        _with_reference(upn, upn_ok, is_valid_upn),
    )


def _with_reference(
    values: pa.Array | pa.ChunkedArray,
    fast: pa.Array | pa.ChunkedArray,
    reference: Callable[[str | None], bool],
) -> pa.Array:
    """Fill the rows SQL left to Python (a value but no answer) from the reference check."""
    answers = fast.combine_chunks() if isinstance(fast, pa.ChunkedArray) else fast
    answers = answers.cast(pa.bool_())
    left = pc.and_(pc.is_valid(values), pc.is_null(answers))
    if not pc.any(left).as_py():
        return answers
    texts = values.to_pylist()
    out = answers.to_pylist()
    for index in pc.indices_nonzero(left).to_pylist():
        out[index] = reference(texts[index])
    return pa.array(out, pa.bool_())
