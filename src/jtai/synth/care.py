"""Looked-after children: coming into care, 903 episodes, missing episodes and short breaks.

Built backwards from the as-of date like the rest of the social care history (see social_care.py).
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from jtai.synth.model import CareEpisode, Child, MissingEpisode
from jtai.synth.rates import Rates
from jtai.synth.social_care import (
    assess,
    build_current_cin,
    days_between,
    new_referral,
    pick_need,
    plan_reviews,
    protect,
)


def build_care(rng: random.Random, child: Child, as_of: date, rates: Rates) -> None:
    """Looked after on the as-of date: how they came into care, then the episodes since."""
    age_days = (as_of - child.dob).days
    duration = min(int(rng.expovariate(1 / 900)) + 1, max(age_days - 1, 1))
    # Never before birth: a baby born on the as-of date comes into care that day.
    start = max(as_of - timedelta(days=duration), child.dob)
    referral = new_referral(rng, child, start - days_between(rng, 10, 200))
    assess(rng, child, referral, start)
    if rng.random() < 0.4 and (start - referral.date).days > 40:
        plan = protect(rng, referral, referral.date + days_between(rng, 0, 7), rates)
        plan.end = start if plan.start < start else None
        if plan.end is None:
            referral.cp_plans.remove(plan)
        else:
            plan.reviews = plan_reviews(plan.start, plan.end, as_of)
    child.referrals.append(referral)
    need = pick_need(rng)
    referral.need_code = need
    child.episodes.extend(care_episodes(rng, child, start, None, need, as_of))
    child.reviews = plan_reviews(start, None, as_of, first_months=1)
    child.missing = missing_episodes(rng, child, start, as_of, rates)


def care_episodes(
    rng: random.Random, child: Child, start: date, end: date | None, need: str, as_of: date
) -> list[CareEpisode]:
    """A period of care as 903 episodes: a new row at each change of placement or legal status."""
    age = (start - child.dob).days // 365
    legal = rng.choice(("C1", "C1", "V2", "V2", "C2")) if age < 16 else "V2"
    place = _placement(rng, age)
    home = child.postcode_on(start)
    episodes: list[CareEpisode] = []
    day, rne = start, "S"
    stop = end or as_of
    while True:
        change = day + timedelta(days=int(rng.expovariate(1 / 420)) + 14)
        last = change >= stop
        episode = CareEpisode(
            day,
            end if last else change,
            rne,
            legal,
            need,
            place,
            _provider(place),
            home_postcode=home,
        )
        episode.placement_postcode = _placement_postcode(rng, place, home)
        episode.urn = _urn(rng, place)
        episodes.append(episode)
        if last:
            break
        episode.reason_ceased = "X1"
        day = change
        if legal == "C1" and rng.random() < 0.6:
            legal, rne = "C2", "L"
            episode.reason_place_change = ""
        else:
            place, rne = _placement(rng, age), rng.choice(("P", "P", "T", "B"))
            episode.reason_place_change = rng.choice(("CARPL", "CREQB", "CHILD", "LAREQ", "OTHER"))
    return episodes


def _placement(rng: random.Random, age: int) -> str:
    if age >= 13 and rng.random() < 0.25:
        return rng.choice(("K2", "K2", "K2", "K3" if age >= 16 else "R1"))
    if rng.random() < 0.18:
        return rng.choice(("U1", "U2", "U3"))
    if rng.random() < 0.05:
        return "P1"
    return rng.choice(("U4", "U5", "U6", "U6"))


def _provider(place: str) -> str:
    if place == "P1":
        return "PR0"
    if place in ("U1", "U2", "U3"):
        return "PR1"
    if place in ("K2", "K3", "R1"):
        return "PR4"
    return "PR1" if place != "U6" else "PR4"


def _placement_postcode(rng: random.Random, place: str, home: str) -> str:
    if place == "P1":
        return home
    return f"NX{rng.randint(1, 30)} {rng.randint(1, 9)}{rng.choice('ABDEFGH')}{rng.choice('JLNPQ')}"


def _urn(rng: random.Random, place: str) -> str:
    if place in ("K2", "K1", "R1"):
        return f"SC{rng.randint(100000, 999999)}"
    return "XXXXXXX"


def missing_episodes(
    rng: random.Random, child: Child, start: date, as_of: date, rates: Rates
) -> list[MissingEpisode]:
    """Missing and away episodes while looked after, from age 10; a few children go often."""
    out: list[MissingEpisode] = []
    years = max(1, (as_of - start).days // 365)
    if (as_of - child.dob).days < 10 * 365:
        return out
    if rng.random() >= rates["social_care"]["missing_per_cla_year"] * min(years, 3) * 1.5:
        return out
    for _ in range(rng.choice((1, 1, 2, 3, 5, 8))):
        day = start + timedelta(days=rng.randrange(max(1, (as_of - start).days)))
        end = day + timedelta(days=rng.choice((0, 1, 1, 2, 3, 7)))
        out.append(MissingEpisode("M" if rng.random() < 0.8 else "A", day, end))
    out.sort(key=lambda m: m.start)
    return out


def build_short_breaks(rng: random.Random, child: Child, as_of: date) -> None:
    """A disabled child on short breaks (V4 agreement) with a CIN plan: CIN, not looked after."""
    child.disability = rng.choice(("LD", "AUT", "COMM", "MOB"))
    build_current_cin(rng, child, as_of, with_plan=True)
    start = child.referrals[-1].date + days_between(rng, 30, 120)
    start = min(start, as_of - timedelta(days=1))
    episode = CareEpisode(
        start, None, "S", "V4", "N2", "U6", "PR1", home_postcode=child.postcode_on(start)
    )
    episode.placement_postcode = child.postcode_on(start)
    episode.urn = "XXXXXXX"
    child.episodes.append(episode)
