"""One generated area shared by the synth tests: 12,000 children, enough to check rates."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from jtai.synth import AreaSummary, generate_area

AS_OF = date(2026, 11, 1)
AREA_CHILDREN = 12000


@pytest.fixture(scope="session")
def area(tmp_path_factory: pytest.TempPathFactory) -> AreaSummary:
    outdir = tmp_path_factory.mktemp("synth") / "area"
    return generate_area(outdir, AREA_CHILDREN, 7, AS_OF, dirty=True)


@pytest.fixture(scope="session")
def folder(area: AreaSummary) -> Path:
    return area.outdir
