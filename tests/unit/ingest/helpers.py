"""Tiny literal files for reader tests: synthetic values only (NHS numbers from the 999 range)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

AS_OF = date(2025, 3, 31)
VALID_NHS = "9990000018"  # passes modulus 11; 999 numbers are never issued
VALID_UPN = "A123456789012"
# A trust's own health referrals layout, mapped column by column onto the contract's.
TRUST_REFERRALS_MAPPING = """target: health_referrals
columns:
  person_id: Hospital No
  referral_id: Ref
  service: Team
  referral_date: Received
  referral_source: From
  referral_reason: Why
  outcome: Outcome
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def cin_xml(children: str) -> str:
    return (
        '<?xml version="1.0" encoding="utf-8"?><Message><Header><CollectionDetails>'
        "<Collection>CIN</Collection><Year>2025</Year></CollectionDetails></Header>"
        f"<Children>{children}</Children></Message>"
    )


def cin_child(child_id: str, body: str, ids: str = "<Sex>F</Sex>") -> str:
    return (
        f"<Child><ChildIdentifiers><LAchildID>{child_id}</LAchildID>"
        f"<PersonBirthDate>2012-05-01</PersonBirthDate>{ids}</ChildIdentifiers>"
        "<ChildCharacteristics><Ethnicity>WBRI</Ethnicity></ChildCharacteristics>"
        f"{body}</Child>"
    )
