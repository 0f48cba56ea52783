"""The cohort page's kept answer: computed once per version of the data, recomputed on change."""

from __future__ import annotations

from datetime import date

import pytest

from jtai.runs import cohort_cache, link_area, load_folder
from jtai.synth import generate_area

AS_OF = date(2026, 11, 1)


@pytest.mark.django_db(transaction=True)
def test_cohort_is_computed_once_until_the_area_is_loaded_or_linked_again(tmp_path, monkeypatch):
    generate_area(tmp_path, 300, 4, AS_OF)
    area = load_folder(tmp_path, area_code="E06000077", as_of=AS_OF, actor="test").area
    calls = []
    real = cohort_cache.area_cohort

    def counting(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(cohort_cache, "area_cohort", counting)
    cohort_cache.clear()
    first = cohort_cache.cached_cohort(area, as_of=AS_OF)
    assert cohort_cache.cached_cohort(area, as_of=AS_OF) == first
    assert len(calls) == 1
    cohort_cache.cached_cohort(area, as_of=date(2026, 10, 1))
    assert len(calls) == 2
    link_area(area, actor="test")
    cohort_cache.cached_cohort(area, as_of=AS_OF)
    assert len(calls) == 3


@pytest.mark.django_db(transaction=True)
def test_warming_computes_each_loaded_areas_cohort_for_today_and_its_load_date(
    tmp_path, monkeypatch
):
    generate_area(tmp_path, 300, 4, AS_OF)
    area = load_folder(tmp_path, area_code="E06000077", as_of=AS_OF, actor="test").area
    cohort_cache.clear()
    assert cohort_cache.warm(today=date(2026, 11, 29)) == 2
    calls = []
    monkeypatch.setattr(cohort_cache, "area_cohort", lambda *a, **k: calls.append(1))
    cohort_cache.cached_cohort(area, as_of=AS_OF)
    cohort_cache.cached_cohort(area, as_of=date(2026, 11, 29))
    assert calls == []


@pytest.mark.django_db
def test_warming_skips_areas_without_an_accepted_load():
    from jtai.areas.models import Area

    Area.objects.create(code="E06000078", name="Empty")
    cohort_cache.clear()
    assert cohort_cache.warm(today=AS_OF) == 0


@pytest.mark.django_db(transaction=True)
def test_every_childs_place_from_the_kept_cohort_is_the_place_selected_from_their_own_records(
    tmp_path,
):
    from jtai.links.models import ChildLink
    from jtai.runs.cohort import child_view

    generate_area(tmp_path, 1500, 5, AS_OF)  # big enough to have a cohort
    area = load_folder(tmp_path, area_code="E06000077", as_of=AS_OF, actor="test").area
    cohort_cache.clear()
    kept = cohort_cache.cached_cohort(area, as_of=AS_OF)
    assert cohort_cache.peek(area, as_of=AS_OF) == kept
    assert cohort_cache.peek(area, as_of=date(2026, 10, 1)) is None
    inside = sorted(kept[1].by_key())
    assert inside
    everyone = set(ChildLink.objects.filter(area=area).values_list("child_key", flat=True))
    for key in inside + sorted(everyone - set(inside))[:30]:
        fast = child_view(area, key, as_of=AS_OF, known=kept)
        alone = child_view(area, key, as_of=AS_OF)
        assert fast is not None and alone is not None
        assert fast.in_cohort == alone.in_cohort, key
        assert fast.chronology == alone.chronology
