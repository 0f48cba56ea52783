"""Links between records: which child each record belongs to, the review queue, people's decisions.

Assignments, the review queue and the run's model are replaced by every linkage run; decisions and
key events are kept for good. Records are named by `record_key` (`source:person_id`), which
survives re-loads, so a decision made today still holds after next month's files.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from jtai.areas.models import Area


class LinkRun(models.Model):
    """One linkage run for an area: when, why, how big, and the model it trained."""

    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="link_runs")
    started_at = models.DateTimeField(auto_now_add=True)
    actor = models.CharField(max_length=150)
    trigger = models.CharField(max_length=20, help_text="load, command, review")
    records = models.PositiveIntegerField(default=0)
    children = models.PositiveIntegerField(default=0)
    review_pairs = models.PositiveIntegerField(default=0)
    by_method = models.JSONField(default=dict)
    model_summary = models.JSONField(default=dict)
    timings = models.JSONField(default=dict)

    class Meta:
        ordering = ["-started_at", "-pk"]

    def __str__(self) -> str:
        return f"Linkage run {self.pk} for {self.area.code}"


class ChildLink(models.Model):
    """One record's child: the current answer of linkage (replaced by each run)."""

    area = models.ForeignKey(Area, on_delete=models.CASCADE)
    run = models.ForeignKey(LinkRun, on_delete=models.CASCADE)
    record_key = models.CharField(max_length=100)
    source = models.CharField(max_length=30)
    person_id = models.CharField(max_length=64)
    child_key = models.CharField(max_length=40)
    la_child_id = models.CharField(max_length=64, blank=True)
    match_probability = models.FloatField(null=True, blank=True)
    method = models.CharField(max_length=15)

    class Meta:
        indexes = [
            models.Index(fields=["area", "child_key"]),
            models.Index(fields=["area", "record_key"]),
            models.Index(fields=["area", "la_child_id"]),
        ]

    def __str__(self) -> str:
        return f"{self.record_key} -> {self.child_key}"


class ReviewPair(models.Model):
    """A pair in the uncertain band that nobody has decided yet (replaced by each run)."""

    area = models.ForeignKey(Area, on_delete=models.CASCADE)
    run = models.ForeignKey(LinkRun, on_delete=models.CASCADE)
    record_key_l = models.CharField(max_length=100)
    record_key_r = models.CharField(max_length=100)
    match_weight = models.FloatField()
    match_probability = models.FloatField()
    same_child = models.BooleanField(default=False)
    comparisons = models.JSONField(default=list, help_text="[{name, level, weight}, ...]")

    class Meta:
        ordering = ["-match_probability", "pk"]

    def __str__(self) -> str:
        return f"{self.record_key_l} ? {self.record_key_r}"


class LinkDecision(models.Model):
    """A person's decision on two records. Kept across re-loads; the latest per pair wins."""

    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="link_decisions")
    record_key_l = models.CharField(max_length=100)
    record_key_r = models.CharField(max_length=100)
    same = models.BooleanField()
    reason = models.TextField(blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-decided_at", "-pk"]
        indexes = [models.Index(fields=["area", "record_key_l", "record_key_r"])]

    def __str__(self) -> str:
        verdict = "same child" if self.same else "not the same child"
        return f"{self.record_key_l} / {self.record_key_r}: {verdict}"


class KeyEvent(models.Model):
    """A merge or split of child keys, or a decision that could not hold: never silent."""

    area = models.ForeignKey(Area, on_delete=models.CASCADE)
    run = models.ForeignKey(LinkRun, on_delete=models.CASCADE)
    kind = models.CharField(max_length=20)
    child_keys = models.JSONField(default=list)
    previous_keys = models.JSONField(default=list)
    record_keys = models.JSONField(default=list)

    class Meta:
        ordering = ["-pk"]

    def __str__(self) -> str:
        return f"{self.kind}: {self.previous_keys} -> {self.child_keys}"
