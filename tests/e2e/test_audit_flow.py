"""A case audit in a real browser: the task list, a question page and moderation, checked by axe."""

from __future__ import annotations

from datetime import date

import pytest

from tests.e2e.conftest import PASSWORD
from tests.e2e.test_pages import blocking_violations
from tests.web.test_audit_flow import CHILD, FRAMEWORK, _read

pytestmark = pytest.mark.e2e


@pytest.fixture
def audit_list(transactional_db):
    """A saved audit list of one child known to children's social care and health."""
    from jtai.access.services import create_member
    from jtai.areas.services import ensure_area
    from jtai.links.models import ChildLink, LinkRun
    from jtai.records.services import record_load
    from jtai.sampling import Chosen, Draw
    from jtai.selections.services import record_selection, save_as_audit_list

    area, _ = ensure_area("E09000099", "Testshire Safeguarding Partnership")
    for username, agency, roles in (
        ("sal", "local_authority", ["agency_auditor"]),
        ("hal", "health", ["agency_auditor"]),
        ("mo", "partnership", ["moderator"]),
        ("ana", "local_authority", ["la_analyst"]),
    ):
        create_member(username=username, password=PASSWORD, area=area, agency=agency, roles=roles)
    run = LinkRun.objects.create(area=area, actor="t", trigger="test")
    for source, person, sha in (("la_persons", "P1", "a"), ("health_events", "H1", "b")):
        record_load(area, _read(source, person, sha, "contact"), as_of=date(2026, 11, 1), actor="t")
        ChildLink.objects.create(
            area=area,
            run=run,
            record_key=f"{source}:{person}",
            source=source,
            person_id=person,
            child_key=CHILD,
            la_child_id="LA-77",
            method="deterministic",
        )
    selection = record_selection(
        area,
        Draw(7, 6, 0, 1, (Chosen(CHILD, "LA-77", "tracked", "tracked: CP", 1),), (), (), ()),
        as_of=date(2026, 11, 1),
        definition_name="jtai-mh-2019",
        definition_version="1",
        actor="t",
    )
    return save_as_audit_list(selection, "t")


def _finish(review, username):
    """Complete and submit an agency's part through the services (the browser did one page)."""
    from django.contrib.auth import get_user_model

    from jtai.audits import services

    user = get_user_model().objects.get(username=username)
    for criterion in FRAMEWORK.for_agency(review.agency):
        services.save_answer(review, criterion.code, grade="good", evidence="Seen", actor=user)
    services.save_voice(review, {v.code: ("yes", "") for v in FRAMEWORK.voice}, actor=user)
    services.submit_review(review, user)


def test_an_auditor_walks_the_task_list_and_a_moderator_agrees_grades_accessibly(visit, audit_list):
    from playwright.sync_api import expect

    from jtai.audits.models import Audit

    page = visit.page
    visit.sign_in("ana")
    visit.follow(
        page.get_by_role("link", name="Case audits for Testshire Safeguarding Partnership")
    )
    visit.follow(page.get_by_role("button", name="Create audits from the audit list"))
    visit.follow(page.get_by_role("button", name="Create 1 audit"))
    assert "Created 1 audit" in page.inner_text("main")
    audit = Audit.objects.get(selection=audit_list)
    visit.follow(page.get_by_role("button", name="Sign out"))

    visit.sign_in("sal")
    visit.follow(
        page.get_by_role("link", name="Case audits for Testshire Safeguarding Partnership")
    )
    visit.follow(page.get_by_role("link", name=f"Audit {audit.pk} of child LA-77"))
    assert page.title().startswith(f"Audit {audit.pk}: child LA-77")
    expect(page.locator(".govuk-task-list").first).to_be_visible()
    visit.screenshot("audit-task-list")
    assert blocking_violations(page) == []

    first = FRAMEWORK.for_agency("local_authority")[0]
    visit.follow(page.get_by_role("link", name=first.title))
    assert page.get_by_role("heading", level=1).inner_text() == first.title
    assert blocking_violations(page) == []
    # By keyboard: the first grade radio, arrow to "Good", type the evidence, submit.
    page.get_by_label("Outstanding").focus()
    page.keyboard.press("ArrowDown")
    assert page.get_by_label("Good", exact=True).is_checked()
    page.get_by_label("Evidence").fill("Seen weekly; the plan names CAMHS")
    visit.follow(page.get_by_role("button", name="Save and continue"))
    second = FRAMEWORK.for_agency("local_authority")[1]
    assert page.get_by_role("heading", level=1).inner_text() == second.title
    # An error summary, focused, when a grade is missing.
    visit.follow(page.get_by_role("button", name="Save and continue"))
    assert page.title().startswith("Error: ")
    assert page.evaluate("document.activeElement.classList.contains('govuk-error-summary')")
    visit.follow(page.get_by_role("button", name="Save and come back later"))
    assert "Your answers are saved" in page.inner_text("main")

    review = audit.reviews.get(agency="local_authority")
    assert review.answers.get(code=first.code).grade == "good"
    _finish(review, "sal")
    _finish(audit.reviews.get(agency="health"), "hal")

    visit.follow(page.get_by_role("button", name="Sign out"))
    visit.sign_in("mo")
    visit.goto(f"/areas/E09000099/audits/{audit.pk}/")
    visit.follow(page.get_by_role("link", name="Moderate: agree each grade"))
    assert page.get_by_role("heading", level=1).inner_text() == "Moderate the audit"
    headers = page.locator("thead th").all_inner_texts()
    assert "Children's social care" in headers and "Health" in headers
    visit.screenshot("audit-moderation")
    assert blocking_violations(page) == []
    for select in page.locator("select").all():
        select.select_option("good")
    visit.follow(page.get_by_role("button", name="Save agreed grades"))
    assert "Moderation saved" in page.inner_text("main")
    visit.follow(page.get_by_role("link", name="Sign off the audit"))
    visit.follow(page.get_by_role("button", name="Sign off"))
    assert "Signed off" in page.inner_text("main")
