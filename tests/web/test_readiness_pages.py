"""Readiness pages over a small synthetic area, loaded and linked once, with signed-off audits."""

import csv
import io
from datetime import date

import pytest
from django.urls import reverse

from jtai.access.models import AccessEvent
from tests.conftest import remove_everything, sign_in_verified

AS_OF = date(2026, 11, 1)
CODE = "E06000088"
OTHER = "E06000089"
Q = {"as_of": AS_OF.isoformat()}


def _signed_off_audit(area, child_key, grades):
    """An audit of `child_key` with the local_authority and health parts answered, signed off."""
    from jtai.auditing import load_framework
    from jtai.audits.models import Answer, Audit
    from jtai.audits.services import ChildPlan, add_action, create_audit

    audit = create_audit(
        area,
        child_key=child_key,
        la_child_id="",
        role="tracked",
        plan=ChildPlan(agencies=["local_authority", "health"], story="A story."),
        framework=load_framework(),
        auditors={},
        actor="test",
    )
    for review in audit.reviews.all():
        for code, grade in grades.items():
            Answer.objects.create(
                review=review,
                code=code,
                grade=grade,
                evidence="Seen in the record.",
                worked_well="Prompt information sharing at the front door"
                if grade == "good"
                else "",
                should_improve="Plans did not name the CAMHS worker" if grade != "good" else "",
                updated_by_name="test",
            )
    add_action(
        audit,
        description="Name the CAMHS worker in plans",
        owner_name="Team manager",
        agency="health",
        due_date=date(2026, 12, 1),
        actor="test",
    )
    Audit.objects.filter(pk=audit.pk).update(status="signed_off")
    return audit


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker, tmp_path_factory):
    from jtai.access.models import User
    from jtai.access.services import create_member
    from jtai.areas.models import Area
    from jtai.areas.services import ensure_area
    from jtai.runs import load_folder
    from jtai.synth import generate_area

    folder = tmp_path_factory.mktemp("readiness-area")
    generate_area(folder, 1500, 5, AS_OF)
    with (folder / "_truth" / "cohort.csv").open(encoding="utf-8") as handle:
        truth = {row["la_child_id"]: row for row in csv.DictReader(handle)}
    with django_db_blocker.unblock():
        load_folder(folder, area_code=CODE, area_name="Readyshire", as_of=AS_OF, actor="test")
        area = Area.objects.get(code=CODE)
        ensure_area(OTHER, "Otherford")
        users = {
            name: create_member(
                username=f"{name}.ready", password="x" * 12, area=area, agency=agency, roles=[role]
            )
            for name, role, agency in (
                ("analyst", "la_analyst", "local_authority"),
                ("executive", "executive", "health"),
                ("auditor", "agency_auditor", "health"),
            )
        }
        users["super"] = User.objects.create_superuser("super.ready", password="x" * 12)
        from jtai.links.models import ChildLink

        keys = list(ChildLink.objects.filter(area=area).values_list("child_key", flat=True)[:2])
        grades = {"JTAI-MH-01": "good", "JTAI-MH-02": "requires_improvement"}
        for key in keys:
            _signed_off_audit(area, key, grades)
        yield {"area": area, "truth": truth, "users": users, "folder": folder}
        remove_everything()


def _as(client, loaded, who):
    sign_in_verified(client, loaded["users"][who])
    return client


def _no_child_identifiers(html, loaded):
    from jtai.links.models import ChildLink

    for la_child_id in loaded["truth"]:
        assert f">{la_child_id}<" not in html and f"/{la_child_id}/" not in html
    keys = ChildLink.objects.filter(area=loaded["area"]).values_list("child_key", flat=True)
    for key in keys[:200]:
        assert f"/children/{key}/" not in html


def test_dashboard_shows_grades_actions_coverage_without_children(client, db, loaded):
    html = _as(client, loaded, "executive").get(reverse("readiness", args=[CODE]), Q)
    assert html.status_code == 200
    text = html.content.decode()
    assert "Prompt information sharing at the front door" in text
    assert "Plans did not name the CAMHS worker" in text
    assert "2 of " in text  # criteria with evidence for social care and health
    assert "No evidence yet for" in text
    _no_child_identifiers(text, loaded)


def test_agency_lead_confirms_the_readiness_statement(client, db, loaded):
    from jtai.readiness_app.models import ReadinessStatement

    client = _as(client, loaded, "executive")
    url = reverse("readiness", args=[CODE])
    refused = client.post(url, {"agency": "police", "statement": "Ready."})
    assert refused.status_code == 403
    client.post(url, {"agency": "health", "statement": "Health is ready.", **Q})
    statement = ReadinessStatement.objects.get(area=loaded["area"], agency="health")
    assert statement.confirmed_by_name == "executive.ready"
    html = client.get(url, Q).content.decode()
    assert "Health is ready." in html and "executive.ready" in html


def test_measures_page_has_definitions_figures_and_charts_without_children(client, db, loaded):
    response = _as(client, loaded, "executive").get(reverse("measures", args=[CODE]), Q)
    html = response.content.decode()
    assert response.status_code == 200
    for words in ("Numerator", "Denominator", "Definition", "90th percentile", "Within 18 weeks"):
        assert words in html
    assert "<svg" in html and 'role="img"' in html and ": the figures" in html
    assert "See the" not in html  # executives get no drill-down
    _no_child_identifiers(html, loaded)


def test_cohort_size_drill_down_lists_exactly_the_cohort_and_is_logged(client, db, loaded):
    client = _as(client, loaded, "analyst")
    url = reverse("measure-children", args=[CODE, "cohort-size"])
    html = client.get(url, Q).content.decode()
    for la_child_id in loaded["truth"]:
        assert f">{la_child_id}<" in html
    assert AccessEvent.objects.filter(what="measure cohort-size", username="analyst.ready").exists()


def test_every_measure_drill_down_matches_its_figure(client, db, loaded):
    from jtai.runs.readiness import area_measures

    client = _as(client, loaded, "analyst")
    for measure in area_measures(loaded["area"], as_of=AS_OF).measures:
        html = client.get(reverse("measure-children", args=[CODE, measure.code]), Q)
        assert html.status_code == 200
        assert f"{len(measure.children)} children" in html.content.decode() or not measure.children


def test_drill_down_is_refused_to_executives(client, db, loaded):
    client = _as(client, loaded, "executive")
    response = client.get(reverse("measure-children", args=[CODE, "cohort-size"]), Q)
    assert response.status_code == 403


def test_needs_analysis_applies_prevalence_to_the_loaded_population(client, db, loaded):
    from jtai.readiness_app.models import PopulationRow

    assert PopulationRow.objects.filter(area=loaded["area"]).count() == 36
    html = _as(client, loaded, "executive").get(reverse("needs", args=[CODE]), Q).content.decode()
    assert "Expected with a mental disorder" in html and "22.4%" in html
    _no_child_identifiers(html, loaded)


def test_letter_edits_are_saved_and_exported_as_docx_and_tagged_pdf(client, db, loaded):
    from docx import Document

    client = _as(client, loaded, "analyst")
    page = client.get(reverse("letter", args=[CODE]), Q).content.decode()
    assert "What is working well" in page and "What needs to improve" in page
    client.post(
        f"{reverse('letter', args=[CODE])}?as_of={AS_OF}", {"summary": "Partners work well."}
    )
    docx = client.get(reverse("letter-docx", args=[CODE]), Q)
    document = Document(io.BytesIO(docx.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Partners work well." in text and "Police" in text
    assert document.core_properties.language == "en-GB"
    pdf = client.get(reverse("letter-pdf", args=[CODE]), Q).content
    assert pdf.startswith(b"%PDF") and b"/StructTreeRoot" in pdf and b"/Lang" in pdf


def test_overview_lists_every_area_and_exports(client, db, loaded):
    from docx import Document

    client = _as(client, loaded, "super")
    html = client.get(reverse("overview"), Q).content.decode()
    assert "Readyshire" in html and "Otherford" in html
    assert "Measures side by side" in html
    document = Document(io.BytesIO(client.get(reverse("overview-docx"), Q).content))
    assert "Otherford" in document.tables[-1].rows[0].cells[2].text
    pdf = client.get(reverse("overview-pdf"), Q).content
    assert pdf.startswith(b"%PDF") and b"/StructTreeRoot" in pdf


def test_agency_auditor_sees_no_readiness_page(client, db, loaded):
    client = _as(client, loaded, "auditor")
    assert client.get(reverse("readiness", args=[CODE])).status_code == 403
    assert client.get(reverse("overview")).status_code == 403


def test_each_dashboard_grade_count_links_to_the_signed_off_answers_behind_it(client, db, loaded):
    from jtai.audits.models import Audit

    client = _as(client, loaded, "executive")
    board = client.get(reverse("readiness", args=[CODE]), Q).content.decode()
    cell_url = reverse("readiness-cell", args=[CODE, "health", "JTAI-MH-01"])
    assert cell_url in board
    html = client.get(cell_url, Q).content.decode()
    audits = Audit.objects.filter(area=loaded["area"], status="signed_off")
    assert "2 answers" in html
    for audit in audits:
        assert f"Audit {audit.pk}" in html
    assert "Prompt information sharing at the front door" in html
    _no_child_identifiers(html, loaded)
    assert (
        client.get(reverse("readiness-cell", args=[CODE, "health", "NOPE"]), Q).status_code == 404
    )


def test_open_actions_on_the_dashboard_link_to_the_tracker(client, db, loaded):
    html = _as(client, loaded, "executive").get(reverse("readiness", args=[CODE]), Q)
    tracker = reverse("audit-actions-tracker", args=[CODE])
    assert f"{tracker}?agency=health" in html.content.decode()
