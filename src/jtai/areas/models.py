"""A local safeguarding partnership area: every piece of data in jtai belongs to one."""

from __future__ import annotations

from django.core.validators import RegexValidator
from django.db import models

# ONS local authority codes: E06 unitary, E08 metropolitan district, E09 London borough,
# E10 county; W06 for Wales. Fictional areas in demos use the same shape.
LA_CODE_VALIDATOR = RegexValidator(
    r"^[EW]\d{8}$", "Enter a local authority code like E09000033 (a letter and eight digits)."
)


class Area(models.Model):
    """One partnership, named after its local authority. One installation can hold several."""

    code = models.CharField(
        "local authority code", max_length=9, unique=True, validators=[LA_CODE_VALIDATOR]
    )
    name = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"
