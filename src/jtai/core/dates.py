"""Dates as the inspection reads them: ages on a day, windows counted back from the as-of date.

Nothing here reads the clock: every function takes the date it answers for.
"""

from __future__ import annotations

import calendar
from datetime import date


def age_on(dob: date, on: date) -> int:
    """Age in completed years on `on`; a 29 February birthday counts on 1 March in other years."""
    years = on.year - dob.year
    birthday_this_year = _birthday_in(dob, on.year)
    if on < birthday_this_year:
        years -= 1
    return years


def _birthday_in(dob: date, year: int) -> date:
    if dob.month == 2 and dob.day == 29 and not calendar.isleap(year):
        return date(year, 3, 1)
    return dob.replace(year=year)


def months_before(on: date, months: int) -> date:
    """The same day of the month `months` earlier, clamped to the end of a shorter month."""
    index = on.year * 12 + (on.month - 1) - months
    year, month = divmod(index, 12)
    month += 1
    last_day = calendar.monthrange(year, month)[1]
    return date(year, month, min(on.day, last_day))


def parse_date(text: str) -> date | None:
    """Read an ISO `YYYY-MM-DD` or DfE `DD/MM/YYYY` date; None for anything else."""
    text = text.strip()
    try:
        if len(text) == 10 and text[4] == "-" and text[7] == "-":
            return date(int(text[0:4]), int(text[5:7]), int(text[8:10]))
        if len(text) == 10 and text[2] == "/" and text[5] == "/":
            return date(int(text[6:10]), int(text[3:5]), int(text[0:2]))
    except ValueError:
        return None
    return None
