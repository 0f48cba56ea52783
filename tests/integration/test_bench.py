"""`jtai bench` on a tiny synthetic area writes a well-formed report; the report's arithmetic."""

from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from jtai.bench.report import render
from jtai.bench.run import median_pair
from jtai.cli.main import app


def _table_rows(text: str, header_start: str) -> list[list[str]]:
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(header_start))
    rows = []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip("|").split("|")])
    return rows


def test_bench_on_a_thousand_children_writes_timed_stages_read_ratios_and_the_run_as_a_user_runs_it(
    tmp_path: Path,
) -> None:
    out = tmp_path / "BENCHMARKS.md"
    result = CliRunner().invoke(
        app,
        [
            "bench",
            "--sizes",
            "1000",
            "--work",
            str(tmp_path / "work"),
            "--out",
            str(out),
            "--stages",
            "read,raw,pipeline",
            "--read-pairs",
            "2",
        ],
    )
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "## 1,000 children" in text
    assert "| cores | " in text and "| duckdb | " in text and "load average" in text
    assert "jtai bench --sizes 1000" in text
    stages = _table_rows(text, "| stage |")
    assert [row[0] for row in stages[:2]] == ["read + validate", "side by side: raw read floor"]
    for row in stages[:2]:
        seconds, cpu, peak_mb = (float(v.replace(",", "")) for v in row[1:4])
        assert seconds > 0 and cpu > 0 and peak_mb > 10
    as_run = next(row for row in stages if row[0].startswith("as a user runs it"))
    assert float(as_run[1]) > 0 and "jtai load" in as_run[5] and "jtai lists export" in as_run[5]
    files = _table_rows(text, "| file |")
    assert {"cin_census.xml", "school_pupils.csv", "annex_a.xlsx"} <= {row[0] for row in files}
    assert all(re.fullmatch(r"[\d,]+\.\d", row[5]) for row in files)
    assert re.search(r"All CSVs together: ours / DuckDB = \*\*[\d.]+\*\*", text)
    assert re.search(r"ran 2 times, one after the other, as pairs; .* were [\d.]+, [\d.]+,", text)


def _stage(seconds: float, mb: float, **parts: float) -> dict[str, object]:
    return {"seconds": seconds, "peak_rss_mb": mb, "process_seconds": seconds + 2, "parts": parts}


PIPELINE_STAGES = ("read", "load", "link", "cohort", "lists")


def _city_report(stages: dict[str, dict[str, object]]) -> tuple[str, dict[str, list[str]]]:
    """The report of a 250,000-child result with these stages, and its targets table by row."""
    city = {
        "children": 250_000,
        "stages": stages,
        "load_before": [1.0, 1.0, 1.0],
        "load_after": [2.0, 2.0, 2.0],
        "generated_seconds": None,
    }
    text = render({"cores": 2}, [city], "jtai bench --sizes 250000")
    return text, {row[0]: row for row in _table_rows(text, "| target |")}


def test_report_sums_the_five_stages_and_judges_the_city_targets() -> None:
    stages = {name: _stage(10.0, 1000.0 + i, work=10.0) for i, name in enumerate(PIPELINE_STAGES)}
    stages["link"]["parts"] = {"link_persons": 8.0, "db_read": 2.0}
    stages["splink"] = _stage(4.0, 900.0, train=3.0, predict=1.0)
    text, targets = _city_report(stages)
    assert targets["250,000 children end to end < 60 s"][1:] == [
        "50.0 s (sum of stages); - s (as a user runs it)",
        "met",
    ]
    assert targets["250,000 children peak memory < 4 GB"][1:] == ["1,004 MB", "met"]
    assert targets["1,000,000 children end to end < 5 min"][2] == "not measured"
    assert "ratio **2.00**" in text  # link_persons 8 s against Splink alone 4 s


def test_city_target_is_met_only_when_the_run_as_a_user_runs_it_meets_it_too() -> None:
    stages = {name: _stage(10.0, 1000.0, work=10.0) for name in PIPELINE_STAGES}
    stages["pipeline"] = _stage(65.0, 3000.0, **{"jtai load": 60.0, "jtai lists export": 5.0})
    _, targets = _city_report(stages)
    assert targets["250,000 children end to end < 60 s"][1:] == [
        "50.0 s (sum of stages); 65.0 s (as a user runs it)",
        "**not met**",
    ]
    assert targets["250,000 children peak memory < 4 GB"][1] == "3,000 MB"


def _read_pair(ours: float, floor: float) -> tuple[dict[str, object], dict[str, object]]:
    read = _stage(ours, 100.0, read=ours)
    read["info"] = {"per_file": {"a.csv": ours}, "bytes": {"a.csv": 1}}
    raw = _stage(floor, 50.0, raw=floor)
    raw["info"] = {"per_file": {"a.csv": floor}, "how": {"a.csv": "duckdb read_csv"}}
    return read, raw


def test_the_read_pair_with_the_median_ratio_is_reported_with_every_pair_in_run_order() -> None:
    pairs = [_read_pair(3.0, 1.0), _read_pair(2.0, 1.0), _read_pair(10.0, 2.0)]
    read, raw = median_pair(pairs)
    assert read["seconds"] == 3.0 and raw["pair_chosen"] == 0
    assert [p["ratio"] for p in raw["pairs"]] == [3.0, 2.0, 5.0]
    size = {"children": 9, "stages": {"read": read, "raw": raw}, "load_before": [0, 0, 0]}
    text = render({"cores": 2}, [{**size, "load_after": [0, 0, 0]}], "jtai bench")
    assert "All CSVs together: ours / DuckDB = **3.0**" in text
    assert "the pairs' ratios, in the order they ran, were 3.0, 2.0, 5.0" in text


def test_an_even_number_of_read_pairs_reports_the_lower_middle() -> None:
    read, raw = median_pair([_read_pair(4.0, 1.0), _read_pair(2.0, 1.0)])
    assert read["seconds"] == 2.0 and raw["pair_chosen"] == 1
