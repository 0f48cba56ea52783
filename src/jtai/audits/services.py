"""The only writers of audits: one transactional entry point per change, each kept in the history.

A signed-off audit is read-only: every service refuses to change it, except closing one of its
actions (the findings are frozen; following up their actions is the point of them).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from jtai.areas.models import Area
from jtai.auditing import GRADES, VOICE_ANSWERS, Framework
from jtai.audits.models import (
    Action,
    ActionStatus,
    AgencyReview,
    Answer,
    Audit,
    AuditEvent,
    LocalQuestions,
    ModeratedGrade,
    ReviewStatus,
    Status,
    VoiceAnswer,
)
from jtai.selections.models import Selection
from jtai.selections.models import Status as SelectionStatus


class AuditError(ValueError):
    """A change the audit cannot take; the message says why, for the person."""


@dataclass(frozen=True)
class ChildPlan:
    """What an audit of one child starts with: the agencies involved and the story so far."""

    agencies: Sequence[str]
    story: str


def _who(actor: Any) -> tuple[Any, str]:
    if getattr(actor, "pk", None):
        return actor, actor.get_username()
    return None, str(actor)


def _event(audit: Audit, actor: Any, what: str, **detail: Any) -> None:
    user, name = _who(actor)
    AuditEvent.objects.create(audit=audit, user=user, username=name, what=what, detail=detail)


def _locked(audit: Audit) -> Audit:
    """The audit, locked for this transaction, if it may still change."""
    audit = Audit.objects.select_for_update().get(pk=audit.pk)
    if audit.is_signed_off:
        raise AuditError("This audit is signed off and can no longer be changed")
    return audit


@transaction.atomic
def save_local_questions(area: Area, text: str, framework: Framework, actor: Any) -> LocalQuestions:
    """Store a partnership's own questions once they pass the checks (FrameworkError if not)."""
    from jtai.auditing import parse_local_questions

    parse_local_questions(text, framework)
    _, name = _who(actor)
    found, _ = LocalQuestions.objects.update_or_create(
        area=area, defaults={"text": text, "updated_by_name": name}
    )
    return found


@transaction.atomic
def create_audit(
    area: Area,
    *,
    child_key: str,
    la_child_id: str,
    role: str,
    plan: ChildPlan,
    framework: Framework,
    auditors: Mapping[str, Sequence[Any]],
    actor: Any,
    selection: Selection | None = None,
    selected_child: Any = None,
) -> Audit:
    """One audit, with a review for each involved agency the framework asks questions of."""
    _, name = _who(actor)
    audit = Audit.objects.create(
        area=area,
        selection=selection,
        selected_child=selected_child,
        child_key=child_key,
        la_child_id=la_child_id,
        role=role,
        framework_name=framework.name,
        framework_version=framework.version,
        framework=framework.snapshot(),
        story=plan.story,
        created_by_name=name,
    )
    agencies = [a for a in framework.agencies if a in plan.agencies and framework.for_agency(a)]
    for agency in agencies:
        review = AgencyReview.objects.create(audit=audit, agency=agency)
        review.auditors.set(auditors.get(agency, ()))
    _event(audit, actor, "created the audit", agencies=agencies, framework=framework.version)
    return audit


@transaction.atomic
def create_audits_from_selection(
    selection: Selection,
    *,
    plans: Mapping[str, ChildPlan],
    framework: Framework,
    auditors: Mapping[str, Sequence[Any]],
    actor: Any,
) -> list[Audit]:
    """An audit for each child of the audit list who has none yet; returns the new ones."""
    if selection.status != SelectionStatus.AUDIT_LIST:
        raise AuditError("Audits are made from the saved audit list only; save the selection first")
    done = set(Audit.objects.filter(selection=selection).values_list("child_key", flat=True))
    made = []
    for child in selection.current():
        if child.child_key in done:
            continue
        made.append(
            create_audit(
                selection.area,
                child_key=child.child_key,
                la_child_id=child.la_child_id,
                role=child.role,
                plan=plans.get(child.child_key, ChildPlan(agencies=(), story="")),
                framework=framework,
                auditors=auditors,
                actor=actor,
                selection=selection,
                selected_child=child,
            )
        )
    return made


@transaction.atomic
def assign_auditors(audit: Audit, agency: str, users: Iterable[Any], actor: Any) -> AgencyReview:
    """Set who audits one agency's part, adding that agency's part if it had none."""
    audit = _locked(audit)
    if agency not in audit.questions().agencies or not audit.questions().for_agency(agency):
        raise AuditError("The framework asks this agency no questions")
    review, _ = AgencyReview.objects.get_or_create(audit=audit, agency=agency)
    chosen = list(users)
    if not chosen and not review.answers.exists() and not review.voice.exists():
        review.delete()
        _event(audit, actor, f"left {agency} out of the audit")
        return review
    review.auditors.set(chosen)
    _event(audit, actor, f"assigned auditors for {agency}", auditors=[_who(u)[1] for u in chosen])
    return review


@transaction.atomic
def save_story(audit: Audit, story: str, actor: Any) -> Audit:
    audit = _locked(audit)
    before, audit.story = audit.story, story.strip()
    audit.save(update_fields=["story", "updated_at"])
    _event(audit, actor, "changed the child's story", before=before, after=audit.story)
    return audit


def _open_review(review: AgencyReview) -> tuple[Audit, AgencyReview]:
    audit = _locked(review.audit)
    review = AgencyReview.objects.select_for_update().get(pk=review.pk)
    if review.status == ReviewStatus.SUBMITTED:
        raise AuditError("This agency's part is submitted and can no longer be changed")
    return audit, review


def _started(audit: Audit, review: AgencyReview) -> None:
    if review.status == ReviewStatus.NOT_STARTED:
        review.status = ReviewStatus.IN_PROGRESS
        review.save(update_fields=["status"])
    if audit.status == Status.ASSIGNED:
        audit.status = Status.IN_PROGRESS
        audit.save(update_fields=["status", "updated_at"])


@transaction.atomic
def save_answer(
    review: AgencyReview,
    code: str,
    *,
    grade: str,
    evidence: str,
    worked_well: str = "",
    should_improve: str = "",
    actor: Any,
) -> Answer:
    """Save one criterion's answer (complete or not: "save and come back later")."""
    audit, review = _open_review(review)
    if code not in {c.code for c in audit.questions().for_agency(review.agency)}:
        raise AuditError("That question is not one this agency answers")
    if grade and grade not in GRADES:
        raise AuditError("Select a grade from the list")
    _, name = _who(actor)
    values = {
        "grade": grade,
        "evidence": evidence.strip(),
        "worked_well": worked_well.strip(),
        "should_improve": should_improve.strip(),
    }
    old = Answer.objects.filter(review=review, code=code).first()
    before = {k: getattr(old, k) for k in values} if old else {}
    answer, _ = Answer.objects.update_or_create(
        review=review, code=code, defaults={**values, "updated_by_name": name}
    )
    _started(audit, review)
    if before != values:
        _event(audit, actor, f"answered {code} for {review.agency}", before=before, after=values)
    return answer


@transaction.atomic
def save_voice(
    review: AgencyReview, answers: Mapping[str, tuple[str, str]], *, actor: Any
) -> list[VoiceAnswer]:
    """Save the voice-of-the-child answers: code -> (yes, no or not_known; what happened)."""
    audit, review = _open_review(review)
    codes = {v.code for v in audit.questions().voice}
    saved = []
    for code, (answer, detail) in answers.items():
        if code not in codes or answer not in VOICE_ANSWERS:
            raise AuditError("Answer each question about the child's voice from the list")
        found, _ = VoiceAnswer.objects.update_or_create(
            review=review, code=code, defaults={"answer": answer, "detail": detail.strip()}
        )
        saved.append(found)
    _started(audit, review)
    _event(
        audit,
        actor,
        f"answered the child's voice for {review.agency}",
        after={code: list(value) for code, value in answers.items()},
    )
    return saved


def missing_answers(review: AgencyReview) -> list[str]:
    """What stops this agency's part being submitted, as codes (empty when complete)."""
    framework = review.audit.questions()
    answers = {a.code: a for a in review.answers.all()}
    missing = [
        c.code
        for c in framework.for_agency(review.agency)
        if c.code not in answers
        or not answers[c.code].grade
        or (answers[c.code].grade != "not_applicable" and not answers[c.code].evidence)
    ]
    voiced = set(review.voice.values_list("code", flat=True))
    missing += [v.code for v in framework.voice if v.code not in voiced]
    return missing


@transaction.atomic
def submit_review(review: AgencyReview, actor: Any) -> AgencyReview:
    """Submit one agency's part; once every agency has, the audit is ready for moderation."""
    audit, review = _open_review(review)
    if missing_answers(review):
        raise AuditError("Answer every question before you submit")
    _, name = _who(actor)
    review.status = ReviewStatus.SUBMITTED
    review.submitted_at = timezone.now()
    review.submitted_by_name = name
    review.save(update_fields=["status", "submitted_at", "submitted_by_name"])
    if not audit.reviews.exclude(status=ReviewStatus.SUBMITTED).exists():
        audit.status = Status.SUBMITTED
        audit.save(update_fields=["status", "updated_at"])
    _event(audit, actor, f"submitted the {review.agency} part")
    return review


def grades_by_code(audit: Audit) -> dict[str, dict[str, str]]:
    """Each criterion's grade from each agency: code -> agency -> grade."""
    found: dict[str, dict[str, str]] = {}
    for answer in Answer.objects.filter(review__audit=audit).select_related("review"):
        if answer.grade:
            found.setdefault(answer.code, {})[answer.review.agency] = answer.grade
    return found


def moderation_problems(audit: Audit, agreed: Mapping[str, tuple[str, str]]) -> dict[str, str]:
    """code -> what is wrong with the agreed grade given for it (empty when all is well)."""
    problems = {}
    for code, grades in grades_by_code(audit).items():
        grade, reason = agreed.get(code, ("", ""))
        if grade not in GRADES:
            problems[code] = "Select the agreed grade"
        elif any(g != grade for g in grades.values()) and not reason.strip():
            problems[code] = "Enter why the agreed grade differs from an agency's grade"
    return problems


@transaction.atomic
def moderate(audit: Audit, agreed: Mapping[str, tuple[str, str]], actor: Any) -> Audit:
    """Record the agreed grade of every criterion an agency graded, with a reason if it differs."""
    audit = _locked(audit)
    if audit.status not in (Status.SUBMITTED, Status.MODERATED):
        raise AuditError("Every agency must submit its part before the audit is moderated")
    if problems := moderation_problems(audit, agreed):
        raise AuditError(next(iter(problems.values())))
    _, name = _who(actor)
    for code in grades_by_code(audit):
        grade, reason = agreed[code]
        ModeratedGrade.objects.update_or_create(
            audit=audit, code=code, defaults={"grade": grade, "reason": reason.strip()}
        )
    audit.status = Status.MODERATED
    audit.moderated_by_name = name
    audit.moderated_at = timezone.now()
    audit.save(update_fields=["status", "moderated_by_name", "moderated_at", "updated_at"])
    _event(audit, actor, "moderated", agreed={c: list(v) for c, v in agreed.items()})
    return audit


@transaction.atomic
def sign_off_audit(audit: Audit, actor: Any) -> Audit:
    """Sign the audit off: from now on it is read-only."""
    audit = _locked(audit)
    if audit.status != Status.MODERATED:
        raise AuditError("The audit must be moderated before it is signed off")
    _, name = _who(actor)
    audit.status = Status.SIGNED_OFF
    audit.signed_off_by_name = name
    audit.signed_off_at = timezone.now()
    audit.save(update_fields=["status", "signed_off_by_name", "signed_off_at", "updated_at"])
    _event(audit, actor, "signed off")
    return audit


@transaction.atomic
def add_action(
    audit: Audit, *, description: str, owner_name: str, agency: str, due_date: date, actor: Any
) -> Action:
    audit = _locked(audit)
    if not description.strip() or not owner_name.strip():
        raise AuditError("Enter what is to be done and who owns it")
    if agency not in audit.questions().agencies:
        raise AuditError("Select the agency that owns the action")
    _, name = _who(actor)
    action = Action.objects.create(
        audit=audit,
        description=description.strip(),
        owner_name=owner_name.strip(),
        agency=agency,
        due_date=due_date,
        created_by_name=name,
    )
    _event(
        audit,
        actor,
        "added an action",
        action=action.pk,
        owner=action.owner_name,
        agency=agency,
        due=due_date.isoformat(),
    )
    return action


@transaction.atomic
def close_action(action: Action, note: str, actor: Any) -> Action:
    """Close an action with what was done; allowed after sign-off (see the module docstring)."""
    action = Action.objects.select_for_update().select_related("audit").get(pk=action.pk)
    if action.status == ActionStatus.CLOSED:
        raise AuditError("This action is already closed")
    _, name = _who(actor)
    action.status = ActionStatus.CLOSED
    action.closed_at = timezone.now()
    action.closed_by_name = name
    action.closing_note = note.strip()
    action.save(update_fields=["status", "closed_at", "closed_by_name", "closing_note"])
    _event(action.audit, actor, "closed an action", action=action.pk, note=action.closing_note)
    return action
