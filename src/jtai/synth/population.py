"""The area's children: households of siblings with one surname and one address, twins, house moves.

`N` children aged 0-17 on the as-of date, by single year of age in the shape of the ONS mid-year
estimates. Children are produced one household at a time so that large areas stream.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta

from jtai.synth.model import Child
from jtai.synth.people import (
    Allocator,
    make_postcode,
    pick,
    pick_ethnicity,
    pick_forename,
    pick_surname,
)
from jtai.synth.rates import NameLists, Rates

AGES = tuple(range(18))


def birth_date(rng: random.Random, age: int, as_of: date) -> date:
    """A date of birth that makes the child exactly `age` on `as_of`."""
    latest = _years_before(as_of, age)
    earliest = _years_before(as_of, age + 1) + timedelta(days=1)
    return earliest + timedelta(days=rng.randrange((latest - earliest).days + 1))


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February in a non-leap year
        return day.replace(year=day.year - years, day=28)


def iter_children(
    rng: random.Random,
    n: int,
    as_of: date,
    rates: Rates,
    names: NameLists,
    alloc: Allocator,
) -> Iterator[Child]:
    """Yield exactly `n` children, household by household."""
    pop = rates["population"]
    age_cum = tuple(_cumsum(pop["age_weights"]))
    age_labels = tuple(str(a) for a in AGES)
    size_labels = ("1", "2", "3", "4")
    size_cum = tuple(_cumsum(pop["household_children"]))
    made = 0
    household = 0
    while made < n:
        household += 1
        size = min(int(pick(rng, size_labels, size_cum)), n - made)
        surname = pick_surname(rng, names)
        postcodes = _address_history(rng, as_of, pop["moved_in_3_years"])
        previous: Child | None = None
        for _ in range(size):
            made += 1
            child = _make_child(rng, made, household, surname, postcodes, as_of, names, alloc)
            if previous is not None and rng.random() < pop["twin_share"]:
                # About 43% of children have an older sibling at home; this gives ~1.3% twins.
                _make_twin(child, previous)
            else:
                age = int(pick(rng, age_labels, age_cum))
                child.dob = birth_date(rng, age, as_of)
            child.sex = "M" if rng.random() < pop["male_share"] else "F"
            child.forename = pick_forename(rng, names, child.sex)
            if previous is not None and child.twin and child.forename == previous.forename:
                child.forename = pick_forename(rng, names, child.sex)
            _maybe_change_surname(rng, child, as_of, pop["surname_change"], names)
            previous = child
            yield child


def _make_child(
    rng: random.Random,
    index: int,
    household: int,
    surname: str,
    postcodes: list[tuple[date, str]],
    as_of: date,
    names: NameLists,
    alloc: Allocator,
) -> Child:
    return Child(
        uid=f"C{index:07d}",
        forename="",
        surname=surname,
        sex="",
        dob=as_of,
        ethnicity=pick_ethnicity(rng),
        nhs_number=alloc.nhs_number(),
        household=household,
        postcodes=postcodes,
    )


def _make_twin(child: Child, sibling: Child) -> None:
    child.dob = sibling.dob
    child.ethnicity = sibling.ethnicity
    child.twin = True
    sibling.twin = True


def _address_history(rng: random.Random, as_of: date, moved_share: float) -> list[tuple[date, str]]:
    history = [(date(1900, 1, 1), make_postcode(rng))]
    if rng.random() < moved_share:
        moved = as_of - timedelta(days=rng.randrange(30, 3 * 365))
        history.append((moved, make_postcode(rng)))
    return history


def _maybe_change_surname(
    rng: random.Random, child: Child, as_of: date, share: float, names: NameLists
) -> None:
    if rng.random() >= share:
        return
    former = pick_surname(rng, names)
    if former == child.surname:
        return
    changed = as_of - timedelta(days=rng.randrange(30, 4 * 365))
    if changed <= child.dob:
        return
    child.former_surname = former
    child.surname_changed = changed


def _cumsum(weights: list[float]) -> list[float]:
    out: list[float] = []
    total = 0.0
    for weight in weights:
        total += float(weight)
        out.append(total)
    return out
