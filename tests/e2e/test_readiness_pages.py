"""The readiness pages in a real browser, as the executive group sees them, checked by axe."""

from __future__ import annotations

from datetime import date

import pytest

from tests.e2e.conftest import PASSWORD
from tests.e2e.test_pages import SERVICE, blocking_violations

pytestmark = pytest.mark.e2e

AS_OF = date(2026, 11, 1)
CODE = "E06000091"


@pytest.fixture
def executive(transactional_db, tmp_path):
    """A small synthetic area, loaded and linked, with an executive of its health agency."""
    from jtai.access.services import create_member
    from jtai.runs import load_folder
    from jtai.synth import generate_area

    generate_area(tmp_path, 400, 3, AS_OF)
    load_folder(tmp_path, area_code=CODE, area_name="Readyshire", as_of=AS_OF, actor="test")
    from jtai.areas.models import Area

    area = Area.objects.get(code=CODE)
    return create_member(
        username="eve", password=PASSWORD, area=area, agency="health", roles=["executive"]
    )


PAGES = (
    ("readiness", "Readiness"),
    ("measures", "Measures"),
    ("needs", "Needs analysis"),
    ("letter", "Findings letter"),
)


def test_readiness_pages_have_no_serious_accessibility_violations(visit, executive):
    """One area load serves every page: loading is the slow part."""
    visit.sign_in("eve")
    found = {}
    for slug, title in PAGES:
        visit.goto(f"/areas/{CODE}/{slug}/?as_of={AS_OF.isoformat()}")
        assert visit.page.title() == f"{title} \N{EN DASH} Readyshire{SERVICE}"
        visit.screenshot(f"readiness-{slug}")
        found[slug] = blocking_violations(visit.page)
    assert found == {slug: [] for slug, _title in PAGES}
