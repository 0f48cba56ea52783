"""Run every engine rule over the files of one load and attach each issue to its file.

All rules run, whatever earlier rules found; a rule that fails is reported as a warning
(`validate.W900`) and the others still run, so one broken rule never hides the rest.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import duckdb
import pyarrow as pa

from jtai.core.issues import Issue, Severity
from jtai.validate.rules import RULES, RuleContext, Stage
from jtai.validate.rules.base import Rule, register

if TYPE_CHECKING:  # a runtime import would be circular: jtai.ingest calls this engine
    from jtai.ingest.model import ParsedFile

RULE_FAILED = register(
    Rule(
        "validate.W900", Severity.WARNING, "A rule could not run",
        "Rule {rule} could not run ({cause}); its check was skipped.", Stage.ENGINE,
    )
)  # fmt: skip


def _stack(files: list[ParsedFile], attr: str) -> pa.Table:
    tables = []
    for parsed in files:
        table: pa.Table = getattr(parsed, attr)
        n = table.num_rows
        table = table.append_column("file", pa.array([parsed.file] * n, pa.string()))
        kind = parsed.kind.value if parsed.kind else None
        tables.append(table.append_column("file_kind", pa.array([kind] * n, pa.string())))
    return pa.concat_tables(tables)


def _position(issue: Issue) -> tuple[str, int, str]:
    return (issue.file, issue.row or 0, issue.path or "")


def validate_files(files: list[ParsedFile], *, as_of: date) -> list[Issue]:
    """Run the engine rules across `files` together (so 903 episodes see the 903 header).

    Issues are appended to the file they name and also returned. Files that could not be read
    carry empty tables, so rules simply find nothing in them.
    """
    if not files:
        return []
    con = duckdb.connect()
    try:
        con.register("persons", _stack(files, "persons"))
        con.register("events", _stack(files, "events"))
        ctx = RuleContext(con=con, as_of=as_of)
        found: list[Issue] = []
        for rule in RULES.values():
            if rule.stage is not Stage.ENGINE or rule.check is None:
                continue
            try:
                found.extend(sorted(rule.check(ctx), key=_position))
            except Exception as exc:  # a broken rule must not stop the others (see docstring)
                found.append(RULE_FAILED.issue(files[0].file, rule=rule.code, cause=str(exc)[:200]))
    finally:
        con.close()
    by_file = {parsed.file: parsed for parsed in files}
    for issue in found:
        by_file.get(issue.file, files[0]).issues.append(issue)
    return found
