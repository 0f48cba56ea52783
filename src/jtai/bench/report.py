"""BENCHMARKS.md from the saved results: machine, one table per size, ratios, targets."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

# The stages of the end-to-end path, in order; `raw` and `splink` are the side-by-side floors.
PIPELINE: tuple[str, ...] = ("read", "load", "link", "cohort", "lists")
LABELS = {
    "read": "read + validate",
    "load": "load (database write)",
    "link": "link",
    "cohort": "cohort + front door",
    "lists": "inspection lists",
    "raw": "side by side: raw read floor",
    "splink": "side by side: Splink alone",
    "pipeline": "as a user runs it: `jtai load` then `jtai lists export`, one process",
}
TARGET_CITY = 250_000
TARGET_CITY_SECONDS = 60.0
TARGET_CITY_MB = 4 * 1024
TARGET_MILLION = 1_000_000
TARGET_MILLION_SECONDS = 300.0
TARGET_READ_RATIO = 3.0


def end_to_end(result: Mapping[str, Any]) -> tuple[float | None, float | None]:
    """Seconds and peak MB of the pipeline stages, or None when one is missing or failed."""
    stages = result["stages"]
    if any(s not in stages or "error" in stages[s] for s in PIPELINE):
        return None, None
    return (
        sum(stages[s]["seconds"] for s in PIPELINE),
        max(stages[s]["peak_rss_mb"] for s in PIPELINE),
    )


def as_run(result: Mapping[str, Any]) -> tuple[float | None, float | None]:
    """Seconds and peak MB of the pipeline as a user runs it (one process, empty database)."""
    stage = result["stages"].get("pipeline")
    if not stage or "error" in stage:
        return None, None
    return stage["seconds"], stage["peak_rss_mb"]


def _slowest(*values: float | None) -> float | None:
    """The larger of the measured values: a target is met only when every measure meets it."""
    found = [v for v in values if v is not None]
    return max(found) if found else None


def read_ratios(
    result: Mapping[str, Any], timing: str = "per_file"
) -> list[tuple[str, int, float, float, str]]:
    """(file, bytes, ours, floor, how) for every file both the reader and the floor timed;
    `timing` is `per_file` (wall seconds) or `per_file_cpu` (CPU seconds)."""
    stages = result["stages"]
    if "error" in stages.get("read", {"error": 1}) or "error" in stages.get("raw", {"error": 1}):
        return []
    ours, sizes = stages["read"]["info"].get(timing, {}), stages["read"]["info"]["bytes"]
    floor, how = stages["raw"]["info"].get(timing, {}), stages["raw"]["info"]["how"]
    return [(f, sizes[f], ours[f], floor[f], how[f]) for f in sorted(ours) if f in floor]


def csv_seconds(result: Mapping[str, Any], timing: str = "per_file") -> tuple[float, float] | None:
    """(ours, floor): our read of every CSV together and DuckDB's raw read of the same files."""
    rows = [r for r in read_ratios(result, timing) if r[4] == "duckdb read_csv"]
    return (sum(r[2] for r in rows), sum(r[3] for r in rows)) if rows else None


def csv_ratio(result: Mapping[str, Any], timing: str = "per_file") -> float | None:
    """Our read of every CSV together against DuckDB's raw read of the same files."""
    found = csv_seconds(result, timing)
    return found[0] / found[1] if found and found[1] else None


def link_ratio(result: Mapping[str, Any]) -> tuple[float, float, float] | None:
    """(link_persons seconds, Splink alone seconds, ratio)."""
    stages = result["stages"]
    link, alone = stages.get("link", {}), stages.get("splink", {})
    if not link or not alone or "error" in link or "error" in alone:
        return None
    ours = link["parts"]["link_persons"]
    return ours, alone["seconds"], ours / alone["seconds"] if alone["seconds"] else float("nan")


def _s(value: float | None) -> str:
    return "-" if value is None else f"{value:,.1f}"


def _both(stages: float | None, run: float | None) -> str:
    return f"{_s(stages)} s (sum of stages); {_s(run)} s (as a user runs it)"


def _met(ok: bool | None) -> str:
    return "not measured" if ok is None else ("met" if ok else "**not met**")


def _parts(stage: Mapping[str, Any]) -> str:
    parts = dict(stage.get("parts", {}))
    inner = stage.get("info", {}).get("link_timings")
    text = ", ".join(f"{k} {v:.1f}" for k, v in parts.items())
    if inner:
        text += " (link_persons: " + ", ".join(f"{k} {v:.1f}" for k, v in inner.items()) + ")"
    return text


def _size_section(result: Mapping[str, Any]) -> list[str]:
    n = int(result["children"])
    generated = result.get("generated_seconds")
    lines = [
        f"## {n:,} children",
        "",
        f"Measured {result.get('measured', '?')}; load average (1, 5, 15 min) "
        f"{tuple(result['load_before'])} before, {tuple(result['load_after'])} after. "
        + (
            f"Synthetic folder generated in {generated:.0f} s."
            if generated
            else "Synthetic folder reused."
        ),
        "",
        "| stage | seconds | CPU seconds | peak memory (MB) | process wall (s) | parts (s) |",
        "|---|--:|--:|--:|--:|---|",
    ]
    for name in (*PIPELINE, "raw", "splink", "pipeline"):
        stage = result["stages"].get(name)
        if stage is None:
            continue
        if "error" in stage:
            lines.append(f"| {LABELS[name]} | failed | | | | {stage['error'][:200]} |")
            continue
        lines.append(
            f"| {LABELS[name]} | {stage['seconds']:,.1f} | {_s(stage.get('cpu_seconds'))} | "
            f"{stage['peak_rss_mb']:,.0f} | "
            f"{stage['process_seconds']:,.1f} | {_parts(stage)} |"
        )
    seconds, peak = end_to_end(result)
    cpu = (
        None
        if seconds is None
        else sum(result["stages"][s].get("cpu_seconds", 0.0) for s in PIPELINE)
    )
    lines.append(
        f"| **end to end** (sum of the five stages) | **{_s(seconds)}** | "
        f"{_s(cpu)} | **{'-' if peak is None else f'{peak:,.0f}'}** (largest stage) | | |"
    )
    rejected = result["stages"].get("read", {}).get("info", {}).get("rejected")
    if rejected:
        lines += [
            "",
            f"Rejected by validation, so not loaded (later stages see fewer records): "
            f"{', '.join(rejected)}.",
        ]
    info = result["stages"].get("link", {}).get("info", {})
    if info.get("records"):
        lines += [
            "",
            f"{info['records']:,} person records linked into {info['children']:,} children; "
            f"{info['review_pairs']:,} pairs for review.",
        ]
    lines += ["", *_read_table(result), "", *_link_lines(result), ""]
    return lines


def _read_table(result: Mapping[str, Any]) -> list[str]:
    rows = read_ratios(result)
    if not rows:
        return ["Reading side by side: not measured."]
    lines = [
        "Reading, side by side (our reader: parse, convert and check cells into canonical tables; "
        "the floor: DuckDB's `SELECT * FROM read_csv(path, all_varchar=true)` into an Arrow "
        "table for a CSV, every column as text, "
        "a plain byte read for the XML and the xlsx, since DuckDB has no offline reader for them, "
        "so those ratios are not like for like):",
        "",
        "| file | MB | ours (s) | floor (s) | floor is | ratio |",
        "|---|--:|--:|--:|---|--:|",
    ]
    for name, size, ours, floor, how in rows:
        shown = f"{ours / floor:,.1f}" if floor else "-"
        lines.append(f"| {name} | {size / 1e6:,.1f} | {ours:.2f} | {floor:.3f} | {how} | {shown} |")
    ratio = csv_ratio(result)
    if ratio is not None:
        cpu = csv_ratio(result, "per_file_cpu")
        in_cpu = "" if cpu is None else f" (in CPU seconds: {cpu:.1f})"
        lines += ["", f"All CSVs together: ours / DuckDB = **{ratio:.1f}**{in_cpu}."]
        pairs = result["stages"]["raw"].get("pairs", [])
        if len(pairs) > 1:
            ratios = ", ".join(f"{p['ratio']:.1f}" for p in pairs)
            lines[-1] += (
                f" Our read and the floor ran {len(pairs)} times, one after the other, as pairs; "
                f"the pairs' ratios, in the order they ran, were {ratios}, and the tables show "
                "the pair with the median ratio."
            )
    return lines


def _link_lines(result: Mapping[str, Any]) -> list[str]:
    found = link_ratio(result)
    if found is None:
        return ["Linkage side by side: not measured."]
    ours, alone, ratio = found
    return [
        f"Linkage, side by side: `link_persons` {ours:.1f} s against Splink alone (make_linker, "
        f"train, predict on the same prepared records and settings) {alone:.1f} s: "
        f"ratio **{ratio:.2f}**; the difference is preparation, identifier links, clustering "
        "with people's decisions, stable keys and the review queue.",
    ]


def _targets(results: Sequence[Mapping[str, Any]]) -> list[str]:
    by_size = {int(r["children"]): r for r in results}
    city, million = by_size.get(TARGET_CITY), by_size.get(TARGET_MILLION)
    city_sum, city_sum_mb = end_to_end(city) if city else (None, None)
    city_run, city_run_mb = as_run(city) if city else (None, None)
    million_sum, _ = end_to_end(million) if million else (None, None)
    million_run, _ = as_run(million) if million else (None, None)
    city_s, city_mb = _slowest(city_sum, city_run), _slowest(city_sum_mb, city_run_mb)
    million_s = _slowest(million_sum, million_run)
    largest = results[-1] if results else None
    ratio = csv_ratio(largest) if largest else None
    rows = [
        (
            "250,000 children end to end < 60 s",
            _both(city_sum, city_run),
            None if city_s is None else city_s < TARGET_CITY_SECONDS,
        ),
        (
            "250,000 children peak memory < 4 GB",
            "-" if city_mb is None else f"{city_mb:,.0f} MB",
            None if city_mb is None else city_mb < TARGET_CITY_MB,
        ),
        (
            "1,000,000 children end to end < 5 min",
            _both(million_sum, million_run),
            None if million_s is None else million_s < TARGET_MILLION_SECONDS,
        ),
        (
            "reading within 3 x DuckDB's raw read (all CSVs, largest size)",
            "-" if ratio is None else f"{ratio:.1f} x",
            None if ratio is None else ratio <= TARGET_READ_RATIO,
        ),
    ]
    lines = ["## Targets", "", "| target | measured | |", "|---|--:|---|"]
    lines += [f"| {name} | {value} | {_met(ok)} |" for name, value, ok in rows]
    return lines


def render(
    machine: Mapping[str, Any],
    results: Sequence[Mapping[str, Any]],
    command: str,
    extra: str = "",
) -> str:
    """The report; `extra` (Markdown, e.g. the web load test's figures) goes at the end."""
    lines = [
        "# Benchmarks",
        "",
        "Written by `jtai bench` on synthetic areas (never real data). Each stage runs in its own "
        "fresh Python process, so peak memory is that stage's alone; seconds are the stage's own "
        "work, after imports and start-up (the process wall time includes those). The database "
        "is a fresh embedded SQLite one per area. End to end is the sum of read + validate, "
        "load, link, cohort + front door and lists; the last stage then does the same work as a "
        "user does, `jtai load` followed by `jtai lists export` in one process on its own empty "
        "database, and a target counts as met only when both measures meet it. Other work shares "
        "this machine, so timings "
        "are noisy: the load average is given with each size, and CPU seconds (every thread of "
        "the stage's process, user and system) are steadier than wall time when the machine is "
        "shared.",
        "",
        "## Machine",
        "",
        "| | |",
        "|---|---|",
    ]
    lines += [f"| {k} | {v} |" for k, v in machine.items()]
    lines += ["", "Command:", "", "```sh", command, "```", "", *_targets(results), ""]
    for result in results:
        lines += _size_section(result)
    if extra.strip():
        lines += ["", extra.strip()]
    return "\n".join(lines).rstrip() + "\n"
