"""`jtai serve`: the development server by default, gunicorn workers with --workers."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from jtai.cli.main import app

runner = CliRunner()


@pytest.mark.django_db
def test_serve_without_workers_runs_the_development_server(monkeypatch):
    calls = []
    monkeypatch.setattr(
        "django.core.management.call_command", lambda *args, **kwargs: calls.append(args)
    )
    result = runner.invoke(app, ["serve", "--address", "127.0.0.1:8765"])
    assert result.exit_code == 0, result.output
    assert calls == [("runserver", "127.0.0.1:8765")]


@pytest.mark.django_db
def test_serve_with_workers_runs_gunicorn_with_that_many_workers_and_threads(monkeypatch):
    from jtai.cli import database

    calls = []
    monkeypatch.setattr(database.os, "execv", lambda path, argv: calls.append((path, argv)))
    result = runner.invoke(
        app, ["serve", "--address", "127.0.0.1:8765", "--workers", "3", "--threads", "2"]
    )
    assert result.exit_code == 0, result.output
    [(path, argv)] = calls
    assert argv[:3] == [path, "-m", "gunicorn"]
    assert argv[argv.index("--config") + 1] == "python:jtai.web.server"
    assert argv[argv.index("--bind") + 1] == "127.0.0.1:8765"
    assert argv[argv.index("--workers") + 1] == "3"
    assert argv[argv.index("--threads") + 1] == "2"
    assert argv[-1] == "jtai.web.wsgi:application"


def test_the_gunicorn_configuration_module_is_one_gunicorn_can_read():
    from gunicorn.config import Config

    from jtai.web import server

    config = Config()
    for name in ("timeout", "graceful_timeout", "keepalive", "post_worker_init"):
        config.set(name, getattr(server, name))
    assert config.keepalive == 5 and config.post_worker_init is server.post_worker_init


@pytest.mark.django_db
def test_serve_with_workers_says_so_when_gunicorn_is_not_installed(monkeypatch):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "gunicorn" else real(name, *a)
    )
    result = runner.invoke(app, ["serve", "--workers", "2"])
    assert result.exit_code == 2
    assert "gunicorn" in result.output


def test_gunicorn_worker_hook_warms_the_cohort_cache_in_a_background_thread(monkeypatch):
    from jtai.web import server

    warmed = []
    monkeypatch.setattr(server, "warm_cohorts", lambda today: warmed.append(today))
    server.post_worker_init(worker=None)
    import threading

    for thread in threading.enumerate():
        if thread.name == "jtai-cohort-warmup":
            thread.join(timeout=5)
    assert len(warmed) == 1
