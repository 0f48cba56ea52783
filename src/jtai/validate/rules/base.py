"""A rule is data (code, severity, message) plus, for rules the engine runs, one check function.

Rules applied while a file is read (structure, types, code lists) have no check function: the
reader calls `rule.issue(...)` where it finds the problem, so the catalogue still lists them with
their code and message. Rules the engine runs get a `RuleContext` with the canonical tables of
every file in the run registered in DuckDB as `persons` and `events` (each with a `file` column).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

import duckdb

from jtai.core.issues import Issue, Severity


class Stage(StrEnum):
    READ = "read"  # applied by the reader while it converts values
    ENGINE = "engine"  # run by the engine over the canonical tables


@dataclass(frozen=True)
class RuleContext:
    con: duckdb.DuckDBPyConnection
    as_of: date


@dataclass(frozen=True)
class Rule:
    """One validation rule. `message` is a format string over column, value and rule extras."""

    code: str
    severity: Severity
    title: str
    message: str
    stage: Stage
    applies_to: str = "all files"
    mirrors: str | None = None  # the DfE rule this mirrors, e.g. "CIN 1510"
    check: Callable[[RuleContext], Iterable[Issue]] | None = None

    def issue(
        self,
        file: str,
        *,
        row: int | None = None,
        path: str | None = None,
        column: str | None = None,
        value: object = None,
        **extra: Any,
    ) -> Issue:
        text = None if value is None else str(value)
        return Issue(
            file=file,
            rule=self.code,
            severity=self.severity,
            message=self.message.format(column=column, value=text, **extra),
            row=row,
            path=path,
            column=column,
            value=text,
        )

    def at(self, file: str, row_ref: str | None, **kwargs: Any) -> Issue:
        """An issue located by a canonical `row_ref` (row number, `sheet!row`, or XML path)."""
        row, path = locate(row_ref)
        return self.issue(file, row=row, path=path, **kwargs)


RULES: dict[str, Rule] = {}


def register(rule: Rule) -> Rule:
    if rule.code in RULES:
        raise ValueError(f"duplicate rule code {rule.code}")
    RULES[rule.code] = rule
    return rule


def locate(row_ref: str | None) -> tuple[int | None, str | None]:
    """Split a row_ref into (row, path): `12` -> row 12; `List 3!12` -> row 12 in sheet 'List 3'."""
    if not row_ref:
        return None, None
    if row_ref.startswith("/"):
        return None, row_ref
    sheet, _, row = row_ref.rpartition("!")
    return (int(row) if row.isdigit() else None), (sheet or None)
