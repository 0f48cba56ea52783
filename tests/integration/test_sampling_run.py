"""Drawing, swapping and saving the audit list on a small synthetic area loaded into the database.

The area (1,500 children, seed 9: a cohort of 9 in five strata) is loaded and linked once for the
module; each test runs in its own rolled-back transaction on top of it.
"""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from typer.testing import CliRunner

from jtai.access.models import AccessEvent
from jtai.selections.models import SelectedChild, Selection, Status, Swap
from jtai.selections.services import SelectionError
from tests.conftest import remove_everything

AS_OF = date(2026, 11, 1)
CODE = "E06000071"


def build_area(tmp_path_factory, code: str):
    """Generate and load the synthetic area; returns the Area."""
    from jtai.areas.models import Area
    from jtai.runs import load_folder
    from jtai.synth import generate_area

    folder = tmp_path_factory.mktemp("sampling-area")
    generate_area(folder, 1500, 9, AS_OF)
    load_folder(folder, area_code=code, area_name="Samplingshire", as_of=AS_OF, actor="test")
    return Area.objects.get(code=code)


@pytest.fixture(scope="module")
def area(django_db_setup, django_db_blocker, tmp_path_factory):
    with django_db_blocker.unblock():
        yield build_area(tmp_path_factory, CODE)
        remove_everything()


def _draw(area, seed=7, tracked=6, sampled=2):
    from jtai.runs import draw_selection

    return draw_selection(
        area, as_of=AS_OF, tracked=tracked, sampled=sampled, seed=seed, actor="test"
    )


def _chosen(selection):
    return [(c.role, c.child_key) for c in selection.current()]


def test_a_draw_stores_every_chosen_child_with_its_reason(db, area):
    drawn = _draw(area)
    children = list(drawn.selection.current())
    assert drawn.draw.cohort_size >= 9
    assert [c.role for c in children].count("tracked") == 6
    assert [c.role for c in children].count("sampled") == 2
    assert all(c.reason.startswith(f"{c.role}: ") for c in children)
    assert drawn.selection.gaps == list(drawn.draw.gaps)
    cohort = {c.child_key for c in drawn.cohort.cohort.children}
    assert {c.child_key for c in children} <= cohort


def test_the_same_seed_draws_the_same_children_and_another_seed_may_not(db, area):
    first, again = _draw(area, seed=7), _draw(area, seed=7)
    assert _chosen(first.selection) == _chosen(again.selection)
    assert first.selection.pk != again.selection.pk


def test_a_swap_keeps_the_original_draw_and_records_who_and_why(db, area, make_member):
    from jtai.runs import swap_child
    from jtai.runs.sampling import replacement_candidates

    user, _ = make_member("swapper", area=area)
    selection = _draw(area).selection
    out = selection.current().filter(role="tracked").first()
    incoming = replacement_candidates(selection)[0]
    swap_child(selection, out.child_key, incoming.child_key, reason="Moved away", actor=user)
    swap = Swap.objects.get(selection=selection)
    assert (swap.reason, swap.by_name) == ("Moved away", "swapper")
    assert swap.out_child.child_key == out.child_key and not swap.out_child.active
    assert swap.in_child.role == "tracked" and swap.in_child.position == out.position
    assert SelectedChild.objects.filter(selection=selection).count() == 9  # 8 drawn + 1 in
    assert incoming.child_key in {c.child_key for c in selection.current()}


def test_a_swap_refuses_a_child_already_chosen_or_outside_the_cohort(db, area):
    from jtai.runs import swap_child

    selection = _draw(area).selection
    first, second = list(selection.current())[:2]
    with pytest.raises(SelectionError, match="already chosen"):
        swap_child(selection, first.child_key, second.child_key, reason="x", actor="t")
    with pytest.raises(SelectionError, match="not in the cohort"):
        swap_child(selection, first.child_key, "no-such-child", reason="x", actor="t")


def test_saving_the_audit_list_replaces_the_previous_one_and_locks_swaps(db, area):
    from jtai.runs import save_as_audit_list, swap_child
    from jtai.runs.sampling import replacement_candidates

    earlier, later = _draw(area).selection, _draw(area, seed=8).selection
    save_as_audit_list(earlier, "lead")
    save_as_audit_list(later, "lead")
    earlier.refresh_from_db()
    assert (earlier.status, Selection.objects.get(pk=later.pk).status) == (
        Status.SUPERSEDED,
        Status.AUDIT_LIST,
    )
    out = later.current().first()
    with pytest.raises(SelectionError, match="audit list"):
        swap_child(
            later, out.child_key, replacement_candidates(later)[0].child_key, reason="x", actor="t"
        )


def test_the_csv_has_the_columns_and_the_export_is_logged(db, area):
    from jtai.runs.sampling import export_selection

    selection = _draw(area).selection
    handle = io.StringIO(newline="")
    rows = export_selection(selection, handle, actor="cli:t", via="test", what="s.csv")
    table = list(csv.DictReader(io.StringIO(handle.getvalue())))
    assert rows == 8 == len(table)
    assert {"la_child_id", "role", "reason"} <= set(table[0])
    assert AccessEvent.objects.filter(action="export", what="s.csv", rows=8).exists()


def test_the_case_pack_pdf_is_tagged_with_language_and_title(db, area):
    from django.template.loader import render_to_string

    from jtai.reports import html_to_pdf
    from jtai.runs.sampling import selection_pack
    from jtai.web.views.sampling import PACK_LABELS

    selection = _draw(area).selection
    tracked = selection.current().filter(role="tracked").first()
    pack = selection_pack(selection, tracked.child_key)
    assert pack is not None and pack.identities and pack.chronology
    html = render_to_string(
        "sampling/pack_pdf.html",
        {
            "area": area,
            "selection": selection,
            "pack": pack,
            "child_key": tracked.child_key,
            **PACK_LABELS,
        },
    )
    assert "postcode" not in html.lower() and (pack.la_child_id in html)
    pdf = html_to_pdf(html)
    assert pdf.startswith(b"%PDF")
    assert b"/StructTreeRoot" in pdf and b"/Lang" in pdf and b"en-GB" in pdf


def test_jtai_sample_draw_writes_the_csv_prints_the_gaps_and_logs_the_export(db, area, tmp_path):
    from jtai.cli.main import app

    out = tmp_path / "sample.csv"
    args = ["sample", "draw", "--area", CODE, "--as-of", AS_OF.isoformat(), "--seed", "7"]
    result = CliRunner().invoke(app, [*args, "--sampled", "2", "--out", str(out)])
    assert result.exit_code == 0, result.output
    header = out.read_text(encoding="utf-8").splitlines()[0].split(",")
    assert header[:3] == ["position", "role", "la_child_id"] and "reason" in header
    assert "tracked: covers" in result.output
    assert AccessEvent.objects.filter(action="export", what="sample.csv").exists()
