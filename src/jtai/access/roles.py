"""Roles and agencies as the partnership names them; policy.py enforces them."""

from __future__ import annotations

from django.db import models

from jtai.core.canonical import Agency


class AgencyChoice(models.TextChoices):
    LOCAL_AUTHORITY = Agency.LOCAL_AUTHORITY.value, "Local authority children's social care"
    HEALTH = Agency.HEALTH.value, "Health"
    POLICE = Agency.POLICE.value, "Police"
    SCHOOL = Agency.SCHOOL.value, "Schools"
    YOUTH_JUSTICE = Agency.YOUTH_JUSTICE.value, "Youth justice"
    PARTNERSHIP = Agency.PARTNERSHIP.value, "Partnership"
    INSPECTORATE = Agency.INSPECTORATE.value, "Inspectorate"


class Role(models.TextChoices):
    """What a person may do in their area. A person may hold several roles."""

    PARTNERSHIP_ADMIN = "partnership_admin", "Partnership administrator"
    LA_ANALYST = "la_analyst", "Local authority analyst"
    AGENCY_AUDITOR = "agency_auditor", "Agency auditor"
    MODERATOR = "moderator", "Moderator"
    EXECUTIVE = "executive", "Executive"
    INSPECTOR = "inspector", "Inspector"


ROLE_LABELS: dict[str, str] = {str(role.value): str(role.label) for role in Role}
