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
