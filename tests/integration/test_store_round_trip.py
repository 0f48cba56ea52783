"""Canonical records written in bulk and read back come out exactly as they went in.

Runs on whichever database the test run uses (SQLite, or PostgreSQL with DATABASE_URL): NULL and
the empty text stay apart, dates, booleans, integers, floats, JSON text and names with quotes,
commas, new lines and accents survive both the fast paths and the generic fallbacks.
"""

from __future__ import annotations

import sqlite3
from datetime import date
from types import SimpleNamespace

import psycopg
import pyarrow as pa
import pytest
from django.db import DatabaseError, connection, transaction

from jtai.core.canonical import EVENT_COLUMNS, PERSON_COLUMNS
from jtai.ingest.model import EVENT_SCHEMA, PERSON_SCHEMA
from jtai.link.result import ASSIGNMENT_SCHEMA, LinkResult
from jtai.links.models import ChildLink, LinkRun, ReviewPair
from jtai.links.services import record_link_run
from jtai.records.models import EventRecord, Load, PersonRecord
from jtai.records.services import record_load
from jtai.records.tables import area_events, area_persons
from jtai.runs.linking import area_assignments
from jtai.store.bulk import arrow_rows, insert_rows
from jtai.store.read import parse_csv, read_arrow

AS_OF = date(2026, 11, 1)
NAMES = [
    "O'Brien",
    "",
    None,
    'Zoë "Zee", Renée',
    "line\nbreak",
    "NULL",
    "\\.",
    " spaced ",
    "Łukasz Ñandú 漢字",
    "tab\there",
]


def _persons() -> pa.Table:
    n = len(NAMES)
    rows = {c: [None] * n for c in PERSON_COLUMNS}
    rows |= {
        "source": ["police_events"] * n,
        "person_id": [f"P{i}" for i in range(n)],
        "la_child_id": ["", None, "LA1", *[f"LA{i}" for i in range(3, n)]],
        "nhs_number_valid": [True, False, None] * 3 + [True],
        "upn_valid": [None, True, False] * 3 + [None],
        "forename": NAMES,
        "surname": list(reversed(NAMES)),
        "dob": [date(2012, 5, 1), None, date(1999, 12, 31), date(2024, 2, 29)] * 2 + [None] * 2,
        "raw": ['{"a":"O\'Brien","b":null,"c":""}'] * (n - 1) + [None],
    }
    return pa.table(rows, schema=PERSON_SCHEMA)


def _events() -> pa.Table:
    n = len(NAMES)
    rows = {c: [None] * n for c in EVENT_COLUMNS}
    rows |= {
        "source": ["police_events"] * n,
        "record_id": [f"E{i}" for i in range(n)],
        "person_id": [f"P{i}" for i in range(n)],
        "kind": ["police_event"] * n,
        "code": NAMES,
        "start_date": [date(2026, 1, 2), None] * 5,
        "end_date": [None, date(2026, 3, 4)] * 5,
        "attributes": ['{"mental_health_flag":true,"n":1.5,"name":"Zoë \\"Z\\""}', "", None] * 3
        + ["{}"],
        "row_ref": [str(i + 2) for i in range(n)],
    }
    return pa.table(rows, schema=EVENT_SCHEMA)


def _parsed(persons: pa.Table, events: pa.Table) -> SimpleNamespace:
    return SimpleNamespace(
        source="police_events",
        kind="police_events",
        file="police_events.csv",
        sha256="c" * 64,
        persons=persons,
        events=events,
        issues=[],
        rows_read=persons.num_rows,
        columns={"": ["person_id", "Officer"]},
        rejected=False,
    )


@pytest.mark.django_db(transaction=True)
def test_store_round_trip_keeps_nulls_empty_text_dates_booleans_and_names(area):
    persons, events = _persons(), _events()
    load = record_load(area, _parsed(persons, events), as_of=AS_OF, actor="t").load
    assert (load.persons_loaded, load.events_loaded) == (persons.num_rows, events.num_rows)
    load.refresh_from_db()
    assert load.columns == {"": ["person_id", "Officer"]}
    assert area_persons(area).equals(persons)
    read_events = area_events(area)
    assert read_events.drop_columns(["load_seq"]).equals(events)
    assert read_events.column("load_seq").to_pylist() == [load.pk] * events.num_rows
    # The ORM (Django's own adapters) sees the same values as the bulk paths wrote.
    stored = PersonRecord.objects.filter(area=area).order_by("id")
    assert [p.forename for p in stored] == NAMES
    assert [p.dob for p in stored] == persons.column("dob").to_pylist()
    assert [p.nhs_number_valid for p in stored] == persons.column("nhs_number_valid").to_pylist()
    assert [e.attributes for e in EventRecord.objects.order_by("id")] == events.column(
        "attributes"
    ).to_pylist()


@pytest.mark.django_db(transaction=True)
def test_store_reads_without_raw_give_the_same_table_with_the_source_rows_left_null(area):
    persons, events = _persons(), _events()
    record_load(area, _parsed(persons, events), as_of=AS_OF, actor="t")
    lean_persons, lean_events = area_persons(area, raw=False), area_events(area, raw=False)
    assert lean_persons.schema == area_persons(area).schema
    assert lean_persons.column("raw").null_count == persons.num_rows
    assert lean_persons.drop_columns(["raw"]).equals(persons.drop_columns(["raw"]))
    assert lean_events.schema == area_events(area).schema
    assert lean_events.column("raw").null_count == events.num_rows
    assert lean_events.drop_columns(["raw", "load_seq"]).equals(events.drop_columns(["raw"]))


@pytest.mark.django_db(transaction=True)
def test_store_reads_only_the_records_asked_for(area):
    record_load(area, _parsed(_persons(), _events()), as_of=AS_OF, actor="t")
    persons = area_persons(area, ["police_events:P3", "police_events:P0"])
    assert persons.column("person_id").to_pylist() == ["P0", "P3"]
    assert area_events(area, ["police_events:P9"]).column("code").to_pylist() == [NAMES[9]]
    assert area_persons(area, ["nonsense"]).num_rows == 0


@pytest.mark.django_db(transaction=True)
def test_store_load_writes_nothing_when_the_bulk_insert_fails(area):
    persons = _persons()
    too_long = persons.set_column(
        persons.schema.get_field_index("sex"), "sex", pa.array(["MF" * 200] * persons.num_rows)
    )
    bad_events = _events().set_column(
        EVENT_COLUMNS.index("kind"), "kind", pa.nulls(persons.num_rows, pa.string())
    )
    # The raw connection's own error: the bulk paths work below Django's error wrapping.
    with pytest.raises((DatabaseError, sqlite3.Error, psycopg.Error)):
        record_load(area, _parsed(too_long, bad_events), as_of=AS_OF, actor="t")
    assert not Load.objects.filter(area=area).exists()
    assert not PersonRecord.objects.filter(area=area).exists()
    assert not EventRecord.objects.filter(area=area).exists()


def _assignments() -> pa.Table:
    return pa.table(
        {
            "record_key": ["police_events:P0", "police_events:P1", "police_events:P2"],
            "source": ["police_events"] * 3,
            "person_id": ["P0", "P1", "P2"],
            "child_key": ["C1", "C1", "C2"],
            "la_child_id": ["LA1", "LA1", None],
            "match_probability": [1.0, 0.1 + 0.2, None],
            "method": ["deterministic", "probabilistic", "single"],
        },
        schema=ASSIGNMENT_SCHEMA,
    )


@pytest.mark.django_db(transaction=True)
def test_store_link_run_writes_assignments_that_read_back_exactly(area):
    result = LinkResult(assignments=_assignments(), pairs=pa.table({}))
    run = record_link_run(area, result, actor="t", trigger="test")
    assert (run.records, run.children) == (3, 2)
    assert run.by_method == {"deterministic": 1, "probabilistic": 1, "single": 1}
    links = list(ChildLink.objects.filter(area=area).order_by("id"))
    assert [link.la_child_id for link in links] == ["LA1", "LA1", ""]
    assert [link.match_probability for link in links] == [1.0, 0.1 + 0.2, None]
    read = area_assignments(area)
    assert read.to_pydict() == {
        "source": ["police_events"] * 3,
        "person_id": ["P0", "P1", "P2"],
        "child_key": ["C1", "C1", "C2"],
        "la_child_id": ["LA1", "LA1", None],
    }
    assert area_assignments(area, child_key="C2").column("person_id").to_pylist() == ["P2"]
    assert LinkRun.objects.filter(area=area).count() == 1


def test_store_csv_parsing_tells_null_from_empty_text():
    schema = pa.schema([("a", pa.string()), ("b", pa.bool_()), ("c", pa.date32())])
    data = b'"",t,2024-02-29\n,,\n"x\ny",f,\n"NULL",,\n'
    table = parse_csv(data, schema, booleans=(["t"], ["f"]))
    assert table.to_pydict() == {
        "a": ["", None, "x\ny", "NULL"],
        "b": [True, None, False, None],
        "c": [date(2024, 2, 29), None, None, None],
    }
    assert parse_csv(b"", schema).num_rows == 0


@pytest.mark.django_db(transaction=True)
def test_store_generic_read_and_row_insert_fallbacks_agree_with_the_fast_paths(area):
    persons = _persons()
    record_load(area, _parsed(persons, _events()), as_of=AS_OF, actor="t")
    mark = "?" if connection.vendor == "sqlite" else "%s"
    columns = ", ".join(f'"{c}"' for c in PERSON_COLUMNS)
    sql = f"SELECT {columns} FROM records_person WHERE area_id = {mark} ORDER BY id"  # noqa: S608
    connection.ensure_connection()
    # Through the connection's own converters (dates and booleans as Python objects).
    assert read_arrow(connection.connection, sql, [area.pk], PERSON_SCHEMA).equals(persons)
    with transaction.atomic():
        load = Load.objects.get(area=area)
        rows = arrow_rows(persons, PERSON_COLUMNS, (area.pk, load.pk))
        count = insert_rows(
            connection.connection,
            connection.vendor,
            "records_person",
            ("area_id", "load_id", *PERSON_COLUMNS),
            rows,
        )
    assert count == persons.num_rows
    both = area_persons(area)
    assert both.slice(persons.num_rows).equals(persons)


@pytest.mark.django_db(transaction=True)
def test_store_link_run_writes_review_pairs_the_orm_reads_back(area):
    pairs = pa.Table.from_pylist(
        [
            {
                "record_key_l": "police_events:P0",
                "record_key_r": "police_events:P2",
                "match_weight": 1.25,
                "match_probability": 0.7,
                "same_child": False,
                "name_level": "Zoë 'exact'",
                "name_weight": 3.5,
                "dob_level": None,
                "dob_weight": float("nan"),
            }
        ]
    )
    run = record_link_run(
        area, LinkResult(assignments=_assignments(), pairs=pairs), actor="t", trigger="test"
    )
    stored = ReviewPair.objects.get(run=run)
    assert (stored.record_key_l, stored.record_key_r) == ("police_events:P0", "police_events:P2")
    assert (stored.match_weight, stored.match_probability, stored.same_child) == (1.25, 0.7, False)
    assert stored.comparisons == [
        {"name": "name", "level": "Zoë 'exact'", "weight": 3.5},
        {"name": "dob", "level": None, "weight": None},
    ]
