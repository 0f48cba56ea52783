"""Tiny literal persons/events tables for cohort tests: one child unless a test says otherwise.

`Child` builds the records of one child: an LA record (the CIN census by default) with a date of
birth, and events from any source. Every record is assigned to the child's key; `la_child_id` is
the LA person id. Synthetic values only.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pyarrow as pa

from jtai.cohort.definition import Definition, load_definition
from jtai.cohort.select import CohortChild, CohortResult, select_cohort
from jtai.cohort.tables import ASSIGNMENT_SCHEMA, CohortTables
from jtai.ingest.model import EVENT_SCHEMA, PERSON_SCHEMA

AS_OF = date(2025, 3, 31)
LOOKBACK_START = date(2023, 3, 31)
DEFAULT = load_definition("jtai-mh-2019")

_counter = iter(range(1, 1_000_000))


@dataclass
class Child:
    """One child's records. `la` is the LA child id (person_id in the LA sources)."""

    la: str = "L0001"
    dob: date = date(2012, 6, 15)  # 12 on AS_OF
    key: str = ""
    persons: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.key = self.key or f"child-{self.la}"
        self.person("cin_census", self.la, dob=self.dob)

    def person(self, source: str, person_id: str, **fields: Any) -> Child:
        row = {"source": source, "person_id": person_id, "dob": self.dob, "sex": "F"}
        row.update(fields)
        row["row_ref"] = row.get("row_ref", str(next(_counter)))
        self.persons.append(row)
        return self

    def event(
        self,
        source: str,
        kind: str,
        code: str | None = None,
        start: date | None = None,
        end: date | None = None,
        *,
        person_id: str | None = None,
        load_seq: int = 0,
        **attributes: Any,
    ) -> Child:
        pid = person_id or (
            self.la if source in ("cin_census", "ssda903", "annex_a") else "P-" + self.la
        )
        number = next(_counter)
        self.events.append(
            {
                "source": source,
                "record_id": f"{kind}-{number}",
                "person_id": pid,
                "kind": kind,
                "code": code,
                "start_date": start,
                "end_date": end,
                "attributes": json.dumps(attributes, default=str),
                "row_ref": str(number),
                "raw": None,
                "load_seq": load_seq,
            }
        )
        return self

    # Common facts, as the readers produce them.
    def cin_plan(self, start: date = date(2024, 6, 1), end: date | None = None) -> Child:
        return self.event("cin_census", "cin_plan", None, start, end)

    def self_harm(self, on: date = date(2024, 9, 1)) -> Child:
        return self.event("health_events", "health_event", "ed_self_harm", on)


def tables(*children: Child) -> CohortTables:
    persons, events, links = [], [], {}
    for child in children:
        persons.extend(child.persons)
        events.extend(child.events)
        for row in [*child.persons, *child.events]:
            links[(row["source"], row["person_id"])] = (child.key, child.la)
    event_schema = EVENT_SCHEMA.append(pa.field("load_seq", pa.int32()))
    return CohortTables(
        persons=pa.Table.from_pylist(
            [{c: p.get(c) for c in PERSON_SCHEMA.names} for p in persons], schema=PERSON_SCHEMA
        ),
        events=pa.Table.from_pylist(events, schema=event_schema),
        assignments=pa.Table.from_pylist(
            [
                {"source": s, "person_id": p, "child_key": k, "la_child_id": la}
                for (s, p), (k, la) in links.items()
            ],
            schema=ASSIGNMENT_SCHEMA,
        ),
    )


def cohort(*children: Child, as_of: date = AS_OF, definition: Definition = DEFAULT) -> CohortResult:
    return select_cohort(tables(*children), definition, as_of)


def only(*children: Child, as_of: date = AS_OF, definition: Definition = DEFAULT) -> CohortChild:
    """The one child in the cohort (fails if there is not exactly one)."""
    result = cohort(*children, as_of=as_of, definition=definition)
    assert len(result.children) == 1, [c.la_child_id for c in result.children]
    return result.children[0]


def indicators(*children: Child, as_of: date = AS_OF) -> tuple[str, ...]:
    """The cohort child's indicator names, or () when the child is not in the cohort."""
    result = cohort(*children, as_of=as_of)
    return result.children[0].indicator_names if result.children else ()
