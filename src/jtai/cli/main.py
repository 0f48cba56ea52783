"""The `jtai` command: one Typer app, one module per command group, each a thin call into runs."""

from __future__ import annotations

import typer

from jtai.cli import accounts, bench, cohort, database, demo, links, load, privacy, sample, synth
from jtai.cli.audit import audit_app
from jtai.cli.readiness import letter_app, measures_app, overview_app

app = typer.Typer(
    name="jtai",
    help=(
        "Evidence for joint targeted area inspections of children's mental health.\n\n"
        "Example: jtai demo && jtai serve"
    ),
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_show_locals=False,
)
app.command("migrate")(database.migrate)
app.command("serve")(database.serve)
app.command("demo")(demo.demo)
app.command("load")(load.load)
app.command("synth")(synth.synth)
app.command("bench")(bench.bench)
app.add_typer(accounts.area_app, name="area")
app.add_typer(accounts.user_app, name="user")
app.add_typer(links.links_app, name="links")
app.add_typer(cohort.cohort_app, name="cohort")
app.add_typer(cohort.lists_app, name="lists")
app.add_typer(sample.sample_app, name="sample")
app.add_typer(audit_app, name="audit")
app.add_typer(measures_app, name="measures")
app.add_typer(letter_app, name="letter")
app.add_typer(overview_app, name="overview")

app.add_typer(privacy.privacy_app, name="privacy")
app.add_typer(privacy.retention_app, name="retention")


def main() -> None:
    app()
