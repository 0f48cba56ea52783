"""The SSDA903 return as CSV: header, episodes, OC2, missing and reviews (DD/MM/YYYY dates).

An in-year extract: every episode of every child looked after up to the as-of date, with an
episode that ends after that date left open. OC2 is the latest return's (the 31 March on or before
the as-of date): one row per child looked after for twelve months by then, with one SDQ score.
"""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

from jtai.synth.model import Child, end_as_of, last_census_day, oc2_entry
from jtai.synth.writers.csvfile import CsvFile, dfe

SSDA903_COLUMNS: dict[str, tuple[str, ...]] = {
    "ssda903_header": ("CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"),
    "ssda903_episodes": (
        "CHILD",
        "DECOM",
        "RNE",
        "LS",
        "CIN",
        "PLACE",
        "PLACE_PROVIDER",
        "DEC",
        "REC",
        "REASON_PLACE_CHANGE",
        "HOME_POST",
        "PL_POST",
        "URN",
    ),
    "ssda903_oc2": (
        "CHILD",
        "DOB",
        "SDQ_SCORE",
        "SDQ_REASON",
        "CONVICTED",
        "HEALTH_CHECK",
        "IMMUNISATIONS",
        "TEETH_CHECK",
        "HEALTH_ASSESSMENT",
        "SUBSTANCE_MISUSE",
        "INTERVENTION_RECEIVED",
        "INTERVENTION_OFFERED",
    ),
    "ssda903_missing": ("CHILD", "DOB", "MISSING", "MIS_START", "MIS_END"),
    "ssda903_reviews": ("CHILD", "DOB", "REVIEW", "REVIEW_CODE"),
}


class Ssda903Writer:
    def __init__(self, outdir: Path, as_of: date, rng: random.Random) -> None:
        self.as_of = as_of
        self.rng = rng
        self.files = {
            name: CsvFile(outdir / f"{name}.csv", cols) for name, cols in SSDA903_COLUMNS.items()
        }

    def close(self) -> dict[str, int]:
        for f in self.files.values():
            f.close()
        return {f"{name}.csv": f.rows for name, f in self.files.items()}

    def add(self, child: Child) -> bool:
        d = self.as_of
        episodes = [e for e in child.episodes if e.start <= d]
        if not episodes:
            return False
        cid, dob = child.la_child_id, dfe(child.dob)
        mother = ("1" if self.rng.random() < 0.01 else "0") if child.sex == "F" else ""
        upn = child.upn or ("UN1" if (d - child.dob).days < 5 * 365 else "UN2")
        self.files["ssda903_header"].write([cid, child.sex, dob, child.ethnicity, upn, mother, ""])
        for i, e in enumerate(episodes):
            end = end_as_of(e.end, d)
            change = episodes[i - 1].reason_place_change if i and e.rne in "PBT" else ""
            self.files["ssda903_episodes"].write(
                [
                    cid,
                    dfe(e.start),
                    e.rne,
                    e.legal_status,
                    e.need_code,
                    e.placement,
                    e.provider,
                    dfe(end),
                    e.reason_ceased if end else "",
                    change,
                    e.home_postcode,
                    e.placement_postcode,
                    e.urn,
                ]
            )
        for m in child.missing:
            if m.start <= d:
                end = end_as_of(m.end, d)
                self.files["ssda903_missing"].write([cid, dob, m.kind, dfe(m.start), dfe(end)])
        for review in child.reviews:
            if review <= d:
                code = "PN0" if (review - child.dob).days < 4 * 365 else self._participation()
                self.files["ssda903_reviews"].write([cid, dob, dfe(review), code])
        self._oc2(child)
        return True

    def _participation(self) -> str:
        return self.rng.choice(("PN1", "PN1", "PN1", "PN2", "PN3", "PN4", "PN5", "PN6", "PN7"))

    def _oc2(self, child: Child) -> None:
        entry = oc2_entry(child, self.as_of)
        if entry is None:
            return
        _, score, reason = entry
        census = last_census_day(self.as_of)
        year_start = date(census.year - 1, 4, 1)
        convicted = any(year_start <= c.start <= census for c in child.yjs_cases)
        under5 = (census - child.dob).days < 5 * 365
        flag = self._flag
        self.files["ssda903_oc2"].write(
            [
                child.la_child_id,
                dfe(child.dob),
                "" if score is None else str(score),
                reason,
                "1" if convicted else "0",
                flag(0.9) if under5 else "",
                flag(0.86),
                flag(0.82),
                flag(0.9),
                "1" if child.disorder and self.rng.random() < 0.05 else "0",
                "",
                "",
            ]
        )

    def _flag(self, p: float) -> str:
        return "1" if self.rng.random() < p else "0"
