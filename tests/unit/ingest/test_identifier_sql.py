"""The SQL check characters agree with `jtai.core.identifiers`, the reference, on every value."""

from __future__ import annotations

import duckdb
import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from jtai.core.identifiers import (
    UPN_ALPHABET,
    is_valid_nhs_number,
    is_valid_upn,
    nhs_check_digit,
    upn_check_letter,
)
from jtai.ingest.identifier_sql import identifier_flags

_DIGITS = "0123456789"


@st.composite
def nhs_numbers(draw: st.DrawFn) -> str:
    """Mostly well-formed numbers, right or wrong check digit, sometimes spaced or broken."""
    stem = draw(st.text(_DIGITS, min_size=9, max_size=9))
    check = nhs_check_digit(stem)
    last = draw(st.sampled_from([str(check if check is not None else 0), *_DIGITS]))
    return draw(st.sampled_from([stem + last, stem[:3] + " " + stem[3:] + last, stem]))


@st.composite
def upns(draw: st.DrawFn) -> str:
    """Permanent and temporary UPNs, right or wrong check letter, in either case."""
    body = draw(st.text(_DIGITS, min_size=11, max_size=11))
    body += draw(st.sampled_from(_DIGITS + UPN_ALPHABET))
    check = draw(st.sampled_from([upn_check_letter(body), *"AIOSZ"]))
    return draw(st.sampled_from([check + body, (check + body).lower(), check + body[:-1]]))


def _flags(nhs: list[str | None], upn: list[str | None]) -> tuple[list, list]:
    con = duckdb.connect()
    try:
        nhs_ok, upn_ok = identifier_flags(con, pa.array(nhs, pa.string()), pa.array(upn))
    finally:
        con.close()
    return nhs_ok.to_pylist(), upn_ok.to_pylist()


def _reference(values: list[str | None], check) -> list[bool | None]:  # type: ignore[no-untyped-def]
    return [None if v is None else check(v) for v in values]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.one_of(nhs_numbers(), st.text(max_size=14), st.none()), min_size=1, max_size=60),
    st.lists(st.one_of(upns(), st.text(max_size=14), st.none()), min_size=1, max_size=60),
)
def test_sql_check_characters_agree_with_the_reference_on_generated_values(nhs, upn) -> None:  # type: ignore[no-untyped-def]
    size = max(len(nhs), len(upn))
    nhs += [None] * (size - len(nhs))
    upn += [None] * (size - len(upn))
    nhs_ok, upn_ok = _flags(nhs, upn)
    assert nhs_ok == _reference(nhs, is_valid_nhs_number)
    assert upn_ok == _reference(upn, is_valid_upn)


def test_sql_check_characters_agree_with_the_reference_on_many_generated_identifiers() -> None:
    stems = [f"{n * 7919 % 10**9:09d}" for n in range(4000)]
    nhs = [s + str(d) for s in stems[:400] for d in range(10)]
    bodies = [f"{n * 104729 % 10**11:011d}" + (_DIGITS + UPN_ALPHABET)[n % 33] for n in range(4000)]
    upn = [upn_check_letter(b) + b for b in bodies] + [
        UPN_ALPHABET[n % 23] + b for n, b in enumerate(bodies)
    ]
    nhs += [None] * (len(upn) - len(nhs))
    nhs_ok, upn_ok = _flags(nhs, upn)
    assert nhs_ok == _reference(nhs, is_valid_nhs_number)
    assert upn_ok == _reference(upn, is_valid_upn)
    assert sum(bool(v) for v in nhs_ok) > 300 and sum(bool(v) for v in upn_ok) >= 4000


def test_values_sql_cannot_read_alike_are_checked_by_the_reference_in_python() -> None:
    # Arabic-Indic digits pass Python's isdigit/int; a vertical tab is whitespace to Python only;
    # 'ß' upper-cases to two letters in Python. SQL leaves all three to the reference.
    arabic = "".join(chr(0x0660 + int(d)) for d in "9434765919")
    nhs = [arabic, "943476\x0b5919", "9434765919", None]
    upn = ["ß", " " + upn_check_letter("999244118001") + "999244118001", None, "X"]
    nhs_ok, upn_ok = _flags(nhs, upn)
    assert nhs_ok == [True, True, True, None]
    assert upn_ok == [False, True, None, False]
