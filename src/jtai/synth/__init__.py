"""Synthetic partnerships: simulated children's lives written as every file a partnership sends.

Pure Python (no Django, no web, no CLI). `generate_area` writes one area's folder with its ground
truth; see docs/reference/synthetic-data.md.
"""

from jtai.synth.api import AreaSummary, generate_area

__all__ = ["AreaSummary", "generate_area"]
