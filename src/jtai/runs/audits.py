"""Start audits from the audit list: each child's story so far and agencies, then the audits.

`jtai.audits.services` stores; this module gathers what they need from the records (through
`child_view`), the area's local questions and the area's agency auditors.
"""

from __future__ import annotations

from typing import Any

from jtai.access.models import Membership
from jtai.access.roles import Role
from jtai.areas.models import Area
from jtai.auditing import Framework, load_framework, merge_local, parse_local_questions
from jtai.audits import services
from jtai.audits.models import Audit, LocalQuestions
from jtai.runs.cohort import child_view
from jtai.selections.models import Selection

CATEGORY_WORDS = {
    "diagnosed": "has a mental health diagnosis",
    "living_with": "is living with mental ill health",
    "early_signs": "shows early signs of mental ill health",
}


def area_framework(area: Area) -> Framework:
    """The shipped framework with the area's local questions, as new audits will use it."""
    base = load_framework()
    found = LocalQuestions.objects.filter(area=area).first()
    return merge_local(base, parse_local_questions(found.text, base) if found else None)


def child_plan(area: Area, child_key: str, selection: Selection, labels: dict[str, str]) -> Any:
    """The agencies that hold records of the child and the story so far on the selection's date."""
    view = child_view(area, child_key, as_of=selection.as_of, definition=selection.definition_name)
    if view is None:
        return services.ChildPlan(agencies=(), story="No records of this child were found.")
    known = {r.agency for r in view.records if r.agency} | set(view.agencies)
    agencies = [a for a in labels if a in known] + sorted(known - set(labels))
    lines = []
    if view.in_cohort is not None:
        child = view.in_cohort
        lines.append(
            f"On {selection.as_of:%-d %B %Y} the child is {child.age}, "
            f"{child.legal_status}, {CATEGORY_WORDS.get(child.mh_category, child.mh_category)}"
            f"{', and at risk of abuse, neglect or exploitation' if child.at_risk else ''}."
        )
    lines.append(
        "Known to: " + ", ".join(labels.get(a, a) for a in agencies) + "."
        if agencies
        else "Known to no agency."
    )
    lines.append("")
    lines += [
        f"{e.date:%-d %b %Y} – {labels.get(str(e.agency), str(e.agency))}: {e.description}"  # noqa: RUF001
        if e.date
        else f"Not dated – {labels.get(str(e.agency), str(e.agency))}: {e.description}"  # noqa: RUF001
        for e in view.chronology
    ]
    return services.ChildPlan(agencies=agencies, story="\n".join(lines))


def agency_auditors(area: Area) -> dict[str, list[Any]]:
    """Each agency's auditors in the area: who an agency's part is assigned to at first."""
    found: dict[str, list[Any]] = {}
    for membership in Membership.objects.filter(area=area).select_related("user"):
        if membership.has_role(Role.AGENCY_AUDITOR) and membership.user.is_active:
            found.setdefault(membership.agency, []).append(membership.user)
    return found


def start_audits(selection: Selection, actor: Any) -> list[Audit]:
    """An audit for each child of the audit list without one, assigned to the agencies' auditors.

    An involved agency with no auditor in the area gets no part yet (the story says so); the
    partnership adds it from the audit's "Choose who audits each agency's part" once it has one.
    """
    framework = area_framework(selection.area)
    auditors = agency_auditors(selection.area)
    done = set(Audit.objects.filter(selection=selection).values_list("child_key", flat=True))
    plans = {}
    for child in selection.current():
        if child.child_key in done:
            continue
        plan = child_plan(selection.area, child.child_key, selection, framework.agencies)
        staffed = [a for a in plan.agencies if auditors.get(a)]
        missing = [framework.agencies.get(a, a) for a in plan.agencies if a not in staffed]
        story = plan.story
        if missing:
            story += "\n\nNo auditor in the area yet for: " + ", ".join(missing) + "."
        plans[child.child_key] = services.ChildPlan(agencies=staffed, story=story)
    return services.create_audits_from_selection(
        selection, plans=plans, framework=framework, auditors=auditors, actor=actor
    )
