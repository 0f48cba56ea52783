"""NHS numbers and unique pupil numbers (UPN): normalising and checking their check characters.

NHS number: 10 digits, the last a modulus-11 check digit over the first nine with weights 10..2.
UPN: 13 characters; the first is a check letter, modulus 23 over characters 2-13 with weights 2..13,
mapped to the alphabet below (no I, O, S). A temporary UPN ends in a letter, which counts as its
index in that same alphabet. Source: DfE "Unique pupil numbers" guidance; see
docs/reference/identifiers.md.
"""

from __future__ import annotations

import re

UPN_ALPHABET = "ABCDEFGHJKLMNPQRTUVWXYZ"
_NHS_WEIGHTS = range(10, 1, -1)
_NON_DIGITS = re.compile(r"[\s-]")


def normalise_nhs_number(value: str | None) -> str | None:
    """Strip spaces and hyphens; return None for blank input. Does not check validity."""
    if value is None:
        return None
    cleaned = _NON_DIGITS.sub("", str(value))
    return cleaned or None


def nhs_check_digit(first_nine: str) -> int | None:
    """The check digit for nine digits, or None where no valid check digit exists (remainder 10)."""
    total = sum(int(d) * w for d, w in zip(first_nine, _NHS_WEIGHTS, strict=True))
    check = 11 - total % 11
    if check == 11:
        return 0
    if check == 10:
        return None
    return check


def is_valid_nhs_number(value: str | None) -> bool:
    """True when the value is ten digits (spaces allowed) with a correct modulus-11 check digit."""
    number = normalise_nhs_number(value)
    if number is None or len(number) != 10 or not number.isdigit():
        return False
    return nhs_check_digit(number[:9]) == int(number[9])


def normalise_upn(value: str | None) -> str | None:
    """Trim and upper-case; return None for blank input. Does not check validity."""
    if value is None:
        return None
    cleaned = str(value).strip().upper()
    return cleaned or None


_UPN_VALUES = {**{str(d): d for d in range(10)}, **{c: i for i, c in enumerate(UPN_ALPHABET)}}


def upn_check_letter(body: str) -> str:
    """The check letter for the twelve characters that follow it (LA code, school, year, serial)."""
    if len(body) != 12:
        raise ValueError("a UPN check letter covers exactly twelve characters")
    values = _UPN_VALUES
    total = 0
    for weight, char in zip(range(2, 14), body):  # noqa: B905 - length checked above
        value = values.get(char)
        if value is None:
            value = int(char) if char.isdigit() else UPN_ALPHABET.index(char)
        total += value * weight
    return UPN_ALPHABET[total % 23]


def is_valid_upn(value: str | None) -> bool:
    """True for a 13-character UPN (permanent or temporary) whose check letter is right."""
    upn = normalise_upn(value)
    if upn is None or len(upn) != 13:
        return False
    check, body = upn[0], upn[1:]
    if check not in UPN_ALPHABET or not body[:11].isdigit():
        return False
    last = body[11]
    if not (last.isdigit() or last in UPN_ALPHABET):
        return False
    return upn_check_letter(body) == check
