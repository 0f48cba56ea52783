"""The CIN census XML (2024-25 layout onwards: `Sex` M/F/U), streamed one child at a time.

The file is an in-year extract in census form: every CINdetails of every child referred up to the
as-of date, with what was known on that date (a plan ending later is open, an assessment not yet
authorised has no authorisation date). The header's collection year is the one the as-of date
falls in.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import IO
from xml.sax.saxutils import escape

from jtai.synth.model import Child, Plan, Referral, end_as_of, known_by
from jtai.synth.people import LA_CODE


def collection_year_end(as_of: date) -> date:
    """The 31 March that closes the collection year containing the as-of date."""
    return date(as_of.year + (1 if as_of.month > 3 else 0), 3, 31)


class CinCensusWriter:
    def __init__(self, path: Path, as_of: date) -> None:
        self.as_of = as_of
        self.children = 0
        self._out: IO[str] = path.open("w", encoding="utf-8", newline="\n")
        reference = collection_year_end(as_of)
        self._out.write(
            '<?xml version="1.0" encoding="utf-8"?>\n<Message>\n  <Header>\n'
            "    <CollectionDetails>\n      <Collection>CIN</Collection>\n"
            f"      <Year>{reference.year}</Year>\n"
            f"      <ReferenceDate>{reference.isoformat()}</ReferenceDate>\n"
            "    </CollectionDetails>\n    <Source>\n      <SourceLevel>L</SourceLevel>\n"
            f"      <LEA>{LA_CODE}</LEA>\n      <SoftwareCode>jtai-synth</SoftwareCode>\n"
            "      <Release>1</Release>\n      <SerialNo>001</SerialNo>\n"
            f"      <DateTime>{as_of.isoformat()}T00:00:00</DateTime>\n"
            "    </Source>\n  </Header>\n  <Children>\n"
        )

    def add(self, child: Child) -> bool:
        referrals = [r for r in child.referrals if r.date <= self.as_of]
        if not referrals:
            return False
        self.children += 1
        parts = ["    <Child>\n", self._identifiers(child), self._characteristics(child)]
        parts.extend(self._details(r) for r in referrals)
        parts.append("    </Child>\n")
        self._out.write("".join(parts))
        return True

    def close(self) -> int:
        self._out.write("  </Children>\n</Message>\n")
        self._out.close()
        return self.children

    def _identifiers(self, child: Child) -> str:
        if child.upn:
            upn = _el("UPN", child.upn, 8)
        else:
            age = (self.as_of - child.dob).days // 365
            upn = _el("UPNunknown", "UN1" if age < 5 else "UN2", 8)
        return (
            "      <ChildIdentifiers>\n"
            + _el("LAchildID", child.la_child_id, 8)
            + upn
            + _el("PersonBirthDate", child.dob.isoformat(), 8)
            + _el("Sex", child.sex, 8)
            + "      </ChildIdentifiers>\n"
        )

    def _characteristics(self, child: Child) -> str:
        return (
            "      <ChildCharacteristics>\n"
            + _el("Ethnicity", child.ethnicity, 8)
            + "        <Disabilities>\n"
            + _el("Disability", child.disability, 10)
            + "        </Disabilities>\n      </ChildCharacteristics>\n"
        )

    def _details(self, r: Referral) -> str:
        d = self.as_of
        closure = known_by(r.closure, d)
        icpcs = [s.icpc for s in r.section47s if s.icpc and s.icpc <= d]
        out = [
            "      <CINdetails>\n",
            _el("CINreferralDate", r.date.isoformat(), 8),
            _el("ReferralSource", r.source, 8),
            _el("PrimaryNeedCode", r.need_code, 8),
        ]
        if closure:
            out.append(_el("CINclosureDate", closure.isoformat(), 8))
            out.append(_el("ReasonForClosure", r.closure_reason, 8))
        if icpcs:
            out.append(_el("DateOfInitialCPC", min(icpcs).isoformat(), 8))
        for a in r.assessments:
            if a.start > d:
                continue
            out.append("        <Assessments>\n")
            out.append(_el("AssessmentActualStartDate", a.start.isoformat(), 10))
            authorised = known_by(a.authorised, d)
            if authorised:
                out.append(_el("AssessmentAuthorisationDate", authorised.isoformat(), 10))
                out.append("          <FactorsIdentifiedAtAssessment>\n")
                out.extend(_el("AssessmentFactors", f, 12) for f in a.factors)
                out.append("          </FactorsIdentifiedAtAssessment>\n")
            out.append("        </Assessments>\n")
        for plan in r.cin_plans:
            if plan.start <= d:
                out.append(
                    "        <CINPlanDates>\n" + _el("CINPlanStartDate", plan.start.isoformat(), 10)
                )
                end = end_as_of(plan.end, d)
                if end:
                    out.append(_el("CINPlanEndDate", end.isoformat(), 10))
                out.append("        </CINPlanDates>\n")
        for s in r.section47s:
            if s.start <= d:
                icpc = known_by(s.icpc, d)
                # A target still in the future is left out: the clean folder has no later dates.
                target = known_by(s.icpc_target, d)
                out.append(
                    "        <Section47>\n"
                    + _el("S47ActualStartDate", s.start.isoformat(), 10)
                    + (_el("InitialCPCtarget", target.isoformat(), 10) if target else "")
                    + (_el("DateOfInitialCPC", icpc.isoformat(), 10) if icpc else "")
                    + _el("ICPCnotRequired", "true" if s.icpc_not_required else "false", 10)
                    + "        </Section47>\n"
                )
        out.append(_el("ReferralNFA", "true" if r.nfa else "false", 8))
        out.extend(self._cp_plan(p) for p in r.cp_plans if p.start <= d)
        out.append("      </CINdetails>\n")
        return "".join(out)

    def _cp_plan(self, plan: Plan) -> str:
        end = end_as_of(plan.end, self.as_of)
        reviews = [r for r in plan.reviews if r <= self.as_of]
        out = ["        <ChildProtectionPlans>\n", _el("CPPstartDate", plan.start.isoformat(), 10)]
        if end:
            out.append(_el("CPPendDate", end.isoformat(), 10))
        out += [
            _el("InitialCategoryOfAbuse", plan.initial_category, 10),
            _el("LatestCategoryOfAbuse", plan.latest_category, 10),
            _el("NumberOfPreviousCPP", str(plan.previous_plans), 10),
        ]
        if reviews:
            out.append("          <Reviews>\n")
            out.extend(_el("CPPreviewDate", r.isoformat(), 12) for r in reviews)
            out.append("          </Reviews>\n")
        out.append("        </ChildProtectionPlans>\n")
        return "".join(out)


def _el(tag: str, value: str, indent: int) -> str:
    return f"{' ' * indent}<{tag}>{escape(value)}</{tag}>\n"
