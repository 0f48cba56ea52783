"""The case audit in the web app, end to end: created from the saved audit list, completed by two
agencies' auditors, moderated, signed off, exported, and its action in the tracker."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pyarrow as pa
import pytest
from django.urls import reverse
from typer.testing import CliRunner

from jtai.access.models import AccessEvent
from jtai.auditing import load_framework
from jtai.audits.models import Audit, Status
from jtai.core.canonical import EVENT_COLUMNS, PERSON_COLUMNS
from jtai.records.services import record_load
from tests.conftest import sign_in_verified
from tests.integration.records.test_record_load import FakeRead

CHILD = "CK-FLOW"
FRAMEWORK = load_framework()


def _read(source: str, person: str, sha: str, code: str) -> FakeRead:
    persons = pa.Table.from_pylist(
        [
            {c: None for c in PERSON_COLUMNS}
            | {"source": source, "person_id": person, "dob": date(2011, 3, 4)}
        ]
    )
    events = pa.Table.from_pylist(
        [
            {c: None for c in EVENT_COLUMNS}
            | {
                "source": source,
                "record_id": f"E-{person}",
                "person_id": person,
                "kind": source,
                "code": code,
                "start_date": date(2026, 3, 2),
            }
        ]
    )
    return FakeRead(sha * 64, persons, events, source=source, kind=source, file=f"{source}.csv")


@pytest.fixture
def world(area, make_member):
    """One child known to children's social care and health, on the saved audit list."""
    from jtai.links.models import ChildLink, LinkRun
    from jtai.sampling import Chosen, Draw
    from jtai.selections.services import record_selection, save_as_audit_list

    run = LinkRun.objects.create(area=area, actor="t", trigger="test")
    for source, person, sha, code in (
        ("la_persons", "P1", "a", "contact"),
        ("health_events", "H1", "b", "camhs_referral"),
    ):
        record_load(area, _read(source, person, sha, code), as_of=date(2026, 11, 1), actor="t")
        ChildLink.objects.create(
            area=area,
            run=run,
            record_key=f"{source}:{person}",
            source=source,
            person_id=person,
            child_key=CHILD,
            la_child_id="LA-77" if source == "la_persons" else "",
            method="deterministic",
        )
    chosen = (Chosen(CHILD, "LA-77", "tracked", "tracked: covers CP", 1),)
    selection = record_selection(
        area,
        Draw(7, 6, 0, 1, chosen, (), (), ()),
        as_of=date(2026, 11, 1),
        definition_name="jtai-mh-2019",
        definition_version="1",
        actor="t",
    )
    save_as_audit_list(selection, "t")
    users = {
        "analyst": make_member("ana", area=area, roles=["la_analyst"])[0],
        "social": make_member("sal", area=area, roles=["agency_auditor"], full_name="Sal Jones")[0],
        "health": make_member("hal", area=area, agency="health", roles=["agency_auditor"])[0],
        "police": make_member("pol", area=area, agency="police", roles=["agency_auditor"])[0],
        "moderator": make_member("mo", area=area, agency="partnership", roles=["moderator"])[0],
        "executive": make_member("exe", area=area, agency="partnership", roles=["executive"])[0],
    }
    return {"area": area, "users": users}


def _as(client, user):
    client.logout()
    sign_in_verified(client, user)
    return client


def _complete(client, audit, agency, grade):
    code = audit.area.code
    first = FRAMEWORK.for_agency(agency)[0].code
    url = reverse("audit-question", args=[code, audit.pk, agency, first])
    # "Save and continue" without a grade: the error summary, nothing saved.
    refused = client.post(url, {"action": "continue"})
    assert refused.status_code == 200
    html = refused.content.decode()
    assert "There is a problem" in html and "Select a grade for" in html
    assert "<title>Error: " in html
    # "Save and come back later" keeps what is there, incomplete, and goes back to the task list.
    later = client.post(url, {"action": "later", "evidence": "Half written"})
    assert later.url == reverse("audit", args=[code, audit.pk])
    for criterion in FRAMEWORK.for_agency(agency):
        url = reverse("audit-question", args=[code, audit.pk, agency, criterion.code])
        response = client.post(
            url,
            {
                "action": "continue",
                "grade": grade,
                "evidence": f"{agency} evidence",
                "worked_well": "Seen weekly",
                "should_improve": "Record the plan",
            },
        )
        assert response.status_code == 302, criterion.code
    assert response.url == reverse("audit-voice", args=[code, audit.pk, agency])
    voice = {v.code: "yes" for v in FRAMEWORK.voice} | {
        f"{v.code}-detail": "Seen alone" for v in FRAMEWORK.voice
    }
    response = client.post(response.url, {"action": "continue", **voice})
    check = reverse("audit-review-check", args=[code, audit.pk, agency])
    assert response.url == check
    page = client.get(check).content.decode()
    assert "Check your answers before you submit" in page and f"{agency} evidence" in page
    assert client.post(check).status_code == 302


def test_an_audit_goes_from_the_audit_list_to_a_signed_off_export(client, world):
    area, users = world["area"], world["users"]
    code = area.code

    # The analyst creates the audits from the saved audit list.
    page = _as(client, users["analyst"]).get(reverse("audit-create", args=[code])).content.decode()
    assert "Create 1 audit" in page
    client.post(reverse("audit-create", args=[code]))
    audit = Audit.objects.get(area=area, child_key=CHILD)
    assert [r.agency for r in audit.reviews.all()] == ["local_authority", "health"]
    assert "Known to: Children's social care, Health." in audit.story
    assert list(audit.reviews.get(agency="health").auditors.all()) == [users["health"]]

    # Each agency's auditor sees the task list and answers only its own part.
    social = _as(client, users["social"])
    task_list = social.get(reverse("audit", args=[code, audit.pk])).content.decode()
    assert "govuk-task-list" in task_list and "(your part)" in task_list
    assert "Check your answers and submit" in task_list
    other = reverse("audit-question", args=[code, audit.pk, "health", "JTAI-MH-01"])
    assert social.get(other).status_code == 403
    assert (
        social.get(reverse("audit-review-check", args=[code, audit.pk, "health"])).status_code
        == 403
    )
    _complete(social, audit, "local_authority", "good")
    _complete(_as(client, users["health"]), audit, "health", "requires_improvement")
    audit.refresh_from_db()
    assert audit.status == Status.SUBMITTED

    # An auditor of an agency with no part in the audit sees nothing of the child.
    police = _as(client, users["police"])
    assert police.get(reverse("audit", args=[code, audit.pk])).status_code == 403
    listed = police.get(reverse("audit-list", args=[code])).content.decode()
    assert "no audits assigned to you" in listed and "LA-77" not in listed

    # The moderator sees every agency's grade side by side and agrees one, with a reason.
    moderator = _as(client, users["moderator"])
    url = reverse("audit-moderate", args=[code, audit.pk])
    page = moderator.get(url).content.decode()
    assert (
        "Children&#x27;s social care" in page and "Requires improvement" in page and "Good" in page
    )
    graded = [
        c.code
        for c in FRAMEWORK.criteria
        if c.code
        in {x.code for x in FRAMEWORK.for_agency("local_authority")}
        | {x.code for x in FRAMEWORK.for_agency("health")}
    ]
    no_reasons = {f"grade_{n}": "good" for n in range(1, len(graded) + 1)}
    refused = moderator.post(url, no_reasons).content.decode()
    assert "Enter why the agreed grade differs" in refused and "There is a problem" in refused
    with_reasons = no_reasons | {
        f"reason_{n}": "Health's gap was closed" for n in range(1, len(graded) + 1)
    }
    assert moderator.post(url, with_reasons).status_code == 302
    action = {
        "description": "Invite CAMHS to every core group",
        "owner_name": "CAMHS team manager",
        "agency": "health",
        "due_date_day": "1",
        "due_date_month": "2",
        "due_date_year": "2020",
    }
    assert (
        moderator.post(reverse("audit-action-add", args=[code, audit.pk]), action).status_code
        == 302
    )
    assert moderator.post(reverse("audit-sign-off", args=[code, audit.pk])).status_code == 302
    audit.refresh_from_db()
    assert audit.status == Status.SIGNED_OFF

    # Signed off: read-only, even to the auditor who answered.
    social = _as(client, users["social"])
    question = reverse("audit-question", args=[code, audit.pk, "local_authority", "JTAI-MH-01"])
    response = social.post(question, {"action": "continue", "grade": "inadequate", "evidence": "x"})
    assert response.url == reverse("audit-review-check", args=[code, audit.pk, "local_authority"])
    assert (
        audit.reviews.get(agency="local_authority").answers.get(code="JTAI-MH-01").grade == "good"
    )

    # The analyst exports it as a tagged PDF and as a Word document; both are logged.
    analyst = _as(client, users["analyst"])
    pdf = analyst.get(reverse("audit-pdf", args=[code, audit.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert b"/StructTreeRoot" in pdf.content and b"/Lang (en-GB)" in pdf.content
    assert b"Multi-agency case audit" in pdf.content and b"/Title" in pdf.content
    docx = analyst.get(reverse("audit-docx", args=[code, audit.pk]))
    from docx import Document

    document = Document(io.BytesIO(docx.content))
    assert document.core_properties.title.startswith(f"Multi-agency case audit {audit.pk}")
    assert document.core_properties.language == "en-GB"
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Moderation" in text and "JTAI-MH-01 Skilled, confident professionals" in text
    assert zipfile.is_zipfile(io.BytesIO(docx.content))
    exports = AccessEvent.objects.filter(action="export", child_key=CHILD)
    assert {e.what.rsplit(".", 1)[1] for e in exports} == {"pdf", "docx"}
    assert AccessEvent.objects.filter(action="view", child_key=CHILD, username="sal").exists()

    # The tracker shows the action as overdue, by agency and owner; executives see no child.
    tracker = analyst.get(reverse("audit-actions-tracker", args=[code])).content.decode()
    assert "Invite CAMHS to every core group" in tracker and "Overdue" in tracker
    assert "CAMHS team manager" in tracker
    overdue = analyst.get(reverse("audit-actions-tracker", args=[code]), {"state": "closed"})
    assert "Invite CAMHS" not in overdue.content.decode()
    executive = _as(client, users["executive"]).get(reverse("audit-actions-tracker", args=[code]))
    assert (
        "Invite CAMHS" in executive.content.decode() and "LA-77" not in executive.content.decode()
    )

    # The analyst's terminal: list and export.
    from jtai.cli.main import app

    runner = CliRunner()
    listed = runner.invoke(app, ["audit", "list", "--area", code])
    assert listed.exit_code == 0 and "LA-77" in listed.output and "Signed off" in listed.output


def test_exporting_an_audit_that_is_not_signed_off_is_refused(client, world, tmp_path):
    from jtai.cli.main import app
    from jtai.runs.audits import start_audits
    from jtai.selections.models import Selection

    audit = start_audits(Selection.objects.get(area=world["area"]), "t")[0]
    analyst = _as(client, world["users"]["analyst"])
    response = analyst.get(reverse("audit-pdf", args=[world["area"].code, audit.pk]))
    assert response.status_code == 302
    result = CliRunner().invoke(
        app,
        [
            "audit",
            "export",
            "--area",
            world["area"].code,
            "--id",
            str(audit.pk),
            "--format",
            "docx",
            "--out",
            str(tmp_path / "a.docx"),
        ],
    )
    assert result.exit_code == 1 and not (tmp_path / "a.docx").exists()


def test_an_involved_agency_without_an_auditor_gets_no_part_and_the_story_says_so(world):
    from jtai.access.models import Membership
    from jtai.runs.audits import start_audits
    from jtai.selections.models import Selection

    Membership.objects.filter(user=world["users"]["health"]).update(roles=["moderator"])
    audit = start_audits(Selection.objects.get(area=world["area"]), "t")[0]
    assert [r.agency for r in audit.reviews.all()] == ["local_authority"]
    assert audit.story.endswith("No auditor in the area yet for: Health.")
