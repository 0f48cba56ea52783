"""Choose the children to audit (cohort-rules.md section 7): tracked and sampled, with reasons.

Pure Python over the cohort's children; never imports Django, the web app, the CLI, the Django
apps or `jtai.runs`. See docs/reference/sampling.md.
"""

from jtai.sampling.draw import (
    ALGORITHM,
    TRACKED_MAX,
    TRACKED_MIN,
    Chosen,
    Draw,
    SamplingError,
    Stratum,
    allocate,
    draw_sample,
)
from jtai.sampling.targets import MISSING, SHORT, TARGETS, agencies_of, targets_of

__all__ = [
    "ALGORITHM",
    "MISSING",
    "SHORT",
    "TARGETS",
    "TRACKED_MAX",
    "TRACKED_MIN",
    "Chosen",
    "Draw",
    "SamplingError",
    "Stratum",
    "agencies_of",
    "allocate",
    "draw_sample",
    "targets_of",
]
