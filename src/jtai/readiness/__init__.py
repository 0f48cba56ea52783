"""Readiness for the executive group: measures, needs analysis, findings letter, overview, charts.

Pure Python over the cohort's tables and plain audit facts: never imports Django, the web app or
the CLI. `jtai.readiness_app` stores statements, snapshots and drafts; `jtai.runs.readiness` feeds
this package from the database. See docs/reference/readiness.md.
"""

from jtai.readiness.dashboard import ActionFact, AnswerFact, Dashboard, build_dashboard
from jtai.readiness.facts import Facts, gather_facts
from jtai.readiness.letter import Letter, Section, build_letter
from jtai.readiness.measures import Measure, compute_measures, format_value, movement
from jtai.readiness.needs import NeedsAnalysis, load_prevalence, needs_analysis
from jtai.readiness.overview import AreaSummary, Overview, build_overview

__all__ = [
    "ActionFact",
    "AnswerFact",
    "AreaSummary",
    "Dashboard",
    "Facts",
    "Letter",
    "Measure",
    "NeedsAnalysis",
    "Overview",
    "Section",
    "build_dashboard",
    "build_letter",
    "build_overview",
    "compute_measures",
    "format_value",
    "gather_facts",
    "load_prevalence",
    "movement",
    "needs_analysis",
]
