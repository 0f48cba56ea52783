from dataclasses import dataclass, field
from datetime import date

import pyarrow as pa
import pytest

from jtai.core.canonical import EVENT_COLUMNS, PERSON_COLUMNS
from jtai.core.issues import Issue, Severity
from jtai.records.models import EventRecord, Load, LoadIssue, LoadStatus, PersonRecord
from jtai.records.services import record_load

AS_OF = date(2026, 11, 1)


def _persons(*ids: str) -> pa.Table:
    rows = [
        {c: None for c in PERSON_COLUMNS}
        | {"source": "police_events", "person_id": i, "dob": date(2012, 5, 1), "upn_valid": None}
        for i in ids
    ]
    return pa.Table.from_pylist(rows)


def _events(*ids: str) -> pa.Table:
    rows = [
        {c: None for c in EVENT_COLUMNS}
        | {
            "source": "police_events",
            "record_id": f"E{i}",
            "person_id": i,
            "kind": "police_event",
            "code": "missing_episode",
            "start_date": date(2026, 1, 2),
            "attributes": '{"mental_health_flag": true}',
        }
        for i in ids
    ]
    return pa.Table.from_pylist(rows)


@dataclass
class FakeRead:
    sha256: str
    persons: pa.Table
    events: pa.Table
    issues: list[Issue] = field(default_factory=list)
    source: str = "police_events"
    kind: str = "police_events"
    file: str = "police_events.csv"
    rows_read: int = 2
    columns: dict[str, list[str]] = field(default_factory=dict)

    @property
    def rejected(self) -> bool:
        return any(i.is_error for i in self.issues)


def _counts(area):
    return (
        PersonRecord.objects.filter(area=area).count(),
        EventRecord.objects.filter(area=area).count(),
    )


def test_core_column_lists_match_the_database_models():
    person_fields = {f.column for f in PersonRecord._meta.get_fields() if hasattr(f, "column")}
    event_fields = {f.column for f in EventRecord._meta.get_fields() if hasattr(f, "column")}
    assert set(PERSON_COLUMNS) | {"id", "area_id", "load_id"} == person_fields
    assert set(EVENT_COLUMNS) | {"id", "area_id", "load_id"} == event_fields


@pytest.mark.django_db(transaction=True)
def test_accepted_file_writes_its_records_and_its_queries(area):
    query = Issue("police_events.csv", "ingest.Q101", Severity.QUERY, "check", row=2, column="upn")
    outcome = record_load(
        area,
        FakeRead("a" * 64, _persons("P1", "P2"), _events("P1", "P2"), [query]),
        as_of=AS_OF,
        actor="test",
    )
    assert outcome.accepted and not outcome.unchanged
    assert _counts(area) == (2, 2)
    assert outcome.load.persons_loaded == 2 and outcome.load.queries == 1
    stored = LoadIssue.objects.get(load=outcome.load)
    assert (stored.row, stored.column, stored.rule) == (2, "upn", "ingest.Q101")
    assert PersonRecord.objects.get(person_id="P1").dob == date(2012, 5, 1)


@pytest.mark.django_db(transaction=True)
def test_rejected_file_changes_no_record_and_keeps_its_history(area):
    record_load(area, FakeRead("a" * 64, _persons("P1"), _events("P1")), as_of=AS_OF, actor="t")
    error = Issue("police_events.csv", "ingest.E010", Severity.ERROR, "bad date", row=3)
    outcome = record_load(
        area, FakeRead("b" * 64, _persons("P9"), _events("P9"), [error]), as_of=AS_OF, actor="t"
    )
    assert outcome.load.status == LoadStatus.REJECTED
    assert _counts(area) == (1, 1)
    assert PersonRecord.objects.filter(person_id="P9").count() == 0
    assert Load.objects.filter(area=area).count() == 2
    assert LoadIssue.objects.filter(load=outcome.load, rule="ingest.E010").exists()


@pytest.mark.django_db(transaction=True)
def test_loading_the_same_file_twice_changes_nothing(area):
    first = record_load(
        area, FakeRead("a" * 64, _persons("P1"), _events("P1")), as_of=AS_OF, actor="t"
    )
    again = record_load(
        area, FakeRead("a" * 64, _persons("P1"), _events("P1")), as_of=AS_OF, actor="t"
    )
    assert again.unchanged and again.load.pk == first.load.pk
    assert _counts(area) == (1, 1)
    assert Load.objects.filter(area=area).count() == 1


@pytest.mark.django_db(transaction=True)
def test_newer_file_of_the_same_kind_supersedes_the_older_one(area):
    old = record_load(
        area, FakeRead("a" * 64, _persons("P1"), _events("P1")), as_of=AS_OF, actor="t"
    )
    new = record_load(
        area, FakeRead("b" * 64, _persons("P1", "P2"), _events("P1", "P2")), as_of=AS_OF, actor="t"
    )
    old.load.refresh_from_db()
    assert old.load.status == LoadStatus.SUPERSEDED and old.load.superseded_by == new.load
    assert _counts(area) == (2, 2)
    assert set(PersonRecord.objects.values_list("load_id", flat=True)) == {new.load.pk}
