"""Audits of chosen children: each agency's review, moderation, actions and the full history.

Every write goes through `jtai.audits.services`. `AuditEvent` is append-only: it keeps who changed
what and when, and is never edited or removed.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from jtai.areas.models import Area
from jtai.auditing import GRADES, VOICE_ANSWERS, Framework, framework_from_snapshot
from jtai.selections.models import SelectedChild, Selection


class Status(models.TextChoices):
    ASSIGNED = "assigned", "Assigned"
    IN_PROGRESS = "in_progress", "In progress"
    SUBMITTED = "submitted", "Submitted by every agency"
    MODERATED = "moderated", "Moderated"
    SIGNED_OFF = "signed_off", "Signed off"


class ReviewStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not yet started"
    IN_PROGRESS = "in_progress", "In progress"
    SUBMITTED = "submitted", "Submitted"


GRADE_CHOICES = list(GRADES.items())
VOICE_CHOICES = list(VOICE_ANSWERS.items())


class LocalQuestions(models.Model):
    """A partnership's own questions (YAML), merged into audits created after they are saved."""

    area = models.OneToOneField(Area, on_delete=models.CASCADE, related_name="local_questions")
    text = models.TextField()
    updated_by_name = models.CharField(max_length=150)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Local questions for {self.area.code}"


class Audit(models.Model):
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="audits")
    selection = models.ForeignKey(
        Selection, null=True, blank=True, on_delete=models.PROTECT, related_name="audits"
    )
    selected_child = models.ForeignKey(
        SelectedChild, null=True, blank=True, on_delete=models.PROTECT, related_name="audits"
    )
    child_key = models.CharField(max_length=64, db_index=True)
    la_child_id = models.CharField(max_length=64, blank=True, default="")
    role = models.CharField(max_length=10, blank=True, default="")
    framework_name = models.CharField(max_length=100)
    framework_version = models.CharField(max_length=50)
    framework = models.JSONField(help_text="The criteria as they were when the audit was created")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.ASSIGNED)
    story = models.TextField(blank=True, default="")
    created_by_name = models.CharField(max_length=150)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    moderated_by_name = models.CharField(max_length=150, blank=True, default="")
    moderated_at = models.DateTimeField(null=True, blank=True)
    signed_off_by_name = models.CharField(max_length=150, blank=True, default="")
    signed_off_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["selection", "child_key"], name="audits_one_audit_per_selected_child"
            )
        ]

    def __str__(self) -> str:
        return f"Audit {self.pk} of {self.la_child_id or self.child_key}"

    @property
    def child_label(self) -> str:
        return self.la_child_id or self.child_key

    @property
    def is_signed_off(self) -> bool:
        return self.status == Status.SIGNED_OFF

    def questions(self) -> Framework:
        return framework_from_snapshot(self.framework)


class AgencyReview(models.Model):
    """One agency's part of an audit, answered by the auditors assigned to it."""

    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="reviews")
    agency = models.CharField(max_length=20)
    auditors = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")
    status = models.CharField(
        max_length=20, choices=ReviewStatus.choices, default=ReviewStatus.NOT_STARTED
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by_name = models.CharField(max_length=150, blank=True, default="")

    class Meta:
        ordering = ["audit", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["audit", "agency"], name="audits_one_review_per_agency")
        ]

    def __str__(self) -> str:
        return f"{self.agency} review of audit {self.audit_id}"


class Answer(models.Model):
    review = models.ForeignKey(AgencyReview, on_delete=models.CASCADE, related_name="answers")
    code = models.CharField(max_length=40)
    grade = models.CharField(max_length=30, choices=GRADE_CHOICES, blank=True, default="")
    evidence = models.TextField(blank=True, default="")
    worked_well = models.TextField(blank=True, default="")
    should_improve = models.TextField(blank=True, default="")
    updated_by_name = models.CharField(max_length=150)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["review", "code"], name="audits_one_answer_per_code")
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.grade or 'no grade'}"


class VoiceAnswer(models.Model):
    """Was the child seen, heard, and did it change anything: one answer per question."""

    review = models.ForeignKey(AgencyReview, on_delete=models.CASCADE, related_name="voice")
    code = models.CharField(max_length=40)
    answer = models.CharField(max_length=10, choices=VOICE_CHOICES)
    detail = models.TextField(blank=True, default="")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["review", "code"], name="audits_one_voice_per_code")
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.answer}"


class ModeratedGrade(models.Model):
    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="moderated")
    code = models.CharField(max_length=40)
    grade = models.CharField(max_length=30, choices=GRADE_CHOICES)
    reason = models.TextField(blank=True, default="")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["audit", "code"], name="audits_one_agreed_grade")
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.grade}"


class ActionStatus(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class Action(models.Model):
    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="actions")
    description = models.TextField()
    owner_name = models.CharField(max_length=150)
    agency = models.CharField(max_length=20)
    due_date = models.DateField()
    status = models.CharField(
        max_length=10, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    created_by_name = models.CharField(max_length=150)
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by_name = models.CharField(max_length=150, blank=True, default="")
    closing_note = models.TextField(blank=True, default="")

    class Meta:
        ordering = ["due_date", "pk"]

    def __str__(self) -> str:
        return f"Action {self.pk} of audit {self.audit_id}"


class AppendOnlyError(Exception):
    """Raised on any attempt to change or remove an audit's history."""


class EventQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError("An audit's history cannot be changed.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("An audit's history cannot be deleted.")


class AuditEvent(models.Model):
    """One change to an audit: who, when, what, and the values before and after."""

    audit = models.ForeignKey(Audit, on_delete=models.PROTECT, related_name="events")
    at = models.DateTimeField(auto_now_add=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    username = models.CharField(max_length=150)
    what = models.CharField(max_length=200)
    detail = models.JSONField(default=dict)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.username} {self.what}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError("An audit's history cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("An audit's history cannot be deleted.")
