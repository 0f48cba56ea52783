"""Whatever bytes arrive, a reader returns a ParsedFile or a clear rejection, never a traceback."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jtai.ingest import FileKind, read_file
from tests.unit.ingest.helpers import AS_OF

FUZZ = settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
CSV_KINDS = [
    FileKind.LA_PERSONS,
    FileKind.HEALTH_REFERRALS,
    FileKind.SSDA903_EPISODES,
    FileKind.POLICE_EVENTS,
]


def _check(data: bytes, name: str, kind: FileKind | None) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        parsed = read_file(path, as_of=AS_OF, kind=kind)
        assert parsed.file == name
        if parsed.rejected:
            assert parsed.errors and all(i.message for i in parsed.errors)
        assert parsed.persons.num_rows >= 0 and parsed.events.num_rows >= 0


@FUZZ
@given(st.binary(max_size=400), st.sampled_from(CSV_KINDS))
def test_any_bytes_as_csv_never_raise(data, kind):
    _check(data, "x.csv", kind)


@FUZZ
@given(
    st.text(
        alphabet=st.sampled_from(list('person_id,event_type,date"\n\r=2025-01 ')), max_size=300
    ),
    st.sampled_from(CSV_KINDS),
)
def test_csv_like_text_never_raises(text, kind):
    _check(text.encode(), "x.csv", kind)


@FUZZ
@given(st.binary(max_size=400))
def test_any_bytes_as_cin_census_never_raise(data):
    _check(data, "cin.xml", FileKind.CIN_CENSUS)


@FUZZ
@given(
    st.text(
        alphabet=st.sampled_from(list("<>/Message Child LAchildID CINdetails 2024-01-01")),
        max_size=300,
    )
)
def test_xml_like_text_as_cin_census_never_raises(text):
    _check(("<Message><Children>" + text).encode(), "cin.xml", FileKind.CIN_CENSUS)


@FUZZ
@given(st.binary(max_size=300))
def test_any_bytes_as_annex_a_never_raise(data):
    _check(b"PK\x03\x04" + data, "annex_a.xlsx", FileKind.ANNEX_A)


@FUZZ
@given(st.binary(max_size=300))
def test_any_bytes_with_detection_never_raise(data):
    _check(data, "unknown.csv", None)
