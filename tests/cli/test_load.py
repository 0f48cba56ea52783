import csv

import pytest
from typer.testing import CliRunner

from jtai.cli.main import app
from jtai.records.models import Load, PersonRecord

runner = CliRunner()


@pytest.fixture(autouse=True)
def wide_console(monkeypatch):
    from jtai.cli import output

    monkeypatch.setattr(output.console, "_width", 200)


POLICE = """person_id,nhs_number,forename,surname,dob,sex,postcode,event_id,event_type,event_date
P1,,Jess,Smith,2013-04-02,F,AB1 2CD,E1,missing_episode,2026-05-01
P2,,Tom,Jones,2012-01-20,M,AB1 3CD,E2,s136_detention,2026-06-11
"""
BROKEN_HEALTH = """person_id,referral_id,service,referral_date,referral_source,referral_reason,outcome
H1,R1,camhs,2026-02-30,gp,anxiety,accepted
H2,R2,camhs,2026-03-01,gp,anxiety,maybe
"""


def _folder(tmp_path, **files):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.mark.django_db(transaction=True)
def test_load_accepts_good_files_rejects_bad_ones_and_exits_one(tmp_path):
    folder = _folder(
        tmp_path, **{"police_events.csv": POLICE, "health_referrals.csv": BROKEN_HEALTH}
    )
    args = ["load", str(folder), "--area", "E06000007", "--area-name", "Testshire"]
    result = runner.invoke(app, [*args, "--as-of", "2026-11-01", "--report", str(tmp_path)])
    assert result.exit_code == 1, result.output
    assert "accepted" in result.output and "rejected" in result.output
    assert PersonRecord.objects.filter(source="police_events").count() == 2
    assert not PersonRecord.objects.filter(source="health_referrals").exists()
    report = next(tmp_path.glob("load-report-*.csv"))
    rows = list(csv.DictReader(report.open(encoding="utf-8")))
    bad_date = [r for r in rows if r["column"] == "referral_date"]
    assert bad_date and bad_date[0]["row"] == "2"
    assert bad_date[0]["file"] == "health_referrals.csv"
    assert any(r["column"] == "outcome" and r["row"] == "3" for r in rows)


@pytest.mark.django_db(transaction=True)
def test_loading_the_same_folder_again_changes_nothing(tmp_path):
    folder = _folder(tmp_path, **{"police_events.csv": POLICE})
    args = ["load", str(folder), "--area", "E06000007", "--as-of", "2026-11-01"]
    assert runner.invoke(app, args).exit_code == 0
    again = runner.invoke(app, args)
    assert again.exit_code == 0 and "unchanged" in again.output
    assert Load.objects.count() == 1 and PersonRecord.objects.count() == 2


def test_load_of_a_missing_folder_is_a_usage_error(tmp_path):
    result = runner.invoke(app, ["load", str(tmp_path / "nope"), "--area", "E06000007"])
    assert result.exit_code == 2
