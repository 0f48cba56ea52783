"""The cohort page's answer, computed once per version of the area's data and kept in memory.

Selecting the cohort reads every record of the area; for a 250,000-child city that is tens of
seconds, far too slow to repeat on every page view. The answer depends only on the area's records
and links, the date and the definition, so it is kept per (area, data version, as_of,
definition). The data version is the area's newest load and link run: records change only through
`record_load` (a new load, which supersedes older ones) and links only through a link run, so a
page never shows a cohort from data that is gone. Anything new that removes records without a load
or a link run must call `clear()`. Each server process keeps its own few entries; the
first request after a change computes, and requests for the same key meanwhile wait for it.

`warm()` computes the likely first requests (every loaded area, today and the date its newest load
was validated against) so a web worker does it at start rather than during someone's page view.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from datetime import date
from pathlib import Path

from jtai.areas.models import Area
from jtai.cohort import CohortResult, Definition
from jtai.links.models import LinkRun
from jtai.records.models import Load, LoadStatus
from jtai.runs.cohort import DEFAULT_DEFINITION, area_cohort

MAX_ENTRIES = 16

Key = tuple[object, ...]
_entries: OrderedDict[Key, tuple[Definition, CohortResult]] = OrderedDict()
_computing: dict[Key, threading.Lock] = {}
_guard = threading.Lock()


def data_version(area: Area) -> tuple[object, ...]:
    """The newest load and link run (id and time: ids can be reused after a rollback)."""
    load = Load.objects.filter(area=area).order_by("-pk").values_list("pk", "loaded_at").first()
    run = LinkRun.objects.filter(area=area).order_by("-pk").values_list("pk", "started_at").first()
    return (load, run)


def cached_cohort(
    area: Area, *, as_of: date, definition: str | Path = DEFAULT_DEFINITION
) -> tuple[Definition, CohortResult]:
    """The definition and the cohort of `area` on `as_of`, as `area_cohort` gives them."""
    key: Key = (area.pk, data_version(area), as_of, str(definition))
    with _guard:
        if key in _entries:
            _entries.move_to_end(key)
            return _entries[key]
        lock = _computing.setdefault(key, threading.Lock())
    with lock:
        with _guard:
            if key in _entries:
                return _entries[key]
        found = area_cohort(area, as_of=as_of, definition=definition)
        with _guard:
            _entries[key] = (found.definition, found.cohort)
            while len(_entries) > MAX_ENTRIES:
                _entries.popitem(last=False)
            _computing.pop(key, None)
        return found.definition, found.cohort


def peek(
    area: Area, *, as_of: date, definition: str | Path = DEFAULT_DEFINITION
) -> tuple[Definition, CohortResult] | None:
    """The kept definition and cohort of `area` on `as_of` if already computed; never computes."""
    key: Key = (area.pk, data_version(area), as_of, str(definition))
    with _guard:
        return _entries.get(key)


def warm(*, today: date, definition: str | Path = DEFAULT_DEFINITION) -> int:
    """Compute the cohort of every area with an accepted load for `today` and for the `as_of`
    of its newest load (the dates a page is most likely to ask for); the number computed."""
    computed = 0
    for area in Area.objects.filter(loads__isnull=False).distinct().order_by("pk"):
        newest = (
            Load.objects.filter(area=area, status=LoadStatus.ACCEPTED)
            .order_by("-pk")
            .values_list("as_of", flat=True)
            .first()
        )
        if newest is None:
            continue
        for as_of in dict.fromkeys((newest, today)):
            cached_cohort(area, as_of=as_of, definition=definition)
            computed += 1
    return computed


def clear() -> None:
    """Forget every kept cohort (tests)."""
    with _guard:
        _entries.clear()
