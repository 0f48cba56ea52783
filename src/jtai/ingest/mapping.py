"""A partner's own layout (CSV or XLSX) read through a YAML mapping file sitting next to it.

    target: health_referrals          # the canonical file this stands for
    columns:                          # canonical column: the partner's column
      person_id: Hospital Number
      referral_date: Date Received
    values:                           # optional value maps per canonical column
      service:
        map: {CAMHS Core: camhs}      # exact, case-insensitive
        regex:                        # tried in order after `map`; searched anywhere in the value
          - {pattern: "(?i)eating", value: eating_disorder}

The mapping is validated before any row is read; each error names the mapping file and its line
(from YAML's node marks). The converted columns then go through the partner contract's own spec,
so a mapped file is checked exactly as a canonical one, with issues naming the partner's columns.
Mapping values reach SQL text only through `lit`, which escapes quotes (hence the S608 exemption).
"""
# ruff: noqa: S608

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import yaml
from openpyxl import load_workbook

from jtai.core.issues import Issue
from jtai.ingest.annex_a import cell_text
from jtai.ingest.csvload import load_csv
from jtai.ingest.model import (
    SOURCE_OF_KIND,
    FileKind,
    ParsedFile,
    empty_events,
    empty_persons,
    file_sha256,
)
from jtai.ingest.partner import SPECS
from jtai.ingest.tabular import Col, arrow_text_table, lit, normalise_header, run_spec
from jtai.validate.rules import read as rr

_TARGETS = {kind.value: kind for kind in SPECS}
_TOP_KEYS = {"target", "columns", "values", "version"}


@dataclass
class Mapping:
    target: FileKind
    columns: dict[str, str]
    values: dict[str, list[tuple[str, str, bool]]] = field(
        default_factory=dict
    )  # (match, to, regex)


def load_mapping(path: Path) -> tuple[Mapping | None, list[Issue]]:
    """Parse and validate a mapping file; every problem is an issue naming its line."""
    issues: list[Issue] = []

    def err(node: yaml.Node | None, cause: str) -> None:
        line = node.start_mark.line + 1 if node is not None else 1
        issues.append(
            rr.BAD_MAPPING.issue(path.name, row=line, mapping=path.name, line=line, cause=cause)
        )

    try:
        root = yaml.compose(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError, OSError) as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        cause = f"not valid YAML ({getattr(exc, 'problem', None) or exc})"
        return None, [
            rr.BAD_MAPPING.issue(path.name, row=line, mapping=path.name, line=line, cause=cause)
        ]
    if not isinstance(root, yaml.MappingNode):
        err(root, "the file must be a mapping with 'target' and 'columns'")
        return None, issues
    top = {k.value: (k, v) for k, v in root.value if isinstance(k, yaml.ScalarNode)}
    for key, (knode, _v) in top.items():
        if key not in _TOP_KEYS:
            err(knode, f"unknown key '{key}' (expected target, columns, values)")
    target_node = top.get("target", (None, None))[1]
    kind = (
        _TARGETS.get(getattr(target_node, "value", None) or "")
        if isinstance(target_node, yaml.ScalarNode)
        else None
    )
    if kind is None:
        err(target_node or root, f"'target' must be one of {', '.join(sorted(_TARGETS))}")
        return None, issues
    spec = SPECS[kind]
    spec_cols = {c.name: c for c in spec.columns}
    columns: dict[str, str] = {}
    cols_node = top.get("columns", (None, None))[1]
    if not isinstance(cols_node, yaml.MappingNode):
        err(cols_node or root, "'columns' must map canonical columns to your column names")
        return None, issues
    for knode, vnode in cols_node.value:
        if knode.value not in spec_cols:
            err(knode, f"'{knode.value}' is not a column of {kind.value}")
        elif not isinstance(vnode, yaml.ScalarNode) or not str(vnode.value).strip():
            err(vnode, f"the source column for '{knode.value}' must be a column name")
        else:
            columns[knode.value] = str(vnode.value)
    for col in spec.columns:
        if col.required and col.name not in columns:
            err(cols_node, f"required column '{col.name}' has no source column")
    mapping = Mapping(kind, columns)
    values_node = top.get("values", (None, None))[1]
    if values_node is not None:
        _load_values(values_node, spec_cols, mapping, err)
    return (None if issues else mapping), issues


def _load_values(
    node: yaml.Node, spec_cols: dict[str, Col], mapping: Mapping, err: Callable[[Any, str], None]
) -> None:
    if not isinstance(node, yaml.MappingNode):
        err(node, "'values' must map canonical columns to value maps")
        return
    con = duckdb.connect()
    for knode, vnode in node.value:
        col = spec_cols.get(knode.value)
        if col is None or col.codes is None:
            err(knode, f"'{knode.value}' is not a coded column, so it takes no value map")
            continue
        rules: list[tuple[str, str, bool]] = []
        items = (
            {k.value: v for k, v in vnode.value} if isinstance(vnode, yaml.MappingNode) else None
        )
        if items is None:
            err(vnode, f"the value map for '{knode.value}' must have 'map' and/or 'regex'")
            continue
        for k, v in getattr(items.get("map"), "value", []) or []:
            if str(v.value).casefold() not in {c.casefold() for c in col.codes}:
                err(v, f"'{v.value}' is not a code of '{col.name}'")
            rules.append((str(k.value), str(v.value), False))
        for item in getattr(items.get("regex"), "value", []) or []:
            fields = (
                {k.value: v for k, v in item.value} if isinstance(item, yaml.MappingNode) else {}
            )
            pattern, value = fields.get("pattern"), fields.get("value")
            if pattern is None or value is None:
                err(item, "each regex entry needs 'pattern' and 'value'")
                continue
            try:
                re.compile(pattern.value)
                con.execute(f"SELECT regexp_matches('', {lit(str(pattern.value))})").fetchall()
            except (re.error, duckdb.Error) as exc:
                err(pattern, f"regular expression '{pattern.value}' is invalid ({str(exc)[:80]})")
                continue
            if str(value.value).casefold() not in {c.casefold() for c in col.codes}:
                err(value, f"'{value.value}' is not a code of '{col.name}'")
            rules.append((str(pattern.value), str(value.value), True))
        mapping.values[col.name] = rules
    con.close()


def read_mapped(path: Path, mapping_path: Path) -> ParsedFile:
    mapping, issues = load_mapping(mapping_path)
    kind = mapping.target if mapping else None
    parsed = ParsedFile(
        source=SOURCE_OF_KIND.get(kind) if kind else None,
        file=path.name,
        sha256=file_sha256(path),
        persons=empty_persons(),
        events=empty_events(),
        issues=issues,
        kind=kind,
    )
    if mapping is None:
        return parsed
    con = duckdb.connect()
    try:
        headers, issue = _load(con, path)
        if issue is not None:
            parsed.issues.append(issue)
            return parsed
        index = {normalise_header(h): i for i, h in reversed(list(enumerate(headers)))}
        missing = [s for s in mapping.columns.values() if normalise_header(s) not in index]
        if missing:
            parsed.issues.append(rr.MISSING_COLUMNS.issue(path.name, missing=", ".join(missing)))
            return parsed
        extra: list[str] = []
        for canonical, source in mapping.columns.items():
            expr = f"c{index[normalise_header(source)]}"
            name = f"c{len(headers) + len(extra)}"
            extra.append(f"{_value_map(expr, mapping.values.get(canonical, []))} AS {name}")
        sql = f"CREATE OR REPLACE TEMP TABLE mapped AS SELECT *, {', '.join(extra)} FROM src"
        con.execute(sql)
        spec = SPECS[mapping.target]
        spec = dataclasses.replace(spec, warn_unknown=False)
        used = {index[normalise_header(s)] for s in mapping.columns.values()}
        for i, header in enumerate(headers):
            if i not in used:
                parsed.issues.append(rr.UNKNOWN_COLUMN.issue(path.name, row=1, column=header))
        result = run_spec(
            con,
            "mapped",
            headers + list(mapping.columns),
            spec,
            path.name,
            display=dict(mapping.columns),
            raw_width=len(headers),
        )
        parsed.persons, parsed.events, parsed.rows_read = result.persons, result.events, result.rows
        parsed.columns[""] = result.columns
        parsed.issues.extend(result.issues)
        return parsed
    finally:
        con.close()


def _value_map(expr: str, rules: list[tuple[str, str, bool]]) -> str:
    if not rules:
        return expr
    whens = []
    for match, to, is_regex in rules:
        if is_regex:
            whens.append(f"WHEN regexp_matches(trim({expr}), {lit(match)}) THEN {lit(to)}")
        else:
            whens.append(f"WHEN lower(trim({expr})) = {lit(match.casefold())} THEN {lit(to)}")
    return f"CASE {' '.join(whens)} ELSE {expr} END"


def _load(con: duckdb.DuckDBPyConnection, path: Path) -> tuple[list[str], Issue | None]:
    if path.suffix.casefold() != ".xlsx":
        return load_csv(con, path, "src")
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
        rows = list(workbook.worksheets[0].iter_rows(values_only=True))
        workbook.close()
    except Exception as exc:  # openpyxl raises many types for a bad workbook
        return [], rr.UNREADABLE.issue(path.name, cause=f"not an xlsx workbook ({exc})")
    if not rows:
        return [], rr.UNREADABLE.issue(path.name, cause="the first sheet is empty")
    headers = [cell_text(v) or "" for v in rows[0]]
    body = [[i + 1, *(cell_text(v) for v in r)] for i, r in enumerate(rows) if i]
    width = max([len(headers)] + [len(r) - 1 for r in body])
    arrow_text_table(con, "src", body, width)
    return headers + [""] * (width - len(headers)), None
