"""Pseudonymise records for analysis outside the product.

Identifiers become keyed hashes (HMAC-SHA256 with a salt the partnership keeps), dates of birth
become their month, postcodes their sector; names and free text are dropped. The same salt gives
the same pseudonym, so extracts can be joined; without the salt they cannot be reversed.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from datetime import date

_POSTCODE = re.compile(r"^\s*([A-Z]{1,2}\d[A-Z\d]?)\s*(\d)[A-Z]{2}\s*$", re.IGNORECASE)
# Attribute keys that may hold free text or identifiers and never leave the product.
DROPPED_ATTRIBUTES = frozenset({"detail", "school_name", "home_post", "pl_post", "urn"})


def pseudonym(salt: bytes, value: str | None) -> str | None:
    """A 20-character keyed hash of `value`; None stays None."""
    if value is None or value == "":
        return None
    digest = hmac.new(salt, value.encode("utf-8"), hashlib.sha256).hexdigest()
    return digest[:20]


def month_of(day: date | None) -> str | None:
    """A date of birth to its month: 2013-04-02 -> 2013-04."""
    return None if day is None else f"{day.year:04d}-{day.month:02d}"


def postcode_sector(postcode: str | None) -> str | None:
    """A full UK postcode to its sector ('AB1 2CD' -> 'AB1 2'); anything else to None."""
    if not postcode:
        return None
    match = _POSTCODE.match(postcode)
    if match is None:
        return None
    return f"{match.group(1).upper()} {match.group(2)}"
