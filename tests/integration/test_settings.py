import os
import stat
import subprocess
import sys

import pytest


def _run(code: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("JTAI_", "DJANGO_"))}
    clean.pop("DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-c", code], env={**clean, **env}, capture_output=True, text=True
    )


def test_production_settings_refuse_to_start_without_a_secret_key(tmp_path):
    result = _run("import jtai.web.settings_production", JTAI_DATA_DIR=str(tmp_path / "data"))
    assert result.returncode != 0
    assert "JTAI_SECRET_KEY is not set" in result.stderr


def test_production_settings_pass_the_deployment_checks(tmp_path):
    key = "k" * 20 + "Q9x!" * 12
    result = _run(
        "import django,os;from django.core.management import call_command;django.setup();"
        "call_command('check','--deploy','--fail-level','WARNING')",
        JTAI_DATA_DIR=str(tmp_path / "data"),
        JTAI_SECRET_KEY=key,
        DJANGO_SETTINGS_MODULE="jtai.web.settings_production",
    )
    assert result.returncode == 0, result.stderr


def test_embedded_secret_key_is_generated_once_and_readable_only_by_its_owner(tmp_path):
    code = "from jtai.web import settings; print(settings.SECRET_KEY)"
    first = _run(code, JTAI_DATA_DIR=str(tmp_path))
    second = _run(code, JTAI_DATA_DIR=str(tmp_path))
    assert first.returncode == 0, first.stderr
    assert first.stdout == second.stdout and len(first.stdout.strip()) >= 50
    mode = stat.S_IMODE((tmp_path / "secret_key").stat().st_mode)
    assert mode == 0o600


@pytest.mark.skipif(
    bool(os.environ.get("DATABASE_URL")), reason="the embedded database is SQLite only"
)
def test_any_command_on_an_empty_data_directory_creates_and_migrates_the_database(tmp_path):
    data = tmp_path / "new"
    result = _run(
        "from jtai.cli.main import app; app(['area','create','E09000099','--name','New'])",
        JTAI_DATA_DIR=str(data),
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert (data / "jtai.sqlite3").exists()
