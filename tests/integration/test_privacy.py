"""Pseudonymised extracts, retention, the access log page, and logs free of personal data."""

import csv
import logging
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from jtai.access.models import AccessEvent
from jtai.records.models import Load, PersonRecord, RetentionRun
from jtai.runs import load_folder
from jtai.runs.privacy import export_pseudonymised, remove_area_data, remove_old_loads
from jtai.synth import generate_area
from tests.conftest import sign_in_verified

AS_OF = date(2026, 11, 1)


@pytest.fixture
def synthetic_area(db, tmp_path):
    folder = tmp_path / "area"
    generate_area(folder, 250, 5, AS_OF)
    result = load_folder(
        folder, area_code="E06000055", area_name="Privshire", as_of=AS_OF, actor="t"
    )
    return result.area, folder


def _identity_values(
    folder, columns=("forename", "surname", "nhs_number", "upn", "dob", "postcode")
):
    """Names, dates of birth and identifiers written in the synthetic partner files."""
    values = set()
    with (folder / "la_persons.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            for column in columns:
                if row.get(column) and len(row[column]) >= 4:
                    values.add(row[column])
    return values


def test_pseudonymised_extract_holds_no_name_identifier_full_birth_date_or_postcode(
    synthetic_area, tmp_path
):
    area, folder = synthetic_area
    out = tmp_path / "extract"
    counts = export_pseudonymised(area, out, salt=b"salt", actor="test", via="test")
    assert counts["persons.csv"] > 0 and counts["events.csv"] > 0
    persons = (out / "persons.csv").read_text(encoding="utf-8")
    events = (out / "events.csv").read_text(encoding="utf-8")
    assert not [value for value in _identity_values(folder) if value in persons]
    # Events keep their own dates (a date of birth may coincide with one); nothing else leaks.
    no_dates = ("forename", "surname", "nhs_number", "upn", "postcode")
    assert not [value for value in _identity_values(folder, no_dates) if value in events]
    header = (out / "persons.csv").read_text(encoding="utf-8").splitlines()[0]
    assert "birth_month" in header and "forename" not in header
    assert AccessEvent.objects.filter(area=area, action="export").exists()


def test_purging_an_area_removes_child_level_data_and_records_that_it_did(synthetic_area):
    area, _folder = synthetic_area
    run = remove_area_data(area, actor="test")
    assert PersonRecord.objects.filter(area=area).count() == 0
    assert run.counts["records.PersonRecord"] > 0 and run.counts["links.ChildLink"] > 0
    assert Load.objects.filter(area=area).exists()  # the history of loads stays
    assert RetentionRun.objects.filter(area=area, scope="area").exists()


def test_old_loads_lose_their_records_and_recent_ones_keep_them(synthetic_area):
    area, _folder = synthetic_area
    Load.objects.filter(area=area, kind="police_events").update(
        loaded_at=timezone.now() - timedelta(days=500)
    )
    run = remove_old_loads(area, older_than_days=400, now=timezone.now(), actor="test")
    assert not PersonRecord.objects.filter(area=area, source="police_events").exists()
    assert PersonRecord.objects.filter(area=area, source="la_persons").exists()
    assert run.scope.startswith("loads before")


def test_only_an_administrator_reads_the_access_log_and_its_export_is_logged_too(
    client, synthetic_area, make_member
):
    area, _folder = synthetic_area
    admin, _ = make_member("ada", area=area, agency="partnership", roles=["partnership_admin"])
    analyst, _ = make_member("anil", area=area, roles=["la_analyst"])
    sign_in_verified(client, analyst)
    client.get(reverse("cohort", args=[area.code]))
    assert client.get(reverse("access-log", args=[area.code])).status_code == 403
    sign_in_verified(client, admin)
    html = client.get(
        reverse("access-log", args=[area.code]), {"username": "anil"}
    ).content.decode()
    assert "anil" in html and "cohort" in html
    body = client.get(reverse("access-log-csv", args=[area.code])).content.decode()
    assert body.startswith("at,username,action")
    assert AccessEvent.objects.filter(username="ada", what="access log").exists()


def test_logs_carry_no_name_birth_date_or_identifier_from_the_data(db, tmp_path, caplog):
    folder = tmp_path / "area"
    generate_area(folder, 600, 8, AS_OF, dirty=True)
    cases = ("bad_nhs_check_digit", "bad_date", "unknown_code", "duplicate_key")
    with caplog.at_level(logging.DEBUG):
        load_folder(folder, area_code="E06000056", as_of=AS_OF, actor="t")
        for case in cases:
            load_folder(folder / "_dirty" / case, area_code="E06000056", as_of=AS_OF, actor="t")
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert logged  # the run did log something (Splink, Django)
    leaked = [value for value in _identity_values(folder) if value in logged]
    assert not leaked
