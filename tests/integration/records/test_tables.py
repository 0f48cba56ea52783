from datetime import date

import pyarrow as pa
import pytest

from jtai.records.services import record_load
from jtai.records.tables import area_events, area_persons
from tests.integration.records.test_record_load import FakeRead, _events, _persons


@pytest.mark.django_db(transaction=True)
def test_area_tables_come_back_typed_as_they_went_in(area):
    load = record_load(
        area,
        FakeRead("a" * 64, _persons("P1", "P2"), _events("P1")),
        as_of=date(2026, 11, 1),
        actor="t",
    ).load
    persons, events = area_persons(area), area_events(area)
    assert persons.num_rows == 2 and events.num_rows == 1
    assert persons.schema.field("dob").type == pa.date32()
    assert persons.column("dob").to_pylist() == [date(2012, 5, 1)] * 2
    assert events.column("start_date").to_pylist() == [date(2026, 1, 2)]
    assert events.column("load_seq").to_pylist() == [load.pk]
