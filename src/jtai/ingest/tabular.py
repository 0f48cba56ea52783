"""The shared engine for tabular files (CSV and spreadsheets): a spec in, canonical tables out.

Every tabular source (partner extracts, the 903 CSVs, Annex A lists, mapped local layouts) is
described by a `TableSpec`. The file is loaded into DuckDB as text (`all_varchar` style) and every
conversion and cell check is one vectorised SQL statement, so a 250,000-row extract reads in
seconds; Python only touches the rows that fail and the identifier check characters.

SQL text here is built from specs (our own names) and file headers; every header or value that
reaches SQL text goes through `lit` or `q`, which escape quotes, hence the S608 exemption.
"""
# ruff: noqa: S608

from __future__ import annotations

import os
import re
from collections.abc import Collection, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from jtai.core.issues import Issue
from jtai.ingest.identifier_sql import nhs_valid_sql, reference_fill, upn_valid_sql
from jtai.ingest.model import EVENT_SCHEMA, PERSON_SCHEMA, conform
from jtai.validate.rules import read as rr
from jtai.validate.rules.base import Rule

_FLAG_TRUE = "('y','yes','true','1','t')"
_FLAG_FALSE = "('n','no','false','0','f')"
_FLAG_UNKNOWN = "('unknown','u','not known','not recorded')"
_LABEL_PREFIX = r"^[a-zA-Z]{1,2}\)\s*"


@dataclass(frozen=True)
class Col:
    """One column of a tabular spec and how its text becomes a typed value."""

    name: str
    type: str = "text"  # text | date | code | flag | int | number | nhs | upn
    required: bool = False  # the column must be present (else the file is rejected)
    not_blank: bool = False  # every row must give a value
    codes: frozenset[str] | None = None
    case: str = "lower"  # codes are compared after lower- or upper-casing
    remap: Mapping[str, str] | None = None  # values renamed before the code check (e.g. 1 -> M)
    aliases: tuple[str, ...] = ()  # other header spellings (normalised)
    pattern: str | None = None  # full-match regular expression for text values
    lo: float | None = None
    hi: float | None = None
    range_rule: Rule | None = None  # a DfE rule to cite instead of the generic number rule
    leading_code: bool = False  # read "6: Police" or "N1 - Abuse" as its leading code


@dataclass(frozen=True)
class EventMap:
    kind: str
    code: str | None = None
    start: str | None = None
    end: str | None = None
    record_id: tuple[str, ...] = ()  # columns joined with '/'; empty: person id and row
    attributes: tuple[str, ...] = ()
    kind_column: str | None = None  # take the kind from a column (mapped files)


@dataclass(frozen=True)
class TableSpec:
    name: str
    source: str
    columns: tuple[Col, ...]
    person: Mapping[str, str] = field(default_factory=dict)  # canonical person col -> spec col
    event: EventMap | None = None
    one_row_per_person: bool = False  # keep every person row (duplicates are then an error)
    warn_unknown: bool = True
    strip_labels: bool = False  # Ofsted templates prefix values with "a) ", "b) "


@dataclass
class TableResult:
    persons: pa.Table
    events: pa.Table
    issues: list[Issue]
    rows: int
    columns: list[str] = field(default_factory=list)  # the header of the cells `raw` lists


def normalise_header(text: str) -> str:
    """Case-fold; punctuation becomes single spaces ('Child Unique ID:' == 'child unique id')."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text.casefold()).split())


def q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def lit(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def resolve_columns(headers: list[str], spec: TableSpec) -> dict[str, int]:
    """Map each spec column to the index of the header that names it (first match wins)."""
    normalised = [normalise_header(h) for h in headers]
    found: dict[str, int] = {}
    for col in spec.columns:
        names = {normalise_header(col.name), *col.aliases}
        for index, header in enumerate(normalised):
            if header in names and index not in found.values():
                found[col.name] = index
                break
    return found


def trimmed_columns(table: pa.Table) -> frozenset[str]:
    """The text columns of `table` that DuckDB's trim would leave as they are.

    trim removes spaces and the other Unicode space separators (Zs) only, so a column of ASCII
    text with no value starting or ending in a space is already trimmed. Arrow tells that in a
    few vectorised passes, far cheaper than trimming (copying) every value in SQL; the columns
    are looked at on as many threads as there are CPUs (Arrow lets go of the GIL).
    """
    columns = dict(zip(table.column_names, table.columns, strict=True))
    with ThreadPoolExecutor(max_workers=max(1, min(len(columns), os.cpu_count() or 1))) as pool:
        trimmed = pool.map(_is_trimmed, columns.values())
        return frozenset(name for name, ok in zip(columns, trimmed, strict=True) if ok)


def _is_trimmed(column: pa.ChunkedArray) -> bool:
    return (
        pa.types.is_string(column.type)
        and pc.all(pc.string_is_ascii(column)).as_py() is not False
        and not pc.any(pc.starts_with(column, " ")).as_py()
        and not pc.any(pc.ends_with(column, " ")).as_py()
    )


def _clean(expr: str, spec: TableSpec, *, trimmed: bool = False) -> str:
    if trimmed:
        cleaned = f"NULLIF({expr}, '')"
    else:
        # The test that trim has nothing to do (see trimmed_columns) costs less than trim.
        cleaned = (
            f"NULLIF(CASE WHEN starts_with({expr}, ' ') OR ends_with({expr}, ' ') "
            f"OR strlen({expr}) <> length({expr}) THEN trim({expr}) ELSE {expr} END, '')"
        )
    if spec.strip_labels:
        cleaned = f"NULLIF(trim(regexp_replace({cleaned}, {lit(_LABEL_PREFIX)}, '')), '')"
    return cleaned


def _typed(col: Col, s: str) -> str:
    if col.type == "date":
        return (
            f"CASE WHEN regexp_full_match({s}, '\\d{{4}}-\\d{{2}}-\\d{{2}}') "
            f"THEN try_strptime({s}, '%Y-%m-%d')::DATE "
            f"WHEN regexp_full_match({s}, '\\d{{2}}/\\d{{2}}/\\d{{4}}') "
            f"THEN try_strptime({s}, '%d/%m/%Y')::DATE END"
        )
    if col.type == "flag":
        return (
            f"CASE WHEN lower({s}) IN {_FLAG_TRUE} THEN true "
            f"WHEN lower({s}) IN {_FLAG_FALSE} THEN false END"
        )
    if col.type == "int":
        return f"TRY_CAST({s} AS BIGINT)"
    if col.type == "number":
        return f"TRY_CAST({s} AS DOUBLE)"
    if col.type == "nhs":
        return f"NULLIF(regexp_replace({s}, '[\\s-]', '', 'g'), '')"
    if col.type in ("upn",):
        return f"upper({s})"
    if col.type == "codes":  # a list such as assessment factors "4A, 15A"
        return f"list_filter(regexp_split_to_array(upper({s}), '[\\s,;]+'), lambda x: x <> '')"
    if col.type == "code":
        if col.leading_code:
            lead = r"'^([0-9A-Za-z]{1,5})\s*[:\-]'"
            s = f"coalesce(NULLIF(regexp_extract({s}, {lead}, 1), ''), {s})"
        value = f"{col.case}({s})"
        if col.remap:
            cases = " ".join(f"WHEN {lit(k)} THEN {lit(v)}" for k, v in col.remap.items())
            value = f"CASE {value} {cases} ELSE {value} END"
        return value
    return s


def _failures(col: Col, s: str, v: str) -> list[tuple[str, Rule]]:
    """SQL predicates that find bad cells of one column, each with the rule it breaks."""
    out: list[tuple[str, Rule]] = []
    if col.not_blank:
        out.append((f"{s} IS NULL", rr.REQUIRED_VALUE))
    if col.type == "date":
        out.append((f"{s} IS NOT NULL AND {v} IS NULL", rr.BAD_DATE))
    elif col.type == "flag":
        out.append(
            (f"{s} IS NOT NULL AND {v} IS NULL AND lower({s}) NOT IN {_FLAG_UNKNOWN}", rr.BAD_FLAG)
        )
    elif col.type in ("int", "number"):
        bounds = [f"{v} IS NULL"]
        if col.type == "int":
            bounds = [f"TRY_CAST({s} AS DOUBLE) IS NULL OR TRY_CAST({s} AS BIGINT) IS NULL"]
            bounds.append(f"TRY_CAST({s} AS DOUBLE) <> TRY_CAST({s} AS BIGINT)")
        if col.lo is not None:
            bounds.append(f"{v} < {col.lo}")
        if col.hi is not None:
            bounds.append(f"{v} > {col.hi}")
        out.append(
            (f"{s} IS NOT NULL AND ({' OR '.join(bounds)})", col.range_rule or rr.BAD_NUMBER)
        )
    elif col.type == "codes" and col.codes is not None:
        listed = "[" + ", ".join(lit(c) for c in sorted(col.codes)) + "]"
        bad = f"len(list_filter({v}, lambda x: NOT list_contains({listed}, x))) > 0"
        out.append((f"{s} IS NOT NULL AND {bad}", rr.BAD_CODE))
    elif col.type == "code" and col.codes is not None:
        listed = "[" + ", ".join(lit(c) for c in sorted(col.codes)) + "]"
        out.append((f"{s} IS NOT NULL AND NOT list_contains({listed}, {v})", rr.BAD_CODE))
    if col.pattern:
        out.append(
            (f"{s} IS NOT NULL AND NOT regexp_full_match({s}, {lit(col.pattern)})", rr.BAD_FORMAT)
        )
    return out


def run_spec(
    con: duckdb.DuckDBPyConnection,
    table: str,
    headers: list[str],
    spec: TableSpec,
    file: str,
    *,
    row_prefix: str = "",
    display: Mapping[str, str] | None = None,
    raw_width: int | None = None,
    trimmed: Collection[str] = frozenset(),
) -> TableResult:
    """Convert `table` (columns `__row`, `c0`..`cN` as text) by `spec` into canonical tables.

    `display` renames spec columns in issues (a mapped file names the partner's own column);
    `raw_width` limits `raw` to the first columns (a mapped file appends its converted columns);
    `trimmed` names columns known to need no trimming (`trimmed_columns`).
    """
    found = resolve_columns(headers, spec)
    missing = [c.name for c in spec.columns if c.required and c.name not in found]
    if missing:
        aliases = {c.name: f"'{c.aliases[0]}'" for c in spec.columns if c.aliases}
        shown = ", ".join((display or {}).get(m) or aliases.get(m, m) for m in missing)
        sheet = row_prefix.rstrip("!") or None
        # The header row is row 1 of a CSV; a sheet's header row is found by content, so the
        # sheet is named instead. The column names the missing columns themselves.
        issue = rr.MISSING_COLUMNS.issue(
            file, row=None if sheet else 1, path=sheet, column=", ".join(missing), missing=shown
        )
        return TableResult(PERSON_SCHEMA.empty_table(), EVENT_SCHEMA.empty_table(), [issue], 0)
    raw_columns = headers[:raw_width] if raw_width is not None else list(headers)
    issues: list[Issue] = []
    known = set(found.values())
    if spec.warn_unknown:
        for index, header in enumerate(headers):
            if index not in known:
                issues.append(rr.UNKNOWN_COLUMN.issue(file, row=1, column=header))

    selects = ["__row"]
    for col in spec.columns:
        s_name = f"s:{col.name}"
        if col.name in found:
            name = f"c{found[col.name]}"
            cleaned = _clean(q(name), spec, trimmed=name in trimmed)
            selects.append(f"{cleaned} AS {q(s_name)}")
        else:
            selects.append(f"NULL::VARCHAR AS {q(s_name)}")
    if spec.person or spec.event is not None:
        selects.append(f"{_raw_array(len(raw_columns))} AS __raw")
        selects.append(f"{_row_ref(row_prefix)} AS __row_ref")
    typed = ["*"]
    for col in spec.columns:
        if col.type != "text":  # a text column's value is its cleaned text: not copied again
            typed.append(f"{_typed(col, q('s:' + col.name))} AS {q('v:' + col.name)}")
    checks: list[tuple[str, Rule, str]] = []  # (spec column, rule, SQL predicate)
    for col in spec.columns:
        if col.name not in found and not col.not_blank:
            continue
        s, v = q("s:" + col.name), _v(spec, col.name)
        checks += [(col.name, rule, predicate) for predicate, rule in _failures(col, s, v)]
    # One pass over the file: cleaned and typed values are stacked projections (never stored),
    # and each row's failed checks are bits of `__failN`, so the checks need no second scan.
    masks = [
        " + ".join(
            f"CASE WHEN {predicate} THEN {1 << bit}::BIGINT ELSE 0::BIGINT END"
            for bit, (_, _, predicate) in enumerate(group)
        )
        + f" AS __fail{g}"
        for g, group in enumerate(_groups(checks))
    ]
    cleaned = f"SELECT {', '.join(selects)} FROM {table}"
    source = (
        f"SELECT *{''.join(', ' + m for m in masks)} FROM (SELECT {', '.join(typed)} FROM "
        f"({cleaned}))"
    )
    rows = _in_row_order(
        con.sql(f"SELECT {', '.join(_fetched(spec, checks, row_prefix))} FROM ({source})")
    )
    failed = _failed_checks(rows, checks)
    if failed:
        issues += _check_issues(
            failed,
            _failed_values(con, cleaned, failed),
            checks,
            file,
            headers,
            found,
            display=display,
            path=row_prefix.rstrip("!") or None,
        )
    persons, events = _outputs(spec, rows, row_prefix)
    return TableResult(persons, events, issues, rows.num_rows, raw_columns)


_GROUP = 62  # checks a BIGINT mask holds (the sign bit left alone)


def _groups(checks: list[tuple[str, Rule, str]]) -> list[list[tuple[str, Rule, str]]]:
    return [checks[i : i + _GROUP] for i in range(0, len(checks), _GROUP)]


def _fetched(spec: TableSpec, checks: list[tuple[str, Rule, str]], prefix: str) -> list[str]:
    """The columns of the one fetch: row, raw, person and event columns and failed-check masks
    (the failing cells' text is fetched afterwards, for those rows alone: `_failed_values`)."""
    selects = ["__row"]
    if spec.person:
        selects += _identifier_checks(spec)
    selects += [
        expr if expr == name else f"{expr} AS {q(name)}"
        for expr, name in _output_names(spec, prefix).items()
    ]
    selects += [f"__fail{g}" for g in range(len(_groups(checks)))]
    return selects


def _failed_checks(
    rows: pa.Table, checks: list[tuple[str, Rule, str]]
) -> list[tuple[int, str, int]]:
    """(row, spec column, check index) of every failed check flagged in `rows`."""
    failed: list[tuple[int, str, int]] = []
    for g, group in enumerate(_groups(checks)):
        mask = rows.column(f"__fail{g}")
        hits = pc.indices_nonzero(pc.fill_null(mask, 0))
        if not len(hits):
            continue
        picked = rows.select(["__row", f"__fail{g}"]).take(hits).to_pydict()
        for row, bits in zip(picked["__row"], picked[f"__fail{g}"], strict=True):
            for bit, (name, _, _) in enumerate(group):
                if bits >> bit & 1:
                    failed.append((row, name, g * _GROUP + bit))
    return failed


def _failed_values(
    con: duckdb.DuckDBPyConnection, cleaned: str, failed: list[tuple[int, str, int]]
) -> dict[tuple[int, str], Any]:
    """The cleaned text of each failed cell, read again from `cleaned` (the query of the cleaned
    `s:` columns) for the failing rows alone: most files have none, and carrying every checked
    column's text through the one fetch cost more than this second, filtered read."""
    names = sorted({name for _, name, _ in failed})
    wanted = pa.table({"__row": sorted({row for row, _, _ in failed})})
    con.register("__failed_rows", wanted)
    try:
        found = (
            con.sql(
                f"SELECT __row, {', '.join(q('s:' + n) for n in names)} FROM ({cleaned}) "
                "WHERE __row IN (SELECT __row FROM __failed_rows)"
            )
            .to_arrow_table()
            .to_pydict()
        )
    finally:
        con.unregister("__failed_rows")
    rows = found["__row"]
    return {
        (row, name): value
        for name in names
        for row, value in zip(rows, found["s:" + name], strict=True)
    }


def _check_issues(
    failed: list[tuple[int, str, int]],
    values: Mapping[tuple[int, str], Any],
    checks: list[tuple[str, Rule, str]],
    file: str,
    headers: list[str],
    found: Mapping[str, int],
    *,
    display: Mapping[str, str] | None,
    path: str | None,
) -> list[Issue]:
    """Issues of the `failed` checks, by row, then column name, then check."""
    issues = []
    for row, name, index in sorted(failed):
        shown = (display or {}).get(name) or (
            headers[found[name]].strip() if name in found else name
        )
        rule = checks[index][1]
        value = values.get((row, name))
        issues.append(rule.issue(file, row=int(row), path=path, column=shown, value=value))
    return issues


def _raw_array(width: int) -> str:
    """SQL for one row's first `width` cells `c0`.. as a JSON array, in order, nulls kept.

    The header names are kept once per file (`TableResult.columns`, then `Load.columns`), not in
    every row: an array costs DuckDB a quarter of what an object keyed by header does, and holds
    a row whose headers repeat or differ only in case exactly as it was (ADR 10).
    """
    if not width:
        return "'[]'"
    return "json_array(" + ", ".join(f"c{i}" for i in range(width)) + ")::VARCHAR"


def _v(spec: TableSpec, name: str | None) -> str:
    """The typed value of a spec column (`v:` column; a text column's is its cleaned text, `s:`)."""
    col = next((c for c in spec.columns if c.name == name), None)
    if col is None:
        return "NULL"
    return q(("s:" if col.type == "text" else "v:") + col.name)


_SHARED = ["__raw", "__row_ref"]  # computed once, taken by both persons and events


def _output_names(spec: TableSpec, prefix: str) -> dict[str, str]:
    """The fetched column holding each person and event column's SQL: one column an expression,
    however many canonical columns take it (person and event ids, raw, row_ref)."""
    exprs = _person_columns(spec, prefix) if spec.person else []
    if spec.event is not None:
        exprs += _event_columns(spec, prefix)
    names: dict[str, str] = {}
    for _, expr in exprs:
        names.setdefault(expr, expr if expr in _SHARED else f"__out{len(names)}")
    return names


def _row_ref(prefix: str) -> str:
    return f"{lit(prefix)} || CAST(__row AS VARCHAR)"


def _outputs(spec: TableSpec, rows: pa.Table, prefix: str) -> tuple[pa.Table, pa.Table]:
    """(persons, events) from the fetched `rows` (in file order): every row an event, and the
    first row of each person id a person (every row with an id, when a file has one row a
    person)."""

    fetched = _output_names(spec, prefix)

    def pick(table: pa.Table, cols: list[tuple[str, str]]) -> pa.Table:
        return pa.table({name: table.column(fetched[expr]) for name, expr in cols})

    persons = PERSON_SCHEMA.empty_table()
    if spec.person:
        ids = rows.column(fetched[_v(spec, spec.person.get("person_id"))]).combine_chunks()
        kept = pc.is_valid(ids) if spec.one_row_per_person else _first_of_each(ids)
        cols = _person_columns(spec, prefix)
        needed = list(dict.fromkeys(["__nhs_ok", "__upn_ok", *(fetched[e] for _, e in cols)]))
        chosen = rows.select(needed)
        if not pc.all(kept).as_py():  # else every row is a person: nothing to copy
            chosen = chosen.filter(kept)
        picked = conform(pick(chosen, cols), PERSON_SCHEMA)
        persons = _with_identifier_flags(picked, chosen)
    events = EVENT_SCHEMA.empty_table()
    if spec.event is not None:
        events = conform(pick(rows, _event_columns(spec, prefix)), EVENT_SCHEMA)
    return persons, events


def _person_columns(spec: TableSpec, prefix: str) -> list[tuple[str, str]]:
    """(name, SQL over the typed values) of each person column given (not the check flags)."""
    cols = [("source", lit(spec.source))]
    for name in PERSON_SCHEMA.names:
        if name in ("source", "nhs_number_valid", "upn_valid"):
            continue
        if name == "row_ref":
            cols.append((name, "__row_ref"))
        elif name == "raw":
            cols.append((name, "__raw"))
        else:
            cols.append((name, _v(spec, spec.person.get(name))))
    return cols


def _first_of_each(ids: pa.Array) -> pa.Array:
    """True on the first row of each id that is not null, the rows being in file order.

    Dictionary encoding numbers the ids in the order they first appear, so a row is an id's
    first exactly when its number is above every number before it: a running maximum, with no
    sort and no hash table beyond the encoding's own.
    """
    if not len(ids):
        return pa.array([], pa.bool_())
    numbers = pc.dictionary_encode(ids).indices
    highest = pc.cumulative_max(pc.fill_null(numbers, -1))
    before = pa.concat_arrays([pa.array([-1], highest.type), highest[:-1]])
    return pc.fill_null(pc.greater(numbers, before), False)


def _identifier_checks(spec: TableSpec) -> list[str]:
    """NHS number and UPN check characters in SQL, computed as the person rows are fetched."""
    nhs, upn = (_v(spec, spec.person.get(name)) for name in ("nhs_number", "upn"))
    return [f"{nhs_valid_sql(nhs)} AS __nhs_ok", f"{upn_valid_sql(upn)} AS __upn_ok"]


def _with_identifier_flags(persons: pa.Table, checked: pa.Table) -> pa.Table:
    """Set nhs_number_valid / upn_valid (None where no value) from the SQL checks in `checked`
    (same rows), the reference check answering for the values SQL leaves to Python."""
    nhs_ok, upn_ok = reference_fill(
        persons.column("nhs_number"),
        persons.column("upn"),
        checked.column("__nhs_ok"),
        checked.column("__upn_ok"),
    )
    persons = persons.set_column(
        PERSON_SCHEMA.get_field_index("nhs_number_valid"), "nhs_number_valid", nhs_ok
    )
    return persons.set_column(PERSON_SCHEMA.get_field_index("upn_valid"), "upn_valid", upn_ok)


def _event_columns(spec: TableSpec, prefix: str) -> list[tuple[str, str]]:
    """(name, SQL over the typed values) of each event column; the spec must map events."""
    ev = spec.event
    assert ev is not None
    pid = _v(spec, spec.person.get("person_id"))
    if ev.record_id:
        # concat reads NULL as '': the same text as coalescing each part, built in one go.
        rid = "concat(" + ", '/', ".join(q("s:" + c) for c in ev.record_id) + ")"
    else:
        rid = f"{pid} || '/' || __row_ref"
    attrs = ", ".join(f"{lit(a.lower())}, {_v(spec, a)}" for a in ev.attributes)
    return [
        ("source", lit(spec.source)),
        ("record_id", rid),
        ("person_id", pid),
        ("kind", _v(spec, ev.kind_column) if ev.kind_column else lit(ev.kind)),
        ("code", f"CAST({_v(spec, ev.code)} AS VARCHAR)"),
        ("start_date", _v(spec, ev.start)),
        ("end_date", _v(spec, ev.end)),
        ("attributes", f"json_object({attrs})" if attrs else "'{}'"),
        ("row_ref", "__row_ref"),
        ("raw", "__raw"),
    ]


def _in_row_order(relation: duckdb.DuckDBPyRelation) -> pa.Table:
    """The relation's rows ordered by `__row`, sorted here only if DuckDB did not keep them so.

    DuckDB keeps a table's insertion order in a plain scan, and every text table is inserted in
    file order, so an ORDER BY (which sorts every `raw` text) is nearly always wasted work.
    """
    table = relation.to_arrow_table()
    if table.num_rows < 2:
        return table
    values = table.column("__row").combine_chunks()
    if _ascending(values):
        return table
    # A large result comes back as runs of consecutive rows that are not in order among
    # themselves (DuckDB collects parallel scans as they finish, and an Arrow batch may join the
    # end of one run to the start of another): putting the runs in order moves no data, where
    # sorting the rows copies every text.
    breaks = pc.indices_nonzero(pc.not_equal(values[1:], pc.add(values[:-1], 1))).to_pylist()
    if len(breaks) <= _MAX_RUNS:
        starts = [0, *(i + 1 for i in breaks)]
        runs = sorted(
            zip(starts, [*starts[1:], table.num_rows], strict=True),
            key=lambda run: values[run[0]].as_py(),
        )
        table = pa.concat_tables([table.slice(start, end - start) for start, end in runs])
        if _ascending(table.column("__row")):
            return table
    return table.sort_by("__row")


_MAX_RUNS = 4096  # beyond this many runs (rows far from consecutive) the rows are sorted


def _ascending(rows: pa.Array | pa.ChunkedArray) -> bool:
    values = rows.combine_chunks() if isinstance(rows, pa.ChunkedArray) else rows
    return len(values) < 2 or bool(pc.all(pc.less(values[:-1], values[1:])).as_py())


def arrow_text_table(
    con: duckdb.DuckDBPyConnection, name: str, rows: list[list[Any]], width: int
) -> None:
    """Load rows of text (first item the row number) as DuckDB table `name` (__row, c0..)."""
    size = width + 1
    # Pad or cut each row to the width, then let zip transpose rows into columns in C.
    padded = [r if len(r) == size else (r + [None] * (size - len(r)))[:size] for r in rows]
    columns = list(zip(*padded, strict=True)) if padded else [()] * size
    data: dict[str, Any] = {"__row": columns[0]}
    for i in range(width):
        data[f"c{i}"] = columns[i + 1]
    schema = pa.schema([("__row", pa.int64())] + [(f"c{i}", pa.string()) for i in range(width)])
    arrow = pa.Table.from_pydict(data, schema=schema)
    con.register(f"{name}_arrow", arrow)
    con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT * FROM {name}_arrow")
    con.unregister(f"{name}_arrow")
