"""Benchmark the pipeline on synthetic areas: `jtai bench`.

Pure orchestration over `jtai.runs` and the analytical core, so it sits beside the interfaces in
the layers: it generates (or reuses) synthetic folders, runs each stage in a fresh process, and
writes BENCHMARKS.md. Nothing here is imported by the product itself.
"""

from jtai.bench.report import render
from jtai.bench.run import STAGES, parse_stages, run_bench

__all__ = ["STAGES", "parse_stages", "render", "run_bench"]
