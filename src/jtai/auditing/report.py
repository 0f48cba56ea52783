"""A signed-off audit as plain data: what the PDF and the DOCX both show, in the same order."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class AnswerRow:
    code: str
    title: str
    grade: str
    evidence: str
    worked_well: str
    should_improve: str


@dataclass(frozen=True)
class VoiceRow:
    question: str
    answer: str
    detail: str


@dataclass(frozen=True)
class AgencySection:
    agency: str
    auditors: str
    submitted: str
    answers: list[AnswerRow]
    voice: list[VoiceRow]


@dataclass(frozen=True)
class ModeratedRow:
    code: str
    title: str
    grades: list[str]  # one per agency in `AuditReport.agencies`, "" when not asked
    agreed: str
    reason: str


@dataclass(frozen=True)
class ActionRow:
    description: str
    owner: str
    agency: str
    due: str
    status: str


@dataclass(frozen=True)
class AuditReport:
    title: str
    area: str
    child: str
    role: str
    framework: str
    story: str
    agencies: list[str]
    sections: list[AgencySection]
    moderated: list[ModeratedRow]
    actions: list[ActionRow]
    signed_off: str
    facts: list[tuple[str, str]] = field(default_factory=list)
