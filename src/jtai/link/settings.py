"""Linkage settings as data: thresholds, blocking rules, comparison thresholds, training plan.

Everything a partnership might tune lives in `DEFAULT_SETTINGS`, a plain dict that can be saved next
to a run and read back (`LinkSettings.from_dict`). Blocking rules and comparisons name prepared
columns only (see `prepare.py`), and every SQL condition is a plain equality or a Splink library
function, so the same settings run on Splink's DuckDB or Spark backend.
"""

from __future__ import annotations

import csv
import os
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from jtai.core.canonical import Source

# Sources whose `person_id` is the local authority's child id (canonical model). Early help sends
# its own person id and the LA id only where known, so it is a partner here.
LA_ID_SOURCES: frozenset[str] = frozenset(
    {Source.CIN_CENSUS, Source.SSDA903, Source.ANNEX_A, Source.LA_PERSONS}
)

DEFAULT_SETTINGS: dict[str, Any] = {
    # Bands on Splink's match probability: at or above `upper` a pair links on its own; between
    # `lower` and `upper` it waits for a person in the review queue; below `lower` it is dropped.
    "thresholds": {"upper": 0.95, "lower": 0.5},
    # Each rule is a list of prepared columns that must be equal; a string is a SQL condition
    # (l./r. prefixes) for what equality cannot say, such as a transposed day and month.
    "blocking_rules": [
        ["forename_std", "dob"],
        ["surname", "dob"],
        ["forename_std", "surname", "postcode_district"],
        ["forename_sdx", "surname_sdx", "birth_year"],
        "l.surname_sdx = r.surname_sdx and l.dob = r.dob_swapped",
        ["forename_sdx", "postcode"],
    ],
    # Deterministic rules for the prior (probability that two random records match): pairs that
    # agree on all of these are near-certain matches; `prior_recall` is the share of matches they
    # are assumed to catch.
    "prior_rules": [["forename_std", "surname", "dob"]],
    "prior_recall": 0.7,
    # EM runs once per rule; the comparisons inside a rule are not estimated in that session.
    "em_rules": [["dob"], ["forename_std", "surname", "postcode_district"]],
    # Pairs sampled per EM round. m has a few dozen levels to learn: at 250,000 children 500,000
    # pairs per round gave the same F1 and right-LA-child share as 2,000,000 (slightly higher,
    # within noise) for 7 CPU seconds less. Areas up to ~20,000 children block fewer pairs than
    # this and use them all.
    "em_max_pairs": 500_000,
    "u_max_pairs": 500_000,
    "seed": 5,
    # Jaro-Winkler thresholds for names, strict then loose.
    "name_jw": [0.92, 0.8],
    # A pair whose forenames or dates of birth disagree completely (no variant, no likeness, not
    # swapped, more than two digits apart) never links on the model alone, however high its
    # probability: twins share surname, date of birth and postcode, and siblings can share even a
    # forename. Such pairs go to the review queue for a person to decide.
    "review_if_disagree": ["forename", "dob"],
    # A probabilistic link is refused when it would put two different values of these identifiers
    # in one child: two valid NHS numbers or two LA child ids are two children, whatever the names.
    "conflicting_identifiers": ["la_child_id", "nhs_number", "upn"],
    # DuckDB threads; None keeps DuckDB's default (all cores).
    "threads": None,
}


@dataclass(frozen=True, slots=True)
class LinkSettings:
    """Typed view of the settings dict; `to_dict` round-trips for saving alongside a run."""

    upper: float = 0.95
    lower: float = 0.5
    blocking_rules: tuple[tuple[str, ...] | str, ...] = field(default_factory=tuple)
    prior_rules: tuple[tuple[str, ...], ...] = field(default_factory=tuple)
    prior_recall: float = 0.7
    em_rules: tuple[tuple[str, ...], ...] = field(default_factory=tuple)
    em_max_pairs: float = 500_000
    u_max_pairs: float = 500_000
    seed: int = 5
    name_jw: tuple[float, float] = (0.92, 0.8)
    review_if_disagree: tuple[str, ...] = ()
    conflicting_identifiers: tuple[str, ...] = ()
    threads: int | None = None

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None = None) -> LinkSettings:
        """Defaults overlaid with `data` (top-level keys; `thresholds` may be partial)."""
        merged = {**DEFAULT_SETTINGS, **(data or {})}
        bands = {**DEFAULT_SETTINGS["thresholds"], **merged["thresholds"]}
        if not 0 < bands["lower"] <= bands["upper"] <= 1:
            raise ValueError(f"thresholds need 0 < lower <= upper <= 1, got {bands}")
        jw = merged["name_jw"]
        return cls(
            upper=float(bands["upper"]),
            lower=float(bands["lower"]),
            blocking_rules=tuple(
                r if isinstance(r, str) else tuple(r) for r in merged["blocking_rules"]
            ),
            prior_rules=tuple(tuple(r) for r in merged["prior_rules"]),
            prior_recall=float(merged["prior_recall"]),
            em_rules=tuple(tuple(r) for r in merged["em_rules"]),
            em_max_pairs=float(merged["em_max_pairs"]),
            u_max_pairs=float(merged["u_max_pairs"]),
            seed=int(merged["seed"]),
            name_jw=(float(jw[0]), float(jw[1])),
            review_if_disagree=tuple(merged["review_if_disagree"]),
            conflicting_identifiers=tuple(merged["conflicting_identifiers"]),
            threads=merged["threads"],
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "thresholds": {"upper": self.upper, "lower": self.lower},
            "blocking_rules": [r if isinstance(r, str) else list(r) for r in self.blocking_rules],
            "prior_rules": [list(r) for r in self.prior_rules],
            "prior_recall": self.prior_recall,
            "em_rules": [list(r) for r in self.em_rules],
            "em_max_pairs": self.em_max_pairs,
            "u_max_pairs": self.u_max_pairs,
            "seed": self.seed,
            "name_jw": list(self.name_jw),
            "review_if_disagree": list(self.review_if_disagree),
            "conflicting_identifiers": list(self.conflicting_identifiers),
            "threads": self.threads,
        }


@cache
def load_name_variants() -> dict[tuple[str, str], str]:
    """(variant, sex) -> standard name, from `data/name_variants.csv`; sex "" means any.

    Sex disambiguates shared short forms (Sam is Samuel or Samantha, Alex Alexander or Alexandra).
    """
    table: dict[tuple[str, str], str] = {}
    text = resources.files("jtai.link").joinpath("data/name_variants.csv").read_text("utf-8")
    for row in csv.DictReader(text.splitlines()):
        name, variant, sex = row["name"], row["variant"], row["sex"] or ""
        for key in ((variant, sex), (name, sex)):
            table.setdefault(key, name)
        # Without a recorded sex, the first listed meaning wins: deterministic, and the model
        # still sees the raw forename, so a wrong guess only loses the variant level.
        table.setdefault((variant, ""), name)
        table.setdefault((name, ""), name)
    return table


def default_backend() -> str:
    """The linkage backend from `JTAI_LINK_BACKEND` (`duckdb` or `spark`); DuckDB when unset."""
    return os.environ.get("JTAI_LINK_BACKEND", "").strip().lower() or "duckdb"
