"""Identities: names, identifiers and addresses, and the noise each agency adds recording them.

A child has one true identity. Each source records it once per person record, with the errors real
systems carry: nicknames, typing errors, day and month swapped, an old surname or address, a missing
NHS number, now and then a wrong check character. The rates are in `rates.yaml` under `identity`.
"""

from __future__ import annotations

import random
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date, timedelta

from jtai.core.identifiers import UPN_ALPHABET, nhs_check_digit, upn_check_letter
from jtai.synth.model import Child
from jtai.synth.rates import NameLists

# A fictional LA number; synthetic UPNs and the CIN header both use it.
LA_CODE = "999"
# A postcode area that is not in use, in a format that passes strict UK postcode patterns.
POSTCODE_AREA = "NX"
_INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
_VOWELS = "aeiou"

# DfE ethnicity codes with rough shares for a mixed English area (Census 2021, under-18s).
ETHNICITIES: tuple[tuple[str, float], ...] = (
    ("WBRI", 0.66),
    ("WIRI", 0.005),
    ("WOTH", 0.06),
    ("WROM", 0.005),
    ("WIRT", 0.002),
    ("MWBC", 0.015),
    ("MWBA", 0.008),
    ("MWAS", 0.015),
    ("MOTH", 0.02),
    ("AIND", 0.03),
    ("APKN", 0.04),
    ("ABAN", 0.015),
    ("AOTH", 0.015),
    ("BCRB", 0.01),
    ("BAFR", 0.035),
    ("BOTH", 0.005),
    ("CHNE", 0.006),
    ("OOTH", 0.02),
    ("REFU", 0.004),
    ("NOBT", 0.01),
)
_ETH_CODES = tuple(code for code, _ in ETHNICITIES)
_ETH_CUM = tuple(sum(w for _, w in ETHNICITIES[: i + 1]) for i in range(len(ETHNICITIES)))


def pick(rng: random.Random, items: tuple[str, ...], cumulative: tuple[float, ...]) -> str:
    """A weighted choice from precomputed cumulative weights (faster than `choices` per call)."""
    return items[bisect_right(cumulative, rng.random() * cumulative[-1])]


def pick_forename(rng: random.Random, names: NameLists, sex: str) -> str:
    if sex == "M":
        return pick(rng, names.boys, names.boys_cum)
    return pick(rng, names.girls, names.girls_cum)


def pick_surname(rng: random.Random, names: NameLists) -> str:
    return pick(rng, names.surnames, names.surnames_cum)


def pick_ethnicity(rng: random.Random) -> str:
    return pick(rng, _ETH_CODES, _ETH_CUM)


def make_postcode(rng: random.Random) -> str:
    district = rng.randint(1, 24)
    inward = f"{rng.randint(1, 9)}{rng.choice(_INWARD_LETTERS)}{rng.choice(_INWARD_LETTERS)}"
    return f"{POSTCODE_AREA}{district} {inward}"


@dataclass(slots=True)
class Allocator:
    """Hands out unique identifiers. Person ids are random so that row order does not link files."""

    rng: random.Random
    next_nhs: int = 0
    upn_serials: dict[tuple[str, int], int] = field(default_factory=dict)
    used_ids: set[int] = field(default_factory=set)
    la_seq: int = 0

    def nhs_number(self) -> str:
        # 999 000 0000 to 999 999 9999 pass the check but are never issued. A multiplicative
        # permutation of the counter spreads numbers over the range, still unique.
        while True:
            body = f"999{(self.next_nhs * 7919 + 104729) % 1_000_000:06d}"
            self.next_nhs += 1
            check = nhs_check_digit(body)
            if check is not None:
                return f"{body}{check}"

    def upn(self, establishment: str, year: int) -> str:
        key = (establishment, year % 100)
        serial = self.upn_serials.get(key, 0) + 1
        self.upn_serials[key] = serial
        body = f"{LA_CODE}{establishment}{year % 100:02d}{serial % 1000:03d}"
        return upn_check_letter(body) + body

    def person_id(self, prefix: str, digits: int = 8) -> str:
        while True:
            value = self.rng.randrange(10 ** (digits - 1), 10**digits)
            if value not in self.used_ids:
                self.used_ids.add(value)
                return f"{prefix}{value}"

    def la_child_id(self) -> str:
        self.la_seq += 1
        return f"{300000 + self.la_seq * 7:07d}"


def typo(rng: random.Random, name: str) -> str:
    """One typing error: a swapped pair, a dropped or doubled letter, or a wrong vowel."""
    if len(name) < 3:
        return name + name[-1]
    i = rng.randrange(1, len(name) - 1)
    kind = rng.randrange(4)
    if kind == 0:
        out = name[:i] + name[i + 1] + name[i] + name[i + 2 :]
    elif kind == 1:
        out = name[:i] + name[i + 1 :]
    elif kind == 2:
        out = name[:i] + name[i] + name[i:]
    else:
        out = name[:i] + rng.choice(_VOWELS) + name[i + 1 :]
    return out if out != name else name[:i] + name[i + 1 :]


def nickname(rng: random.Random, names: NameLists, forename: str) -> str:
    options = names.nicknames.get(forename)
    return rng.choice(options) if options else forename


def swap_day_month(dob: date) -> date:
    if dob.day > 12 or dob.day == dob.month:
        return dob
    return date(dob.year, dob.day, dob.month)


def dob_typo(rng: random.Random, dob: date) -> date:
    """One digit wrong: a day keyed one off, or the year's last digit."""
    if rng.random() < 0.6:
        return dob + timedelta(days=rng.choice((-1, 1, 10, -10)))
    try:
        return dob.replace(year=dob.year + rng.choice((-1, 1)))
    except ValueError:  # 29 February
        return dob + timedelta(days=1)


def corrupt_nhs(rng: random.Random, number: str) -> str:
    """Change one digit after the 999 prefix: with modulus 11 and weights 2-10 this always breaks
    the check digit, and the number stays in the never-issued range."""
    i = rng.randrange(3, 10)
    digit = str((int(number[i]) + rng.randint(1, 9)) % 10)
    return number[:i] + digit + number[i + 1 :]


def corrupt_upn(rng: random.Random, upn: str) -> str:
    wrong = [c for c in UPN_ALPHABET if c != upn[0]]
    return rng.choice(wrong) + upn[1:]


@dataclass(slots=True)
class Identity:
    """A person as one source records them; the identity columns of the contract."""

    person_id: str
    nhs_number: str
    upn: str
    la_child_id: str
    forename: str
    surname: str
    dob: date
    sex: str
    postcode: str

    def cells(self) -> list[str]:
        return [
            self.person_id,
            self.nhs_number,
            self.upn,
            self.la_child_id,
            self.forename,
            self.surname,
            self.dob.isoformat(),
            self.sex,
            self.postcode,
        ]


IDENTITY_COLUMNS: tuple[str, ...] = (
    "person_id",
    "nhs_number",
    "upn",
    "la_child_id",
    "forename",
    "surname",
    "dob",
    "sex",
    "postcode",
)


@dataclass(slots=True)
class Recorder:
    """Records a child into a source with that source's noise; remembers deliberate bad checks."""

    rng: random.Random
    names: NameLists
    profiles: dict[str, dict[str, float]]
    invalid_share: float
    invalid: list[tuple[str, str, str, str]] = field(default_factory=list)

    def record(
        self,
        source: str,
        child: Child,
        person_id: str,
        first_seen: date,
        as_of: date,
        la_child_id: str = "",
    ) -> Identity:
        p = self.profiles[source]
        rng = self.rng
        forename = child.forename
        if rng.random() < p["nickname"]:
            forename = nickname(rng, self.names, forename)
        if rng.random() < p["typo"]:
            forename = typo(rng, forename)
        stale = rng.random() < p["stale_surname"]
        surname = child.surname_on(first_seen) if stale else child.surname
        if rng.random() < p["typo"]:
            surname = typo(rng, surname)
        dob = child.dob
        if rng.random() < p["dob_swap"]:
            dob = swap_day_month(dob)
        if rng.random() < p["dob_typo"]:
            dob = dob_typo(rng, dob)
        if dob > as_of:  # a slip that gives a birth in the future is caught at the keyboard
            dob = child.dob
        stale_address = rng.random() < p["stale_postcode"]
        postcode = child.postcode_on(first_seen if stale_address else as_of)
        nhs = child.nhs_number if rng.random() < p["nhs"] else ""
        upn = child.upn if child.upn and rng.random() < p["upn"] else ""
        nhs, upn = self._maybe_invalid(source, person_id, nhs, upn)
        return Identity(
            person_id, nhs, upn, la_child_id, forename, surname, dob, child.sex, postcode
        )

    def _maybe_invalid(self, source: str, person_id: str, nhs: str, upn: str) -> tuple[str, str]:
        if nhs and self.rng.random() < self.invalid_share:
            nhs = corrupt_nhs(self.rng, nhs)
            self.invalid.append((source, person_id, "nhs_number", nhs))
        if upn and self.rng.random() < self.invalid_share:
            upn = corrupt_upn(self.rng, upn)
            self.invalid.append((source, person_id, "upn", upn))
        return nhs, upn
