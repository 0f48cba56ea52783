"""The few SQL templates every rule is made of, filled from a definition.

A rule is "records of kind K (from sources S) meeting these conditions, dated inside window W".
Values go into the SQL as quoted literals (not bound parameters) so that the SQL of every step can
be printed and read on its own (`explain`). Codes are compared trimmed and case-folded on both
sides.
"""

from __future__ import annotations

import re
from datetime import date

from jtai.cohort.definition import Condition, RecordRule
from jtai.core.dates import months_before

_FIELD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
TRUE_FLAGS = ("true", "y", "yes", "1")


def text(value: str) -> str:
    """A SQL string literal."""
    return "'" + value.replace("'", "''") + "'"


def day(value: date) -> str:
    """A SQL date literal."""
    return f"DATE '{value.isoformat()}'"


def texts(values: tuple[str, ...] | list[str]) -> str:
    """A parenthesised list of folded string literals, for `IN`."""
    return "(" + ", ".join(text(v.strip().lower()) for v in values) + ")"


def field(name: str, alias: str = "r") -> str:
    """The SQL for a record field: `code`, or an attribute of the JSON `attributes`."""
    if name == "code":
        return f"{alias}.code"
    if not _FIELD.fullmatch(name):
        raise ValueError(f"not a field name: {name!r}")
    return f"json_extract_string({alias}.attributes, '$.{name}')"


def folded(expr: str) -> str:
    return f"lower(trim({expr}))"


def condition(cond: Condition, alias: str = "r") -> str:
    """One condition as a SQL boolean (NULL-safe: an absent value never meets `in`)."""
    value = field(cond.field, alias)
    if cond.test == "in":
        assert isinstance(cond.value, tuple)
        return f"coalesce({folded(value)} IN {texts(cond.value)}, false)"
    if cond.test == "not_in":
        assert isinstance(cond.value, tuple)
        return f"coalesce({folded(value)} NOT IN {texts(cond.value)}, true)"
    if cond.test == "starts_with":
        assert isinstance(cond.value, str)
        prefix = text(cond.value.strip().lower())
        return f"coalesce(starts_with({folded(value)}, {prefix}), false)"
    if cond.test == "contains_any":
        assert isinstance(cond.value, tuple)
        return f"list_has_any({_folded_list(cond.field, alias)}, [{texts(cond.value)[1:-1]}])"
    if cond.test == "is_true":
        truth = f"coalesce({folded(value)} IN {texts(list(TRUE_FLAGS))}, false)"
        return truth if cond.value else f"NOT {truth}"
    raise ValueError(f"unknown test {cond.test!r}")


def _folded_list(name: str, alias: str) -> str:
    """A list attribute (or a single value) as a list of folded strings; empty when absent."""
    if name == "code":
        return f"list_filter([{folded(alias + '.code')}], lambda x: x IS NOT NULL)"
    if not _FIELD.fullmatch(name):
        raise ValueError(f"not a field name: {name!r}")
    path = f"'$.{name}'"
    return (
        f"CASE json_type({alias}.attributes, {path}) "
        f"WHEN 'ARRAY' THEN list_transform(json_extract_string({alias}.attributes, "
        f"'$.{name}[*]'), lambda x: lower(trim(x))) "
        f"WHEN 'VARCHAR' THEN [lower(trim(json_extract_string({alias}.attributes, {path})))] "
        f"ELSE []::VARCHAR[] END"
    )


def window(rule: RecordRule, as_of: date, lookback_months: int, alias: str = "r") -> str:
    """The rule's window as a SQL boolean on the record's own date (both ends included).

    `end_date` in the record view is already the end as shown on D: an end after D is NULL.
    """
    start, end = f"{alias}.start_date", f"{alias}.end_date"
    first = months_before(as_of, rule.months or lookback_months)
    if rule.window == "up_to_as_of":
        return f"{start} <= {day(as_of)}"
    if rule.window == "lookback":
        return f"{start} BETWEEN {day(first)} AND {day(as_of)}"
    if rule.window == "open_in_lookback":
        return f"{start} <= {day(as_of)} AND ({end} IS NULL OR {end} > {day(first)})"
    if rule.window == "open_at_as_of":
        return f"{start} <= {day(as_of)} AND {end} IS NULL"
    raise ValueError(f"unknown window {rule.window!r}")


def matches(rule: RecordRule, alias: str = "r") -> str:
    """Kind, source and conditions of a rule (not its window) as one SQL boolean."""
    parts = [f"{alias}.kind IN ({', '.join(text(k) for k in rule.kinds)})"]
    if rule.sources:
        parts.append(f"{alias}.source IN ({', '.join(text(s) for s in rule.sources)})")
    parts.extend(condition(c, alias) for c in rule.all_of)
    if rule.any_of:
        parts.append("(" + " OR ".join(condition(c, alias) for c in rule.any_of) + ")")
    return "\n  AND ".join(parts)


def rule_where(rule: RecordRule, as_of: date, lookback_months: int, alias: str = "r") -> str:
    """The whole WHERE clause of a rule: what it matches, inside its window."""
    return f"{matches(rule, alias)}\n  AND {window(rule, as_of, lookback_months, alias)}"
