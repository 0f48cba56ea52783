import pytest
from typer.testing import CliRunner

from jtai.cli.main import app

runner = CliRunner()


def _commands(typer_app, prefix=()):
    import typer.main

    group = typer.main.get_command(typer_app)
    stack = [(prefix, group)]
    while stack:
        path, command = stack.pop()
        sub = getattr(command, "commands", None)
        if sub:
            stack.extend(((*path, name), child) for name, child in sub.items())
        else:
            yield path


def test_help_lists_the_commands():
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for name in ("demo", "serve", "migrate", "area", "user"):
        assert name in result.output


def test_every_command_has_help_text_with_an_example():
    for path in _commands(app):
        result = runner.invoke(app, [*path, "--help"])
        assert result.exit_code == 0, path
        assert "Example" in result.output, f"jtai {' '.join(path)} has no example in its help"


@pytest.mark.django_db
def test_area_create_then_list_shows_the_area():
    created = runner.invoke(app, ["area", "create", "E09000099", "--name", "Northbrook"])
    assert created.exit_code == 0, created.output
    listed = runner.invoke(app, ["area", "list"])
    assert "E09000099" in listed.output and "Northbrook" in listed.output


@pytest.mark.django_db
def test_area_create_rejects_a_code_that_is_not_a_local_authority_code():
    result = runner.invoke(app, ["area", "create", "NOTACODE"])
    assert result.exit_code == 2
    assert "local authority code" in result.output


@pytest.mark.django_db
def test_demo_creates_the_area_and_prints_a_password_for_every_demo_account():
    from jtai.access.models import User
    from jtai.runs import DEMO_AREA_CODE, DEMO_USERS

    result = runner.invoke(app, ["demo", "--children", "300", "--as-of", "2026-11-01"])
    assert result.exit_code == 0, result.output
    assert DEMO_AREA_CODE in result.output
    for username, *_ in DEMO_USERS:
        assert username in result.output
        assert User.objects.get(username=username).has_usable_password()
