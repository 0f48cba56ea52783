"""A Splink EM round that underflows must not break linkage (found on a synthetic area, seed 17)."""

from datetime import date

import pyarrow as pa
import pytest

from jtai.ingest import read_folder
from jtai.link import link_persons
from jtai.link.quality import quality
from jtai.synth import generate_area


@pytest.mark.slow
def test_an_em_round_that_underflows_is_dropped_and_linkage_still_meets_its_targets(tmp_path):
    generate_area(tmp_path, 1500, 17, "2026-11-01")
    files = read_folder(tmp_path, as_of=date(2026, 11, 1)).files
    result = link_persons(pa.concat_tables([f.persons for f in files]))
    figures = quality(result, tmp_path / "_truth" / "persons.csv")
    assert figures["f1"] >= 0.98
    assert figures["right_la_child"] >= 0.98
