from datetime import date

import pytest
from django.urls import reverse

from jtai.core.issues import Issue, Severity
from jtai.records.services import record_load
from tests.conftest import sign_in_verified
from tests.integration.records.test_record_load import FakeRead, _events, _persons


@pytest.fixture
def rejected_load(area):
    issues = [
        Issue(
            "police_events.csv",
            "ingest.E010",
            Severity.ERROR,
            "Not a date",
            row=3,
            column="event_date",
            value="31/31/2026",
        ),
        Issue(
            "police_events.csv",
            "ingest.Q101",
            Severity.QUERY,
            "Bad UPN check letter",
            row=4,
            column="upn",
            value="=HYPERLINK(1)",
        ),
    ]
    read = FakeRead("c" * 64, _persons("P1"), _events("P1"), issues)
    return record_load(area, read, as_of=date(2026, 11, 1), actor="test").load


def test_analyst_sees_the_load_history_of_their_area(client, area, make_member, rejected_load):
    user, _ = make_member("anil", area=area, roles=["la_analyst"])
    sign_in_verified(client, user)
    html = client.get(reverse("data-loads", args=[area.code])).content.decode()
    assert "police_events.csv" in html and "Rejected" in html


def test_load_page_filters_issues_by_severity(client, area, make_member, rejected_load):
    user, _ = make_member("anil", area=area, roles=["la_analyst"])
    sign_in_verified(client, user)
    url = reverse("data-load", args=[area.code, rejected_load.pk])
    everything = client.get(url).content.decode()
    assert "<code>ingest.E010</code>" in everything and "<code>ingest.Q101</code>" in everything
    errors_only = client.get(url, {"severity": "error"}).content.decode()
    assert "<code>ingest.E010</code>" in errors_only
    assert "<code>ingest.Q101</code>" not in errors_only


def test_issue_csv_names_row_and_column_and_neutralises_formulas(
    client, area, make_member, rejected_load
):
    user, _ = make_member("anil", area=area, roles=["la_analyst"])
    sign_in_verified(client, user)
    response = client.get(reverse("data-load-issues-csv", args=[area.code, rejected_load.pk]))
    text = b"".join(response.streaming_content if response.streaming else [response.content])
    body = text.decode()
    assert "event_date" in body and "ingest.E010" in body
    assert ",=HYPERLINK" not in body and "'=HYPERLINK(1)" in body


def test_an_agency_auditor_may_not_see_load_history(client, area, make_member, rejected_load):
    user, _ = make_member("hana", area=area, agency="health", roles=["agency_auditor"])
    sign_in_verified(client, user)
    assert client.get(reverse("data-loads", args=[area.code])).status_code == 403


def test_another_areas_analyst_is_told_the_area_does_not_exist(
    client, db, make_member, rejected_load
):
    from jtai.areas.services import ensure_area

    other, _ = ensure_area("E06000002", "Otherton")
    user, _ = make_member("olly", area=other, roles=["la_analyst"])
    sign_in_verified(client, user)
    assert client.get(reverse("data-loads", args=[rejected_load.area.code])).status_code == 404


@pytest.mark.django_db(transaction=True)
def test_analyst_loads_files_from_the_browser_and_sees_what_happened(client, area, make_member):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from jtai.records.models import Load, PersonRecord
    from tests.cli.test_load import BROKEN_HEALTH, POLICE

    user, _ = make_member("anil", area=area, roles=["la_analyst"])
    sign_in_verified(client, user)
    response = client.post(
        reverse("data-load-files", args=[area.code]),
        {
            "uploads": [
                SimpleUploadedFile("police_events.csv", POLICE.encode()),
                SimpleUploadedFile("health_referrals.csv", BROKEN_HEALTH.encode()),
            ],
            "as_of_day": "1",
            "as_of_month": "11",
            "as_of_year": "2026",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200, html
    assert "Some files were rejected" in html
    assert PersonRecord.objects.filter(area=area, source="police_events").count() == 2
    # The load's page names the file's columns, the header a record's raw cells sit under.
    load = Load.objects.get(area=area, file_name="police_events.csv")
    page = client.get(reverse("data-load", args=[area.code, load.pk])).content.decode()
    assert "Columns</dt>" in page and ", ".join(load.columns[""]) in page
    assert load.columns[""][:2] == ["person_id", "nhs_number"]


def test_load_form_without_files_shows_the_error_summary(client, area, make_member):
    user, _ = make_member("anil", area=area, roles=["la_analyst"])
    sign_in_verified(client, user)
    response = client.post(
        reverse("data-load-files", args=[area.code]),
        {"as_of_day": "1", "as_of_month": "11", "as_of_year": "2026"},
    )
    html = response.content.decode()
    assert "govuk-error-summary" in html and "Select at least one file to load" in html


def test_viewing_and_exporting_load_issues_is_written_to_the_access_log(
    client, area, make_member, rejected_load
):
    from jtai.access.models import AccessEvent

    user, _ = make_member("anil", area=area, roles=["la_analyst"])
    sign_in_verified(client, user)
    client.get(reverse("data-load", args=[area.code, rejected_load.pk]))
    client.get(reverse("data-load-issues-csv", args=[area.code, rejected_load.pk]))
    entries = list(AccessEvent.objects.filter(user=user).order_by("pk"))
    assert [(e.action, e.area_id) for e in entries] == [("view", area.pk), ("export", area.pk)]
    assert entries[1].rows == 2 and entries[1].what.endswith(".csv")
