from __future__ import annotations

from pathlib import Path

from jtai.validate.catalogue import render_catalogue

DOC = Path(__file__).resolve().parents[3] / "docs" / "reference" / "rules.md"


def test_committed_rule_catalogue_is_current():
    assert DOC.read_text(encoding="utf-8") == render_catalogue(), (
        "regenerate: .venv/bin/python -m jtai.validate.catalogue > docs/reference/rules.md"
    )


def test_catalogue_lists_dfe_codes_and_our_codes():
    text = render_catalogue()
    assert "`1510`" in text and "`validate.E105`" in text and "`ingest.E003`" in text
