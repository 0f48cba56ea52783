"""The analyst's pages in a real browser, checked by axe: data, cohort, child, front door, link
review, drawing a sample and a case pack, and the administrator's access log."""

from __future__ import annotations

from datetime import date

import pytest

from tests.e2e.conftest import PASSWORD
from tests.e2e.test_pages import blocking_violations

pytestmark = pytest.mark.e2e

AS_OF = date(2026, 11, 1)
CODE = "E06000093"


@pytest.fixture
def analyst(transactional_db, tmp_path):
    """A synthetic area with a cohort, loaded and linked, and an analyst who is also its admin."""
    from jtai.access.services import create_member
    from jtai.areas.models import Area
    from jtai.runs import load_folder
    from jtai.synth import generate_area

    generate_area(tmp_path, 2500, 9, AS_OF)
    load_folder(tmp_path, area_code=CODE, area_name="Analystshire", as_of=AS_OF, actor="test")
    area = Area.objects.get(code=CODE)
    return create_member(
        username="anil",
        password=PASSWORD,
        area=area,
        agency="local_authority",
        roles=["la_analyst", "partnership_admin"],
    )


def test_analyst_pages_have_no_serious_accessibility_violations(visit, analyst):
    from jtai.links.models import ChildLink, ReviewPair
    from jtai.records.models import Load

    visit.sign_in("anil")
    day = f"?as_of={AS_OF.isoformat()}"
    child = ChildLink.objects.filter(area__code=CODE).exclude(la_child_id="").first()
    pages = [
        f"/areas/{CODE}/data/",
        f"/areas/{CODE}/data/load/",
        f"/areas/{CODE}/data/loads/{Load.objects.filter(area__code=CODE).first().pk}/",
        f"/areas/{CODE}/cohort/{day}",
        f"/areas/{CODE}/children/{child.child_key}/{day}",
        f"/areas/{CODE}/front-door/{day}",
        f"/areas/{CODE}/links/review/",
        f"/areas/{CODE}/sample/",
        f"/areas/{CODE}/sample/draw/",
        f"/areas/{CODE}/access-log/",
    ]
    pair = ReviewPair.objects.filter(area__code=CODE).first()
    if pair is not None:
        pages.append(f"/areas/{CODE}/links/review/{pair.pk}/")
    found = {}
    for path in pages:
        response = visit.goto(path)
        assert response.status == 200, path
        found[path] = blocking_violations(visit.page)
    # Draw a sample through the form, then check the selection page and a case pack.
    visit.goto(f"/areas/{CODE}/sample/draw/")
    page = visit.page
    page.get_by_label("Day").fill("1")
    page.get_by_label("Month").fill("11")
    page.get_by_label("Year").fill("2026")
    visit.follow(page.locator("main form button[type=submit]").last)
    assert "/sample/" in page.url
    found["selection"] = blocking_violations(page)
    visit.screenshot("selection")
    pack = page.locator("a[href*='/pack/']").first
    if pack.count():
        visit.follow(pack)
        found["pack"] = blocking_violations(page)
        visit.screenshot("pack")
    assert found == {key: [] for key in found}
