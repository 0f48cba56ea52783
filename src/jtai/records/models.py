"""Loads and canonical records: the tables the analytical core writes in bulk and reads back.

The columns of `PersonRecord` and `EventRecord` are the canonical model of
`jtai.core.canonical` (PERSON_COLUMNS, EVENT_COLUMNS) plus the area and the load they came
from; a test keeps the two in step. See docs/reference/canonical-model.md.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from jtai.areas.models import Area


class LoadStatus(models.TextChoices):
    ACCEPTED = "accepted", "Accepted"
    REJECTED = "rejected", "Rejected"
    SUPERSEDED = "superseded", "Superseded by a newer file"


class Load(models.Model):
    """One file offered to one area: who offered it, when, its hash, counts and outcome.

    Kept for every file, rejected ones included, so the history of loads is complete. A file of
    the same kind loaded later supersedes this one: its records are removed, this row stays.
    """

    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="loads")
    source = models.CharField(max_length=30, blank=True)
    kind = models.CharField(max_length=40, blank=True, help_text="e.g. ssda903_episodes")
    file_name = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    status = models.CharField(max_length=12, choices=LoadStatus.choices)
    as_of = models.DateField(help_text="The date the file was validated against.")
    loaded_at = models.DateTimeField(auto_now_add=True)
    loaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    actor = models.CharField(max_length=150, help_text="Who loaded it (user or command line).")
    rows_read = models.PositiveIntegerField(default=0)
    columns = models.JSONField(
        default=dict,
        blank=True,
        help_text=(
            "The header row of each table read, by sheet name ('' for a CSV): a record's raw "
            "cells, a JSON array, sit under these names in this order."
        ),
    )
    persons_loaded = models.PositiveIntegerField(default=0)
    events_loaded = models.PositiveIntegerField(default=0)
    errors = models.PositiveIntegerField(default=0)
    queries = models.PositiveIntegerField(default=0)
    warnings = models.PositiveIntegerField(default=0)
    superseded_by = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="supersedes"
    )

    class Meta:
        db_table = "records_load"
        ordering = ["-loaded_at", "-pk"]
        indexes = [models.Index(fields=["area", "kind", "status"])]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"


class LoadIssue(models.Model):
    """One issue found in a loaded file: file, place, column, value, rule and message."""

    load = models.ForeignKey(Load, on_delete=models.CASCADE, related_name="issues")
    file = models.CharField(max_length=255)
    row = models.PositiveIntegerField(null=True, blank=True)
    path = models.CharField(max_length=255, blank=True)
    column = models.CharField(max_length=100, blank=True)
    value = models.TextField(blank=True)
    rule = models.CharField(max_length=30)
    severity = models.CharField(max_length=10)
    message = models.TextField()

    class Meta:
        db_table = "records_loadissue"
        ordering = ["pk"]
        indexes = [models.Index(fields=["load", "severity", "rule"])]

    def __str__(self) -> str:
        return f"{self.rule} in {self.file}"


class PersonRecord(models.Model):
    """A person as one source file records them. Identifiers flagged invalid are never keys."""

    area = models.ForeignKey(Area, on_delete=models.CASCADE)
    load = models.ForeignKey(Load, on_delete=models.CASCADE)
    source = models.CharField(max_length=30)
    person_id = models.CharField(max_length=64)
    la_child_id = models.CharField(max_length=64, blank=True, null=True)
    nhs_number = models.CharField(max_length=20, blank=True, null=True)
    nhs_number_valid = models.BooleanField(null=True)
    upn = models.CharField(max_length=20, blank=True, null=True)
    upn_valid = models.BooleanField(null=True)
    forename = models.CharField(max_length=100, blank=True, null=True)
    surname = models.CharField(max_length=100, blank=True, null=True)
    dob = models.DateField(null=True)
    sex = models.CharField(max_length=1, blank=True, null=True)
    postcode = models.CharField(max_length=10, blank=True, null=True)
    ethnicity = models.CharField(max_length=10, blank=True, null=True)
    row_ref = models.CharField(max_length=255, blank=True, null=True)
    raw = models.TextField(blank=True, null=True)

    class Meta:
        db_table = "records_person"
        indexes = [models.Index(fields=["area", "source", "person_id"])]

    def __str__(self) -> str:  # no personal data: this may end up in a log
        return f"{self.source} person record {self.pk}"


class EventRecord(models.Model):
    """Something dated that a source recorded about a person: referral, plan, episode, event."""

    area = models.ForeignKey(Area, on_delete=models.CASCADE)
    load = models.ForeignKey(Load, on_delete=models.CASCADE)
    source = models.CharField(max_length=30)
    record_id = models.CharField(max_length=64, blank=True, null=True)
    person_id = models.CharField(max_length=64)
    kind = models.CharField(max_length=30)
    code = models.CharField(max_length=40, blank=True, null=True)
    start_date = models.DateField(null=True)
    end_date = models.DateField(null=True)
    attributes = models.TextField(blank=True, null=True)
    row_ref = models.CharField(max_length=255, blank=True, null=True)
    raw = models.TextField(blank=True, null=True)

    class Meta:
        db_table = "records_event"
        indexes = [
            models.Index(fields=["area", "source", "person_id"]),
            models.Index(fields=["area", "kind"]),
        ]

    def __str__(self) -> str:  # no personal data: this may end up in a log
        return f"{self.source} {self.kind} record {self.pk}"


class RetentionRun(models.Model):
    """A record that child-level data was removed: when, by whom, what and how much."""

    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="retention_runs")
    at = models.DateTimeField(auto_now_add=True)
    actor = models.CharField(max_length=150)
    scope = models.CharField(max_length=100)
    counts = models.JSONField(default=dict)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"Retention ({self.scope}) for {self.area.code} at {self.at:%Y-%m-%d %H:%M}"
