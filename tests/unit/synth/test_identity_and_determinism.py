"""Identity noise that makes linkage hard, valid check characters, same seed same bytes."""

from __future__ import annotations

import csv
import hashlib
import itertools
from pathlib import Path

from jtai.core.identifiers import is_valid_nhs_number, is_valid_upn
from jtai.synth import generate_area

from .conftest import AS_OF

NAMED = (
    "la_persons",
    "health_referrals",
    "health_events",
    "police_events",
    "school_pupils",
    "yjs_cases",
    "early_help",
)


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _truth(folder: Path) -> dict[tuple[str, str], str]:
    return {
        (r["source"], r["person_id"]): r["child_uid"]
        for r in read(folder / "_truth" / "persons.csv")
    }


def test_naive_exact_match_on_name_and_dob_misses_a_real_share_of_true_links(folder: Path) -> None:
    truth = _truth(folder)
    records: dict[str, list[tuple[str, tuple[str, str, str]]]] = {}
    for source in NAMED:
        for row in read(folder / f"{source}.csv"):
            key = (row["forename"].casefold(), row["surname"].casefold(), row["dob"])
            records.setdefault(truth[(source, row["person_id"])], []).append((source, key))
    pairs = missed = 0
    for rows in records.values():
        for (s1, k1), (s2, k2) in itertools.combinations(rows, 2):
            if s1 != s2:
                pairs += 1
                missed += k1 != k2
    assert pairs > 5000
    assert 0.10 <= missed / pairs <= 0.25


def test_every_partner_record_has_its_child_in_the_truth(folder: Path) -> None:
    truth = _truth(folder)
    for source in (*NAMED, "school_events"):
        for row in read(folder / f"{source}.csv"):
            assert (source, row["person_id"]) in truth


def test_police_and_school_records_mostly_lack_nhs_numbers(folder: Path) -> None:
    for source in ("police_events", "school_pupils"):
        rows = read(folder / f"{source}.csv")
        assert sum(1 for r in rows if r["nhs_number"]) / len(rows) < 0.25


def test_identifiers_have_valid_check_characters_except_the_deliberate_few(folder: Path) -> None:
    invalid = {
        (r["source"], r["person_id"], r["column"])
        for r in read(folder / "_truth" / "invalid_identifiers.csv")
    }
    assert invalid  # a small share is deliberately wrong, to be kept and flagged
    checked = 0
    for source in NAMED:
        for row in read(folder / f"{source}.csv"):
            if row["nhs_number"]:
                checked += 1
                assert row["nhs_number"].startswith("999")  # never issued
                deliberate = (source, row["person_id"], "nhs_number") in invalid
                assert is_valid_nhs_number(row["nhs_number"]) != deliberate
            if row["upn"]:
                deliberate = (source, row["person_id"], "upn") in invalid
                assert is_valid_upn(row["upn"]) != deliberate
    assert len(invalid) < checked * 0.02


def test_different_children_share_a_common_name_and_birth_year(folder: Path) -> None:
    truth = _truth(folder)
    seen: dict[tuple[str, str, str], set[str]] = {}
    for row in read(folder / "school_pupils.csv"):
        key = (row["forename"], row["surname"], row["dob"][:4])
        seen.setdefault(key, set()).add(truth[("school_pupils", row["person_id"])])
    assert sum(1 for uids in seen.values() if len(uids) > 1) >= 5


def _digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_same_seed_gives_the_same_bytes_and_another_seed_does_not(tmp_path: Path) -> None:
    first = _digest(generate_area(tmp_path / "a", 300, 11, AS_OF, dirty=True).outdir)
    second = _digest(generate_area(tmp_path / "b", 300, 11, AS_OF, dirty=True).outdir)
    other = _digest(generate_area(tmp_path / "c", 300, 12, AS_OF).outdir)
    assert first == second
    assert first["health_referrals.csv"] != other["health_referrals.csv"]
