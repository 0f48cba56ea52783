"""A cohort definition: the rules of cohort-rules.md as a versioned data file, loaded and checked.

`load_definition("jtai-mh-2019")` reads the shipped default; `load_definition(path)` a partnership's
copy. Every mistake is reported as a `DefinitionError` naming the key (`indicators[3].window`), so a
bad file never reaches the SQL. See docs/reference/cohort.md for the vocabulary.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

DEFINITIONS_DIR = Path(__file__).parent / "definitions"
DEFAULT_DEFINITION = "jtai-mh-2019"

WINDOWS = ("up_to_as_of", "lookback", "open_in_lookback", "open_at_as_of")
TESTS = ("in", "not_in", "starts_with", "contains_any", "is_true")
LEGAL_STATUSES = ("CLA", "CP", "CIN")


class DefinitionError(ValueError):
    """A definition file that cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class Condition:
    """One test on a record: `field` is `code` or an attribute name."""

    field: str
    test: str
    value: tuple[str, ...] | str | bool


@dataclass(frozen=True)
class RecordRule:
    """Records of some kinds (and sources) that meet every `all_of` and, if given, one `any_of`."""

    kinds: tuple[str, ...]
    sources: tuple[str, ...] = ()
    window: str = "up_to_as_of"
    months: int | None = None
    all_of: tuple[Condition, ...] = ()
    any_of: tuple[Condition, ...] = ()


@dataclass(frozen=True)
class LegalStatusRule:
    status: str
    records: tuple[RecordRule, ...]


@dataclass(frozen=True)
class Indicator:
    """A named mental health flag: either a record rule or a latest-SDQ score band."""

    name: str
    category: str
    rule: RecordRule | None = None
    sdq_min: int | None = None
    sdq_max: int | None = None


@dataclass(frozen=True)
class RiskReason:
    """A reason for at_risk = Y: a record rule, or a legal status on D."""

    name: str
    rule: RecordRule | None = None
    legal_status: tuple[str, ...] = ()


@dataclass(frozen=True)
class FrontDoor:
    window_months: int
    re_referral_months: int
    contacts: tuple[RecordRule, ...]
    referrals: tuple[RecordRule, ...]
    assessments: tuple[RecordRule, ...]


@dataclass(frozen=True)
class Lists:
    known_to_social_care_sources: tuple[str, ...]
    camhs_services: tuple[str, ...]
    camhs_not_accepted: tuple[str, ...]
    crisis: tuple[str, ...]
    youth_justice: tuple[str, ...]


@dataclass(frozen=True)
class Definition:
    name: str
    version: str
    title: str
    age_min: int
    age_max: int
    lookback_months: int
    legal_status: tuple[LegalStatusRule, ...]
    source_preference: tuple[str, ...]
    categories: tuple[str, ...]
    indicators: tuple[Indicator, ...]
    at_risk: tuple[RiskReason, ...]
    front_door: FrontDoor
    lists: Lists
    path: Path | None = field(default=None, compare=False)

    def category_of(self, indicator: str) -> str:
        return next(i.category for i in self.indicators if i.name == indicator)


def load_definition(path_or_name: str | Path) -> Definition:
    """Read and check a definition: a file path, or the name of a shipped definition."""
    path = Path(path_or_name)
    if not path.suffix and not path.exists():
        path = DEFINITIONS_DIR / f"{path_or_name}.yaml"
    if not path.is_file():
        raise DefinitionError(f"{path}: no such definition file")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise DefinitionError(f"{path}: not valid YAML ({exc})") from exc
    try:
        return _definition(_Node(data, ""), path)
    except DefinitionError as exc:
        raise DefinitionError(f"{path.name}: {exc}") from None


class _Node:
    """A value in the YAML with its key path, so every error can name where it is."""

    def __init__(self, value: Any, key: str) -> None:
        self.value, self.key = value, key

    def fail(self, message: str) -> DefinitionError:
        return DefinitionError(f"{self.key or 'top level'}: {message}")

    def mapping(self) -> dict[str, Any]:
        if not isinstance(self.value, dict):
            raise self.fail("must be a mapping")
        return self.value

    def child(self, name: str, default: Any = ...) -> _Node:
        data = self.mapping()
        key = f"{self.key}.{name}" if self.key else name
        if name not in data:
            if default is ...:
                raise DefinitionError(f"{key}: missing")
            return _Node(default, key)
        return _Node(data[name], key)

    def items(self) -> list[_Node]:
        if not isinstance(self.value, list):
            raise self.fail("must be a list")
        return [_Node(v, f"{self.key}[{i}]") for i, v in enumerate(self.value)]

    def text(self) -> str:
        if isinstance(self.value, bool) or not isinstance(self.value, str | int | float):
            raise self.fail("must be text")
        text = str(self.value).strip()
        if not text:
            raise self.fail("must not be empty")
        return text

    def integer(self, low: int = 0) -> int:
        if isinstance(self.value, bool) or not isinstance(self.value, int):
            raise self.fail("must be a whole number")
        if self.value < low:
            raise self.fail(f"must be at least {low}")
        return self.value

    def texts(self, allow_empty: bool = False) -> tuple[str, ...]:
        values = tuple(n.text() for n in self.items())
        if not values and not allow_empty:
            raise self.fail("must not be empty")
        return values

    def only(self, *allowed: str) -> None:
        unknown = sorted(set(self.mapping()) - set(allowed))
        if unknown:
            raise self.fail(f"unknown key {unknown[0]!r} (allowed: {', '.join(allowed)})")


_RULE_KEYS = ("kinds", "sources", "window", "months", "all_of", "any_of")


def _definition(root: _Node, path: Path) -> Definition:
    root.only(
        "name", "version", "title", "age", "lookback_months", "legal_status", "source_preference",
        "categories", "indicators", "at_risk", "front_door", "lists",
    )  # fmt: skip
    age = root.child("age")
    age.only("min", "max")
    age_min, age_max = age.child("min").integer(), age.child("max").integer()
    if age_max < age_min:
        raise age.fail("max must not be below min")
    categories = root.child("categories").texts()
    definition = Definition(
        name=root.child("name").text(),
        version=root.child("version").text(),
        title=root.child("title", "").value or "",
        age_min=age_min,
        age_max=age_max,
        lookback_months=root.child("lookback_months").integer(low=1),
        legal_status=tuple(_legal(n) for n in root.child("legal_status").items()),
        source_preference=root.child("source_preference", []).texts(allow_empty=True),
        categories=categories,
        indicators=tuple(_indicator(n, categories) for n in root.child("indicators").items()),
        at_risk=tuple(_risk(n) for n in root.child("at_risk").items()),
        front_door=_front_door(root.child("front_door")),
        lists=_lists(root.child("lists")),
        path=path,
    )
    _check_names(root, definition)
    return definition


def _check_names(root: _Node, definition: Definition) -> None:
    names = [i.name for i in definition.indicators]
    duplicate = next((n for n in names if names.count(n) > 1), None)
    if duplicate:
        raise root.child("indicators").fail(f"indicator {duplicate!r} is defined twice")
    lists = root.child("lists")
    for key in ("camhs_not_accepted", "crisis", "youth_justice"):
        for name in getattr(definition.lists, key):
            if name not in names:
                raise lists.child(key).fail(f"{name!r} is not an indicator of this definition")


def _rule(node: _Node, allowed: tuple[str, ...] = _RULE_KEYS) -> RecordRule:
    node.only(*allowed)
    window = node.child("window", "up_to_as_of").text()
    if window not in WINDOWS:
        raise node.child("window").fail(f"{window!r} is not one of {', '.join(WINDOWS)}")
    months_node = node.child("months", None)
    return RecordRule(
        kinds=node.child("kinds").texts(),
        sources=node.child("sources", []).texts(allow_empty=True),
        window=window,
        months=None if months_node.value is None else months_node.integer(low=1),
        all_of=tuple(_condition(n) for n in node.child("all_of", []).items()),
        any_of=tuple(_condition(n) for n in node.child("any_of", []).items()),
    )


def _condition(node: _Node) -> Condition:
    data = node.mapping()
    tests = [t for t in data if t != "field"]
    if len(tests) != 1 or tests[0] not in TESTS:
        raise node.fail(f"needs `field` and exactly one test of {', '.join(TESTS)}")
    test = tests[0]
    value_node = node.child(test)
    value: tuple[str, ...] | str | bool
    if test in ("in", "not_in", "contains_any"):
        value = value_node.texts()
    elif test == "starts_with":
        value = value_node.text()
    else:
        if not isinstance(value_node.value, bool):
            raise value_node.fail("must be true or false")
        value = value_node.value
    return Condition(field=node.child("field").text(), test=test, value=value)


def _legal(node: _Node) -> LegalStatusRule:
    node.only("status", "records")
    status = node.child("status").text()
    if status not in LEGAL_STATUSES:
        raise node.child("status").fail(f"{status!r} is not one of {', '.join(LEGAL_STATUSES)}")
    keys = ("kinds", "sources", "all_of", "any_of")  # always open at D
    records = tuple(_rule(n, keys) for n in node.child("records").items())
    if not records:
        raise node.child("records").fail("must not be empty")
    return LegalStatusRule(status, tuple(_with_window(r, "open_at_as_of") for r in records))


def _with_window(rule: RecordRule, window: str) -> RecordRule:
    return RecordRule(rule.kinds, rule.sources, window, rule.months, rule.all_of, rule.any_of)


def _indicator(node: _Node, categories: tuple[str, ...]) -> Indicator:
    data = node.mapping()
    name = node.child("name").text()
    category = node.child("category").text()
    if category not in categories:
        raise node.child("category").fail(f"{category!r} is not one of the categories")
    if "latest_sdq" in data:
        node.only("name", "category", "latest_sdq")
        band = node.child("latest_sdq")
        band.only("min", "max")
        low, high = band.child("min", None), band.child("max", None)
        if low.value is None and high.value is None:
            raise band.fail("needs min or max")
        return Indicator(
            name,
            category,
            sdq_min=None if low.value is None else low.integer(),
            sdq_max=None if high.value is None else high.integer(),
        )
    rule = _rule(node, ("name", "category", *_RULE_KEYS))
    return Indicator(name, category, rule=rule)


def _risk(node: _Node) -> RiskReason:
    name = node.child("name").text()
    if "legal_status" in node.mapping():
        node.only("name", "legal_status")
        return RiskReason(name, legal_status=node.child("legal_status").texts())
    return RiskReason(name, rule=_rule(node, ("name", *_RULE_KEYS)))


def _front_door(node: _Node) -> FrontDoor:
    node.only("window_months", "re_referral_months", "contacts", "referrals", "assessments")
    keys = ("kinds", "sources", "all_of", "any_of")

    def rules(name: str) -> tuple[RecordRule, ...]:
        return tuple(_rule(n, keys) for n in node.child(name).items())

    return FrontDoor(
        window_months=node.child("window_months").integer(low=1),
        re_referral_months=node.child("re_referral_months").integer(low=1),
        contacts=rules("contacts"),
        referrals=rules("referrals"),
        assessments=rules("assessments"),
    )


def _lists(node: _Node) -> Lists:
    node.only(
        "known_to_social_care_sources", "camhs_services", "camhs_not_accepted", "crisis",
        "youth_justice",
    )  # fmt: skip
    return Lists(
        known_to_social_care_sources=node.child("known_to_social_care_sources").texts(),
        camhs_services=node.child("camhs_services").texts(),
        camhs_not_accepted=node.child("camhs_not_accepted").texts(),
        crisis=node.child("crisis").texts(),
        youth_justice=node.child("youth_justice").texts(),
    )
