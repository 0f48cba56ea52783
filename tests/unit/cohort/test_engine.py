"""The engine keeps the last session's step tables while its input tables live, and reuses them."""

from __future__ import annotations

import gc
from datetime import date

import pytest

from jtai.cohort import engine, steps
from jtai.cohort.front_door import front_door
from jtai.cohort.select import select_cohort
from jtai.cohort.tables import CohortTables
from jtai.core.dates import age_on
from tests.unit.cohort.helpers import AS_OF, DEFAULT, Child, tables


def _area() -> CohortTables:
    first = Child(la="L1").cin_plan().self_harm()
    first.event("annex_a", "contact", "6", date(2025, 1, 10))
    second = Child(la="L2", dob=date(2012, 2, 29)).self_harm(date(2024, 10, 1))
    third = Child(la="L3", dob=date(2000, 1, 1)).cin_plan()  # no indicator, not a child shown
    return tables(first, second, third)


def _fresh(t: CohortTables) -> CohortTables:
    return CohortTables(t.persons, t.events, t.assignments)


@pytest.fixture
def ran(monkeypatch):
    names: list[str] = []
    real = engine.run

    def run(con, plan, as_of):
        names.extend(step.name for step in plan)
        real(con, plan, as_of)

    monkeypatch.setattr(engine, "run", run)
    return names


def test_a_second_session_on_the_same_tables_runs_only_the_steps_that_differ(ran):
    t = _area()
    cohort = select_cohort(t, DEFAULT, AS_OF)
    ran.clear()
    door = front_door(t, DEFAULT, AS_OF)
    assert ran == ["fd_contacts", "fd_referrals", "fd_assessments", "fd_items"]
    assert door == front_door(_fresh(t), DEFAULT, AS_OF)
    assert select_cohort(t, DEFAULT, AS_OF).children == cohort.children


def test_another_date_reruns_every_step_whose_sql_changed(ran):
    t = _area()
    select_cohort(t, DEFAULT, AS_OF)
    ran.clear()
    later = select_cohort(t, DEFAULT, date(2025, 6, 30))
    assert ran[0] == "rec"  # `assigned` does not depend on the date: kept
    assert later.children == select_cohort(_fresh(t), DEFAULT, date(2025, 6, 30)).children


def test_a_session_inside_a_session_on_the_same_tables_runs_on_its_own_cursor():
    t = _area()
    plan = steps.shared_steps(DEFAULT, AS_OF)
    with engine.session(t, plan, AS_OF) as outer:
        with engine.session(t, plan, AS_OF) as inner:
            assert inner is not outer
            assert engine.fetch(inner, "SELECT count(*) AS n FROM child")[0]["n"] == 2
        assert engine.fetch(outer, "SELECT count(*) AS n FROM child")[0]["n"] == 2


def test_the_kept_cursor_goes_when_its_tables_do():
    t = _area()
    select_cohort(t, DEFAULT, AS_OF)
    assert engine._KEPT and engine._KEPT[0].tables() is t
    kept = engine._KEPT[0]
    del t
    gc.collect()
    assert not engine._KEPT and kept.retired


def test_a_failed_step_leaves_nothing_to_reuse():
    t = _area()
    bad = steps.Step("broken", "SELECT no_such_column FROM rec")
    plan = [*steps.shared_steps(DEFAULT, AS_OF), bad]
    with pytest.raises(RuntimeError, match="broken"), engine.session(t, plan, AS_OF):
        pass
    assert engine._KEPT[0].done == []
    assert len(select_cohort(t, DEFAULT, AS_OF).children) == 1


def test_identity_only_for_the_children_an_earlier_step_names_is_the_full_identity_of_them():
    t = _area()
    with engine.session(
        t, [steps.assigned(), steps.rec(DEFAULT, AS_OF), steps.child()], AS_OF
    ) as c:
        full = engine.fetch(c, "SELECT * FROM child ORDER BY child_key")
    plan = steps.shared_steps(DEFAULT, AS_OF)
    with engine.session(_fresh(t), plan, AS_OF) as con:
        some = engine.fetch(con, "SELECT * FROM child ORDER BY child_key")
    assert [r["child_key"] for r in full] == ["child-L1", "child-L2", "child-L3"]
    assert some == full[:2]


def test_ages_are_the_birthday_rule_for_every_child_sharing_a_birthday_or_not():
    t = _area()
    plan = [steps.assigned(), steps.rec(DEFAULT, AS_OF), steps.child(), steps.child_age(AS_OF)]
    on = date(2025, 2, 28)
    with engine.session(t, plan, on) as con:
        rows = engine.fetch(
            con, "SELECT c.dob, a.age FROM child c JOIN child_age a USING (child_key)"
        )
    assert len(rows) == 3
    assert all(r["age"] == age_on(r["dob"], on) for r in rows)


def test_a_python_step_is_run_again_for_another_date_even_with_the_same_plan(ran):
    t = _area()
    plan = [steps.assigned(), steps.rec(DEFAULT, AS_OF), steps.child(), steps.child_age(AS_OF)]
    with engine.session(t, plan, AS_OF):
        pass
    ran.clear()
    with engine.session(t, plan, date(2040, 1, 1)) as con:
        ages = engine.fetch(con, "SELECT age FROM child_age WHERE child_key = 'child-L3'")
    assert ran == ["child_age"] and ages == [{"age": 40}]


def test_a_kept_cursor_replaced_before_its_session_takes_it_is_not_used(monkeypatch):
    t, other = _area(), _area()
    kept = engine._kept_for(t)
    engine._kept_for(other)  # another thread's tables: the cursor kept for `t` is retired
    assert kept.retired
    monkeypatch.setattr(engine, "_kept_for", lambda tables: kept)  # found just before that
    with engine.session(t, steps.shared_steps(DEFAULT, AS_OF), AS_OF) as con:
        assert con is not kept.con
        assert engine.fetch(con, "SELECT count(*) AS n FROM child")[0]["n"] == 2
    assert not kept.lock.locked()
