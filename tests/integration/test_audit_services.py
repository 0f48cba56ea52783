"""The audit workflow through its services: assigned to signed off, read-only after, all kept."""

from __future__ import annotations

from datetime import date

import pytest

from jtai.auditing import load_framework, parse_local_questions
from jtai.audits import services
from jtai.audits.models import AppendOnlyError, Audit, AuditEvent, ReviewStatus, Status

pytestmark = pytest.mark.django_db
FRAMEWORK = load_framework()


@pytest.fixture
def people(area, make_member):
    return {
        "social": make_member("sal", area=area, roles=["agency_auditor"])[0],
        "health": make_member("hal", area=area, agency="health", roles=["agency_auditor"])[0],
        "moderator": make_member("mo", area=area, agency="partnership", roles=["moderator"])[0],
    }


@pytest.fixture
def audit(area, people):
    return services.create_audit(
        area,
        child_key="CK1",
        la_child_id="LA1",
        role="tracked",
        plan=services.ChildPlan(agencies=["local_authority", "health"], story="Known since 2024."),
        framework=FRAMEWORK,
        auditors={"local_authority": [people["social"]], "health": [people["health"]]},
        actor="test",
    )


def complete(review, user, grade="good"):
    for criterion in FRAMEWORK.for_agency(review.agency):
        services.save_answer(
            review, criterion.code, grade=grade, evidence="Seen in the plan", actor=user
        )
    services.save_voice(
        review, {v.code: ("yes", "Seen alone") for v in FRAMEWORK.voice}, actor=user
    )
    return services.submit_review(review, user)


def moderated(audit, people):
    for agency, grade in (("local_authority", "good"), ("health", "requires_improvement")):
        user = people["social" if agency == "local_authority" else "health"]
        complete(audit.reviews.get(agency=agency), user, grade)
    agreed = {code: ("good", "Health's gap was closed") for code in services.grades_by_code(audit)}
    return services.moderate(audit, agreed, people["moderator"])


def test_an_audit_has_a_part_for_each_involved_agency_the_framework_asks(area, people):
    made = services.create_audit(
        area,
        child_key="CK2",
        la_child_id="LA2",
        role="sampled",
        plan=services.ChildPlan(agencies=["health", "inspectorate"], story=""),
        framework=FRAMEWORK,
        auditors={},
        actor="test",
    )
    assert [r.agency for r in made.reviews.all()] == ["health"]
    assert made.framework["version"] == "1" and made.status == Status.ASSIGNED


def test_the_workflow_runs_from_assigned_to_signed_off(audit, people):
    social = audit.reviews.get(agency="local_authority")
    services.save_answer(social, "JTAI-MH-01", grade="good", evidence="", actor=people["social"])
    audit.refresh_from_db()
    assert audit.status == Status.IN_PROGRESS
    complete(social, people["social"])
    audit.refresh_from_db()
    assert audit.status == Status.IN_PROGRESS  # health has not submitted
    complete(audit.reviews.get(agency="health"), people["health"], "requires_improvement")
    audit.refresh_from_db()
    assert audit.status == Status.SUBMITTED
    agreed = {code: ("good", "Health's gap was closed") for code in services.grades_by_code(audit)}
    services.moderate(audit, agreed, people["moderator"])
    services.sign_off_audit(audit, people["moderator"])
    audit.refresh_from_db()
    assert audit.status == Status.SIGNED_OFF and audit.signed_off_by_name == "mo"


def test_a_review_with_a_question_unanswered_cannot_be_submitted(audit, people):
    social = audit.reviews.get(agency="local_authority")
    services.save_answer(social, "JTAI-MH-01", grade="good", evidence="x", actor=people["social"])
    with pytest.raises(services.AuditError, match="Answer every question"):
        services.submit_review(social, people["social"])
    assert "JTAI-MH-02" in services.missing_answers(social)
    assert "JTAI-MH-01" not in services.missing_answers(social)


def test_an_agency_cannot_answer_another_agencys_question(audit, people):
    police_only = "JTAI-MH-12"
    with pytest.raises(services.AuditError, match="not one this agency answers"):
        services.save_answer(
            audit.reviews.get(agency="health"), police_only, grade="good", evidence="x", actor="t"
        )


def test_moderation_needs_a_reason_where_the_agreed_grade_differs(audit, people):
    for agency, grade in (("local_authority", "good"), ("health", "inadequate")):
        complete(
            audit.reviews.get(agency=agency),
            people["health" if agency == "health" else "social"],
            grade,
        )
    shared = "JTAI-MH-01"
    agreed = {code: ("good", "") for code in services.grades_by_code(audit)}
    problems = services.moderation_problems(audit, agreed)
    assert problems[shared] == "Enter why the agreed grade differs from an agency's grade"
    assert "JTAI-MH-06" in problems  # graded by both, differently
    with pytest.raises(services.AuditError):
        services.moderate(audit, agreed, people["moderator"])


def test_moderation_waits_for_every_agency(audit, people):
    complete(audit.reviews.get(agency="local_authority"), people["social"])
    with pytest.raises(services.AuditError, match="Every agency must submit"):
        services.moderate(audit, {}, people["moderator"])


def test_a_submitted_review_is_read_only(audit, people):
    social = complete(audit.reviews.get(agency="local_authority"), people["social"])
    assert social.status == ReviewStatus.SUBMITTED
    with pytest.raises(services.AuditError, match="submitted"):
        services.save_answer(social, "JTAI-MH-01", grade="inadequate", evidence="x", actor="t")


def test_a_signed_off_audit_refuses_every_change_but_closing_an_action(audit, people):
    action = services.add_action(
        audit,
        description="Add CAMHS to core groups",
        owner_name="CAMHS manager",
        agency="health",
        due_date=date(2027, 1, 31),
        actor=people["moderator"],
    )
    moderated(audit, people)
    services.sign_off_audit(audit, people["moderator"])
    review = audit.reviews.get(agency="health")
    refusals = [
        lambda: services.save_answer(review, "JTAI-MH-01", grade="good", evidence="x", actor="t"),
        lambda: services.save_voice(review, {"JTAI-MH-V1": ("no", "")}, actor="t"),
        lambda: services.save_story(audit, "Rewritten", "t"),
        lambda: services.moderate(audit, {}, "t"),
        lambda: services.sign_off_audit(audit, "t"),
        lambda: services.assign_auditors(audit, "health", [], "t"),
        lambda: services.add_action(
            audit,
            description="x",
            owner_name="y",
            agency="health",
            due_date=date(2027, 1, 1),
            actor="t",
        ),
    ]
    for refused in refusals:
        with pytest.raises(services.AuditError, match="signed off"):
            refused()
    closed = services.close_action(action, "CAMHS now invited to every core group", "mo")
    assert closed.status == "closed" and closed.closed_by_name == "mo"


def test_every_change_is_kept_with_who_and_when_and_the_history_cannot_be_rewritten(audit, people):
    social = audit.reviews.get(agency="local_authority")
    services.save_answer(social, "JTAI-MH-01", grade="good", evidence="a", actor=people["social"])
    services.save_answer(
        social, "JTAI-MH-01", grade="inadequate", evidence="b", actor=people["social"]
    )
    events = list(AuditEvent.objects.filter(audit=audit))
    assert [e.what for e in events] == [
        "created the audit",
        "answered JTAI-MH-01 for local_authority",
        "answered JTAI-MH-01 for local_authority",
    ]
    assert events[2].username == "sal" and events[2].at is not None
    assert events[2].detail["before"]["grade"] == "good"
    assert events[2].detail["after"]["grade"] == "inadequate"
    with pytest.raises(AppendOnlyError):
        events[0].save()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(audit=audit).delete()


def test_audits_are_made_from_the_saved_audit_list_only_and_once_per_child(area, people):
    from jtai.sampling import Chosen, Draw
    from jtai.selections.services import record_selection, save_as_audit_list

    chosen = (
        Chosen("CKA", "LA-A", "tracked", "tracked: covers CP", 1),
        Chosen("CKB", "LA-B", "sampled", "sampled: CIN", 2),
    )
    selection = record_selection(
        area,
        Draw(7, 6, 1, 2, chosen, (), (), ()),
        as_of=date(2026, 11, 1),
        definition_name="jtai-mh-2019",
        definition_version="1",
        actor="test",
    )
    plans = {"CKA": services.ChildPlan(["health"], "A"), "CKB": services.ChildPlan(["police"], "B")}
    kwargs = {"plans": plans, "framework": FRAMEWORK, "auditors": {}, "actor": "test"}
    with pytest.raises(services.AuditError, match="saved audit list"):
        services.create_audits_from_selection(selection, **kwargs)
    save_as_audit_list(selection, "test")
    selection.refresh_from_db()
    made = services.create_audits_from_selection(selection, **kwargs)
    assert [(a.la_child_id, a.role, a.story) for a in made] == [
        ("LA-A", "tracked", "A"),
        ("LA-B", "sampled", "B"),
    ]
    assert services.create_audits_from_selection(selection, **kwargs) == []
    assert Audit.objects.filter(selection=selection).count() == 2


def test_local_questions_are_checked_on_save_and_asked_in_new_audits(area, people):
    from jtai.auditing import FrameworkError, merge_local

    with pytest.raises(FrameworkError):
        services.save_local_questions(area, "name: x\n", FRAMEWORK, "test")
    text = (
        'name: local\nversion: "1"\ncode_prefix: TS-\ncriteria:\n  - code: TS-01\n'
        "    title: Transitions\n    text: Planned moves to adult services.\n"
        "    agencies: [health]\n    theme: planning\n"
    )
    services.save_local_questions(area, text, FRAMEWORK, "test")
    merged = merge_local(FRAMEWORK, parse_local_questions(text, FRAMEWORK))
    made = services.create_audit(
        area,
        child_key="CK9",
        la_child_id="LA9",
        role="tracked",
        plan=services.ChildPlan(["health"], ""),
        framework=merged,
        auditors={},
        actor="test",
    )
    assert "TS-01" in [c.code for c in made.questions().for_agency("health")]
