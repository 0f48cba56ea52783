"""Load the rates file and the synthetic name lists that ship beside this module."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

Rates = dict[str, Any]


@cache
def load_rates() -> Rates:
    """The rates in `rates.yaml`, with their sources in the file's comments."""
    text = resources.files("jtai.synth").joinpath("rates.yaml").read_text(encoding="utf-8")
    rates: Rates = yaml.safe_load(text)
    return rates


@dataclass(frozen=True, slots=True)
class NameLists:
    """Weighted synthetic names; cumulative weights make `random.choices` fast on large runs."""

    boys: tuple[str, ...]
    boys_cum: tuple[float, ...]
    girls: tuple[str, ...]
    girls_cum: tuple[float, ...]
    surnames: tuple[str, ...]
    surnames_cum: tuple[float, ...]
    nicknames: dict[str, tuple[str, ...]]


def _cumulative(weights: list[float]) -> tuple[float, ...]:
    total = 0.0
    out = []
    for weight in weights:
        total += weight
        out.append(total)
    return tuple(out)


def _read_csv(name: str) -> list[dict[str, str]]:
    text = resources.files("jtai.synth").joinpath("data", name).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


@cache
def load_names() -> NameLists:
    forenames = _read_csv("forenames.csv")
    boys = [r for r in forenames if r["sex"] == "M"]
    girls = [r for r in forenames if r["sex"] == "F"]
    surnames = _read_csv("surnames.csv")
    nicknames: dict[str, list[str]] = {}
    for row in _read_csv("nicknames.csv"):
        nicknames.setdefault(row["name"], []).append(row["nickname"])
    return NameLists(
        boys=tuple(r["name"] for r in boys),
        boys_cum=_cumulative([float(r["weight"]) for r in boys]),
        girls=tuple(r["name"] for r in girls),
        girls_cum=_cumulative([float(r["weight"]) for r in girls]),
        surnames=tuple(r["name"] for r in surnames),
        surnames_cum=_cumulative([float(r["weight"]) for r in surnames]),
        nicknames={k: tuple(v) for k, v in nicknames.items()},
    )
