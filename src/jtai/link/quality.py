"""Linkage quality against a synthetic area's truth (`_truth/persons.csv`).

Pairwise figures count pairs of records: a true pair is two records of one child in the truth, a
predicted pair two records given one child key. Precision is the share of predicted pairs that are
true, recall the share of true pairs found. Records missing from either side are left out.
"Right LA child" is, over partner records (not the LA's own sources) of children known to social
care, the share whose assigned `la_child_id` is that child's LA id; "wrong LA child" is the share
of partner records of children not known to social care that were given an LA id anyway.
"""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from jtai.link.result import LinkResult
from jtai.link.settings import LA_ID_SOURCES


def _pairs(counts: Counter[Any]) -> int:
    return sum(n * (n - 1) // 2 for n in counts.values())


def quality(result: LinkResult, truth_persons_csv: Path | str) -> dict[str, Any]:
    truth: dict[str, str] = {}
    with Path(truth_persons_csv).open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            truth[f"{row['source']}:{row['person_id']}"] = row["child_uid"]
    assigned = dict(
        zip(
            result.assignments["record_key"].to_pylist(),
            result.assignments["child_key"].to_pylist(),
            strict=True,
        )
    )
    la_of = dict(
        zip(
            result.assignments["record_key"].to_pylist(),
            result.assignments["la_child_id"].to_pylist(),
            strict=True,
        )
    )
    common = sorted(set(truth) & set(assigned))
    true_pairs = _pairs(Counter(truth[k] for k in common))
    found_pairs = _pairs(Counter(assigned[k] for k in common))
    both = _pairs(Counter((truth[k], assigned[k]) for k in common))
    precision = both / found_pairs if found_pairs else 1.0
    recall = both / true_pairs if true_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0

    child_la: dict[str, str] = {}
    for key in common:
        source, _, person_id = key.partition(":")
        if source in LA_ID_SOURCES:
            child_la.setdefault(truth[key], person_id)
    right = known = wrong = unknown = 0
    by_source: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for key in common:
        source = key.partition(":")[0]
        if source in LA_ID_SOURCES:
            continue
        expected = child_la.get(truth[key])
        if expected is None:
            unknown += 1
            wrong += la_of[key] is not None
            continue
        known += 1
        hit = la_of[key] == expected
        right += hit
        by_source[source][0] += hit
        by_source[source][1] += 1
    return {
        "records": len(common),
        "children_truth": len(set(truth[k] for k in common)),
        "children_found": len(set(assigned[k] for k in common)),
        "true_pairs": true_pairs,
        "found_pairs": found_pairs,
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "partner_records_known_to_la": known,
        "right_la_child": right / known if known else 1.0,
        "partner_records_not_known_to_la": unknown,
        "wrong_la_child": wrong / unknown if unknown else 0.0,
        "right_la_child_by_source": {s: h / n for s, (h, n) in sorted(by_source.items())},
    }
